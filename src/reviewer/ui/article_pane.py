"""The centre column: the headline line, the colour legend, the article text."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
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


class Heading(QWidget):
    """The open article's title in bold (up to two lines, then "…") over a grey line: date · status ·
    source. It keeps one height and only repaints when the article changes: a word-wrapped rich-text
    QLabel re-laid out the whole window on every article switch (about 1 ms of it) and made the
    text below jump between one- and two-line titles."""

    MARGIN_TOP, MARGIN_BOTTOM = 2, 4

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        font = self.font()
        font.setPixelSize(14)
        self.setFont(font)
        self._title, self._info = "", ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._fit()

    def _fit(self) -> None:
        self._bold = QFont(self.font())
        self._bold.setBold(True)
        self.setFixedHeight(self.MARGIN_TOP + 2 * QFontMetrics(self._bold).lineSpacing()
                            + self.fontMetrics().lineSpacing() + self.MARGIN_BOTTOM)

    def changeEvent(self, e) -> None:
        if e.type() == QEvent.Type.FontChange:
            self._fit()
        super().changeEvent(e)

    def set_text(self, title: str, info: str = "") -> None:
        if (title, info) == (self._title, self._info):
            return
        self._title, self._info = title, info
        self.setToolTip(title)
        self.setAccessibleName(f"{title}. {info}" if info else title)
        self.update()

    def text(self) -> str:
        """Title and information line, as shown (before eliding)."""
        return f"{self._title}\n{self._info}" if self._info else self._title

    def sizeHint(self) -> QSize:
        return QSize(200, self.height())

    def paintEvent(self, e) -> None:
        p = QPainter(self)
        width = self.width()
        font = self._bold if self._info else self.font()  # no information line: a message, not a title
        fm = QFontMetrics(font)
        y = self.MARGIN_TOP
        p.setFont(font)
        p.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        for line in wrap_two(self._title, fm, width):
            p.drawText(QRect(0, y, width, fm.lineSpacing()), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, line)
            y += fm.lineSpacing()
        if self._info:
            fm = self.fontMetrics()
            y = self.height() - self.MARGIN_BOTTOM - fm.lineSpacing()
            p.setFont(self.font())
            p.setPen(QColor("#555555"))
            p.drawText(QRect(0, y, width, fm.lineSpacing()), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                       fm.elidedText(self._info, Qt.TextElideMode.ElideMiddle, width))


def wrap_two(text: str, fm: QFontMetrics, width: int) -> list[str]:
    """`text` in at most two lines of `width` pixels, broken between words; what does not fit is
    elided with "…" (a first word wider than the line too)."""
    if fm.horizontalAdvance(text) <= width:
        return [text] if text else []
    words, first = text.split(" "), ""
    for i, word in enumerate(words):
        candidate = f"{first} {word}" if first else word
        if fm.horizontalAdvance(candidate) > width:
            if not first:  # one word wider than the line (a long address)
                return [fm.elidedText(text, Qt.TextElideMode.ElideRight, width)]
            return [first, fm.elidedText(" ".join(words[i:]), Qt.TextElideMode.ElideRight, width)]
        first = candidate
    return [fm.elidedText(text, Qt.TextElideMode.ElideRight, width)]


class ArticlePane(QWidget):
    """The centre column: headline line, legend, the article text."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.heading = Heading(self)
        self.heading.setObjectName("articleHeading")
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
            self.heading.set_text(self.tr("No article open — import some (Ctrl+O)"))
            return
        self.heading.set_text(article.title or article.source,
                              f"{article.published or '—'} · {status_label(status)} · {article.source}")
