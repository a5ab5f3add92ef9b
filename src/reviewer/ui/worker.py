"""Import (intake + extraction) and export off the GUI thread.

One `Worker` lives in one `QThread` for the window's lifetime, so the extractor (underthesea
keeps its models in module globals) is only ever called from that thread. The worker opens its
own `Store` connection per job and speaks only through signals; it never touches a widget.
"""
from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from ..core.intake import Failure, expand, read_paths
from ..core.store import Store


class Cancelled(Exception):
    pass


class Worker(QObject):
    """Runs one job at a time; `cancel()` may be called from any thread."""

    progress = Signal(int, int, str)  # done, total, current file
    finished = Signal(object)  # ImportResult or ExportResult
    failed = Signal(str)

    def __init__(self, db_path: str | Path):
        super().__init__()
        self.db_path = Path(db_path)
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def _check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled

    @Slot(list)
    def import_paths(self, paths: list) -> None:
        """Read, extract and store every article under `paths`; emits finished(dict)."""
        self._cancel.clear()
        added = skipped = 0
        failures: list[tuple[str, str]] = []
        try:
            from ..core.extraction import EXTRACTOR_VERSION, extract
            from ..core.store.models import model_for

            files = list(expand(paths))
            store = Store(self.db_path)
            try:
                model = model_for(store)  # the database's own model when it has one
                for n, path in enumerate(files):
                    self.progress.emit(n, len(files), str(path))
                    for item in read_paths([path]):
                        self._check()
                        if isinstance(item, Failure):
                            failures.append((item.source, item.reason))
                        elif store.has_article(item.id):
                            skipped += 1
                        elif store.add_article(item, extract(item, model=model), EXTRACTOR_VERSION):
                            added += 1
                        else:
                            skipped += 1
                self.progress.emit(len(files), len(files), "")
            finally:
                store.close()
            self.finished.emit({"job": "import", "added": added, "skipped": skipped,
                                "failures": failures, "cancelled": False})
        except Cancelled:
            self.finished.emit({"job": "import", "added": added, "skipped": skipped,
                                "failures": failures, "cancelled": True})
        except Exception as e:  # reported to the reviewer, not lost in a thread
            self.failed.emit(f"{type(e).__name__}: {e}")

    @Slot(str, str)
    def export(self, path: str, fmt: str) -> None:
        """Write the reviewed records (done, not an agreement) to `path` in `fmt`; emits finished(dict)."""
        self._cancel.clear()
        try:
            from ..core.datasets.export import Item, export

            store = Store(self.db_path)
            try:
                total = store.count("done") + store.count("not_an_agreement")
                items = []
                for article, curated in store.curated():
                    self._check()
                    if curated.status in ("done", "not_an_agreement"):
                        # "not an agreement" exports no agreement, whatever an older save kept
                        record = curated.record if curated.status == "done" else replace(curated.record, agreements=())
                        machine = store.extraction_and_version(article.id) if fmt == "labelstudio" else (None, None)
                        items.append(Item(article, record, curated.status, *machine, reviewer=curated.reviewer))
                        if len(items) % 50 == 0:
                            self.progress.emit(len(items), total, article.source)
            finally:
                store.close()
            # the save dialog has already asked before replacing a file; the database stays refused
            export(items, fmt, path, force=True, db_path=self.db_path)
            self.progress.emit(total, total, "")
            self.finished.emit({"job": "export", "count": len(items), "path": path, "cancelled": False})
        except Cancelled:
            self.finished.emit({"job": "export", "count": 0, "path": path, "cancelled": True})
        except Exception as e:
            self.failed.emit(f"{type(e).__name__}: {e}")


class WorkerThread(QObject):
    """Owns the worker and its thread; `start_import`/`start_export` queue a job on it."""

    _import = Signal(list)
    _export = Signal(str, str)

    def __init__(self, db_path: str | Path, parent: QObject | None = None):
        super().__init__(parent)
        self.thread = QThread(self)
        self.thread.setObjectName("reviewer-worker")
        self.worker = Worker(db_path)
        self.worker.moveToThread(self.thread)
        self._import.connect(self.worker.import_paths)
        self._export.connect(self.worker.export)
        self.thread.finished.connect(self.worker.deleteLater)
        self.busy = False
        self.worker.finished.connect(self._on_worker_done)
        self.worker.failed.connect(self._on_worker_done)
        self.thread.start()

    def start_import(self, paths: list[str]) -> None:
        self.busy = True
        self._import.emit([str(p) for p in paths])

    def start_export(self, path: str, fmt: str) -> None:
        self.busy = True
        self._export.emit(str(path), fmt)

    def cancel(self) -> None:
        self.worker.cancel()

    def _on_worker_done(self, *_args) -> None:
        self.busy = False

    def stop(self) -> None:
        """Cancel any job and wait for the thread to end (on window close)."""
        self.worker.cancel()
        self.thread.quit()
        self.thread.wait(10000)
