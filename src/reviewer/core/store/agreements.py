"""Agreements as entities: one signing, reported by one or more article records. All the SQL
about them lives here (the articles and records are `db`'s).

Tables (created by the `m006_agreements` migration in `db`):
  agreements         one row per signing: its merged parties, kind, date, period and commitment
                     categories (kept up to date from its reports, so counting needs no record)
  agreement_links    which article agreement (article id + index in its record) reports which
                     signing; an article agreement reports at most one
  agreement_separate "not this one": an editor kept an article agreement apart from a signing
  agreement_events   append-only history of links, unlinks and separations, with who and when
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Iterator

import sqlite_utils

from .curation import now
from ..records import Agreement, Record
from ..vntext import name_key


def create_tables(db: sqlite_utils.Database) -> None:
    """The schema of the agreement entities (run once by the migration)."""
    db["agreements"].create(
        {"id": int, "party_key": str, "parties": str, "kind": str, "signed_on": str, "year": int,
         "period_from": int, "period_to": int, "published": str, "categories": str,
         "locality_ids": str, "n_articles": int, "created_at": str, "updated_at": str},
        pk="id", not_null={"party_key", "parties", "n_articles"}, defaults={"n_articles": 0})
    db["agreements"].create_index(["party_key"])
    db["agreements"].create_index(["n_articles", "year"])
    # every locality that signs an agreement, once: what the overview draws as a node
    db["localities"].create({"id": int, "key": str, "name": str, "level": str, "country": str,
                             "province_2025": str}, pk="id", not_null={"key", "name"})
    db["localities"].create_index(["key"], unique=True)
    db["agreement_links"].create(
        {"article_id": str, "agreement_index": int, "agreement_id": int, "reviewer": str, "at": str},
        pk=("article_id", "agreement_index"), not_null={"agreement_id", "at"},
        foreign_keys=[("article_id", "articles", "id"), ("agreement_id", "agreements", "id")])
    db["agreement_links"].create_index(["agreement_id"])
    db["agreement_separate"].create(
        {"article_id": str, "agreement_index": int, "agreement_id": int},
        pk=("article_id", "agreement_index", "agreement_id"),
        foreign_keys=[("article_id", "articles", "id"), ("agreement_id", "agreements", "id")])
    db["agreement_events"].create(
        {"id": int, "agreement_id": int, "article_id": str, "agreement_index": int, "action": str,
         "previous_id": int, "reviewer": str, "reason": str, "at": str},
        pk="id", not_null={"agreement_id", "article_id", "agreement_index", "action", "at"})
    db["agreement_events"].create_index(["article_id"])
    db["agreement_events"].create_index(["agreement_id"])


@dataclass(frozen=True)
class Report:
    """One article's agreement as its current record has it."""

    article_id: str
    index: int
    agreement: Agreement
    published: str | None
    source: str | None
    title: str | None
    status: str


@dataclass(frozen=True)
class Signed:
    """An agreement entity as stored: the merged facts of its reports."""

    id: int
    party_key: str
    parties: tuple[dict, ...]  # name, level, country, province_2025
    kind: str | None
    signed_on: str | None
    year: int | None
    period: tuple[int | None, int | None] | None
    published: str | None  # the earliest publication among its reports
    categories: dict[str, int]  # merged commitments per category
    n_articles: int


@dataclass(frozen=True)
class Event:
    agreement_id: int
    article_id: str
    index: int
    action: str  # create, link, unlink, separate, unseparate
    previous_id: int | None
    reviewer: str | None
    reason: str | None
    at: str


_SIGNED = ("SELECT id, party_key, parties, kind, signed_on, year, period_from, period_to, published,"
           " categories, n_articles FROM agreements")


def _signed(row) -> Signed:
    period = (row[6], row[7]) if row[6] is not None or row[7] is not None else None
    return Signed(row[0], row[1], tuple(json.loads(row[2])), row[3], row[4], row[5], period, row[8],
                  json.loads(row[9] or "{}"), row[10])


class AgreementTables:
    """The agreement entities of one `Store` (same connection, same thread)."""

    def __init__(self, store):
        self.db: sqlite_utils.Database = store.db

    # ------------------------------------------------------------ reading
    def reports(self, status: str | None = "done", article_id: str | None = None) -> Iterator[Report]:
        """Every agreement of the current records (with this status / of this article), in import order."""
        where, params = [], []
        if status is not None:
            where.append("r.status = ?")
            params.append(status)
        if article_id is not None:
            where.append("r.article_id = ?")
            params.append(article_id)
        sql = ("SELECT r.article_id, r.record, r.status, a.source, a.title FROM records r"
               " JOIN articles a ON a.seq = r.seq" + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY r.seq")
        for aid, body, st, source, title in self.db.execute(sql, params).fetchall():
            record = Record.from_dict(json.loads(body))
            for i, ag in enumerate(record.agreements):
                yield Report(aid, i, ag, record.published, source, title, st)

    def report(self, article_id: str, index: int) -> Report | None:
        """One article agreement, or None if the record has no agreement at that index."""
        return next((r for r in self.reports(None, article_id) if r.index == index), None)

    def get(self, agreement_id: int) -> Signed:
        row = self.db.execute(_SIGNED + " WHERE id = ?", [agreement_id]).fetchone()
        if row is None:
            raise KeyError(agreement_id)
        return _signed(row)

    def with_parties(self, party_key: str) -> list[Signed]:
        """The entities signed by this set of parties (that still have a report)."""
        return [_signed(r) for r in self.db.execute(
            _SIGNED + " WHERE party_key = ? AND n_articles > 0 ORDER BY id", [party_key])]

    def all(self) -> Iterator[Signed]:
        """Every entity that has at least one report, oldest first."""
        for row in self.db.execute(_SIGNED + " WHERE n_articles > 0 ORDER BY id").fetchall():
            yield _signed(row)

    def overview_rows(self) -> list[tuple]:
        """(id, year, kind, locality ids joined by ID_SEP, categories JSON, n_articles) of every
        entity with a report: the overview's one read, left unparsed for speed."""
        return self.db.execute("SELECT id, year, kind, locality_ids, categories, n_articles FROM agreements"
                               " WHERE n_articles > 0 ORDER BY id").fetchall()

    def localities(self) -> list[tuple]:
        """(id as text, name, level, country, province_2025) of every locality that signed something."""
        return self.db.execute("SELECT CAST(id AS TEXT), name, level, country, province_2025"
                               " FROM localities").fetchall()

    def reported_count(self, status: str = "done") -> tuple[int, int]:
        """(agreements in the records with this status, how many of them are linked), counted
        by SQLite without reading the records into Python."""
        total = self.db.execute("SELECT coalesce(sum(json_array_length(record, '$.agreements')), 0)"
                                " FROM records WHERE status = ?", [status]).fetchone()[0]
        linked = self.db.execute("SELECT count(*) FROM agreement_links l JOIN records r"
                                 " ON r.article_id = l.article_id WHERE r.status = ?", [status]).fetchone()[0]
        return total, linked

    def count(self) -> int:
        """Distinct agreements: entities with at least one report."""
        return self.db.execute("SELECT count(*) FROM agreements WHERE n_articles > 0").fetchone()[0]

    def linked(self, article_id: str, index: int) -> int | None:
        """The entity this article agreement reports, or None."""
        row = self.db.execute("SELECT agreement_id FROM agreement_links WHERE article_id = ? AND"
                              " agreement_index = ?", [article_id, index]).fetchone()
        return row[0] if row else None

    def links(self, article_id: str) -> dict[int, int]:
        """{agreement index: entity id} for one article."""
        return dict(self.db.execute("SELECT agreement_index, agreement_id FROM agreement_links"
                                    " WHERE article_id = ?", [article_id]).fetchall())

    def all_links(self) -> dict[tuple[str, int], int]:
        """{(article id, index): entity id} for every link."""
        return {(a, i): g for a, i, g in self.db.execute(
            "SELECT article_id, agreement_index, agreement_id FROM agreement_links")}

    def members(self, agreement_id: int) -> list[tuple[str, int]]:
        """(article id, index) of the reports of one entity, in link order."""
        return [(a, i) for a, i in self.db.execute(
            "SELECT article_id, agreement_index FROM agreement_links WHERE agreement_id = ?"
            " ORDER BY at, article_id, agreement_index", [agreement_id])]

    def separated(self, article_id: str, index: int) -> set[int]:
        """The entities an editor said this article agreement is not."""
        return {r[0] for r in self.db.execute(
            "SELECT agreement_id FROM agreement_separate WHERE article_id = ? AND agreement_index = ?",
            [article_id, index])}

    def all_separated(self) -> dict[tuple[str, int], set[int]]:
        """{(article id, index): the entities it was kept apart from} for every such decision."""
        out: dict[tuple[str, int], set[int]] = {}
        for aid, i, gid in self.db.execute("SELECT article_id, agreement_index, agreement_id"
                                           " FROM agreement_separate"):
            out.setdefault((aid, i), set()).add(gid)
        return out

    def events(self, article_id: str) -> list[Event]:
        """Links, unlinks and separations of one article's agreements, oldest first."""
        return [Event(*r) for r in self.db.execute(
            "SELECT agreement_id, article_id, agreement_index, action, previous_id, reviewer, reason, at"
            " FROM agreement_events WHERE article_id = ? ORDER BY id", [article_id])]

    # ------------------------------------------------------------ writing
    def lock(self) -> None:
        """Take the write lock now, at the start of a transaction that reads before it writes:
        a deferred transaction that writes after reading gets SQLITE_BUSY at once when another
        process writes (MEASURED.md). An UPDATE that matches nothing still takes the lock."""
        self.db.execute("UPDATE agreements SET id = id WHERE 0")

    def new(self, summary: dict) -> int:
        """A new entity with these merged facts and no report yet; returns its id."""
        at = now()
        cur = self.db.execute(
            "INSERT INTO agreements (party_key, parties, kind, signed_on, year, period_from, period_to,"
            " published, categories, locality_ids, n_articles, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)", self._values(summary) + [at, at])
        return cur.lastrowid

    def set_summary(self, agreement_id: int, summary: dict) -> None:
        """Replace an entity's merged facts; n_articles is recounted from its links."""
        self.db.execute(
            "UPDATE agreements SET party_key = ?, parties = ?, kind = ?, signed_on = ?, year = ?,"
            " period_from = ?, period_to = ?, published = ?, categories = ?, locality_ids = ?,"
            " updated_at = ?,"
            " n_articles = (SELECT count(*) FROM agreement_links WHERE agreement_id = agreements.id)"
            " WHERE id = ?", self._values(summary) + [now(), agreement_id])

    def _values(self, summary: dict) -> list:
        """The columns of an entity from its summary; its localities are registered on the way."""
        ids = []
        for p in summary.get("parties") or []:
            key = locality_key(p.get("name") or "", p.get("country"), p.get("province_2025"))
            self.db.execute("INSERT OR IGNORE INTO localities (key, name, level, country, province_2025)"
                            " VALUES (?, ?, ?, ?, ?)", [key, p.get("name") or "", p.get("level"),
                                                        p.get("country") or "Việt Nam", p.get("province_2025")])
            lid = str(self.db.execute("SELECT id FROM localities WHERE key = ?", [key]).fetchone()[0])
            if lid not in ids:
                ids.append(lid)
        return _summary_values(summary) + [ID_SEP.join(ids)]

    def move(self, article_id: str, index: int, agreement_id: int | None, *, reviewer: str | None,
             reason: str | None, action: str) -> int | None:
        """Make the article agreement report `agreement_id` (None: no entity); logs the event.

        Returns the entity it reported before (None if none). Call inside `db.atomic()` together
        with `set_summary` of both entities."""
        before = self.linked(article_id, index)
        if before == agreement_id:
            return before
        at = now()
        self.db.execute("DELETE FROM agreement_links WHERE article_id = ? AND agreement_index = ?",
                        [article_id, index])
        if agreement_id is not None:
            self.db.execute("INSERT INTO agreement_links (article_id, agreement_index, agreement_id,"
                            " reviewer, at) VALUES (?, ?, ?, ?, ?)",
                            [article_id, index, agreement_id, reviewer, at])
        self._event(agreement_id if agreement_id is not None else before, article_id, index, action,
                    before, reviewer, reason, at)
        return before

    def separate(self, article_id: str, index: int, agreement_id: int, keep_apart: bool, *,
                 reviewer: str | None) -> None:
        """Record (or withdraw) an editor's "this is not that signing"."""
        if keep_apart:
            self.db.execute("INSERT OR IGNORE INTO agreement_separate VALUES (?, ?, ?)",
                            [article_id, index, agreement_id])
        else:
            self.db.execute("DELETE FROM agreement_separate WHERE article_id = ? AND agreement_index = ?"
                            " AND agreement_id = ?", [article_id, index, agreement_id])
        self._event(agreement_id, article_id, index, "separate" if keep_apart else "unseparate",
                    None, reviewer, None, now())

    def _event(self, agreement_id, article_id, index, action, previous_id, reviewer, reason, at) -> None:
        self.db.execute(
            "INSERT INTO agreement_events (agreement_id, article_id, agreement_index, action,"
            " previous_id, reviewer, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [agreement_id, article_id, index, action, previous_id, reviewer, reason, at])


ID_SEP = ","  # between the locality ids of one agreement (short ASCII: the overview reads 50,000 at once)


def locality_key(name: str, country: str | None, province_2025: str | None) -> str:
    """One locality: its folded name and its post-2025 province (or country abroad), so the
    many "Châu Thành" districts stay apart."""
    return f"{name_key(name)}|{name_key(province_2025 or country or 'Việt Nam')}"


def _summary_values(s: dict) -> list:
    period = s.get("period") or (None, None)
    return [s["party_key"], json.dumps(s.get("parties") or [], ensure_ascii=False), s.get("kind"),
            s.get("signed_on"), s.get("year"), period[0], period[1], s.get("published"),
            json.dumps(s.get("categories") or {}, ensure_ascii=False)]
