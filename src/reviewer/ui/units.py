"""Names of administrative units for the editor's completers, and a party's post-2025 province.

Both come from the extractor's gazetteer (`reviewer.core.gazetteer`), built once per process.
No Qt here.
"""
from __future__ import annotations

from functools import lru_cache

from ..core.extraction import gazetteer


@lru_cache(maxsize=1)
def unit_names() -> tuple[str, ...]:
    """Sorted, distinct unit names to suggest while typing a party, place or giver."""
    return tuple(gazetteer.load().names())


@lru_cache(maxsize=4096)
def province_2025(name: str, level: str | None = None) -> str | None:
    """The province `name` belongs to since 2025-07-01, or None if it is not a known unit."""
    unit = gazetteer.load().best(name, level)
    return unit.province_2025 if unit else None


@lru_cache(maxsize=4096)
def known_unit(name: str) -> bool:
    """True if `name` (whitespace folded) is a unit of the list, Vietnamese or foreign."""
    return gazetteer.load().best(" ".join(name.split())) is not None


def known_place(name: str) -> bool:
    """True if `name` is a unit of the list or a country ("Lào", "Pháp"): a place a party can be."""
    from ..core.extraction.countries import COUNTRIES
    from ..core.vntext import name_key

    return known_unit(name) or name_key(name) in COUNTRIES


@lru_cache(maxsize=4096)
def unit_level(name: str) -> str | None:
    """The level word of the best unit called `name` ('Hà Nội' → 'thành phố'), or None."""
    unit = gazetteer.load().best(" ".join(name.split()))
    return unit.level if unit else None


@lru_cache(maxsize=1)
def provinces_2025() -> tuple[str, ...]:
    """The 34 provinces since 2025-07-01, sorted: what the queue's locality filter offers."""
    return tuple(sorted({u.province_2025 for u in gazetteer.load().units
                         if u.tier == 1 and u.country == "Việt Nam" and u.era in ("new", "both") and u.province_2025}))


@lru_cache(maxsize=1024)
def canonical_name(name: str) -> str:
    """The unit list's spelling of `name` (diacritics and tone placement folded), else `name`."""
    from ..core.vntext import ascii_key

    unit = gazetteer.load().best(name)
    if unit is not None:
        return unit.name
    return _by_ascii_key().get(ascii_key(name), name)


@lru_cache(maxsize=1)
def _by_ascii_key() -> dict[str, str]:
    """Unit names by their key without any diacritic; a province wins over a smaller unit."""
    from ..core.vntext import ascii_key

    out: dict[str, str] = {}
    for u in sorted(gazetteer.load().units, key=lambda u: -u.tier):
        out[ascii_key(u.name)] = u.name
    return out
