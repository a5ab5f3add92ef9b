"""The schema, as sqlite-utils migrations applied at start-up (in order; each runs once per file).

Several sessions added migrations in parallel, so their numbers have gaps; the order here is the
order they run in on a new file."""
from __future__ import annotations

import sqlite_utils
from sqlite_utils.migrations import Migrations

from . import connection

# remove_diacritics 2 also strips letters with two marks (ệ, ấ): "Thanh Hoa", "Thanh Hoá" and
# "Thanh Hóa" all find each other, so tone placement cannot split a search
FTS_TOKENIZE = "unicode61 remove_diacritics 2"

MIGRATIONS = Migrations("reviewer")


@MIGRATIONS()
def m001_initial(db: sqlite_utils.Database) -> None:
    # seq is the rowid alias: import order, and the FTS index's key (VACUUM keeps it)
    db["articles"].create(
        {"seq": int, "id": str, "source": str, "title": str, "text": str, "published": str,
         "layout": str, "imported_at": str},
        pk="seq", not_null={"id", "text"})
    db["articles"].create_index(["id"], unique=True)
    db["articles"].create_index(["source"])
    db["articles"].enable_fts(["title", "text"], create_triggers=True, tokenize=FTS_TOKENIZE)
    db["extractions"].create(
        {"id": int, "article_id": str, "extractor_version": str, "record": str, "extracted_at": str},
        pk="id", foreign_keys=[("article_id", "articles", "id")])
    db["extractions"].create_index(["article_id", "extractor_version"], unique=True)
    # seq is copied from articles so the queue by status is one index walk
    db["records"].create(
        {"article_id": str, "seq": int, "record": str, "status": str, "reviewer": str,
         "parties": str, "updated_at": str, "revision": int},
        pk="article_id", not_null={"seq", "record", "status", "revision"},
        foreign_keys=[("article_id", "articles", "id")])
    db["records"].create_index(["status", "seq"])
    db["records"].create_index(["seq"], unique=True)
    db["revisions"].create(
        {"id": int, "article_id": str, "revision": int, "record": str, "status": str,
         "reviewer": str, "action": str, "at": str},
        pk="id", not_null={"article_id", "revision", "record", "status", "action", "at"},
        foreign_keys=[("article_id", "articles", "id")])
    db["revisions"].create_index(["article_id", "revision"], unique=True)


@MIGRATIONS()
def m002_conflicts(db: sqlite_utils.Database) -> None:
    # a save refused for a stale revision is kept here, so the losing edit can still be recovered
    db["conflicts"].create(
        {"id": int, "article_id": str, "expected_revision": int, "actual_revision": int,
         "record": str, "status": str, "reviewer": str, "action": str, "at": str},
        pk="id", not_null={"article_id", "expected_revision", "actual_revision", "record", "at"},
        foreign_keys=[("article_id", "articles", "id")])
    db["conflicts"].create_index(["article_id"])


@MIGRATIONS()
def m003_revisions_at(db: sqlite_utils.Database) -> None:
    # the window's progress line counts today's decisions on every save
    db["revisions"].create_index(["at"])


@MIGRATIONS()
def m004_schema_version(db: sqlite_utils.Database) -> None:
    # the schema's version, for an older reviewer to see that a newer one wrote the file (it then
    # opens it read-only); a migration that changes what older versions can read raises it
    db["reviewer_schema"].create({"version": int}, not_null={"version"})
    db["reviewer_schema"].insert({"version": connection.SCHEMA_VERSION})


@MIGRATIONS()
def m005_anchor_curated_spans(db: sqlite_utils.Database) -> None:
    # records loaded from gold files before load-gold anchored them carry no spans, so exports
    # had to guess where their fields are: anchor them now (values untouched), one revision each
    from ..datasets.anchor import anchor  # the datasets layer sits above the store: import late
    from .curation import now
    from .db import _article, _dumps, _loads

    # the machine's own record, untouched, keeps the extractor's spans: only the others are read
    rows = db.execute(
        "SELECT a.id, a.source, a.title, a.text, a.published, a.layout, r.record, r.revision, m.record"
        " FROM records r JOIN articles a ON a.seq = r.seq LEFT JOIN extractions m ON m.id ="
        " (SELECT e.id FROM extractions e WHERE e.article_id = a.id ORDER BY e.id DESC LIMIT 1)"
        " WHERE m.record IS NULL OR r.record != m.record ORDER BY r.seq")
    changed = []
    for row in rows:  # streamed; the few changes are written after the read
        record = _loads(row[6])
        anchored = _dumps(anchor(_article(row[:6]), record, _loads(row[8]) if row[8] else None))
        if anchored != _dumps(record):
            changed.append((row[0], row[7] + 1, anchored))
    at = now()
    for article_id, revision, body in changed:
        db.execute("UPDATE records SET record = ?, revision = ?, updated_at = ? WHERE article_id = ?",
                   [body, revision, at, article_id])
        db.execute(
            "INSERT INTO revisions (article_id, revision, record, status, reviewer, action, at)"
            " SELECT article_id, ?, ?, status, NULL, 'anchor-spans', ? FROM records WHERE article_id = ?",
            [revision, body, at, article_id])


@MIGRATIONS()
def m006_agreements(db: sqlite_utils.Database) -> None:
    from .agreements import create_tables  # agreement entities: their SQL lives in agreements.py

    create_tables(db)


@MIGRATIONS()
def m007_models(db: sqlite_utils.Database) -> None:
    # extraction models trained on this database's done records; the newest one is used
    db["models"].create({"id": int, "body": str, "articles": int, "trained_at": str},
                        pk="id", not_null={"body", "trained_at"})
