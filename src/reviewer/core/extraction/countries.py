"""Countries as Vietnamese news names them, and a country written right after a place name
("huyện Bonghwa (Hàn Quốc)", ", Belarus", " của Lào")."""
from __future__ import annotations

import re

from ..vntext import name_key

COUNTRIES = {
    "lào": "Lào", "cộng hòa dân chủ nhân dân lào": "Lào", "chdcnd lào": "Lào", "campuchia": "Campuchia",
    "cam-pu-chia": "Campuchia", "thái lan": "Thái Lan", "hàn quốc": "Hàn Quốc", "nhật bản": "Nhật Bản",
    "trung quốc": "Trung Quốc", "belarus": "Belarus", "bê-la-rút": "Belarus", "nga": "Nga",
    "liên bang nga": "Nga", "cuba": "Cuba", "pháp": "Pháp", "mỹ": "Hoa Kỳ", "hoa kỳ": "Hoa Kỳ",
    "đức": "Đức", "myanmar": "Myanmar", "mông cổ": "Mông Cổ", "ba lan": "Ba Lan", "séc": "Séc",
    "hungary": "Hungary", "italia": "Italia", "ý": "Italia", "anh": "Anh", "úc": "Australia",
    "australia": "Australia", "singapore": "Singapore", "indonesia": "Indonesia", "philippines": "Philippines",
    "malaysia": "Malaysia", "ấn độ": "Ấn Độ", "việt nam": "Việt Nam", "đài loan": "Đài Loan",
    "triều tiên": "Triều Tiên", "kazakhstan": "Kazakhstan", "bulgaria": "Bulgaria", "romania": "Romania",
}


CONTINENTS = {"á", "âu", "phi", "mỹ", "úc", "đại dương", "á - thái bình dương", "á-âu"}


def country_after(text: str, end: int) -> tuple[str | None, int]:
    """A country right after a name: " (Hàn Quốc)", ", Belarus", " của Lào", "(tỉnh X, Hàn Quốc)"."""
    tail = text[end:end + 80]
    m = re.match(r"\s*\(\s*([^()]{1,60}?)\s*\)", tail)
    if m:
        inner = m.group(1)
        last = re.split(r",\s*", inner)[-1]
        c = COUNTRIES.get(name_key(re.sub(r"^(nước|vương quốc|cộng hòa)\s+", "", last, flags=re.I)))
        if c:
            return c, end + m.end()
    m = re.match(r"\s*(?:,|của|thuộc)\s*(?:nước\s+)?([^\W\d][\w\s-]{1,40}?)(?=[,.;)\n]|\s+(?:và|với|đã|ký|kí|tổ chức)\b|$)", tail)
    if m:
        c = COUNTRIES.get(name_key(m.group(1)))
        if c:
            return c, end + m.end()
    return None, end


PLAIN_COUNTRIES = re.compile(
    r"(?<!\w)(Lào|Campuchia|Thái Lan|Hàn Quốc|Nhật Bản|Trung Quốc|Belarus|Cuba|Myanmar|Mông Cổ|Liên bang Nga"
    r"|Hoa Kỳ|Singapore|Indonesia|Philippines|Malaysia|Ấn Độ|Đài Loan|Triều Tiên|Kazakhstan|Bulgaria|Romania"
    r"|Hungary|Ba Lan|Australia|Cộng hòa Séc)(?!\w)")


def foreign_countries(text: str) -> set[str]:
    """The foreign countries an article names (by names that are not also words or people's names)."""
    return {COUNTRIES.get(name_key(m.group(1)), m.group(1)) for m in PLAIN_COUNTRIES.finditer(text)}
