"""The agreements dataset: one row per signing (not per article), merged from the done records
that report it, as JSON Lines or CSV (`reviewer export --format agreements`)."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Iterator

from ..store import Store
from ..store.agreements import AgreementTables
from .export import ExportError, write_atomic
from .merge import merge

CSV_COLUMNS = ("agreement_id", "parties", "provinces_2025", "countries", "kind", "signed_on",
               "period_from", "period_to", "commitments", "categories", "n_articles", "article_ids",
               "sources")
SEP = " | "  # between the values of one CSV cell (commitments hold commas and semicolons)


def unlinked(store: Store) -> int:
    """Agreements of done records that `reviewer link` has not placed yet."""
    total, linked = AgreementTables(store).reported_count("done")
    return total - linked


def rows(store: Store) -> Iterator[dict]:
    """One dict per agreement entity that a done record reports, oldest entity first."""
    tables = AgreementTables(store)
    reports = {(r.article_id, r.index): r for r in tables.reports("done")}
    members: dict[int, list] = {}
    for key, gid in sorted(tables.all_links().items(), key=lambda kv: kv[1]):
        if key in reports:
            members.setdefault(gid, []).append(reports[key])
    for gid, reps in members.items():
        m = merge(reps)
        yield {
            "agreement_id": gid,
            "parties": list(m.parties),
            "provinces_2025": list(dict.fromkeys(p["province_2025"] for p in m.parties if p["province_2025"])),
            "countries": list(dict.fromkeys(p["country"] for p in m.parties)),
            "kind": m.kind, "signed_on": m.signed_on,
            "period": {"from": m.period[0], "to": m.period[1]} if m.period else None,
            "commitments": [{"text": c.text, "category": c.category, "giver": c.giver, "amount": c.amount}
                            for c in m.commitments],
            "articles": [{"id": r.article_id, "source": r.source, "title": r.title,
                          "published": r.published, "agreement_index": r.index} for r in reps],
        }


def jsonl(all_rows) -> Iterator[str]:
    for row in all_rows:
        yield json.dumps(row, ensure_ascii=False) + "\n"


def csv_row(row: dict) -> dict:
    period = row["period"] or {}
    return {
        "agreement_id": row["agreement_id"],
        "parties": SEP.join(p["name"] + (f" ({p['level']})" if p["level"] else "") for p in row["parties"]),
        "provinces_2025": SEP.join(row["provinces_2025"]), "countries": SEP.join(row["countries"]),
        "kind": row["kind"], "signed_on": row["signed_on"],
        "period_from": period.get("from"), "period_to": period.get("to"),
        "commitments": SEP.join(c["text"] for c in row["commitments"]),
        "categories": SEP.join(dict.fromkeys(c["category"] for c in row["commitments"])),
        "n_articles": len(row["articles"]),
        "article_ids": SEP.join(a["id"] for a in row["articles"]),
        "sources": SEP.join(a["source"] or "" for a in row["articles"]),
    }


def csv_text(all_rows) -> Iterator[str]:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in all_rows:
        writer.writerow(csv_row(row))
        yield buf.getvalue()
        buf.seek(0)
        buf.truncate()
    yield buf.getvalue()


def export(store: Store, path: str | Path | None, stream=None, as_csv: bool | None = None) -> int:
    """Write the agreements dataset: CSV (UTF-8 with BOM) if `as_csv` or the file ends in .csv,
    else JSON Lines; to `path` atomically or to a text stream. Returns the agreements written."""
    if as_csv is None:
        as_csv = path is not None and Path(path).suffix.lower() == ".csv"
    written = 0

    def counted():
        nonlocal written
        for row in rows(store):
            written += 1
            yield row

    chunks = csv_text(counted()) if as_csv else jsonl(counted())
    if path is None:
        if stream is None:
            raise ExportError("nowhere to write: give a file or a stream")
        for chunk in chunks:
            stream.write(chunk)
    else:
        write_atomic(path, chunks, "utf-8-sig" if as_csv else "utf-8")
    return written
