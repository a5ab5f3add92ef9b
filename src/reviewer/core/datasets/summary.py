"""A readable, plain-text summary of one extraction (what `reviewer extract` prints)."""
from __future__ import annotations

from ..records import Article, Record

KIND_WORDS = {"memorandum": "biên bản ghi nhớ", "agreement": "thỏa thuận hợp tác",
              "program": "chương trình hợp tác", "other": "khác (kết nghĩa, quy chế...)"}


def summarise(article: Article, record: Record) -> str:
    """Return a few indented lines: title, date, and each agreement's fields."""
    out = [f"{article.source}", f"  title:     {record.title or '—'}",
           f"  published: {record.published or '—'}"]
    if not record.agreements:
        out.append("  no agreement reported")
    for n, a in enumerate(record.agreements, 1):
        parties = "; ".join(
            f"{p.level + ' ' if p.level else ''}{p.name}"
            + (f" ({p.country})" if p.country != "Việt Nam" else "")
            + (f" → {p.province_2025}" if p.province_2025 else "")
            for p in a.parties)
        period = ""
        if a.period:
            period = f"{a.period.start or '…'}–{a.period.end or '…'}"
        out += [f"  agreement {n}: {a.kind} ({KIND_WORDS.get(a.kind, a.kind)})",
                f"    parties:   {parties or '—'}",
                f"    signed on: {a.signed_on or '—'}   place: {a.place or '—'}   period: {period or '—'}",
                f"    commitments: {len(a.commitments)}"]
        for c in a.commitments:
            extra = f"  [{c.giver or '?'}: {c.amount}]" if c.amount else ""
            text = c.text if len(c.text) <= 90 else c.text[:87] + "..."
            out.append(f"      - ({c.category}) {text}{extra}")
    return "\n".join(out)
