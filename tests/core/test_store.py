"""The curated store: one SQLite file that keeps every save, who made it and when."""
from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from reviewer.core.intake import make_article
from reviewer.core.records import Agreement, Party, Record, Span
from reviewer.core.store import ConflictError, Store, default_db_path, fts_query

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def record(*names: str, signed_on: str | None = None) -> Record:
    return Record(agreements=(Agreement(kind="memorandum", signed_on=signed_on,
                                        parties=tuple(Party(n, "tỉnh") for n in names)),))


def article(text: str, source: str = "a.txt"):
    return make_article(text, source)


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "data" / "reviewer.db")
    yield s
    s.close()


def add(store: Store, text: str, source: str = "a.txt", rec: Record | None = None) -> str:
    art = article(text, source)
    assert store.add_article(art, rec or Record(), "test-1")
    return art.id


def test_first_run_creates_the_file_with_wal_foreign_keys_and_migrations(tmp_path):
    path = tmp_path / "new" / "dir" / "r.db"
    with Store(path) as s:
        assert s.db.journal_mode == "wal"
        assert s.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert {"articles", "articles_fts", "extractions", "records", "revisions"} <= set(s.db.table_names())
    # opening again applies nothing twice
    with Store(path) as s:
        names = [r[0] for r in s.db.execute("SELECT name FROM _sqlite_migrations")]
        assert names[:2] == ["m001_initial", "m002_conflicts"] and len(names) == len(set(names))


def test_an_older_database_is_upgraded_in_place_when_opened(tmp_path):
    import sqlite_utils

    from reviewer.core.store.db import MIGRATIONS

    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    MIGRATIONS.apply(db, stop_before="m002_conflicts")
    db.close()
    with Store(path) as s:
        aid = add(s, "Bài báo cũ")
        assert "conflicts" in s.db.table_names() and s.record(aid).revision == 1


def test_an_imported_article_is_pending_at_revision_one_with_an_import_revision(store):
    aid = add(store, "Hai tỉnh ký kết\n\nHải Dương và Bắc Giang ký biên bản ghi nhớ.",
              rec=record("Hải Dương", "Bắc Giang"))
    cur = store.record(aid)
    assert (cur.status, cur.revision, cur.reviewer) == ("pending", 1, None)
    assert cur.record.agreements[0].parties[0].name == "Hải Dương"
    assert store.extraction(aid) == record("Hải Dương", "Bắc Giang")
    assert store.article(aid).text.startswith("Hai tỉnh ký kết")
    [rev] = store.history(aid)
    assert (rev.revision, rev.action, rev.status) == (1, "import", "pending")
    assert store.queue()[0].parties == "Hải Dương – Bắc Giang"


def test_adding_the_same_text_again_changes_nothing(store):
    aid = add(store, "Một bài báo về hợp tác giữa hai tỉnh.")
    assert not store.add_article(article("Một bài báo về hợp tác giữa hai tỉnh.", "b.txt"), Record(), "x")
    assert store.count() == 1 and store.article(aid).source == "a.txt"


def test_every_save_is_a_revision_that_can_be_replayed_and_restored(store):
    aid = add(store, "Bài báo: Hải Dương và Bắc Giang hợp tác.", rec=record("Hải Dương"))
    s2 = store.save(aid, record("Hải Dương", "Bắc Giang"), status="in_review", reviewer="lan",
                    expected_revision=1)
    s3 = store.save(aid, record("Hải Dương", "Bắc Giang", signed_on="2019-10-05"), status="done",
                    reviewer="minh", expected_revision=s2.revision)
    assert (s2.revision, s3.revision) == (2, 3)
    hist = store.history(aid)
    assert [(h.revision, h.action, h.status, h.reviewer) for h in hist] == [
        (1, "import", "pending", None), (2, "edit", "in_review", "lan"), (3, "edit", "done", "minh")]
    assert hist[1].record == record("Hải Dương", "Bắc Giang")
    back = store.restore(aid, 2, reviewer="lan", expected_revision=3)
    assert back.revision == 4 and back.status == "in_review"
    assert store.record(aid).record == record("Hải Dương", "Bắc Giang")
    assert store.history(aid)[-1].action == "restore:2"


def test_a_save_from_a_stale_revision_is_refused_and_the_other_change_kept(tmp_path):
    path = tmp_path / "r.db"
    with Store(path) as s:
        aid = add(s, "Bài báo về hợp tác Hà Nội và Thanh Hóa.")
    first, second = Store(path), Store(path)
    try:
        a, b = first.record(aid), second.record(aid)
        first.save(aid, record("Hà Nội"), status="done", reviewer="lan", expected_revision=a.revision)
        with pytest.raises(ConflictError) as err:
            second.save(aid, record("Thanh Hóa"), status="done", reviewer="minh",
                        expected_revision=b.revision)
        assert (err.value.article_id, err.value.expected_revision, err.value.actual_revision) == (aid, 1, 2)
        assert "revision 2" in str(err.value) and "not saved" in str(err.value)
        # the first change is in the database and in the revisions
        assert second.record(aid).record == record("Hà Nội")  # the second change is nowhere...
        assert [(h.revision, h.reviewer) for h in second.history(aid)] == [(1, None), (2, "lan")]
        # ...except in the conflicts log, from which the losing edit can be recovered
        [(attempt, based_on)] = first.conflicts(aid)
        assert (attempt.reviewer, attempt.record, attempt.revision, based_on) == (
            "minh", record("Thanh Hóa"), 2, 1)
    finally:
        first.close()
        second.close()


def test_an_unknown_status_or_article_is_a_clear_error(store):
    aid = add(store, "Một bài báo.")
    with pytest.raises(ValueError, match="unknown status"):
        store.save(aid, Record(), status="finished", reviewer=None, expected_revision=1)
    with pytest.raises(KeyError):
        store.record("0" * 16)
    with pytest.raises(KeyError):
        store.save("0" * 16, Record(), status="done", reviewer=None, expected_revision=1)
    with pytest.raises(KeyError):
        store.article("nope")


def test_search_finds_either_tone_placement_and_no_diacritics(store):
    add(store, "Thanh Hóa ký kết với Nghệ An", "1.txt")
    add(store, "Thanh Hoá và Hà Tĩnh hợp tác", "2.txt")
    add(store, "Hải Dương kết nghĩa Bắc Giang", "3.txt")
    for query in ("Thanh Hóa", "Thanh Hoá", "thanh hoa", "THANH HO"):
        assert store.count(search=query) == 2, query
    assert [r.title for r in store.queue(search="ket nghia")] == ["Hải Dương kết nghĩa Bắc Giang"]
    assert store.count(search='"; DROP TABLE articles; --') == 0
    assert fts_query("  ") is None and store.count(search="   ") == 3


def test_queue_pages_in_import_order_and_filters_by_status(store):
    ids = [add(store, f"Bài số {n} về hợp tác", f"{n}.txt") for n in range(5)]
    store.save(ids[1], Record(), status="done", reviewer="lan", expected_revision=1)
    store.save(ids[3], Record(), status="skipped", reviewer="lan", expected_revision=1)
    assert [r.id for r in store.queue()] == ids
    assert [r.id for r in store.queue(offset=1, limit=2)] == ids[1:3]
    assert [r.id for r in store.queue(status="pending")] == [ids[0], ids[2], ids[4]]
    assert store.count("done") == 1 and store.count() == 5
    assert store.counts_by_status() == {"pending": 3, "in_review": 0, "done": 1,
                                        "not_an_agreement": 0, "skipped": 1}
    assert store.counts_by_reviewer() == {None: {"pending": 3}, "lan": {"done": 1, "skipped": 1}}


def test_the_next_page_starts_after_the_last_row_shown_with_any_filter(store):
    ids = [add(store, f"Bài số {n} về hợp tác Thanh Hóa" if n % 2 else f"Bài số {n}", f"{n}.txt") for n in range(9)]
    store.save(ids[4], Record(), status="done", reviewer="lan", expected_revision=1)
    for status, search in [(None, None), ("pending", None), (None, "Thanh Hoa"), ("pending", "thanh hóa")]:
        whole = [r.id for r in store.queue(status, search, limit=100)]
        pages, after = [], None
        while True:
            page = store.queue(status, search, limit=2, after_seq=after)
            if not page:
                break
            pages += [r.id for r in page]
            after = page[-1].seq
        assert pages == whole and len(whole) == store.count(status, search)


def test_next_pending_follows_queue_order_and_wraps_around(store):
    ids = [add(store, f"Bài số {n}", f"{n}.txt") for n in range(4)]
    store.save(ids[2], Record(), status="done", reviewer=None, expected_revision=1)
    assert store.next_id(None) == ids[0]
    assert store.next_id(ids[1]) == ids[3]
    assert store.next_id(ids[3]) == ids[0]  # wraps
    assert store.next_id(ids[0], status="done") == ids[2]
    assert store.next_id(ids[2], status="done") is None  # the only done one is the current
    assert store.next_id(ids[3], status=None) == ids[0]


def test_resolve_accepts_id_prefix_and_source(store):
    aid = add(store, "Bài báo A", "seeds/a.txt")
    add(store, "Bài báo B", "seeds/b.txt")
    assert store.resolve(aid) == aid
    assert store.resolve(aid[:6]) == aid
    assert store.resolve("seeds/a.txt") == aid
    with pytest.raises(KeyError, match="no article"):
        store.resolve("seeds/c.txt")


def test_a_save_does_not_touch_the_article_row_or_its_search_index(store):
    aid = add(store, "Hải Dương và Bắc Giang")
    before = store.db.execute("SELECT * FROM articles").fetchall()
    store.save(aid, record("Hải Dương"), status="done", reviewer=None, expected_revision=1)
    assert store.db.execute("SELECT * FROM articles").fetchall() == before
    assert store.count(search="Hải Dương") == 1


def test_the_file_is_plain_sqlite_with_json_columns(store):
    aid = add(store, "Hà Nội và Thanh Hóa ký kết", rec=record("Hà Nội", "Thanh Hóa"))
    conn = sqlite3.connect(store.path)
    name = conn.execute("SELECT json_extract(record, '$.agreements[0].parties[1].name') FROM records"
                        " WHERE article_id = ?", [aid]).fetchone()[0]
    conn.close()
    assert name == "Thanh Hóa"


def test_default_path_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("REVIEWER_DB", str(tmp_path / "x.db"))
    assert default_db_path() == tmp_path / "x.db"
    monkeypatch.delenv("REVIEWER_DB")
    assert default_db_path().name == "reviewer.db" and "reviewer" in str(default_db_path().parent)


def test_records_keep_spans_and_origins_through_the_store(store):
    text = "Hải Dương và Bắc Giang ký kết"
    art = article(text)
    rec = Record(agreements=(Agreement(parties=(Party("Hải Dương", span=Span(0, 9), origin="edited"),)),))
    rec = replace(rec, published="2019-10-05")
    store.add_article(art, rec, "v")
    assert store.record(art.id).record == rec


def test_resolve_accepts_a_file_name_when_it_is_unique(store):
    aid = add(store, "Bài báo A", "/data/seeds/004_x.txt")
    add(store, "Bài báo B", "/data/other/004_x.txt")
    add(store, "Bài báo C", "/data/seeds/005_y.txt")
    assert store.resolve("005_y.txt") != aid
    assert store.resolve("seeds/004_x.txt") == aid
    with pytest.raises(KeyError, match="several"):
        store.resolve("004_x.txt")


def test_the_core_and_the_database_commands_never_import_qt():
    import subprocess
    import sys

    code = ("import sys, reviewer.cli, reviewer.core.store, reviewer.core.datasets.export, reviewer.core.datasets.gold, "
            "reviewer.core.store.importer, reviewer.core.datasets.stats; "
            "assert not [m for m in sys.modules if m.startswith(('PySide6', 'reviewer.ui'))]")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_queue_shows_the_curated_publication_date(store):
    aid = add(store, "Thứ hai, 18/11/2019 11:59\n\nHải Dương và Bắc Giang ký kết hợp tác toàn diện")
    assert store.queue()[0].published is None  # the machine record (here empty) had none
    store.save(aid, Record(published="2019-11-17"), status="done", reviewer=None, expected_revision=1)
    assert store.queue()[0].published == "2019-11-17"
