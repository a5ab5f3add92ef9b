"""Several processes on one database, as SQLite means it: a write waits for the lock instead of
failing at once, and any number of processes may create a new file together."""
from __future__ import annotations

import multiprocessing
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from reviewer.core.intake import make_article
from reviewer.core.records import Record
from reviewer.core.store import Store
from reviewer.core.store.db import MIGRATIONS

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _open(path: str, go, out) -> None:
    go.wait()
    try:
        with Store(path) as s:
            s.count()
        out.put("ok")
    except Exception as e:  # reported to the test, which names it
        out.put(f"{type(e).__name__}: {e}")


def test_fifty_processes_opening_one_new_database_at_once_all_succeed(tmp_path):
    ctx = multiprocessing.get_context("fork")
    go, out = ctx.Event(), ctx.Queue()
    path = str(tmp_path / "new.db")
    procs = [ctx.Process(target=_open, args=(path, go, out)) for _ in range(50)]
    for p in procs:
        p.start()
    go.set()
    results = [out.get(timeout=60) for _ in procs]
    for p in procs:
        p.join(10)
    assert results == ["ok"] * 50
    with Store(path) as s:
        names = [r[0] for r in s.db.execute("SELECT name FROM _sqlite_migrations")]
    assert names == [m.name for m in MIGRATIONS._migrations]  # each applied once


SAVER = textwrap.dedent("""
    import sys, time
    from reviewer.core.records import Agreement, Party, Record
    from reviewer.core.store import Store

    store = Store(sys.argv[1])
    aid, stop = sys.argv[2], sys.argv[3]
    rev = store.record(aid).revision
    n = 0
    import os
    while not os.path.exists(stop):
        n += 1
        rec = Record(agreements=(Agreement(parties=(Party(f"Bên {n}"),)),))
        rev = store.save(aid, rec, status="in_review", reviewer="saver", expected_revision=rev).revision
        time.sleep(0.005)  # back-to-back saves, faster than any hand: the others still get turns
    print(n, flush=True)
""")


def test_import_and_load_gold_succeed_beside_a_process_saving_continuously(tmp_path):
    """One process saves one record in a loop; meanwhile `import` of 200 articles and
    `load-gold` of 200 gold files store everything without an error."""
    db = tmp_path / "r.db"
    first = make_article("Hải Dương và Bắc Giang ký kết biên bản ghi nhớ hợp tác", "busy.txt")
    with Store(db) as s:
        s.add_article(first, Record(), "v")
    seed_txt = sorted(SEEDS.glob("*.txt"))
    articles, golds = tmp_path / "articles", tmp_path / "golds"
    articles.mkdir()
    golds.mkdir()
    for n in range(200):  # short articles, each its own text (and id)
        src = seed_txt[n % len(seed_txt)].read_text(encoding="utf-8")[:1500]
        (articles / f"a{n:03d}.txt").write_text(f"{src}\n\nBản tin số {n}.\n", encoding="utf-8")
        gold = seed_txt[n % len(seed_txt)]
        (golds / f"g{n:03d}.txt").write_text(gold.read_text(encoding="utf-8") + f"\n\nSố {n}.\n",
                                             encoding="utf-8")
        (golds / f"g{n:03d}.gold.json").write_bytes(gold.with_name(gold.stem + ".gold.json").read_bytes())
    stop = tmp_path / "stop"
    saver = subprocess.Popen([sys.executable, "-c", SAVER, str(db), first.id, str(stop)],
                             stdout=subprocess.PIPE, text=True)
    try:
        time.sleep(0.5)  # the saver is running
        started = time.monotonic()
        imp = subprocess.run([sys.executable, "-m", "reviewer", "--db", str(db), "import",
                              "--workers", "0", str(articles)], capture_output=True, text=True, timeout=120)
        gold = subprocess.run([sys.executable, "-m", "reviewer", "--db", str(db), "load-gold",
                               "--no-extract", str(golds)], capture_output=True, text=True, timeout=120)
        took = time.monotonic() - started
        assert saver.poll() is None, "the saver stopped early"
    finally:
        stop.touch()
        saves = int(saver.communicate(timeout=30)[0] or 0)
    assert saver.returncode == 0
    assert imp.returncode == 0, imp.stderr
    assert "200 article(s) imported" in imp.stderr
    assert gold.returncode == 0, gold.stderr
    assert "200 added" in gold.stderr
    with Store(db) as s:
        assert s.count() == 401
        assert s.record(first.id).revision == saves + 1  # every save of the saver is there
    assert saves > 50, f"the saver saved only {saves} times in {took:.1f} s"
