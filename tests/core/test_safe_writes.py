"""Export never destroys: not the database, not a special file, not an existing file unless
--force; a temporary file left by a killed export is gone after the next command."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from reviewer.cli import main
from reviewer.core.store import Store

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def db(tmp_path) -> Path:
    seeds = Path(shutil.copytree(SEEDS, tmp_path / "seeds"))
    path = tmp_path / "r.db"
    assert run("--db", str(path), "load-gold", "--no-extract", str(seeds)).exit_code == 0
    return path


def stored(db: Path) -> list:
    with Store(db) as s:
        return [(a.id, c.revision, c.record) for a, c in s.curated()]


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
def test_export_onto_the_database_is_refused_and_the_database_still_opens(db, suffix):
    before = stored(db)
    target = Path(str(db) + suffix)
    with Store(db) as s:  # keep the -wal and -shm in existence while exporting onto them
        s.db.execute("SELECT 1").fetchone()
        result = run("--db", str(db), "export", "-o", str(target), "--force")
    assert result.exit_code == 1
    assert "is the reviewer database" in result.stderr and str(target) in result.stderr
    assert stored(db) == before
    assert run("--db", str(db), "stats").exit_code == 0


def test_export_through_a_symlink_to_the_database_is_refused(db, tmp_path):
    link = tmp_path / "innocent.jsonl"
    link.symlink_to(db)
    result = run("--db", str(db), "export", "-o", str(link), "--force")
    assert result.exit_code == 1 and "is the reviewer database" in result.stderr
    assert run("--db", str(db), "stats").exit_code == 0


def test_an_existing_file_is_kept_unless_force(db, tmp_path):
    out = tmp_path / "mine.jsonl"
    out.write_text("my own notes\n", encoding="utf-8")
    result = run("--db", str(db), "export", "-o", str(out))
    assert result.exit_code == 1
    assert f"{out} already exists; use --force to replace it" in result.stderr
    assert out.read_text(encoding="utf-8") == "my own notes\n"
    assert run("--db", str(db), "export", "-o", str(out), "--force").exit_code == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 5


def test_a_symlink_to_a_file_stays_a_symlink_when_forced(db, tmp_path):
    real, link = tmp_path / "real.jsonl", tmp_path / "link.jsonl"
    real.write_text("old\n")
    link.symlink_to(real)
    assert run("--db", str(db), "export", "-o", str(link), "--force").exit_code == 0
    assert link.is_symlink() and len(real.read_text().splitlines()) == 5


def test_a_fifo_or_a_folder_is_refused_and_left_as_it_is(db, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = run("--db", str(db), "export", "-o", str(fifo), "--force")
    assert result.exit_code == 1 and "FIFO" in result.stderr and str(fifo) in result.stderr
    assert fifo.is_fifo()
    result = run("--db", str(db), "export", "-o", str(tmp_path), "--force")
    assert result.exit_code == 1 and "it is a folder" in result.stderr
    result = run("--db", str(db), "export", "-o", "/dev/null", "--force")
    assert result.exit_code == 1 and "device" in result.stderr


def test_a_temporary_file_of_a_dead_export_is_removed_by_the_next_command(db, tmp_path):
    from reviewer.core.datasets import targets

    out = tmp_path / "big.jsonl"
    # what a killed export leaves: its registered part file, and one whose entry was lost
    tmp, fd = targets.new_temp(out)
    os.write(fd, b"half")
    os.close(fd)
    dead = 2 ** 22 + 12345  # above pid_max's default: no such process
    leftover = tmp.with_name(tmp.name.replace(f".{os.getpid()}.", f".{dead}."))
    os.rename(tmp, leftover)
    (Path(os.environ["REVIEWER_STATE_DIR"]) / "parts" / targets._entry_name(tmp)).unlink()
    targets._register(leftover)
    lost = tmp_path / f".other.jsonl.{dead}.abcd.part"
    lost.mkdir()
    (lost / "x.txt").write_text("x")
    assert run("--db", str(db), "stats").exit_code == 0
    assert not leftover.exists()
    assert lost.exists()  # not registered: found when an export next writes in that folder
    assert run("--db", str(db), "export", "-o", str(tmp_path / "other.jsonl")).exit_code == 0
    assert not lost.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".part")) == []
