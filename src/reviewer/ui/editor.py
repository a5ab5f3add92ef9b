"""The record editor (right column): one agreement at a time, every field with its origin.

It never saves: each change is emitted as `edit_requested(description, new record, field path)`
and the window pushes it as an undo command; the saved record comes back through `set_record`.
"""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QStyledItemDelegate, QVBoxLayout, QWidget)

from ..core.records import CATEGORIES, LEVELS, Party, Record
from . import fields
from .labels import category_label, kind_label
from .editor_fields import AgreementFields
from .editor_parts import (ChoiceDelegate, NameDelegate, bold_titles, compact_combo, fixed_widths, paint_label,
                           record_table, unit_completer)
from .models import CommitmentsModel, PartiesModel


class RecordEditor(QWidget):
    """Agreements of one record: kind, parties, date, place, period, commitments."""

    edit_requested = Signal(str, object, object)  # description, new Record, field path
    field_selected = Signal(object)  # field path the reviewer picked in the editor
    done_editing = Signal()  # Enter or Escape in a field: the keyboard goes back to the article
    refused = Signal(str)  # a value typed and not saved, in words

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.record = Record()
        self._seen: set[int] = set()  # agreements shown since the article was opened
        self.agreement_index: int | None = None
        self.parties_model = PartiesModel(self)
        self.commitments_model = CommitmentsModel(self)
        self._build()
        self.parties_model.edit_requested.connect(self.edit_requested)
        self.commitments_model.edit_requested.connect(self.edit_requested)
        bold_titles(self.fields_box, self.parties_box, self.commitments_box)
        self.retranslate()
        self._refresh()

    # -------------------------------------------------------- layout
    def _build(self) -> None:
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.agreement_box = compact_combo(self, 12)
        self.agreement_box.currentIndexChanged.connect(self._on_agreement_box_changed)
        self.add_agreement_button = QPushButton(self)
        self.add_agreement_button.clicked.connect(self._on_add_agreement_clicked)
        self.remove_agreement_button = QPushButton(self)
        self.remove_agreement_button.clicked.connect(self._on_remove_agreement_clicked)
        self.unsaved_banner = QLabel(self)
        self.unsaved_banner.setObjectName("unsavedBanner")
        self.unsaved_banner.setWordWrap(True)
        self.unsaved_banner.setMargin(4)
        paint_label(self.unsaved_banner, "white", "#b91c1c", bold=True)
        self.unsaved_banner.hide()
        lay.addWidget(self.unsaved_banner)
        top.addWidget(self.agreement_box, 1)
        top.addWidget(self.add_agreement_button)
        top.addWidget(self.remove_agreement_button)
        lay.addLayout(top)

        self.fields_box = AgreementFields(self)
        self.fields_box.edit_requested.connect(self.edit_requested)
        self.fields_box.field_selected.connect(self.field_selected)
        self.fields_box.done_editing.connect(self.done_editing)
        self.fields_box.refused.connect(self.refused)
        for name in ("kind_box", "kind_origin", "signed_on_edit", "signed_on_origin", "place_edit",
                     "place_origin", "period_from", "period_to", "period_origin"):
            setattr(self, name, getattr(self.fields_box, name))
        lay.addWidget(self.fields_box)

        self.parties_box = QGroupBox(self)
        pl = QVBoxLayout(self.parties_box)
        self.parties_view = record_table(self.parties_model, self)
        self.parties_view.done_editing.connect(self.done_editing)
        self.parties_view.setItemDelegateForColumn(0, NameDelegate(self.parties_view))
        self.parties_view.setItemDelegateForColumn(
            1, ChoiceDelegate(LEVELS, lambda x: x, True, self.parties_view))
        self.parties_view.selectionModel().currentRowChanged.connect(self._on_parties_view_row_changed)
        pl.addWidget(self.parties_view)
        row = QHBoxLayout()
        self.add_party_button = QPushButton(self)
        self.add_party_button.clicked.connect(self._on_add_party_clicked)
        self.remove_party_button = QPushButton(self)
        self.remove_party_button.clicked.connect(self._on_remove_party_clicked)
        row.addWidget(self.add_party_button)
        row.addWidget(self.remove_party_button)
        row.addStretch(1)
        pl.addLayout(row)
        lay.addWidget(self.parties_box, 0)  # as tall as its rows: the commitments get the rest

        self.commitments_box = QGroupBox(self)
        cl = QVBoxLayout(self.commitments_box)
        self.commitments_view = record_table(self.commitments_model, self)
        self.commitments_view.done_editing.connect(self.done_editing)
        self.commitments_view.setItemDelegateForColumn(
            1, ChoiceDelegate(CATEGORIES, category_label, False, self.commitments_view))
        self.commitments_view.setWordWrap(True)
        # two lines of a commitment's text per row, the whole text in the tooltip
        self.commitments_view.verticalHeader().setDefaultSectionSize(2 * self.fontMetrics().lineSpacing() + 8)
        self.commitments_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.commitments_view.selectionModel().currentChanged.connect(self._on_commitments_view_changed)
        cl.addWidget(self.commitments_view)
        # category and giver of the current commitment: a detail row, so the text column keeps its room
        self.commitments_view.setColumnHidden(1, True)
        self.commitments_view.setColumnHidden(2, True)
        detail = QHBoxLayout()
        self.category_label = QLabel(self)
        self.category_box = compact_combo(self, 10)
        self.category_box.activated.connect(self._on_category_box_activated)
        self.giver_label = QLabel(self)
        self.giver_edit = QLineEdit(self)
        self.giver_edit.setCompleter(unit_completer(self))
        self.giver_edit.editingFinished.connect(self._on_giver_edit_finished)
        self.giver_edit.returnPressed.connect(self.done_editing)
        detail.addWidget(self.category_label)
        detail.addWidget(self.category_box, 2)
        detail.addWidget(self.giver_label)
        detail.addWidget(self.giver_edit, 1)
        cl.addLayout(detail)
        row = QHBoxLayout()
        self.add_commitment_button = QPushButton(self)
        self.add_commitment_button.clicked.connect(self._on_add_commitment_clicked)
        self.remove_commitment_button = QPushButton(self)
        self.remove_commitment_button.clicked.connect(self._on_remove_commitment_clicked)
        self.up_button = QPushButton("↑", self)
        self.up_button.clicked.connect(lambda: self._on_move_commitment_clicked(-1))
        self.down_button = QPushButton("↓", self)
        self.down_button.clicked.connect(lambda: self._on_move_commitment_clicked(1))
        for b in (self.up_button, self.down_button):
            b.setFixedWidth(b.fontMetrics().horizontalAdvance("↑") + 24)
        for b in (self.add_commitment_button, self.remove_commitment_button, self.up_button, self.down_button):
            row.addWidget(b)
        row.addStretch(1)
        cl.addLayout(row)
        lay.addWidget(self.commitments_box, 4)

    def retranslate(self) -> None:
        self.add_agreement_button.setText(self.tr("Add agreement"))
        self.remove_agreement_button.setText(self.tr("Remove agreement"))
        self.fields_box.retranslate()
        for view in (self.parties_view, self.commitments_view):
            fixed_widths(view)  # the origin words differ in width between languages
        self.parties_box.setTitle(self.tr("Parties"))
        self.add_party_button.setText(self.tr("Add party"))
        self.remove_party_button.setText(self.tr("Remove party"))
        self.commitments_box.setTitle(self.tr("Commitments"))
        self.add_commitment_button.setText(self.tr("Add commitment"))
        self.remove_commitment_button.setText(self.tr("Remove commitment"))
        self.up_button.setToolTip(self.tr("Move up"))
        self.down_button.setToolTip(self.tr("Move down"))
        self.category_label.setText(self.tr("Category"))
        self.giver_label.setText(self.tr("Giver"))
        with QSignalBlocker(self.category_box):
            self.category_box.clear()
            for c in CATEGORIES:
                self.category_box.addItem(category_label(c), c)
        self._refresh()

    # -------------------------------------------------------- showing a record
    def set_unsaved(self, message: str | None) -> None:
        """Mark what the editor shows as not saved (with why), or clear the mark (None)."""
        self.unsaved_banner.setText(message or "")
        self.unsaved_banner.setVisible(bool(message))

    def open_record(self, record: Record) -> None:
        """Show the record of an article just opened: its first agreement, no field or row current."""
        self._seen = set()
        self.fields_box.mark_current(None)
        for view in (self.parties_view, self.commitments_view):
            with QSignalBlocker(view.selectionModel()):
                view.setCurrentIndex(QModelIndex())
                view.clearSelection()
        self.set_record(record, 0)

    def set_record(self, record: Record, agreement_index: int | None = None) -> None:
        """Show `record`; keep the current agreement unless another is given."""
        self.record = record
        if agreement_index is None:
            agreement_index = self.agreement_index
        if not record.agreements:
            agreement_index = None
        elif agreement_index is None or agreement_index >= len(record.agreements):
            agreement_index = 0
        self.agreement_index = agreement_index
        self._refresh()

    def unseen_agreement(self) -> int | None:
        """The first agreement of the open record not shown yet since the article was opened."""
        return next((i for i in range(len(self.record.agreements)) if i not in self._seen), None)

    def _refresh(self) -> None:
        record, ai = self.record, self.agreement_index
        if ai is not None:
            self._seen.add(ai)
        labels = [self.tr("Agreement %1 of %2: %3").replace("%1", str(n)).replace("%2", str(len(record.agreements)))
                  .replace("%3", kind_label(a.kind)) for n, a in enumerate(record.agreements, 1)] \
            or [self.tr("No agreement")]
        box = self.agreement_box
        with QSignalBlocker(box):
            if [box.itemText(i) for i in range(box.count())] != labels:  # most switches keep the same list
                box.clear()
                box.addItems(labels)
            box.setCurrentIndex(ai or 0)
        a = record.agreements[ai] if ai is not None else None
        for w in (self.parties_box, self.commitments_box, self.remove_agreement_button):
            w.setEnabled(a is not None)
        self.parties_model.set_record(record, ai)
        self.commitments_model.set_record(record, ai)
        self.fields_box.set_agreement(record, ai)
        self._fit_parties()
        self._refresh_commitment_detail()

    def _fit_parties(self) -> None:
        """The parties table shows its rows (2 to 6) and no empty space below them."""
        view = self.parties_view
        rows = min(max(self.parties_model.rowCount(), 2), 6)
        height = view.horizontalHeader().height() + rows * view.verticalHeader().defaultSectionSize() \
            + 2 * view.frameWidth() + 2
        if view.height() != height:
            view.setFixedHeight(height)

    def _refresh_commitment_detail(self) -> None:
        row = self.current_commitment()
        items = self.commitments_model.items()
        c = items[row] if row is not None and row < len(items) else None
        for w in (self.category_box, self.giver_edit):
            w.setEnabled(c is not None)
        with QSignalBlocker(self.category_box):
            self.category_box.setCurrentIndex(max(self.category_box.findData(c.category), 0) if c else -1)
        self._set_text(self.giver_edit, c.giver if c else "")

    @staticmethod
    def _set_text(edit: QLineEdit, value) -> None:
        value = "" if value is None else str(value)
        if edit.text() != value:
            with QSignalBlocker(edit):
                edit.setText(value)

    # -------------------------------------------------------- selecting fields
    def select_field(self, path, focus: bool = False) -> None:
        """Show and select the field at `path` (a highlight stepped to or clicked); the keyboard
        moves to the editor only when `focus` is asked for (F2)."""
        head = path[0]
        # only the field stepped to is current: no row of the other table (nor its buttons' target)
        other_table = {"party": self.commitments_view, "commitment": self.parties_view, "amount": self.parties_view}
        for view in [other_table[head]] if head in other_table else [self.parties_view, self.commitments_view]:
            with QSignalBlocker(view.selectionModel()):
                view.setCurrentIndex(QModelIndex())
                view.clearSelection()
            view.viewport().update()
        if head not in other_table:  # (a table's field refreshes it below, once its row is set)
            self._refresh_commitment_detail()
        self.fields_box.mark_current(None if head in other_table or head == "published" else head)
        if head == "published":
            return
        if path[1] != self.agreement_index:
            self.set_record(self.record, path[1])
        if head == "party":
            view, index = self.parties_view, self.parties_model.index(path[2], 0)
        elif head in ("commitment", "amount"):
            view = self.commitments_view
            index = self.commitments_model.index(path[2], 3 if head == "amount" else 0)
        else:
            if focus:
                widget = self.fields_box.widget_of(head)
                widget.setFocus()
                if isinstance(widget, QLineEdit):
                    widget.selectAll()
            return
        with QSignalBlocker(view.selectionModel()):  # the article shows the field already
            view.setCurrentIndex(index)
        view.viewport().update()
        view.scrollTo(index)
        self._refresh_commitment_detail()
        if focus:
            view.setFocus()
            view.edit(index)

    def current_commitment(self) -> int | None:
        idx = self.commitments_view.currentIndex()
        return idx.row() if idx.isValid() else None

    def current_party(self) -> int | None:
        idx = self.parties_view.currentIndex()
        return idx.row() if idx.isValid() else None

    def _on_parties_view_row_changed(self, current: QModelIndex, _previous) -> None:
        if current.isValid() and self.agreement_index is not None:
            self.field_selected.emit(("party", self.agreement_index, current.row()))

    def _on_category_box_activated(self, _index: int) -> None:
        row = self.current_commitment()
        if row is not None:
            self.commitments_model.setData(self.commitments_model.index(row, 1), self.category_box.currentData())

    def _on_giver_edit_finished(self) -> None:
        row = self.current_commitment()
        if row is not None:
            self.commitments_model.setData(self.commitments_model.index(row, 2), self.giver_edit.text())

    def _on_commitments_view_changed(self, current: QModelIndex, _previous) -> None:
        self._refresh_commitment_detail()
        if current.isValid() and self.agreement_index is not None:
            head = "amount" if current.column() == 3 else "commitment"
            self.field_selected.emit((head, self.agreement_index, current.row()))

    def commit_pending(self) -> None:
        """Send on what the reviewer typed but did not confirm yet (before closing or moving on)."""
        from PySide6.QtWidgets import QApplication

        focus = QApplication.focusWidget()
        for view in (self.parties_view, self.commitments_view):
            if view.state() == QAbstractItemView.State.EditingState and focus is not None \
                    and view.isAncestorOf(focus):
                view.commitData(focus)
                view.closeEditor(focus, QStyledItemDelegate.EndEditHint.NoHint)
        self.fields_box.commit_pending()
        if self.giver_edit.isEnabled():
            self._on_giver_edit_finished()

    # -------------------------------------------------------- edits out
    def _emit(self, description: str, record: Record, path) -> None:
        if record != self.record:
            self.edit_requested.emit(description, record, path)

    def step_agreement(self, delta: int) -> None:
        """Show the next (1) or previous (-1) agreement of the record, if there is one."""
        self.show_agreement((self.agreement_index or 0) + delta)

    def show_agreement(self, index: int) -> None:
        """Show agreement `index` of the record if it has one; what was typed in the shown one and
        not confirmed is saved first."""
        self.commit_pending()
        if 0 <= index < len(self.record.agreements):
            self.agreement_box.setCurrentIndex(index)

    def _on_agreement_box_changed(self, index: int) -> None:
        if self.record.agreements and 0 <= index < len(self.record.agreements):
            self.agreement_index = index
            self._refresh()

    def _on_add_agreement_clicked(self) -> None:
        self.agreement_index = len(self.record.agreements)
        self._emit(self.tr("Add agreement"), fields.add_agreement(self.record), ("kind", self.agreement_index))

    def _on_remove_agreement_clicked(self) -> None:
        if self.agreement_index is not None:
            ai = self.agreement_index
            self._seen = {i - (i > ai) for i in self._seen if i != ai}  # the ones after it move up
            self.agreement_index = max(0, ai - 1)
            self._emit(self.tr("Remove agreement"), fields.remove_agreement(self.record, ai), ("kind", ai))

    def _on_add_party_clicked(self) -> None:
        a = self.agreement_index
        if a is not None:
            new = fields.add_party(self.record, a, Party(name=self.tr("(new party)")))
            self._emit(self.tr("Add party"), new, ("party", a, len(new.agreements[a].parties) - 1))

    def _on_remove_party_clicked(self) -> None:
        a, p = self.agreement_index, self.current_party()
        if a is not None and p is not None:
            self._emit(self.tr("Remove party"), fields.remove_party(self.record, a, p), ("party", a, p))

    def _on_add_commitment_clicked(self) -> None:
        a = self.agreement_index
        if a is not None:
            from ..core.records import Commitment

            new = fields.add_commitment(self.record, a, Commitment(text=self.tr("(new commitment)")))
            self._emit(self.tr("Add commitment"), new, ("commitment", a, len(new.agreements[a].commitments) - 1))

    def _on_remove_commitment_clicked(self) -> None:
        a, c = self.agreement_index, self.current_commitment()
        if a is not None and c is not None:
            self._emit(self.tr("Remove commitment"), fields.remove_commitment(self.record, a, c),
                       ("commitment", a, c))

    def _on_move_commitment_clicked(self, step: int) -> None:
        a, c = self.agreement_index, self.current_commitment()
        if a is None or c is None:
            return
        to = c + step
        if 0 <= to < len(self.record.agreements[a].commitments):
            self._emit(self.tr("Move commitment"), fields.move_commitment(self.record, a, c, to),
                       ("commitment", a, to))
            self.commitments_view.selectRow(to)
