"""Errors in plain words, naming the file: a newer reviewer's database, a read-only file, a full
disk, a NUL pasted into the search. Nothing stored changes."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from reviewer.cli import main
from reviewer.core.intake import make_article
from reviewer.core.records import Record
from reviewer.core.store import ReadOnlyDatabase, Store

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
ARTICLE = Path(__file__).resolve().parents[1] / "data" / "bad" / "articles" / "good_utf8.txt"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def dump(db: Path) -> list:
    with Store(db) as s:
        return [(a.id, c.revision, c.record) for a, c in s.curated()]


def test_a_database_from_a_newer_reviewer_opens_read_only_and_says_so(tmp_path):
    db = tmp_path / "r.db"
    assert run("--db", str(db), "load-gold", "--no-extract", str(SEEDS)).exit_code == 0
    with Store(db) as s:  # what a later version would have done to the file
        s.db.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
                     " VALUES ('reviewer', 'm099_future', '2030-01-01')")
        s.db.execute("UPDATE reviewer_schema SET version = 99")
        s.db.conn.commit()
    before = dump(db)
    stats = run("--db", str(db), "stats")
    assert stats.exit_code == 0 and "Articles by status" in stats.stdout
    assert (f"note: {db} is opened read-only: it was written by a newer version of reviewer "
            "(schema 99; this one knows up to 4): update reviewer to change it") in stats.stderr
    imp = run("--db", str(db), "import", "--workers", "0", str(ARTICLE))
    assert imp.exit_code == 1
    assert f"cannot change the database {db}: it was written by a newer version" in imp.stderr
    with Store(db) as s:
        assert s.read_only
        with pytest.raises(ReadOnlyDatabase):
            s.save(before[0][0], Record(), status="done", reviewer=None, expected_revision=before[0][1])
    assert dump(db) == before


def test_a_nul_in_the_search_finds_as_if_it_were_not_there(tmp_path):
    with Store(tmp_path / "r.db") as s:
        s.add_article(make_article("Hải Dương và Bắc Giang ký kết hợp tác", "a.txt"), Record(), "v")
        assert s.count(search="Hải\x00 Dương") == s.count(search="Hải Dương") == 1
        assert len(s.queue(search="\x00")) == 1  # nothing left to search for: every article


@pytest.fixture
def small_disk(tmp_path):
    """A 3 MB file system of its own (needs root to mount; skipped otherwise)."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small file system needs root")
    mnt = tmp_path / "disk"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mnt)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def test_a_full_disk_is_said_and_the_data_can_still_be_read(small_disk):
    db = small_disk / "r.db"
    assert run("--db", str(db), "load-gold", "--no-extract", str(SEEDS)).exit_code == 0
    with open(small_disk / "filler", "wb", buffering=0) as f:  # unbuffered: closing has nothing left to write
        try:
            while True:
                f.write(b"\0" * 65536)
                f.flush()
        except OSError:
            pass
    stats = run("--db", str(db), "stats")
    assert stats.exit_code == 0 and "done                    5" in stats.stdout
    assert f"note: {db} is opened read-only: the disk holding it is full" in stats.stderr
    imp = run("--db", str(db), "import", "--workers", "0", str(ARTICLE))
    assert imp.exit_code == 1 and f"cannot change the database {db}: the disk holding it is full" in imp.stderr
    out = small_disk / "x.jsonl"
    exp = run("--db", str(db), "export", "-o", str(out))
    assert exp.exit_code == 1 and f"cannot write {out}: the disk is full" in exp.stderr
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler", "r.db", "r.db-shm", "r.db-wal"]
    os.unlink(small_disk / "filler")
    assert len(dump(db)) == 5


def test_a_read_only_database_is_named_and_still_read(small_disk):
    db = small_disk / "r.db"
    assert run("--db", str(db), "load-gold", "--no-extract", str(SEEDS)).exit_code == 0
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    stats = run("--db", str(db), "stats")
    assert stats.exit_code == 0 and "done                    5" in stats.stdout
    assert f"note: {db} is opened read-only: the file {db} is read-only" in stats.stderr
    imp = run("--db", str(db), "import", "--workers", "0", str(ARTICLE))
    assert imp.exit_code == 1
    assert f"cannot change the database {db}: the file {db} is read-only" in imp.stderr
