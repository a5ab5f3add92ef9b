"""The administrative units of Việt Nam (before and after the 2025 merger) and foreign partners.

Built from the dataset underthesea ships (`underthesea/address/data/mapping.json`:
63 old provinces, ~700 districts, ~10,000 communes, and the merger into 34
provinces on 2025-07-01), plus a small list of the provinces of Laos, Cambodia
and Thailand that Vietnamese localities most often sign with (resources in
`reviewer/data/foreign.json`). Names compare with `vntext.name_key` (Hoá = Hóa).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..vntext import name_key

TIER = {"tỉnh": 1, "thành phố": 1, "huyện": 2, "quận": 2, "thị xã": 2,
        "xã": 3, "phường": 3, "thị trấn": 3, "cụm bản": 4, "bản": 4,
        "bang": 1, "khu tự trị": 1, "châu": 2, "trấn": 3, "ấp": 4, "thôn": 4}
_PREFIX = re.compile(r"^(Thành phố|Tỉnh|Huyện|Quận|Thị xã|Thị trấn|Xã|Phường)\s+", re.IGNORECASE)
# level word as written → canonical level
LEVEL_WORDS = {
    "tỉnh": "tỉnh", "thành phố": "thành phố", "tp": "thành phố", "tp.": "thành phố",
    "huyện": "huyện", "quận": "quận", "thị xã": "thị xã", "tx": "thị xã", "tx.": "thị xã",
    "xã": "xã", "phường": "phường", "thị trấn": "thị trấn",
    "cụm bản": "cụm bản", "bản": "bản",  # villages across the Lao border ("bản Xốp Pột", "cụm bản Pa Hang")
    # open world: a US/German/Australian state, a Chinese town, hamlets on either side of a border
    "bang": "bang", "trấn": "trấn", "ấp": "ấp", "thôn": "thôn", "khu tự trị": "khu tự trị",
    "châu": "châu",  # a Chinese prefecture ("châu Văn Sơn"); "châu Á" is a continent (COUNTRIES)
}
ALIASES = {"tphcm": "Hồ Chí Minh", "tp.hcm": "Hồ Chí Minh", "tp hcm": "Hồ Chí Minh",
           "hcm": "Hồ Chí Minh", "tp. hcm": "Hồ Chí Minh", "sài gòn": "Hồ Chí Minh",
           "thừa thiên huế": "Huế", "thừa thiên - huế": "Huế"}  # underthesea names the province "Huế"


@dataclass(frozen=True)
class Unit:
    name: str  # proper name without the level word, NFC
    level: str  # canonical level word
    province: str | None  # the (old) province it lies in; itself for a province
    province_2025: str | None  # the province it belongs to since 2025-07-01
    country: str = "Việt Nam"
    era: str = "old"  # "old" (before 2025-07-01), "new", or "both"
    tier: int = 1  # 1 province, 2 district (incl. provincial cities), 3 commune


def _split(full: str) -> tuple[str, str]:
    m = _PREFIX.match(full.strip())
    if not m:
        return "", full.strip()
    return m.group(1).lower(), full[m.end():].strip()


class Gazetteer:
    """Look up units by name (and level); list the names for completion."""

    def __init__(self, units: list[Unit]):
        self.units = units
        self._by_key: dict[str, list[Unit]] = {}
        for u in units:
            self._by_key.setdefault(name_key(u.name), []).append(u)
        self.province_keys = {name_key(u.name) for u in units if u.tier == 1 and u.country == "Việt Nam"}
        self.foreign_keys = {name_key(u.name) for u in units if u.country != "Việt Nam"}

    def lookup(self, name: str, level: str | None = None) -> list[Unit]:
        """Units with this name (folded), best first; restricted to the level's tier when given."""
        key = name_key(name)
        key = name_key(ALIASES.get(key, key))
        found = self._by_key.get(key, [])
        if level:
            tier = TIER.get(level, 0)
            same = [u for u in found if u.level == level]
            tiered = [u for u in found if u.tier == tier]
            found = same + [u for u in tiered if u not in same]
            if level == "thành phố":
                found += [u for u in self._by_key.get(key, []) if u.tier == 2 and u not in found]
        return sorted(found, key=lambda u: (u.tier, u.era == "old"))

    def best(self, name: str, level: str | None = None) -> Unit | None:
        found = self.lookup(name, level)
        return found[0] if found else None

    def is_province(self, name: str) -> bool:
        key = name_key(name)
        return name_key(ALIASES.get(key, key)) in self.province_keys

    def names(self) -> list[str]:
        """Every distinct unit name, sorted: what an editor's completer offers."""
        return sorted({u.name for u in self.units})


def _mapping_path() -> Path:
    # find the package without importing it: `import underthesea` alone costs 0.5 s
    import importlib.util  # noqa: PLC0415

    spec = importlib.util.find_spec("underthesea")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("underthesea is not installed: its administrative-unit data is needed")
    return Path(list(spec.submodule_search_locations)[0]) / "address" / "data" / "mapping.json"


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """The gazetteer, built once per process from underthesea's data and reviewer's foreign list."""
    data = json.loads(_mapping_path().read_text(encoding="utf-8"))
    new_of_key = data["province_mapping"]
    new_names = {k: _split(v["name"]) for k, v in data["province_names"].items()}
    units: list[Unit] = []
    seen: set[tuple] = set()

    def add(u: Unit) -> None:
        k = (name_key(u.name), u.level, u.province, u.era, u.tier)
        if k not in seen:
            seen.add(k)
            units.append(u)

    for key, v in data["old_province_names"].items():
        level, name = _split(v["name"])
        new = new_names.get(new_of_key.get(key, key), (None, None))[1]
        add(Unit(name, level, name, new, era="both" if key in data["province_names"] else "old"))
    for key, v in data["province_names"].items():
        level, name = _split(v["name"])
        add(Unit(name, level, name, name, era="both" if key in data["old_province_names"] else "new"))
    for row in data["ward_mapping"]:
        _, old_prov = _split(row["old_province"])
        _, new_prov = _split(row["new_province"])
        if row["old_district"]:
            level, name = _split(row["old_district"])
            if name:
                add(Unit(name, level, old_prov, new_prov, tier=2))
        if row["old_ward"]:
            level, name = _split(row["old_ward"])
            if name:
                add(Unit(name, level, old_prov, new_prov, tier=3))
        if row["new_ward"]:
            level, name = _split(row["new_ward"])
            if name:
                add(Unit(name, level, new_prov, new_prov, era="new", tier=3))
    foreign = json.loads(resources.files("reviewer.data").joinpath("foreign.json").read_text("utf-8"))
    for country, entries in foreign.items():
        for entry in entries:
            level, names = entry["level"], entry["names"]
            for n in names:
                add(Unit(n, level, names[0], None, country=country, era="both", tier=1))
    return Gazetteer(units)
