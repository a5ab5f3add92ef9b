"""The overview's data for Qt: the agreements loaded once, the filters, and the figures as table
models (partner pairs, years by kind, fields). No SQL here: `load` is the core's."""
from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from ..core.datasets import overview as ov
from .labels import category_label, kind_label

Index = QModelIndex | QPersistentModelIndex


class CountsModel(QAbstractTableModel):
    """A read-only table of labels and counts (numbers right-aligned)."""

    def __init__(self, headers: list[str], parent=None):
        super().__init__(parent)
        self._headers = headers
        self._rows: list[list] = []

    def set_rows(self, rows: list[list], headers: list[str] | None = None) -> None:
        self.beginResetModel()
        self._rows = rows
        if headers is not None:
            self._headers = headers
        self.endResetModel()

    def rows(self) -> list[list]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows) or index.column() >= len(self._headers):
            return None
        value = self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, int):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self._headers):
            return self._headers[section]
        return None


class OverviewModel(QObject):
    """The agreements, the current filters and what they select; `changed` after each change."""

    changed = Signal()

    def __init__(self, loader, parent=None):
        super().__init__(parent)
        self._loader = loader  # () -> overview.Data (the core reads the store)
        self.data = ov.Data([], {})
        self.filters = ov.Filters()
        self.figures = ov.Figures()
        self.positions: dict = {}
        self.arcs: list = []
        self.pairs = CountsModel([], self)
        self.years = CountsModel([], self)
        self.categories = CountsModel([], self)

    def reload(self) -> None:
        """Read the agreements again (after linking) and lay the localities out."""
        self.data = self._loader()
        everything = ov.figures(self.data, self.data.rows)
        self.positions, self.arcs = ov.layout(self.data, everything.nodes)
        self._update(everything if self.filters == ov.Filters() else None)

    def set_filters(self, **changes) -> None:
        values = {**self.filters.__dict__, **changes}
        self.filters = ov.Filters(**values)
        self._update()

    def _update(self, figures: ov.Figures | None = None) -> None:
        self.figures = fig = figures or ov.figures(self.data, ov.select(self.data, self.filters))
        locs = self.data.localities
        self.pairs.set_rows([sorted((locs[a].name, locs[b].name)) + [n] for (a, b), n in fig.pairs.most_common(50)],
                            [self.tr("Partner"), self.tr("Partner"), self.tr("Agreements")])
        self.years.set_rows([[str(y)] + [fig.by_year[y].get(k, 0) for k in ov.KIND_ORDER]
                             + [sum(fig.by_year[y].values())] for y in sorted(fig.by_year)],
                            [self.tr("Year")] + [kind_label(k) for k in ov.KIND_ORDER] + [self.tr("Total")])
        self.categories.set_rows([[category_label(c), n] for c, n in fig.by_category.most_common()],
                                 [self.tr("Field"), self.tr("Commitments")])
        self.changed.emit()

    def localities_shown(self) -> Counter:
        """Agreements per locality key under the current filters."""
        return self.figures.nodes
