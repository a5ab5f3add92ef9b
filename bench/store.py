"""Benchmark the curated store (not a test): import, save, export, search, size.

    .venv/bin/python bench/store.py [--import-count 10000] [--big-count 100000] [--dir DIR]

Articles are synthesised from seeds/ and the dev corpus by recombining paragraphs (seeded
random, so every run builds the same set); each gets a unique numbered line so ids differ.
Prints every figure with how it was measured.
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

from reviewer.core.datasets import export as ex  # noqa: E402
from reviewer.core.extraction import EXTRACTOR_VERSION  # noqa: E402
from reviewer.core.store.importer import import_paths  # noqa: E402
from reviewer.core.intake import decode, make_article  # noqa: E402
from reviewer.core.records import Agreement, Commitment, Party, Period, Record  # noqa: E402
from reviewer.core.store import Store  # noqa: E402

SOURCES = [ROOT / "seeds", Path("/work/shared/corpus/dev")]


def paragraphs() -> tuple[list[str], list[str]]:
    """(title lines, body paragraphs) from every source text."""
    titles, paras = [], []
    for folder in SOURCES:
        for path in sorted(folder.glob("*.txt")):
            text = decode(path.read_bytes(), str(path))
            blocks = [b.strip() for b in text.split("\n\n") if b.strip()]
            titles += [b.split("\n")[0] for b in blocks[:3] if 20 < len(b.split("\n")[0]) < 200]
            paras += [b for b in blocks if len(b) > 80]
    return titles, paras


def synthesise(n: int, seed: int = 0) -> list[dict]:
    """n articles as JSON Lines objects: a title, a date line, 4–10 recombined paragraphs."""
    titles, paras = paragraphs()
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        body = "\n\n".join(rnd.sample(paras, rnd.randint(4, 10)))
        year = rnd.randint(2010, 2024)
        out.append({"source": f"synthetic/{i:06d}.txt", "title": f"{rnd.choice(titles)} ({i})",
                    "text": f"Thứ hai, {rnd.randint(1, 28)}/{rnd.randint(1, 12)}/{year} 10:00\n\n{body}\n\nBài số {i}."})
    return out


def write_jsonl(objs: list[dict], path: Path) -> None:
    with path.open("w", encoding="utf-8") as f:
        for o in objs:
            f.write(json.dumps(o, ensure_ascii=False) + "\n")


def reviewed(n: int) -> Record:
    return Record(published="2019-10-05", agreements=(Agreement(
        kind="memorandum", parties=(Party("Hải Dương", "tỉnh"), Party("Bắc Giang", "tỉnh")),
        signed_on="2019-10-05", place="Chí Linh", period=Period(2020, 2025),
        commitments=tuple(Commitment(f"Hợp tác số {k} về giao thông, nông nghiệp và du lịch", origin="edited")
                          for k in range(n % 5 + 1))),))


def bench_import(work: Path, count: int) -> None:
    src = work / "import.jsonl"
    write_jsonl(synthesise(count, seed=1), src)
    mb = src.stat().st_size / 1e6
    for workers in (1, 2):
        db = work / f"import-{workers}.db"
        with Store(db) as store:
            t = time.perf_counter()
            summary = import_paths(store, [src], workers=workers)
            dt = time.perf_counter() - t
        assert summary.imported == count, summary
        print(f"import {count:,} articles ({mb:.1f} MB JSON Lines), {workers} worker process(es), "
              f"extractor {EXTRACTOR_VERSION}, one transaction per article: "
              f"{dt:.1f} s = {count / dt:,.0f} articles/s")


def fill(store: Store, count: int) -> None:
    """Bulk-fill through the Store API (batches of 2,000 articles per transaction); every record
    has one agreement with 1–5 commitments, like a reviewed one."""
    objs = synthesise(count, seed=2)
    t = time.perf_counter()
    for start in range(0, count, 2000):
        with store.db.atomic():
            for i, o in enumerate(objs[start:start + 2000], start):
                art = make_article(o["text"], o["source"], o["title"])
                store.add_article(art, reviewed(i), "bench")
    dt = time.perf_counter() - t
    print(f"fill {count:,} articles through Store.add_article (2,000 per transaction, FTS triggers "
          f"on): {dt:.1f} s = {count / dt:,.0f} articles/s")


def bench_save(store: Store, saves: int = 1000) -> None:
    ids = [r.id for r in store.queue(limit=saves)]
    times = []
    for n, aid in enumerate(ids):
        cur = store.record(aid)
        t = time.perf_counter()
        store.save(aid, reviewed(n), status="done", reviewer="bench", expected_revision=cur.revision)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    print(f"save one reviewed record (compare-and-set + revision row, synchronous=FULL, WAL), "
          f"{len(times):,} saves on a {store.count():,}-article DB: median {statistics.median(times):.2f} ms, "
          f"p99 {times[int(len(times) * 0.99)]:.2f} ms")


def bench_export(store: Store, work: Path) -> None:
    total = store.count()
    for fmt in ("jsonl", "csv"):
        t = time.perf_counter()
        items = (ex.Item(a, c.record, c.status) for a, c in store.curated())
        ex.export(items, fmt, work / f"all.{fmt}")
        dt = time.perf_counter() - t
        print(f"export {total:,} records as {fmt} to a file: {dt:.1f} s = {total / dt:,.0f} records/s "
              f"({(work / f'all.{fmt}').stat().st_size / 1e6:.0f} MB)")


def bench_search(store: Store) -> None:
    queries = ["Thanh Hóa", "thanh hoa", "kết nghĩa", "Hải Dương Bắc Giang", "biên bản ghi nhớ",
               "du lịch", "Lào", "Quảng Ng"]
    page, counts = [], []
    for _ in range(5):
        for q in queries:
            t = time.perf_counter()
            store.queue(search=q, limit=200)
            page.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            store.count(search=q)
            counts.append((time.perf_counter() - t) * 1000)
    print(f"FTS5 search over {store.count():,} articles, {len(queries)} queries × 5: first page of 200 "
          f"median {statistics.median(page):.1f} ms (max {max(page):.1f}); count of all matches "
          f"median {statistics.median(counts):.1f} ms (max {max(counts):.1f})")


def bench_size(store: Store) -> None:
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = store.path.stat().st_size
    n = store.count()
    text = store.db.execute("SELECT sum(length(text)) FROM articles").fetchone()[0]
    print(f"database size: {size / 1e6:,.0f} MB for {n:,} articles = {size / n / 1024:.1f} KB per article "
          f"(average text {text / n / 1024:.1f} K characters; includes FTS index, records, revisions)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--import-count", type=int, default=10_000)
    ap.add_argument("--big-count", type=int, default=100_000)
    ap.add_argument("--dir", type=Path, default=None, help="work folder (default: a temporary one)")
    args = ap.parse_args()
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        work = Path(tmp)
        bench_import(work, args.import_count)
        with Store(work / "big.db") as store:
            fill(store, args.big_count)
            bench_search(store)
            bench_save(store)
            bench_export(store, work)
            bench_size(store)


if __name__ == "__main__":
    main()
