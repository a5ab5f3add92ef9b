"""Killed with SIGKILL, export and import leave nothing behind: no temporary file once the next
command has run, no extraction worker still running, and a database that opens sound."""
from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reviewer.core.intake import make_article
from reviewer.core.records import Record
from reviewer.core.store import Store

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")


def cli(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "reviewer", *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def children(pid: int) -> set[int]:
    """Processes whose parent is `pid`."""
    out = set()
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                stat = (d / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.add(int(d.name))
    return out


def running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_for(check, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.005)
    return check()


def test_export_killed_ten_times_leaves_no_file_after_the_next_command(tmp_path):
    db = tmp_path / "r.db"
    text = (SEEDS / "004_59940e11ff252aed.txt").read_text(encoding="utf-8")
    with Store(db) as s, s._write():  # one transaction: 1,500 articles, ~30 MB with texts
        for n in range(1500):
            s.add_curated(make_article(f"{text}\n\nSố {n}.", f"a{n}.txt"), Record(), status="done",
                          reviewer=None, action="test")
    out = tmp_path / "out" / "all.jsonl"
    out.parent.mkdir()
    rng = random.Random(9)
    killed = 0
    for _ in range(10):
        proc = cli("--db", str(db), "export", "--with-text", "--force", "-o", str(out))
        writing = wait_for(lambda: any(p.name.endswith(".part") for p in out.parent.iterdir())
                           or proc.poll() is not None, 30)
        time.sleep(rng.uniform(0, 0.05))
        proc.send_signal(signal.SIGKILL)
        killed += proc.wait() == -signal.SIGKILL and writing
    assert killed >= 8  # most were killed in the middle of writing
    assert subprocess.run([sys.executable, "-m", "reviewer", "--db", str(db), "stats"],
                          capture_output=True).returncode == 0
    assert [p.name for p in out.parent.iterdir() if p.name != "all.jsonl"] == []
    if out.exists():  # a complete export, or none: never a partial one
        assert len(out.read_text(encoding="utf-8").splitlines()) == 1500


def test_import_killed_ten_times_leaves_no_worker_running_and_a_sound_database(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    for n in range(300):
        (folder / f"a{n:03d}.txt").write_text(f"{texts[n % 5][:2000]}\n\nSố {n}.\n", encoding="utf-8")
    db = tmp_path / "r.db"
    rng = random.Random(10)
    workers_seen = 0
    for _ in range(10):
        proc = cli("--db", str(db), "import", "--workers", "2", str(folder))
        kids: set[int] = set()

        def two_workers() -> bool:
            kids.update(children(proc.pid))
            return len(kids) >= 2 or proc.poll() is not None
        wait_for(two_workers, 30)
        time.sleep(rng.uniform(0, 0.5))
        kids.update(children(proc.pid))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        workers_seen += len(kids)
        assert wait_for(lambda: not any(running(k) for k in kids), 5), \
            f"still running after the import was killed: {[k for k in kids if running(k)]}"
    assert workers_seen >= 20
    with Store(db) as s:
        assert s.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for article, cur in s.curated():  # each stored article is whole: text, record, revision
            assert cur.revision == 1 and cur.status == "pending"
            assert s.extraction(article.id) is not None
