"""Dates and periods as Vietnamese news writes them, resolved to ISO strings.

"Chiều 5.10", "Sáng 24/7", "Chiều 14-10", "ngày 14-12-2021", "ngày 3 tháng 5 năm 2024";
periods "giai đoạn 2021-2025", "giai đoạn năm 2021 - 2025", "đến năm 2025".
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..records import Span

_TIME_WORD = r"(?:[Ss]áng|[Cc]hiều|[Tt]ối|[Tt]rưa|[Đđ]êm|[Nn]gày|[Hh]ôm(?:\s+(?:nay|qua))?\s*(?:\()?)"
_DMY = re.compile(
    r"(?P<lead>" + _TIME_WORD + r"\s*(?:\w+\s*)?(?:,\s*)?\(?\s*(?:ngày\s*)?)?"
    r"(?<![\d/.-])(?P<d>\d{1,2})\s*(?P<sep>[/.-])\s*(?P<m>\d{1,2})(?:\s*(?P=sep)\s*(?P<y>(?:19|20)\d{2}))?(?![\d/])"
)
_DMY_WORDS = re.compile(r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})(?:\s+năm\s+(?P<y>(?:19|20)\d{2}))?", re.I)
_PERIOD = re.compile(
    r"(?:giai\s+đoạn|thời\s+kỳ|thời\s+gian|nhiệm\s+kỳ|từ|\()\s*(?:năm\s+)?(?P<a>(?:19|20)\d{2})\s*(?:[-–—]|đến|tới)\s*(?:năm\s+)?(?P<b>(?:19|20)\d{2})"
    r"|(?:đến|tới)\s+năm\s+(?P<c>(?:19|20)\d{2})",
    re.I,
)
# a document for one year: "Biên bản hợp tác năm 2018", "Quy chế phối hợp … năm 2026"
_ONE_YEAR = re.compile(
    r"(?:[Bb]iên bản|[Qq]uy chế|[Cc]hương trình|[Kk]ế hoạch|[Tt]hỏa thuận|[Tt]hoả thuận)(?:\s+[^\W\d][^.\n]{0,160}?)?"
    r"(?<!ký )(?<!kí )(?<!kết )(?<!từ )(?<!vào )(?<!đến )(?<!tới )(?<!sau )(?<!trước )(?<!tháng \d)"
    r"(?<!tháng \d\d)(?<!, )\bnăm\s+(?P<y>(?:19|20)\d{2})(?!\s*[-–—/]\s*\d|\d)")
_YEAR_NAMED = re.compile(r"(?<!đến )(?<!tới )(?<!đoạn )(?<!từ )(?<![-–] )\bnăm\s+(?P<y>(?:19|20)\d{2})(?!\s*[-–]\s*\d)")
_YEAR_CONTEXT = re.compile(r"trong\s+năm\s+(?P<y>(?:19|20)\d{2})|năm\s+nay\s*\(\s*(?P<z>(?:19|20)\d{2})", re.I)


@dataclass(frozen=True)
class DateMention:
    day: int
    month: int
    year: int | None
    span: Span
    has_time_word: bool


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Day-month(-year) expressions in text[start:end]; "5.10" counts only after a time word."""
    end = len(text) if end is None else end
    out: list[DateMention] = []
    for m in _DMY.finditer(text, start, end):
        d, mo = int(m["d"]), int(m["m"])
        if not (1 <= d <= 31 and 1 <= mo <= 12):
            continue
        lead = bool(m["lead"])
        if m["sep"] == "." and not lead and not m["y"]:
            continue
        if m["sep"] == "-" and not lead and not m["y"]:
            continue
        out.append(DateMention(d, mo, int(m["y"]) if m["y"] else None, Span(m.start("d"), m.end()), lead))
    for m in _DMY_WORDS.finditer(text, start, end):
        d, mo = int(m["d"]), int(m["m"])
        if 1 <= d <= 31 and 1 <= mo <= 12:
            out.append(DateMention(d, mo, int(m["y"]) if m["y"] else None, Span(m.start(), m.end()), True))
    out.sort(key=lambda x: x.span.start)
    return out


def resolve(date: DateMention, published: str | None, context_year: int | None = None) -> str:
    """ISO date: the year from the date, else the publication (a month after it means last year),
    else a year the article gives as its own; `--MM-DD` when no year is known."""
    year = date.year
    if year is None and published:
        py = int(published[:4])
        pm = int(published[5:7]) if len(published) >= 7 else 12
        year = py - 1 if date.month > pm + 1 else py
    if year is None:
        year = context_year
    if year is None:
        return f"--{date.month:02d}-{date.day:02d}"
    return f"{year:04d}-{date.month:02d}-{date.day:02d}"


@lru_cache(maxsize=2)
def _full_dates(text: str) -> tuple[tuple[int, int], ...]:
    """(month, year) of every full date in the article, read once per article (a str keeps its hash),
    so asking for each dated sentence stays linear in the article's length."""
    return tuple((d.month, d.year) for d in find_dates(text) if d.year)


def context_year(text: str, month: int | None = None) -> int | None:
    """A year the article gives for the present: a full date within a month of the event
    ("… ngày 26/7/2024" beside "Chiều 24/7"), else "trong năm 2014"."""
    if month is not None:
        near = [year for m, year in _full_dates(text) if min(abs(m - month), 12 - abs(m - month)) <= 1]
        if near:
            return max(near)  # anniversaries name older dates ("26/7/1953 - 26/7/2024")
    # "trong năm 2025, …" reviews the past, "trong năm 2026 …" plans: the latest is the present
    years = [int(m["y"] or m["z"]) for m in _YEAR_CONTEXT.finditer(text)]
    if not years:  # "Những ngày Fukuoka tại Hà Nội năm 2013": the latest year the article names
        years = [int(m["y"]) for m in _YEAR_NAMED.finditer(text)]
    return max(years) if years else None


@dataclass(frozen=True)
class PeriodMention:
    start: int | None
    end: int | None
    span: Span


def find_periods(text: str, start: int = 0, end: int | None = None) -> list[PeriodMention]:
    """Periods in text[start:end]: "giai đoạn 2021-2025" and "đến năm 2025"."""
    end = len(text) if end is None else end
    out = []
    for m in _PERIOD.finditer(text, start, end):
        if m["c"]:
            out.append(PeriodMention(None, int(m["c"]), Span(m.start(), m.end())))
        else:
            a, b = int(m["a"]), int(m["b"])
            if a <= b:
                out.append(PeriodMention(a, b, Span(m.start(), m.end())))
    if not out:
        for m in _ONE_YEAR.finditer(text, start, end):
            y = int(m["y"])
            out.append(PeriodMention(y, y, Span(text.rfind("năm", m.start(), m.start("y")), m.end("y"))))
            break
    return out


_MONTH = re.compile(r"tháng\s+(?P<m>\d{1,2})\s*(?:/|năm\s+)(?P<y>(?:19|20)\d{2})", re.I)


def find_month(text: str, start: int = 0, end: int | None = None) -> tuple[str, Span] | None:
    """A month without a day ("trong tháng 3/2024", "tháng 3 năm 2024") as `YYYY-MM`, with its span."""
    m = _MONTH.search(text, start, len(text) if end is None else end)
    if not m or not 1 <= int(m["m"]) <= 12:
        return None
    return f"{int(m['y']):04d}-{int(m['m']):02d}", Span(m.start(), m.end())
