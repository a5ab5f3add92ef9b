"""Clauses: what the learned layer weighs to decide whether a clause is a commitment.

The rules in `commitments` propose clauses (agreed lists, undertakings, pledges); a clause
that is really a list of officials, a speech or a plan of the visit costs the editor a
deletion. Each proposed clause is described by a few facts and by its words; a model
trained on curated records keeps or drops it.
"""
from __future__ import annotations

import re

from ..records import Commitment
from ..vntext import fold

_TITLE = re.compile(r"\b(?:Bí thư|Chủ tịch|Ủy viên|Uỷ viên|Bộ trưởng|Thứ trưởng|Giám đốc|Tỉnh trưởng|Thị trưởng"
                    r"|Trưởng ban|Phó|Đại sứ|Tổng Lãnh sự|Quận trưởng|Huyện trưởng|đồng chí|ông|bà)\b")
_ACTION = re.compile(r"\b(?:hợp tác|phối hợp|hỗ trợ|trao đổi|chia sẻ|xây dựng|tăng cường|đẩy mạnh|tổ chức|thúc đẩy"
                     r"|tạo điều kiện|phát triển|nâng cao|triển khai|thực hiện|giới thiệu|quảng bá|liên kết|kết nối"
                     r"|mở rộng|duy trì|tham gia|xúc tiến|bảo vệ|quản lý|giữ gìn|tuyên truyền|đào tạo)\b", re.I)
_UNDERTAKE = re.compile(r"\bsẽ\b|thống nhất|cam kết|nhất trí|tiếp tục")
_PAST = re.compile(r"\bđã\b|năm qua|thời gian qua|vừa qua|trước đó")
_SPEECH = re.compile(r"phát biểu|đề nghị|mong muốn|khẳng định|nhấn mạnh|bày tỏ|cho biết|tin tưởng|hy vọng")
_PURPOSE = re.compile(r"^(?:[Nn]hằm|[Đđ]ể|[Gg]óp phần|[Qq]ua đó)\b")
_WORD = re.compile(r"\w+")

FACTS = ("bias_clause", "words", "short", "long", "title", "action", "action_start", "undertake", "past",
         "speech", "purpose", "amount", "after_colon", "party_named", "capital_ratio", "position")


def facts(text: str, c: Commitment, party_names: set[str]) -> dict[str, float]:
    """The clause's facts (names in FACTS) and its words ("w=<word>", folded), for the model."""
    clause = c.text
    words = clause.split()
    start = c.span.start if c.span else 0
    before = text[max(0, start - 3):start]
    caps = sum(1 for w in words if w[:1].isupper())
    f = {
        "bias_clause": 1.0,
        "words": min(len(words), 60) / 60,
        "short": float(len(words) < 6),
        "long": float(len(words) > 40),
        "title": float(bool(_TITLE.search(clause))),
        "action": float(bool(_ACTION.search(clause))),
        "action_start": float(bool(_ACTION.match(clause))),
        "undertake": float(bool(_UNDERTAKE.search(clause))),
        "past": float(bool(_PAST.search(clause))),
        "speech": float(bool(_SPEECH.search(clause))),
        "purpose": float(bool(_PURPOSE.match(clause))),
        "amount": float(c.amount is not None),
        "after_colon": float(":" in before),
        "party_named": float(any(n and n in clause for n in party_names)),
        "capital_ratio": caps / max(1, len(words)),
        "position": start / max(1, len(text)),
    }
    for w in set(_WORD.findall(fold(clause))):
        if not w.isdigit():
            f["w=" + w] = 1.0
    return f
