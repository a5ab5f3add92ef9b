"""Time grows in proportion to an article's length: time per megabyte stays flat (within 2×)
as the article doubles."""
from __future__ import annotations

import gc
import time
from pathlib import Path

import pytest

from reviewer.core.intake import decode, make_article

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT.parent / "shared" / "corpus" / "real"


def article_text(size: int) -> str:
    """`size` bytes of real articles one after another (not the held-out ones, kept unread)."""
    if not REAL.is_dir():
        pytest.skip("../shared/corpus/real is not beside the project")
    hold = {ln.strip() for ln in (ROOT / "bench" / "real_holdout.txt").read_text().splitlines()
            if ln.strip() and not ln.startswith("#")}
    body = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(REAL.glob("*.txt"))
                       if p.stem not in hold)
    text = body * (size // len(body.encode("utf-8")) + 1)
    return text.encode("utf-8")[:size].decode("utf-8", "ignore")


def per_mb(run, sizes: list[int], rounds: int = 1) -> list[float]:
    """Seconds per MB at each size: the best of `rounds`, sizes taken in turn within a round so
    that a busy moment of the shared machine slows them all alike."""
    data = [article_text(size).encode("utf-8") for size in sizes]
    best = [float("inf")] * len(sizes)
    for _ in range(rounds):
        for i, d in enumerate(data):
            gc.collect()
            gc.disable()  # a collection of the previous tests' garbage is not the run's time
            try:
                start = time.perf_counter()
                run(d)
                best[i] = min(best[i], time.perf_counter() - start)
            finally:
                gc.enable()
    return [t / (size / 2**20) for t, size in zip(best, sizes)]


def test_intake_time_per_megabyte_is_flat_from_half_a_megabyte_to_four():
    def intake(data: bytes) -> None:
        make_article(decode(data, "big.txt"), "big.txt")

    per_mb(intake, [2**16])  # warm: regular expressions compiled, pages mapped
    rates = per_mb(intake, [2**19, 2**20, 2**21, 2**22], rounds=7)
    assert max(rates) <= 2 * min(rates), [f"{r:.3f} s/MB" for r in rates]


def test_extraction_time_per_megabyte_is_flat_from_half_a_megabyte_to_four():
    """Intake and extraction of 0.5, 1, 2 and 4 MB articles (about 25 s on this machine)."""
    from reviewer.core.extraction import extract

    extract(make_article("Hải Dương và Bắc Giang ký kết hợp tác.", "warm.txt"))  # models loaded
    rates = per_mb(lambda data: extract(make_article(decode(data, "big.txt"), "big.txt")),
                   [2**19, 2**20, 2**21, 2**22])
    assert max(rates) <= 2 * min(rates), [f"{r:.1f} s/MB" for r in rates]
