"""Names of administrative units for the party-name completer (no Qt).

Asks `reviewer.core.gazetteer` when it offers `unit_names()`; until then falls back to the
province names (before and after 2025-07-01) in underthesea's address mapping.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from ..core.vntext import name_key


@lru_cache(maxsize=1)
def unit_names() -> tuple[str, ...]:
    """Sorted, distinct unit names to suggest while typing a party."""
    try:
        from ..core import gazetteer  # the extractor's list, when it lands

        names = getattr(gazetteer, "unit_names", None)
        if callable(names):
            return tuple(sorted(set(names())))
    except ImportError:
        pass
    data = _mapping()
    names = {v["short"] for key in ("province_names", "old_province_names")
             for v in (data.get(key) or {}).values() if v.get("short")}
    return tuple(sorted(names))


@lru_cache(maxsize=4096)
def province_2025(name: str) -> str | None:
    """The post-2025 province of an old or new province name, or None if not a province."""
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
