"""Small pieces of the record editor: its tables, cell painting and editors, origin labels, fixed column widths."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QCompleter, QGroupBox, QHeaderView, QLabel, QLineEdit,
                               QStyledItemDelegate, QStyleOptionViewItem, QTableView, QWidget)

from .labels import origin_label
from .models import ORIGIN_COLOURS
from .units import unit_names


_HAS_DISPLAY = QStyleOptionViewItem.ViewItemFeature.HasDisplay


class CellDelegate(QStyledItemDelegate):
    """Paints a cell from the model's `display(row, column)`: (text, foreground, background).

    Qt's own `initStyleOption` asks a Python model for seven roles, one call each; this asks once
    per cell (the record tables took a third of an article switch's paint that way). Font,
    alignment, icon and check state stay the view's: the record models give none."""

    def initStyleOption(self, option, index) -> None:
        text, foreground, background = index.model().display(index.row(), index.column())
        option.index = index
        option.styleObject = None  # as Qt's own does: no style animations per cell
        if text:
            option.text = text
            option.features |= _HAS_DISPLAY
        if foreground is not None:
            palette = option.palette
            palette.setColor(QPalette.ColorRole.Text, foreground)
            option.palette = palette
        if background is not None:
            option.backgroundBrush = QBrush(background)


class ChoiceDelegate(CellDelegate):
    """A combo box over fixed codes, shown with translated labels."""

    def __init__(self, codes, label, allow_empty: bool, parent=None):
        super().__init__(parent)
        self._codes, self._label, self._empty = tuple(codes), label, allow_empty

    def createEditor(self, parent, option, index):
        box = QComboBox(parent)
        if self._empty:
            box.addItem("—", "")
        for code in self._codes:
            box.addItem(self._label(code), code)
        return box

    def setEditorData(self, editor, index):
        i = editor.findData(index.data(Qt.ItemDataRole.EditRole) or "")
        editor.setCurrentIndex(max(i, 0))

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class NameDelegate(CellDelegate):
    """A line edit that completes administrative-unit names."""

    def createEditor(self, parent, option, index):
        edit = QLineEdit(parent)
        edit.setCompleter(unit_completer(edit))
        return edit


def compact_combo(parent, chars: int) -> QComboBox:
    """A combo box as wide as `chars` characters, whatever its longest item (labels change with
    the record and the language: the panel's layout must not)."""
    box = QComboBox(parent)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(chars)
    return box


def unit_completer(parent) -> QCompleter:
    """Completion over the administrative units' names, any case, any part of the name."""
    completer = QCompleter(list(unit_names()), parent)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    return completer


_SAMPLES = {"country": ["Việt Nam", "Campuchia"], "province_2025": ["Thanh Hóa", "Hồ Chí Minh"],
            "amount": ["3 tỷ đồng"], "category": ["kinh tế"], "giver": ["Bắc Giang"]}


def _samples(name: str) -> list[str]:
    """The widest words a column shows, in the current language (levels, origin labels)."""
    from ..core.records import LEVELS, ORIGINS

    if name == "level":
        return list(LEVELS)
    if name == "origin":
        return [origin_label(o) for o in ORIGINS]
    return _SAMPLES.get(name, [name])


def fixed_widths(view: QTableView) -> None:
    """Column widths that show every level, origin and country word whole."""
    fm = view.fontMetrics()
    model = view.model()
    for col, name in enumerate(model.COLUMNS[1:], 1):
        header = str(model.headerData(col, Qt.Orientation.Horizontal) or "")
        widest = max(fm.horizontalAdvance(w) for w in _samples(name))
        view.setColumnWidth(col, max(widest, fm.horizontalAdvance(header) + 8) + 18)


def bold_titles(*boxes: QGroupBox) -> None:
    """Group titles in bold, their contents not (a font, not a style sheet: see app.py)."""
    for box in boxes:
        bold = box.font()
        bold.setBold(True)
        box.setFont(bold)
        for child in box.findChildren(QWidget):
            if child.parent() is box:
                font = child.font()  # keeps a size of its own (the origin labels)
                font.setBold(False)
                child.setFont(font)


def paint_label(label: QLabel, foreground: str, background: str | None = None, bold: bool = False) -> None:
    """Colour a label through its palette: a widget style sheet would route every paint of it
    through the (slow) style-sheet style."""
    pal = label.palette()
    pal.setColor(QPalette.ColorRole.WindowText, QColor(foreground))
    if background:
        pal.setColor(QPalette.ColorRole.Window, QColor(background))
        label.setAutoFillBackground(True)
    label.setPalette(pal)
    if bold:
        font = label.font()
        font.setBold(True)
        label.setFont(font)


class OriginLabel(QLabel):
    """A small coloured word: machine / accepted / edited / added.

    Its size is fixed to the widest word (`fit`, again when the language changes), so a new word
    repaints the label without asking the window for a new layout."""

    def __init__(self, parent=None):
        super().__init__(parent)
        font = self.font()
        font.setPixelSize(11)
        self.setFont(font)
        self._origin = None
        self.fit()

    def fit(self) -> None:
        fm = self.fontMetrics()
        self.setFixedSize(max(fm.horizontalAdvance(w) for w in _samples("origin")) + 4, fm.height() + 2)

    def set_origin(self, origin: str | None) -> None:
        if origin is None:
            self.setText("")
            return
        self.setText(origin_label(origin))
        if origin != self._origin:
            self._origin = origin
            paint_label(self, ORIGIN_COLOURS[origin].name())


class RecordTable(QTableView):
    """A table of the record panel: Enter or Escape (in a cell editor or on a row) hands the
    keyboard back to the article (`done_editing`)."""

    done_editing = Signal()

    def keyPressEvent(self, e) -> None:
        if e.key() in (Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and self.state() != QTableView.State.EditingState:
            self.done_editing.emit()
            return
        super().keyPressEvent(e)

    def closeEditor(self, editor, hint) -> None:
        super().closeEditor(editor, hint)
        if hint in (QStyledItemDelegate.EndEditHint.SubmitModelCache,
                    QStyledItemDelegate.EndEditHint.RevertModelCache):
            self.done_editing.emit()


def record_table(model, parent) -> RecordTable:
    """A table of the record panel over `model`: whole rows selected one at a time, cells painted
    by `CellDelegate`, no edit box opened by a typed letter, fixed column widths."""
    view = RecordTable(parent)
    view.setModel(model)
    view.setItemDelegate(CellDelegate(view))
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    # no AnyKeyPressed: a letter typed while the table has focus never opens an edit box
    view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(False)
    view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    # fixed widths from sample words: ResizeToContents measures every row on every change
    # (it was half of an article switch with 80 commitments)
    for col in range(1, model.columnCount()):
        view.horizontalHeader().setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
    fixed_widths(view)
    model.modelReset.connect(lambda v=view: fixed_widths(v))  # a reset forgets section sizes
    view.setAlternatingRowColors(True)
    return view
