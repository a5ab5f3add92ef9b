"""Undo commands: every edit of a record (or its status) is one `SaveCommand` on the window's stack."""
from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from ..core.records import Record


class SaveCommand(QUndoCommand):
    """Change one article's record and/or status from `before` to `after`.

    A save that fails (conflict, read-only file, full disk…) makes the command obsolete, so
    `QUndoStack.push` drops it: nothing unsaved ever sits on the undo stack. `saved` says which."""

    def __init__(self, session, article_id: str, before: tuple[Record, str], after: tuple[Record, str],
                 text: str, action: str = "edit", path=None):
        super().__init__(text)
        self.session = session
        self.article_id = article_id
        self.before, self.after = before, after
        self.action = action
        self.path = path  # the field the edit is about: shown after redo/undo
        self.saved = False

    def redo(self) -> None:
        record, status = self.after
        self.saved = self.session.save(self.article_id, record, status, self.action) is not None
        if not self.saved:
            self.setObsolete(True)

    def undo(self) -> None:
        record, status = self.before
        if self.session.save(self.article_id, record, status, "undo") is None:
            self.setObsolete(True)
