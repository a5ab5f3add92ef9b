"""Fields made from the article's text by key: P/D/L/R/C/A on a selection (or the unit under the
cursor), Del on a highlight, and Ctrl+P/D/L/R to type a field in the record panel."""
from __future__ import annotations

from PySide6.QtCore import QObject

from . import fields
from .labels import field_label


class ArticleMarks(QObject):
    """Turns the article view's requests into edits of the open record, through the window's one
    edit path (`push_edit`: an undoable command that saves)."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        view = window.article_view
        view.mark_requested.connect(self._on_article_mark_requested)
        view.nothing_to_mark.connect(self._on_article_nothing_to_mark)
        view.remove_requested.connect(self._on_article_remove_requested)

    def _on_article_mark_requested(self, kind: str, start: int, end: int) -> None:
        if self.window.article is None:
            return
        try:
            record, path = fields.from_selection(self.window.curated.record, kind, self.window.article.text, start, end,
                                                 self.window.editor.agreement_index, self.window.editor.current_commitment())
        except ValueError:
            return
        if path[0] == "party":
            record = fields.with_province_2025(record, path)
        self.window.editor.agreement_index = path[1]
        self.window.push_edit(self.tr("Mark %1").replace("%1", field_label(kind).lower()), record, path)
        self.window.editor.select_field(path)

    def _on_article_nothing_to_mark(self, kind: str) -> None:
        self.window.statusBar().showMessage(self.tr("No %1 under the cursor: select the words first")
                                     .replace("%1", field_label(kind).lower()), 5000)

    def _on_article_remove_requested(self, path) -> None:
        if self.window.curated is not None:
            self.window.push_edit(self.tr("Remove field"), fields.remove_field(self.window.curated.record, path))

    def remove_under_cursor(self) -> None:
        """Del in the article: the field under the cursor goes, the cursor past its words."""
        view = self.window.article_view
        hit = view.field_at(view.textCursor().position())
        if hit:
            span = view.span_of(hit[0])
            self._on_article_remove_requested(hit[0])
            view.put_cursor(span[1])  # past the words that were the field: N finds the next name

    def edit_in_panel(self, head: str) -> None:
        """Move the keyboard to the record panel's field `head` of the current agreement."""
        ai = self.window.editor.agreement_index
        if ai is None:
            return
        if head == "party":
            if not self.window.curated.record.agreements[ai].parties:
                return
            hit = self.window.article_view.field_at(self.window.article_view.textCursor().position())
            row = hit[0][2] if hit and hit[0][0] == "party" else (self.window.editor.current_party() or 0)
            self.window.editor.select_field(("party", ai, row), focus=True)
        else:
            self.window.editor.select_field((head, ai), focus=True)
