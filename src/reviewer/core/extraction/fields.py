"""Fields: party, date, place and period of an agreement, each with its span.

The date and venue come from the first signing sentence that gives a day (else the lead,
else a month or the venue of the visit); the period from the headline or the signing
sentences.
"""
from __future__ import annotations

import re

from . import signing
from .dates import context_year, find_dates, find_month, find_periods, resolve
from .localities import Mention, MentionIndex
from ..intake import _STAMP
from ..records import LEVELS, Article, Party, Period, Span
from .sentences import Sentence

def party_of(m: Mention, countries: dict[str, str], said: dict[str, str]) -> Party:
    """A party from its mention; its level is the one the article gives it anywhere, else None."""
    unit = m.unit
    country = countries.get(m.key, m.country)
    level = m.level or said.get(m.key)
    if level not in LEVELS:
        level = None  # "bản", "ấp", "bang": the record's levels are the Vietnamese administrative ones
    return Party(name=m.name, level=level, country=country,
                 province=unit.province if unit and country == "Việt Nam" else None,
                 province_2025=unit.province_2025 if unit and country == "Việt Nam" else None,
                 span=m.span, confidence=0.9 if unit else 0.6)


def dated(text: str, article: Article, region: Span,
           index: MentionIndex) -> tuple[str | None, Span | None, str | None, Span | None]:
    """The date (resolved to ISO) and venue that one sentence gives its signing, if it gives a day."""
    dates = [d for d in find_dates(text, region.start, region.end)
             if not on_stamp_line(text, d.span) and (d.has_time_word or d.year)]
    if not dates:
        return None, None, None, None
    d = dates[0]
    year = context_year(text, d.month) if not (article.published or d.year) else None
    return (resolve(d, article.published, year), d.span) + venue(index, region, text)


def when_where(text: str, article: Article, sentences: list[Sentence], idx: list[int],
                index: MentionIndex) -> tuple[str | None, Span | None, str | None, Span | None]:
    """Signing date and venue: from the first signing sentence that has a date, else the lead."""
    # the lead: the first real sentences (site menus are a word or two a line)
    lead = [i for i, s in enumerate(sentences) if len(text[s.span.start:s.span.end].split()) >= 6][:8]
    order = list(idx) + [i for i in lead if i not in idx]
    for i in order:
        found = dated(text, article, sentences[i].span, index)
        if found[0] is None:
            continue
        iso, date_span, place, place_span = found
        if place is None:
            place, place_span = held_at(text, sentences, index)
        return iso, date_span, place, place_span
    # no day given ("Mới đây, tại huyện X …", "Trong tháng 3/2024, …"): the month if said, and the venue
    for i in idx:
        sent = sentences[i]
        month = find_month(text, sent.span.start, sent.span.end)
        place, place_span = venue(index, sent.span, text)
        if month or place:
            return (month[0] if month else None), (month[1] if month else None), place, place_span
    return (None, None) + held_at(text, sentences, index)


_VISIT = re.compile(r"\b(?:thăm|chuyến công tác|hội đàm|buổi làm việc)\b")


_VISIT_AT = re.compile(r"\b(?:thăm(?: và làm việc)?|chuyến công tác|hội đàm|buổi làm việc)\b[^.,;]{0,30}?\btại\s*$")


def visit_venue(text: str, sentences: list[Sentence], index: MentionIndex,
                 party_keys: set[str]) -> tuple[str | None, Span | None]:
    """Where the visit took place when no signing sentence says: "thăm và làm việc tại TP.Hội An",
    "chuyến thăm … tại tỉnh Quảng Đông" — a venue that is a party, or the province a party lies in."""
    hosts = set(party_keys)
    for a, b in zip(index.mentions, index.mentions[1:]):
        if b.qualifier and a.key in party_keys:
            hosts.add(b.key)
    for s in sentences:
        if not _VISIT.search(text, s.span.start, s.span.end):
            continue
        for m in index.within(s.span):
            start = (m.level_span or m.span).start
            if m.venue and m.key in hosts and _VISIT_AT.search(text[max(s.span.start, start - 60):start]):
                return m.name, m.span
    return None, None


def held_at(text: str, sentences: list[Sentence], index: MentionIndex) -> tuple[str | None, Span | None]:
    """The venue of "Lễ ký diễn ra tại TP Hà Tĩnh …", said in a sentence of its own."""
    for s in sentences:
        if signing.HELD_AT.search(text, s.span.start, s.span.end):
            place = venue(index, s.span)
            if place[0]:
                return place
    return None, None


def venue(index: MentionIndex, region: Span, text: str | None = None) -> tuple[str | None, Span | None]:
    """The most specific place named after "tại" in a region (a ward in brackets beats its province).

    With `text`, a "tại" inside the signed document's name ("ký Biên bản … xây dựng trường tại
    tỉnh X") says what the document is about, not where it was signed, and does not count."""
    venues = [m for m in index.within(region) if m.venue and not (text and in_document_name(text, region, m))]
    best = None
    for m in venues:
        if (not m.qualifier or m.tier > 1) and (best is None or m.tier > best.tier):
            best = m
    return (best.name, best.span) if best else (None, None)


def in_document_name(text: str, region: Span, m: Mention) -> bool:
    """True when the mention sits inside the name of a document just signed, with no comma between."""
    for sign in signing.SIGN.finditer(text, region.start, m.span.start):
        doc = signing.DOC.search(text, sign.end(), min(sign.end() + 40, m.span.start))
        if doc and not re.search(r"[,;:()]|tổ chức|diễn ra", text[doc.end():m.span.start]):
            return True
    return False


def on_stamp_line(text: str, span: Span) -> bool:
    ls = text.rfind("\n", 0, span.start) + 1
    le = text.find("\n", span.end)
    line = text[ls:le if le >= 0 else len(text)]
    return bool(_STAMP.match(line.strip()))


def period_of(text: str, title: Span | None, sents: list[Sentence]) -> Period | None:
    regions = ([title] if title else []) + [s.span for s in sents]
    for r in regions:
        found = find_periods(text, r.start, r.end)
        if found:
            p = found[0]
            return Period(p.start, p.end, p.span)
    return None
