"""The centre column: the headline line, the colour legend, the article text."""
from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from .article_view import COLOURS, MARK_KEYS, ArticleView
from .editor_parts import paint_label
from .fields import HIGHLIGHT_KINDS
from .labels import field_label, status_label


class Legend(QWidget):
    """Coloured chips naming each highlight colour, in as many rows as the width needs."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(6)
        self._grid.setVerticalSpacing(2)
        self._columns = 0
        self._chips: dict[str, QLabel] = {}
        for kind in HIGHLIGHT_KINDS:
            chip = QLabel(self)
            chip.setMargin(1)
            chip.setIndent(6)
            paint_label(chip, "#111", COLOURS[kind])
            chip.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            self._chips[kind] = chip
        self.retranslate()

    def retranslate(self) -> None:
        for kind, chip in self._chips.items():
            key = MARK_KEYS.get(kind)
            chip.setText(field_label(kind) + (f" ({key})" if key else ""))
        self._columns = 0
        self._arrange(self.width())

    def minimumSizeHint(self) -> QSize:
        widest = max(c.sizeHint().width() for c in self._chips.values())
        return QSize(widest, super().minimumSizeHint().height())

    def resizeEvent(self, e) -> None:
        super().resizeEvent(e)
        self._arrange(e.size().width())

    def _arrange(self, width: int) -> None:
        chips = list(self._chips.values())
        columns, used = 0, 0
        for chip in chips:  # how many chips fit on one row
            used += chip.sizeHint().width() + 6
            if used > max(width, 1) and columns:
                break
            columns += 1
        if columns == self._columns:
            return
        self._columns = columns
        for chip in chips:
            self._grid.removeWidget(chip)
        for i, chip in enumerate(chips):
            self._grid.addWidget(chip, i // columns, i % columns)
        self._grid.setColumnStretch(columns, 1)


class ArticlePane(QWidget):
    """The centre column: headline line, legend, the article text."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.heading.setObjectName("articleHeading")
        self.heading.setContentsMargins(0, 2, 0, 4)
        font = self.heading.font()
        font.setPixelSize(14)
        self.heading.setFont(font)
        self.legend = Legend(self)
        self.view = ArticleView(self)
        lay.addWidget(self.heading)
        lay.addWidget(self.legend)
        lay.addWidget(self.view, 1)

    def retranslate(self) -> None:
        self.legend.retranslate()
        self.view.retranslate()

    def show_heading(self, article, status: str | None) -> None:
        """Title, date, status and source of the open article (or how to get one)."""
        if article is None or status is None:
            self.heading.setText(self.tr("No article open — import some (Ctrl+O)"))
            return
        self.heading.setText(
            f"<b>{_escape(article.title or article.source)}</b><br>"
            f"<span style='color:#555'>{_escape(article.published or '—')} · "
            f"{_escape(status_label(status))} · {_escape(article.source)}</span>")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
