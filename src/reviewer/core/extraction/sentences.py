"""Split stored text into paragraphs and sentences, keeping offsets (no characters are changed)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..records import Span

# a sentence ends at . ! ? … (or "...") followed by space and a capital, a digit or a quote
_END = re.compile(r"(?:[.!?]+|…|\.\.\.)[\"”’)]*[ \t]+(?=[\"“‘(]?[A-ZĐÀ-Ỹ0-9])")
_UPPER_START = re.compile(r"[A-ZĐ]|[À-Ỹ]")


# a line cut before the name or object it announces ("…của lãnh đạo tỉnh\nNghệ An")
_OPEN_END = re.compile(r"(?:\s|^)(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|của|và|với|tại|các|những"
                       r"|giữa|cho|từ|đến|là|đồng chí|ông|bà)$")


@dataclass(frozen=True)
class Sentence:
    span: Span
    paragraph: int  # index of the paragraph (a non-empty line)

    def text(self, stored: str) -> str:
        return stored[self.span.start:self.span.end]


def _lines(text: str) -> list[Span]:
    out, pos = [], 0
    for line in text.split("\n"):
        s = pos + (len(line) - len(line.lstrip()))
        e = pos + len(line.rstrip())
        if e > s:
            out.append(Span(s, e))
        pos += len(line) + 1
    return out


_TERMINAL = ".!?:;…\"”)|"


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def paragraphs(text: str) -> list[Span]:
    """Paragraphs: non-empty lines, with hard-wrapped lines joined back.

    A line is continued by the next when it ends with a comma, semicolon or hyphen,
    or when the next line (with no blank line between) starts in lower case.
    """
    lines = _lines(text)
    cut = [sp for sp in lines if 55 <= sp.end - sp.start <= 95 and text[sp.end - 1] not in _TERMINAL]
    hard_wrapped = len(cut) >= 3 and len(cut) * 4 >= len(lines)
    out: list[Span] = []
    for sp in lines:
        if out:
            prev = out[-1]
            between = text[prev.end:sp.start]
            first = text[sp.start]
            last = text[prev.end - 1]
            # hard-wrapped text: lines of 55-95 characters cut mid-sentence (a caption is not one)
            width = prev.end - _line_start(text, prev.end)
            wrapped = last not in _TERMINAL and (first.isdigit() or hard_wrapped and 55 <= width <= 95) \
                and "Ảnh" not in text[prev.end - width:prev.end]
            if between.count("\n") == 1 and (last in ",;-–" or first.islower() or wrapped
                                              or _OPEN_END.search(text[prev.start:prev.end])):
                out[-1] = Span(prev.start, sp.end)
                continue
        out.append(sp)
    return out


def split(text: str, start: int = 0, end: int | None = None) -> list[Sentence]:
    """Sentences of text[start:end], each within one paragraph, in order."""
    end = len(text) if end is None else end
    out: list[Sentence] = []
    for n, p in enumerate(paragraphs(text)):
        if p.end <= start or p.start >= end:
            continue
        s0 = max(p.start, start)
        e0 = min(p.end, end)
        pos = s0
        for m in _END.finditer(text, s0, e0):
            cut = m.end()
            # keep abbreviations like "TP. Quy Nhơn" and initials "T.P" together
            before = text[max(s0, m.start() - 3):m.start()]
            if text[m.start()] == "." and re.search(r"(?:^|\W)(?:TP|Tp|TX|Th|Mr|St|[A-ZĐ])$", before):
                continue
            if re.fullmatch(r"\s*(?:\d{1,2}|[a-zđ])", text[pos:m.start()]):
                continue  # "1. Duy trì …": a list number, not a sentence
            seg = text[pos:cut].rstrip()
            if seg.strip():
                out.append(Sentence(Span(pos, pos + len(seg)), n))
            pos = cut
        if pos < e0 and text[pos:e0].strip():
            out.append(Sentence(Span(pos, e0), n))
    return out
