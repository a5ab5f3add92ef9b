"""The store's vocabulary, without SQL: the rows and records it returns, the conflict it
raises, where its file lives. `reviewer.core.store` re-exports all of it."""
from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..records import Record

APP_NAME = "reviewer"
ENV_VAR = "REVIEWER_DB"


class ConflictError(Exception):
    """Another process saved the record after this one read it; nothing was overwritten."""

    def __init__(self, article_id: str, expected_revision: int, actual_revision: int):
        super().__init__(
            f"article {article_id} was saved elsewhere (now at revision {actual_revision}) after "
            f"you opened revision {expected_revision}; your change was not saved (it is kept in the "
            f"conflicts log) — reload and redo it")
        self.article_id = article_id
        self.expected_revision = expected_revision
        self.actual_revision = actual_revision


class StoreError(sqlite3.OperationalError):
    """The database cannot do what was asked; the message says why in plain words, naming the file.
    `reason` says which kind ("locked", "read_only", "disk_full", "other") for the window's words."""

    reason = "other"

    @property
    def detail(self) -> str:
        return str(self)


class DatabaseBusy(StoreError):
    """Another process held the write lock for the whole busy timeout; nothing was changed."""

    reason = "locked"


class ReadOnlyDatabase(StoreError):
    """The file cannot be written (permissions, or a newer reviewer's schema)."""

    reason = "read_only"


class DiskFull(StoreError):
    """The disk refused the write; nothing was changed."""

    reason = "disk_full"


class SaveError(StoreError):
    """A save that failed for a reason the store did not name itself (SQLite or the disk said no)."""

    WORDS = {"read_only": "the database file is read-only", "disk_full": "the disk is full",
             "locked": "another program holds the database"}

    def __init__(self, reason: str, detail: str):
        super().__init__(self.WORDS.get(reason, f"the database could not be written ({detail})"))
        self.reason = reason
        self._detail = detail

    @property
    def detail(self) -> str:
        return self._detail

    @classmethod
    def from_error(cls, err: BaseException) -> "SaveError":
        text = str(err).lower()
        if "readonly" in text or "read-only" in text or isinstance(err, PermissionError):
            return cls("read_only", str(err))
        if "full" in text or getattr(err, "errno", None) == 28:
            return cls("disk_full", str(err))
        if "locked" in text or "busy" in text:
            return cls("locked", str(err))
        return cls("other", str(err))



@dataclass(frozen=True)
class QueueRow:
    id: str
    title: str | None
    published: str | None
    status: str
    parties: str
    updated_at: str | None
    seq: int = 0  # position in import order: the key the next page starts after


@dataclass(frozen=True)
class CuratedRecord:
    article_id: str
    record: Record
    status: str
    reviewer: str | None
    revision: int
    updated_at: str | None


@dataclass(frozen=True)
class Revision:
    article_id: str
    revision: int
    record: Record
    status: str
    reviewer: str | None
    action: str
    at: str


def default_db_path() -> Path:
    """The database file: $REVIEWER_DB, else reviewer.db in the user's data folder."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "reviewer.db"


def now() -> str:
    """The current UTC time as ISO 8601 with microseconds (sorts as text)."""
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def parties_label(record: Record) -> str:
    """A short display string of the record's party names: 'Hải Dương – Bắc Giang'."""
    groups = []
    for a in record.agreements:
        names = list(dict.fromkeys(str(p.name) for p in a.parties if p.name))  # a hand-edited file may hold a number
        if names and " – ".join(names) not in groups:
            groups.append(" – ".join(names))
    return "; ".join(groups)
