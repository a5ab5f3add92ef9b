"""Extraction: Article → Record, every field with its span into the stored text.

The path: locality mentions (gazetteer) → sentences that report a signing →
the signing parties (in the headline, in a signing sentence, or "giữa A và B"),
minus qualifiers, venues and witnesses → one agreement per signed document →
kind, date, place, period from the signing sentences → commitments.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace

from . import commitments as cm
from . import clauses, roles
from .dates import context_year, find_dates, find_month, find_periods, resolve
from .gazetteer import load as load_gazetteer
from .learned import BUNDLED, Model, bundled
from ..intake import _STAMP
from .localities import Mention, find_mentions, foreign_countries
from .multi import DOCUMENT as _DOCUMENT
from .multi import (kind_of, split_bilateral, split_conjoined, split_documents, split_events, split_pairings,
                    split_same_day)
from ..vntext import name_key
from ..records import LEVELS, Agreement, Article, Party, Period, Record, Span
from .sentences import Sentence, split

EXTRACTOR_VERSION = "1.0.0"
Extraction = Record

_SIGN = re.compile(r"(?<!\w)(?:[Kk][ýí]|KÝ|KÍ)(?:\s+kết)?(?!\w)")
_DOC = re.compile(
    r"thỏa thuận|thoả thuận|ghi nhớ|chương trình|hợp tác|kết nghĩa|biên bản|văn bản|ý định thư|kế hoạch|quy chế"
    r"|hiệp định|giao ước|cam kết", re.I)
_CEREMONY = re.compile(r"(?:[Ll]ễ|buổi|[Hh]ội nghị|việc|sau khi|trước khi|[Cc]hương trình|nội dung|[Tt]heo)\s*$")
_FUTURE = re.compile(r"(?:sẽ|nghiên cứu|tiến tới|dự kiến|chuẩn bị|hướng tới|chưa|không)\s*$")
_ATTEND = re.compile(r"^(?:Dự lễ|Tham dự|Chủ trì|Cùng dự|Đến dự)|có sự tham dự|chủ trì")
_WITNESS = re.compile(r"chứng kiến[^,;.]*")
_BETWEEN = re.compile(r"giữa\s")
_GATHERING = re.compile(r"[Hh]ội nghị|[Ll]ễ\b|buổi|[Hh]ội đàm|[Dd]iễn đàn")
# "lễ ký kết … sẽ được tổ chức vào tháng 4 tới", "dự kiến ký kết": a signing still to come
_PLANNED = re.compile(r"sẽ\s+(?:được\s+)?(?:tổ chức|diễn ra|ký)|[Dd]ự kiến|\bsắp\b|tháng\s+\d{1,2}\s+tới|năm\s+tới")
# "tổ chức lễ ký kết", "đã diễn ra Hội nghị ký kết": the ceremony held is the signing
_HELD = re.compile(r"(?:tổ chức|diễn ra)\s+(?:buổi\s+)?(?:[Ll]ễ|[Hh]ội nghị)\s*$")
_HELD_AT = re.compile(r"(?:[Ll]ễ|[Bb]uổi lễ|[Hh]ội nghị)\s+(?:ký|kí)[^.]{0,40}?(?:diễn ra|được tổ chức|tổ chức)\s+tại")
_COUNTED = re.compile(r"\s*(?:được\s+)?(?:hơn\s+|gần\s+)?\d+\s+(?:thỏa|thoả|văn bản|biên bản|chương trình|bản ghi nhớ)")
_REVIEW = re.compile(r"(?:^|\W)(?:[Nn]ăm \d{4},|trong năm \d{4}|năm qua|tháng đầu năm|nhiệm kỳ qua|[Tt]ổng kết|[Ss]ơ kết)")
_TWINNING = re.compile(r"(?:[Ll]ễ|tổ chức|chính thức|[Hh]ội nghị)\s+kết nghĩa")
_EARLIER = re.compile(
    r"(?:thỏa thuận|thoả thuận|ghi nhớ|biên bản|chương trình|nội dung|văn bản|kế hoạch)[^,.;]{0,30}?"
    r"(?:đã|được)\s+(?:được\s+)?(?:ký|kí)|(?:ký|kí)(?:\s+kết)?\s+(?:từ\s+)?(?:năm|vào năm)\s+(?:19|20)\d{2}"
    r"|(?<!tháng \d)(?<!tháng \d\d)(?<!/)(?:[Nn]ăm|[Tt]ừ năm)\s+(?:19|20)\d{2},")
# signatories that are a locality's organisations, not its government
_ORG_SUBJECT = re.compile(r"(?:^|[-–:]\s+|^\W*date\s+[\d-]+\s+\(\w+\)\s*[-–]\s*)(?:Công an|Đoàn Thanh niên|Đoàn TN|Chi đoàn"
                          r"|Huyện đoàn|Tỉnh đoàn|Thành đoàn|Hội (?:Nông dân|Phụ nữ|Liên hiệp Phụ nữ|Cựu chiến binh|Chữ thập đỏ)"
                          r"|Đồn Biên phòng|Bộ đội Biên phòng|Ban Chỉ huy Quân sự|Liên đoàn Lao động|Mặt trận Tổ quốc"
                          r"|Trường|Bệnh viện|Ngân hàng|Công ty|Tập đoàn|Sở|Cục|Chi cục|Viện)\b")
_GOV_SUBJECT = re.compile(r"UBND|Ủy ban nhân dân|Uỷ ban nhân dân|[Đđ]ảng ủy|[Đđ]ảng uỷ|HĐND|[Cc]hính quyền|[Ll]ãnh đạo"
                          r"|[Tt]ỉnh ủy|[Hh]uyện ủy|[Tt]hành ủy|[Qq]uận ủy|[Tt]hị ủy")
_EVENT_DATE = re.compile(r"(?:[Ss]áng|[Cc]hiều|[Tt]ối|[Tt]rưa|[Hh]ôm nay|[Nn]gày)\s+(?:nay\s*\(?)?(?:ngày\s+)?"
                         r"\d{1,2}(?:\s*[/.-]\s*|\s+tháng\s+)\d{1,2}")
# a later act on the same occasion: perhaps a second document ("Dịp này, hai địa phương ký kết …")
_ALSO = re.compile(r"^(?:Dịp này|Nhân dịp này|Nhân dịp|Đồng thời|Cũng tại[^,]*,|Bên cạnh đó|Ngoài ra)")


def _org_subject(subject: str) -> bool:
    return bool(_ORG_SUBJECT.search(subject[:80])) and not _GOV_SUBJECT.search(subject)


def _org_signing(text: str, span: Span) -> bool:
    """True when the signing in this span is done by a locality's organisations (police, youth union)."""
    body = text[span.start:span.end]
    return any(_DOC.search(body, m.end(), m.end() + 80) and _org_subject(body[:m.start()])
               for m in _SIGN.finditer(body))


def _signing(text: str, sent: Sentence | Span) -> tuple[bool, bool]:
    """(mentions a signing at all, reports the act of signing) for one sentence (or the headline)."""
    span = sent.span if isinstance(sent, Sentence) else sent
    body = text[span.start:span.end]
    any_sign, act = False, False
    planned = bool(_PLANNED.search(body))  # a signing still to come
    dated = bool(_EVENT_DATE.search(body))
    for m in _SIGN.finditer(body):
        after = body[m.end():m.end() + 80]
        if not (_DOC.search(after) or re.match(r"\s*nghĩa\b", after)):  # "ký kết nghĩa"
            continue
        before = body[max(0, m.start() - 25):m.start()]
        if planned or _FUTURE.search(before):
            continue
        if _org_subject(body[:m.start()]):
            continue  # "Công an các phường … ký kết quy chế": units of the police, not the localities
        any_sign = True
        # "the memorandum signed in 2015", "đã ký kết 12 thỏa thuận": not this event's signing
        local = body[max(0, m.start() - 60):m.end() + 40]
        if _EARLIER.search(local) and not dated or _COUNTED.match(after):
            continue
        if (not _CEREMONY.search(before) or _HELD.search(before)) and not _ATTEND.search(body):
            act = True
    if _TWINNING.search(body) or re.search(r"thống nhất\s+ghi nhớ", body):
        any_sign = act = True
    return any_sign, act


_TRAILER = re.compile(
    r"^[ \t]*(?:tin liên quan|các tin khác|tin khác|các bài viết khác|bài viết liên quan|tin cùng chuyên mục"
    r"|xem thêm|đọc thêm|tin mới|tin mới nhất|sự kiện liên quan|bình luận|ý kiến bạn đọc|tin đã đưa"
    r"|tin bài liên quan|bài liên quan|có thể bạn quan tâm)\b[^\n]{0,20}$",
    re.IGNORECASE | re.MULTILINE)


def _body_end(text: str) -> int:
    """Where the article ends: before a "related news" list, whose headlines are other stories."""
    m = _TRAILER.search(text, min(len(text), 200))
    return m.start() if m else len(text)


def _this_event(text: str, span: Span) -> Span:
    """The sentence without a clause about an earlier document ("…, nâng cấp từ biên bản ghi nhớ
    được hai tỉnh ký năm 2017"), so that document's kind is not counted as this one's."""
    m = _EARLIER.search(text, span.start, span.end)
    if not m:
        return span
    cut = text.rfind(",", span.start, m.start())
    return Span(span.start, cut) if cut > span.start else span


def _in(span: Span, region: Span) -> bool:
    return region.start <= span.start and span.end <= region.end


class _Index:
    """Mentions sorted by start, to find those inside a region without scanning them all."""

    def __init__(self, mentions: list[Mention]):
        self.mentions = mentions
        self.starts = [m.span.start for m in mentions]

    def within(self, region: Span) -> list[Mention]:
        lo = bisect_left(self.starts, region.start)
        hi = bisect_left(self.starts, region.end)
        return [m for m in self.mentions[lo:hi] if m.span.end <= region.end]


def _witness_spans(text: str, sent: Sentence) -> list[Span]:
    s = sent.span.start
    return [Span(s + m.start(), s + m.end()) for m in _WITNESS.finditer(text[s:sent.span.end])]


def _between_groups(text: str, sent: Sentence, index: _Index, lead_sentence: bool) -> list[list[Mention]]:
    """Localities listed after "giữa" in one sentence: "giữa A và B với C" → [[A, B, C]].

    Only after a document or a signing ("chương trình hợp tác giữa A và B"); in the
    article's opening sentences "hợp tác giữa …" names the event's parties too."""
    groups = []
    inside = [m for m in index.within(sent.span) if not m.qualifier]
    for g in _BETWEEN.finditer(text, sent.span.start, sent.span.end):
        lead = text[max(sent.span.start, g.start() - 90):g.start()]
        if not (_DOCUMENT.search(lead) or _SIGN.search(lead)
                or lead_sentence and _DOC.search(lead) and _GATHERING.search(lead)):
            continue
        group: list[Mention] = []
        pos = g.end()
        for m in inside:
            if m.span.start < pos:
                continue
            start = m.level_span.start if m.level_span else m.span.start
            gap = text[pos:start]
            if not re.fullmatch(r"\s*(?:\([^()]*\)\s*)?(?:,|và|với|cùng)?\s*(?:UBND|chính quyền|các|hai|2|3|ba|4|bốn)?\s*",
                                gap):
                break
            group.append(m)
            pos = m.span.end
            q = re.match(r"\s*(?:\([^()]*\)|,\s*(?:tỉnh|thành phố|TP\.?)\s+[^,;.()]+(?=\s+(?:và|với)))", text[pos:])
            if q:
                pos += q.end()
        if group:
            groups.append(group)
    return groups


def extract(article: Article, model: "Model | None | object" = BUNDLED, trace: list | None = None) -> Record:
    """Return the machine's record for `article`: publication date and agreements, with spans.

    `model` decides which localities are parties (None: the rules alone); `trace`, if given,
    collects (mention, features) for every candidate party, which is what training learns from."""
    text = article.text
    record = Record(source=article.source, title=article.title, published=article.published,
                    published_span=article.published_span)
    if not _SIGN.search(text) and not _TWINNING.search(text):
        return record
    gaz = load_gazetteer()
    if model is BUNDLED:
        model = bundled()
    mentions = find_mentions(text, gaz, model.names if model is not None else ())
    index = _Index(mentions)
    sentences = split(text, 0, _body_end(text))
    title = article.title_span
    flags = [_signing(text, s) for s in sentences]
    sign_idx = [i for i, (any_sign, _) in enumerate(flags) if any_sign]
    act_idx = [i for i, (_, act) in enumerate(flags) if act]
    now = int(article.published[:4]) if article.published else None
    if now:  # "Sau lễ kết nghĩa giữa hai tỉnh vào tối 12/3/1960": a signing long past
        act_idx = [i for i in act_idx if not _long_past(text, sentences[i].span, now)]
    head = title.of(text) if title else ""
    head_sign = _signing(text, title) if head else (False, False)
    # "Lễ ký kết hợp tác giữa A và B" as the headline names the event the article reports
    title_sign = bool(head) and (head_sign[1] or not _PLANNED.search(head) and (
        bool(re.search(r"kết nghĩa\s+(?:với|giữa)", head))
        or head_sign[0] and bool(re.match(r"\s*(?:[Ll]ễ|[Bb]uổi lễ|[Hh]ội nghị)\s+(?:ký|kí)", head))))
    if _REVIEW.search(head):
        # a year's review ("Năm 2023, Nghệ An ký kết 12 thỏa thuận …") lists past signings:
        # only a signing with its own day is this article's event
        act_idx = [i for i in act_idx if _EVENT_DATE.search(text, sentences[i].span.start, sentences[i].span.end)]
        title_sign = False
    if not act_idx and not title_sign:
        return record

    # ---- parties
    countries: dict[str, str] = {}
    for m in mentions:
        if m.country != "Việt Nam":
            countries[m.key] = m.country
    # a locality no Vietnamese list knows, in an article about one foreign country, lies there
    abroad = foreign_countries(text)
    if len(abroad) == 1:
        (only,) = abroad
        for m in mentions:
            if m.unit is None and m.key not in countries and not m.group:
                countries[m.key] = only
    cands, groups_all = _candidates(text, title, sentences, index, mentions, act_idx, sign_idx)
    decided = None
    if trace is not None or model is not None:
        feats = roles.features(text, cands)
        if trace is not None:
            trace.extend((c.mention, f) for c, f in zip(cands, feats))
        if model is not None:
            decided = [c for c, f in zip(cands, feats)
                       if not c.mention.group and _is_party(model.party.probability(f), c.score >= 2)]
    chosen = [c for c in cands if c.score >= 2 and (decided is None or c.mention.group)]
    # a region ("4 tỉnh Nam Lào") stands for the foreign provinces the article lists
    regions = [c for c in chosen if c.mention.group]
    chosen = [c for c in chosen if not c.mention.group] if decided is None else decided
    for r in regions:
        for m in mentions:
            if m.country == r.mention.country and not m.group and m.key not in {c.mention.key for c in chosen}:
                chosen.append(roles.Candidate(m, r.score))
    chosen = _without_containers(chosen)
    if len(chosen) < 2:
        return record
    first_seen: dict[str, int] = {}
    for m in mentions:
        first_seen.setdefault(m.key, m.span.start)
    chosen.sort(key=lambda c: first_seen.get(c.mention.key, 0))
    said: dict[str, str] = {}
    for m in mentions:
        if m.level:
            said.setdefault(m.key, m.level)
    parties = [_party(c.mention, countries, said) for c in chosen]

    # ---- shared fields
    weighted: list[tuple[Span, int]] = []
    if title:
        weighted.append((title, 2))
    for i in sign_idx:
        sp = sentences[i].span
        if title and _in(sp, title) or i not in act_idx and _EARLIER.search(text, sp.start, sp.end):
            continue  # the headline counts once; a past signing's document is not this one
        weighted.append((_this_event(text, sp), 3 if i in act_idx else 1))
    for i, s in enumerate(sentences):
        if i not in sign_idx and re.match(r"^(?:Theo|Trong)\s+(?:bản|biên bản|nội dung)", text[s.span.start:s.span.end]):
            weighted.append((s.span, 1))
    main_acts = [i for i in act_idx if not _ALSO.match(text[sentences[i].span.start:sentences[i].span.end])]
    extra_acts = [i for i in act_idx if i not in main_acts] if main_acts else []
    kind, kind_span = kind_of(text, [w for w in weighted if not any(
        w[0] == sentences[i].span for i in extra_acts)])
    signed_on, signed_span, place, place_span = _when_where(text, article, sentences, act_idx or sign_idx, index)
    if place is None:
        place, place_span = _visit_venue(text, sentences, mentions, {name_key(p.name) for p in parties})
    period = _period(text, title, [sentences[i] for i in act_idx]) or _period(
        text, None, [sentences[i] for i in sign_idx if not _EARLIER.search(text[sentences[i].span.start:sentences[i].span.end])])

    # ---- commitments
    refs = [cm.PartyRef(m.name, m.span) for m in mentions]
    skip = {i for i in act_idx if not cm.LIST_INTRO.search(text[sentences[i].span.start:sentences[i].span.end])}
    skip |= {i for i, s in enumerate(sentences) if title and _in(s.span, title)}
    truncated = not re.search(r"[.!?…\"”)]\s*$", text.rstrip()[-3:] or ".")
    commitments = cm.find(text, sentences, refs, skip, truncated)
    commitments += [c for i in act_idx for c in cm.from_signing(text, sentences[i])]
    commitments.sort(key=lambda c: c.span.start if c.span else 0)
    party_names = {p.name for p in parties}
    commitments = [c if c.giver is None or c.giver in party_names else _no_giver(c) for c in commitments]
    if trace is not None or model is not None and model.commitment is not None:
        described = [clauses.facts(text, c, party_names) for c in commitments]
        if trace is not None:
            trace.extend((c, f) for c, f in zip(commitments, described))
        if model is not None and model.commitment is not None:
            commitments = [c for c, f in zip(commitments, described) if model.commitment.decide(f)]

    base = Agreement(kind=kind, parties=tuple(parties), signed_on=signed_on, place=place, period=period,
                     commitments=tuple(commitments), kind_span=kind_span, signed_on_span=signed_span,
                     place_span=place_span, confidence=_confidence(chosen))
    signing = ([title] if title else []) + [sentences[i].span for i in sign_idx]
    body_acts = [i for i in main_acts if not (title and _in(sentences[i].span, title))]
    def party_of(m: Mention) -> Party:
        return _party(m, countries, said)

    agreements = (split_pairings(base, text, sentences, mentions, party_of)
                  or split_same_day(base, text, sentences, act_idx, mentions, party_of,
                                    lambda sp: _venue(index, sp, text))
                  or split_bilateral(base, text, sentences, mentions, groups_all, signing)
                  or split_documents(base, text, sentences, extra_acts, kind)
                  or split_conjoined(base, text, sentences, body_acts)
                  or split_events(base, text, sentences, body_acts, mentions,
                                  lambda sp: _dated(text, article, sp, index)) or [base])
    return Record(source=article.source, title=article.title, published=article.published,
                  published_span=article.published_span, agreements=tuple(agreements))


def _candidates(text: str, title: Span | None, sentences: list[Sentence], index: _Index,
                mentions: list[Mention], act_idx: list[int], sign_idx: list[int]
                ) -> tuple[list[roles.Candidate], list[list[Mention]]]:
    """Every locality that could be a party, credited by the rules for where it stands, and
    the lists named after "giữa" (two or more localities each)."""
    cands: dict[str, roles.Candidate] = {}
    groups: list[list[Mention]] = []
    for m in mentions:
        c = cands.setdefault(m.key, roles.Candidate(m))
        c.mentions.append(m)

    def credit(m: Mention, points: int) -> None:
        if not (m.qualifier or m.venue):
            cands[m.key].credit(m, points)

    lead_end = sentences[min(2, len(sentences) - 1)].span.end if sentences else 0
    for m in mentions:
        if m.span.start < lead_end:
            cands[m.key].lead = True
    if title and not _org_signing(text, title):
        # a "headline" that is really the lead paragraph counts only up to its first sentence
        head = next((s.span for s in sentences if s.span.start >= title.start), title)
        region = title if title.end - title.start <= 200 else Span(title.start, min(title.end, head.end))
        for m in index.within(region):
            cands[m.key].title = True
            credit(m, 2)
    for i in set(sign_idx):
        for m in index.within(sentences[i].span):
            cands[m.key].sign_sentence = True
    for i in set(act_idx):
        sent = sentences[i]
        wit = _witness_spans(text, sent)
        for m in index.within(sent.span):
            if any(_in(m.span, w) for w in wit):
                cands[m.key].witness = True
            else:
                cands[m.key].act = True
                credit(m, 2)
    for i, sent in enumerate(sentences):
        if not _DOC.search(text[sent.span.start:sent.span.end]):
            continue
        for group in _between_groups(text, sent, index, lead_sentence=i < 3):
            for m in group:
                cands[m.key].between = True
                credit(m, 3)
            if len(group) >= 2:
                groups.append(group)
    return list(cands.values()), groups


PARTY_MARGIN = 0.3  # the model overrules the rules only when it is this sure (p < 0.2 or p > 0.8)


def _is_party(p: float, rules_say: bool) -> bool:
    """The model's word on a candidate party, overruling the rules only with a clear margin:
    a few dozen curated articles are too few to undo what the rules get right by a hair."""
    return p >= 0.5 - PARTY_MARGIN if rules_say else p >= 0.5 + PARTY_MARGIN


def _long_past(text: str, span: Span, now: int) -> bool:
    """True when every full date in the span lies more than a year before the article's year."""
    years = [d.year for d in find_dates(text, span.start, span.end) if d.year]
    return bool(years) and max(years) < now - 1


def _without_containers(chosen: list[roles.Candidate]) -> list[roles.Candidate]:
    """A locality's own province is not a party by itself: drop a chosen unit that contains another
    chosen one while two parties remain (communes of Gia Lai signing: Gia Lai is where they are)."""
    def inside(inner: roles.Candidate, outer: roles.Candidate) -> bool:
        u, o = inner.mention.unit, outer.mention.unit
        return bool(u and o and u.country == o.country == "Việt Nam" and u.tier > o.tier
                    and o.name in (u.province, u.province_2025))
    out = [c for c in chosen if sum(inside(o, c) for o in chosen if o is not c) < 1
           or len(chosen) - 1 < 2]
    return out if len(out) >= 2 else chosen


def _no_giver(c: cm.Commitment) -> cm.Commitment:
    return replace(c, giver=None)


def _confidence(chosen: list[roles.Candidate]) -> float:
    return round(min(1.0, 0.5 + 0.1 * min(c.score for c in chosen)), 2)


def _party(m: Mention, countries: dict[str, str], said: dict[str, str]) -> Party:
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


def _dated(text: str, article: Article, region: Span,
           index: _Index) -> tuple[str | None, Span | None, str | None, Span | None]:
    """The date (resolved to ISO) and venue that one sentence gives its signing, if it gives a day."""
    dates = [d for d in find_dates(text, region.start, region.end)
             if not _on_stamp_line(text, d.span) and (d.has_time_word or d.year)]
    if not dates:
        return None, None, None, None
    d = dates[0]
    year = context_year(text, d.month) if not (article.published or d.year) else None
    return (resolve(d, article.published, year), d.span) + _venue(index, region, text)


def _when_where(text: str, article: Article, sentences: list[Sentence], idx: list[int],
                index: _Index) -> tuple[str | None, Span | None, str | None, Span | None]:
    """Signing date and venue: from the first signing sentence that has a date, else the lead."""
    # the lead: the first real sentences (site menus are a word or two a line)
    lead = [i for i, s in enumerate(sentences) if len(text[s.span.start:s.span.end].split()) >= 6][:8]
    order = list(idx) + [i for i in lead if i not in idx]
    for i in order:
        found = _dated(text, article, sentences[i].span, index)
        if found[0] is None:
            continue
        iso, date_span, place, place_span = found
        if place is None:
            place, place_span = _held_at(text, sentences, index)
        return iso, date_span, place, place_span
    # no day given ("Mới đây, tại huyện X …", "Trong tháng 3/2024, …"): the month if said, and the venue
    for i in idx:
        sent = sentences[i]
        month = find_month(text, sent.span.start, sent.span.end)
        place, place_span = _venue(index, sent.span, text)
        if month or place:
            return (month[0] if month else None), (month[1] if month else None), place, place_span
    return (None, None) + _held_at(text, sentences, index)


_VISIT = re.compile(r"\b(?:thăm|chuyến công tác|hội đàm|buổi làm việc)\b")
_VISIT_AT = re.compile(r"\b(?:thăm(?: và làm việc)?|chuyến công tác|hội đàm|buổi làm việc)\b[^.,;]{0,30}?\btại\s*$")


def _visit_venue(text: str, sentences: list[Sentence], mentions: list[Mention],
                 party_keys: set[str]) -> tuple[str | None, Span | None]:
    """Where the visit took place when no signing sentence says: "thăm và làm việc tại TP.Hội An",
    "chuyến thăm … tại tỉnh Quảng Đông" — a venue that is a party, or the province a party lies in."""
    hosts = set(party_keys)
    for a, b in zip(mentions, mentions[1:]):
        if b.qualifier and a.key in party_keys:
            hosts.add(b.key)
    index = _Index(mentions)
    for s in sentences:
        if not _VISIT.search(text, s.span.start, s.span.end):
            continue
        for m in index.within(s.span):
            start = (m.level_span or m.span).start
            if m.venue and m.key in hosts and _VISIT_AT.search(text[max(s.span.start, start - 60):start]):
                return m.name, m.span
    return None, None


def _held_at(text: str, sentences: list[Sentence], index: _Index) -> tuple[str | None, Span | None]:
    """The venue of "Lễ ký diễn ra tại TP Hà Tĩnh …", said in a sentence of its own."""
    for s in sentences:
        if _HELD_AT.search(text, s.span.start, s.span.end):
            place = _venue(index, s.span)
            if place[0]:
                return place
    return None, None


def _venue(index: _Index, region: Span, text: str | None = None) -> tuple[str | None, Span | None]:
    """The most specific place named after "tại" in a region (a ward in brackets beats its province).

    With `text`, a "tại" inside the signed document's name ("ký Biên bản … xây dựng trường tại
    tỉnh X") says what the document is about, not where it was signed, and does not count."""
    venues = [m for m in index.within(region) if m.venue and not (text and _in_document_name(text, region, m))]
    best = None
    for m in venues:
        if (not m.qualifier or m.tier > 1) and (best is None or m.tier > best.tier):
            best = m
    return (best.name, best.span) if best else (None, None)


def _in_document_name(text: str, region: Span, m: Mention) -> bool:
    """True when the mention sits inside the name of a document just signed, with no comma between."""
    for sign in _SIGN.finditer(text, region.start, m.span.start):
        doc = _DOC.search(text, sign.end(), min(sign.end() + 40, m.span.start))
        if doc and not re.search(r"[,;:()]|tổ chức|diễn ra", text[doc.end():m.span.start]):
            return True
    return False


def _on_stamp_line(text: str, span: Span) -> bool:
    ls = text.rfind("\n", 0, span.start) + 1
    le = text.find("\n", span.end)
    line = text[ls:le if le >= 0 else len(text)]
    return bool(_STAMP.match(line.strip()))


def _period(text: str, title: Span | None, sents: list[Sentence]) -> Period | None:
    regions = ([title] if title else []) + [s.span for s in sents]
    for r in regions:
        found = find_periods(text, r.start, r.end)
        if found:
            p = found[0]
            return Period(p.start, p.end, p.span)
    return None
