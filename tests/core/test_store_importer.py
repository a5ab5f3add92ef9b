"""Batch import: an extractor that crashes its worker costs one article, not the batch."""
from __future__ import annotations

import os
from pathlib import Path

from reviewer.core.store.importer import import_paths
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


def test_a_worker_that_dies_fails_only_the_article_that_killed_it(tmp_path):
    write(tmp_path / "in", 12, crash_at=5)
    with Store(tmp_path / "r.db") as store:
        first = import_paths(store, [tmp_path / "in"], workers=2, extractor=crashing_extractor)
        assert [(Path(f.source).name, f.reason) for f in first.failures] == [
            ("005.txt", "the extraction worker process died on this article")]
        assert first.imported == 11 == store.count()
        assert [r.title for r in store.queue()][5:7] == ["Bài báo số 6 về hợp tác", "Bài báo số 7 về hợp tác"]
        # a second import tries the failed one again
        second = import_paths(store, [tmp_path / "in"], workers=2, extractor=crashing_extractor)
        assert (second.imported, second.skipped, len(second.failures)) == (0, 11, 1)


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
