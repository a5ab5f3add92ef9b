"""The curated store: one local SQLite file holding articles, machine extractions,
curated records and every revision of them. All of reviewer's SQL lives here.

Tables (plain tables with JSON text columns, so Datasette opens the file as it is):
  articles     the stored text of each article, in import order (`seq`); FTS5 over title, text
  extractions  the machine's record per article and extractor version, never edited
  records      the current curated record per article, with status, reviewer and revision
  revisions    append-only: the whole record after every save, with who, when and why
The schema changes only through `MIGRATIONS`, applied when a `Store` opens the file.
"""
from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import Iterator


from . import connection
from .migrations import MIGRATIONS
from .curation import (APP_NAME, ENV_VAR, ConflictError, CuratedRecord, QueueRow, Revision, SaveError, StoreError,
                       default_db_path, now, parties_label)
from ..records import Article, Record, Span, STATUSES
from ..vntext import nfc

__all__ = ["APP_NAME", "ENV_VAR", "ConflictError", "CuratedRecord", "QueueRow", "Revision", "Store",
           "default_db_path", "fts_query", "now", "parties_label"]


BUSY_TIMEOUT_MS = connection.BUSY_TIMEOUT_MS
def _dumps(record: Record) -> str:
    return json.dumps(record.to_dict(), ensure_ascii=False)


def _loads(text: str) -> Record:
    return Record.from_dict(json.loads(text))


def fts_query(search: str, prefix: bool = False) -> str | None:
    """An FTS5 MATCH expression for what was typed in the search box; None if empty.

    The words are one phrase, next to each other in that order ("Ben Tre" finds Bến Tre, not
    "bên … trẻ"); with `prefix` (or a trailing *) the last word may be the start of a longer one."""
    prefix = prefix or search.rstrip().endswith("*")
    # quotes and control characters (a pasted NUL) cannot be part of an FTS5 phrase
    words = ["".join(c for c in w if c.isprintable()).strip("*") for w in nfc(search).replace('"', " ").split()]
    words = [w for w in words if w]
    if not words:
        return None
    return '"' + " ".join(words) + '"' + ("*" if prefix else "")


class Store:
    """One connection to the curated database; use one Store per thread.

    `read_only` is None, or why the file can only be read (then every write raises
    ReadOnlyDatabase with that reason)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db, self.read_only = connection.connect(self.path, MIGRATIONS)

    def _write(self):
        """A write transaction holding the write lock from its start (see `connection`)."""
        return connection.immediate(self.db, self.path, self.read_only)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------ articles
    def add_article(self, article: Article, extraction: Record, extractor_version: str) -> bool:
        """Add an article with its machine extraction as the pending record (revision 1).

        Returns False, changing nothing, if an article with the same id is already stored."""
        return self.add_curated(article, extraction, status="pending", reviewer=None,
                                action="import", extraction=extraction,
                                extractor_version=extractor_version)

    def add_curated(self, article: Article, record: Record, *, status: str, reviewer: str | None,
                    action: str, extraction: Record | None = None,
                    extractor_version: str | None = None) -> bool:
        """Add an article whose first record is `record` (e.g. a gold file), in one transaction.

        Returns False, changing nothing, if the article id is already stored."""
        _check_status(status)
        at = now()
        layout = {"title_span": article.title_span.to_list() if article.title_span else None,
                  "published_span": article.published_span.to_list() if article.published_span else None,
                  "body_start": article.body_start}
        with self._write():
            cur = self.db.execute(
                "INSERT OR IGNORE INTO articles (id, source, title, text, published, layout, imported_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                [article.id, article.source, article.title, article.text, article.published,
                 json.dumps(layout), at])
            if cur.rowcount == 0:
                return False
            seq = cur.lastrowid
            if extraction is not None:
                self.db.execute(
                    "INSERT INTO extractions (article_id, extractor_version, record, extracted_at)"
                    " VALUES (?, ?, ?, ?)",
                    [article.id, extractor_version or "", _dumps(extraction), at])
            body = _dumps(record)
            self.db.execute(
                "INSERT INTO records (article_id, seq, record, status, reviewer, parties, updated_at,"
                " revision) VALUES (?, ?, ?, ?, ?, ?, ?, 1)",
                [article.id, seq, body, status, reviewer, parties_label(record), at])
            self._log(article.id, 1, body, status, reviewer, action, at)
        return True

    def has_article(self, article_id: str) -> bool:
        """True if the article is stored."""
        return self._one("SELECT 1 FROM articles WHERE id = ?", [article_id]) is not None

    def article(self, article_id: str) -> Article:
        """The stored article; raises KeyError if there is none."""
        row = self._one("SELECT id, source, title, text, published, layout FROM articles WHERE id = ?",
                        [article_id])
        if row is None:
            raise KeyError(article_id)
        return _article(row)

    def resolve(self, ref: str) -> str:
        """The article id named by an id, a unique id prefix, a source path or the end of one
        (a file name); KeyError if none or several match."""
        ref = ref.removeprefix("id:")  # as the CSV export writes ids
        if self.has_article(ref):
            return ref
        ids = [r[0] for r in self.db.execute(
            "SELECT id FROM articles WHERE source IN (?, ?, ?) LIMIT 2",
            [ref, os.path.normpath(ref), str(Path(ref).resolve())])]
        if not ids and ref and all(c in "0123456789abcdef" for c in ref):
            ids = [r[0] for r in self.db.execute(
                "SELECT id FROM articles WHERE id >= ? AND id < ? LIMIT 2", [ref, ref + "g"])]
        if not ids and ref:  # a file name as the user sees it: "004_59940e11ff252aed.txt"
            tail = "/" + ref.lstrip("./")
            ids = [r[0] for r in self.db.execute(
                "SELECT id FROM articles WHERE substr(source, -length(?)) = ? LIMIT 2", [tail, tail])]
        if len(ids) == 1:
            return ids[0]
        raise KeyError(f"{ref} matches several articles" if ids else f"no article matches {ref}")

    def extraction(self, article_id: str) -> Record | None:
        """The latest machine extraction of the article, or None."""
        row = self._one("SELECT record FROM extractions WHERE article_id = ? ORDER BY id DESC LIMIT 1",
                        [article_id])
        return _loads(row[0]) if row else None

    def extraction_and_version(self, article_id: str) -> tuple[Record | None, str | None]:
        """The latest machine extraction and the extractor version that made it (None, None)."""
        row = self._one("SELECT record, extractor_version FROM extractions WHERE article_id = ?"
                        " ORDER BY id DESC LIMIT 1", [article_id])
        return (_loads(row[0]), row[1]) if row else (None, None)

    def add_extraction(self, article_id: str, extraction: Record, extractor_version: str) -> None:
        """Store (or replace) the machine extraction of an article by one extractor version."""
        with self._write():
            self.db.execute(
                "INSERT OR REPLACE INTO extractions (article_id, extractor_version, record, extracted_at)"
                " VALUES (?, ?, ?, ?)", [article_id, extractor_version, _dumps(extraction), now()])

    # ------------------------------------------------------------ curated records
    def record(self, article_id: str) -> CuratedRecord:
        """The current curated record; raises KeyError if the article is not stored."""
        row = self._one("SELECT article_id, record, status, reviewer, revision, updated_at"
                        " FROM records WHERE article_id = ?", [article_id])
        if row is None:
            raise KeyError(article_id)
        return CuratedRecord(row[0], _loads(row[1]), row[2], row[3], row[4], row[5])

    def save(self, article_id: str, record: Record, *, status: str, reviewer: str | None,
             expected_revision: int, action: str = "edit") -> CuratedRecord:
        """Save a new state of the record; returns it (revision + 1).

        Raises ConflictError if the stored revision is no longer `expected_revision`, a StoreError
        (`reason` and the words) if the file could not be written."""
        _check_status(status)
        at, body = now(), _dumps(record)
        try:
            self._save(article_id, body, record, status, reviewer, expected_revision, action, at)
        except StoreError:
            raise  # already in plain words, naming the file
        except (sqlite3.Error, OSError) as e:
            raise SaveError.from_error(e) from e
        except ConflictError as e:
            with self._write():
                self.db.execute(
                    "INSERT INTO conflicts (article_id, expected_revision, actual_revision, record,"
                    " status, reviewer, action, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [article_id, expected_revision, e.actual_revision, body, status, reviewer, action, at])
            raise
        return CuratedRecord(article_id, record, status, reviewer, expected_revision + 1, at)

    def _save(self, article_id, body, record, status, reviewer, expected_revision, action, at) -> None:
        with self._write():
            # compare-and-set as the first statement: the write lock is taken before any read,
            # so two processes cannot both pass the check
            cur = self.db.execute(
                "UPDATE records SET record = ?, status = ?, reviewer = ?, parties = ?, updated_at = ?,"
                " revision = revision + 1 WHERE article_id = ? AND revision = ?",
                [body, status, reviewer, parties_label(record), at, article_id, expected_revision])
            if cur.rowcount != 1:
                row = self._one("SELECT revision FROM records WHERE article_id = ?", [article_id])
                if row is None:
                    raise KeyError(article_id)
                raise ConflictError(article_id, expected_revision, row[0])
            self._log(article_id, expected_revision + 1, body, status, reviewer, action, at)

    def history(self, article_id: str) -> list[Revision]:
        """Every saved state of the article's record, oldest first."""
        return [Revision(r[0], r[1], _loads(r[2]), r[3], r[4], r[5], r[6]) for r in self.db.execute(
            "SELECT article_id, revision, record, status, reviewer, action, at FROM revisions"
            " WHERE article_id = ? ORDER BY revision", [article_id])]

    def conflicts(self, article_id: str) -> list[tuple[Revision, int]]:
        """Saves refused for a stale revision, oldest first: (the attempt, the revision it was
        based on); the attempt's `revision` is the one it found already saved."""
        return [(Revision(r[0], r[1], _loads(r[2]), r[3], r[4], r[5], r[6]), r[7]) for r in self.db.execute(
            "SELECT article_id, actual_revision, record, status, reviewer, action, at, expected_revision"
            " FROM conflicts WHERE article_id = ? ORDER BY id", [article_id])]

    def restore(self, article_id: str, revision: int, *, reviewer: str | None,
                expected_revision: int) -> CuratedRecord:
        """Save an earlier revision's record and status as the newest; returns the new state."""
        row = self._one("SELECT record, status FROM revisions WHERE article_id = ? AND revision = ?",
                        [article_id, revision])
        if row is None:
            raise KeyError(f"{article_id} has no revision {revision}")
        return self.save(article_id, _loads(row[0]), status=row[1], reviewer=reviewer,
                         expected_revision=expected_revision, action=f"restore:{revision}")

    def _log(self, article_id, revision, body, status, reviewer, action, at) -> None:
        self.db.execute(
            "INSERT INTO revisions (article_id, revision, record, status, reviewer, action, at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)", [article_id, revision, body, status, reviewer, action, at])

    # ------------------------------------------------------------ the queue
    def _where(self, status: str | None, search: str | None, locality: str | None = None) -> tuple[str, str, list]:
        joins, where, params = "", [], []
        if locality:
            # a party of any agreement named so, or lying in that province since 2025
            where.append("EXISTS (SELECT 1 FROM json_each(r.record, '$.agreements') ag,"
                         " json_each(ag.value, '$.parties') p WHERE json_extract(p.value, '$.name') = ?1"
                         " OR json_extract(p.value, '$.province_2025') = ?1)".replace("?1", "?"))
            params += [nfc(locality.strip())] * 2
        match = fts_query(search) if search else None
        if match and self._one("SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? LIMIT 1", [match]) is None:
            match = fts_query(search, prefix=True)  # a word still being typed: "Thanh Ho"
        if match:
            joins = " JOIN articles_fts ON articles_fts.rowid = r.seq"
            where.append("articles_fts MATCH ?")
            params.append(match)
        if status is not None:
            where.append("r.status = ?")
            params.append(status)
        return joins, (" WHERE " + " AND ".join(where)) if where else "", params

    def queue(self, status: str | None = None, search: str | None = None, offset: int = 0,
              limit: int = 200, after_seq: int | None = None, locality: str | None = None) -> list[QueueRow]:
        """One page of the queue in import order, filtered by status and a full-text search.

        `after_seq` (the `seq` of the last row already shown) starts the page after it without
        counting the rows before, so the last page of 100,000 costs what the first does.
        `locality` keeps the articles with a party of that name or in that post-2025 province."""
        joins, where, params = self._where(status, search, locality)
        # with a search, order by the FTS rowid (= seq): FTS5 yields rows in that order, so the
        # first page needs no sort of every match
        order = "articles_fts.rowid" if joins else "r.seq"
        if after_seq is not None:
            where = (where + " AND " if where else " WHERE ") + f"{order} > ?"
            params = params + [after_seq]
            offset = 0
        # published as the curated record has it: a reviewer's correction shows in the queue
        sql = ("SELECT r.article_id, a.title, json_extract(r.record, '$.published'), r.status,"
               " r.parties, r.updated_at, r.seq"
               " FROM records r JOIN articles a ON a.seq = r.seq" + joins + where
               + f" ORDER BY {order} LIMIT ? OFFSET ?")
        return [QueueRow(r[0], r[1], r[2], r[3], r[4] or "", r[5], r[6])
                for r in self.db.execute(sql, params + [limit, offset])]

    def count(self, status: str | None = None, search: str | None = None, locality: str | None = None) -> int:
        """How many articles the queue holds with this status, search and locality."""
        joins, where, params = self._where(status, search, locality)
        return self.db.execute("SELECT count(*) FROM records r" + joins + where, params).fetchone()[0]

    def counts_by_status(self) -> dict[str, int]:
        """Articles per status, every status present (0 if none)."""
        out = dict.fromkeys(STATUSES, 0)
        for status, n in self.db.execute("SELECT status, count(*) FROM records GROUP BY status"):
            out[status] = n
        return out

    def reviewed_since(self, since: str) -> tuple[int, str | None]:
        """(articles given a decision — accepted, not an agreement, skipped — at or after `since`
        (ISO time) and still decided (an undone acceptance does not count), the time of the first
        such decision or None)."""
        row = self._one("SELECT count(DISTINCT v.article_id), min(v.at) FROM revisions v"
                        " JOIN records r ON r.article_id = v.article_id"
                        " WHERE v.at >= ? AND v.action IN ('accept', 'not_an_agreement', 'skip')"
                        " AND r.status IN ('done', 'not_an_agreement', 'skipped')", [since])
        return (row[0], row[1]) if row else (0, None)

    def counts_by_reviewer(self) -> dict[str | None, dict[str, int]]:
        """Current records per last reviewer and status: {reviewer: {status: n}}."""
        out: dict[str | None, dict[str, int]] = {}
        for reviewer, status, n in self.db.execute(
                "SELECT reviewer, status, count(*) FROM records GROUP BY reviewer, status"):
            out.setdefault(reviewer, {})[status] = n
        return out

    def next_id(self, after_id: str | None, status: str | None = "pending",
                reviewer: str | None = None) -> str | None:
        """The next article after `after_id` in queue order with `status` (None: any) and, if
        given, last saved by `reviewer`, wrapping around to the start; None if no other has it."""
        after = -1
        if after_id is not None:
            row = self._one("SELECT seq FROM records WHERE article_id = ?", [after_id])
            after = row[0] if row else -1
        cond, params = ("status = ? AND ", [status]) if status is not None else ("", [])
        if reviewer is not None:
            cond, params = cond + "reviewer = ? AND ", params + [reviewer]
        row = self._one(f"SELECT article_id FROM records WHERE {cond}seq > ? ORDER BY seq LIMIT 1",
                        params + [after])
        if row is None:
            row = self._one(f"SELECT article_id FROM records WHERE {cond}seq < ? ORDER BY seq LIMIT 1",
                            params + [after])
        return row[0] if row else None

    # ------------------------------------------------------------ bulk reading
    def curated(self, status: str | None = None) -> Iterator[tuple[Article, CuratedRecord]]:
        """Every article with its curated record, in import order (streamed, not loaded at once)."""
        cond, params = (" WHERE r.status = ?", [status]) if status else ("", [])
        cur = self.db.conn.execute(
            "SELECT a.id, a.source, a.title, a.text, a.published, a.layout,"
            " r.record, r.status, r.reviewer, r.revision, r.updated_at"
            " FROM records r JOIN articles a ON a.seq = r.seq" + cond + " ORDER BY r.seq", params)
        for row in cur:
            yield _article(row[:6]), CuratedRecord(row[0], _loads(row[6]), *row[7:])

    def curated_with_extraction(self, status: str | None = "done") -> Iterator[tuple[str, dict, dict | None]]:
        """(article id, curated record dict, latest extraction dict or None) per article."""
        cond, params = (" WHERE r.status = ?", [status]) if status else ("", [])
        cur = self.db.conn.execute(
            "SELECT r.article_id, r.record, (SELECT e.record FROM extractions e WHERE"
            " e.article_id = r.article_id ORDER BY e.id DESC LIMIT 1) FROM records r"
            + cond + " ORDER BY r.seq", params)
        for aid, rec, ext in cur:
            yield aid, json.loads(rec), json.loads(ext) if ext else None

    def _one(self, sql: str, params: list) -> tuple | None:
        return self.db.execute(sql, params).fetchone()


def _check_status(status: str) -> None:
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}; expected one of {', '.join(STATUSES)}")


def _article(row) -> Article:
    aid, source, title, text, published, layout = row
    lay = json.loads(layout) if layout else {}
    return Article(id=aid, source=source, text=text, title=title,
                   title_span=Span.from_value(lay.get("title_span")), published=published,
                   published_span=Span.from_value(lay.get("published_span")),
                   body_start=lay.get("body_start") or 0)
