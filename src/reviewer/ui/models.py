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

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        col = self.COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == "status":
                return status_label(row.status)
            value = getattr(row, col)  # text, whatever type a stored record holds
            return str(value) if value not in (None, "") else ("" if role == Qt.ItemDataRole.DisplayRole else None)
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
            return Qt.ItemFlag.NoItemFlags
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.COLUMNS[index.column()] in self.EDITABLE:
            f |= Qt.ItemFlag.ItemIsEditable
        return f

    def _origin_data(self, origin: str, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return origin_label(origin)
        if role == Qt.ItemDataRole.ForegroundRole:
            return ORIGIN_COLOURS.get(origin)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item = self.items()[index.row()]
        col = self.COLUMNS[index.column()]
        if col == "origin":
            return self._origin_data(item.origin, role)
        return self._cell(item, col, role)

    def _cell(self, item, col: str, role: int):
        """What column `col` of `item` shows for `role` (the origin column is handled above)."""
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            value = getattr(item, col)
            return "" if value is None else str(value)
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


class PartiesModel(_AgreementPartModel):
    """The signing parties of one agreement; the post-2025 province is read-only."""

    COLUMNS = ("name", "level", "country", "province_2025", "origin")
    EDITABLE = frozenset({"name", "level", "country"})

    def items(self) -> tuple:
        a = self._agreement()
        return a.parties if a else ()

    def _cell(self, party, col: str, role: int):
        if role == Qt.ItemDataRole.ToolTipRole and col == "province_2025":
            return self.tr("Province since 1 July 2025 (read-only)")
        if col == "name" and role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole):
            if not name_problem(str(party.name or "")):
                return None
            if role == Qt.ItemDataRole.BackgroundRole:
                return QColor("#fecaca")
            return self.tr("Not a known locality or a proper name: check it (it is kept as typed)")
        return super()._cell(party, col, role)

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

    def _cell(self, c, col: str, role: int):
        if role == Qt.ItemDataRole.DisplayRole and col == "category":
            return category_label(c.category)
        if role == Qt.ItemDataRole.ToolTipRole and col == "text":
            return None if c.text is None else str(c.text)
        return super()._cell(c, col, role)

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
