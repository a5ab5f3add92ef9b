"""Qt models over core objects: the queue (lazily fetched), an agreement's parties and commitments.

The party and commitment models never change the record themselves: `setData` computes the
edited record and emits `edit_requested(description, record, path)`; the window turns it into
an undo command, and the saved record comes back through `set_record`.
"""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from ..core.records import CATEGORIES, LEVELS, Record
from ..core.store import QueueRow
from . import fields
from .labels import category_label, origin_label, status_label
from .typing_rules import name_problem

Index = QModelIndex | QPersistentModelIndex
# enum arithmetic is slow in Python and flags() runs for every painted cell: the results, once
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_EDITABLE = _READ_ONLY | Qt.ItemFlag.ItemIsEditable
_DISPLAY_PARTS = {Qt.ItemDataRole.DisplayRole: 0, Qt.ItemDataRole.ForegroundRole: 1, Qt.ItemDataRole.BackgroundRole: 2}
ORIGIN_COLOURS = {"machine": QColor("#6b7280"), "accepted": QColor("#15803d"),
                  "edited": QColor("#b45309"), "added": QColor("#1d4ed8")}


class QueueModel(QAbstractTableModel):
    """The articles of the queue, fetched a page at a time as the view scrolls."""

    COLUMNS = ("title", "published", "status", "parties")
    PAGE = 200

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self._session = session
        self._rows: list[QueueRow] = []
        self._row_of: dict[str, int] = {}
        self._total = 0
        self.status: str | None = None
        self.search: str = ""
        self.locality: str | None = None

    # -------------------------------------------------------- loading
    def set_filter(self, status: str | None, search: str = "", locality: str | None = None) -> None:
        """Show the articles with `status` (None: all) that match `search` and name `locality`."""
        self.beginResetModel()
        self.status, self.search, self.locality = status, search.strip(), locality
        self._rows, self._row_of = [], {}
        self._total = self._session.count(self.status, self.search, self.locality)
        self._append(self._session.queue(self.status, self.search, 0, self.PAGE, locality=self.locality))
        self.endResetModel()

    def refresh(self) -> None:
        self.set_filter(self.status, self.search, self.locality)

    def _append(self, rows: list[QueueRow]) -> None:
        for row in rows:
            self._row_of[row.id] = len(self._rows)
            self._rows.append(row)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if parent.isValid():
            return
        after = self._rows[-1].seq if self._rows else None
        rows = self._session.queue(self.status, self.search, len(self._rows), self.PAGE, after_seq=after,
                                   locality=self.locality)
        rows = rows[: self._total - len(self._rows)]
        if not rows:
            self._total = len(self._rows)
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(rows) - 1)
        self._append(rows)
        self.endInsertRows()

    def update_row(self, row: QueueRow) -> None:
        """Show an article's new status and parties after a save."""
        n = self._row_of.get(row.id)
        if n is None:
            return
        self._rows[n] = replace(row, seq=self._rows[n].seq)  # keep the paging key
        self.dataChanged.emit(self.index(n, 0), self.index(n, len(self.COLUMNS) - 1),
                              [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole])

    # -------------------------------------------------------- lookup
    def article_id(self, row: int) -> str | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def row_of(self, article_id: str) -> int | None:
        return self._row_of.get(article_id)

    def total(self) -> int:
        return self._total

    # -------------------------------------------------------- Qt
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def entry(self, row: int) -> tuple[str, str, str, str, str]:
        """What the queue paints for a row: title, published, status label, parties, status code."""
        r = self._rows[row]
        return (_shown(r.title), _shown(r.published), status_label(r.status), _shown(r.parties), r.status)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        col = self.COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == "status":
                return status_label(row.status)
            value = _shown(getattr(row, col))
            return value if value or role == Qt.ItemDataRole.DisplayRole else None
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == Qt.ItemDataRole.UserRole + 1:
            return row.status  # the code, for the status colour
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return (self.tr("Title"), self.tr("Published"), self.tr("Status"), self.tr("Parties"))[section]
        return section + 1


def _shown(value) -> str:
    """A stored value as text, whatever type a stored record holds ("" for nothing)."""
    return str(value) if value not in (None, "") else ""


class _AgreementPartModel(QAbstractTableModel):
    """Rows of one agreement (parties or commitments); edits go out as `edit_requested`."""

    edit_requested = Signal(str, object, object)  # description, new Record, field path
    COLUMNS: tuple[str, ...] = ()
    EDITABLE: frozenset[str] = frozenset()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.record = Record()
        self.agreement_index: int | None = None

    def items(self) -> tuple:
        raise NotImplementedError

    def set_record(self, record: Record, agreement_index: int | None) -> None:
        """Show agreement `agreement_index` of `record` (None: nothing)."""
        old_rows = len(self.items())
        same_shape = agreement_index == self.agreement_index
        self.record, self.agreement_index = record, agreement_index
        if same_shape and len(self.items()) == old_rows:
            if old_rows:
                self.dataChanged.emit(self.index(0, 0), self.index(old_rows - 1, len(self.COLUMNS) - 1))
            return
        self.beginResetModel()
        self.endResetModel()

    def _agreement(self):
        if self.agreement_index is None or not (0 <= self.agreement_index < len(self.record.agreements)):
            return None
        return self.record.agreements[self.agreement_index]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.items())

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return _NO_FLAGS
        return _EDITABLE if self.COLUMNS[index.column()] in self.EDITABLE else _READ_ONLY

    def display(self, row: int, column: int) -> tuple[str, QColor | None, QColor | None]:
        """What a cell paints: its text, foreground and background. `CellDelegate` asks this once
        per cell (Qt would ask `data` seven times); `data` answers from it too."""
        item = self.items()[row]
        col = self.COLUMNS[column]
        if col == "origin":
            return origin_label(item.origin), ORIGIN_COLOURS.get(item.origin), None
        return self._text(item, col), None, self._background(item, col)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role in _DISPLAY_PARTS:
            return self.display(index.row(), index.column())[_DISPLAY_PARTS[role]]
        item = self.items()[index.row()]
        col = self.COLUMNS[index.column()]
        if col == "origin":
            return None
        if role == Qt.ItemDataRole.EditRole:
            value = getattr(item, col)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item, col)
        return None

    def _text(self, item, col: str) -> str:
        """What column `col` of `item` shows (the origin column is handled in `display`)."""
        value = getattr(item, col)
        return "" if value is None else str(value)

    def _background(self, item, col: str) -> QColor | None:
        return None

    def _tooltip(self, item, col: str) -> str | None:
        return None

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        col = self.COLUMNS[index.column()]
        if col not in self.EDITABLE:
            return False
        value = (value or "").strip() if isinstance(value, str) else value
        item = self.items()[index.row()]
        old = getattr(item, col)
        if not self._valid(col, value) or ("" if old is None else str(old)) == (value or ""):
            return False
        self._edit(index.row(), item, col, value)
        return True

    def _valid(self, col: str, value) -> bool:
        return True

    def _edit(self, row: int, item, col: str, value) -> None:
        """Emit `edit_requested` with the record as it is after this edit."""
        raise NotImplementedError


_PROBLEM = QColor("#fecaca")


class PartiesModel(_AgreementPartModel):
    """The signing parties of one agreement; the post-2025 province is read-only."""

    COLUMNS = ("name", "level", "country", "province_2025", "origin")
    EDITABLE = frozenset({"name", "level", "country"})

    def items(self) -> tuple:
        a = self._agreement()
        return a.parties if a else ()

    def _background(self, party, col: str) -> QColor | None:
        return _PROBLEM if col == "name" and name_problem(str(party.name or "")) else None

    def _tooltip(self, party, col: str) -> str | None:
        if col == "province_2025":
            return self.tr("Province since 1 July 2025 (read-only)")
        if col == "name" and name_problem(str(party.name or "")):
            return self.tr("Not a known locality or a proper name: check it (it is kept as typed)")
        return None

    def _valid(self, col: str, value) -> bool:
        return not (col == "level" and value and value not in LEVELS or col == "name" and not value)

    def _edit(self, row: int, party, col: str, value) -> None:
        changes = {col: value or (None if col == "level" else "Việt Nam" if col == "country" else value)}
        if col == "name":
            from .units import province_2025, unit_level

            if not party.level:  # a bare name takes the level of the unit it names
                changes["level"] = unit_level(value)
            changes["province_2025"] = province_2025(value, changes.get("level") or party.level)
        ai = self.agreement_index
        new = fields.edit_party(self.record, ai, row, **changes)
        self.edit_requested.emit(self.tr("Edit party"), new, ("party", ai, row))

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return (self.tr("Name"), self.tr("Level"), self.tr("Country"), self.tr("2025 province"),
                    self.tr("Origin"))[section]
        return section + 1


class CommitmentsModel(_AgreementPartModel):
    """What the parties undertake, in order; the text, category, giver and amount are editable."""

    COLUMNS = ("text", "category", "giver", "amount", "origin")
    EDITABLE = frozenset({"text", "category", "giver", "amount"})

    def items(self) -> tuple:
        a = self._agreement()
        return a.commitments if a else ()

    def _text(self, c, col: str) -> str:
        if col == "category":
            return category_label(c.category)
        # a clause is stored as written, line breaks too; a cell would run the lines together
        return " ".join(super()._text(c, col).split()) if col == "text" else super()._text(c, col)

    def _tooltip(self, c, col: str) -> str | None:
        return None if col != "text" or c.text is None else str(c.text)

    def _valid(self, col: str, value) -> bool:
        return not (col == "category" and value not in CATEGORIES or col == "text" and not value)

    def _edit(self, row: int, c, col: str, value) -> None:
        ai = self.agreement_index
        new = fields.edit_commitment(self.record, ai, row, **{col: value or None})
        self.edit_requested.emit(self.tr("Edit commitment"), new, ("commitment", ai, row))

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return (self.tr("Commitment"), self.tr("Category"), self.tr("Giver"), self.tr("Amount"),
                    self.tr("Origin"))[section]
        return section + 1
