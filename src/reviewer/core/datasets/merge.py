"""One agreement from its reports: the facts several articles give about one signing, merged.

The parties come from the report that names most of them, each with its post-2025 province;
the kind is the one most reports give; the date the most precise one given; the period the
most complete; the commitments of every report without duplicates (the same clause in another
outlet's wording differs in case, tone placement or punctuation; a clause one outlet shortened
is inside the longer one another outlet quoted).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from ..extraction import gazetteer
from ..extraction.commitments import category
from ..records import Commitment, Party
from ..store.agreements import Report
from ..vntext import name_key
from .link import party_key

_PRECISION = {"day": 0, "month": 1, "monthday": 2, "year": 3}


@dataclass(frozen=True)
class Merged:
    parties: tuple[dict, ...]  # name, level, country, province_2025
    kind: str | None
    signed_on: str | None
    period: tuple[int | None, int | None] | None
    commitments: tuple[Commitment, ...]
    published: str | None  # the earliest publication
    reports: tuple[Report, ...]

    @property
    def year(self) -> int | None:
        for value in (self.signed_on, self.published):
            m = re.match(r"(\d{4})", value or "")
            if m:
                return int(m.group(1))
        return None

    def summary(self) -> dict:
        """The facts the store keeps on the entity (what counting and drawing need)."""
        cats = Counter(c.category or "other" for c in self.commitments)
        return {"party_key": party_key(Party(**{k: p[k] for k in ("name", "level", "country")})
                                       for p in self.parties),
                "parties": list(self.parties), "kind": self.kind, "signed_on": self.signed_on,
                "year": self.year, "period": self.period, "published": self.published,
                "categories": dict(cats.most_common())}


def province_2025(party: Party) -> str | None:
    """The province the party belongs to since 2025-07-01 (None abroad or if unknown)."""
    if party.province_2025:
        return party.province_2025
    if party.country and party.country != "Việt Nam":
        return None
    unit = gazetteer.load().best(party.name, party.level)
    return unit.province_2025 if unit is not None else None


def display_name(party: Party) -> str:
    """One name per locality in the dataset: a foreign province by its first spelling in the
    gazetteer ("Luông Pha Băng" → "Luang Prabang"), an alias by its name ("TPHCM" → "Hồ Chí Minh")."""
    name = party.name or ""
    if gazetteer.ALIASES.get(name_key(name)) == "Hồ Chí Minh":  # not "Huế": the city is not the old province
        return "Hồ Chí Minh"
    if party.country and party.country != "Việt Nam":
        unit = gazetteer.load().best(name)
        if unit is not None and unit.country != "Việt Nam" and unit.province:
            return unit.province
    return name


def _precision(value: str) -> int:
    if value.startswith("--"):
        return _PRECISION["monthday"]
    return {10: 0, 7: 1, 4: 3}.get(len(value), 4)


def _clause_key(text: str) -> str:
    return re.sub(r"[\W_]+", " ", name_key(text)).strip()


def merge_commitments(lists) -> tuple[Commitment, ...]:
    """Every commitment once, in the order first reported; the longer wording of a clause wins.
    A clause without a field ("other": gold files carry none) gets the extractor's by keywords."""
    kept: list[tuple[str, Commitment]] = []
    for commitments in lists:
        for c in commitments:
            if c.category == "other":
                c = replace(c, category=category(c.text))
            key = _clause_key(c.text)
            if not key:
                continue
            for i, (k, old) in enumerate(kept):
                if key in k:
                    break
                if k in key:  # this outlet quoted more of the same clause
                    kept[i] = (key, c if c.giver or c.amount or not (old.giver or old.amount) else old)
                    break
            else:
                kept.append((key, c))
    return tuple(c for _, c in kept)


def merge(reports) -> Merged:
    """The agreement the reports describe together (reports: at least one `Report`)."""
    reports = tuple(reports)
    ags = [r.agreement for r in reports]
    richest = max(ags, key=lambda a: (len(a.parties), sum(1 for p in a.parties if p.level)))
    parties = tuple({"name": display_name(p), "level": p.level, "country": p.country or "Việt Nam",
                     "province_2025": province_2025(p)} for p in richest.parties)
    kinds = Counter(a.kind for a in ags if a.kind)
    dates = [a.signed_on for a in ags if a.signed_on]
    signed_on = None
    if dates:
        best = min(_precision(d) for d in dates)
        signed_on = Counter(d for d in dates if _precision(d) == best).most_common(1)[0][0]
    periods = [(a.period.start, a.period.end) for a in ags if a.period and (a.period.start or a.period.end)]
    period = max(periods, key=lambda p: sum(x is not None for x in p)) if periods else None
    published = min((r.published for r in reports if r.published), default=None)
    return Merged(parties, kinds.most_common(1)[0][0] if kinds else None, signed_on, period,
                  merge_commitments(a.commitments for a in ags), published, reports)
