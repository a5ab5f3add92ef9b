"""The review session: the one object widgets talk to for data (it wraps the core `Store`).

It remembers the revision it last saw of each article, so every save carries the revision
check; a conflict is announced by the `conflict` signal (the window asks the reviewer) and the
save returns None. Widgets never see SQL.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal

from ..core.records import Article, Record
from ..core.store import ConflictError, CuratedRecord, QueueRow, SaveError, Store, StoreError


class ReviewSession(QObject):
    """Reads and saves curated records for the window, one `Store` connection (GUI thread)."""

    saved = Signal(str, object)  # article id, CuratedRecord
    conflict = Signal(str, object)  # article id, ConflictError
    failed = Signal(str, str)  # article id, why the save failed, in words

    def __init__(self, store: Store, reviewer: str | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.reviewer = reviewer
        self._revisions: dict[str, int] = {}

    @property
    def db_path(self) -> Path:
        return self.store.path

    # ------------------------------------------------------------ reading
    def open(self, article_id: str) -> tuple[Article, CuratedRecord]:
        """The article and its current record; its revision becomes the one saves expect."""
        article = self.store.article(article_id)
        curated = self.store.record(article_id)
        self._revisions[article_id] = curated.revision
        return article, curated

    def has_article(self, article_id: str) -> bool:
        return self.store.has_article(article_id)

    def current(self, article_id: str) -> CuratedRecord:
        """The record as stored now (does not change the revision saves expect)."""
        return self.store.record(article_id)

    def reload(self, article_id: str) -> CuratedRecord:
        """Forget what this window believed and take the stored record as the truth."""
        curated = self.store.record(article_id)
        self._revisions[article_id] = curated.revision
        return curated

    def queue(self, status: str | None, search: str | None, offset: int, limit: int,
              after_seq: int | None = None, locality: str | None = None) -> list[QueueRow]:
        return self.store.queue(status=status, search=search or None, offset=offset, limit=limit,
                                after_seq=after_seq, locality=locality or None)

    def count(self, status: str | None = None, search: str | None = None, locality: str | None = None) -> int:
        return self.store.count(status=status, search=search or None, locality=locality or None)

    def reviewed_today(self) -> tuple[int, float | None]:
        """(articles decided since local midnight, decisions per hour since the first of them or None)."""
        local_now = datetime.now().astimezone()
        midnight = local_now.replace(hour=0, minute=0, second=0, microsecond=0)
        n, first = self.store.reviewed_since(midnight.astimezone(timezone.utc).isoformat(timespec="microseconds"))
        if not n or first is None:
            return 0, None
        hours = (local_now - datetime.fromisoformat(first)) / timedelta(hours=1)
        return n, (n / hours if hours >= 0.1 else None)  # no rate from the first few minutes

    def history(self, article_id: str) -> list:
        """Every saved state of the article's record, oldest first (`Revision`s)."""
        return self.store.history(article_id)

    def counts_by_status(self) -> dict[str, int]:
        return self.store.counts_by_status()

    def next_id(self, after_id: str | None, status: str | None = "pending", mine: bool = False) -> str | None:
        """The next article in queue order with `status`; with `mine`, one this reviewer saved last."""
        return self.store.next_id(after_id, status, reviewer=self.reviewer if mine else None)

    def queue_row(self, article_id: str) -> QueueRow | None:
        """The queue row of one article (for refreshing the queue after a save)."""
        curated = self.store.record(article_id)
        article = self.store.article(article_id)
        from ..core.store import parties_label

        return QueueRow(article_id, article.title, article.published, curated.status,
                        parties_label(curated.record), curated.updated_at)

    # ------------------------------------------------------------ writing
    def save(self, article_id: str, record: Record, status: str, action: str = "edit") -> CuratedRecord | None:
        """Save with the revision check; returns the new state, or None after a conflict."""
        expected = self._revisions.get(article_id)
        if expected is None:
            expected = self.store.record(article_id).revision
        try:
            curated = self.store.save(article_id, record, status=status, reviewer=self.reviewer,
                                      expected_revision=expected, action=action)
        except ConflictError as err:
            self.conflict.emit(article_id, err)
            return None
        except StoreError as err:  # read-only, disk full, locked: said in words, nothing advances
            self.failed.emit(article_id, why_not_saved(err))
            return None
        except Exception as err:  # noqa: BLE001 — a record the store cannot write is not saved either, and says so
            self.failed.emit(article_id, why_not_saved(SaveError("other", f"{type(err).__name__}: {err}")))
            return None
        self._revisions[article_id] = curated.revision
        self.saved.emit(article_id, curated)
        return curated


def why_not_saved(err: StoreError) -> str:
    """What stopped a save, in the reviewer's words (in the window's language)."""
    tr = QCoreApplication.translate
    words = {"read_only": tr("ReviewSession", "the database file is read-only"),
             "disk_full": tr("ReviewSession", "the disk is full"),
             "locked": tr("ReviewSession", "another program holds the database")}
    return words.get(err.reason) or tr("ReviewSession", "the database could not be written (%1)").replace("%1", err.detail)
