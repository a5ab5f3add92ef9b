"""The F1 dialog: every keyboard shortcut of the window (non-modal)."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout


class HelpDialog(QDialog):
    """A two-column table: keys, what they do."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setModal(False)
        lay = QVBoxLayout(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 2, self)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(self)
        self.close_button = buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.close)
        lay.addWidget(self.intro)
        lay.addWidget(self.table)
        lay.addWidget(buttons)
        self.resize(620, 560)

    def set_shortcuts(self, shortcuts: list[tuple[str, str]]) -> None:
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.close_button.setText(self.tr("Close"))
        self.intro.setText(self.tr(
            "Select words in the article and press a field key (P, D, L, R, C, A) to record them. "
            "Click a highlight to find its field; pick a field to see its highlight."))
        self.table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("Action")])
        self.table.setRowCount(len(shortcuts))
        for row, (keys, text) in enumerate(shortcuts):
            self.table.setItem(row, 0, QTableWidgetItem(keys))
            self.table.setItem(row, 1, QTableWidgetItem(text))
        self._fit()

    def _fit(self) -> None:
        """As large as the list needs (every row, every word), within nine tenths of the screen."""
        self.table.resizeRowsToContents()
        t = self.table
        width = t.sizeHintForColumn(0) + t.sizeHintForColumn(1) + t.verticalScrollBar().sizeHint().width() \
            + 2 * t.frameWidth() + 40
        height = t.horizontalHeader().height() + t.verticalHeader().length() + 2 * t.frameWidth() \
            + self.intro.sizeHint().height() + self.close_button.sizeHint().height() + 60
        screen = self.screen() or self.parentWidget() and self.parentWidget().screen()
        avail = screen.availableGeometry() if screen else None
        if avail is not None:
            width, height = min(width, int(avail.width() * 0.9)), min(height, int(avail.height() * 0.9))
        self.resize(max(width, 620), max(height, 400))

    def listed(self) -> list[tuple[str, str]]:
        return [(self.table.item(r, 0).text(), self.table.item(r, 1).text()) for r in range(self.table.rowCount())]
