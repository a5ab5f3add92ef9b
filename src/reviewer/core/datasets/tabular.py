"""Rows for spreadsheets: CSV (UTF-8 with BOM, what Excel reads) and .xlsx (openpyxl).

One row per commitment with its agreement's fields; an agreement without commitments, and an
article without any agreement, still get one row, so every exported article is in the sheet.
Ids carry an "id:" prefix in CSV, since a spreadsheet or pandas reads a hex id like
`9568e70410408427` as a number (9568 × 10^70410408427); in .xlsx every id is a text cell.
Years are whole numbers; `source` is the file name, not a path of the machine that imported.
"""
from __future__ import annotations

import csv
import io
from pathlib import PurePath
from typing import Iterable, Iterator

CSV_COLUMNS = ("article_id", "source", "title", "published", "status", "agreement", "kind",
               "parties", "signed_on", "place", "period_from", "period_to", "commitment",
               "category", "giver", "amount")
ID_PREFIX = "id:"


def _year(value) -> int | None:
    return int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def rows(item) -> Iterator[dict]:
    """The rows of one article (values as Python objects; `article_id` without prefix)."""
    art = item.article
    source = PurePath(art.source.replace("\\", "/")).name if art.source else None
    base = dict.fromkeys(CSV_COLUMNS)
    base.update(article_id=art.id, source=source, title=art.title,
                published=item.record.published, status=item.status)
    if not item.record.agreements:
        yield base
    for n, a in enumerate(item.record.agreements, 1):
        row = dict(base, agreement=n, kind=a.kind, signed_on=a.signed_on, place=a.place,
                   parties="; ".join(p.name + (f" ({p.level})" if p.level else "")
                                     + ("" if p.country == "Việt Nam" else f" [{p.country}]")
                                     for p in a.parties),
                   period_from=_year(a.period.start) if a.period else None,
                   period_to=_year(a.period.end) if a.period else None)
        for c in a.commitments or (None,):
            yield dict(row, commitment=c.text if c else None, category=c.category if c else None,
                       giver=c.giver if c else None, amount=c.amount if c else None)


def csv_rows(item) -> Iterator[dict]:
    """The CSV rows of one article: ids prefixed so that no reader takes them for numbers."""
    for row in rows(item):
        yield dict(row, article_id=ID_PREFIX + row["article_id"])


def csv_text(items: Iterable) -> Iterator[str]:
    """CSV with a header row; the caller writes it as UTF-8 with BOM so Excel reads Vietnamese."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for item in items:
        for row in csv_rows(item):
            writer.writerow(row)
        yield buf.getvalue()
        buf.seek(0)
        buf.truncate()
    yield buf.getvalue()


def xlsx(items: Iterable) -> Iterator[bytes]:
    """An .xlsx workbook (one sheet, the same rows; ids as text, years as numbers), as bytes."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("agreements")
    ws.freeze_panes = "A2"
    for col, width in zip("ABCDEFGHIJKLMNOP", (18, 28, 40, 11, 10, 9, 11, 40, 11, 14, 11, 11, 60, 20, 14, 14)):
        ws.column_dimensions[col].width = width
    ws.append(list(CSV_COLUMNS))
    for item in items:
        for row in rows(item):
            ws.append([row[c] for c in CSV_COLUMNS])
    buf = io.BytesIO()
    wb.save(buf)
    yield buf.getvalue()
