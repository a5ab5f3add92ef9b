"""The left column: search, status and locality filters over the queue of articles.

Exactly one row is selected: the open article's. Choosing a row (arrows, click) asks the window
to open it (`article_chosen`); Tab leaves the queue instead of moving down it. In the search box
Enter opens the first article found (or keeps the open one if it was found), Down goes to the
list, Escape clears the search (and, when it is empty, hands the keyboard back: `done`).
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLineEdit, QTableView,
                               QVBoxLayout, QWidget)

from ..core.records import STATUSES
from .labels import status_label
from .models import QueueModel
from .queue_delegate import TitleDelegate
from .units import canonical_name


class QueuePanel(QWidget):
    """Filters and the queue view over one `QueueModel`."""

    article_chosen = Signal(str)  # article id the reviewer moved to in the queue
    done = Signal()  # Escape in an empty search box: the keyboard goes back to the article
    said = Signal(str)  # a word for the status bar ("nothing found")

    def __init__(self, model: QueueModel, localities: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self._syncing = False
        self.current_id: str | None = None
        self._search_timer = QTimer(self, singleShot=True, interval=250)
        self._search_timer.timeout.connect(self._on_search_timer_timeout)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 0, 4)
        self.search_edit = QLineEdit(self)
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self._on_search_edit_changed)
        self.search_edit.returnPressed.connect(self._on_search_edit_return)
        self.search_edit.installEventFilter(self)
        self.status_filter = QComboBox(self)
        self.status_filter.currentIndexChanged.connect(self._on_status_filter_changed)
        for box in (self.status_filter,):
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            box.setMinimumContentsLength(8)
        self.locality_filter = QComboBox(self)
        self.locality_filter.setEditable(True)
        self.locality_filter.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.locality_filter.addItem("", None)
        for name in localities:
            self.locality_filter.addItem(name, name)
        self.locality_filter.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.locality_filter.completer().setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.locality_filter.currentIndexChanged.connect(self._on_locality_filter_changed)
        self.locality_filter.lineEdit().editingFinished.connect(self._on_locality_filter_changed)
        filters = QHBoxLayout()
        filters.addWidget(self.status_filter, 1)
        filters.addWidget(self.locality_filter, 1)
        self.view = QTableView(self)
        self.view.setModel(model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)  # Tab leaves the queue; it never opens the next article
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(2 * self.fontMetrics().lineSpacing() + 8)
        self.view.setItemDelegateForColumn(0, TitleDelegate(self.view))
        for col in (1, 2, 3):  # drawn under each title: status, date, parties
            self.view.setColumnHidden(col, True)
        self.view.setWordWrap(False)
        head = self.view.horizontalHeader()
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):  # fixed widths: ResizeToContents would measure every fetched row
            head.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        self._column_widths()
        model.modelReset.connect(self._column_widths)  # a reset forgets section sizes
        self.view.selectionModel().currentRowChanged.connect(self._on_view_row_changed)
        lay.addWidget(self.search_edit)
        lay.addLayout(filters)
        lay.addWidget(self.view, 1)

    def retranslate(self) -> None:
        self.search_edit.setPlaceholderText(self.tr("Search articles (Ctrl+F)"))
        self.locality_filter.lineEdit().setPlaceholderText(self.tr("Locality"))
        self.locality_filter.setToolTip(self.tr("Locality or 2025 province"))
        blocked = self.status_filter.blockSignals(True)
        current = self.status_filter.currentData()
        self.status_filter.clear()
        self.status_filter.addItem(self.tr("All statuses"), None)
        for s in STATUSES:
            self.status_filter.addItem(status_label(s), s)
        self.status_filter.setCurrentIndex(max(self.status_filter.findData(current), 0))
        self.status_filter.blockSignals(blocked)
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 3)
        self._column_widths()

    def _column_widths(self) -> None:
        fm = self.view.fontMetrics()
        samples = {1: "2019-10-05", 2: max((status_label(s) for s in STATUSES), key=fm.horizontalAdvance),
                   3: "Hải Dương – Bắc Giang"}
        for col, sample in samples.items():
            header = str(self.model.headerData(col, Qt.Orientation.Horizontal) or "")
            self.view.setColumnWidth(col, max(fm.horizontalAdvance(sample), fm.horizontalAdvance(header)) + 16)

    # -------------------------------------------------------- selection
    def show_article(self, article_id: str) -> None:
        """Make the article's row the one selected row (nothing is opened)."""
        self.current_id = article_id
        row = self.model.row_of(article_id)
        if row is None:
            self.view.clearSelection()
            return
        index = self.model.index(row, 0)
        self._syncing = True
        try:
            # through the selection model, not with its signals blocked: a blocked model leaves the
            # rows it deselects painted blue
            self.view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        finally:
            self._syncing = False
        self.view.scrollTo(index)

    def _on_view_row_changed(self, current, _previous) -> None:
        if self._syncing or not current.isValid():
            return
        aid = self.model.article_id(current.row())
        if aid:
            self.article_chosen.emit(aid)

    # -------------------------------------------------------- filters
    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def locality(self) -> str | None:
        """The locality typed or picked, spelt as the unit list does ("Thanh Hoa" → "Thanh Hóa")."""
        text = " ".join(self.locality_filter.currentText().split())
        return canonical_name(text) if text else None

    def apply_filter(self) -> None:
        self._search_timer.stop()
        self.model.set_filter(self.status_filter.currentData(), self.search_edit.text(), self.locality())
        if self.current_id is not None:
            self.show_article(self.current_id)

    def eventFilter(self, obj, event) -> bool:
        if obj is self.search_edit and event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Down:
                self.apply_filter()  # what is typed, even before the typing pause
                if not self.model.rowCount():
                    return True
                self.view.setFocus(Qt.FocusReason.TabFocusReason)
                if not self.view.selectionModel().hasSelection():
                    self.view.selectRow(0)
                return True
            if event.key() == Qt.Key.Key_Escape:
                if self.search_edit.text():
                    self.search_edit.clear()
                    self.apply_filter()
                else:
                    self.done.emit()
                return True
        return super().eventFilter(obj, event)

    def _on_search_edit_return(self) -> None:
        self.apply_filter()
        if self.search_edit.text().strip():
            if not self.model.rowCount():
                self.said.emit(self.tr("Nothing found for “%1”.").replace("%1", self.search_edit.text().strip()))
                return  # the keyboard stays, to mend the search
            if self.current_id is None or self.model.row_of(self.current_id) is None:
                self.article_chosen.emit(self.model.article_id(0))  # the open article was not found: the first
        self.done.emit()  # the keyboard goes to the article

    def _on_search_edit_changed(self, _text: str) -> None:
        self._search_timer.start()

    def _on_search_timer_timeout(self) -> None:
        self.apply_filter()

    def _on_status_filter_changed(self, _index: int) -> None:
        self.apply_filter()

    def _on_locality_filter_changed(self, *_args) -> None:
        if self.locality() != self.model.locality:
            self.apply_filter()
