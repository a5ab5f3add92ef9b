"""Find the localities an article mentions, each with its span and its role in the sentence.

Three ways a locality is written: with its level word ("thị xã\\nHoàng Mai",
"TP. Quy Nhơn", "các tỉnh Attapeu, Sekong"), after a party committee ("Thị ủy
Hoàng Mai"), or bare — only for provinces and names that cannot be people's
("Hải Dương - Bắc Giang"). A mention knows if it only qualifies the one before it
("huyện Yên Dũng (Bắc Giang)"), names the venue ("tại TP Chí Linh"), or a foreign
country ("huyện Bonghwa (Hàn Quốc)").
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import lru_cache

from .countries import COUNTRIES, CONTINENTS, PLAIN_COUNTRIES, country_after
from .gazetteer import ALIASES, LEVEL_WORDS, TIER, Gazetteer, Unit
from ..records import Span
from ..vntext import name_key

_UPPER = "".join(c for c in map(chr, [*range(0x41, 0x5B), *range(0xC0, 0x1B1), *range(0x1EA0, 0x1EFA)])
                 if c.isupper())
_SYL = (r"(?:[" + _UPPER + r"](?![" + _UPPER + r"])[\w'’]*(?:-[" + _UPPER + r"][\w'’]*)*"  # "Chăm-Pa-Sắc"
        r"|\d{1,2}(?!\d))")  # a capitalised syllable (or a district number)
_UP = re.compile(r"[" + _UPPER + r"]")
_LEVEL_RE = (r"thành\s+phố|thị\s+xã|thị\s+trấn|tỉnh|huyện|quận|phường|xã|cụm\s+bản|bản|TP\.?|Tp\.?|TX\.?"
             r"|bang|khu\s+tự\s+trị|trấn|ấp|thôn|châu")
_MENTION = re.compile(
    r"(?<![\w.])(?P<plural>(?i:(?:\d{1,2}|hai|ba|bốn|năm|các|những|2 đơn vị)\s+))?"
    r"(?P<lvl>(?i:" + _LEVEL_RE + r"))[ \t]*\n?[ \t]*(?P<name>" + _SYL
    + r"(?:(?:[ \t]*\n?[ \t]*|[ \t][-–][ \t])" + _SYL + r"){0,4})",
)
_PARTY_ORG = re.compile(r"(?<!\w)(?P<org>Tỉnh|Thành|Huyện|Thị|Quận)\s+[uủ]ỷ?y?\s+(?P<name>" + _SYL + r"(?:\s" + _SYL + r"){0,3})")
_RUN = re.compile(_SYL + r"(?:[ \t]*(?:-[ \t]*)?" + _SYL + r"){0,5}")
_ALIAS_RE = re.compile(r"(?<!\w)(TP\.?\s?HCM|TPHCM|Tp\.?\s?HCM)(?!\w)")
_LEVEL_ONLY = re.compile(r"^(?:" + _LEVEL_RE + r")$", re.IGNORECASE)
_ORG_LEVEL = {"tỉnh": "tỉnh", "thành": "thành phố", "huyện": "huyện", "thị": "thị xã", "quận": "quận"}
_VENUE = re.compile(r"(?:^|\W)[Tt]ại(?:[ \t\n]+(?![Tt]ỉnh|[Tt]hành phố|TP|[Hh]uyện|[Xx]ã|[Pp]hường|[Qq]uận|[Tt]hị)"
                    r"[^\W\d][^,.;:()\n]{0,45}?)?[ \t]*\n?[ \t]*$")
_REGION = re.compile(r"^(Nam|Bắc|Trung|Đông|Tây|Đông Bắc|Tây Bắc)\s+(Lào|Campuchia|Thái Lan)\b")


@dataclass(frozen=True)
class Mention:
    span: Span  # the name only
    name: str  # canonical proper name
    level: str | None
    unit: Unit | None
    country: str = "Việt Nam"
    level_span: Span | None = None
    qualifier: bool = False  # only locates the mention before it ("…, tỉnh Nghệ An")
    venue: bool = False  # "tại …"
    group: str | None = None  # a region standing for several provinces ("4 tỉnh Nam Lào")

    @property
    def key(self) -> str:
        return name_key(self.name)

    @property
    def tier(self) -> int:
        if self.unit:
            return self.unit.tier
        return TIER.get(self.level or "", 2)


def in_span(span: Span, region: Span) -> bool:
    return region.start <= span.start and span.end <= region.end


class MentionIndex:
    """Mentions sorted by start, to find those inside a region without scanning them all."""

    def __init__(self, mentions: list[Mention]):
        self.mentions = mentions
        self.starts = [m.span.start for m in mentions]

    def within(self, region: Span) -> list[Mention]:
        lo = bisect_left(self.starts, region.start)
        hi = bisect_left(self.starts, region.end)
        return [m for m in self.mentions[lo:hi] if m.span.end <= region.end]


_HAMLETS = {"bản", "cụm bản", "thôn", "ấp"}
_NOT_HAMLET = {"Ghi", "Thỏa", "Thoả", "Hợp", "Cam", "Kế", "Quy", "Ký", "Biên", "Chương", "Thông", "Báo", "Tin", "Đồ"}
# the commonest family names: an unknown "name" of three syllables starting with one is a person
_SURNAMES = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
             "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Đào", "Mai", "Cao", "Lương", "Tạ", "Hà", "Lâm", "Tô", "Vương"}


def _person(name: str) -> bool:
    words = name.split()
    return len(words) >= 3 and words[0] in _SURNAMES


_LEVEL_BEFORE = re.compile(r"(?i:(" + _LEVEL_RE + r"))[ \t]*$")


@lru_cache(maxsize=4)
def _learned_pattern(learned: tuple[tuple[str, str], ...]) -> re.Pattern:
    """One pattern for the names a model learned, compiled once per model (not once per article)."""
    names = sorted({n for n, _ in learned}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")


def _clean(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip()


def _syllables(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + m.start(), start + m.end()) for m in re.finditer(r"\S+", text[start:end])]


def _resolve(gaz: Gazetteer, text: str, start: int, end: int, level: str | None) -> tuple[int, Unit | None]:
    """Longest prefix of the syllables in [start, end) that the gazetteer knows; (end, unit)."""
    syl = _syllables(text, start, end)
    for n in range(len(syl), 0, -1):
        cand = text[start:syl[n - 1][1]]
        unit = gaz.best(cand, level)
        if unit:
            return syl[n - 1][1], unit
    return -1, None


def _is_titlecase_run(s: str) -> bool:
    return all(_UP.match(w) or w.isdigit() for w in s.split())


def find_mentions(text: str, gaz: Gazetteer, learned: tuple[tuple[str, str], ...] = ()) -> list[Mention]:
    """Every locality mention in `text`, in order, without overlaps. `learned` holds (name, country)
    pairs that editors' curated records taught the model: found wherever written, bare or not."""
    found: list[Mention] = []
    taken = bytearray(len(text) + 1)  # characters already inside a mention

    def add(m: Mention) -> None:
        s, e = m.span.start, m.span.end
        if e > s and not any(taken[s:e]):
            found.append(m)
            taken[s:e] = b"\x01" * (e - s)

    for m in _ALIAS_RE.finditer(text):
        unit = gaz.best("Hồ Chí Minh")
        add(Mention(Span(m.start(), m.end()), "Hồ Chí Minh", "thành phố", unit))
    for m in _MENTION.finditer(text):
        lvl_word = re.sub(r"\s+", " ", m.group("lvl")).lower()
        level = LEVEL_WORDS.get(lvl_word)
        if level is None:
            continue
        ns, ne = m.start("name"), m.end("name")
        # a level word followed by another level word ("thành phố Đà Nẵng" is fine, "TP Tỉnh" is not)
        first = text[ns:ne].split()[0]
        if _LEVEL_ONLY.match(first) or COUNTRIES.get(name_key(text[ns:ne])) or name_key(first) in CONTINENTS:
            continue  # "TP Tỉnh", "Liên bang Nga", "nông thôn Việt Nam"
        if level in _HAMLETS and (first in _NOT_HAMLET or re.match(r"\s*[Nn]hớ", text[m.end("name"):])):
            continue  # "Bản Ghi nhớ", "bản Thỏa thuận": a document, not a Lao village
        end, unit = _resolve(gaz, text, ns, ne, level)
        if unit is None:
            end, unit = _resolve(gaz, text, ns, ne, None)
            if unit is not None and unit.country == "Việt Nam":
                unit = None  # a Vietnamese name at another level: keep what the text says
                end = -1
        if unit is None and _person(text[ns:ne]):
            continue  # "Chủ tịch UBND thành phố Nguyễn Văn Phương": the chairman, not a city
        region = _REGION.match(_clean(text[ns:ne]))
        if region:
            end, unit = ns + len(region.group(0).split()[0]) + 1 + len(region.group(0).split(None, 1)[1]), None
            end = ns + text[ns:ne].index(region.group(2)) + len(region.group(2))
        elif unit is None:
            end = _foreign_end(text, ns, ne)
        name_text = _clean(text[ns:end])
        country = unit.country if unit else "Việt Nam"
        after_country, _ = country_after(text, end)
        if after_country and after_country != "Việt Nam":
            country = after_country
        canonical = unit.name if unit and unit.country == "Việt Nam" else name_text
        if lvl_word.startswith("tp") and unit and unit.tier == 1:
            level = "thành phố"
        group = None
        if _REGION.match(name_text):
            group = name_text
            country = _REGION.match(name_text).group(2)
        add(Mention(Span(ns, end), canonical, level, unit if country == (unit.country if unit else None) else unit,
                    country, Span(m.start("lvl"), m.end("lvl")), group=group))
        if m.group("plural"):
            _list_after(text, end, level, gaz, add, country if group is None else group and country)
    for m in _PARTY_ORG.finditer(text):
        level = _ORG_LEVEL[m.group("org").lower()]
        end, unit = _resolve(gaz, text, m.start("name"), m.end("name"), level)
        if unit:
            add(Mention(Span(m.start("name"), end), unit.name, level, unit, unit.country))
    for m in _BARE_FOREIGN.finditer(text):
        _bare_foreign(text, m, gaz, add)
    for m in _RUN.finditer(text):
        _bare(text, m.start(), m.end(), gaz, add)
    if learned:
        countries = dict(learned)
        for m in _learned_pattern(learned).finditer(text):
            lvl = _LEVEL_BEFORE.search(text[max(0, m.start() - 12):m.start()])
            level = LEVEL_WORDS.get(re.sub(r"\s+", " ", lvl.group(1)).lower()) if lvl else None
            add(Mention(Span(m.start(), m.end()), m.group(1), level, None, countries[m.group(1)]))
    found.sort(key=lambda x: x.span.start)
    return _disambiguate(_roles(text, _shortest_names(text, found)), gaz)


# "với Yongin, Hàn Quốc", "chính quyền Yongin, tỉnh Gyeonggi, Hàn Quốc": a foreign locality
# written without a level word, recognised by the country (or foreign province) right after it
_BARE_FOREIGN = re.compile(
    r"(?:(?<=\s)|^)(?:chính quyền|với|và|giữa|UBND|Thị trưởng|Tỉnh trưởng|Chủ tịch)\s+"
    r"(?P<name>" + _SYL + r"(?:[ \t]" + _SYL + r"){0,2})(?=\s*[(,])", re.MULTILINE)


def _bare_foreign(text: str, m: re.Match, gaz: Gazetteer, add) -> None:
    s, e = m.start("name"), m.end("name")
    name = _clean(text[s:e])
    if gaz.lookup(name) and all(u.country == "Việt Nam" for u in gaz.lookup(name)):
        return
    if COUNTRIES.get(name_key(name)) or _LEVEL_ONLY.match(name.split()[0]):
        return
    country, _ = country_after(text, e)
    if country is None:
        chain = re.match(r"\s*,\s*(?i:tỉnh|thành phố|bang|vùng|khu tự trị)\s+" + _SYL + r"(?:[ \t]" + _SYL + r"){0,3}",
                         text[e:e + 80])
        if chain:
            country, _ = country_after(text, e + chain.end())
    if country and country != "Việt Nam":
        add(Mention(Span(s, e), name, None, None, country))


def _shortest_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """An unknown name that runs into a person's ("Nọng Hét Khăm Phăn") keeps the form the
    article also uses alone ("Nọng Hét")."""
    unknown = sorted({m.name for m in mentions if m.unit is None}, key=len)
    out = []
    for m in mentions:
        if m.unit is None:
            shorter = next((n for n in unknown if len(n) < len(m.name) and m.name.startswith(n + " ")), None)
            if shorter:
                m = replace(m, name=shorter, span=Span(m.span.start, m.span.start + len(shorter)))
        out.append(m)
    return out


def _foreign_end(text: str, ns: int, ne: int) -> int:
    """End of an unknown name: its capitalised syllables, stopping before a country or a person."""
    syl = _syllables(text, ns, ne)
    end = syl[0][1]
    for s, e in syl[1:3]:
        if PLAIN_COUNTRIES.fullmatch(text[s:e]):
            break
        end = e
    return end


def _list_after(text: str, pos: int, level: str, gaz: Gazetteer, add, country: str | None) -> None:
    """Names that share a plural level word: "các tỉnh A, B và C", "4 tỉnh Nam Lào, gồm: A, B và C"."""
    item = re.compile(r"(\s*\(\s*[^()]{1,30}\))?(?:\s*(?:,|và|;)\s*(?:gồm\s*:?\s*)?|\s*,?\s*gồm\s*:?\s*|\s*:\s*|\s*\(\s*)"
                      r"(?P<name>" + _SYL + r"(?:[ \t]" + _SYL + r"){0,3})")
    while True:
        m = item.match(text, pos)
        if not m:
            return
        ns, ne = m.start("name"), m.end("name")
        if _LEVEL_ONLY.match(text[ns:ne].split()[0]):
            return
        end, unit = _resolve(gaz, text, ns, ne, level)
        if unit is None:
            end, unit = _resolve(gaz, text, ns, ne, None)
        if unit is None:
            end = _foreign_end(text, ns, ne)
        name_text = _clean(text[ns:end])
        c, _ = country_after(text, end)
        ctry = c or (unit.country if unit else None) or country or "Việt Nam"
        add(Mention(Span(ns, end), unit.name if unit and unit.country == "Việt Nam" else name_text,
                    level, unit, ctry))
        pos = end


def _bare(text: str, start: int, end: int, gaz: Gazetteer, add) -> None:
    """A run of capitalised syllables that is exactly a province (or a district with its province)."""
    run = text[start:end]
    parts = re.split(r"\s*-\s*", run) if " - " in run or "-" in run else [run]
    pos = start
    for part in parts:
        s = text.index(part, pos)
        e = s + len(part)
        pos = e
        key = name_key(part)
        key = name_key(ALIASES.get(key, key))
        unit = None
        if key in gaz.province_keys:
            unit = gaz.best(part, "tỉnh") or gaz.best(part)
        elif key in gaz.foreign_keys and all(u.country != "Việt Nam" for u in gaz.lookup(part)):
            unit = gaz.best(part)  # bare "Sơn Tây" is the Vietnamese town, not China's Shanxi
        else:
            # "Hòa Vang (Đà Nẵng)": a district followed by its province in brackets
            m = re.match(r"\s*\(\s*([^()]{2,30})\)", text[e:e + 40])
            if m and gaz.is_province(m.group(1)):
                prov = gaz.best(m.group(1))
                cands = [u for u in gaz.lookup(part) if u.tier == 2 and prov and u.province == prov.name]
                unit = cands[0] if cands else None
        if unit is None:
            continue
        if _prev_word_is_name(text, s):
            continue
        add(Mention(Span(s, e), unit.name if unit.country == "Việt Nam" else _clean(part),
                    None, unit, unit.country))  # no level word: the article has not said it here


def _prev_word_is_name(text: str, s: int) -> bool:
    """True when a capitalised word (not a sentence start) runs into this one: a person's name."""
    m = re.search(r"(\S+)[ \t]+$", text[max(0, s - 30):s])
    if not m:
        return False
    w = m.group(1)
    return bool(_UP.match(w)) and not w.isupper() and not re.search(r"[.,:;!?)]$", w)


def _roles(text: str, mentions: list[Mention]) -> list[Mention]:
    """Mark qualifiers (a higher unit right after a lower one) and venues ("tại …")."""
    out: list[Mention] = []
    for i, m in enumerate(mentions):
        start = m.level_span.start if m.level_span else m.span.start
        qualifier = False
        if i > 0:
            prev = out[-1]
            gap = text[prev.span.end:start]
            # "thành phố Niihama, tỉnh Ehime": a city abroad (or a provincial city) in its province
            city_in = (m.tier == prev.tier == 1 and m.level in ("tỉnh", "bang", "khu tự trị")
                       and prev.level in ("thành phố", "thị xã") and not (prev.unit and prev.unit.country == "Việt Nam"))
            if re.fullmatch(r"\s*(?:,|\(|thuộc)\s*", gap) and (m.tier < prev.tier or city_in) and not m.group:
                qualifier = True
            elif prev.qualifier is False and re.fullmatch(r"\s*\(\s*", gap) and m.tier <= prev.tier:
                qualifier = True
            elif prev.qualifier and re.fullmatch(r"\s*,\s*", gap) and m.tier <= prev.tier and not m.group:
                qualifier = True  # a chain: "trấn X, huyện Y, châu Z, tỉnh Vân Nam"
        # "tại TP Chí Linh", "tại Trung tâm Hội nghị tỉnh Quảng Ninh": where it happened, not who signed
        venue = bool(_VENUE.search(text[max(0, start - 60):start]))
        if i > 0 and out[-1].venue and (qualifier or re.fullmatch(r"\s*\(\s*", text[out[-1].span.end:start])):
            venue = True  # "tại Trung tâm Hội nghị tỉnh Lâm Đồng (phường Lâm Viên - Đà Lạt)"
        out.append(replace(m, qualifier=qualifier, venue=venue))
    return out


def _disambiguate(mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """A name shared by units in several provinces ("xã Tân Phú") takes the province its
    qualifiers name ("…, huyện Tân Châu, tỉnh Tây Ninh") anywhere in the article, else the
    province the article's unambiguous mentions name most."""
    def candidates(m: Mention) -> list[Unit]:
        if not m.unit or m.unit.country != "Việt Nam" or m.unit.tier == 1:
            return []
        return [u for u in gaz.lookup(m.name, m.level) if u.level == m.unit.level and u.tier == m.unit.tier]

    provinces: dict[str, int] = {}
    cands_of: dict[int, list[Unit]] = {}
    for i, m in enumerate(mentions):
        cands = candidates(m)
        if len({u.province for u in cands}) >= 2:
            cands_of[i] = cands
        elif m.unit and m.country == "Việt Nam" and m.unit.province:
            provinces[m.unit.province] = provinces.get(m.unit.province, 0) + 1
    settled: dict[str, Unit] = {}
    for i, cands in cands_of.items():
        j = i + 1
        while j < len(mentions) and mentions[j].qualifier:
            q = mentions[j].unit
            if q:
                want = q.province if q.tier > 1 else q.name
                pick = next((u for u in cands if u.province == want), None)
                if pick:
                    settled[mentions[i].key] = pick
                    break
            j += 1
    out = list(mentions)
    for i, cands in cands_of.items():
        pick = settled.get(out[i].key) or max(cands, key=lambda u: provinces.get(u.province or "", 0))
        out[i] = replace(out[i], unit=pick)
    # "huyện Xiềng Khọ, tỉnh Hủa Phăn, nước CHDCND Lào": a unit lies in its qualifiers' country
    for i in range(len(out) - 1, -1, -1):
        m = out[i]
        if m.unit is None and m.country == "Việt Nam":
            j = i + 1
            while j < len(out) and out[j].qualifier:  # the whole chain of qualifiers after it
                if out[j].country != "Việt Nam":
                    out[i] = replace(m, country=out[j].country)
                    break
                j += 1
    return out


