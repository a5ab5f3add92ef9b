"""Batch import: intake in this process, extraction in worker processes, one transaction
per article in the store.

underthesea keeps its models in module globals, so each worker process imports the
extractor once and extracts article after article; results are stored in input order.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Callable, Iterable

from ..intake import Failure, expand, read_paths
from ..records import Article, Record
from .db import Store
from .models import current_model

Progress = Callable[[int, int], None]
MAX_BREAKS = 3  # pools broken in a row, nothing extracted in between, before giving up


@dataclass(frozen=True)
class ImportSummary:
    """What an import did: articles added, articles already stored, and what failed and why."""

    imported: int
    skipped: int
    failures: tuple[Failure, ...]
    notes: tuple[str, ...] = ()  # what intake repaired on the way ("…: 1 lone surrogate replaced")


Extractor = Callable[[Article], "tuple[Record, str]"]


def run_extractor(article: Article, model_json: str | None = None) -> tuple[Record, str]:
    """The machine record for one article and the extractor version that made it; `model_json`
    is the database's own model (None: the bundled one)."""
    # imported here, in the worker, so the extractor's models load once per process
    from ..extraction import EXTRACTOR_VERSION, extract
    from ..extraction.learned import BUNDLED, parse

    return extract(article, model=parse(model_json) if model_json else BUNDLED), EXTRACTOR_VERSION


def die_with_parent(parent: int) -> None:
    """Worker initializer: end this worker as soon as the importing process is gone, even killed
    with SIGKILL (a worker blocked on its task queue would otherwise wait forever)."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # it died before the line above
        os._exit(0)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()  # other systems


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(0)


def default_workers() -> int:
    """One worker per core."""
    return os.cpu_count() or 1


def import_paths(store: Store, paths: Iterable[str | Path], *, workers: int | None = None,
                 progress: Progress | None = None, extractor: Extractor = run_extractor) -> ImportSummary:
    """Import every article under `paths` that the store does not hold yet; returns a summary.

    `workers` processes extract (0: extract in this process). `progress(done, total)` is
    called as input files are read, so a caller can draw a bar. `extractor` must be a module-level
    function (workers import it by name). If a worker dies, the articles it took with it are
    extracted again one by one, so only the article that kills a worker fails."""
    workers = default_workers() if workers is None else workers
    if extractor is run_extractor:
        own = current_model(store)  # trained on this database's done records
        if own:
            extractor = partial(run_extractor, model_json=own)
    files = list(expand(paths))
    importer = _Importer(store, workers, extractor)
    try:
        for n, path in enumerate(files, 1):
            for item in read_paths([path]):
                importer.feed(item)
            if progress:
                progress(n, len(files))
        importer.drain(0)
    finally:
        importer.close()
    return ImportSummary(importer.imported, importer.skipped, tuple(importer.failures),
                         tuple(importer.notes))


class _Importer:
    """Keeps a bounded window of extractions in flight and stores results in input order."""

    def __init__(self, store: Store, workers: int, extractor: Extractor):
        self.store, self.workers, self.extractor = store, workers, extractor
        self.pool: ProcessPoolExecutor | None = None
        self.pending: deque[tuple[Article, Future]] = deque()
        self.seen: set[str] = set()
        self.imported = self.skipped = self.breaks = 0
        self.failures: list[Failure] = []
        self.notes: list[str] = []

    def feed(self, item: Article | Failure) -> None:
        if isinstance(item, Failure):
            self.failures.append(item)
            return
        self.notes.extend(item.meta.get("notes", ()))
        if item.id in self.seen or self.store.has_article(item.id):
            self.skipped += 1
            return
        self.seen.add(item.id)
        if self.workers <= 0:
            self._store(item, self._run_here(item))
            return
        if self.breaks >= MAX_BREAKS:
            self._store(item, self._isolated(item))  # a failure, without starting a pool
            return
        try:
            future = self._pool().submit(self.extractor, item)
        except BrokenProcessPool:  # it broke since the last drain
            self._recover([item])
            return
        self.pending.append((item, future))
        self.drain(self.workers * 4)

    def drain(self, keep: int) -> None:
        """Store finished results, oldest first, until at most `keep` are in flight."""
        while len(self.pending) > keep:
            article, future = self.pending[0]
            try:
                result = future.result()
            except BrokenProcessPool:
                self._recover([])
                continue
            except Exception as e:  # the extractor's own bug must not stop the batch
                result = Failure(article.source, f"extraction failed: {type(e).__name__}: {e}")
            self.pending.popleft()
            self._store(article, result)

    def _recover(self, extra: list[Article]) -> None:
        """A worker died (out of memory, a crash in a model) and took every task in flight with
        it. Extract those again one at a time in a fresh pool, so only the culprit fails."""
        lost = [a for a, _ in self.pending] + extra
        self.pending.clear()
        self._drop_pool()
        for article in lost:
            self._store(article, self._isolated(article))

    def _isolated(self, article: Article):
        if self.breaks >= MAX_BREAKS:
            # pools keep dying with nothing extracted in between: stop rather than respawn
            # forever (and never extract here, which a crashing extractor would take down)
            return Failure(article.source, "not extracted: the extraction workers keep dying")
        try:
            return self._pool().submit(self.extractor, article).result()
        except BrokenProcessPool:
            self._drop_pool()
            self.breaks += 1
            return Failure(article.source, "the extraction worker process died on this article")
        except Exception as e:
            return Failure(article.source, f"extraction failed: {type(e).__name__}: {e}")

    def _run_here(self, article: Article):
        try:
            return self.extractor(article)
        except Exception as e:
            return Failure(article.source, f"extraction failed: {type(e).__name__}: {e}")

    def _store(self, article: Article, result) -> None:
        if isinstance(result, Failure):
            self.failures.append(result)
            return
        record, version = result
        self.breaks = 0  # workers are extracting again
        if self.store.add_article(article, record, version):
            self.imported += 1
        else:
            self.skipped += 1

    def _pool(self) -> ProcessPoolExecutor:
        if self.pool is None:
            # spawn: workers start clean, without this process's SQLite connection
            self.pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                            initializer=die_with_parent, initargs=(os.getpid(),))
        return self.pool

    def _drop_pool(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
