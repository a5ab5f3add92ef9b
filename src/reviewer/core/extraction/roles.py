"""Roles: which locality mentions are the signing parties.

The rules credit a mention for where it stands (the headline, a sentence reporting the
signing, a list after "giữa"); every mention that could be a party becomes a `Candidate`
with those credits and the facts around it as features. Without a model the rules decide
(two points or more); with one, `learned.Model.party` weighs the features instead.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import signing
from ..records import Span
from .localities import Mention, MentionIndex, in_span
from .multi import DOCUMENT as _DOCUMENT
from .sentences import Sentence

# a unit of an organisation, not a locality's government: "Công an xã X", "Đoàn Thanh niên phường Y"
_ORG = re.compile(r"(?:Công an|[Đđ]oàn|Hội|Bộ đội|[Đđ]ồn|Ban|Mặt trận|Trường|Bệnh viện|Công ty|Ngân hàng|Chi cục|"
                  r"Sở|Bộ|Cục|Trung tâm|Liên đoàn|Quân sự|Biên phòng|Hợp tác xã|[Dd]oanh nghiệp)[^,.;:\n]{0,30}$")
_GOVERNMENT = re.compile(r"(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|[Cc]hính quyền|[Đđ]ảng ủy|[Đđ]ảng uỷ|HĐND|"
                         r"[Ll]ãnh đạo|[Đđ]oàn công tác|[Đđ]ại biểu)\s*$")
_FORMER = re.compile(r"\s*\(\s*cũ\s*\)")
_COUNTRY_WORD = re.compile(r"tỉnh bạn|nước bạn|phía bạn|hai nước|hai bên biên giới")

FEATURES = (
    "bias_rules", "rule_points", "rule_chosen", "in_title", "in_act", "in_between", "in_witness",
    "in_sign_sentence", "qualifier_all", "qualifier_any", "venue_all", "venue_any", "tier1", "tier2",
    "tier3", "tier4", "foreign", "unknown_unit", "has_level", "mentions", "first_position", "in_lead",
    "contains_other", "contained_by_other", "org_before", "government_before", "chosen_count",
    "only_foreign", "country_word",
)


@dataclass
class Candidate:
    """One locality the article names (by key), its best mention, and what the rules saw of it."""

    mention: Mention
    score: int = 0  # the rules' credit
    mentions: list[Mention] = field(default_factory=list)
    title: bool = False
    act: bool = False
    between: bool = False
    witness: bool = False
    sign_sentence: bool = False
    lead: bool = False

    def credit(self, m: Mention, points: int) -> None:
        """Points for one mention; the first credited mention (or one with a level word) speaks for it."""
        if not self.score or m.level and not self.mention.level:
            self.mention = m
        self.score += points


def features(text: str, cands: list[Candidate]) -> list[dict[str, float]]:
    """One feature dict per candidate, in the order given (names in `FEATURES`)."""
    chosen = [c for c in cands if c.score >= 2]
    n = max(1, len(text))
    foreign_chosen = [c for c in chosen if c.mention.country != "Việt Nam"]
    out = []
    for c in cands:
        ms = c.mentions or [c.mention]
        unit = c.mention.unit
        tier = c.mention.tier
        others = [o for o in chosen if o is not c]
        contains = any(o.mention.unit and unit and o.mention.unit.tier > unit.tier
                       and unit.name in (o.mention.unit.province, o.mention.unit.province_2025) for o in others)
        contained = any(o.mention.unit and unit and o.mention.unit.tier < unit.tier
                        and o.mention.unit.name in (unit.province, unit.province_2025) for o in others)
        before = [text[max(0, (m.level_span or m.span).start - 40):(m.level_span or m.span).start] for m in ms]
        f = {
            "bias_rules": 1.0,
            "rule_points": min(c.score, 8) / 8,
            "rule_chosen": float(c.score >= 2),
            "in_title": float(c.title),
            "in_act": float(c.act),
            "in_between": float(c.between),
            "in_witness": float(c.witness),
            "in_sign_sentence": float(c.sign_sentence),
            "qualifier_all": float(all(m.qualifier for m in ms)),
            "qualifier_any": float(any(m.qualifier for m in ms)),
            "venue_all": float(all(m.venue for m in ms)),
            "venue_any": float(any(m.venue for m in ms)),
            "tier1": float(tier == 1), "tier2": float(tier == 2), "tier3": float(tier == 3),
            "tier4": float(tier >= 4),
            "foreign": float(c.mention.country != "Việt Nam"),
            "unknown_unit": float(unit is None),
            "has_level": float(any(m.level for m in ms)),
            "mentions": min(len(ms), 10) / 10,
            "first_position": min(m.span.start for m in ms) / n,
            "in_lead": float(c.lead),
            "contains_other": float(contains),
            "contained_by_other": float(contained),
            "org_before": sum(bool(_ORG.search(b)) for b in before) / len(ms),
            "government_before": sum(bool(_GOVERNMENT.search(b)) for b in before) / len(ms),
            "chosen_count": min(len(chosen), 6) / 6,
            "only_foreign": float(c.mention.country != "Việt Nam" and len(foreign_chosen) == 1),
            "country_word": float(any(_COUNTRY_WORD.search(b) for b in before)),
        }
        out.append(f)
    return out


_BETWEEN = re.compile(r"giữa\s")


def witness_spans(text: str, sent: Sentence) -> list[Span]:
    s = sent.span.start
    return [Span(s + m.start(), s + m.end()) for m in signing.WITNESS.finditer(text[s:sent.span.end])]


def between_groups(text: str, sent: Sentence, index: MentionIndex, lead_sentence: bool) -> list[list[Mention]]:
    """Localities listed after "giữa" in one sentence: "giữa A và B với C" → [[A, B, C]].

    Only after a document or a signing ("chương trình hợp tác giữa A và B"); in the
    article's opening sentences "hợp tác giữa …" names the event's parties too."""
    groups = []
    inside = [m for m in index.within(sent.span) if not m.qualifier]
    for g in _BETWEEN.finditer(text, sent.span.start, sent.span.end):
        lead = text[max(sent.span.start, g.start() - 90):g.start()]
        if not (_DOCUMENT.search(lead) or signing.SIGN.search(lead)
                or lead_sentence and signing.DOC.search(lead) and signing.GATHERING.search(lead)):
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


def candidates(text: str, title: Span | None, sentences: list[Sentence], index: MentionIndex,
                mentions: list[Mention], act_idx: list[int], sign_idx: list[int]
                ) -> tuple[list[Candidate], list[list[Mention]]]:
    """Every locality that could be a party, credited by the rules for where it stands, and
    the lists named after "giữa" (two or more localities each)."""
    cands: dict[str, Candidate] = {}
    groups: list[list[Mention]] = []
    for m in mentions:
        c = cands.setdefault(m.key, Candidate(m))
        c.mentions.append(m)

    def credit(m: Mention, points: int) -> None:
        # "huyện Nông Cống (cũ)": a unit that no longer exists locates, it does not sign
        if not (m.qualifier or m.venue or _FORMER.match(text, m.span.end)):
            cands[m.key].credit(m, points)

    lead_end = sentences[min(2, len(sentences) - 1)].span.end if sentences else 0
    for m in mentions:
        if m.span.start < lead_end:
            cands[m.key].lead = True
    if title and not signing.org_signing(text, title):
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
        wit = witness_spans(text, sent)
        tail = signing.tail_start(text, sent.span)
        for m in index.within(sent.span):
            if m.span.start >= tail:
                continue  # ", đánh dấu … sau tỉnh Nghệ An": partners of earlier signings
            if any(in_span(m.span, w) for w in wit):
                cands[m.key].witness = True
            else:
                cands[m.key].act = True
                credit(m, 2)
    for i, sent in enumerate(sentences):
        if not signing.DOC.search(text[sent.span.start:sent.span.end]):
            continue
        for group in between_groups(text, sent, index, lead_sentence=i < 3):
            for m in group:
                cands[m.key].between = True
                credit(m, 3)
            if len(group) >= 2:
                groups.append(group)
    if sum(c.score >= 2 for c in cands.values()) < 2 and title:
        _counted(text, title, sentences, index, credit)
    return list(cands.values()), groups


_NUMBER = {"hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "2": 2, "3": 3, "4": 4, "5": 5, "6": 6}
_COUNTED = re.compile(r"(?:^|\s)(?P<n>hai|ba|bốn|năm|sáu|[2-6])\s+(?:tỉnh thành|tỉnh, thành|tỉnh|thành phố|địa phương"
                      r"|huyện|quận|xã|phường)\b[^.]{0,40}?\b(?:ký|kí|kết nghĩa)", re.I)


def _counted(text: str, title: Span, sentences: list[Sentence], index: MentionIndex, credit) -> None:
    """"4 tỉnh thành ký kết quy chế …" names its parties by number: the first lead sentence that
    names exactly that many localities names them."""
    m = _COUNTED.search(text, title.start, title.end)
    if not m:
        return
    n = _NUMBER[m["n"].lower()]
    for sent in sentences[:4]:
        named = {}
        for x in index.within(sent.span):
            if not (x.qualifier or x.venue):
                named.setdefault(x.key, x)
        if len(named) == n:
            for x in named.values():
                credit(x, 2)
            return


PARTY_MARGIN = 0.3  # the model overrules the rules only when it is this sure (p < 0.2 or p > 0.8)


def is_party(p: float, rules_say: bool) -> bool:
    """The model's word on a candidate party, overruling the rules only with a clear margin:
    a few dozen curated articles are too few to undo what the rules get right by a hair."""
    return p >= 0.5 - PARTY_MARGIN if rules_say else p >= 0.5 + PARTY_MARGIN


def without_containers(chosen: list[Candidate]) -> list[Candidate]:
    """A locality's own province is not a party by itself: drop a chosen unit that contains another
    chosen one while two parties remain (communes of Gia Lai signing: Gia Lai is where they are)."""
    def inside(inner: Candidate, outer: Candidate) -> bool:
        u, o = inner.mention.unit, outer.mention.unit
        return bool(u and o and u.country == o.country == "Việt Nam" and u.tier > o.tier
                    and o.name in (u.province, u.province_2025))
    out = [c for c in chosen if sum(inside(o, c) for o in chosen if o is not c) < 1
           or len(chosen) - 1 < 2]
    return out if len(out) >= 2 else chosen


def confidence(chosen: list[Candidate]) -> float:
    return round(min(1.0, 0.5 + 0.1 * min(c.score for c in chosen)), 2)
