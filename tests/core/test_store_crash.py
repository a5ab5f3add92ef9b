"""A process killed in the middle of saving loses nothing that it reported as saved."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

from reviewer.core.intake import make_article
from reviewer.core.records import Record
from reviewer.core.store import Store

CHILD = textwrap.dedent("""
    import sys
    from reviewer.core.records import Agreement, Party, Record
    from reviewer.core.store import Store

    store = Store(sys.argv[1])
    aid = sys.argv[2]
    rev = store.record(aid).revision
    n = 0
    while True:
        n += 1
        rec = Record(agreements=(Agreement(parties=(Party(f"Bên {n}"),)),))
        rev = store.save(aid, rec, status="in_review", reviewer="child", expected_revision=rev).revision
        print(rev, n, flush=True)
""")


def test_sigkill_while_saving_keeps_every_returned_save_and_a_sound_file(tmp_path):
    path = tmp_path / "r.db"
    art = make_article("Hải Dương và Bắc Giang ký kết biên bản ghi nhớ", "a.txt")
    with Store(path) as s:
        s.add_article(art, Record(), "v")
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path), art.id],
                             stdout=subprocess.PIPE, text=True)
    reported: list[tuple[int, int]] = []
    deadline = time.monotonic() + 30
    try:
        while len(reported) < 60 and time.monotonic() < deadline:
            line = child.stdout.readline()
            if not line:
                break
            reported.append(tuple(map(int, line.split())))
        os.kill(child.pid, signal.SIGKILL)  # most likely mid-save: the loop never pauses
        child.wait(10)
        # lines the child printed before it died also count: their saves had returned
        reported += [tuple(map(int, ln.split())) for ln in child.stdout.read().splitlines() if ln.strip()]
    finally:
        if child.poll() is None:
            child.kill()
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    assert len(reported) >= 60
    with Store(path) as s:
        assert s.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        history = {h.revision: h for h in s.history(art.id)}
        for rev, n in reported:
            assert history[rev].record.agreements[0].parties[0].name == f"Bên {n}"
        current = s.record(art.id)
        assert current.revision >= reported[-1][0]
        assert current.revision == max(history)  # the record and its log agree
        assert current.record == history[current.revision].record
