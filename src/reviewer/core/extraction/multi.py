"""One article, several signed documents: the document kind, and how an extraction splits.

Two cases are told apart from one multilateral document:
- one locality signs separately with each partner: "giữa A với C và giữa B với C",
  "biên bản ghi nhớ với tỉnh X và thỏa thuận hợp tác với tỉnh Y", "Với quận Tây Hồ, …";
- a second document between the same parties on the same occasion ("Dịp này, hai địa
  phương ký kết thỏa thuận …").
"""
from __future__ import annotations

import re
from dataclasses import replace

from .dates import find_periods
from .localities import Mention
from ..records import Agreement, Commitment, Party, Period, Span
from .sentences import Sentence
from ..vntext import name_key

KIND_PATTERNS = [
    ("other", re.compile(r"kết nghĩa|ý định thư|quy chế phối hợp|giao ước thi đua", re.I)),
    ("memorandum", re.compile(r"ghi nhớ", re.I)),
    ("agreement", re.compile(r"(?:thỏa|thoả) thuận (?:hợp tác|liên kết|phối hợp)|biên bản (?:thỏa|thoả) thuận"
                             r"|hiệp định|văn bản (?:hợp tác|thỏa thuận|thoả thuận)", re.I)),
    ("program", re.compile(r"chương trình (?:hợp tác|phối hợp|liên kết)|kế hoạch (?:hợp tác|phối hợp)", re.I)),
]
DOCUMENT = re.compile(r"thỏa thuận|thoả thuận|ghi nhớ|chương trình|kết nghĩa|biên bản|văn bản|ý định thư|kế hoạch"
                      r"|quy chế|hiệp định", re.I)
# "với (UBND|Quận ủy …) X": X is the partner of the document named just before
_WITH = re.compile(r"(?:^|\s)[Vv]ới\s+(?:(?:UBND|HĐND|[Cc]hính quyền|[Qq]uận ủy|[Hh]uyện ủy|[Tt]ỉnh ủy|[Tt]hành ủy"
                   r"|[Tt]hị ủy|Đảng ủy|[Đđ]ảng bộ)\s+)?$")
_MULTILATERAL = re.compile(r"(?:\b[3-9]|\bba|\bbốn|\bnăm)\s+(?:tỉnh|bên|địa phương|huyện|thành phố|nước)\b"
                           r"|\bba bên\b|đa phương")


def kind_of(text: str, spans: list[tuple[Span, int]]) -> tuple[str, Span | None]:
    """The document kind with most weighted hits; ties go to the more specific kind."""
    score: dict[str, int] = {}
    first: dict[str, Span] = {}
    for sp, weight in spans:
        body = text[sp.start:sp.end]
        for kind, rx in KIND_PATTERNS:
            for m in rx.finditer(body):
                score[kind] = score.get(kind, 0) + weight
                first.setdefault(kind, Span(sp.start + m.start(), sp.start + m.end()))
    if not score:
        return "other", None  # "ký kết hợp tác hữu nghị", "biên bản làm việc": no named kind
    order = [k for k, _ in KIND_PATTERNS]
    kind = max(score, key=lambda k: (score[k], -order.index(k)))
    return kind, first.get(kind)


def split_bilateral(base: Agreement, text: str, sentences: list[Sentence], mentions: list[Mention],
                    groups: list[list[Mention]], signing: list[Span]) -> list[Agreement] | None:
    """One agreement per partner when a hub locality signs with each partner separately."""
    parties = list(base.parties)
    keys = {name_key(p.name): p for p in parties}
    if len(keys) < 3 or any(_MULTILATERAL.search(text[s.start:s.end]) for s in signing):
        return None
    windows: dict[str, list[Span]] = {}
    pairs: list[frozenset[str]] = []
    for g in groups:
        ks = frozenset(m.key for m in g)
        if len(ks) == 2 and ks <= keys.keys():
            pairs.append(ks)
            start = max(0, g[0].span.start - 90)
            lead = text[start:g[0].span.start]
            doc = DOCUMENT.search(lead)
            for k in ks:
                windows.setdefault(k, []).append(Span(start + doc.start() if doc else g[0].span.start, g[-1].span.end))
    party_mentions = [m for m in mentions if m.key in keys and not m.qualifier and not m.venue]
    named_after_with: set[str] = set()
    for sent in sentences:
        inside = [m for m in party_mentions if sent.span.start <= m.span.start < sent.span.end]
        for n, m in enumerate(inside):
            start = m.level_span.start if m.level_span else m.span.start
            pre = text[sent.span.start:start]
            w = _WITH.search(pre)
            if not w:
                continue
            nxt = inside[n + 1] if n + 1 < len(inside) else None
            if nxt and re.fullmatch(r"\s*(?:\([^()]*\))?\s*(?:,|và)\s*(?:UBND|[Qq]uận ủy|[Hh]uyện ủy|[Tt]ỉnh ủy)?\s*",
                                    text[m.span.end:nxt.level_span.start if nxt.level_span else nxt.span.start]):
                continue  # "với A và B": one document, several partners
            floor = max([sent.span.start, start - 90] + [x.span.end for x in inside[:n]])
            if "giữa" in text[max(sent.span.start, start - 90):start]:
                continue  # "giữa A với B" is a pair, read from the groups
            doc = DOCUMENT.search(text, floor, sent.span.start + w.start() + 1)
            if doc is None and not re.match(r"\s*[Vv]ới\s", text[sent.span.start:sent.span.start + 6]):
                continue
            windows.setdefault(m.key, []).append(Span(doc.start() if doc else sent.span.start, m.span.end))
            named_after_with.add(m.key)
    # the hub signs with everyone: in every pair, never the one named after "với";
    # when that leaves several, the one the article names first (its headline's subject)
    hubs = set.intersection(*(set(p) for p in pairs)) if pairs else set(keys)
    hubs -= named_after_with
    if not hubs:
        return None
    hub = next(k for k in keys if k in hubs)
    partners = [k for k in keys if k != hub]
    if any(k not in windows or k not in named_after_with and frozenset((hub, k)) not in pairs for k in partners):
        return None
    out = []
    others = {k: windows[k] for k in partners}
    for k in sorted(partners, key=lambda k: min(w.start for w in windows[k])):
        own = windows[k]
        kind, kind_span = kind_of(text, [(w, 1) for w in own])
        if kind_span is None:
            kind, kind_span = base.kind, base.kind_span
        period = _own_period(text, own, base.period, [w for o, ws in others.items() if o != k for w in ws])
        pair = tuple(p for p in parties if name_key(p.name) in (hub, k))
        out.append(replace(base, parties=pair, kind=kind, kind_span=kind_span, period=period, commitments=()))
    return _assign(out, base.commitments, party_mentions, [k for k in sorted(
        partners, key=lambda k: min(w.start for w in windows[k]))])


def _own_period(text: str, own: list[Span], shared: Period | None, elsewhere: list[Span]) -> Period | None:
    for w in own:
        found = find_periods(text, w.start, w.end)
        if found:
            return Period(found[0].start, found[0].end, found[0].span)
    if shared and shared.span and any(w.start <= shared.span.start < w.end for w in elsewhere):
        return None  # the period belongs to another partner's document
    return shared


def _assign(agreements: list[Agreement], commitments: tuple[Commitment, ...], mentions: list[Mention],
            partner_order: list[str]) -> list[Agreement]:
    """Each commitment goes to the partner it names, else to the partner named last before it."""
    slot = {k: n for n, k in enumerate(partner_order)}
    marks = sorted((m.span.start, slot[m.key]) for m in mentions if m.key in slot)
    buckets: list[list[Commitment]] = [[] for _ in agreements]
    for c in commitments:
        start, end = (c.span.start, c.span.end) if c.span else (0, 0)
        inside = [n for pos, n in marks if start <= pos < end]
        before = [n for pos, n in marks if pos < start]
        target = inside[0] if inside else before[-1] if before else 0
        buckets[target].append(c)
    return [replace(a, commitments=tuple(b)) for a, b in zip(agreements, buckets)]


def split_documents(base: Agreement, text: str, sentences: list[Sentence], extra_acts: list[int],
                    main_kind: str) -> list[Agreement] | None:
    """A second document signed on the same occasion ("Dịp này, hai địa phương ký kết thỏa thuận …")."""
    out = [base]
    for i in extra_acts:
        sent = sentences[i]
        kind, span = kind_of(text, [(sent.span, 1)])
        if kind == main_kind or span is None:
            continue
        mine = tuple(c for c in base.commitments if c.span and c.span.start >= sent.span.start)
        taken = {id(c) for c in mine}
        out[0] = replace(out[0], commitments=tuple(c for c in out[0].commitments if id(c) not in taken))
        own = find_periods(text, sent.span.start, sent.span.end)
        period = Period(own[0].start, own[0].end, own[0].span) if own else None
        out.append(replace(base, kind=kind, kind_span=span, commitments=mine, period=period))
    return out if len(out) > 1 else None


_HEAD = r"(?:biên bản|bản ghi nhớ|thỏa thuận|thoả thuận|chương trình|kế hoạch|quy chế|giao ước|hiệp định)"
# "ký kết biên bản kết nghĩa và quy chế phối hợp …": two documents named by one signing verb
_CONJOINED = re.compile(r"(?:ký|kí)(?:\s+kết)?\s+(?P<a>" + _HEAD + r"[^,.;]{0,60}?)\s+và\s+(?P<b>" + _HEAD
                        + r"[^,.;]{0,40})", re.I)


def split_conjoined(base: Agreement, text: str, sentences: list[Sentence], acts: list[int]) -> list[Agreement] | None:
    """Two documents signed in one breath; the second document's commitments follow its own
    "Theo quy chế phối hợp, …" cue."""
    for i in acts:
        sent = sentences[i]
        m = _CONJOINED.search(text, sent.span.start, sent.span.end)
        if not m:
            continue
        head_a, head_b = (re.match(_HEAD, m.group(g), re.I).group(0).lower() for g in ("a", "b"))
        if head_a == head_b:
            continue
        kinds = [kind_of(text, [(Span(m.start(g), m.end(g)), 1)]) for g in ("a", "b")]
        cue = re.compile(r"(?:^|\n|\.\s)\s*(?:Theo|Tại|Trong)\s+" + re.escape(m.group("b").split()[0]) + r"\s+"
                         + re.escape(m.group("b").split()[1] if len(m.group("b").split()) > 1 else ""), re.I)
        second = cue.search(text, sent.span.end)
        split_at = second.start() if second else len(text)
        first_c = tuple(c for c in base.commitments if not c.span or c.span.start < split_at)
        second_c = tuple(c for c in base.commitments if c.span and c.span.start >= split_at)
        out = []
        for (kind, span), commitments in zip(kinds, (first_c, second_c)):
            out.append(replace(base, kind=kind if span else base.kind, kind_span=span or base.kind_span,
                               commitments=commitments))
        return out
    return None


def split_events(base: Agreement, text: str, sentences: list[Sentence], acts: list[int],
                 mentions: list[Mention], dated) -> list[Agreement] | None:
    """Signings on different days (a delegation's trip): one agreement per dated signing sentence,
    between the parties it names; a locality named in none of them signs in all (the delegation's)."""
    events = []
    for i in acts:
        iso, date_span, place, place_span = dated(sentences[i].span)
        if iso and not any(e[1] == iso for e in events):
            events.append((i, iso, date_span, place, place_span))
    if len(events) < 2:
        return None
    keys = {name_key(p.name) for p in base.parties}
    named = [{m.key for m in mentions if sentences[i].span.start <= m.span.start < sentences[i].span.end
              and m.key in keys and not m.qualifier and not m.venue} for i, *_ in events]
    shared = set.intersection(*named) or keys - set.union(*named)
    if not shared:  # the delegation: the locality named first (its headline's subject)
        shared = {next(name_key(p.name) for p in base.parties)}
    if any(len(ks | shared) < 2 for ks in named) or set.union(*named, shared) != keys or len(
            {frozenset(ks | shared) for ks in named}) < 2:
        return None
    ends = [sentences[e[0]].span.start for e in events[1:]] + [len(text)]
    out = []
    for (i, iso, date_span, place, place_span), ks, end in zip(events, named, ends):
        span = sentences[i].span
        kind, kind_span = kind_of(text, [(span, 1)])
        own = find_periods(text, span.start, span.end)
        out.append(replace(
            base, parties=tuple(p for p in base.parties if name_key(p.name) in ks | shared),
            kind=kind if kind_span else base.kind, kind_span=kind_span or base.kind_span,
            signed_on=iso, signed_on_span=date_span, place=place, place_span=place_span,
            period=Period(own[0].start, own[0].end, own[0].span) if own else None,
            commitments=tuple(c for c in base.commitments
                              if c.span and (span.start <= c.span.start < end or not out and c.span.start < end))))
    return out


# "xã A kết nghĩa với xã B và xã C; xã D kết nghĩa với xã E": pairings listed in one sentence
_PAIRED = re.compile(r"(?:kết nghĩa|ký kết|ký)\b[^;.]{0,80}?\bvới\b")


def split_pairings(base: Agreement, text: str, sentences: list[Sentence], mentions: list[Mention],
                   party_of) -> list[Agreement] | None:
    """One agreement per pairing when a sentence lists them ("A kết nghĩa với B; C kết nghĩa với D");
    the signing's date, place, kind and agreed contents are shared. `party_of(mention)` makes a Party."""
    for sent in sentences:
        body = text[sent.span.start:sent.span.end]
        if body.count(";") < 1:
            continue
        pairs, pos = [], sent.span.start
        for part in re.split(r";", body):
            start, end = pos, pos + len(part)
            pos = end + 1
            verb = _PAIRED.search(text, start, end)
            if not verb:
                pairs = []
                break
            inside = [m for m in mentions if start <= m.span.start < end and not m.qualifier and not m.venue]
            left = [m for m in inside if m.span.start < verb.start()]
            right = [m for m in inside if m.span.start >= verb.end() - 3]
            if not left or not right:
                pairs = []
                break
            pairs.append(left + right)
        if len(pairs) >= 2:
            out = []
            # the pairing sentence says who pairs with whom, not what they undertake
            kept = tuple(c for c in base.commitments if not (c.span and sent.span.start <= c.span.start < sent.span.end))
            base = replace(base, commitments=kept)
            for group in pairs:
                parties = []
                for m in group:
                    p = party_of(m)  # the level this pairing gives ("xã Nông Cống", not the old huyện)
                    if all(name_key(q.name) != name_key(p.name) for q in parties):
                        parties.append(p)
                out.append(replace(base, parties=tuple(parties)))
            return out
    return None


# "Cùng ngày, tại …, A và B tổ chức lễ kết nghĩa": another signing, between other localities
_SAME_DAY = re.compile(r"^(?:Cùng ngày|Cũng trong ngày|Cũng trong sáng|Cũng trong chiều|Cùng dịp này|Cũng trong dịp này)")


def split_same_day(base: Agreement, text: str, sentences: list[Sentence], acts: list[int],
                   mentions: list[Mention], party_of, venue_of) -> list[Agreement] | None:
    """A second signing reported as "Cùng ngày, …" between localities of its own: its own agreement,
    with the parties, venue and contents that sentence gives; the first keeps the rest."""
    for i in acts:
        span = sentences[i].span
        if not _SAME_DAY.match(text[span.start:span.end]):
            continue
        own = [m for m in mentions if span.start <= m.span.start < span.end and not m.qualifier and not m.venue]
        keys = {m.key for m in own}
        first = tuple(p for p in base.parties if name_key(p.name) not in keys)
        if len(keys) < 2 or len(first) < 2:
            continue
        second = []
        for m in own:
            if all(name_key(p.name) != m.key for p in second):
                second.append(party_of(m))
        kind, kind_span = kind_of(text, [(span, 1)])
        place, place_span = venue_of(span)
        later = tuple(c for c in base.commitments if c.span and c.span.start >= span.start)
        earlier = tuple(c for c in base.commitments if c not in later)
        return [replace(base, parties=first, commitments=earlier),
                replace(base, parties=tuple(second), kind=kind if kind_span else base.kind,
                        kind_span=kind_span or base.kind_span, place=place, place_span=place_span,
                        commitments=later, period=None)]
    return None


__all__ = ["KIND_PATTERNS", "DOCUMENT", "Party", "kind_of", "split_bilateral", "split_conjoined", "split_documents",
           "split_events", "split_pairings", "split_same_day"]
