"""The window's prompts: each a method returning plain values, so tests replace them."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDir, QStandardPaths, Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox

EXPORT_FILTERS = {"jsonl": "JSON Lines (*.jsonl)", "csv": "CSV (*.csv)", "xlsx": "Excel workbook (*.xlsx)",
                  "conll": "CoNLL / BIO (*.conll)", "labelstudio": "Label Studio (*.json)"}
EXTENSIONS = {"jsonl": ".jsonl", "xlsx": ".xlsx", "csv": ".csv", "conll": ".conll", "labelstudio": ".json"}


def export_target(path: str, chosen: str | None) -> tuple[str, str]:
    """(path, format) for a file name typed in the export dialog: the extension decides the
    format (reviewed.csv is CSV whatever type is picked); a name without a known extension gets
    the picked type's (`chosen`, a format code)."""
    suffix = Path(path).suffix.lower()
    by_ext = {ext: fmt for fmt, ext in EXTENSIONS.items()}
    if suffix in by_ext:
        return path, by_ext[suffix]
    fmt = chosen if chosen in EXTENSIONS else "jsonl"
    return path + EXTENSIONS[fmt], fmt


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

    def file_dialog(self, title: str, key: str) -> QFileDialog:
        """Qt's own file dialog in the window's language (Qt ships no Vietnamese for the
        native one), starting in the folder last used for `key` (the first time: Documents)."""
        folder = str(self.settings.value(f"folders/{key}", "") or "") or _documents()
        dialog = QFileDialog(self, title, folder)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        for label, text in ((QFileDialog.DialogLabel.LookIn, self.tr("Look in:")),
                            (QFileDialog.DialogLabel.FileName, self.tr("File name:")),
                            (QFileDialog.DialogLabel.FileType, self.tr("Files of type:")),
                            (QFileDialog.DialogLabel.Reject, self.tr("Cancel"))):
            dialog.setLabelText(label, text)
        return dialog

    def _remember_folder(self, key: str, path: str) -> None:
        folder = path if Path(path).is_dir() else str(Path(path).parent)
        self.settings.setValue(f"folders/{key}", folder)

    def ask_quit_unsaved(self, why: str) -> bool:
        """True if the reviewer closes the window although the last change could not be saved."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Not saved"),
                          self.tr("Your last change is not saved: %1.\n\nClose the window and lose it?")
                          .replace("%1", why), parent=self)
        close = box.addButton(self.tr("Close and lose it"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(self.tr("Keep the window open"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is close

    def ask_import_paths(self, folder: bool) -> list[str]:
        """Files or a folder to import; [] if cancelled."""
        dialog = self.file_dialog(self.tr("Import a folder of articles") if folder else self.tr("Import articles"),
                                  "import")
        dialog.setLabelText(QFileDialog.DialogLabel.Accept, self.tr("Import"))
        if folder:
            dialog.setFileMode(QFileDialog.FileMode.Directory)
            dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        else:
            dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
            dialog.setNameFilters([self.tr("Articles (*.txt *.jsonl *.ndjson)"), self.tr("All files (*)")])
        ok = dialog.exec()
        dialog.deleteLater()
        self.activateWindow()
        if not ok or not dialog.selectedFiles():
            return []
        paths = dialog.selectedFiles()
        self._remember_folder("import", paths[0])
        return paths

    def ask_export_target(self) -> tuple[str, str] | None:
        """(path, format) to export the reviewed records to; None if cancelled. The format
        follows the file name's extension; picking a type renames the file to match."""
        dialog = self.file_dialog(self.tr("Export reviewed records (done and not an agreement)"), "export")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setLabelText(QFileDialog.DialogLabel.Accept, self.tr("Export"))
        labels = {fmt: self.tr(label) for fmt, label in EXPORT_FILTERS.items()}  # format → its words
        dialog.setNameFilters(list(labels.values()))
        last = str(self.settings.value("export/format", "jsonl"))  # the type exported last time
        last = last if last in labels else "jsonl"
        dialog.selectNameFilter(labels[last])
        dialog.selectFile("reviewed" + EXTENSIONS[last])
        self.export_dialog = dialog  # tests reach the open dialog here

        def format_of(chosen: str) -> str:
            return next((k for k, v in labels.items() if v == chosen), "jsonl")

        def follow(chosen: str) -> None:
            edit = dialog.findChild(QLineEdit, "fileNameEdit")
            if edit is not None and edit.text():
                edit.setText(str(Path(edit.text()).with_suffix(EXTENSIONS[format_of(chosen)])))

        dialog.filterSelected.connect(follow)
        ok = dialog.exec()
        self.export_dialog = None
        dialog.deleteLater()
        self.activateWindow()
        if not ok or not dialog.selectedFiles():
            return None
        path, fmt = export_target(dialog.selectedFiles()[0], format_of(dialog.selectedNameFilter()))
        self._remember_folder("export", path)
        self.settings.setValue("export/format", fmt)
        return path, fmt

    def show_message(self, title: str, text: str) -> None:
        """Tell the reviewer something without blocking."""
        box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=self)
        box.addButton(self.tr("OK"), QMessageBox.ButtonRole.AcceptRole)  # Qt ships no Vietnamese "OK"
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setModal(False)
        box.show()


def _documents() -> str:
    """The reviewer's Documents folder, or home if there is none (never the program's folder)."""
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return docs if docs and Path(docs).is_dir() else QDir.homePath()
