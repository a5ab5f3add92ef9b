"""Measure extraction against curated (gold) records, field by field.

The same measure as shared/tools/score.py, so an editor's curated export and the
reference gold files are scored alike: per-field precision/recall/F1 over sets
(parties, levels, kind, dates, place, period, support pledges) and a bag of tokens
for commitments.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Mapping

from ..vntext import fold

FIELDS = ("published", "agreements", "parties", "level", "kind", "signed_on", "place",
          "period", "commitments", "support")
_LEVELS = r"(tỉnh|thành phố|tp\.?|huyện|thị xã|tx\.?|quận|thị trấn|xã|phường)\s+"


def _norm(s: str | None) -> str:
    s = fold(s or "")
    return re.sub(r"\s+", " ", s).strip(" .,;:")


def _name(s: str | None) -> str:
    return re.sub("^" + _LEVELS, "", _norm(s))


def _tokens(s: str | None) -> list[str]:
    return re.findall(r"\w+", _norm(s))


def _amount(s: str) -> str:
    return re.sub(r"[^\d,]|,(?=\d{3})", "", _norm(s)) + " " + " ".join(
        w for w in _tokens(s) if not w.isdigit())


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: Iterable, pred: Iterable) -> None:
        g, p = Counter(gold), Counter(pred)
        inter = sum((g & p).values())
        self.tp += inter
        self.fp += sum(p.values()) - inter
        self.fn += sum(g.values()) - inter

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if not self.fn else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else (1.0 if not self.fp else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _parties(ags: list, with_level: bool = False) -> set:
    out = set()
    for a in ags:
        for p in a.get("parties") or []:
            nm = p.get("name") if isinstance(p, dict) else p
            lv = _norm(p.get("level")) if isinstance(p, dict) and p.get("level") else None
            out.add((_name(nm), lv) if with_level else _name(nm))
    return out


def _commitment_tokens(ags: list) -> list[str]:
    seen, out = set(), []
    for a in ags:
        for c in a.get("commitments") or []:
            t = c.get("text") if isinstance(c, dict) else c
            if _norm(t) in seen:
                continue
            seen.add(_norm(t))
            out += _tokens(t)
    return out


def _support(ags: list) -> set:
    return {(_name(c.get("giver") or ""), _amount(c["amount"]))
            for a in ags for c in a.get("commitments") or []
            if isinstance(c, dict) and c.get("amount")}


def _period(a: dict) -> tuple | None:
    p = a.get("period")
    return (p.get("from"), p.get("to")) if p else None


def score_one(scores: dict[str, PRF], gold: Mapping, pred: Mapping) -> None:
    """Add one article's comparison (record-format dicts) to `scores`."""
    ga, pa = list(gold.get("agreements") or []), list(pred.get("agreements") or [])
    scores["published"].add([gold["published"]] if gold.get("published") else [],
                            [pred["published"]] if pred.get("published") else [])
    scores["agreements"].add(["a"] * len(ga), ["a"] * len(pa))
    scores["parties"].add(_parties(ga), _parties(pa))
    scores["level"].add(_parties(ga, True), _parties(pa, True))
    for key in ("kind", "signed_on"):
        scores[key].add({a.get(key) for a in ga if a.get(key)}, {a.get(key) for a in pa if a.get(key)})
    scores["place"].add({_name(a["place"]) for a in ga if a.get("place")},
                        {_name(a["place"]) for a in pa if a.get("place")})
    scores["period"].add({_period(a) for a in ga if _period(a)}, {_period(a) for a in pa if _period(a)})
    scores["commitments"].add(_commitment_tokens(ga), _commitment_tokens(pa))
    scores["support"].add(_support(ga), _support(pa))


def score(gold: Mapping[str, Mapping], pred: Mapping[str, Mapping]) -> dict[str, PRF]:
    """Score predictions against gold records, both keyed by article; a missing prediction is empty."""
    scores = {f: PRF() for f in FIELDS}
    for key, g in gold.items():
        score_one(scores, g, pred.get(key) or {"published": None, "agreements": []})
    return scores


def overall(scores: Mapping[str, PRF]) -> float:
    """Macro mean of the field F1s (the scorer's last line)."""
    return sum(s.f1 for s in scores.values()) / len(scores)


def report(scores: Mapping[str, PRF]) -> str:
    lines = [f"{k:12s} P {s.precision:.3f}  R {s.recall:.3f}  F1 {s.f1:.3f}" for k, s in scores.items()]
    lines.append(f"overall F1 {overall(scores):.3f}")
    return "\n".join(lines)


# ---- fixes: the operations of the review window that turn a machine record into the curated one
# (the same count as shared/tools/fixes.py)
def token_f1(a: str, b: str) -> float:
    """Token F1 of two clauses (the fixes count keeps a commitment at 0.5 or more)."""
    ta, tb = _tokens(a), _tokens(b)
    inter = sum((Counter(ta) & Counter(tb)).values()) if ta and tb else 0
    if not inter:
        return 0.0
    p, r = inter / len(tb), inter / len(ta)
    return 2 * p * r / (p + r)


def _party_keys(a: Mapping) -> set[str]:
    return {_name(p["name"] if isinstance(p, dict) else p) for p in a.get("parties") or []}


def _agreement_fixes(g: Mapping, p: Mapping | None) -> int:
    if p is None:
        return (1 + len(g.get("parties") or []) + sum(1 for k in ("kind", "signed_on", "place", "period") if g.get(k))
                + len(g.get("commitments") or []))
    cost = len(_party_keys(g) ^ _party_keys(p))
    cost += sum((g.get(k) or None) != (p.get(k) or None) for k in ("kind", "signed_on", "period"))
    cost += _name(g.get("place") or "") != _name(p.get("place") or "")
    gc = [c["text"] if isinstance(c, dict) else c for c in g.get("commitments") or []]
    pc = [c["text"] if isinstance(c, dict) else c for c in p.get("commitments") or []]
    used: set[int] = set()
    for t in gc:
        best = max(((token_f1(t, u), j) for j, u in enumerate(pc) if j not in used), default=(0.0, None))
        if best[0] >= 0.5:
            used.add(best[1])
        else:
            cost += 1
    return cost + len(pc) - len(used)


def fixes(gold: Mapping, pred: Mapping) -> int:
    """How many edits an editor makes to turn `pred` into `gold` (record-format dicts)."""
    ga, pa = list(gold.get("agreements") or []), list(pred.get("agreements") or [])
    cost = int((gold.get("published") or None) != (pred.get("published") or None))
    for g in ga:  # each gold agreement pairs with the predicted one sharing most parties
        best = max(pa, key=lambda p: len(_party_keys(g) & _party_keys(p)), default=None)
        if best is not None and not _party_keys(g) & _party_keys(best):
            best = None
        if best is not None:
            pa.remove(best)
        cost += _agreement_fixes(g, best)
    return cost + len(pa)


@dataclass
class Evaluation:
    """Field scores and editing effort over a set of articles."""

    scores: dict[str, PRF]
    fixes: dict[str, int]  # article key → fixes

    @property
    def overall(self) -> float:
        return overall(self.scores)

    @property
    def no_fix(self) -> int:
        return sum(1 for v in self.fixes.values() if v == 0)

    @property
    def fixes_per_article(self) -> float:
        return sum(self.fixes.values()) / len(self.fixes) if self.fixes else 0.0

    def summary(self) -> str:
        return (f"overall F1 {self.overall:.3f}  parties F1 {self.scores['parties'].f1:.3f}  "
                f"no fix {self.no_fix}/{len(self.fixes)}  fixes/article {self.fixes_per_article:.2f}")


def evaluate(gold: Mapping[str, Mapping], pred: Mapping[str, Mapping]) -> Evaluation:
    """Scores and fixes of `pred` against `gold`, both keyed by article; a missing prediction is empty."""
    empty = {"published": None, "agreements": []}
    return Evaluation(score(gold, pred), {k: fixes(g, pred.get(k) or empty) for k, g in gold.items()})
