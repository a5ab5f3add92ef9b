"""Curated fields loaded from gold files are anchored to the words they were read from."""
from __future__ import annotations

import json
import re
from pathlib import Path

import sqlite_utils

from reviewer.core.datasets import gold
from reviewer.core.datasets.anchor import anchor
from reviewer.core.extraction import EXTRACTOR_VERSION, extract
from reviewer.core.intake import make_article
from reviewer.core.records import Agreement, Commitment, Party, Period, Record
from reviewer.core.store import Store
from reviewer.core.vntext import name_key

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

TEXT = ("Hai huyện kết nghĩa\n\n"
        "Năm ngoái, huyện Hậu Lộc đã đón đoàn công tác của huyện Lang Chánh để phát triển du lịch.\n\n"
        "Chiều 25/3, tại huyện Hậu Lộc, huyện Hậu Lộc và huyện Lang Chánh ký kết chương trình hợp tác "
        "đến năm 2025. Hai bên sẽ hợp tác phát triển nông nghiệp, phát triển du lịch cộng đồng; "
        "phát triển du lịch.")


def at(text: str, span) -> str:
    return text[span.start:span.end]


def gold_record() -> Record:
    return Record(agreements=(Agreement(
        kind="program", parties=(Party("Hậu Lộc", "huyện"), Party("Lang Chánh", "huyện")),
        signed_on="--03-25", place="Hậu Lộc", period=Period(None, 2025),
        commitments=(Commitment("hợp tác phát triển nông nghiệp, phát triển du lịch cộng đồng"),
                     Commitment("phát triển du lịch"))),))


def test_without_a_machine_record_fields_land_in_the_signing_sentence():
    art = make_article(TEXT, "a.txt")
    rec = anchor(art, gold_record())
    [a] = rec.agreements
    signing = art.text.index("Chiều 25/3")
    # the parties' first mentions are in last year's visit; the signing sentence names them again
    assert [(at(art.text, p.span), p.span.start > signing) for p in a.parties] == [
        ("Hậu Lộc", True), ("Lang Chánh", True)]
    assert at(art.text, a.signed_on_span) == "25/3"  # "--03-25" is read from "Chiều 25/3"
    assert at(art.text, a.period.span) == "đến năm 2025"
    assert at(art.text, a.kind_span) == "chương trình hợp tác"
    assert a.place_span.start > signing and a.place_span not in [p.span for p in a.parties]
    long, short = a.commitments
    # the short commitment is also inside the long one: it takes its own occurrence
    assert at(art.text, short.span) == "phát triển du lịch"
    assert short.span.start >= long.span.end
    assert not rec.unlocated and not a.unlocated and not any(p.unlocated for p in a.parties)


def test_a_field_whose_words_are_not_in_the_text_is_marked_and_keeps_no_span():
    art = make_article(TEXT, "a.txt")
    rec = Record(published="2024-01-02", agreements=(Agreement(
        parties=(Party("Hậu Lộc"), Party("Bỉm Sơn")), signed_on="2023-11-30",
        commitments=(Commitment("xây dựng cầu", amount="5 tỷ đồng"),)),))
    got = anchor(art, rec)
    [a] = got.agreements
    assert got.unlocated == ("published",) and got.published_span is None
    assert a.parties[0].span and a.parties[1].span is None and a.parties[1].unlocated == ("name",)
    assert "signed_on" in a.unlocated and a.commitments[0].unlocated == ("text", "amount")
    again = Record.from_dict(json.loads(json.dumps(got.to_dict())))
    assert again == got  # the marks survive the record format


def test_seeds_loaded_as_gold_get_every_field_anchored_and_the_machine_span_where_values_agree(tmp_path):
    with Store(tmp_path / "r.db") as store:
        results = gold.load(store, [SEEDS], extract=extract, extractor_version=EXTRACTOR_VERSION)
        assert {r.outcome for r in results} == {"added"}
        n_fields = same_as_machine = 0
        for art, cur in store.curated():
            machine = store.extraction(art.id)
            rec = cur.record
            assert not rec.unlocated
            if rec.published:
                assert rec.published_span is not None
            for a, m in zip(rec.agreements, machine.agreements):
                assert not a.unlocated and a.signed_on_span and a.kind_span
                assert (a.place is None) == (a.place_span is None)
                assert (a.period is None) or a.period.span
                for p in a.parties:
                    assert name_key(at(art.text, p.span)) == name_key(p.name)
                    n_fields += 1
                    same_as_machine += any(q.span == p.span for q in m.parties)
                for c in a.commitments:
                    assert re.sub(r"\s+", " ", at(art.text, c.span)) == re.sub(r"\s+", " ", c.text)
                    assert not c.amount or at(art.text, c.amount_span) == c.amount
                if a.signed_on == m.signed_on:
                    assert a.signed_on_span == m.signed_on_span
        assert same_as_machine == n_fields == 12  # the extractor agrees on every seed party
        # loading the same files again changes nothing
        assert {r.outcome for r in gold.load(store, [SEEDS], extract=extract)} == {"unchanged"}


def test_the_upgrade_anchors_records_stored_before_and_leaves_machine_records_alone(tmp_path):
    from reviewer.core.store.db import MIGRATIONS

    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    MIGRATIONS.apply(db, stop_before="m005_anchor_curated_spans")
    db.close()
    with Store(path) as store:
        store.db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm005_anchor_curated_spans'")
        art = make_article(TEXT, "a.txt")
        store.add_curated(art, gold_record(), status="done", reviewer="lan", action="load-gold")
        other = make_article("Tin khác\n\nTỉnh Hải Dương và tỉnh Bắc Giang ký kết biên bản ghi nhớ.", "b.txt")
        store.add_article(other, extract(other), EXTRACTOR_VERSION)
        before = store.record(other.id)
        assert store.record(art.id).record.agreements[0].parties[0].span is None
    with Store(path) as store:  # opening the file runs the upgrade
        cur = store.record(art.id)
        assert (cur.revision, cur.status, cur.reviewer) == (2, "done", "lan")
        assert [p.span is not None for p in cur.record.agreements[0].parties] == [True, True]
        assert cur.record.agreements[0].signed_on == "--03-25"  # values are untouched
        assert [r.action for r in store.history(art.id)] == ["load-gold", "anchor-spans"]
        assert store.record(other.id) == before


def test_a_one_year_period_is_found_by_its_year_in_the_signing_sentence():
    text = "Hai xã ký quy chế\n\nNăm 2022, hai xã tuần tra chung. Xã A và xã B ký kết quy chế phối hợp năm 2023."
    art = make_article(text, "q.txt")
    rec = anchor(art, Record(agreements=(Agreement(kind="other", parties=(Party("A"), Party("B")),
                                                  period=Period(2023, 2023)),)))
    [a] = rec.agreements
    assert at(art.text, a.period.span) == "năm 2023" and "period" not in a.unlocated
