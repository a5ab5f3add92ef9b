"""Figures about the curated dataset: progress by status and reviewer, agreements by year and
category, frequent partner pairs, and the extractor's accuracy against the done records."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import combinations

from .evaluate import FIELDS, PRF, evaluate, overall
from ..store import Store
from ..vntext import name_key


@dataclass(frozen=True)
class Stats:
    by_status: dict[str, int]
    by_reviewer: dict[str | None, dict[str, int]]
    by_year: dict[str, int]  # agreements in done records per signing (or publication) year
    by_category: dict[str, int]  # agreements in done records with a commitment of that category
    pairs: list[tuple[str, str, int]]  # most frequent partner pairs in done records
    accuracy: dict[str, PRF]  # extraction vs curated, done records that have an extraction
    scored: int  # done records compared
    unscored: int  # done records without a stored extraction
    fixes: dict[str, int] | None = None  # edits the editor made per compared record (shared/tools/fixes.py)


def _year(agreement: dict, record: dict) -> str:
    for value in (agreement.get("signed_on"), record.get("published")):
        m = re.match(r"(\d{4})", value or "")
        if m:
            return m.group(1)
    return "unknown"


def compute(store: Store, top: int = 10) -> Stats:
    """Read every done record once; returns the figures."""
    years, categories, pairs = Counter(), Counter(), Counter()
    display: dict[str, str] = {}
    gold, pred, unscored = {}, {}, 0
    for aid, curated, machine in store.curated_with_extraction("done"):
        for a in curated.get("agreements") or []:
            years[_year(a, curated)] += 1
            categories.update({c.get("category") or "other" for c in a.get("commitments") or []
                               if isinstance(c, dict)})
            names = {}
            for p in a.get("parties") or []:
                name = p.get("name") if isinstance(p, dict) else p
                if name:
                    names.setdefault(name_key(name), name)
            for k in names:
                display.setdefault(k, names[k])
            pairs.update(combinations(sorted(names), 2))
        if machine is None:
            unscored += 1
        else:
            gold[aid], pred[aid] = curated, machine
    measured = evaluate(gold, pred) if gold else None
    accuracy = measured.scores if measured else {f: PRF() for f in FIELDS}
    return Stats(
        by_status=store.counts_by_status(), by_reviewer=store.counts_by_reviewer(),
        by_year=dict(sorted(years.items())), by_category=dict(categories.most_common()),
        pairs=[(display[a], display[b], n) for (a, b), n in pairs.most_common(top)],
        accuracy=accuracy, scored=len(gold), unscored=unscored, fixes=measured.fixes if measured else None)


def report(stats: Stats) -> str:
    """The figures as readable text (what `reviewer stats` prints)."""
    out = ["Articles by status:"]
    out += [f"  {s:17s} {n:7d}" for s, n in stats.by_status.items()]
    out.append(f"  {'total':17s} {sum(stats.by_status.values()):7d}")
    out.append("By last reviewer:")
    for reviewer, counts in sorted(stats.by_reviewer.items(), key=lambda kv: kv[0] or ""):
        out.append(f"  {reviewer or '(none)':17s} " + ", ".join(f"{s} {n}" for s, n in counts.items()))
    out.append("Agreements in done records, by year:")
    out += [f"  {y:17s} {n:7d}" for y, n in stats.by_year.items()] or ["  (none)"]
    out.append("Agreements in done records, by commitment category:")
    out += [f"  {c:28s} {n:7d}" for c, n in stats.by_category.items()] or ["  (none)"]
    out.append("Most frequent partner pairs:")
    out += [f"  {a} – {b}: {n}" for a, b, n in stats.pairs] or ["  (none)"]
    out.append(f"Extractor against {stats.scored} done record(s)"
               + (f" ({stats.unscored} without a stored extraction left out)" if stats.unscored else "")
               + ":")
    if stats.scored:
        out += [f"  {k:12s} P {s.precision:.3f}  R {s.recall:.3f}  F1 {s.f1:.3f}"
                for k, s in stats.accuracy.items()]
        out.append(f"  overall F1 {overall(stats.accuracy):.3f}")
        if stats.fixes:
            no_fix = sum(1 for n in stats.fixes.values() if n == 0)
            out.append(f"  articles {len(stats.fixes)}; needing no fix {no_fix}; "
                       f"fixes per article {sum(stats.fixes.values()) / len(stats.fixes):.2f}")
    else:
        out.append("  (nothing to compare yet)")
    return "\n".join(out)
