"""load-gold checks every record before it writes: a bad one is refused with its file, line and
field named, nothing stored changes, and the rest of the batch is loaded. An export older than
the stored record is not applied unless --overwrite-newer."""
from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from reviewer.cli import main
from reviewer.core.records import Party, Record
from reviewer.core.store import Store

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def snapshot(db: Path) -> dict:
    with Store(db) as s:
        return {a.id: (c.revision, c.status, c.record.to_dict()) for a, c in s.curated()}


@pytest.fixture
def loaded(tmp_path):
    """A database holding the seeds as done records, and their export (with texts) as dicts."""
    seeds = Path(shutil.copytree(SEEDS, tmp_path / "seeds"))
    db = tmp_path / "r.db"
    assert run("--db", str(db), "load-gold", "--no-extract", str(seeds)).exit_code == 0
    out = tmp_path / "all.jsonl"
    assert run("--db", str(db), "export", "--with-text", "-o", str(out)).exit_code == 0
    return db, [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]


def bad(line: dict, change) -> dict:
    line = copy.deepcopy(line)
    change(line)
    return line


def set_in(path: list, value):
    def change(d):
        for k in path[:-1]:
            d = d[k]
        d[path[-1]] = value
    return change


CASES = [  # (what the user wrote, the field the error must name, the words it must say)
    (set_in(["agreements", 0, "parties", 0, "span"], [10**6, 10**6 + 5]), "agreements[0].parties[0].span", "outside"),
    (set_in(["agreements", 0, "period"], {"from": 2030, "to": 2020}), "agreements[0].period", "after"),
    (set_in(["agreements", 0, "period"], {"from": "abc"}), "agreements[0].period.from", "not a year"),
    (set_in(["agreements", 0, "kind"], "treaty"), "agreements[0].kind", "unknown kind"),
    (set_in(["agreements", 0, "commitments", 0], {"text": "Hai bên cùng xây cầu lên mặt trăng"}),
     "agreements[0].commitments[0].text", "not in the article"),
    (set_in(["agreements", 0, "signed_on"], "2024-13-45"), "agreements[0].signed_on", "not a real date"),
    (set_in(["agreements", 0, "parties", 0, "name"], None), "agreements[0].parties[0].name", "needs a name"),
    (set_in(["status"], "approved"), "status", "unknown status"),
]


def test_invalid_records_are_refused_by_line_and_field_and_the_rest_loads(loaded, tmp_path):
    db, lines = loaded
    before = snapshot(db)
    base = next(x for x in lines if x["agreements"] and x["agreements"][0]["commitments"])
    good = bad(lines[-1], set_in(["agreements", 0, "place"], "Hà Nội"))  # a real correction
    batch = [bad(base, change) for change, _, _ in CASES] + [good]
    path = tmp_path / "batch.jsonl"
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in batch), encoding="utf-8")

    result = run("--db", str(db), "load-gold", "--no-extract", str(path))

    assert result.exit_code == 1
    assert f"0 added, 1 updated, 0 unchanged, {len(CASES)} failed" in result.stderr
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("failed:")]
    assert len(errors) == len(CASES)
    for n, (error, (_, field, words)) in enumerate(zip(errors, CASES), 1):
        assert error.startswith(f"failed: {path}:{n}: {field}"), error
        assert words in error
    after = snapshot(db)
    assert after[base["id"]] == before[base["id"]]  # the bad lines changed nothing
    assert after[good["id"]][0] == 2 and after[good["id"]][2]["agreements"][0]["place"] == "Hà Nội"
    assert {k: v for k, v in after.items() if k != good["id"]} == \
        {k: v for k, v in before.items() if k != good["id"]}


def test_an_older_export_does_not_revert_a_newer_edit_unless_asked(loaded, tmp_path):
    db, lines = loaded
    old = lines[0]
    with Store(db) as s:  # a reviewer corrects the record after the export was made
        cur = s.record(old["id"])
        rec = Record.from_dict(cur.record.to_dict())
        fixed = Record(published=rec.published, agreements=(
            rec.agreements[0].__class__(kind="program", parties=(Party("Hà Nam"), Party("Ninh Bình"))),))
        s.save(old["id"], fixed, status="done", reviewer="lan", expected_revision=cur.revision)
    edited = snapshot(db)
    stale = tmp_path / "old.jsonl"
    stale.write_text(json.dumps(old, ensure_ascii=False) + "\n", encoding="utf-8")

    result = run("--db", str(db), "load-gold", "--no-extract", str(stale))
    assert result.exit_code == 0
    assert "1 stale" in result.stderr
    # the source is resolved from the export's folder, so the line names the file by its full path
    assert "not applied: " in result.stderr and (
        f"{Path(old['source']).name}: the database holds a newer edit (revision 2; this line was "
        "exported at revision 1)") in result.stderr
    assert snapshot(db) == edited

    result = run("--db", str(db), "load-gold", "--no-extract", "--overwrite-newer", str(stale))
    assert result.exit_code == 0 and "1 updated" in result.stderr
    assert snapshot(db)[old["id"]][2]["agreements"] == old["agreements"]


def test_a_gold_file_with_a_bad_field_is_named_and_its_siblings_load(tmp_path):
    seeds = Path(shutil.copytree(SEEDS, tmp_path / "seeds"))
    gold = sorted(seeds.glob("*.gold.json"))[1]
    obj = json.loads(gold.read_text(encoding="utf-8"))
    obj["agreements"][0]["signed_on"] = "2024-02-30"
    gold.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
    db = tmp_path / "r.db"
    result = run("--db", str(db), "load-gold", "--no-extract", str(seeds))
    assert result.exit_code == 1
    assert "4 added" in result.stderr
    assert f"failed: {gold}: agreements[0].signed_on: '2024-02-30' is not a real date" in result.stderr
