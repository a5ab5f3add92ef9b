"""The queue's one visible column: the title, and beneath it the status (in its colour), the
date and the parties (two lines per row).

The status comes first on the second line, so it is never cut; the title has the whole width
(at 1366×768 about 45 characters). The other columns stay in the model.
"""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

PUBLISHED_COLUMN, STATUS_COLUMN, PARTIES_COLUMN = 1, 2, 3
STATUS_COLOURS = {"pending": "#6b7280", "in_review": "#b45309", "done": "#15803d",
                  "not_an_agreement": "#7c3aed", "skipped": "#9ca3af"}


class TitleDelegate(QStyledItemDelegate):
    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        # the row in one call to the model; the base class would ask it for seven roles one by one
        title, published, status, parties, code = index.model().entry(index.row())
        opt = QStyleOptionViewItem(option)
        opt.index = index
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)  # background, selection
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        rect = opt.rect.adjusted(4, 2, -4, -2)
        fm = opt.fontMetrics
        line = fm.lineSpacing()
        painter.save()
        painter.setPen(opt.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text))
        painter.drawText(QRect(rect.left(), rect.top(), rect.width(), line), Qt.AlignmentFlag.AlignLeft,
                         fm.elidedText(title, Qt.TextElideMode.ElideRight, rect.width()))
        second = QRect(rect.left(), rect.top() + line, rect.width(), line)
        painter.setPen(QColor("white") if selected else QColor(STATUS_COLOURS.get(code, "#6b7280")))
        painter.drawText(second, Qt.AlignmentFlag.AlignLeft, status)
        used = fm.horizontalAdvance(status + "  ")
        rest = " · ".join(x for x in (published, parties) if x) or "—"
        painter.setPen(QColor("#dbeafe") if selected else QColor("#6b7280"))
        painter.drawText(second.adjusted(used, 0, 0, 0), Qt.AlignmentFlag.AlignLeft,
                         fm.elidedText(rest, Qt.TextElideMode.ElideRight, max(0, rect.width() - used)))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        return QSize(200, 2 * option.fontMetrics.lineSpacing() + 6)
