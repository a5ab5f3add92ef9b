"""Benchmark: extraction throughput against underthesea.ner in the same process, and cold start.

Run: .venv/bin/python bench/extract.py
Prints chars/s of `reviewer.core.extraction.extract` (with the bundled model, and with the
rules alone) over the seeds and ../shared/corpus/dev, chars/s of `underthesea.ner` sentence
by sentence over the same text (its own sent_tokenize), their ratio, the cold start of
`reviewer extract --json` on one article (process start to first record, median of 5 runs),
and the time `reviewer train` takes on the 51 real articles with gold (seeds, dev, real).
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from reviewer.core.extraction import extract  # noqa: E402
from reviewer.core.extraction.gazetteer import load  # noqa: E402
from reviewer.core.intake import read_file  # noqa: E402


def main() -> None:
    files = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT.parent / "shared" / "corpus" / "dev").glob("*.txt"))
    articles = [read_file(p) for p in files]
    chars = sum(len(a.text) for a in articles)
    load()
    extract(articles[0])  # warm
    runs, rules = [], []
    for _ in range(5):
        t = time.perf_counter()
        for a in articles:
            extract(a)
        runs.append(time.perf_counter() - t)
        t = time.perf_counter()
        for a in articles:
            extract(a, model=None)
        rules.append(time.perf_counter() - t)
    ours = chars / statistics.median(runs)
    ours_rules = chars / statistics.median(rules)

    from underthesea import ner, sent_tokenize

    ner("Khởi động mô hình.")
    t = time.perf_counter()
    for a in articles:
        for s in sent_tokenize(a.text):
            ner(s)
    theirs = chars / (time.perf_counter() - t)

    starts = []
    one = str(files[0])
    for _ in range(5):
        t = time.perf_counter()
        subprocess.run([str(ROOT / ".venv" / "bin" / "reviewer"), "extract", "--json", one], check=True,
                       capture_output=True)
        starts.append(time.perf_counter() - t)
    shared = ROOT.parent / "shared" / "corpus"
    t = time.perf_counter()
    subprocess.run([str(ROOT / ".venv" / "bin" / "reviewer"), "train", str(ROOT / "seeds"), str(shared / "dev"),
                    str(shared / "real"), "-o", "/tmp/reviewer-bench-model.json"], check=True, capture_output=True)
    training = time.perf_counter() - t
    print(f"articles: {len(articles)}, characters: {chars}")
    print(f"extract with the bundled model: {ours:,.0f} chars/s (median of 5 passes)")
    print(f"extract, rules alone: {ours_rules:,.0f} chars/s (median of 5 passes)")
    print(f"underthesea.ner, sentence by sentence: {theirs:,.0f} chars/s")
    print(f"ratio extract / ner: {ours / theirs:.1f}x")
    print(f"cold start, reviewer extract --json on one article: {statistics.median(starts):.2f} s (median of 5)")
    print(f"reviewer train on seeds + dev + real (51 articles), whole command: {training:.2f} s")


if __name__ == "__main__":
    main()
