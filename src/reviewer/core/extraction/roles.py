"""Roles: which locality mentions are the signing parties.

The rules credit a mention for where it stands (the headline, a sentence reporting the
signing, a list after "giữa"); every mention that could be a party becomes a `Candidate`
with those credits and the facts around it as features. Without a model the rules decide
(two points or more); with one, `learned.Model.party` weighs the features instead.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..records import Span
from .localities import Mention

# a unit of an organisation, not a locality's government: "Công an xã X", "Đoàn Thanh niên phường Y"
_ORG = re.compile(r"(?:Công an|[Đđ]oàn|Hội|Bộ đội|[Đđ]ồn|Ban|Mặt trận|Trường|Bệnh viện|Công ty|Ngân hàng|Chi cục|"
                  r"Sở|Bộ|Cục|Trung tâm|Liên đoàn|Quân sự|Biên phòng|Hợp tác xã|[Dd]oanh nghiệp)[^,.;:\n]{0,30}$")
_GOVERNMENT = re.compile(r"(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|[Cc]hính quyền|[Đđ]ảng ủy|[Đđ]ảng uỷ|HĐND|"
                         r"[Ll]ãnh đạo|[Đđ]oàn công tác|[Đđ]ại biểu)\s*$")
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


def in_span(span: Span, region: Span) -> bool:
    return region.start <= span.start and span.end <= region.end
