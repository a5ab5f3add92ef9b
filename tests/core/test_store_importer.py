"""Batch import: a crashing extractor costs the articles it was working on, not the batch."""
from __future__ import annotations

import os
from pathlib import Path

from reviewer.core.importer import import_paths
from reviewer.core.records import Article, Record
from reviewer.core.store import Store


def crashing_extractor(article: Article) -> tuple[Record, str]:
    """Kills its worker process on an article that mentions 'CRASH'."""
    if "CRASH" in article.text:
        os._exit(3)
    return Record(title=article.title), "test"


def write(folder: Path, n: int, crash_at: int | None = None) -> None:
    folder.mkdir(exist_ok=True)
    for i in range(n):
        mark = " CRASH" if i == crash_at else ""
        (folder / f"{i:03d}.txt").write_text(f"Bài báo số {i} về hợp tác{mark}\n\nNội dung {i}.",
                                             encoding="utf-8")


def test_a_worker_that_dies_fails_its_articles_and_the_rest_import(tmp_path):
    write(tmp_path / "in", 12, crash_at=5)
    with Store(tmp_path / "r.db") as store:
        first = import_paths(store, [tmp_path / "in"], workers=2, extractor=crashing_extractor)
        failed = {Path(f.source).name for f in first.failures}
        assert "005.txt" in failed
        assert all(f.reason == "the extraction worker process died" for f in first.failures)
        assert first.imported + len(failed) == 12 and first.imported >= 1
        # a second import retries what failed; only the crashing article fails again
        second = import_paths(store, [tmp_path / "in"], workers=2, extractor=crashing_extractor)
        assert [Path(f.source).name for f in second.failures] == ["005.txt"]
        assert store.count() == 11


def test_progress_is_reported_per_input_file(tmp_path):
    write(tmp_path / "in", 3)
    seen = []
    with Store(tmp_path / "r.db") as store:
        summary = import_paths(store, [tmp_path / "in"], workers=0, extractor=crashing_extractor,
                               progress=lambda done, total: seen.append((done, total)))
    assert summary.imported == 3 and seen == [(1, 3), (2, 3), (3, 3)]


def always_crashing_extractor(article: Article) -> tuple[Record, str]:
    os._exit(3)


def test_workers_that_always_die_stop_the_extraction_instead_of_respawning(tmp_path):
    write(tmp_path / "in", 40)
    with Store(tmp_path / "r.db") as store:
        summary = import_paths(store, [tmp_path / "in"], workers=2, extractor=always_crashing_extractor)
        assert summary.imported == 0 and len(summary.failures) == 40
        assert "not extracted: the extraction workers keep dying" in {f.reason for f in summary.failures}
