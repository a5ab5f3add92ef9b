"""The review window: queue (left), article with highlights (centre), record editor (right).

Every edit becomes a `SaveCommand` on one undo stack and is saved as it is made. Prompts sit
behind `ask_*` / `show_message` methods that return plain values, so tests replace them.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLabel, QMainWindow, QProgressBar, QPushButton, QSplitter

from ..core.records import Record
from . import fields, i18n, window_layout
from .article_pane import ArticlePane
from .decisions import Decisions
from .editor import RecordEditor
from .editor_parts import paint_label
from .help import HelpDialog
from .linking import LinkingController
from .marking import ArticleMarks
from .models import QueueModel
from .queue_panel import QueuePanel
from .save_path import Change, SavePath
from .session import ReviewSession
from .units import provinces_2025
from .window_actions import ActionsMixin
from .window_jobs import JobsMixin
from .window_prompts import PromptsMixin
from .worker import WorkerThread


class MainWindow(ActionsMixin, PromptsMixin, JobsMixin, QMainWindow):
    """The reviewer's window over one `ReviewSession`."""

    def __init__(self, session: ReviewSession, settings: QSettings | None = None, parent=None):
        super().__init__(parent)
        self.session = session
        self.settings = settings if settings is not None else QSettings()
        self.article = None
        self.curated = None
        self.undo_stack = QUndoStack(self)
        self.saving = SavePath(session, self.undo_stack, self)
        self.saving.unsaved_changed.connect(self._on_saving_unsaved_changed)
        self.queue_model = QueueModel(session, self)
        self.jobs: WorkerThread | None = None
        self._help: HelpDialog | None = None
        self._closed = False
        self._shown_once = False
        self._build()
        self._build_actions()
        self.session.saved.connect(self._on_session_saved)
        self.linking = LinkingController(self)  # agreements already in the dataset; the overview
        self.session.conflict.connect(self._on_session_conflict)
        self.session.failed.connect(self._on_session_failed)
        self.retranslate()
        self.queue_model.set_filter(None, "")
        self._update_progress()
        self._restore_state()

    # ================================================================ layout
    def _build(self) -> None:
        self.setObjectName("reviewerWindow")
        self.queue_panel = QueuePanel(self.queue_model, list(provinces_2025()), self)
        self.queue_panel.article_chosen.connect(self._on_queue_panel_article_chosen)
        self.queue_panel.done.connect(self.focus_article)
        self.queue_panel.said.connect(self._on_queue_panel_said)
        self.queue_view = self.queue_panel.view
        self.search_edit = self.queue_panel.search_edit
        self.status_filter = self.queue_panel.status_filter

        self.article_pane = ArticlePane(self)
        self.article_view = self.article_pane.view
        self.article_view.field_clicked.connect(self._on_article_field_clicked)
        self.article_view.field_stepped.connect(self._on_article_field_clicked)
        self.article_view.edit_requested.connect(self._on_article_edit_requested)
        self.marks = ArticleMarks(self)  # P/D/L/R/C/A, Del and Ctrl+P/D/L/R: fields made from the text
        self.decisions = Decisions(self)  # accept, not an agreement, skip; where to go next

        self.editor = RecordEditor(self)
        self.editor.edit_requested.connect(self._on_editor_edit_requested)
        self.editor.field_selected.connect(self._on_editor_field_selected)
        self.editor.done_editing.connect(self.focus_article)
        self.editor.refused.connect(self._on_editor_refused)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setHandleWidth(4)
        for w in (self.queue_panel, self.article_pane, self.editor):
            self.splitter.addWidget(w)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setStretchFactor(2, 4)
        self.setCentralWidget(self.splitter)

        bar = self.statusBar()
        self.unsaved_label = QLabel(self)
        self.unsaved_label.setObjectName("unsavedLabel")
        self.unsaved_label.setMargin(2)
        paint_label(self.unsaved_label, "white", "#b91c1c", bold=True)
        self.unsaved_label.hide()
        bar.addWidget(self.unsaved_label)
        self.progress_label = QLabel(self)
        self.job_bar = QProgressBar(self)
        self.job_bar.setMaximumWidth(220)
        self.cancel_button = QPushButton(self)
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        bar.addPermanentWidget(self.job_bar)
        bar.addPermanentWidget(self.cancel_button)
        bar.addPermanentWidget(self.progress_label)
        self.job_bar.hide()
        self.cancel_button.hide()

    def retranslate(self) -> None:
        """Set every visible string (again, after a language change)."""
        self.setWindowTitle(self.tr("Reviewer — cooperation agreements"))
        self.queue_panel.retranslate()
        self.cancel_button.setText(self.tr("Cancel"))
        a = self.actions_by_name
        texts = {
            "import_files": self.tr("Import files…"), "import_folder": self.tr("Import folder…"),
            "export": self.tr("Export…"), "quit": self.tr("Quit"),
            "accept": self.tr("Accept record and go to next pending"),
            "not_agreement": self.tr("Not an agreement"), "skip": self.tr("Skip"),
            "next": self.tr("Next article"), "previous": self.tr("Previous article"),
            "next_agreement": self.tr("Next agreement of the article"),
            "previous_agreement": self.tr("Previous agreement of the article"),
            "search": self.tr("Focus search"), "remove_field": self.tr("Remove field under cursor"),
            "edit_party": self.tr("Type the party's name"), "edit_date": self.tr("Type the signing date"),
            "edit_place": self.tr("Type the place"), "edit_period": self.tr("Type the period"),
            "history": self.tr("History of this record…"), "help": self.tr("Keyboard shortcuts"), "lang_vi": "Tiếng Việt", "lang_en": "English",
        }
        for key, text in texts.items():
            a[key].setText(text)
        self._on_undo_stack_text_changed()
        lang = self.language()
        a["lang_vi"].setChecked(lang == "vi")
        a["lang_en"].setChecked(lang == "en")
        self.article_pane.retranslate()
        self.editor.retranslate()
        self.linking.retranslate()
        self._build_menus()
        self._update_heading()
        self._update_progress()

    def showEvent(self, e) -> None:
        super().showEvent(e)
        if not self._shown_once:  # the screen it opens on is known now
            self._shown_once = True
            window_layout.fit_screen(self)

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange and not self._closed:
            self.retranslate()
        super().changeEvent(e)

    # ================================================================ settings
    def language(self) -> str:
        return str(self.settings.value("language", i18n.DEFAULT_LANGUAGE))

    def set_language(self, language: str) -> None:
        """Switch the window's language now and remember it."""
        self.settings.setValue("language", language)
        i18n.install(language)  # LanguageChange → retranslate()
        self.retranslate()

    def ensure_reviewer(self) -> str:
        """The reviewer's name, asked once and kept in the settings."""
        name = str(self.settings.value("reviewer/name", "") or "")
        if not name:
            name = self.ask_reviewer_name()
            if name:
                self.settings.setValue("reviewer/name", name)
        self.session.reviewer = name or None
        return name

    def _restore_state(self) -> None:
        window_layout.restore(self)
        last = self.settings.value("last_article")
        self._initial_article = str(last) if last else None

    def reset_layout(self) -> None:
        window_layout.reset(self)

    def closeEvent(self, e) -> None:
        self.editor.commit_pending()  # what was typed but not confirmed is saved too
        if self.saving.pending is not None and not self.saving.retry() \
                and not self.ask_quit_unsaved(self.saving.why or ""):
            e.ignore()
            return
        window_layout.save(self)
        if self.article is not None:
            self.settings.setValue("last_article", self.article.id)
        self.settings.sync()
        if self.jobs is not None:
            self.jobs.stop()
            self.jobs = None
        self._closed = True
        super().closeEvent(e)

    # ================================================================ opening articles
    def start(self) -> None:
        """Open the last article seen, else the first pending one, else the first in the queue."""
        target = self._initial_article
        if target and not self.session.has_article(target):
            target = None
        target = target or self.session.next_id(None, "pending") or self.queue_model.article_id(0)
        if target:
            self.open_article(target)

    def open_article(self, article_id: str, commit_pending: bool = True) -> bool:
        """Show the article, its highlights and its record, the keyboard in the text; False if an
        unsaved change of the open article cannot be saved yet (the window stays)."""
        if commit_pending and self.article is not None and not self._closed:
            self.editor.commit_pending()
        if not self._settle_unsaved():
            return False
        self.article, self.curated = self.session.open(article_id)
        record = self.curated.record
        self.article_view.set_article(self.article.text, list(fields.located_fields(record)))
        self.editor.open_record(record)
        self._update_heading()
        self.queue_panel.show_article(article_id)
        self.linking.refresh()
        self.focus_article()
        return True

    def _on_editor_refused(self, words: str) -> None:
        if words:
            self.statusBar().showMessage(words, 10000)
        else:
            self.statusBar().clearMessage()

    def _on_queue_panel_said(self, words: str) -> None:
        self.statusBar().showMessage(words, 8000)

    def focus_article(self) -> None:
        """The keyboard goes (back) to the article."""
        if self.article is not None:
            self.article_view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _settle_unsaved(self) -> bool:
        if self.saving.pending is None or self.saving.retry():
            return True
        self.statusBar().showMessage(self.tr("Not saved: %1. The window stays on this article until it is saved.")
                                     .replace("%1", self.saving.why or ""), 8000)
        return False

    def _update_heading(self) -> None:
        self.editor.setEnabled(self.article is not None)  # nothing to edit before an article is open
        self.article_pane.show_heading(self.article, self.curated.status if self.curated else None)

    def _update_progress(self) -> None:
        counts = self.session.counts_by_status()
        done = counts.get("done", 0) + counts.get("not_an_agreement", 0)
        today, rate = self.session.reviewed_today()
        text = self.tr("%1 / %2 done").replace("%1", str(done)).replace("%2", str(sum(counts.values())))
        text += " · " + self.tr("%1 today").replace("%1", str(today))
        text += " · " + (self.tr("%1 an hour").replace("%1", f"{rate:.0f}") if rate is not None else "— " + self.tr("an hour"))
        self.progress_label.setText(text)

    def step(self, delta: int) -> None:
        """Open the next (delta=1) or previous (-1) article of the queue as shown."""
        row = self.queue_model.row_of(self.article.id) if self.article else None
        row = -1 if row is None else row
        target = row + delta
        if target >= self.queue_model.rowCount() and self.queue_model.canFetchMore():
            self.queue_model.fetchMore()
        aid = self.queue_model.article_id(target)
        if aid:
            self.open_article(aid)

    def focus_search(self) -> None:
        self.queue_panel.focus_search()

    # ================================================================ editing
    def push_edit(self, text: str, record: Record, path=None, status: str | None = None,
                  action: str = "edit") -> bool:
        """Save `record` (and `status`) for the open article as one undoable step; True once it is
        saved (or there was nothing to save), False if it was not (the change stays marked unsaved)."""
        if self.article is None or self.curated is None:
            return False
        if status is None:
            status = "in_review" if self.curated.status == "pending" else self.curated.status
        if record == self.curated.record and status == self.curated.status:
            if self.saving.pending is not None and self.saving.pending.article_id == self.article.id:
                self.saving.drop()  # the change was taken back before it could be saved
            return True
        saved = self.saving.save(Change(self.article.id, (self.curated.record, self.curated.status),
                                        (record, status), text, action, path))
        if saved and path is not None and self.curated.record == record:
            self.article_view.show_field(path)
        elif not saved and self.saving.pending is not None:
            self.editor.set_record(record)  # what was asked stays in view, marked unsaved
            self.article_view.set_fields(list(fields.located_fields(record)))
        return saved

    def _on_saving_unsaved_changed(self, why) -> None:
        if why:
            text = self.tr("Not saved: %1 — retrying").replace("%1", why)
            self.unsaved_label.setText(text)
        self.unsaved_label.setVisible(bool(why))
        self.editor.set_unsaved(self.tr("Not saved: %1 — retrying").replace("%1", why) if why else None)

    def _on_editor_edit_requested(self, text: str, record: Record, path) -> None:
        if path and self.article is not None:
            record = fields.unlink_moved_span(record, path, self.article.text)
        if path and path[0] == "party":
            record = fields.with_province_2025(record, path)
        self.push_edit(text, record, path)

    def _on_article_field_clicked(self, path) -> None:
        self.editor.select_field(path)  # shown in the editor; the keyboard stays in the article
        self.article_view.show_field(path)

    def _on_article_edit_requested(self, path) -> None:
        self.editor.select_field(path, focus=True)

    def _on_editor_field_selected(self, path) -> None:
        self.article_view.show_field(path)

    def _on_session_saved(self, article_id: str, curated) -> None:
        if self.article is None or article_id != self.article.id:
            # undo/redo of an edit made on another article; no new edit may start inside it
            self.open_article(article_id, commit_pending=False)
        else:
            self.curated = curated
            self.editor.set_record(curated.record)
            self.article_view.set_fields(list(fields.located_fields(curated.record)))
            self._update_heading()
        row = self.session.queue_row(article_id)
        if row is not None:
            self.queue_model.update_row(row)
        self._update_progress()
        if self.saving.pending is not None and self.saving.pending.article_id == article_id:
            self.saving.drop()

    def _on_session_failed(self, _article_id: str, why: str) -> None:
        # an undo or redo that failed is not kept as pending: say so all the same
        self.statusBar().showMessage(self.tr("Not saved: %1").replace("%1", why), 10000)

    def _on_session_conflict(self, article_id: str, error) -> None:
        # inside QUndoStack.push(): decide after it returns
        QTimer.singleShot(0, lambda: self._resolve_conflict(article_id, str(error)))

    def _resolve_conflict(self, article_id: str, message: str) -> None:
        if self.ask_reload_on_conflict(message):
            curated = self.session.reload(article_id)
            self.undo_stack.clear()  # its steps were made against a record that no longer exists
            if self.article is not None and self.article.id == article_id:
                self.curated = curated
                self.editor.set_record(curated.record)  # drop what was typed against the old one
            self.open_article(article_id)
        elif self.curated is not None:
            self.editor.set_record(self.curated.record)  # show what is really saved

    # ================================================================ status decisions
    def accept_and_next(self) -> None:
        self.decisions.accept()

    def mark_not_an_agreement(self) -> None:
        self.decisions.not_an_agreement()

    def skip(self) -> None:
        self.decisions.skip()

    # ================================================================ queue
    def _on_queue_panel_article_chosen(self, article_id: str) -> None:
        if (self.article is None or article_id != self.article.id) and not self.open_article(article_id):
            self.queue_panel.show_article(self.article.id)

    def apply_filter(self) -> None:
        self.queue_panel.apply_filter()

