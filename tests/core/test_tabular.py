"""Spreadsheet and spans exports as a spreadsheet, pandas or spaCy user reads them."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from reviewer.cli import main
from reviewer.core.datasets.bio import LABELS

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def run(*args: str) -> None:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    """The seeds as gold plus one article judged not an agreement, exported each way."""
    d = tmp_path_factory.mktemp("tab")
    (d / "none.txt").write_text("Hai tỉnh gặp mặt\n\nHai tỉnh trao đổi kinh nghiệm, chưa ký văn bản nào.",
                                encoding="utf-8")
    (d / "none.jsonl").write_text(json.dumps({"source": str(d / "none.txt"), "status": "not_an_agreement",
                                              "published": None, "agreements": []}) + "\n", encoding="utf-8")
    db = str(d / "r.db")
    run("--db", db, "load-gold", "--no-extract", str(SEEDS), str(d / "none.jsonl"))
    for fmt, name in (("csv", "a.csv"), ("xlsx", "a.xlsx"), ("spans", "a.spans.jsonl")):
        run("--db", db, "export", "--format", fmt, "-o", str(d / name))
    return d


def csv_rows(out: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO((out / "a.csv").read_text(encoding="utf-8-sig"))))


def numeric(value: str) -> bool:
    try:
        float(value)  # what pandas and a spreadsheet try: "9568e70410408427" is 9568 × 10^70410408427
        return True
    except ValueError:
        return False


def test_every_article_has_a_row_even_without_an_agreement(out):
    rows = csv_rows(out)
    assert len({r["article_id"] for r in rows}) == 6
    [none] = [r for r in rows if r["status"] == "not_an_agreement"]
    assert (none["agreement"], none["parties"], none["source"]) == ("", "", "none.txt")


def test_ids_are_never_numbers_years_are_whole_and_sources_are_file_names(out):
    rows = csv_rows(out)
    assert all(r["article_id"].startswith("id:") and not numeric(r["article_id"]) for r in rows)
    assert "id:9568e70410408427" in {r["article_id"] for r in rows}  # the id pandas read as inf
    assert {r["period_from"] for r in rows} == {"", "2020", "2021"}
    assert {r["source"] for r in rows} == {p.name for p in SEEDS.glob("*.txt")} | {"none.txt"}


def test_the_workbook_holds_the_same_rows_with_text_ids_and_number_years(out):
    ws = load_workbook(out / "a.xlsx", read_only=True)["agreements"]
    header, *rows = list(ws.iter_rows(values_only=True))
    assert list(header)[:3] == ["article_id", "source", "title"]
    expected = csv_rows(out)
    assert len(rows) == len(expected)
    by = [dict(zip(header, r + (None,) * len(header))) for r in rows]  # read-only rows stop at the last value
    assert [r["article_id"] for r in by] == [e["article_id"][3:] for e in expected]  # text cells, no prefix
    assert {r["period_to"] for r in by} == {None, 2025} and all(isinstance(r["article_id"], str) for r in by)
    assert by[0]["title"] == expected[0]["title"] and "Hoàng Mai" in by[0]["title"]


def test_spans_lines_carry_text_spans_and_meta(out):
    lines = [json.loads(x) for x in (out / "a.spans.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 6
    for d in lines:
        assert set(d) == {"text", "spans", "meta"} and set(d["meta"]) >= {"id", "source", "title", "status"}
        for s in d["spans"]:
            assert set(s) == {"start", "end", "label"} and s["label"] in LABELS
            assert 0 <= s["start"] < s["end"] <= len(d["text"])
    seed4 = next(d for d in lines if d["meta"]["source"].endswith("004_59940e11ff252aed.txt"))
    words = {(s["label"], seed4["text"][s["start"]:s["end"]]) for s in seed4["spans"]}
    assert {("PARTY", "Hải Dương"), ("PLACE", "Chí Linh"), ("SIGNED_ON", "5.10"),
            ("PERIOD", "giai đoạn 2020-2025")} <= words
