"""The record model: frozen dataclasses that every part of reviewer speaks.

The same types hold the machine's extraction and the curated record; each field
knows where it came from (`origin`: machine, accepted, edited, added). `to_dict`
and `from_dict` convert to and from the JSON record format (shared/RECORD_FORMAT.md).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Iterator

KINDS = ("memorandum", "agreement", "program", "other")
LEVELS = ("tỉnh", "thành phố", "huyện", "thị xã", "quận", "xã", "phường", "thị trấn")
ORIGINS = ("machine", "accepted", "edited", "added")
STATUSES = ("pending", "in_review", "done", "not_an_agreement", "skipped")
CATEGORIES = (
    "economy & investment", "agriculture", "trade", "tourism & culture",
    "education & training", "health", "environment & resources",
    "science & technology", "party & government", "defence & security",
    "social welfare", "other",
)


_new, _set = object.__new__, object.__setattr__


@dataclass(frozen=True, order=True)
class Span:
    """Half-open code-point offsets [start, end) into an article's stored text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not (isinstance(self.start, int) and isinstance(self.end, int)):
            raise TypeError(f"span offsets must be int, got {self.start!r}, {self.end!r}")
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def of(self, text: str) -> str:
        """Return the evidence this span covers in `text`."""
        return text[self.start:self.end]

    def to_list(self) -> list[int]:
        return [self.start, self.end]

    @classmethod
    def from_json(cls, start: Any, end: Any) -> "Span | None":
        """The span of two offsets read from JSON if they are what `__post_init__` accepts (ints,
        0 ≤ start ≤ end), built without `__init__`; None otherwise. Reading a stored record builds
        thousands of spans (2,000 for a 100 KB article): a third faster so."""
        if type(start) is int and type(end) is int and 0 <= start <= end:
            span = _new(cls)
            _set(span, "start", start)
            _set(span, "end", end)
            return span
        return None

    @classmethod
    def from_value(cls, value: Any) -> "Span | None":
        if value is None:
            return None
        start, end = value
        return cls(int(start), int(end))


def _span(d: dict, key: str = "span") -> Span | None:
    """The span stored under `key`, or None if there is none or it is not a valid span."""
    value = d.get(key)
    if value is None:
        return None
    if type(value) is list and len(value) == 2:  # what JSON gives
        span = Span.from_json(*value)
        if span is not None:
            return span
    try:
        return Span.from_value(value)
    except (TypeError, ValueError, OverflowError):  # OverflowError: [0, Infinity], which json.loads reads
        return None


@dataclass(frozen=True)
class Party:
    name: str
    level: str | None = None
    country: str = "Việt Nam"
    province: str | None = None  # the province it belonged to when reported
    province_2025: str | None = None  # the province it belongs to since 2025-07-01
    span: Span | None = None
    confidence: float = 1.0
    origin: str = "machine"
    unlocated: tuple[str, ...] = ()  # fields whose words were not found in the text ("name")

    def to_dict(self) -> dict:
        d: dict[str, Any] = {"name": self.name, "level": self.level, "country": self.country}
        if self.province:
            d["province"] = self.province
        if self.province_2025:
            d["province_2025"] = self.province_2025
        _extras(d, self)
        return d

    @classmethod
    def from_dict(cls, d: dict | str) -> "Party":
        if isinstance(d, str):
            return cls(name=d, origin="added")
        return cls(
            name=d.get("name") or "", level=d.get("level"), country=d.get("country") or "Việt Nam",
            province=d.get("province"), province_2025=d.get("province_2025"),
            span=_span(d), confidence=float(d.get("confidence", 1.0)),
            origin=d.get("origin", "machine") if d.get("origin") in ORIGINS else "machine",
            unlocated=_unlocated(d),
        )


@dataclass(frozen=True)
class Period:
    start: int | None = None  # "from" in JSON
    end: int | None = None  # "to" in JSON
    span: Span | None = None

    def to_dict(self) -> dict:
        return {"from": self.start, "to": self.end}

    @classmethod
    def from_dict(cls, d: dict | None, span: Span | None = None) -> "Period | None":
        if not d:
            return None
        return cls(start=d.get("from"), end=d.get("to"), span=span)


@dataclass(frozen=True)
class Commitment:
    text: str
    category: str = "other"
    giver: str | None = None
    amount: str | None = None
    span: Span | None = None
    amount_span: Span | None = None
    confidence: float = 1.0
    origin: str = "machine"
    unlocated: tuple[str, ...] = ()  # "text", "amount"

    def to_dict(self) -> dict:
        d: dict[str, Any] = {"text": self.text, "giver": self.giver, "amount": self.amount,
                             "category": self.category}
        if self.amount_span is not None:
            d["amount_span"] = self.amount_span.to_list()
        _extras(d, self)
        return d

    @classmethod
    def from_dict(cls, d: dict | str) -> "Commitment":
        if isinstance(d, str):
            return cls(text=d, origin="added")
        cat = d.get("category")
        return cls(
            text=d.get("text") or "", category=cat if cat in CATEGORIES else "other",
            giver=d.get("giver"), amount=d.get("amount"), span=_span(d),
            amount_span=_span(d, "amount_span"), confidence=float(d.get("confidence", 1.0)),
            origin=d.get("origin", "machine") if d.get("origin") in ORIGINS else "machine",
            unlocated=_unlocated(d),
        )


@dataclass(frozen=True)
class Agreement:
    kind: str = "agreement"
    parties: tuple[Party, ...] = ()
    signed_on: str | None = None
    place: str | None = None
    period: Period | None = None
    commitments: tuple[Commitment, ...] = ()
    kind_span: Span | None = None
    signed_on_span: Span | None = None
    place_span: Span | None = None
    confidence: float = 1.0
    # origin of the scalar fields (kind, signed_on, place, period)
    origins: tuple[tuple[str, str], ...] = ()
    unlocated: tuple[str, ...] = ()  # "kind", "signed_on", "place", "period"

    def origin_of(self, name: str) -> str:
        return dict(self.origins).get(name, "machine")

    def with_origin(self, name: str, origin: str) -> "Agreement":
        o = dict(self.origins)
        o[name] = origin
        return replace(self, origins=tuple(sorted(o.items())))

    def to_dict(self) -> dict:
        d: dict[str, Any] = {
            "kind": self.kind,
            "parties": [p.to_dict() for p in self.parties],
            "signed_on": self.signed_on,
            "place": self.place,
            "period": self.period.to_dict() if self.period else None,
            "commitments": [c.to_dict() for c in self.commitments],
        }
        spans = {"kind": self.kind_span, "signed_on": self.signed_on_span,
                 "place": self.place_span, "period": self.period.span if self.period else None}
        spans = {k: v.to_list() for k, v in spans.items() if v is not None}
        if spans:
            d["spans"] = spans
        if self.confidence != 1.0:
            d["confidence"] = round(self.confidence, 3)
        if self.origins:
            d["origins"] = dict(self.origins)
        if self.unlocated:
            d["unlocated"] = list(self.unlocated)
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "Agreement":
        spans = d.get("spans") or {}
        kind = d.get("kind")
        origins = d.get("origins") or {}
        return cls(
            kind=kind if kind in KINDS else "other",
            parties=tuple(Party.from_dict(p) for p in d.get("parties") or ()),
            signed_on=d.get("signed_on"),
            place=d.get("place"),
            period=Period.from_dict(d.get("period"), _span(spans, "period")),
            commitments=tuple(Commitment.from_dict(c) for c in d.get("commitments") or ()),
            kind_span=_span(spans, "kind"),
            signed_on_span=_span(spans, "signed_on"),
            place_span=_span(spans, "place"),
            confidence=float(d.get("confidence", 1.0)),
            origins=tuple(sorted((k, v) for k, v in origins.items() if v in ORIGINS)),
            unlocated=_unlocated(d),
        )


@dataclass(frozen=True)
class Record:
    """What is known about one article: its publication date and its agreements."""

    source: str | None = None
    title: str | None = None
    published: str | None = None
    published_span: Span | None = None
    agreements: tuple[Agreement, ...] = ()
    unlocated: tuple[str, ...] = ()  # "published"

    def to_dict(self) -> dict:
        d: dict[str, Any] = {"source": self.source, "title": self.title, "published": self.published}
        if self.published_span is not None:
            d["published_span"] = self.published_span.to_list()
        if self.unlocated:
            d["unlocated"] = list(self.unlocated)
        d["agreements"] = [a.to_dict() for a in self.agreements]
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "Record":
        return cls(
            source=d.get("source"), title=d.get("title"), published=d.get("published"),
            published_span=_span(d, "published_span"),
            agreements=tuple(Agreement.from_dict(a) for a in d.get("agreements") or ()),
            unlocated=_unlocated(d),
        )

    def spans(self) -> Iterator[tuple[str, Span]]:
        """Yield (field kind, span) for every located field: what the window highlights."""
        if self.published_span:
            yield "date", self.published_span
        for a in self.agreements:
            for p in a.parties:
                if p.span:
                    yield "party", p.span
            if a.signed_on_span:
                yield "date", a.signed_on_span
            if a.place_span:
                yield "place", a.place_span
            if a.period and a.period.span:
                yield "period", a.period.span
            if a.kind_span:
                yield "kind", a.kind_span
            for c in a.commitments:
                if c.span:
                    yield "commitment", c.span
                if c.amount_span:
                    yield "amount", c.amount_span


def _extras(d: dict, obj: Any) -> None:
    if obj.span is not None:
        d["span"] = obj.span.to_list()
    if obj.confidence != 1.0:
        d["confidence"] = round(obj.confidence, 3)
    if obj.origin != "machine":
        d["origin"] = obj.origin
    if obj.unlocated:
        d["unlocated"] = list(obj.unlocated)


def _unlocated(d: dict) -> tuple[str, ...]:
    """The names a record lists under "unlocated": fields whose words the text does not hold."""
    value = d.get("unlocated")
    if not value:
        return ()
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, (list, tuple)) else ()


@dataclass(frozen=True)
class Article:
    """One article after intake: the stored text (NFC, \\n line ends) and what was found in it."""

    id: str
    source: str
    text: str
    title: str | None = None
    title_span: Span | None = None
    published: str | None = None
    published_span: Span | None = None
    body_start: int = 0
    meta: dict = field(default_factory=dict, compare=False, hash=False)
