"""`reviewer link` as a user runs it: the dry run says what it would merge and why, changes
nothing; the real run links, and `reviewer history` shows the link."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from reviewer.cli import main
from reviewer.core.store import Store
from reviewer.core.store.agreements import AgreementTables

DATA = Path(__file__).resolve().parents[1] / "data" / "one_signing"


def run(*args: str):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def test_link_dry_run_then_link_and_history(tmp_path):
    db = str(tmp_path / "l.db")
    run("--db", db, "load-gold", "--no-extract", str(DATA))
    dry = run("--db", db, "link", "--dry-run")
    assert "new agreement: Bắc Giang – Hải Dương, 2019-10-05 — 3 reports" in dry.stdout
    assert "because same parties, same day (2019-10-05 ~ 2019-10-05)" in dry.stdout
    assert "distinct agreements 0 → 2" in dry.stdout
    with Store(db) as s:
        assert AgreementTables(s).count() == 0  # a dry run changes nothing
    run("--db", db, "link", "--reviewer", "Lan")
    with Store(db) as s:
        assert AgreementTables(s).count() == 2
    assert "distinct agreements 2 → 2" in run("--db", db, "link", "--dry-run").stdout
    hist = run("--db", db, "history", "vn_tintuc.txt").stdout
    assert "link         agreement 0 → #" in hist and "Lan  same parties, signed within the week" in hist


def test_export_agreements_one_row_per_signing_with_every_report(tmp_path):
    import csv
    import json

    db = str(tmp_path / "l.db")
    run("--db", db, "load-gold", "--no-extract", str(DATA))
    before = run("--db", db, "export", "--format", "agreements", "-o", str(tmp_path / "a.jsonl"))
    assert "4 agreement(s) of done records are not linked yet" in before.stderr
    run("--db", db, "link")
    run("--db", db, "export", "--format", "agreements", "-o", str(tmp_path / "a.jsonl"))
    rows = [json.loads(x) for x in (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 2
    signing = next(r for r in rows if len(r["articles"]) == 3)
    assert sorted(signing["provinces_2025"]) == ["Bắc Ninh", "Hải Phòng"] and signing["signed_on"] == "2019-10-05"
    assert signing["period"] == {"from": 2020, "to": 2025} and signing["kind"] == "memorandum"
    assert {Path(a["source"]).name for a in signing["articles"]} == {
        "bg_baobacgiang.txt", "hd_baohaiduong.txt", "vn_tintuc.txt"}
    texts = [c["text"] for c in signing["commitments"]]
    assert len(texts) == len(set(texts)) == 4
    run("--db", db, "export", "--format", "agreements", "-o", str(tmp_path / "a.csv"))
    raw = (tmp_path / "a.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: spreadsheet programs read Vietnamese right
    table = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert [int(r["n_articles"]) for r in table] == [3, 1]
    assert table[0]["parties"] == "Hải Dương (tỉnh) | Bắc Giang (tỉnh)" and table[0]["commitments"].count(" | ") == 3
    stats = run("--db", db, "stats").stdout
    assert "Distinct agreements: 2 (reported 4 time(s) in done records)" in stats


def test_report_is_one_self_contained_page_with_vietnamese_names(tmp_path):
    import json
    import re

    db = str(tmp_path / "l.db")
    run("--db", db, "load-gold", "--no-extract", str(DATA))
    run("--db", db, "link")
    out = run("--db", db, "report", "-o", str(tmp_path / "r.html"))
    assert "2 agreement(s)" in out.stderr
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    # nothing loaded from elsewhere: no external script, style, image or font
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page) and "@import" not in page
    data = json.loads(re.search(r'<script type="application/json" id="data">(.*?)</script>', page, re.S).group(1))
    names = {loc[0]: loc[1] for loc in data["localities"]}
    assert names == {"Hải Dương": "Hải Phòng", "Bắc Giang": "Bắc Ninh"}  # grouped by post-2025 province
    assert sorted((a[0], a[1], a[4]) for a in data["agreements"]) == [(2019, "memorandum", 3), (2024, "program", 1)]
