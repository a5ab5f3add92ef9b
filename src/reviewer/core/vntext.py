"""Vietnamese text helpers: NFC, tone-placement folding, and offsets that survive both.

`fold` keeps the length of its input (one code point in, one out), so an offset
found in the folded text is the same offset in the stored text.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# old ("hoá") → new ("hóa") tone placement; both sides are two code points in NFC
_TONE_PAIRS = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
_TONE_RE = re.compile("|".join(_TONE_PAIRS))
_LOWER = {}


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _lower_char(ch: str) -> str:
    low = _LOWER.get(ch)
    if low is None:
        low = ch.lower()
        if len(low) != 1:
            low = ch
        _LOWER[ch] = low
    return low


def fold(text: str) -> str:
    """Lower-case and fold tone placement (Hoá → hóa) without changing the length."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(_lower_char(c) for c in text)
    # "qu" + tone vowel is not the old placement ("quý" stays): keep it
    return _TONE_RE.sub(lambda m: m.group(0) if _after_q(low, m.start()) else _TONE_PAIRS[m.group(0)], low)


def _after_q(low: str, i: int) -> bool:
    return i > 0 and low[i - 1] == "q" and low[i] == "u"


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """A comparison key for a place name: NFC, folded, single spaces, no edge punctuation."""
    # "Đam-Rông", "Đam – Rông" and "Đam Rông" are one name (RECORD_FORMAT.md)
    return re.sub(r"\s*[-–]\s*|\s+", " ", fold(nfc(name or ""))).strip(" .,;:-–")


_ASCII = str.maketrans({"đ": "d", "Đ": "D"})


def ascii_key(name: str) -> str:
    """Strip diacritics and spaces: 'Thừa Thiên Huế' → 'thuathienhue' (underthesea's keys)."""
    s = unicodedata.normalize("NFD", name.translate(_ASCII))
    s = "".join(c for c in s if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]", "", s.lower())


def utf16_offset(text: str, index: int) -> int:
    """Convert a code-point offset into `text` to a UTF-16 code-unit offset (what Qt counts)."""
    prefix = text[:index]
    return len(prefix) + sum(1 for c in prefix if ord(c) > 0xFFFF)


def codepoint_offset(text: str, utf16_index: int) -> int:
    """Convert a UTF-16 code-unit offset back into a code-point offset into `text`."""
    units = 0
    for i, c in enumerate(text):
        if units >= utf16_index:
            return i
        units += 2 if ord(c) > 0xFFFF else 1
    return len(text)
