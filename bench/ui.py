"""Benchmark the review window: article switch, a 100,000-article queue, memory.

    .venv/bin/python bench/ui.py [--switch-only] [--queue-count 100000] [--dir DIR]

Without QT_QPA_PLATFORM (or with plain "offscreen") it runs offscreen on a 1366×768 screen (Qt's
offscreen platform would otherwise offer 800×800 and the window would be clamped to it); under a
real X server (DISPLAY=… QT_QPA_PLATFORM=xcb) the window is the same size.

Article switch = MainWindow.open_article (read article + record from SQLite, set the text, apply
every highlight, fill the editor) followed by processing events until the frame is painted: one
frame, as the editor sees it (the article's viewport must have been painted in it, or the bench
stops). It also prints the figure with a second, forced repaint of the article (how this bench
measured before 2026-12-02). The 100,000-article database is built once in DIR (through
Store.add_article, 2,000 per transaction) and reused.
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import sys
import time
from pathlib import Path

SCREEN = Path("/tmp/reviewer-bench-screen.json")
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    SCREEN.write_text('{"screens": [{"name": "bench", "x": 0, "y": 0, "width": 1366, "height": 768, '
                      '"logicalDpi": 96, "dpr": 1}]}')
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={SCREEN}"

from PySide6.QtCore import QEvent, QObject, QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from reviewer.core.intake import make_article  # noqa: E402
from reviewer.core.records import Agreement, Commitment, Party, Period, Record, Span  # noqa: E402
from reviewer.core.store import Store  # noqa: E402
from reviewer.ui.app import build_window, make_application  # noqa: E402

SEARCH = "Nghe An so 4242"  # a phrase, typed without diacritics, that one article of the queue holds
WORDS = ("hợp tác", "tỉnh", "Thanh Hóa", "Nghệ An", "phát triển", "kinh tế", "xã hội", "du lịch",
         "nông nghiệp", "giao thông", "đầu tư", "ký kết", "biên bản", "ghi nhớ", "giai đoạn", "năm")


def article_text(size: int, seed: int) -> str:
    rnd = random.Random(seed)
    lines, n = [f"Hợp tác phát triển giữa hai tỉnh số {seed}", "Thứ hai, 18/11/2019 11:59", ""], 0
    while n < size:
        line = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(12, 30))) + "."
        lines.append(line)
        n += len(line) + 1
    return "\n".join(lines)[:size]


def record_with_spans(text: str, spans: int, agreements: int) -> Record:
    """A record whose fields cover `spans` non-overlapping-ish spans spread over the text."""
    step = len(text) // (spans + 1)
    starts = iter(range(step, len(text) - 12, step))
    per = spans // agreements
    out = []
    for _a in range(agreements):
        n_party = per // 10
        n_comm = (per - n_party - 3) // 2
        parties = tuple(Party(f"Bên {k}", "tỉnh", span=Span(s, s + 8)) for k, s in zip(range(n_party), starts))
        comms = []
        for k in range(n_comm):
            s, t = next(starts), next(starts)
            comms.append(Commitment(text[s:t][:120], amount="3 tỷ đồng", span=Span(s, t), amount_span=Span(t, t + 9)))
        s1, s2, s3 = next(starts), next(starts), next(starts)
        out.append(Agreement(kind="memorandum", parties=parties, signed_on="2019-11-18",
                             signed_on_span=Span(s1, s1 + 10), place="Vinh", place_span=Span(s2, s2 + 4),
                             period=Period(2020, 2025, Span(s3, s3 + 9)), commitments=tuple(comms)))
    return Record(published="2019-11-18", agreements=tuple(out))


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class PaintCount(QObject):
    """Counts the paint events a widget receives."""

    def __init__(self, widget):
        super().__init__()
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def bench_text_alone(texts: list[str], size, app: QApplication) -> float:
    """Baseline in the same run: a bare QPlainTextEdit the size of the article view, setPlainText
    + events until painted (one frame), median ms of 40 switches between the two texts."""
    from PySide6.QtWidgets import QPlainTextEdit

    view = QPlainTextEdit()
    view.setReadOnly(True)
    view.resize(size)
    view.show()
    app.processEvents()
    painted = PaintCount(view.viewport())
    times = []
    for i in range(41):
        t = time.perf_counter()
        view.setPlainText(texts[i % 2])
        app.processEvents()
        if i:
            times.append((time.perf_counter() - t) * 1000)
    assert painted.count >= 40, "the bare text view was not painted by the event loop"
    view.close()
    return statistics.median(times)


def bench_switch(work: Path, app: QApplication) -> None:
    db = work / "switch.db"
    db.unlink(missing_ok=True)
    cases = [("10 KB / 200 spans", 10_000, 200, 1), ("100 KB / 2,000 spans", 100_000, 2_000, 10)]
    ids, texts = {}, {}
    with Store(db) as store:
        for label, size, spans, agreements in cases:
            pair = []
            for seed in (1, 2):
                art = make_article(article_text(size, seed + size), f"bench/{size}-{seed}.txt")
                rec = record_with_spans(art.text, spans, agreements)
                store.add_article(art, rec, "bench")
                pair.append((art.id, sum(1 for _ in rec.spans())))
                texts.setdefault(label, []).append(art.text)
            ids[label] = pair
    settings = QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("reviewer/name", "bench")
    win = build_window(db, settings)
    win.resize(1366, 768)
    win.show()
    app.processEvents()
    print(f"window {win.width()}×{win.height()}, article view {win.article_view.width()}×{win.article_view.height()}")
    for label, pair in ids.items():
        times, frame, forced, missed = [], [], [], 0
        painted = PaintCount(win.article_view.viewport())
        for i in range(41):
            aid, nspans = pair[i % 2]
            before = painted.count
            t = time.perf_counter()
            win.open_article(aid)
            t1 = time.perf_counter()
            app.processEvents()
            t2 = time.perf_counter()
            missed += painted.count == before
            win.article_view.viewport().repaint()
            t3 = time.perf_counter()
            if i:  # the first switch warms caches
                times.append((t1 - t) * 1000)
                frame.append((t2 - t) * 1000)
                forced.append((t3 - t) * 1000)
        assert not missed, f"{missed} switches ended without painting the article"
        assert len(win.article_view.highlighted()) == nspans
        base = bench_text_alone(texts[label], win.article_view.size(), app)
        med = statistics.median(frame)
        print(f"article switch {label} ({nspans} highlights, editor filled): open_article "
              f"median {statistics.median(times):.1f} ms; one frame (layout + paint) median {med:.1f} ms, "
              f"max {max(frame):.1f} ms (40 switches); with a second, forced repaint {statistics.median(forced):.1f} ms; "
              f"text alone in a bare QPlainTextEdit (baseline, same run) {base:.1f} ms: ratio {med / base:.2f}")
    win.close()
    win.session.store.close()


def bench_queue(work: Path, count: int, app: QApplication) -> None:
    db = work / f"queue-{count}.db"
    if not db.exists():
        t = time.perf_counter()
        tmp = db.with_suffix(".tmp")
        tmp.unlink(missing_ok=True)
        with Store(tmp) as store:
            for start in range(0, count, 2000):
                with store.db.atomic():
                    for i in range(start, min(count, start + 2000)):
                        art = make_article(f"Hợp tác giữa Thanh Hóa và Nghệ An số {i}\n\n"
                                           f"Thứ hai, 18/11/2019\n\nNội dung bài {i} về hợp tác phát triển.",
                                           f"bench/{i:06d}.txt")
                        store.add_article(art, Record(title=art.title, published=art.published), "bench")
        tmp.rename(db)
        print(f"(built {count:,}-article database in {time.perf_counter() - t:.0f} s: {db})")
    before = rss_mb()
    settings = QSettings(str(work / "settings-q.ini"), QSettings.Format.IniFormat)
    settings.setValue("reviewer/name", "bench")
    t = time.perf_counter()
    win = build_window(db, settings)
    win.resize(1366, 768)
    win.show()
    win.start()
    app.processEvents()
    win.queue_view.viewport().repaint()
    shown = time.perf_counter() - t
    assert win.queue_model.total() == count
    t = time.perf_counter()
    win.queue_view.scrollToBottom()  # fetches the next page, as scrolling does
    app.processEvents()
    scroll = (time.perf_counter() - t) * 1000
    t = time.perf_counter()
    win.search_edit.setText(SEARCH)
    win.apply_filter()
    app.processEvents()
    search = (time.perf_counter() - t) * 1000
    print(f"window open on a {count:,}-article queue (count, first page, first article, painted): "
          f"{shown * 1000:.0f} ms; scroll to the end of the loaded rows: {scroll:.0f} ms; "
          f"FTS phrase search '{SEARCH}' ({win.queue_model.total()} hits): {search:.0f} ms")
    print(f"resident memory with that queue open: {rss_mb():.0f} MB (process before opening it: {before:.0f} MB)")
    win.search_edit.setText("")
    win.queue_panel._search_timer.stop()
    win.apply_filter()
    t = time.perf_counter()
    while win.queue_model.canFetchMore():  # what dragging the scroll bar to the very end does
        win.queue_model.fetchMore()
    rows = win.queue_model.rowCount()
    app.processEvents()
    print(f"fetch all {rows:,} rows page by page (Store.queue, keyset after the last seq): {time.perf_counter() - t:.1f} s; "
          f"resident memory then: {rss_mb():.0f} MB")
    win.close()
    win.session.store.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--queue-count", type=int, default=100_000)
    ap.add_argument("--dir", type=Path, default=Path("/tmp/reviewer-bench-ui"))
    ap.add_argument("--switch-only", action="store_true", help="skip the 100,000-article queue")
    args = ap.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    app = make_application(sys.argv[:1])
    import PySide6

    print(f"PySide6 {PySide6.__version__}, Python {sys.version.split()[0]}, "
          f"platform {app.platformName()}, {os.cpu_count()} cores")
    bench_switch(args.dir, app)
    if not args.switch_only:
        bench_queue(args.dir, args.queue_count, app)


if __name__ == "__main__":
    main()
