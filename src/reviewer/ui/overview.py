"""The overview ("Tổng quan"): who cooperates with whom, as a picture and counts, with filters by
years, level, country, kind and locality. Clicking a locality filters by it and asks the window
to show its articles in the queue (`locality_activated`).

The network is drawn with Qt's own painting (QPainter): a few thousand circles and curves need
no chart library, and the drawing stays in the same process and style as the window.
"""
from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QHeaderView, QLabel, QSplitter, QTableView,
                               QTabWidget, QVBoxLayout, QWidget)

from ..core.datasets import overview as ov
from .labels import kind_label
from .overview_model import OverviewModel

MAX_EDGES = 400  # the heaviest pairs drawn; the tables count them all
WIDE_EDGES = 40  # of which the heaviest are drawn wider (a wide antialiased curve costs ~0.5 ms)


def group_colour(index: int, foreign: bool) -> QColor:
    return QColor.fromHsl(int(index * 137.508) % 360, 160, 80 if foreign else 110)


class NetworkView(QWidget):
    """Localities on a circle grouped by post-2025 province or country; edges by agreements."""

    node_clicked = Signal(str)  # locality key

    def __init__(self, model: OverviewModel, parent=None):
        super().__init__(parent)
        self.model = model
        self.setMinimumSize(360, 360)
        self._picture: QPixmap | None = None

    def _frame(self) -> tuple[QPointF, float]:
        side = min(self.width(), self.height())
        return QPointF(self.width() / 2, self.height() / 2), side / 2 * 0.82

    def update_picture(self) -> None:
        """The figures changed: draw the picture again at the next paint."""
        self._picture = None
        self.update()

    def paintEvent(self, _event) -> None:
        # drawn once per change of figures or size, then only copied on every paint
        if self._picture is None or self._picture.size() != self.size() * self.devicePixelRatioF():
            self._picture = QPixmap(self.size() * self.devicePixelRatioF())
            self._picture.setDevicePixelRatio(self.devicePixelRatioF())
            self._draw(self._picture)
        p = QPainter(self)
        p.drawPixmap(0, 0, self._picture)
        p.end()

    def _draw(self, device) -> None:
        p = QPainter(device)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("#ffffff"))
        m = self.model
        centre, radius = self._frame()
        nodes, pairs = m.figures.nodes, m.figures.pairs
        groups = {g: i for i, (g, _a, _b) in enumerate(m.arcs)}
        locs = m.data.localities

        def at(key: str) -> QPointF:
            x, y = m.positions[key]
            return QPointF(centre.x() + x * radius, centre.y() + y * radius)

        shown = {locs[k].group: locs[k].foreign for k in nodes}  # group → abroad
        palette = {g: group_colour(groups[g], foreign) for g, foreign in shown.items()}

        def colour(key: str) -> QColor:
            return QColor(palette[locs[key].group])

        for g, a0, a1 in m.arcs:
            if g not in shown:
                continue
            p.setPen(QPen(palette[g], 4))
            r = radius * 1.06
            rect = QRectF(centre.x() - r, centre.y() - r, 2 * r, 2 * r)
            p.drawArc(rect, int(-math.degrees(a0) * 16), int(-math.degrees(a1 - a0) * 16))
            if a1 - a0 > 0.05:  # room for a label
                mid = (a0 + a1) / 2
                p.drawText(QPointF(centre.x() + math.cos(mid) * r * 1.08 - (60 if math.cos(mid) < 0 else 0),
                                   centre.y() + math.sin(mid) * r * 1.08 + 4), g)
        top = pairs.most_common(MAX_EDGES)
        heaviest = top[0][1] if top else 1
        p.setBrush(Qt.BrushStyle.NoBrush)
        for rank, ((a, b), w) in reversed(list(enumerate(top))):
            c = colour(a)
            share = (w - 1) / (heaviest - 1) if heaviest > 1 else 0.0
            c.setAlphaF(0.35 + 0.5 * share)
            # a wide antialiased curve costs ten times a thin one: the heaviest pairs are wider,
            # the others say their weight by their opacity
            p.setPen(QPen(c, 1 + 3 * share if rank < WIDE_EDGES else 1))
            pa, pb = at(a), at(b)
            path = QPainterPath(pa)
            ctrl = QPointF(centre.x() + ((pa.x() + pb.x()) / 2 - centre.x()) * 0.2,
                           centre.y() + ((pa.y() + pb.y()) / 2 - centre.y()) * 0.2)
            path.quadTo(ctrl, pb)
            p.drawPath(path)
        chosen = m.filters.locality
        plain, marked = QPen(QColor("#ffffff"), 1), QPen(QColor("#000000"), 2)
        p.setPen(plain)
        for key, x, y, r in self.nodes_drawn():
            p.setBrush(palette[locs[key].group])
            if key == chosen:
                p.setPen(marked)
            p.drawEllipse(QPointF(x, y), r, r)
            if key == chosen:
                p.setPen(plain)
        p.setPen(QColor("#1f2328"))
        for key, _n in nodes.most_common(12) + ([(chosen, 0)] if chosen in nodes else []):
            pt = at(key)
            p.drawText(QPointF(pt.x() - (pt.x() - centre.x()) * 0.12 - 20, pt.y() - (pt.y() - centre.y()) * 0.12),
                       locs[key].name)
        if not nodes:
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No agreement here yet: agreements appear once records are accepted (or none matches the filters)"))
        p.end()

    def nodes_drawn(self) -> list[tuple[str, float, float, float]]:
        """(locality key, x, y, radius) of every locality shown, in widget coordinates."""
        centre, radius = self._frame()
        nodes = self.model.figures.nodes
        most = max(nodes.values(), default=1)
        out = []
        for key, n in nodes.items():
            x, y = self.model.positions[key]
            out.append((key, centre.x() + x * radius, centre.y() + y * radius, 3 + 7 * math.sqrt(n / most)))
        return out

    def node_at(self, x: float, y: float) -> str | None:
        """The locality drawn under a point, or None."""
        best = None
        for key, nx, ny, r in self.nodes_drawn():
            d = math.hypot(nx - x, ny - y)
            if d <= r + 3 and (best is None or d < best[0]):
                best = (d, key)
        return best[1] if best else None

    def centre_of(self, key: str) -> QPointF | None:
        """Where a locality is drawn (for tests and tooltips)."""
        for k, x, y, _r in self.nodes_drawn():
            if k == key:
                return QPointF(x, y)
        return None

    def mousePressEvent(self, event) -> None:
        key = self.node_at(event.position().x(), event.position().y())
        if key is not None:
            self.node_clicked.emit(key)
        super().mousePressEvent(event)


class OverviewPanel(QWidget):
    """Filters, the figures line, the network and three tables."""

    locality_activated = Signal(str)  # the name of a locality the editor clicked

    def __init__(self, model: OverviewModel, parent=None):
        super().__init__(parent)
        self.model = model
        lay = QVBoxLayout(self)
        row = QHBoxLayout()
        self.year_from, self.year_to = QComboBox(self), QComboBox(self)
        self.level, self.country, self.kind, self.locality = (QComboBox(self) for _ in range(4))
        self._labels = [QLabel(self) for _ in range(6)]
        for label, combo in zip(self._labels, (self.year_from, self.year_to, self.level, self.country,
                                               self.kind, self.locality)):
            row.addWidget(label)
            row.addWidget(combo)
            combo.currentIndexChanged.connect(self._on_filter_changed)
        # thousands of localities: a combo box that fits its contents measures every one on show
        self.locality.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.locality.setMinimumContentsLength(22)
        row.addStretch(1)
        lay.addLayout(row)
        self.summary = QLabel(self)
        lay.addWidget(self.summary)
        self.network = NetworkView(model, self)
        self.network.node_clicked.connect(self._on_network_node_clicked)
        self.tables = QTabWidget(self)
        self.pairs_view, self.years_view, self.categories_view = (QTableView(self) for _ in range(3))
        for view, table in ((self.pairs_view, model.pairs), (self.years_view, model.years),
                            (self.categories_view, model.categories)):
            view.setModel(table)
            view.verticalHeader().setVisible(False)
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            self.tables.addTab(view, "")
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.network)
        split.addWidget(self.tables)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        lay.addWidget(split, 1)
        model.changed.connect(self._on_model_changed)
        self._filling = False
        self.retranslate()

    def retranslate(self) -> None:
        for label, text in zip(self._labels, (self.tr("Years from"), self.tr("to"), self.tr("Level"),
                                              self.tr("Country"), self.tr("Kind"), self.tr("Locality"))):
            label.setText(text)
        for i, text in enumerate((self.tr("Partner pairs"), self.tr("Years by kind"), self.tr("Fields"))):
            self.tables.setTabText(i, text)
        self._fill_choices()
        self._on_model_changed()

    def _fill_choices(self) -> None:
        """The choices of every filter, from the loaded agreements; the current ones kept."""
        self._filling = True
        data, f = self.model.data, self.model.filters
        years = ov.years(data)
        choices = {
            self.year_from: [(self.tr("first"), None)] + [(str(y), y) for y in years],
            self.year_to: [(self.tr("last"), None)] + [(str(y), y) for y in years],
            self.level: [(self.tr("all levels"), None), (self.tr("province, city"), "province"),
                         (self.tr("district, town"), "district"), (self.tr("commune, ward"), "commune")],
            self.country: [(self.tr("all countries"), None), (self.tr("within Việt Nam"), "Việt Nam")]
                          + [(c, c) for c in ov.countries(data)],
            self.kind: [(self.tr("all kinds"), None)] + [(kind_label(k), k) for k in ov.KIND_ORDER],
            self.locality: [(self.tr("all localities"), None)] + sorted(
                ((f"{loc.name} ({loc.group})", loc.key) for loc in data.localities.values()),
                key=lambda t: t[0]),
        }
        current = {self.year_from: f.year_from, self.year_to: f.year_to, self.level: f.level,
                   self.country: f.country, self.kind: f.kind, self.locality: f.locality}
        for combo, items in choices.items():
            combo.clear()
            for text, value in items:
                combo.addItem(text, value)
            combo.setCurrentIndex(max(combo.findData(current[combo]), 0))
        self._filling = False

    def reload(self) -> None:
        """Read the agreements again and refill the filters."""
        self.model.reload()
        self._fill_choices()

    def set_locality(self, key: str | None) -> None:
        self.locality.setCurrentIndex(max(self.locality.findData(key), 0))

    def _on_filter_changed(self, _index: int) -> None:
        if self._filling:
            return
        self.model.set_filters(year_from=self.year_from.currentData(), year_to=self.year_to.currentData(),
                               level=self.level.currentData(), country=self.country.currentData(),
                               kind=self.kind.currentData(), locality=self.locality.currentData())

    def _on_network_node_clicked(self, key: str) -> None:
        same = self.model.filters.locality == key
        self.set_locality(None if same else key)
        if not same:
            self.locality_activated.emit(self.model.data.localities[key].name)

    def _on_model_changed(self) -> None:
        fig = self.model.figures
        self.summary.setText(
            self.tr("%1 agreements · %2 articles · %3 localities · %4 within Việt Nam · %5 with foreign partners")
            .replace("%1", str(fig.agreements)).replace("%2", str(fig.reports))
            .replace("%3", str(len(fig.nodes))).replace("%4", str(fig.domestic)).replace("%5", str(fig.foreign)))
        self.network.update_picture()
