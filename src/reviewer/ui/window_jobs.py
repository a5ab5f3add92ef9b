"""Import and export from the window: jobs on the worker thread, a progress bar and Cancel."""
from __future__ import annotations

from .worker import WorkerThread


class JobsMixin:
    """Background jobs of `MainWindow`; the worker speaks only through signals."""

    def _jobs(self) -> WorkerThread:
        if self.jobs is None:
            self.jobs = WorkerThread(self.session.db_path, self)
            self.jobs.worker.progress.connect(self._on_worker_progress)
            self.jobs.worker.finished.connect(self._on_worker_finished)
            self.jobs.worker.failed.connect(self._on_worker_failed)
        return self.jobs

    def import_from(self, folder: bool = False, paths: list[str] | None = None) -> bool:
        """Import files (or a folder) in the background; False if nothing was started."""
        if self.jobs is not None and self.jobs.busy:
            return False
        paths = paths if paths is not None else self.ask_import_paths(folder)
        self.focus_article()  # not wherever the closing dialog left the keyboard
        if not paths:
            return False
        self._show_job(True)
        self._jobs().start_import(paths)
        return True

    def export(self) -> bool:
        if self.jobs is not None and self.jobs.busy:
            return False
        counts = self.session.counts_by_status()
        if not counts.get("done", 0) + counts.get("not_an_agreement", 0):
            self.statusBar().showMessage(self.tr("Nothing reviewed yet: accept a record (Ctrl+Return) to export it."),
                                         8000)
            return False
        target = self.ask_export_target()
        self.focus_article()
        if not target:
            return False
        self._show_job(True)
        self._jobs().start_export(*target)
        return True

    def _show_job(self, busy: bool) -> None:
        self.job_bar.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.job_bar.setRange(0, 0)
        for key in ("import_files", "import_folder", "export"):
            self.actions_by_name[key].setEnabled(not busy)

    def _on_cancel_button_clicked(self) -> None:
        if self.jobs is not None:
            self.jobs.cancel()

    def _on_worker_progress(self, done: int, total: int, name: str) -> None:
        self.job_bar.setRange(0, max(total, 1))
        self.job_bar.setValue(done)
        self._update_progress()  # the article count grows as the import goes on
        if name:
            self.statusBar().showMessage(name, 2000)

    def _on_worker_finished(self, result: dict) -> None:
        self._show_job(False)
        if result["job"] == "import":
            self.queue_model.refresh()
            self._update_progress()
            text = self.tr("Imported %1 article(s); %2 already there; %3 could not be read.") \
                .replace("%1", str(result["added"])).replace("%2", str(result["skipped"])) \
                .replace("%3", str(len(result["failures"])))
            if result["cancelled"]:
                text = self.tr("Import cancelled.") + " " + text
            if result["failures"]:
                text += "\n\n" + "\n".join(f"{s}: {r}" for s, r in result["failures"][:20])
                self.show_message(self.tr("Import"), text)
            self.statusBar().showMessage(text.split("\n")[0], 8000)
            if self.article is None:
                self.start()
        else:
            text = self.tr("Exported %1 reviewed record(s) (done and not an agreement) to %2") \
                .replace("%1", str(result["count"])) \
                .replace("%2", result["path"])
            if result["cancelled"]:
                text = self.tr("Export cancelled.")
            self.statusBar().showMessage(text, 8000)

    def _on_worker_failed(self, message: str) -> None:
        self._show_job(False)
        self.show_message(self.tr("Something went wrong"), message)

