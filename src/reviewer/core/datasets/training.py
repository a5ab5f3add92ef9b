"""Train the extractor's model from curated records, and measure it honestly.

Curated records come from gold folders, curated JSON Lines exports or a database's done
records. Each article is run through the rules once, collecting every candidate party
with its features; a candidate is a positive example when the curated record names it.
`cross_validate` splits by article: each fold is extracted by a model trained on the
other folds only, beside the rules alone.
"""
from __future__ import annotations

import random
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from ..extraction import extract
from ..extraction.learned import Model, ModelError, train as fit_model
from ..intake import IntakeError
from ..extraction.gazetteer import load as load_gazetteer
from ..extraction.localities import Mention
from ..records import Article, Commitment, Record
from .evaluate import Evaluation, _name, evaluate, token_f1
from .gold import GOLD_SUFFIX, Curated, Loaded, gold_files, read_export, read_gold

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Example:
    """One curated article: its text, its curated record, and the candidates the rules saw."""

    key: str  # the source file's stem, or the article id
    article: Article
    record: Record
    candidates: tuple[tuple[dict[str, float], int], ...]  # (features, is a party)
    clauses: tuple[tuple[dict[str, float], int], ...] = ()  # (features, is a commitment)
    unseen: tuple[tuple[str, str], ...] = ()  # (name, country) of curated parties no rule found


def read_curated(paths: Iterable[str | Path], failures: list[str] | None = None) -> list[Curated]:
    """Curated records from gold folders, gold files and curated exports; unreadable ones are
    listed in `failures` (file and reason) and skipped."""
    items: list[Curated] = []
    with tempfile.TemporaryDirectory(prefix="reviewer-train-") as tmp:
        store = None
        for p in gold_files(paths):
            if p.name.endswith(GOLD_SUFFIX):
                try:
                    items.append(read_gold(p))
                except (IntakeError, OSError, ValueError) as e:
                    if failures is not None:
                        failures.append(f"{p}: {e}")
                continue
            if store is None:
                from ..store import Store  # noqa: PLC0415

                store = Store(Path(tmp) / "scratch.db")
            for item in read_export(p, store):
                if isinstance(item, Loaded):
                    if failures is not None:
                        failures.append(f"{item.source}: {item.reason}")
                elif item.status == "done":
                    items.append(item)
        if store is not None:
            store.close()
    return items


def _key(article: Article) -> str:
    name = Path(article.source or "").name
    for suffix in (".txt", ".html", ".htm", ".json"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name or article.id


def example(article: Article, record: Record, key: str | None = None) -> Example:
    """Run the rules over one curated article and label every candidate party."""
    trace: list = []
    extract(article, model=None, trace=trace)
    parties = {_name(p.name) for a in record.agreements for p in a.parties}
    agreed = [c.text for a in record.agreements for c in a.commitments]
    cands = tuple((f, int(_name(x.name) in parties)) for x, f in trace if isinstance(x, Mention))
    clauses = tuple((f, int(any(token_f1(g, x.text) >= 0.5 for g in agreed)))
                    for x, f in trace if isinstance(x, Commitment))
    found = {_name(x.name) for x, _ in trace if isinstance(x, Mention)}
    unseen = tuple((p.name, p.country or "Việt Nam") for a in record.agreements for p in a.parties
                   if _name(p.name) not in found and len(p.name) >= 3 and p.name in article.text
                   and not load_gazetteer().lookup(p.name))
    return Example(key or _key(article), article, record, cands, clauses, unseen)


def examples(items: Iterable[Curated | tuple[Article, Record]], progress: Progress | None = None) -> list[Example]:
    items = list(items)
    out = []
    for i, item in enumerate(items):
        article, record = (item.article, item.record) if isinstance(item, Curated) else item
        out.append(example(article, record))
        if progress:
            progress(i + 1, len(items))
    return _unique_keys(out)


def _unique_keys(exs: list[Example]) -> list[Example]:
    seen: dict[str, int] = {}
    out = []
    for e in exs:
        n = seen.get(e.key, 0)
        seen[e.key] = n + 1
        out.append(e if not n else Example(f"{e.key}#{n + 1}", e.article, e.record, e.candidates, e.clauses,
                                                   e.unseen))
    return out


def train(exs: Iterable[Example]) -> Model:
    """A model from curated examples. Raises ModelError when there is nothing to learn."""
    exs = list(exs)
    if not exs:
        raise ModelError("no curated records to train on")
    return fit_model([c for e in exs for c in e.candidates], [c for e in exs for c in e.clauses],
                     articles=len(exs), names=[n for e in exs for n in e.unseen])


def predict(exs: Iterable[Example], model: Model | None) -> dict[str, dict]:
    """The extraction of each example's article as a record-format dict, keyed like `gold(exs)`."""
    return {e.key: extract(e.article, model=model).to_dict() for e in exs}


def gold(exs: Iterable[Example]) -> dict[str, dict]:
    return {e.key: e.record.to_dict() for e in exs}


def folds(exs: list[Example], k: int, seed: int = 0) -> list[list[Example]]:
    """`k` folds by article, shuffled reproducibly."""
    if k < 2:
        raise ValueError("cross-validation needs at least 2 folds")
    if k > len(exs):
        raise ValueError(f"{k} folds but only {len(exs)} articles")
    order = sorted(exs, key=lambda e: e.key)
    random.Random(seed).shuffle(order)
    return [order[i::k] for i in range(k)]


@dataclass(frozen=True)
class CrossValidation:
    rules: Evaluation  # the rules alone, on every article
    learned: Evaluation  # each fold extracted by a model trained on the others
    k: int


def cross_validate(exs: list[Example], k: int = 5, seed: int = 0, progress: Progress | None = None,
                   also: list[Example] | None = None) -> CrossValidation:
    """K-fold evaluation of the learned layer, with the rules-only line beside it. `also` are
    curated examples added to every fold's training and never scored (e.g. synthetic articles)."""
    parts = folds(exs, k, seed)
    learned: dict[str, dict] = {}
    for i, test in enumerate(parts):
        model = train([e for j, part in enumerate(parts) if j != i for e in part] + list(also or []))
        learned.update(predict(test, model))
        if progress:
            progress(i + 1, k)
    g = gold(exs)
    return CrossValidation(evaluate(g, predict(exs, None)), evaluate(g, learned), k)


def measure(exs: list[Example], model: Model | None) -> Evaluation:
    return evaluate(gold(exs), predict(exs, model))


def pairs(store_items: Iterable[tuple[Article, object]]) -> list[tuple[Article, Record]]:
    """(article, record) from a store's curated rows (anything with a `.record`)."""
    return [(a, c.record) for a, c in store_items]
