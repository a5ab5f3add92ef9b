"""The picture of who cooperates with whom: figures over the agreement entities, filtered by
years, level, country, kind and locality, and a layout of the localities for drawing the network.

Read from the `agreements` table only (its merged parties, kind, year and categories), never the
records, so the overview of 50,000 agreements opens at once. Shared by the window's overview tab
and the HTML report.

Layout: localities sit on a circle, grouped by their post-2025 province (Việt Nam) or their
country (abroad), each group an arc as long as its localities need; an edge between two
localities is drawn through the centre. With hundreds of localities a force layout gives a
hairball; groups on a circle keep "which provinces' localities sign with which" readable, and
need no layout library.
"""
from __future__ import annotations

import gc
import json
import math
from contextlib import contextmanager
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain, combinations, repeat
from typing import NamedTuple

from ..store import Store
from ..store.agreements import ID_SEP, AgreementTables
from ..vntext import name_key

KIND_ORDER = ("memorandum", "agreement", "program", "other")
TIER = {"tỉnh": 1, "thành phố": 1, "huyện": 2, "quận": 2, "thị xã": 2, "xã": 3, "phường": 3,
        "thị trấn": 3}
LEVELS = ("province", "district", "commune")  # the level filter: a party at this level


@dataclass(frozen=True)
class Locality:
    key: str
    name: str
    group: str  # post-2025 province, or the country abroad
    foreign: bool
    tier: int | None


class Row(NamedTuple):
    """One agreement, as the overview needs it (a tuple: 50,000 of them are built at once)."""

    id: int
    year: int | None
    kind: str
    localities: tuple[str, ...]  # locality keys
    categories: tuple[tuple[str, int], ...]
    n_articles: int
    pairs: tuple[tuple[str, str], ...] = ()  # every two of its localities, sorted


@dataclass
class Data:
    rows: list[Row]
    localities: dict[str, Locality]


@dataclass(frozen=True)
class Filters:
    year_from: int | None = None
    year_to: int | None = None
    level: str | None = None  # province, district, commune
    country: str | None = None  # a party from this country ("Việt Nam": domestic only)
    kind: str | None = None
    locality: str | None = None  # a locality key


@dataclass
class Figures:
    agreements: int = 0
    reports: int = 0
    by_year: dict[int, Counter] = field(default_factory=dict)  # year → kind → n
    by_category: Counter = field(default_factory=Counter)  # merged commitments per category
    pairs: Counter = field(default_factory=Counter)  # (key, key) → agreements
    nodes: Counter = field(default_factory=Counter)  # key → agreements
    domestic: int = 0
    foreign: int = 0


@contextmanager
def _bulk():
    """Build many small acyclic objects without the cycle collector walking them again and
    again (it doubled the time of loading 50,000 agreements)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load(store: Store) -> Data:
    """Every agreement with a report, and its localities (two queries, no record read)."""
    with _bulk():
        return _load(store)


def _load(store: Store) -> Data:
    tables = AgreementTables(store)
    localities = {}
    for key, name, level, country, province_2025 in tables.localities():
        foreign = (country or "Việt Nam") != "Việt Nam"
        localities[key] = Locality(key, name, country if foreign else (province_2025 or name), foreign,
                                   TIER.get(level or ""))
    # 50,000 rows must load in a fraction of a second: column by column with C-level helpers
    # (the JSON scanner without json.loads' wrapping, identical category sets parsed once,
    # tuples made without NamedTuple's Python-level __new__)
    raw = tables.overview_rows()
    if not raw:
        return Data([], localities)
    ids, years, kinds, keys, categories, ns = zip(*raw)
    scan = json.JSONDecoder().scan_once
    parsed: dict[str, tuple] = {"{}": (), "": ()}

    def cats_of(text: str | None) -> tuple:
        found = parsed.get(text or "")
        if found is None:
            found = parsed[text] = tuple(scan(text, 0)[0].items())
        return found

    locs = [tuple(k.split(ID_SEP)) if k else () for k in keys]
    pairs = [((ls[0], ls[1]),) if len(ls) == 2 and ls[0] < ls[1] else ((ls[1], ls[0]),) if len(ls) == 2
             else tuple(combinations(sorted(ls), 2)) for ls in locs]
    kinds = [k or "other" for k in kinds]
    rows = list(map(tuple.__new__, repeat(Row),
                    zip(ids, years, kinds, locs, map(cats_of, categories), ns, pairs)))
    return Data(rows, localities)


def select(data: Data, f: Filters) -> list[Row]:
    """The agreements that pass the filters."""
    tier = {"province": 1, "district": 2, "commune": 3}.get(f.level or "")
    out = []
    locs = data.localities
    for r in data.rows:
        if f.year_from is not None and (r.year is None or r.year < f.year_from):
            continue
        if f.year_to is not None and (r.year is None or r.year > f.year_to):
            continue
        if f.kind and r.kind != f.kind:
            continue
        if f.locality and f.locality not in r.localities:
            continue
        if tier and not any(locs[k].tier == tier for k in r.localities):
            continue
        if f.country:
            if f.country == "Việt Nam":
                if any(locs[k].foreign for k in r.localities):
                    continue
            elif not any(locs[k].foreign and locs[k].group == f.country for k in r.localities):
                continue
        out.append(r)
    return out


def figures(data: Data, rows: list[Row]) -> Figures:
    """Counts over the selected agreements."""
    with _bulk():
        return _figures(data, rows)


def _figures(data: Data, rows: list[Row]) -> Figures:
    fig = Figures()
    foreign = {k for k, loc in data.localities.items() if loc.foreign}
    by_year: dict[int, Counter] = {}
    for r in rows:
        if r.year is not None:
            (by_year.get(r.year) or by_year.setdefault(r.year, Counter()))[r.kind] += 1
    fig.by_year = by_year
    fig.agreements = len(rows)
    fig.reports = sum(r.n_articles for r in rows)
    cats: dict[str, int] = {}
    for r in rows:
        for cat, n in r.categories:
            cats[cat] = cats.get(cat, 0) + n
    fig.by_category = Counter(cats)
    fig.nodes = Counter(chain.from_iterable(r.localities for r in rows))
    fig.pairs = Counter(chain.from_iterable(r.pairs for r in rows))
    fig.foreign = sum(1 for r in rows if not foreign.isdisjoint(r.localities)) if foreign else 0
    fig.domestic = fig.agreements - fig.foreign
    return fig


def years(data: Data) -> list[int]:
    return sorted({r.year for r in data.rows if r.year is not None})


def countries(data: Data) -> list[str]:
    return sorted({loc.group for loc in data.localities.values() if loc.foreign})


def layout(data: Data, degree: Counter | None = None) -> tuple[dict[str, tuple[float, float]], list[tuple[str, float, float]]]:
    """Positions on the unit circle for every locality, grouped; and each group's arc
    (name, start angle, end angle), Việt Nam's provinces first, then the countries abroad."""
    degree = degree if degree is not None else figures(data, data.rows).nodes
    with _bulk():
        return _layout(data, degree)


def _layout(data: Data, degree: Counter):
    groups: dict[str, list[Locality]] = {}
    for loc in data.localities.values():
        groups.setdefault(loc.group, []).append(loc)
    order = sorted(groups, key=lambda g: (groups[g][0].foreign, name_key(g)))
    n = len(data.localities)
    gap = 0.6  # a gap between groups, in node slots
    slots = n + gap * len(order)
    step = 2 * math.pi / slots if slots else 0
    pos, arcs, angle = {}, [], -math.pi / 2
    for g in order:
        start = angle
        members = sorted(groups[g], key=lambda loc: (loc.tier or 9, -degree.get(loc.key, 0), loc.name))
        for loc in members:
            angle += step / 2
            pos[loc.key] = (math.cos(angle), math.sin(angle))
            angle += step / 2
        arcs.append((g, start, angle))
        angle += gap * step
    return pos, arcs
