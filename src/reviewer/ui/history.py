"""The saved states of the open article's record (Ctrl+H): when, by whom, what was done, and
what the record held. Enter restores the chosen state as a new save (undoable like any edit):
what "not an agreement" dropped, or an edit made in another session, is never out of reach."""
from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableWidget,
                               QTableWidgetItem, QVBoxLayout)

from .labels import status_label


class HistoryDialog(QDialog):
    """Newest first; the current state is the first row. `chosen()` is the revision to restore."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("History of this record"))
        lay = QVBoxLayout(self)
        self.hint = QLabel(self.tr("Enter restores the state chosen (as a new change: Ctrl+Z takes it back); "
                                   "Escape closes."), self)
        self.hint.setWordWrap(True)
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels([self.tr("When"), self.tr("Who"), self.tr("What was done"),
                                              self.tr("Status"), self.tr("The record")])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        head = self.table.horizontalHeader()
        for col in range(4):
            head.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(self)
        self.restore_button = buttons.addButton(self.tr("Restore this state"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.table.itemActivated.connect(self._on_table_item_activated)
        lay.addWidget(self.hint)
        lay.addWidget(self.table)
        lay.addWidget(buttons)
        self.resize(900, 420)
        self._revisions: list = []

    def show_revisions(self, revisions: list) -> None:
        """`revisions` oldest first (as the store gives them); shown newest first, the one before
        the current state chosen (what one would most often go back to)."""
        self._revisions = list(reversed(revisions))
        self.table.setRowCount(len(self._revisions))
        for row, rev in enumerate(self._revisions):
            for col, text in enumerate((local_time(rev.at), rev.reviewer or "—", action_label(rev.action),
                                        status_label(rev.status), summary(rev.record))):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.table.setCurrentCell(min(1, len(self._revisions) - 1), 0)
        self.restore_button.setEnabled(len(self._revisions) > 1)
        self.table.setFocus()

    def chosen(self):
        """The revision on the current row, or None (the current state restores nothing)."""
        row = self.table.currentRow()
        return self._revisions[row] if 0 < row < len(self._revisions) else None

    def _on_table_item_activated(self, _item) -> None:
        self.accept()


def action_label(action: str) -> str:
    from PySide6.QtCore import QCoreApplication

    t = lambda s: QCoreApplication.translate("history", s)  # noqa: E731
    return {"import": t("imported"), "edit": t("edited"), "accept": t("accepted"),
            "not_an_agreement": t("not an agreement"), "skip": t("skipped"), "undo": t("undone"),
            "restore": t("restored an earlier state")}.get(action, action)


def summary(record) -> str:
    """'agreements: 2 · parties: 4 · commitments: 5 — the parties — the first one's date · place'."""
    from PySide6.QtCore import QCoreApplication

    t = lambda s: QCoreApplication.translate("history", s)  # noqa: E731
    agreements = record.agreements
    if not agreements:
        return t("no agreement")
    parties = sum(len(a.parties) for a in agreements)
    commitments = sum(len(a.commitments) for a in agreements)
    names = ", ".join(str(p.name) for a in agreements for p in a.parties)
    first = agreements[0]  # what one edit most often changes: the date and the place
    facts = " · ".join(str(x) for x in (first.signed_on, first.place) if x)
    return (t("agreements: %1 · parties: %2 · commitments: %3").replace("%1", str(len(agreements)))
            .replace("%2", str(parties)).replace("%3", str(commitments))
            + (f" — {names}" if names else "") + (f" — {facts}" if facts else ""))


def local_time(at: str) -> str:
    """A stored UTC time in the local zone, to the second (two edits a minute apart differ)."""
    try:
        return datetime.fromisoformat(at).astimezone().strftime("%Y-%m-%d %H:%M:%S")
    except (TypeError, ValueError):
        return str(at)
