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
