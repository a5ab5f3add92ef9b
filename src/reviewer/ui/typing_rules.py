"""What the reviewer types or points at, read as field values (no Qt, no SQL).

Dates as Vietnamese editors write them, party names checked against the unit list, selections
snapped to whole syllables, and the natural unit under the cursor (a place name, a date, a
period, a clause, an amount) for a mark key pressed without a selection.
"""
from __future__ import annotations

import re

from ..core.records import LEVELS

# ---------------------------------------------------------------- dates
_DMY = re.compile(r"^(?:ngày\s*)?(\d{1,2})\s*(?:[/.\-]|\s+tháng\s+)\s*(\d{1,2})"
                  r"(?:\s*(?:[/.\-]|\s+năm\s+)\s*(\d{4}))?$", re.IGNORECASE)
_MY = re.compile(r"^(?:tháng\s*)?(\d{1,2})\s*(?:[/.\-]|\s+năm\s+)\s*(\d{4})$", re.IGNORECASE)
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$|^--(\d{2})-(\d{2})$")
_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _ok(day: int | None, month: int) -> bool:
    return 1 <= month <= 12 and (day is None or 1 <= day <= _DAYS[month - 1])


def parse_date(typed: str, published: str | None = None) -> str | None:
    """The signing date in the record format for what was typed, or None if it is not a date.

    '17/11/2019', '17.11.2019', '17-11-2019', 'ngày 17 tháng 11 năm 2019' → '2019-11-17';
    '11/2019' → '2019-11'; '17/11' → the article's year if it has one, else '--11-17'; ISO as is.
    """
    text = " ".join(typed.split()).strip(" .,")
    if not text:
        return None
    m = _ISO.match(text)
    if m:
        if m[4]:
            return text if _ok(int(m[5]), int(m[4])) else None
        month = int(m[2]) if m[2] else None
        day = int(m[3]) if m[3] else None
        if month is None:
            return text if 1900 <= int(m[1]) <= 2100 else None
        return text if _ok(day, month) else None
    m = _MY.match(text)
    if m and _ok(None, int(m[1])):
        return f"{m[2]}-{int(m[1]):02d}"
    m = _DMY.match(text)
    if m:
        day, month = int(m[1]), int(m[2])
        if not _ok(day, month):
            return None
        year = m[3] or (published[:4] if published and re.match(r"\d{4}", published) else None)
        return f"{year}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"
    return None


# ---------------------------------------------------------------- party names
def _capitalised(word: str) -> bool:
    return bool(word) and word[0].isupper()


def name_problem(name: str) -> str | None:
    """Why `name` does not look like a locality's proper name, or None if it does.

    Known units (any tone placement) pass; so does a run of capitalised syllables (a foreign
    province the unit list does not hold). Lower-case words or punctuation are flagged."""
    from .units import known_unit

    name = " ".join(name.split())
    if not name:
        return "empty"
    if known_unit(name):
        return None
    words = name.replace("-", " ").split()
    if all(_capitalised(w) and all(c.isalpha() or c in "'’" for c in w) for w in words):
        return None
    return "not a known unit or a proper name"


# ---------------------------------------------------------------- selections
def _is_word(ch: str) -> bool:
    return ch.isalnum()


def snap_to_syllables(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow [start, end) so it neither starts nor ends inside a syllable ('tế - xã hộ' → '… hội')."""
    start, end = max(0, start), min(len(text), end)
    while 0 < start < len(text) and _is_word(text[start - 1]) and _is_word(text[start]):
        start -= 1
    while 0 < end < len(text) and _is_word(text[end - 1]) and _is_word(text[end]):
        end += 1
    return start, end


_LEVEL_WORDS = sorted(LEVELS + ("TP", "TP.", "Tp", "tp", "TX", "tx"), key=len, reverse=True)
_WORD = re.compile(r"[^\W\d_][\w'’]*")


class _Run:
    """A run of capitalised syllables: a candidate proper name."""

    def __init__(self, text: str, start: int, end: int):
        self.span = (start, end)
        self.text = text[start:end]

    def start(self) -> int:
        return self.span[0]

    def end(self) -> int:
        return self.span[1]

    def __getitem__(self, _i: int) -> str:
        return self.text


def _name_runs(text: str, lo: int = 0, hi: int | None = None):
    """Runs of capitalised syllables in text[lo:hi], separated by one space, tab, newline or hyphen."""
    hi = len(text) if hi is None else hi
    start = end = None
    for m in _WORD.finditer(text, lo, hi):
        if not m[0][0].isupper():
            if start is not None:
                yield _Run(text, start, end)
                start = None
            continue
        if start is not None and text[end:m.start()] in (" ", "\t", "\n", "-", " - "):
            end = m.end()
            continue
        if start is not None:
            yield _Run(text, start, end)
        start, end = m.start(), m.end()
    if start is not None:
        yield _Run(text, start, end)
_LEVEL_BEFORE = re.compile(r"(?:" + "|".join(re.escape(w) for w in _LEVEL_WORDS) + r")\.?\s+$", re.IGNORECASE)


def name_at(text: str, pos: int) -> tuple[int, int] | None:
    """The place name under the cursor with its level word ('tỉnh Thanh Hóa'), or None.

    A capitalised word is a name if the unit list or the country list knows it, a level word
    stands before it, or it has two syllables or more: 'Chiều' or 'Tại' opening a sentence is
    not, and 'Tại Hà Nội' gives 'Hà Nội'; 'Thị' of 'Thị xã Hoàng Mai' (or 'TX' of 'TX. Sơn
    Tây') is the level word, and the name after it is taken."""
    from .units import known_place

    for m in _name_runs(text, max(0, pos - 60), min(len(text), pos + 60)):
        if m.start() <= pos <= m.end():
            if _level_from(text, m.start()) >= m.end():  # the run is (the start of) a level word
                break
            first, _, rest = m.text.partition(" ")
            if rest and not known_place(m.text) and known_place(rest):  # 'Tại Hà Nội' opening a sentence
                m = _Run(text, m.start() + len(first) + 1, m.end())
            start, end = _with_level(text, m.start(), m.end())
            several = " " in m.text.strip() or "-" in m.text  # a proper name of two syllables or more…
            before = text[max(0, m.start() - 8):m.start()].rstrip(" \t\"“'(–-")
            opening = before[-1:] in ("", ".", "!", "?", ":", ";", "\n")
            # …unless it opens a sentence, where any word is capitalised ('Tại Lễ ký kết')
            plausible = start < m.start() or known_place(m.text) or several and not opening
            return (start, end) if plausible else None
    # the cursor on a level word: the name after it
    s, e = snap_to_syllables(text, pos, pos)
    after = _skip_level(text, s)
    m = next(_name_runs(text, after, min(len(text), after + 60)), None)
    return _with_level(text, m.start(), m.end()) if m and m.start() == after else None


def _level_from(text: str, pos: int) -> int:
    """Where a level word starting at `pos` ends ('Thị xã' → after 'xã'), or `pos` if none does."""
    low = text[pos:pos + 12].lower()
    for w in _LEVEL_WORDS:
        if low.startswith(w.lower()) and (len(low) == len(w) or not low[len(w)].isalnum()):
            return pos + len(w)
    return pos


def _skip_level(text: str, pos: int) -> int:
    for w in _LEVEL_WORDS:
        for cand in range(max(0, pos - len(w)), pos + 1):
            if text[cand:cand + len(w)].lower() == w.lower() and cand <= pos < cand + len(w) + 1:
                end = cand + len(w)
                while end < len(text) and text[end] in ". \t":
                    end += 1
                return end
    return pos


def _with_level(text: str, start: int, end: int) -> tuple[int, int]:
    m = _LEVEL_BEFORE.search(text, max(0, start - 12), start)
    return (m.start(), end) if m else (start, end)


def next_name(text: str, pos: int, taken: list[tuple[int, int]], backwards: bool = False) -> tuple[int, int] | None:
    """The next known place name after `pos` (before it if `backwards`) that is not a party yet:
    neither inside a span of `taken` (the parties' spans) nor the same name as one of them."""
    from ..core.vntext import name_key
    from .fields import party_from_text
    from .units import known_unit

    names = {name_key(party_from_text(text[s:e])[0]) for s, e in taken}
    runs = [m.span for m in _name_runs(text) if known_unit(m.text) and name_key(m.text) not in names]
    runs = [(s, e) for s, e in runs
            if not any(ts <= s and e <= te for ts, te in taken)]
    if backwards:
        before = [r for r in runs if r[0] < pos]
        return before[-1] if before else None
    return next((r for r in runs if r[0] > pos), None)


_DATE_NEAR = re.compile(r"(?:ngày\s*)?\d{1,2}\s*[/.\-]\s*\d{1,2}(?:\s*[/.\-]\s*\d{4})?"
                        r"|ngày\s+\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{4})?"
                        r"|tháng\s+\d{1,2}(?:[/.\-]|\s+năm\s+)\d{4}", re.IGNORECASE)
_PERIOD_NEAR = re.compile(r"(?:giai đoạn|đến năm|tới năm|năm)?\s*(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?",
                          re.IGNORECASE)
_AMOUNT_NEAR = re.compile(r"\d[\d.,]*\s*(?:nghìn\s+|ngàn\s+)?(?:tỷ|triệu|nghìn|ngàn|USD|đồng|tấn|ha)"
                          r"(?:\s+(?:đồng|USD))?", re.IGNORECASE)


def _match_at(pattern: re.Pattern, text: str, pos: int) -> tuple[int, int] | None:
    for m in pattern.finditer(text, max(0, pos - 40), min(len(text), pos + 40)):
        if m.start() <= pos <= m.end() and m[0].strip():
            s = m.start() + len(m[0]) - len(m[0].lstrip())
            return s, m.end()
    return None


def clause_at(text: str, pos: int) -> tuple[int, int] | None:
    """The clause under the cursor: between the nearest ';', '.', ':' or line break on each side."""
    stops = ".;:\n"
    s = pos
    while s > 0 and text[s - 1] not in stops:
        s -= 1
    e = pos
    while e < len(text) and text[e] not in stops:
        e += 1
    while s < e and text[s] in " \t,":
        s += 1
    return (s, e) if e > s else None


def unit_at(kind: str, text: str, pos: int) -> tuple[int, int] | None:
    """The natural unit of field `kind` under the cursor at `pos`, or None."""
    if kind in ("party", "place"):
        return name_at(text, pos)
    if kind == "date":
        return _match_at(_DATE_NEAR, text, pos)
    if kind == "period":
        return _match_at(_PERIOD_NEAR, text, pos)
    if kind == "amount":
        return _match_at(_AMOUNT_NEAR, text, pos)
    if kind == "commitment":
        return clause_at(text, pos)
    return None
