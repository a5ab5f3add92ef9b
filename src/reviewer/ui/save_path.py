"""The one path every write of the window takes: an undo command, and what happens when it fails.

A save refused for a stale revision goes to the conflict prompt. Any other failure (read-only
file, full disk, a database held by another program) keeps the change as *unsaved*: it is not
on the undo stack, `unsaved_changed` says why in words, and it is retried every few seconds
until it is saved or dropped (3 s, then twice as long each time, up to a minute).
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from ..core.records import Record
from .commands import SaveCommand

RETRY_MS = 3000  # the first retry; each failed one waits twice as long, up to a minute
MAX_RETRY_MS = 60_000


@dataclass(frozen=True)
class Change:
    """One change the window asked to save."""

    article_id: str
    before: tuple[Record, str]
    after: tuple[Record, str]
    text: str
    action: str
    path: object


class SavePath(QObject):
    """Saves changes as undo commands; keeps and retries the one that failed."""

    unsaved_changed = Signal(object)  # why the pending change is not saved (words), or None once it is

    def __init__(self, session, undo_stack: QUndoStack, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self.undo_stack = undo_stack
        self.pending: Change | None = None
        self.why: str | None = None
        self._retry_timer = QTimer(self, interval=RETRY_MS)
        self._retry_timer.timeout.connect(self._on_retry_timer_timeout)
        session.failed.connect(self._on_session_failed)

    def save(self, change: Change) -> bool:
        """Save `change` as one undoable step; False if it was not saved (then it is pending,
        unless it was a conflict, which the window resolves)."""
        self._failure = None
        cmd = SaveCommand(self.session, change.article_id, change.before, change.after, change.text,
                          action=change.action, path=change.path)
        self.undo_stack.push(cmd)  # push() runs redo(): the save
        if cmd.saved:
            if self.pending is not None:
                self.drop()
            return True
        if self._failure is not None:
            again = self.pending is not None
            self.pending, self.why = change, self._failure
            # back off: a database held by another program makes each attempt wait for its lock
            self._retry_timer.setInterval(min(self._retry_timer.interval() * 2, MAX_RETRY_MS) if again else RETRY_MS)
            self._retry_timer.start()
            self.unsaved_changed.emit(self.why)
        return False

    def retry(self) -> bool:
        """Try the pending change again now; True if nothing is pending any more."""
        if self.pending is None:
            return True
        return self.save(self.pending)

    def drop(self) -> None:
        """Forget the pending change (it was saved, or the reviewer gave it up)."""
        self._retry_timer.stop()
        self.pending, self.why = None, None
        self.unsaved_changed.emit(None)

    def _on_session_failed(self, _article_id: str, why: str) -> None:
        self._failure = why

    def _on_retry_timer_timeout(self) -> None:
        if self.pending is not None:
            self.save(self.pending)
