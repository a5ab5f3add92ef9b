"""The window's prompts: each a method returning plain values, so tests replace them."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

EXPORT_FILTERS = {"jsonl": "JSON Lines (*.jsonl)", "xlsx": "Excel workbook (*.xlsx)", "csv": "CSV (*.csv)",
                  "conll": "CoNLL / BIO (*.conll)", "labelstudio": "Label Studio (*.json)"}


class PromptsMixin:
    """Dialogs of `MainWindow` (a QMainWindow)."""

    def ask_reviewer_name(self) -> str:
        """Ask the reviewer's name once; returns '' if cancelled."""
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("Your name"))
        dialog.setLabelText(self.tr("Your name (saved with every change you make):"))
        dialog.setOkButtonText(self.tr("OK"))
        dialog.setCancelButtonText(self.tr("Cancel"))
        ok = dialog.exec()
        return dialog.textValue().strip() if ok else ""

    def ask_reload_on_conflict(self, message: str) -> bool:
        """True if the reviewer wants to reload the record that was changed elsewhere."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Changed elsewhere"),
                          self.tr("This record was saved by someone else after you opened it. Your last change "
                                  "was not saved.\n\nReload the record as it is stored now?"), parent=self)
        box.setDetailedText(message)
        reload_button = box.addButton(self.tr("Reload"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Keep this view"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is reload_button

    def ask_import_paths(self, folder: bool) -> list[str]:
        """Files or a folder to import; [] if cancelled."""
        if folder:
            path = QFileDialog.getExistingDirectory(self, self.tr("Import a folder of articles"))
            return [path] if path else []
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Import articles"), "", self.tr("Articles (*.txt *.jsonl *.ndjson);;All files (*)"))
        return paths

    def ask_export_target(self) -> tuple[str, str] | None:
        """(path, format) to export the reviewed records to; None if cancelled."""
        path, chosen = QFileDialog.getSaveFileName(self, self.tr("Export reviewed records"), "reviewed.jsonl",
                                                   ";;".join(EXPORT_FILTERS.values()))
        if not path:
            return None
        fmt = next((k for k, v in EXPORT_FILTERS.items() if v == chosen), "jsonl")
        return path, fmt

    def show_message(self, title: str, text: str) -> None:
        """Tell the reviewer something without blocking."""
        box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=self)
        box.addButton(self.tr("OK"), QMessageBox.ButtonRole.AcceptRole)  # Qt ships no Vietnamese "OK"
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setModal(False)
        box.show()

