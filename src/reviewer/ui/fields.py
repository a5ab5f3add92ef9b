"""Fields of a record by path, and the edits the window makes to them (no Qt, no SQL).

A field path names one field of a `Record`: ("party", a, p), ("signed_on", a), ("place", a),
("period", a), ("kind", a), ("commitment", a, c), ("amount", a, c), ("published",). Every edit
here is a pure function Record → Record; the window wraps each in an undo command.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterator

from ..core.records import LEVELS, Agreement, Commitment, Party, Period, Record, Span

Path = tuple  # ("party", 0, 1) ...

# highlight kind of each path head
KIND_OF = {"published": "date", "party": "party", "signed_on": "date", "place": "place",
           "period": "period", "kind": "kind", "commitment": "commitment", "amount": "amount"}
HIGHLIGHT_KINDS = ("party", "date", "place", "period", "kind", "commitment", "amount")


def located_fields(record: Record) -> Iterator[tuple[Path, str, Span]]:
    """Yield (path, highlight kind, span) for every field that has a span (as `Record.spans`)."""
    if record.published_span:
        yield ("published",), "date", record.published_span
    for ai, a in enumerate(record.agreements):
        for pi, p in enumerate(a.parties):
            if p.span:
                yield ("party", ai, pi), "party", p.span
        if a.signed_on_span:
            yield ("signed_on", ai), "date", a.signed_on_span
        if a.place_span:
            yield ("place", ai), "place", a.place_span
        if a.period and a.period.span:
            yield ("period", ai), "period", a.period.span
        if a.kind_span:
            yield ("kind", ai), "kind", a.kind_span
        for ci, c in enumerate(a.commitments):
            if c.span:
                yield ("commitment", ai, ci), "commitment", c.span
            if c.amount_span:
                yield ("amount", ai, ci), "amount", c.amount_span


def _touched(origin: str) -> str:
    return "added" if origin == "added" else "edited"


def _with_agreement(record: Record, ai: int, agreement: Agreement) -> Record:
    ags = list(record.agreements)
    ags[ai] = agreement
    return replace(record, agreements=tuple(ags))


def ensure_agreement(record: Record, ai: int | None) -> tuple[Record, int]:
    """Return the record and a valid agreement index, adding an agreement if there is none."""
    if record.agreements and ai is not None and 0 <= ai < len(record.agreements):
        return record, ai
    if record.agreements:
        return record, 0
    return add_agreement(record), 0


def add_agreement(record: Record) -> Record:
    new = Agreement(kind="agreement").with_origin("kind", "added")
    return replace(record, agreements=record.agreements + (new,))


def remove_agreement(record: Record, ai: int) -> Record:
    ags = list(record.agreements)
    del ags[ai]
    return replace(record, agreements=tuple(ags))


# ---------------------------------------------------------------- scalar fields
def set_kind(record: Record, ai: int, kind: str) -> Record:
    a = record.agreements[ai]
    return _with_agreement(record, ai, replace(a, kind=kind).with_origin("kind", _touched(a.origin_of("kind"))))


def set_signed_on(record: Record, ai: int, value: str | None, span: Span | None | bool = False) -> Record:
    """Set the signing date; `span=False` keeps the current span."""
    a = record.agreements[ai]
    origin = "added" if a.signed_on is None and a.signed_on_span is None else _touched(a.origin_of("signed_on"))
    a = replace(a, signed_on=value or None)
    if span is not False:
        a = replace(a, signed_on_span=span)
    return _with_agreement(record, ai, a.with_origin("signed_on", origin))


def set_place(record: Record, ai: int, value: str | None, span: Span | None | bool = False) -> Record:
    a = record.agreements[ai]
    origin = "added" if a.place is None and a.place_span is None else _touched(a.origin_of("place"))
    a = replace(a, place=value or None)
    if span is not False:
        a = replace(a, place_span=span)
    return _with_agreement(record, ai, a.with_origin("place", origin))


def set_period(record: Record, ai: int, start: int | None, end: int | None,
               span: Span | None | bool = False) -> Record:
    a = record.agreements[ai]
    origin = "added" if a.period is None else _touched(a.origin_of("period"))
    old_span = a.period.span if a.period else None
    new_span = old_span if span is False else span
    period = None if start is None and end is None and new_span is None else Period(start, end, new_span)
    return _with_agreement(record, ai, replace(a, period=period).with_origin("period", origin))


# ---------------------------------------------------------------- parties
def add_party(record: Record, ai: int, party: Party) -> Record:
    a = record.agreements[ai]
    return _with_agreement(record, ai, replace(a, parties=a.parties + (replace(party, origin="added"),)))


def remove_party(record: Record, ai: int, pi: int) -> Record:
    a = record.agreements[ai]
    return _with_agreement(record, ai, replace(a, parties=a.parties[:pi] + a.parties[pi + 1:]))


def edit_party(record: Record, ai: int, pi: int, **changes) -> Record:
    a = record.agreements[ai]
    p = a.parties[pi]
    p = replace(p, **changes, origin=_touched(p.origin))
    return _with_agreement(record, ai, replace(a, parties=a.parties[:pi] + (p,) + a.parties[pi + 1:]))


# ---------------------------------------------------------------- commitments
def add_commitment(record: Record, ai: int, commitment: Commitment) -> Record:
    a = record.agreements[ai]
    c = replace(commitment, origin="added")
    return _with_agreement(record, ai, replace(a, commitments=a.commitments + (c,)))


def remove_commitment(record: Record, ai: int, ci: int) -> Record:
    a = record.agreements[ai]
    return _with_agreement(record, ai, replace(a, commitments=a.commitments[:ci] + a.commitments[ci + 1:]))


def edit_commitment(record: Record, ai: int, ci: int, **changes) -> Record:
    a = record.agreements[ai]
    c = a.commitments[ci]
    c = replace(c, **changes, origin=_touched(c.origin))
    return _with_agreement(record, ai, replace(a, commitments=a.commitments[:ci] + (c,) + a.commitments[ci + 1:]))


def move_commitment(record: Record, ai: int, ci: int, to: int) -> Record:
    a = record.agreements[ai]
    items = list(a.commitments)
    items.insert(to, items.pop(ci))
    return _with_agreement(record, ai, replace(a, commitments=tuple(items)))


# ---------------------------------------------------------------- remove any field by path
def remove_field(record: Record, path: Path) -> Record:
    """Remove the field at `path` (its value and its span): what "remove" in the window does."""
    head = path[0]
    if head == "published":
        return replace(record, published=None, published_span=None)
    ai = path[1]
    if head == "party":
        return remove_party(record, ai, path[2])
    if head == "commitment":
        return remove_commitment(record, ai, path[2])
    if head == "amount":
        return edit_commitment(record, ai, path[2], amount=None, amount_span=None)
    if head == "signed_on":
        return set_signed_on(record, ai, None, None)
    if head == "place":
        return set_place(record, ai, None, None)
    if head == "period":
        return set_period(record, ai, None, None, None)
    if head == "kind":
        a = record.agreements[ai]
        return _with_agreement(record, ai, replace(a, kind_span=None))
    raise KeyError(path)


def mark_accepted(record: Record) -> Record:
    """Every field still as the machine gave it becomes "accepted" (what Accept records)."""
    ags = []
    for a in record.agreements:
        parties = tuple(replace(p, origin="accepted") if p.origin == "machine" else p for p in a.parties)
        comms = tuple(replace(c, origin="accepted") if c.origin == "machine" else c for c in a.commitments)
        a = replace(a, parties=parties, commitments=comms)
        for name in ("kind", "signed_on", "place", "period"):
            if a.origin_of(name) == "machine":
                a = a.with_origin(name, "accepted")
        ags.append(a)
    return replace(record, agreements=tuple(ags))


# ---------------------------------------------------------------- reading a selection
_LEVEL_PREFIX = re.compile(
    r"^(?P<level>" + "|".join(sorted(LEVELS, key=len, reverse=True)) + r"|tp\.?|tx\.?)\s+(?P<name>.+)$",
    re.IGNORECASE | re.DOTALL)
_ABBREV = {"tp": "thành phố", "tx": "thị xã"}


def party_from_text(text: str) -> tuple[str, str | None]:
    """'tỉnh Bắc Giang' → ('Bắc Giang', 'tỉnh'); 'TP Chí Linh' → ('Chí Linh', 'thành phố')."""
    text = " ".join(text.split())
    m = _LEVEL_PREFIX.match(text)
    if not m:
        return text, None
    level = m["level"].lower().rstrip(".")
    return m["name"].strip(), _ABBREV.get(level, level)


def place_from_text(text: str) -> str:
    return party_from_text(text)[0]


PARTIAL_DATE = re.compile(r"^(?:\d{4}(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?|--(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]))$")


def valid_partial_date(value: str) -> bool:
    """True for YYYY-MM-DD, --MM-DD, YYYY-MM, YYYY (the record format's signing dates)."""
    return bool(PARTIAL_DATE.match(value))


def date_from_text(text: str, published: str | None = None) -> str | None:
    """'ngày 5/10/2019' → '2019-10-05'; 'Chiều 5.10' + published 2019-… → '2019-10-05'."""
    m = re.search(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?:\s*[/.\-]\s*((?:19|20)\d{2}))?", text)
    if not m:
        m2 = re.search(r"tháng\s*(\d{1,2})\D+((?:19|20)\d{2})", text, re.IGNORECASE)
        if m2 and 1 <= int(m2[1]) <= 12:
            return f"{m2[2]}-{int(m2[1]):02d}"
        y = re.search(r"(?:19|20)\d{2}", text)
        return y[0] if y else None
    d, mo = int(m[1]), int(m[2])
    if not (1 <= d <= 31 and 1 <= mo <= 12):
        return None
    year = m[3] or (published[:4] if published and re.match(r"\d{4}", published) else None)
    return f"{year}-{mo:02d}-{d:02d}" if year else f"--{mo:02d}-{d:02d}"


def period_from_text(text: str) -> tuple[int | None, int | None]:
    """'giai đoạn 2021-2025' → (2021, 2025); 'đến năm 2030' → (None, 2030)."""
    years = [int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", text)]
    if len(years) >= 2:
        return years[0], years[1]
    if len(years) == 1:
        return (None, years[0]) if re.search(r"đến|tới", text, re.IGNORECASE) else (years[0], None)
    return None, None


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past surrounding white space and edge punctuation."""
    strip = " \t\n\r.,;:\u00a0"
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in strip:
        end -= 1
    return start, end


SELECTION_KINDS = ("party", "date", "place", "period", "commitment", "amount")


def from_selection(record: Record, kind: str, text: str, start: int, end: int,
                   ai: int | None = None, ci: int | None = None) -> tuple[Record, Path]:
    """Make the text [start, end) the field `kind` of agreement `ai`; return the record and its path.

    An amount goes to the commitment whose span holds it, else commitment `ci`, else a new one.
    """
    start, end = trimmed(text, start, end)
    if start >= end:
        raise ValueError("empty selection")
    span = Span(start, end)
    words = text[start:end]
    record, ai = ensure_agreement(record, ai)
    a = record.agreements[ai]
    if kind == "party":
        from .units import unit_level

        name, level = party_from_text(words)
        # a bare name ("Hà Nội") takes the level of the unit it names
        record = add_party(record, ai, Party(name=name, level=level or unit_level(name), span=span))
        return record, ("party", ai, len(record.agreements[ai].parties) - 1)
    if kind == "date":
        return set_signed_on(record, ai, date_from_text(words, record.published), span), ("signed_on", ai)
    if kind == "place":
        return set_place(record, ai, place_from_text(words), span), ("place", ai)
    if kind == "period":
        return set_period(record, ai, *period_from_text(words), span), ("period", ai)
    if kind == "commitment":
        record = add_commitment(record, ai, Commitment(text=" ".join(words.split()), span=span))
        return record, ("commitment", ai, len(record.agreements[ai].commitments) - 1)
    if kind == "amount":
        holder = next((i for i, c in enumerate(a.commitments)
                       if c.span and c.span.start <= start and end <= c.span.end), None)
        if holder is None and ci is not None and 0 <= ci < len(a.commitments):
            holder = ci
        if holder is None:
            record = add_commitment(record, ai, Commitment(text=" ".join(words.split())))
            holder = len(record.agreements[ai].commitments) - 1
        return edit_commitment(record, ai, holder, amount=" ".join(words.split()), amount_span=span), \
            ("amount", ai, holder)
    raise ValueError(f"unknown field kind {kind!r}")


def with_province_2025(record: Record, path) -> Record:
    """Fill the read-only post-2025 province of the party at `path` from the unit list."""
    from .units import province_2025

    ai, pi = path[1], path[2]
    a = record.agreements[ai]
    if pi >= len(a.parties):
        return record
    p = a.parties[pi]
    prov = province_2025(p.name, p.level) if p.name else None
    if prov == p.province_2025:
        return record
    parties = a.parties[:pi] + (replace(p, province_2025=prov),) + a.parties[pi + 1:]
    ags = list(record.agreements)
    ags[ai] = replace(a, parties=parties)
    return replace(record, agreements=tuple(ags))


def unlink_moved_span(record: Record, path, text: str) -> Record:
    """Drop the span of the field at `path` if its value no longer says what the span's words
    say (a date typed over the one the text gave): the old words stop being highlighted."""
    from ..core.vntext import name_key

    head = path[0]
    if head not in ("signed_on", "place", "period", "party") or path[1] >= len(record.agreements):
        return record
    ai = path[1]
    a = record.agreements[ai]
    if head == "signed_on" and a.signed_on_span:
        words = text[a.signed_on_span.start:a.signed_on_span.end]
        if a.signed_on != date_from_text(words, record.published):
            return _with_agreement(record, ai, replace(a, signed_on_span=None))
    elif head == "place" and a.place_span:
        words = text[a.place_span.start:a.place_span.end]
        if name_key(a.place or "") != name_key(place_from_text(words)):
            return _with_agreement(record, ai, replace(a, place_span=None))
    elif head == "period" and a.period and a.period.span:
        words = text[a.period.span.start:a.period.span.end]
        found = period_from_text(words)
        if (a.period.start, a.period.end) != found and not (found[0] is None and a.period.end == found[1]):
            return _with_agreement(record, ai, replace(a, period=replace(a.period, span=None)))
    elif head == "party" and path[2] < len(a.parties):
        p = a.parties[path[2]]
        if p.span and name_key(p.name) != name_key(party_from_text(text[p.span.start:p.span.end])[0]):
            parties = a.parties[:path[2]] + (replace(p, span=None),) + a.parties[path[2] + 1:]
            return _with_agreement(record, ai, replace(a, parties=parties))
    return record
