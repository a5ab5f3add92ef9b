"""The review window: queue (left), article with highlights (centre), record editor (right).

Every edit becomes a `SaveCommand` on one undo stack and is saved as it is made. Prompts sit
behind `ask_*` / `show_message` methods that return plain values, so tests replace them.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHeaderView, QLabel, QLineEdit, QMainWindow,
                               QProgressBar, QPushButton, QSplitter, QTableView, QVBoxLayout, QWidget)

from ..core.records import STATUSES, Record
from . import fields, i18n
from .article_view import ArticlePane
from .commands import SaveCommand
from .editor import RecordEditor
from .help import HelpDialog
from .labels import status_label
from .linking import LinkingController
from .models import QueueModel
from .queue_delegate import TitleDelegate
from .session import ReviewSession
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
        self.queue_model = QueueModel(session, self)
        self.jobs: WorkerThread | None = None
        self._help: HelpDialog | None = None
        self._closed = False
        self._search_timer = QTimer(self, singleShot=True, interval=250)
        self._search_timer.timeout.connect(self._on_search_timer_timeout)
        self._build()
        self._build_actions()
        self.session.saved.connect(self._on_session_saved)
        self.linking = LinkingController(self)  # agreements already in the dataset; the overview
        self.session.conflict.connect(self._on_session_conflict)
        self.retranslate()
        self.queue_model.set_filter(None, "")
        self._update_progress()
        self._restore_state()

    # ================================================================ layout
    def _build(self) -> None:
        self.setObjectName("reviewerWindow")
        left = QWidget(self)
        ll = QVBoxLayout(left)
        ll.setContentsMargins(4, 4, 0, 4)
        self.search_edit = QLineEdit(left)
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self._on_search_edit_changed)
        self.status_filter = QComboBox(left)
        self.status_filter.currentIndexChanged.connect(self._on_status_filter_changed)
        self.queue_view = QTableView(left)
        self.queue_view.setModel(self.queue_model)
        self.queue_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.queue_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.queue_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.queue_view.verticalHeader().setVisible(False)
        self.queue_view.verticalHeader().setDefaultSectionSize(2 * self.fontMetrics().lineSpacing() + 8)
        self.queue_view.setItemDelegateForColumn(0, TitleDelegate(self.queue_view))
        self.queue_view.setColumnHidden(3, True)  # the parties are drawn under each title
        self.queue_view.setWordWrap(False)
        head = self.queue_view.horizontalHeader()
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # fixed widths: ResizeToContents would measure every fetched row
        for col in (1, 2, 3):
            head.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        self._queue_widths()
        self.queue_model.modelReset.connect(self._queue_widths)  # a reset forgets section sizes
        self.queue_view.selectionModel().currentRowChanged.connect(self._on_queue_view_row_changed)
        ll.addWidget(self.search_edit)
        ll.addWidget(self.status_filter)
        ll.addWidget(self.queue_view, 1)

        self.article_pane = ArticlePane(self)
        self.article_view = self.article_pane.view
        self.article_view.field_clicked.connect(self._on_article_field_clicked)
        self.article_view.mark_requested.connect(self._on_article_mark_requested)
        self.article_view.remove_requested.connect(self._on_article_remove_requested)

        self.editor = RecordEditor(self)
        self.editor.edit_requested.connect(self._on_editor_edit_requested)
        self.editor.field_selected.connect(self._on_editor_field_selected)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        for w in (left, self.article_pane, self.editor):
            self.splitter.addWidget(w)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setStretchFactor(2, 4)
        self.setCentralWidget(self.splitter)

        bar = self.statusBar()
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

    def _queue_widths(self) -> None:
        fm = self.queue_view.fontMetrics()
        for col, sample in ((1, "2019-10-05"), (2, "đang duyệt"), (3, "Hải Dương – Bắc Giang")):
            header = str(self.queue_model.headerData(col, Qt.Orientation.Horizontal) or "")
            self.queue_view.setColumnWidth(col, max(fm.horizontalAdvance(sample), fm.horizontalAdvance(header)) + 16)

    def retranslate(self) -> None:
        """Set every visible string (again, after a language change)."""
        self.setWindowTitle(self.tr("Reviewer — cooperation agreements"))
        self.search_edit.setPlaceholderText(self.tr("Search articles (Ctrl+F)"))
        with_blocked = self.status_filter.blockSignals(True)
        current = self.status_filter.currentData()
        self.status_filter.clear()
        self.status_filter.addItem(self.tr("All statuses"), None)
        for s in STATUSES:
            self.status_filter.addItem(status_label(s), s)
        self.status_filter.setCurrentIndex(max(self.status_filter.findData(current), 0))
        self.status_filter.blockSignals(with_blocked)
        self.cancel_button.setText(self.tr("Cancel"))
        a = self.actions_by_name
        texts = {
            "import_files": self.tr("Import files…"), "import_folder": self.tr("Import folder…"),
            "export": self.tr("Export…"), "quit": self.tr("Quit"),
            "accept": self.tr("Accept record and go to next pending"),
            "not_agreement": self.tr("Not an agreement"), "skip": self.tr("Skip"),
            "next": self.tr("Next article"), "previous": self.tr("Previous article"),
            "search": self.tr("Focus search"), "remove_field": self.tr("Remove field under cursor"),
            "help": self.tr("Keyboard shortcuts"), "lang_vi": "Tiếng Việt", "lang_en": "English",
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
        self.queue_model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 3)
        self._update_heading()
        self._update_progress()

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
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1366, 768)
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        splitter = self.settings.value("window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        else:  # first run: queue, article, editor
            w = self.width()
            self.splitter.setSizes([int(w * 0.25), int(w * 0.39), int(w * 0.36)])
        last = self.settings.value("last_article")
        self._initial_article = str(last) if last else None

    def closeEvent(self, e) -> None:
        self.editor.commit_pending()  # what was typed but not confirmed is saved too
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/splitter", self.splitter.saveState())
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

    def open_article(self, article_id: str, commit_pending: bool = True) -> None:
        """Show the article, its highlights and its record."""
        if commit_pending and self.article is not None and not self._closed:
            self.editor.commit_pending()
        self.article, self.curated = self.session.open(article_id)
        record = self.curated.record
        self.article_view.set_article(self.article.text, list(fields.located_fields(record)))
        self.editor.set_record(record, 0)
        self._update_heading()
        self._select_queue_row(article_id)
        self.linking.refresh()

    def _select_queue_row(self, article_id: str) -> None:
        row = self.queue_model.row_of(article_id)
        if row is None:
            return
        current = self.queue_view.currentIndex()
        if current.isValid() and current.row() == row:
            return
        sm = self.queue_view.selectionModel()
        blocked = sm.blockSignals(True)
        self.queue_view.selectRow(row)
        sm.blockSignals(blocked)
        self.queue_view.scrollTo(self.queue_model.index(row, 0))

    def _update_heading(self) -> None:
        self.editor.setEnabled(self.article is not None)  # nothing to edit before an article is open
        if self.article is None or self.curated is None:
            self.article_pane.heading.setText(self.tr("No article open — import some (Ctrl+O)"))
            return
        self.article_pane.heading.setText(
            f"<b>{_escape(self.article.title or self.article.source)}</b><br>"
            f"<span style='color:#555'>{_escape(self.article.published or '—')} · "
            f"{_escape(status_label(self.curated.status))} · {_escape(self.article.source)}</span>")

    def _update_progress(self) -> None:
        counts = self.session.counts_by_status()
        done = counts.get("done", 0) + counts.get("not_an_agreement", 0)
        self.progress_label.setText(self.tr("%1 / %2 done").replace("%1", str(done))
                                    .replace("%2", str(sum(counts.values()))))

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
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    # ================================================================ editing
    def push_edit(self, text: str, record: Record, path=None, status: str | None = None,
                  action: str = "edit") -> None:
        """Save `record` (and `status`) for the open article as one undoable step."""
        if self.article is None or self.curated is None:
            return
        if status is None:
            status = "in_review" if self.curated.status == "pending" else self.curated.status
        if record == self.curated.record and status == self.curated.status:
            return
        self.undo_stack.push(SaveCommand(self.session, self.article.id,
                                         (self.curated.record, self.curated.status), (record, status),
                                         text, action=action, path=path))
        if path is not None and self.curated.record == record:
            self.article_view.show_field(path)

    def _on_editor_edit_requested(self, text: str, record: Record, path) -> None:
        if path and path[0] == "party":
            record = fields.with_province_2025(record, path)
        self.push_edit(text, record, path)

    def _on_article_mark_requested(self, kind: str, start: int, end: int) -> None:
        if self.article is None:
            return
        try:
            record, path = fields.from_selection(self.curated.record, kind, self.article.text, start, end,
                                                 self.editor.agreement_index, self.editor.current_commitment())
        except ValueError:
            return
        if path[0] == "party":
            record = fields.with_province_2025(record, path)
        self.editor.agreement_index = path[1]
        from .labels import field_label

        self.push_edit(self.tr("Mark %1").replace("%1", field_label(kind).lower()), record, path)
        self.editor.select_field(path)

    def _on_article_remove_requested(self, path) -> None:
        if self.curated is not None:
            self.push_edit(self.tr("Remove field"), fields.remove_field(self.curated.record, path))

    def _on_remove_field_action_triggered(self) -> None:
        hit = self.article_view.field_at(self.article_view.textCursor().position())
        if hit:
            self._on_article_remove_requested(hit[0])

    def _on_article_field_clicked(self, path) -> None:
        self.editor.select_field(path)
        self.article_view.show_field(path)

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
        """Accept the record as shown (status done) and open the next pending article."""
        self.editor.commit_pending()
        if self.curated is None:
            return
        self.push_edit(self.tr("Accept"), fields.mark_accepted(self.curated.record), status="done",
                       action="accept")
        self._go_next_pending()

    def mark_not_an_agreement(self) -> None:
        self.editor.commit_pending()
        if self.curated is not None:
            self.push_edit(self.tr("Not an agreement"), self.curated.record, status="not_an_agreement",
                           action="not_an_agreement")
            self._go_next_pending()

    def skip(self) -> None:
        self.editor.commit_pending()
        if self.curated is not None:
            self.push_edit(self.tr("Skip"), self.curated.record, status="skipped", action="skip")
            self._go_next_pending()

    def _go_next_pending(self) -> None:
        nxt = self.session.next_id(self.article.id if self.article else None, "pending")
        if nxt:
            self.open_article(nxt)
        else:
            self.statusBar().showMessage(self.tr("No pending article left."), 5000)

    # ================================================================ queue
    def _on_queue_view_row_changed(self, current, _previous) -> None:
        aid = self.queue_model.article_id(current.row()) if current.isValid() else None
        if aid and (self.article is None or aid != self.article.id):
            self.open_article(aid)

    def _on_search_edit_changed(self, _text: str) -> None:
        self._search_timer.start()

    def _on_search_timer_timeout(self) -> None:
        self.apply_filter()

    def _on_status_filter_changed(self, _index: int) -> None:
        self.apply_filter()

    def apply_filter(self) -> None:
        self.queue_model.set_filter(self.status_filter.currentData(), self.search_edit.text())
        if self.article is not None:
            self._select_queue_row(self.article.id)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
