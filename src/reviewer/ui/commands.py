"""Undo commands: every edit of a record or its status, saved through the session.

`QUndoStack.push()` runs `redo()`, which saves; nothing applies an edit before pushing it. A
save refused by the revision check makes the command obsolete, so it never enters the stack.
"""
from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from ..core.records import Record


class SaveCommand(QUndoCommand):
    """Change one article's record and/or status from `before` to `after`."""

    def __init__(self, session, article_id: str, before: tuple[Record, str], after: tuple[Record, str],
                 text: str, action: str = "edit", path=None):
        super().__init__(text)
        self.session = session
        self.article_id = article_id
        self.before, self.after = before, after
        self.action = action
        self.path = path  # the field the edit is about: shown after redo/undo
        self._done_once = False

    def redo(self) -> None:
        record, status = self.after
        saved = self.session.save(self.article_id, record, status, self.action)
        if saved is None:
            self.setObsolete(True)
        self._done_once = True

    def undo(self) -> None:
        record, status = self.before
        if self.session.save(self.article_id, record, status, "undo") is None:
            self.setObsolete(True)
