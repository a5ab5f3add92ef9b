"""Any curated record survives store → export → load → export unchanged, byte for byte.

Records enter the store anchored (load-gold and the m005 upgrade anchor them), so the test
anchors them first too."""
from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from reviewer.core.datasets import gold
from reviewer.core.datasets.anchor import anchor
from reviewer.core.datasets.export import Item, export
from reviewer.core.intake import make_article
from reviewer.core.records import (CATEGORIES, KINDS, LEVELS, STATUSES, Agreement, Commitment,
                                   Party, Period, Record, Span)
from reviewer.core.store import Store

WORDS = ["Hải Dương", "Bắc Giang", "Thanh Hóa", "Thanh Hoá", "hợp tác", "ký kết", "du lịch",
         "3 tỷ đồng", "giai đoạn", "2021-2025", "Lào", "Chí Linh", "\n", "\n\n", ";", "Ủy ban"]
TEXT = st.lists(st.sampled_from(WORDS), min_size=3, max_size=40).map(" ".join)
NAME = st.sampled_from(WORDS[:4] + WORDS[10:12])
MAYBE = lambda s: st.none() | s  # noqa: E731


@st.composite
def curated(draw):
    text = "Bài báo " + draw(TEXT)
    art = make_article(text, draw(st.sampled_from(["a.txt", "x/b.txt", "c"])))
    n = len(art.text)
    span = MAYBE(st.tuples(st.integers(0, n), st.integers(0, n)).map(lambda t: Span(min(t), max(t))))
    party = st.builds(Party, name=NAME, level=MAYBE(st.sampled_from(LEVELS)),
                      country=st.sampled_from(["Việt Nam", "Lào"]), span=span,
                      confidence=st.sampled_from([1.0, 0.5, 0.125]),
                      origin=st.sampled_from(["machine", "accepted", "edited", "added"]))
    # a record load-gold accepts: a commitment is a clause of the text (its span covers it),
    # a period runs forward
    clause = st.tuples(st.integers(0, n - 1), st.integers(1, n)).map(
        lambda t: Span(min(t), max(t[0] + 1, t[1]))).filter(lambda sp: sp.of(art.text).strip())
    commitment = clause.flatmap(lambda sp: st.builds(
        Commitment, text=st.just(sp.of(art.text)), category=st.sampled_from(CATEGORIES),
        giver=MAYBE(NAME), amount=st.none(), span=st.sampled_from([sp, None])))
    period = MAYBE(st.builds(Period, start=MAYBE(st.integers(2000, 2015)),
                             end=MAYBE(st.integers(2015, 2030)), span=span))
    agreement = st.builds(Agreement, kind=st.sampled_from(KINDS),
                          parties=st.lists(party, max_size=3).map(tuple),
                          signed_on=MAYBE(st.sampled_from(["2019-10-05", "--03-25", "2020"])),
                          place=MAYBE(NAME), period=period,
                          commitments=st.lists(commitment, max_size=3).map(tuple), place_span=span)
    record = Record(published=draw(MAYBE(st.sampled_from(["2019-10-05", "2019-10"]))),
                    published_span=draw(span), agreements=tuple(draw(st.lists(agreement, max_size=2))))
    return art, record, draw(st.sampled_from(STATUSES))


def jsonl_of(store: Store, path: Path) -> str:
    """The store's export, written beside the other (sources are relative to where it goes)."""
    export((Item(a, c.record, c.status) for a, c in store.curated()), "jsonl", path, with_text=True)
    return path.read_text(encoding="utf-8")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(items=st.lists(curated(), min_size=1, max_size=3, unique_by=lambda t: t[0].id))
def test_store_export_load_export_is_byte_identical(tmp_path_factory, items):
    folder: Path = tmp_path_factory.mktemp("rt")
    with Store(folder / "a.db") as a, Store(folder / "b.db") as b:
        items = [(art, anchor(art, record), status) for art, record, status in items]
        for art, record, status in items:
            a.add_curated(art, record, status=status, reviewer="lan", action="test")
        first = jsonl_of(a, folder / "a.jsonl")
        outcomes = gold.load(b, [folder / "a.jsonl"])
        assert {o.outcome for o in outcomes} == {"added"}
        assert jsonl_of(b, folder / "b.jsonl") == first
        for art, record, status in items:
            got = b.record(art.id)
            assert got.status == status
            assert got.record.agreements == record.agreements and got.record.published == record.published
