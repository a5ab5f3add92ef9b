"""The database commands as a user runs them: import, load-gold, export, history, stats."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from reviewer.cli import main
from reviewer.core.records import Record
from reviewer.core.store import Store

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
RECORD_KEYS = ("kind", "signed_on", "place", "period")


def run(*args: str, ok: bool = True):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def seeds(tmp_path) -> Path:
    """A copy of the seeds (gold files beside their texts) under a relative-free absolute path."""
    return Path(shutil.copytree(SEEDS, tmp_path / "seeds"))


def record_fields(d: dict) -> dict:
    """The record-format fields of a gold file or export line (what a gold file must hold)."""
    return {"published": d.get("published"), "agreements": [
        {**{k: a.get(k) for k in RECORD_KEYS},
         "parties": [{k: p.get(k) for k in ("name", "level", "country")} for p in a["parties"]],
         "commitments": [{k: c.get(k) for k in ("text", "giver", "amount")} for c in a["commitments"]]}
        for a in d["agreements"]]}


def test_gold_and_curated_exports_round_trip_byte_for_byte(tmp_path, seeds):
    a, b = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    out = run("--db", a, "load-gold", "--no-extract", str(seeds))
    assert "5 added" in out.stderr
    run("--db", a, "export", "--format", "jsonl", "-o", str(tmp_path / "a.jsonl"))
    # a fresh database loads the export: article texts come from the "source" files
    run("--db", b, "load-gold", "--no-extract", str(tmp_path / "a.jsonl"))
    run("--db", b, "export", "--format", "jsonl", "-o", str(tmp_path / "b.jsonl"))
    first, second = (tmp_path / "a.jsonl").read_bytes(), (tmp_path / "b.jsonl").read_bytes()
    assert first == second
    lines = [json.loads(x) for x in first.decode().splitlines()]
    golds = sorted(seeds.glob("*.gold.json"))
    assert len(lines) == len(golds) == 5
    for line, gold in zip(lines, golds):
        # the source is relative to the export, not the path of the machine that imported
        assert line["source"] == "seeds/" + gold.name.replace(".gold.json", ".txt")
        assert line["title"] and line["status"] == "done"
        assert record_fields(line) == record_fields(json.loads(gold.read_text(encoding="utf-8")))
    # loading it again is a no-op: no new revisions
    again = run("--db", b, "load-gold", "--no-extract", str(tmp_path / "a.jsonl"))
    assert "5 unchanged" in again.stderr


def test_an_export_with_text_loads_without_the_article_files(tmp_path, seeds):
    a, b = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    run("--db", a, "load-gold", "--no-extract", str(seeds))
    run("--db", a, "export", "--with-text", "-o", str(tmp_path / "full.jsonl"))
    shutil.rmtree(seeds)
    run("--db", b, "load-gold", "--no-extract", str(tmp_path / "full.jsonl"))
    assert (run("--db", b, "export").stdout == run("--db", a, "export").stdout)


def test_import_reports_bad_files_and_keeps_the_good_ones(tmp_path, seeds):
    folder = tmp_path / "in"
    folder.mkdir()
    for txt in sorted(seeds.glob("*.txt"))[:3]:
        shutil.copy(txt, folder / txt.name)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (folder / "broken.txt").write_bytes("Bài báo hỏng ".encode("utf-8") + b"\x81\x8d\x8f\x90" * 5)
    db = str(tmp_path / "r.db")
    result = run("--db", db, "import", "--workers", "0", str(folder), ok=False)
    assert result.exit_code == 1
    assert "3 article(s) imported" in result.stderr and "3 failed" in result.stderr
    assert f"failed: {folder / 'empty.txt'}: the file is empty" in result.stderr
    assert f"failed: {folder / 'image.txt'}: looks like a binary file" in result.stderr
    assert f"failed: {folder / 'broken.txt'}: cannot be decoded" in result.stderr
    assert "Traceback" not in result.output
    with Store(db) as s:
        assert s.counts_by_status()["pending"] == 3
        assert all(h.action == "import" for r in s.queue() for h in s.history(r.id))
    # importing again skips what is already there
    again = run("--db", db, "import", "--workers", "0", str(folder / "empty.txt").replace("empty", "000_9e150c905cd3a25a"))
    assert "0 article(s) imported, 1 already in the database" in again.stderr


def test_import_extracts_in_worker_processes(tmp_path, seeds):
    db = str(tmp_path / "r.db")
    result = run("--db", db, "import", "--workers", "2", str(seeds))
    assert "5 article(s) imported" in result.stderr
    with Store(db) as s:
        assert all(s.extraction(r.id) is not None for r in s.queue())


def test_export_to_an_unwritable_path_says_so_and_writes_nothing(tmp_path, seeds):
    db = str(tmp_path / "r.db")
    run("--db", db, "load-gold", "--no-extract", str(seeds))
    result = run("--db", db, "export", "--format", "csv", "-o", str(tmp_path / "nope" / "x.csv"), ok=False)
    assert result.exit_code == 1
    assert "Error: cannot write" in result.stderr and "x.csv" in result.stderr
    assert not (tmp_path / "nope").exists()


def test_export_filters_by_status_and_writes_each_format(tmp_path, seeds):
    db = str(tmp_path / "r.db")
    run("--db", db, "load-gold", "--no-extract", str(seeds))
    assert run("--db", db, "export", "--status", "pending").stdout == ""
    assert len(run("--db", db, "export", "--status", "done").stdout.splitlines()) == 5
    assert run("--db", db, "export", "--format", "conll").stdout.count("-DOCSTART-") == 5
    assert len(json.loads(run("--db", db, "export", "--format", "labelstudio").stdout)) == 5
    assert run("--db", db, "export", "--format", "csv").stdout.startswith("article_id,source")


def test_history_lists_revisions_by_id_prefix_or_source(tmp_path, seeds):
    db = str(tmp_path / "r.db")
    run("--db", db, "import", "--workers", "0", str(seeds / "004_59940e11ff252aed.txt"))
    run("--db", db, "load-gold", "--no-extract", "--reviewer", "lan", str(seeds))
    with Store(db) as s:
        aid = s.resolve(str(seeds / "004_59940e11ff252aed.txt"))
    out = run("--db", db, "history", aid[:7]).stdout
    assert "r1" in out and "import" in out and "r2" in out and "load-gold" in out and "lan" in out
    assert "Hải Dương – Bắc Giang" in out
    assert run("--db", db, "history", str(seeds / "004_59940e11ff252aed.txt")).stdout == out
    revs = [json.loads(x) for x in run("--db", db, "history", "--json", aid).stdout.splitlines()]
    assert [r["action"] for r in revs] == ["import", "load-gold"]
    missing = run("--db", db, "history", "ffffffff", ok=False)
    assert missing.exit_code == 1 and "no article matches ffffffff" in missing.stderr


def test_stats_counts_and_scores_the_extractor_against_done_records(tmp_path, seeds):
    db = str(tmp_path / "r.db")
    run("--db", db, "load-gold", "--no-extract", "--reviewer", "lan", str(seeds))
    out = run("--db", db, "stats").stdout
    assert "done                    5" in out and "lan" in out
    assert "Hải Dương – Bắc Giang: 1" in out or "Bắc Giang – Hải Dương: 1" in out
    assert "5 without a stored extraction" in out
    with Store(db) as s:
        for row in s.queue():
            # a perfect "extractor" for one article, an empty one for the rest
            rec = s.record(row.id).record if "Hải Dương" in row.parties else Record()
            s.add_extraction(row.id, rec, "test")
    out = run("--db", db, "stats").stdout
    assert "Extractor against 5 done record(s):" in out
    # one article of five perfectly extracted: nothing wrong is found, most is missed
    parties = next(line for line in out.splitlines() if line.strip().startswith("parties"))
    assert parties.split()[1:3] == ["P", "1.000"] and float(parties.split()[4]) < 0.5
    assert "articles 5; needing no fix 1;" in out  # the editing effort, as shared/tools/fixes.py counts it


def test_a_bad_database_path_is_a_clear_error(tmp_path):
    (tmp_path / "not-a-db").write_bytes(b"this is not sqlite" * 100)
    result = run("--db", str(tmp_path / "not-a-db"), "stats", ok=False)
    assert result.exit_code == 1 and "cannot open the database" in result.stderr
    assert "Traceback" not in result.output


def test_reviewer_db_environment_variable_chooses_the_file(tmp_path, seeds, monkeypatch):
    monkeypatch.setenv("REVIEWER_DB", str(tmp_path / "env.db"))
    run("load-gold", "--no-extract", str(seeds))
    assert (tmp_path / "env.db").exists()


def test_load_gold_reports_a_gold_file_without_its_text(tmp_path, seeds):
    (seeds / "004_59940e11ff252aed.txt").unlink()
    result = run("--db", str(tmp_path / "r.db"), "load-gold", "--no-extract", str(seeds), ok=False)
    assert result.exit_code == 1 and "4 added" in result.stderr
    assert "004_59940e11ff252aed.txt is missing" in result.stderr


def test_load_gold_reports_bad_export_lines_and_loads_the_rest(tmp_path, seeds):
    a = str(tmp_path / "a.db")
    run("--db", a, "load-gold", "--no-extract", str(seeds))
    lines = run("--db", a, "export").stdout.splitlines()
    tampered = json.loads(lines[1])
    tampered["text"] = "Một văn bản khác hẳn"
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join([lines[0], "{not json", json.dumps(tampered, ensure_ascii=False),
                              json.dumps({"agreements": []})]) + "\n", encoding="utf-8")
    result = run("--db", str(tmp_path / "b.db"), "load-gold", "--no-extract", str(bad), ok=False)
    assert result.exit_code == 1 and "1 added" in result.stderr and "3 failed" in result.stderr
    assert f"{bad}:2: is not valid JSON" in result.stderr
    assert f"{bad}:3: the text found differs from the exported article" in result.stderr
    assert f'{bad}:4: has no "text", no stored "id" and no "source" file' in result.stderr


def test_load_gold_names_a_file_that_is_neither_gold_nor_export(tmp_path, seeds):
    result = run("--db", str(tmp_path / "r.db"), "load-gold", str(seeds / "004_59940e11ff252aed.txt"), ok=False)
    assert result.exit_code == 1
    assert "is neither a gold file (*.gold.json) nor a JSON Lines export" in result.stderr


def test_a_database_locked_by_another_process_is_a_clear_error(tmp_path, seeds, monkeypatch):
    import sqlite3

    db = tmp_path / "r.db"
    run("--db", str(db), "load-gold", "--no-extract", str(seeds))
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        monkeypatch.setattr("reviewer.core.store.connection.BUSY_TIMEOUT_MS", 300)
        (tmp_path / "new.txt").write_text("Một bài báo mới về hợp tác giữa hai tỉnh", encoding="utf-8")
        result = run("--db", str(db), "import", "--workers", "0", str(tmp_path / "new.txt"), ok=False)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 1
    # it names the file and says how long it really waited
    assert re.search(rf"the database {re.escape(str(db))} is in use by another process: waited 0\.[3-9] s",
                     result.stderr), result.stderr
    assert "Traceback" not in result.output


def test_a_gold_set_export_loads_back_as_the_same_articles_and_records(tmp_path, seeds):
    a, b = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    run("--db", a, "load-gold", "--no-extract", str(seeds))
    run("--db", a, "export", "--format", "gold", "-o", str(tmp_path / "gold"))
    written = sorted(p.name for p in (tmp_path / "gold").iterdir())
    assert written == sorted(p.name for p in seeds.iterdir())
    for g in seeds.glob("*.gold.json"):
        exported = json.loads((tmp_path / "gold" / g.name).read_text(encoding="utf-8"))
        assert record_fields(exported) == record_fields(json.loads(g.read_text(encoding="utf-8")))
    run("--db", b, "load-gold", "--no-extract", str(tmp_path / "gold"))
    ids = lambda db: [json.loads(x)["id"] for x in run("--db", db, "export").stdout.splitlines()]
    assert ids(a) == ids(b)
    again = run("--db", a, "export", "--format", "gold", "-o", str(tmp_path / "gold"), ok=False)
    assert again.exit_code == 1 and "already exists" in again.stderr


def test_history_shows_a_refused_save(tmp_path, seeds):
    db = str(tmp_path / "r.db")
    run("--db", db, "load-gold", "--no-extract", str(seeds))
    with Store(db) as s:
        aid = s.resolve("004_59940e11ff252aed.txt")
        cur = s.record(aid)
        s.save(aid, cur.record, status="in_review", reviewer="lan", expected_revision=cur.revision)
        with pytest.raises(Exception, match="conflicts log"):
            s.save(aid, cur.record, status="skipped", reviewer="minh", expected_revision=cur.revision)
    out = run("--db", db, "history", aid).stdout
    assert "refused" in out and "minh" in out and "based on r1, but r2 was already saved" in out


def test_import_of_a_folder_without_articles_says_so(tmp_path):
    (tmp_path / "empty").mkdir()
    result = run("--db", str(tmp_path / "r.db"), "import", str(tmp_path / "empty"), ok=False)
    assert result.exit_code == 1 and "no articles found" in result.stderr


def test_export_to_a_file_says_how_many_records(tmp_path, seeds):
    db = str(tmp_path / "r.db")
    run("--db", db, "load-gold", "--no-extract", str(seeds))
    out = run("--db", db, "export", "--status", "done", "-o", str(tmp_path / "x.jsonl"))
    assert f"wrote 5 record(s) to {tmp_path / 'x.jsonl'}" in out.stderr
