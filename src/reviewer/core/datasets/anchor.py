"""Anchor every field of a curated record to the words of the article it was read from.

A gold file or an export without spans says *what* the article reports ("Hải Dương",
"2019-10-05", from 2020 to 2025) but not *where*. `anchor` gives each field a span, in order:
the machine's span where its value agrees; else the value's occurrence in the sentences that
report this agreement's signing; else its first occurrence in the body (then anywhere). Dates
and periods are found by the words they are read from ("Chiều 5.10", "giai đoạn 2020-2025").
A field whose words the text does not hold keeps no span and is listed under `unlocated`.
Spans already present are kept.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterable

from ..extraction.sentences import split
from ..records import Agreement, Article, Commitment, Party, Record, Span
from ..vntext import fold, name_key, nfc

# patterns run over folded text (`vntext.fold`: lower case, "hoạch" → "họach"), so their
# words are folded too
_KIND_WORDS = {
    "memorandum": r"(?:biên bản |bản )?ghi nhớ",
    "agreement": r"(?:biên bản )?thỏa thuận(?: hợp tác)?",
    "program": r"chương trình(?: hợp tác| phối hợp)?|kế hoạch(?: hợp tác)?",
    "other": r"kết nghĩa|quy chế(?: phối hợp)?|giao ước|ý định thư|hiệp định",
}
_KIND_WORDS = {k: fold(v) for k, v in _KIND_WORDS.items()}
# what "ký kết hợp tác", "ký biên bản làm việc" name when no kind word is written
_ANY_DOC = fold(r"biên bản(?: hợp tác| làm việc| thống nhất)?|hợp tác(?: hữu nghị)?")
_SIGN = re.compile(r"(?<!\w)(?:ký|kí)(?!\w)")
_SIGN_DOC = re.compile(fold(r"(?<!\w)(?:ký|kí)(?!\w).{0,60}?(?:thỏa thuận|ghi nhớ|chương trình|kết nghĩa"
                            r"|biên bản|quy chế|kế hoạch|giao ước)"))
_TIME_WORD = re.compile(fold(r"(?:sáng|chiều|tối|trưa|đêm|ngày|hôm nay|hôm qua)[\s,(]*(?:\w+\s*)?[,(]?\s*$"))


class _Text:
    """The article's folded text, its sentences, and where each field may be looked for."""

    def __init__(self, article: Article):
        self.article = article
        self.text = article.text
        self.folded = fold(article.text)
        self._sentences: list[Span] | None = None
        self.cache: dict = {}

    @property
    def sentences(self) -> list[Span]:
        if self._sentences is None:
            self._sentences = [s.span for s in split(self.text)]
        return self._sentences

    def valid(self, span: Span | None) -> Span | None:
        return span if span is not None and span.end <= len(self.text) and span.end > span.start else None

    def covering(self, spans: Iterable[Span]) -> list[Span]:
        """The sentences that hold any of `spans`."""
        out = []
        for s in self.sentences:
            if any(s.start <= sp.start < s.end for sp in spans) and s not in out:
                out.append(s)
        return out

    def find(self, patterns: Iterable[str | re.Pattern], regions: list[Span], taken: list[Span],
             accept=None, preferred: Iterable[str] = ()) -> Span | None:
        """The best occurrence of a pattern: in `regions` first, then the body, then anywhere;
        one that overlaps no `taken` span before one that does; within each, a `preferred`
        pattern's (whose group `n` is the span) before the others'."""
        tiers = [self._all(preferred, accept), self._all(patterns, accept)]
        body = self.article.body_start
        for free_only in (True, False):
            for where in (lambda sp: any(r.start <= sp.start and sp.end <= r.end for r in regions),
                          lambda sp: sp.start >= body, lambda sp: True):
                for found in tiers:
                    hit = next((sp for sp in found if where(sp) and not (free_only and any(
                        sp.start < t.end and t.start < sp.end for t in taken))), None)
                    if hit is not None:
                        return hit
        return None

    def _all(self, patterns: Iterable[str | re.Pattern], accept) -> list[Span]:
        found: list[Span] = []
        for p in patterns:
            rx = re.compile(p) if isinstance(p, str) else p
            g = "n" if "n" in rx.groupindex else 0
            for m in rx.finditer(self.folded):
                if m.end(g) > m.start(g) and (accept is None or accept(m)):
                    found.append(Span(m.start(g), m.end(g)))
        return sorted(found)


def _words(value: str, sep: str = r"[\s\-–]+") -> str | None:
    """A pattern for a name or clause in folded text: its words in order, any spacing between."""
    tokens = re.findall(r"\w+|[^\w\s]", fold(nfc(value)))
    if not tokens:
        return None
    out = ""
    for i, tok in enumerate(tokens):
        if i:
            word_gap = tokens[i - 1][-1].isalnum() and tok[0].isalnum()
            out += sep if word_gap else r"\s*"
        out += re.escape(tok)
    return r"(?<!\w)" + out + r"(?!\w)"


def _name(value: str | None) -> list[str]:
    p = _words(value or "")
    return [p] if p else []


def _venue(value: str | None) -> list[str]:
    p = _words(value or "")
    level = fold(r"(?:tỉnh|thành phố|tp\.?|huyện|quận|thị xã|tx\.?|xã|phường|thị trấn)")
    return [rf"(?<!\w)tại\s+(?:{level}\s+)?(?P<n>{p})"] if p else []


def _clause(value: str | None) -> list[str]:
    p = _words(value or "", r"\s+")
    return [p] if p else []


def _date(value: str | None) -> tuple[list[str], callable]:
    """Patterns for the words an ISO date (`YYYY-MM-DD`, `--MM-DD`, `YYYY-MM`, `YYYY`) is read from."""
    m = re.fullmatch(r"(?:(\d{4})|-)-(\d{2})-(\d{2})|(\d{4})-(\d{2})|(\d{4})", value or "")
    if not m:
        return [], None
    if m.group(3):
        year, month, day = m.group(1), int(m.group(2)), int(m.group(3))
        y = r"(?:\s*(?P=sep)\s*(?P<y>\d{4}))?"
        pats = [rf"(?<![\d/.\-])0?{day}\s*(?P<sep>[/.\-])\s*0?{month}{y}(?![\d/])",
                rf"ngày\s+0?{day}\s+tháng\s+0?{month}(?:\s+năm\s+(?P<y>\d{{4}}))?(?!\d)"]

        def accept(mt: re.Match, year=year) -> bool:
            got = mt.groupdict().get("y")
            if got and year and got != year:
                return False
            # "5.10" or "5-10" without a year is a date only after a time word ("Chiều 5.10")
            if not got and mt.groupdict().get("sep") in (".", "-"):
                return bool(_TIME_WORD.search(mt.string, max(0, mt.start() - 30), mt.start()))
            return True
        return pats, accept
    if m.group(5):
        year, month = m.group(4), int(m.group(5))
        return [rf"tháng\s+0?{month}\s*(?:/|năm)\s*{year}(?!\d)", rf"(?<![\d/])0?{month}/{year}(?!\d)"], None
    year = m.group(6)
    return [rf"năm\s+{year}(?!\d)", rf"(?<!\d){year}(?!\d)"], None


def _period(start: int | None, end: int | None) -> list[str]:
    lead = fold(r"(?:(?:giai đoạn|thời kỳ|thời gian|nhiệm kỳ|từ)\s+)?(?:năm\s+)?")
    if start and end and start == end:  # one year: "quy chế phối hợp năm 2023"
        return [rf"(?<!\w)năm\s+{start}(?!\d)(?!\s*[-–—])"]
    if start and end:
        return [rf"{lead}{start}\s*(?:[-–—]|đến|tới)\s*(?:năm\s+)?{end}(?!\d)"]
    if end:
        return [rf"(?:đến|tới)\s+(?:năm\s+)?{end}(?!\d)"]
    if start:
        return [rf"từ\s+(?:năm\s+)?{start}(?!\d)"]
    return []


def _norm(s: str | None) -> str:
    return re.sub(r"\W+", " ", fold(nfc(s or ""))).strip()


def _pair(curated: tuple[Agreement, ...], machine: tuple[Agreement, ...]) -> list[Agreement | None]:
    """The machine agreement each curated one corresponds to (most shared parties), or None."""
    free = list(range(len(machine)))
    out: list[Agreement | None] = []
    for a in curated:
        names = {name_key(p.name) for p in a.parties}
        best, score = None, (0, 0)
        for j in free:
            m = machine[j]
            s = (len(names & {name_key(p.name) for p in m.parties}), int(m.signed_on == a.signed_on))
            if s > score:
                best, score = j, s
        if best is None and len(curated) == 1 == len(machine) and free:
            best = free[0]
        if best is not None:
            free.remove(best)
        out.append(machine[best] if best is not None else None)
    return out


def anchor(article: Article, record: Record, machine: Record | None = None) -> Record:
    """`record` with a span for every field whose words the article holds (see the module doc);
    the others are listed under `unlocated`. Values are never changed."""
    if _complete(record):
        return record
    t = _Text(article)
    machine = machine or Record()
    published_span, unlocated = t.valid(record.published_span), ()
    if record.published and published_span is None:
        if machine.published == record.published:
            published_span = t.valid(machine.published_span)
        if published_span is None and article.published == record.published:
            published_span = t.valid(article.published_span)
        if published_span is None:
            pats, accept = _date(record.published)
            published_span = t.find(pats, [], [], accept)
        unlocated = () if published_span else ("published",)
    taken: dict[str, list[Span]] = {"commitment": []}
    agreements = tuple(_agreement(t, a, m, machine, taken, published_span)
                       for a, m in zip(record.agreements, _pair(record.agreements, machine.agreements)))
    return replace(record, published_span=published_span, agreements=agreements, unlocated=unlocated)


def _complete(record: Record) -> bool:
    """Every field that has a value has a span (nothing to anchor, nothing to mark)."""
    if record.published and not record.published_span or record.unlocated:
        return False
    for a in record.agreements:
        if a.unlocated or not a.kind_span or (a.signed_on and not a.signed_on_span) \
                or (a.place and not a.place_span) or (a.period and not a.period.span):
            return False
        if any(not p.span or p.unlocated for p in a.parties):
            return False
        if any(not c.span or (c.amount and not c.amount_span) or c.unlocated for c in a.commitments):
            return False
    return True


def _agreement(t: _Text, a: Agreement, m: Agreement | None, machine: Record,
               taken: dict[str, list[Span]], published: Span | None) -> Agreement:
    m = m or Agreement()
    machine_spans = [s for s in (m.kind_span, m.signed_on_span, *(p.span for p in m.parties)) if s]
    names = [p for p in (_words(p.name) for p in a.parties) if p]
    signing = t.covering(machine_spans) + [
        s for s in t.sentences
        if _SIGN.search(t.folded, s.start, s.end) and any(re.compile(n).search(t.folded, s.start, s.end) for n in names)]
    if not signing:  # "các đồng chí … ký kết biên bản ghi nhớ giữa 2 địa phương": no place named
        signing = [s for s in t.sentences if _SIGN_DOC.search(t.folded, s.start, s.end)]
    missing: list[str] = []

    def pick(current, value, machine_value, machine_span, patterns, field, accept=None, preferred=(), avoid=()):
        span = t.valid(current)
        if span is None and value is not None and value == machine_value:
            span = t.valid(machine_span)
        if span is None and value is not None:
            span = t.find(patterns, signing, list(avoid), accept, preferred)
        if value is not None and span is None:
            missing.append(field)
        return span

    kind_span = pick(a.kind_span, a.kind, m.kind, m.kind_span, [_ANY_DOC], "kind",
                     preferred=[_KIND_WORDS.get(a.kind, r"(?!)")])
    pats, accept = _date(a.signed_on)
    # the publication stamp often has the signing's date too: the signing's own words come first
    stamp = [sp for sp in (published, t.article.published_span) if sp]
    signed_on_span = pick(a.signed_on_span, a.signed_on, m.signed_on, m.signed_on_span, pats, "signed_on",
                          accept, avoid=stamp)
    place_span = pick(a.place_span, a.place and name_key(a.place), m.place and name_key(m.place),
                      m.place_span, _name(a.place), "place", preferred=_venue(a.place))
    period = a.period
    if period is not None:
        same = m.period is not None and (m.period.start, m.period.end) == (period.start, period.end)
        span = pick(period.span, (period.start, period.end), (m.period.start, m.period.end) if same else None,
                    m.period.span if same else None, _period(period.start, period.end), "period")
        period = replace(period, span=span)
    # a party named where the signing took place ("tại huyện Hậu Lộc, huyện Hậu Lộc và …")
    # is its next mention, not the venue's
    avoid = [place_span] if place_span else []
    parties = []
    for p in a.parties:
        parties.append(_party(t, p, m, signing, avoid))
        avoid += [parties[-1].span] if parties[-1].span else []
    # the contents follow the signing, clause after clause: look after the previous one first
    after = min((sp.start for sp in signing), default=t.article.body_start)
    commitments = []
    for c in a.commitments:
        commitments.append(_commitment(t, c, m, machine, [Span(after, len(t.text))], taken["commitment"]))
        after = commitments[-1].span.end if commitments[-1].span else after
    return replace(a, kind_span=kind_span, signed_on_span=signed_on_span, place_span=place_span,
                   period=period, parties=tuple(parties), commitments=tuple(commitments), unlocated=tuple(missing))


def _party(t: _Text, p: Party, m: Agreement, signing: list[Span], avoid: list[Span]) -> Party:
    span = t.valid(p.span)
    if span is None:
        span = next((t.valid(q.span) for q in m.parties
                     if q.span and name_key(q.name) == name_key(p.name) and q.span not in avoid), None)
    if span is None:
        span = t.find(_name(p.name), signing, avoid)
    return replace(p, span=span, unlocated=() if span or not p.name else ("name",))


def _commitment(t: _Text, c: Commitment, m: Agreement, machine: Record, regions: list[Span],
                taken: list[Span]) -> Commitment:
    # the machine's commitments by their words, this agreement's first (built once per record)
    index = t.cache.get(id(machine))
    if index is None:
        index = t.cache[id(machine)] = {}
        for a in machine.agreements:
            for d in a.commitments:
                if d.span:
                    index.setdefault(_norm(d.text), []).append((a, d))
    same = [d for a, d in sorted(index.get(_norm(c.text), ()), key=lambda ad: ad[0] is not m)]
    span = t.valid(c.span)
    if span is None:
        span = next((t.valid(d.span) for d in same if d.span not in taken), None)
    if span is None:
        span = t.find(_clause(c.text), regions, taken)
    if span is not None:
        taken.append(span)
    amount_span = t.valid(c.amount_span)
    if c.amount and amount_span is None:
        amount_span = next((t.valid(d.amount_span) for d in same
                            if d.amount_span and _norm(d.amount) == _norm(c.amount)), None)
    if c.amount and amount_span is None:
        amount_span = t.find(_clause(c.amount), [span] if span else regions, [])
    missing = tuple(f for f, v, s in (("text", c.text, span), ("amount", c.amount, amount_span)) if v and s is None)
    return replace(c, span=span, amount_span=amount_span, unlocated=missing)
