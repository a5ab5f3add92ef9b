"""Names of administrative units for the editor's completers, and a party's post-2025 province.

Both come from the extractor's gazetteer (`reviewer.core.gazetteer`); if it cannot load, the
province names in underthesea's address mapping are the fallback. No Qt here.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from ..core.vntext import name_key


@lru_cache(maxsize=1)
def _gazetteer():
    try:
        from ..core import gazetteer

        return gazetteer.load()
    except Exception:  # noqa: BLE001 (any failure: fall back to the province list)
        return None


@lru_cache(maxsize=1)
def unit_names() -> tuple[str, ...]:
    """Sorted, distinct unit names to suggest while typing a party, place or giver."""
    g = _gazetteer()
    if g is not None:
        return tuple(g.names())
    data = _mapping()
    names = {v["short"] for key in ("province_names", "old_province_names")
             for v in (data.get(key) or {}).values() if v.get("short")}
    return tuple(sorted(names))


@lru_cache(maxsize=4096)
def province_2025(name: str, level: str | None = None) -> str | None:
    """The province `name` belongs to since 2025-07-01, or None if it is not a known unit."""
    g = _gazetteer()
    if g is not None:
        unit = g.best(name, level)
        return unit.province_2025 if unit else None
    data = _mapping()
    key = name_key(name)
    for k, v in (data.get("old_province_names") or {}).items():
        if name_key(v.get("short", "")) == key:
            new = (data.get("province_mapping") or {}).get(k)
            return ((data.get("province_names") or {}).get(new) or {}).get("short")
    for v in (data.get("province_names") or {}).values():
        if name_key(v.get("short", "")) == key:
            return v["short"]
    return None


@lru_cache(maxsize=1)
def _mapping() -> dict:
    try:
        from importlib.util import find_spec

        spec = find_spec("underthesea")  # locates the package without importing it (0.5 s)
        path = Path(spec.origin).parent / "address" / "data" / "mapping.json"
        return json.loads(path.read_text(encoding="utf-8"))
    except (ImportError, AttributeError, TypeError, OSError, ValueError):
        return {}
