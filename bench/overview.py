"""Benchmark the overview and linking on a big dataset (not a test).

    .venv/bin/python bench/overview.py [--articles 100000] [--agreements 50000] [--db PATH] [--runs 5]

Builds (once; reused if --db exists) a database of N articles with done records and M agreement
entities between random localities from the gazetteer (provinces, districts, communes, foreign
provinces; signed 2005–2025, random kinds and commitment fields), each article linked to one
agreement, so every agreement has 1–3 reports. Then measures, offscreen, in fresh windows:
- open: F9 in the window (`show_overview`): read the agreements, lay out, compute the figures,
  build the panel, show the dock and paint it (`grab`);
- filter: choosing one year, and one locality, in the open overview (figures + repaint);
- propose: the proposal for one article when it is opened in the review window.
Prints every figure with how it was measured: wall-clock, and for F9 also the process's CPU time
(the machine is shared; CPU time is what an idle machine would wait).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from reviewer.core.datasets.link import party_key  # noqa: E402
from reviewer.core.extraction import gazetteer  # noqa: E402
from reviewer.core.records import CATEGORIES, KINDS, Agreement, Party, Period, Record  # noqa: E402
from reviewer.core.store import Store, now  # noqa: E402
from reviewer.core.store.agreements import ID_SEP, locality_key  # noqa: E402


def build(path: Path, n_articles: int, n_agreements: int, seed: int = 11) -> None:
    rnd = random.Random(seed)
    g = gazetteer.load()
    units = [u for u in g.units if u.era != "new"]
    provinces = [u for u in units if u.tier == 1 and u.country == "Việt Nam"]
    districts = [u for u in units if u.tier == 2]
    communes = [u for u in units if u.tier == 3]
    foreign = [u for u in units if u.country != "Việt Nam"]

    def unit():
        r = rnd.random()
        pool = provinces if r < 0.45 else districts if r < 0.75 else communes if r < 0.85 else foreign
        return rnd.choice(pool)

    at = now()
    t0 = time.perf_counter()
    with Store(path) as store:
        db = store.db
        # the FTS triggers would index every synthetic text: drop them for the build, rebuild once
        db.execute("DROP TRIGGER IF EXISTS articles_ai")
        agreements, links, articles, records, localities = [], [], [], [], {}
        for gid in range(1, n_agreements + 1):
            a, b = unit(), unit()
            while b.name == a.name:
                b = unit()
            parties = tuple(Party(u.name, level=u.level, country=u.country, province_2025=u.province_2025)
                            for u in (a, b))
            year = rnd.randint(2005, 2025)
            day = f"{year}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
            kind = rnd.choice(KINDS)
            cats = {c: rnd.randint(1, 4) for c in rnd.sample(CATEGORIES, rnd.randint(1, 4))}
            keys = []
            for p in parties:
                key = locality_key(p.name, p.country, p.province_2025)
                if key not in localities:
                    localities[key] = (len(localities) + 1, key, p.name, p.level, p.country, p.province_2025)
                keys.append(str(localities[key][0]))
            agreements.append((gid, party_key(parties),
                               json.dumps([{"name": p.name, "level": p.level, "country": p.country,
                                            "province_2025": p.province_2025} for p in parties], ensure_ascii=False),
                               kind, day, year, year, year + 5, day, json.dumps(cats), ID_SEP.join(keys),
                               0, at, at))
            agreements[-1] = agreements[-1] + (Agreement(kind=kind, parties=parties, signed_on=day,
                                                         period=Period(year, year + 5)),)
        for i in range(n_articles):
            gid = i + 1 if i < n_agreements else rnd.randint(1, n_agreements)
            ag = agreements[gid - 1][-1]
            aid = f"{i:016x}"
            record = Record(source=f"synthetic/{i:06d}.txt", title=f"Bài {i}", published=ag.signed_on,
                            agreements=(ag,))
            articles.append((i + 1, aid, record.source, record.title, f"Bài {i}: ký kết hợp tác.",
                             ag.signed_on, "{}", at))
            records.append((aid, i + 1, json.dumps(record.to_dict(), ensure_ascii=False), "done", None,
                            " – ".join(p.name for p in ag.parties), at, 1))
            links.append((aid, 0, gid, None, at))
        with db.atomic():
            db.conn.executemany("INSERT INTO articles (seq, id, source, title, text, published, layout,"
                                " imported_at) VALUES (?,?,?,?,?,?,?,?)", articles)
            db.conn.executemany("INSERT INTO records (article_id, seq, record, status, reviewer, parties,"
                                " updated_at, revision) VALUES (?,?,?,?,?,?,?,?)", records)
            db.conn.executemany("INSERT INTO agreements (id, party_key, parties, kind, signed_on, year,"
                                " period_from, period_to, published, categories, locality_ids, n_articles,"
                                " created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                                [a[:-1] for a in agreements])
            db.conn.executemany("INSERT INTO localities VALUES (?,?,?,?,?,?)", list(localities.values()))
            db.conn.executemany("INSERT INTO agreement_links (article_id, agreement_index, agreement_id,"
                                " reviewer, at) VALUES (?,?,?,?,?)", links)
            db.execute("UPDATE agreements SET n_articles = (SELECT count(*) FROM agreement_links"
                       " WHERE agreement_id = agreements.id)")
        db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')")
    print(f"built {path} ({n_articles} articles, {n_agreements} agreements) in "
          f"{time.perf_counter() - t0:.1f} s, {path.stat().st_size / 1e6:.0f} MB")


def measure(path: Path, runs: int) -> None:
    from PySide6.QtCore import QSettings

    from reviewer.core.datasets import overview as ov
    from reviewer.ui.app import build_window, make_application

    app = make_application(sys.argv[:1])
    work = Path(tempfile.mkdtemp(prefix="bench-overview-"))
    opens, cpus, years, localities, proposes, loads = [], [], [], [], [], []
    for run in range(runs):
        settings = QSettings(str(work / f"s{run}.ini"), QSettings.Format.IniFormat)
        settings.setValue("reviewer/name", "bench")
        win = build_window(path, settings)
        win.resize(1366, 768)
        win.show()
        app.processEvents()
        t = time.perf_counter()
        ov.load(win.session.store)
        loads.append(time.perf_counter() - t)
        t, c = time.perf_counter(), time.process_time()
        panel = win.linking.show_overview()
        win.linking.dock.grab()
        app.processEvents()
        opens.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c)
        t = time.perf_counter()
        panel.year_from.setCurrentIndex(panel.year_from.findData(2020))
        panel.year_to.setCurrentIndex(panel.year_to.findData(2020))
        panel.network.grab()
        years.append(time.perf_counter() - t)
        shown = panel.model.figures.agreements
        t = time.perf_counter()
        panel.locality.setCurrentIndex(panel.locality.findText("Hải Dương (Hải Phòng)"))
        panel.network.grab()
        localities.append(time.perf_counter() - t)
        aid = f"{(run * 7919) % 100000:016x}"
        t = time.perf_counter()
        win.linking.linker.propose(aid)
        proposes.append(time.perf_counter() - t)
        win.close()
        win.session.store.close()
    fmt = lambda xs: (f"median {statistics.median(xs) * 1000:.0f} ms, min {min(xs) * 1000:.0f},"  # noqa: E731
                      f" max {max(xs) * 1000:.0f} ms")
    print(f"overview over {path.name}: {runs} fresh windows, offscreen, 1366x768")
    print(f"  read agreements (overview.load):          {fmt(loads)}")
    print(f"  F9 → dock painted (load+layout+figures):  {fmt(opens)}")
    print(f"    the same in this process's CPU time:     {fmt(cpus)}  (what an idle machine would take)")
    print(f"  filter one year (2020: {shown} agreements):  {fmt(years)}")
    print(f"  filter one locality (Hải Dương):          {fmt(localities)}")
    print(f"  proposal for an opened article:           {fmt(proposes)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--agreements", type=int, default=50_000)
    ap.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "bench-overview.db")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    if not args.db.exists():
        build(args.db, args.articles, args.agreements)
    measure(args.db, args.runs)


if __name__ == "__main__":
    main()
