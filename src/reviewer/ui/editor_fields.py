"""The one-value fields of an agreement: kind, signing date, place, period, each with its origin.

Dates are read as Vietnamese editors type them and shown back as ISO; anything else stays red
and is not saved. A stored value the box cannot show (a period year that is not a number) is
flagged, never a crash. Enter confirms and Escape reverts; both hand the keyboard back
(`done_editing`).
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QSpinBox, QWidget)

from ..core.records import KINDS, Record
from . import fields
from .article_view import COLOURS
from .editor_parts import OriginLabel, compact_combo, unit_completer
from .labels import kind_label
from .typing_rules import parse_date

BAD_STYLE = "border: 1px solid #dc2626; background: #fef2f2;"
DATE_HINT = "17/11/2019 · 17-11 · 11/2019 · 2019-11-17"  # what the date box accepts, shown while empty
_HIGHLIGHT_OF = {"signed_on": "date", "place": "place", "period": "period", "kind": "kind"}  # field → colour


def flag(widget: QWidget, problem: str | None) -> None:
    """Draw `widget` red with `problem` as its tooltip, or plain again (None)."""
    if widget.property("problem") == (problem or None):
        return
    widget.setProperty("problem", problem or None)
    widget.setStyleSheet(BAD_STYLE if problem else "")
    widget.setToolTip(problem or widget.property("help") or "")


def _year(value) -> tuple[int | None, str | None]:
    """A stored period year as an int, or (None, why it cannot be shown)."""
    if value is None or value == "":
        return None, None
    if isinstance(value, int) and not isinstance(value, bool) and 1944 <= value <= 2100:
        return value, None
    if isinstance(value, str) and value.strip().isdigit() and 1944 <= int(value) <= 2100:
        return int(value), None
    return None, repr(value)


class AgreementFields(QGroupBox):
    """Kind, signing date, place and period of the current agreement."""

    edit_requested = Signal(str, object, object)  # description, new Record, field path
    field_selected = Signal(object)  # field path the reviewer moved to
    done_editing = Signal()  # Enter or Escape: the keyboard goes back to the article
    refused = Signal(str)  # what was typed and not saved, in words (for the status bar)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.record = Record()
        self.agreement_index: int | None = None
        self._current: str | None = None  # the field marked by `mark_current`
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.kind_box = compact_combo(self, 12)
        self.kind_box.activated.connect(self._on_kind_box_activated)
        self.kind_origin = OriginLabel(self)
        self.signed_on_edit = QLineEdit(self)
        self.signed_on_edit.setPlaceholderText(DATE_HINT)
        self.signed_on_edit.returnPressed.connect(self._on_signed_on_edit_return)
        self.signed_on_edit.editingFinished.connect(self._on_signed_on_edit_finished)
        self.signed_on_edit.textChanged.connect(self._on_signed_on_edit_changed)
        self.signed_on_origin = OriginLabel(self)
        self.place_edit = QLineEdit(self)
        self.place_edit.setCompleter(unit_completer(self))
        self.place_edit.editingFinished.connect(self._on_place_edit_finished)
        self.place_edit.returnPressed.connect(self.done_editing)
        self.place_origin = OriginLabel(self)
        self.period_from = self._year_box()
        self.period_to = self._year_box()
        self.period_origin = OriginLabel(self)
        self.labels = {k: QLabel(self) for k in ("kind", "signed_on", "place", "period")}
        period_row = QHBoxLayout()
        period_row.addWidget(self.period_from)
        period_row.addWidget(QLabel("–", self))
        period_row.addWidget(self.period_to)
        period_row.addStretch(1)
        for key, widget, origin in (("kind", self.kind_box, self.kind_origin),
                                    ("signed_on", self.signed_on_edit, self.signed_on_origin),
                                    ("place", self.place_edit, self.place_origin),
                                    ("period", period_row, self.period_origin)):
            row = QHBoxLayout()
            row.addWidget(widget, 1) if isinstance(widget, QWidget) else row.addLayout(widget, 1)
            row.addWidget(origin)
            form.addRow(self.labels[key], row)
        for w in (self.kind_box, self.signed_on_edit, self.place_edit, self.period_from, self.period_to):
            w.installEventFilter(self)

    def _year_box(self) -> QSpinBox:
        box = QSpinBox(self)
        box.setRange(1943, 2100)  # the minimum, one below the first year a record may hold, means "not given"
        box.setSpecialValueText("—")
        box.editingFinished.connect(self._on_period_edit_finished)
        return box

    def retranslate(self) -> None:
        self.setTitle(self.tr("Agreement"))
        for label in (self.kind_origin, self.signed_on_origin, self.place_origin, self.period_origin):
            label.fit()
        self.labels["kind"].setText(self.tr("Kind"))
        self.labels["signed_on"].setText(self.tr("Signed on"))
        self.labels["place"].setText(self.tr("Place"))
        self.labels["period"].setText(self.tr("Period"))
        self.signed_on_edit.setProperty(
            "help", self.tr("Signing date as written: 17/11/2019, 17-11, 17.11.2019, ngày 17 tháng 11 năm 2019, "
                            "11/2019 or ISO; shown back as ISO"))
        if not self.signed_on_edit.property("problem"):
            self.signed_on_edit.setToolTip(self.signed_on_edit.property("help"))
        with QSignalBlocker(self.kind_box):
            self.kind_box.clear()
            for k in KINDS:
                self.kind_box.addItem(kind_label(k), k)

    # -------------------------------------------------------- showing
    def set_agreement(self, record: Record, ai: int | None) -> None:
        self.record, self.agreement_index = record, ai
        a = record.agreements[ai] if ai is not None else None
        self.setEnabled(a is not None)
        with QSignalBlocker(self.kind_box):
            # no agreement: an empty box, not a kind that looks chosen
            self.kind_box.setCurrentIndex(max(self.kind_box.findData(a.kind), 0) if a else -1)
        self._set_text(self.signed_on_edit, a.signed_on if a else "")
        self.signed_on_edit.setPlaceholderText(DATE_HINT if a else "")  # no agreement: nothing that looks like a date
        flag(self.signed_on_edit, None if not a or a.signed_on is None or isinstance(a.signed_on, str)
             and parse_date(a.signed_on) == a.signed_on
             else self.tr("The stored date %1 is not a date: type it again").replace("%1", repr(a.signed_on)))
        self._set_text(self.place_edit, a.place if a else "")
        period = a.period if a else None
        for box, value in ((self.period_from, period.start if period else None),
                           (self.period_to, period.end if period else None)):
            year, bad = _year(value)
            with QSignalBlocker(box):
                box.setValue(year if year is not None else box.minimum())
            flag(box, self.tr("The stored year %1 is not a year: set it again").replace("%1", bad) if bad else None)
        self.kind_origin.set_origin(a.origin_of("kind") if a else None)
        self.signed_on_origin.set_origin(a.origin_of("signed_on") if a and (a.signed_on or a.signed_on_span) else None)
        self.place_origin.set_origin(a.origin_of("place") if a and (a.place or a.place_span) else None)
        self.period_origin.set_origin(a.origin_of("period") if a and a.period else None)

    @staticmethod
    def _set_text(edit: QLineEdit, value) -> None:
        value = "" if value is None else str(value)
        if edit.text() != value:
            with QSignalBlocker(edit):
                edit.setText(value)

    def mark_current(self, head: str | None) -> None:
        """Give the field `head` (stepped to in the text) its highlight's colour; the others the
        palette they inherit (disabled, dark or light alike). Every article switch asks for none:
        nothing is set (nor repainted) when that is what is shown already."""
        if head == self._current:
            return
        self._current = head
        for name, kind in _HIGHLIGHT_OF.items():
            for widget in ([self.period_from, self.period_to] if name == "period" else [self.widget_of(name)]):
                if name != head:
                    widget.setPalette(QPalette())  # nothing of its own: the inherited palette
                    continue
                pal = QPalette(widget.palette())
                colour = QColor(COLOURS[kind])
                for role in (QPalette.ColorRole.Base, QPalette.ColorRole.Button):  # a combo box paints its Button
                    pal.setColor(QPalette.ColorGroup.Active, role, colour)
                    pal.setColor(QPalette.ColorGroup.Inactive, role, colour)
                widget.setPalette(pal)

    def widget_of(self, head: str) -> QWidget:
        return {"signed_on": self.signed_on_edit, "place": self.place_edit,
                "period": self.period_from, "kind": self.kind_box}[head]

    # -------------------------------------------------------- keys
    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.FocusIn and self.agreement_index is not None:
            head = {self.signed_on_edit: "signed_on", self.place_edit: "place",
                    self.period_from: "period", self.period_to: "period", self.kind_box: "kind"}.get(obj)
            if head:
                self.field_selected.emit((head, self.agreement_index))
        elif event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
            self.set_agreement(self.record, self.agreement_index)  # what was typed is dropped
            self.refused.emit("")  # and what the status bar said of it
            self.done_editing.emit()
            return True
        elif event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and obj in (self.period_from, self.period_to, self.kind_box):
            if obj is self.kind_box:
                self._on_kind_box_activated(self.kind_box.currentIndex())
            else:
                self._on_period_edit_finished()
            self.done_editing.emit()
            return True
        return super().eventFilter(obj, event)

    # -------------------------------------------------------- edits out
    def commit_pending(self) -> None:
        self._on_signed_on_edit_finished()
        self._on_place_edit_finished()
        self._on_period_edit_finished()

    def _emit(self, description: str, record: Record, path) -> None:
        if record != self.record:
            self.edit_requested.emit(description, record, path)

    def _on_kind_box_activated(self, _index: int) -> None:
        kind = self.kind_box.currentData()
        a = self.agreement_index
        if a is not None and kind != self.record.agreements[a].kind:
            self._emit(self.tr("Change kind"), fields.set_kind(self.record, a, kind), ("kind", a))

    def _typed_date(self) -> tuple[str | None, bool]:
        """(the date in the record format, True) for what is typed; (None, False) if not a date."""
        text = self.signed_on_edit.text().strip()
        if not text:
            return None, True
        value = parse_date(text, self.record.published)
        return value, value is not None

    def _on_signed_on_edit_finished(self) -> None:
        a = self.agreement_index
        if a is None:
            return
        value, ok = self._typed_date()
        if not ok:  # a wrong date stays red and is not saved; the status bar says so
            self.refused.emit(self.tr("“%1” is not a date: not saved. Type it as 17/11/2019, or Escape to "
                                      "keep the stored one.").replace("%1", self.signed_on_edit.text().strip()))
            return
        if value == self.record.agreements[a].signed_on:
            return
        self._set_text(self.signed_on_edit, value)
        self._emit(self.tr("Edit signing date"), fields.set_signed_on(self.record, a, value), ("signed_on", a))

    def _on_signed_on_edit_return(self) -> None:
        if self._typed_date()[1]:
            self.done_editing.emit()

    def _on_signed_on_edit_changed(self, _text: str) -> None:
        ok = self._typed_date()[1]
        flag(self.signed_on_edit, None if ok else self.tr("Not a date: not saved"))

    def _on_place_edit_finished(self) -> None:
        a = self.agreement_index
        value = self.place_edit.text().strip() or None
        stored = self.record.agreements[a].place if a is not None else None
        if a is not None and value != (None if stored is None else str(stored)):
            self._emit(self.tr("Edit place"), fields.set_place(self.record, a, value), ("place", a))

    def _on_period_edit_finished(self) -> None:
        a = self.agreement_index
        if a is None:
            return
        start = self.period_from.value() if self.period_from.value() != self.period_from.minimum() else None
        end = self.period_to.value() if self.period_to.value() != self.period_to.minimum() else None
        old = self.record.agreements[a].period
        shown = (_year(old.start)[0], _year(old.end)[0]) if old else (None, None)
        if shown != (start, end):  # a stored value the box could not show is not overwritten unasked
            self._emit(self.tr("Edit period"), fields.set_period(self.record, a, start, end), ("period", a))
