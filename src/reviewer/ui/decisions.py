"""The reviewer's decisions on the open record — accept, not an agreement, skip — and which
article the window opens next: the next pending one of the list as filtered, else (with no
filter) of the whole queue, else one this reviewer started and left unfinished."""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject

from . import fields


class Decisions(QObject):
    """Composed into the `MainWindow`; every decision is one undoable save."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window

    def accept(self) -> None:
        """Accept the record as shown (status done) and go on; an agreement of it not looked at
        yet is shown first instead."""
        w = self.window
        unseen = w.editor.unseen_agreement()
        if unseen is not None and w.curated is not None:
            w.editor.show_agreement(unseen)
            self._say(self.tr("Agreement %1 of %2 not looked at yet: check it, then Ctrl+Return accepts the whole "
                              "record.").replace("%1", str(unseen + 1))
                      .replace("%2", str(len(w.editor.record.agreements))), 10000)
            return
        self._decide(self.tr("Accept"), fields.mark_accepted, "done", "accept")

    def not_an_agreement(self) -> None:
        """No agreement is reported: the record keeps none (its history keeps what was there)."""
        self._decide(self.tr("Not an agreement"), lambda r: replace(r, agreements=()), "not_an_agreement",
                     "not_an_agreement")

    def skip(self) -> None:
        self._decide(self.tr("Skip"), lambda r: r, "skipped", "skip")

    def _decide(self, text: str, change, status: str, action: str) -> None:
        w = self.window
        w.editor.commit_pending()
        if w.curated is None:
            return
        base = w.saving.pending.after[0] if w.saving.pending is not None else w.curated.record
        if w.push_edit(text, change(base), status=status, action=action):
            self.go_next_pending()

    def go_next_pending(self) -> None:
        w = self.window
        here = w.article.id if w.article else None
        model = w.queue_model
        if model.search or model.locality:  # the reviewer is working through what they searched for
            nxt = self._next_pending_in_list(here)
            if nxt and w.open_article(nxt):
                return
            self._say(self.tr("No pending article left among those found (Escape in the search box shows all)."))
            return
        nxt = w.session.next_id(here, "pending")
        if nxt:
            w.open_article(nxt)
            return
        nxt = w.session.next_id(here, "in_review", mine=True)  # one this reviewer left unfinished
        if nxt and w.open_article(nxt):
            self._say(self.tr("No pending article left: this one was started and not finished."), 8000)
        else:
            self._say(self.tr("No pending article left."))

    def _next_pending_in_list(self, here: str | None) -> str | None:
        """The next pending article of the filtered list after `here` (fetching the pages not
        loaded yet), then from its top."""
        model = self.window.queue_model
        row = model.row_of(here) if here else None
        start = -1 if row is None else row
        r = start + 1
        while r < model.rowCount() or model.canFetchMore():
            if r >= model.rowCount():
                model.fetchMore()
                continue
            if model.entry(r)[4] == "pending" and model.article_id(r) != here:
                return model.article_id(r)
            r += 1
        return next((model.article_id(r) for r in range(0, max(start, 0))
                     if model.entry(r)[4] == "pending" and model.article_id(r) != here), None)

    def _say(self, words: str, ms: int = 5000) -> None:
        self.window.statusBar().showMessage(words, ms)
