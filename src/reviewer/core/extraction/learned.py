"""The learned decisions of extraction, in one place.

The rules find candidates and describe them (`roles.features`); a small logistic
regression, trained on curated records, decides where hand-set thresholds do not
generalise: is this locality a signing party. Training uses scikit-learn (imported
only by `train`); applying a model is a dot product over stored weights, so the
extractor's cold start does not pay for importing scikit-learn.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Mapping, Sequence

FORMAT = "reviewer-extraction-model"
VERSION = 1


class ModelError(ValueError):
    """A model file that cannot be used, with the reason in words."""


@dataclass(frozen=True)
class Linear:
    """A logistic regression over named features."""

    names: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float = 0.5

    def probability(self, features: Mapping[str, float]) -> float:
        z = self.bias + sum(w * features.get(n, 0.0) for n, w in zip(self.names, self.weights))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def decide(self, features: Mapping[str, float]) -> bool:
        return self.probability(features) >= self.threshold

    def to_dict(self) -> dict:
        return {"features": list(self.names), "weights": [round(w, 6) for w in self.weights],
                "bias": round(self.bias, 6), "threshold": self.threshold}

    @classmethod
    def from_dict(cls, d: Mapping) -> "Linear":
        names, weights = tuple(d["features"]), tuple(float(w) for w in d["weights"])
        if len(names) != len(weights):
            raise ModelError("features and weights differ in length")
        return cls(names, weights, float(d["bias"]), float(d.get("threshold", 0.5)))


@dataclass(frozen=True)
class Model:
    """Everything the extractor learns: is this locality a signing party; is this clause a commitment."""

    party: Linear
    commitment: Linear | None = None
    trained_on: int = 0  # articles
    examples: int = 0  # candidate parties
    names: tuple[tuple[str, str], ...] = ()  # (name, country): partners the rules did not find


    def to_json(self) -> str:
        body = {"format": FORMAT, "version": VERSION, "trained_on": self.trained_on,
                "examples": self.examples, "party": self.party.to_dict()}
        if self.commitment is not None:
            body["commitment"] = self.commitment.to_dict()
        body["names"] = [list(n) for n in self.names]
        return json.dumps(body, ensure_ascii=False, indent=1)

    @classmethod
    def from_json(cls, text: str, where: str = "model") -> "Model":
        try:
            d = json.loads(text)
        except json.JSONDecodeError as e:
            raise ModelError(f"{where}: not a model file ({e.msg} at line {e.lineno})") from None
        if not isinstance(d, dict) or d.get("format") != FORMAT:
            raise ModelError(f"{where}: not a reviewer extraction model")
        if d.get("version") != VERSION:
            raise ModelError(f"{where}: model version {d.get('version')} is not {VERSION}; train it again")
        try:
            commitment = Linear.from_dict(d["commitment"]) if d.get("commitment") else None
            names = tuple((str(n), str(c)) for n, c in d.get("names") or [] if n)
            return cls(Linear.from_dict(d["party"]), commitment, int(d.get("trained_on", 0)),
                       int(d.get("examples", 0)), names)
        except (KeyError, TypeError, ValueError) as e:
            raise ModelError(f"{where}: incomplete model ({e})") from None

    def save(self, path: str | Path) -> None:
        Path(path).write_text(self.to_json() + "\n", encoding="utf-8")


BUNDLED = object()  # stands for "the model shipped with reviewer" where a model is asked for


@lru_cache(maxsize=4)
def parse(text: str) -> Model:
    """A model from its JSON text (cached: workers get the same text for every article)."""
    return Model.from_json(text)


def load(path: str | Path) -> Model:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as e:
        raise ModelError(f"{p}: cannot read the model ({e.strerror or e})") from None
    return Model.from_json(text, str(p))


@lru_cache(maxsize=1)
def bundled() -> Model | None:
    """The model shipped with reviewer (built by `make model`), or None if there is none."""
    f = resources.files("reviewer.data").joinpath("model.json")
    if not f.is_file():
        return None
    return Model.from_json(f.read_text("utf-8"), "bundled model")


def fit(rows: Sequence[Mapping[str, float]], labels: Sequence[int], names: Sequence[str]) -> Linear:
    """A logistic regression on feature dicts (scikit-learn's liblinear, L2, C=1)."""
    from sklearn.linear_model import LogisticRegression  # noqa: PLC0415 — only training pays for it

    x = [[r.get(n, 0.0) for n in names] for r in rows]
    clf = LogisticRegression(C=1.0, solver="liblinear", max_iter=1000)
    clf.fit(x, list(labels))
    return Linear(tuple(names), tuple(float(w) for w in clf.coef_[0]), float(clf.intercept_[0]))


def vocabulary(rows: Sequence[Mapping[str, float]], prefix: str = "w=", min_count: int = 2,
               size: int = 400) -> list[str]:
    """The most frequent word features (seen in at least `min_count` rows), most frequent first."""
    counts: dict[str, int] = {}
    for r in rows:
        for k in r:
            if k.startswith(prefix):
                counts[k] = counts.get(k, 0) + 1
    common = sorted((k for k, n in counts.items() if n >= min_count), key=lambda k: (-counts[k], k))
    return common[:size]


def train(parties: Iterable[tuple[Mapping[str, float], int]],
          clauses: Iterable[tuple[Mapping[str, float], int]] = (), articles: int = 0,
          names: Iterable[tuple[str, str]] = ()) -> Model:
    """A model from (features, is-a-party) and (features, is-a-commitment) examples, and the
    (name, country) of curated parties that no rule found."""
    from .clauses import FACTS  # noqa: PLC0415
    from .roles import FEATURES  # noqa: PLC0415

    rows, labels = _columns(parties)
    crow, clab = _columns(clauses)
    # a decision the records cannot teach (a handful of articles, all alike) keeps the bundled one,
    # else follows the rules
    fallback = bundled()
    if len(set(labels)) == 2:
        party = fit(rows, labels, FEATURES)
    else:
        party = fallback.party if fallback else Linear(("rule_chosen",), (10.0,), -5.0)
    if len(set(clab)) == 2:
        commitment = fit(crow, clab, list(FACTS) + vocabulary(crow))
    else:
        commitment = fallback.commitment if fallback else None
    return Model(party, commitment, trained_on=articles, examples=len(rows), names=tuple(sorted(set(names))))


def _columns(examples: Iterable[tuple[Mapping[str, float], int]]) -> tuple[list, list[int]]:
    rows, labels = [], []
    for f, y in examples:
        rows.append(f)
        labels.append(int(y))
    return rows, labels
