"""Label Studio: tasks a project imports, and its own JSON export loaded back with load-gold."""
from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from reviewer.cli import main
from reviewer.core.datasets.labelstudio import LABEL_CONFIG
from reviewer.core.store import Store

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """Four seeds curated (done), one imported and still pending; exported as tasks."""
    d = tmp_path_factory.mktemp("ls")
    gold = Path(shutil.copytree(SEEDS, d / "gold"))
    pending = d / "pending"
    pending.mkdir()
    for f in gold.glob("003_*"):
        f.rename(pending / f.name)
    db = str(d / "r.db")
    run("--db", db, "load-gold", "--reviewer", "lan", str(gold))
    run("--db", db, "import", "--workers", "0", str(pending))
    run("--db", db, "export", "--format", "labelstudio", "-o", str(d / "tasks.json"))
    return d, json.loads((d / "tasks.json").read_text(encoding="utf-8"))


def as_label_studio_exports(tasks: list[dict]) -> list[dict]:
    """What Label Studio's "Export → JSON" gives for these tasks once imported, nothing edited:
    its own ids, annotations with a user id and times, every result marked with its origin."""
    out = []
    for n, task in enumerate(copy.deepcopy(tasks)):
        task.update(id=500 + n, project=3, inner_id=n + 1, total_annotations=len(task["annotations"]),
                    created_at="2026-12-02T07:00:00Z")
        for k, a in enumerate(task["annotations"]):
            a.update(id=900 + k, completed_by=1, was_cancelled=False, lead_time=3.2, task=task["id"],
                     created_at="2026-12-02T07:05:00Z", updated_at="2026-12-02T07:05:00Z",
                     result_count=len(a["result"]))
            for r in a["result"]:
                r["origin"] = "manual"
        for k, p in enumerate(task["predictions"]):
            p.update(id=700 + k, task=task["id"], score=None, created_ago="0 minutes")
        out.append(task)
    return out


def test_tasks_have_ids_predictions_for_pending_and_the_curated_annotation_for_done(project):
    d, tasks = project
    assert [t["id"] for t in tasks] == [1, 2, 3, 4, 5]  # label-studio-converter needs them
    by_status = {t["data"]["status"]: t for t in tasks}
    pending = by_status["pending"]
    assert pending["annotations"] == [] and pending["predictions"][0]["result"]  # not counted as finished
    done = [t for t in tasks if t["data"]["status"] == "done"]
    assert len(done) == 4
    for t in done:
        [a] = t["annotations"]
        assert a["meta"] == {"reviewer": "lan"} and t["data"]["reviewer"] == "lan"
        for r in a["result"] + t["predictions"][0]["result"]:
            v = r["value"]
            assert t["data"]["text"][v["start"]:v["end"]] == v["text"]
            assert r["from_name"] in LABEL_CONFIG and r["to_name"] == "text"


def test_two_agreements_of_one_article_stay_apart_and_a_shared_date_is_one_region(project):
    _, tasks = project
    task = next(t for t in tasks if t["data"]["source"].endswith("002_11d2374c4ec4314c.txt"))
    result = task["annotations"][0]["result"]
    label = {r["id"]: (r["value"]["labels"][0], r["value"]["text"]) for r in result if r["type"] == "labels"}
    groups = {r["id"]: r["value"]["choices"] for r in result if r["type"] == "choices"}
    parties = {text: groups[i] for i, (lab, text) in label.items() if lab == "PARTY"}
    assert parties["Bỉm Sơn"] == ["2"] and parties["Hậu Lộc"] == ["1"]
    [date] = [i for i, (lab, _) in label.items() if lab == "SIGNED_ON"]
    assert groups[date] == ["1", "2"]
    assert set(groups) <= set(label)  # every choice answers a region of the same id


def test_label_studio_export_loads_back_as_the_same_records(project, tmp_path):
    d, tasks = project
    (tmp_path / "export.json").write_text(json.dumps(as_label_studio_exports(tasks), ensure_ascii=False))
    out = CliRunner().invoke(main, ["--db", str(tmp_path / "b.db"), "load-gold", str(tmp_path / "export.json")])
    assert out.exit_code == 0, out.output
    assert "4 added" in out.output  # the pending task, unannotated, is not a curated record
    with Store(d / "r.db") as a, Store(tmp_path / "b.db") as b:
        for art, cur in a.curated("done"):
            got = b.record(art.id)
            same = lambda r: {k: v for k, v in r.to_dict().items() if k != "source"}  # noqa: E731 (a path)
            assert (got.status, same(got.record)) == ("done", same(cur.record))


def test_regions_an_annotator_adds_or_regroups_become_fields(project, tmp_path):
    d, tasks = project
    exported = as_label_studio_exports(tasks)
    task = next(t for t in exported if t["data"]["source"].endswith("004_59940e11ff252aed.txt"))
    text, result = task["data"]["text"], task["annotations"][0]["result"]
    start = text.index("Chí Linh")
    clause = text.index("kết nối giao thông")
    result += [
        {"id": "new1", "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual",
         "value": {"start": clause, "end": clause + 18, "text": "kết nối giao thông", "labels": ["COMMITMENT"]}},
        {"id": "new1", "from_name": "agreement", "to_name": "text", "type": "choices", "origin": "manual",
         "value": {"start": clause, "end": clause + 18, "text": "kết nối giao thông", "choices": ["1"]}}]
    place = next(r for r in result if r["type"] == "labels" and r["value"]["labels"] == ["PLACE"])
    assert place["value"]["start"] == start
    result[:] = [r for r in result if r["id"] != place["id"]]  # the annotator deletes the venue
    (tmp_path / "export.json").write_text(json.dumps([task], ensure_ascii=False))
    run("--db", str(tmp_path / "b.db"), "load-gold", str(tmp_path / "export.json"))
    with Store(tmp_path / "b.db") as b:
        [a] = b.record(task["data"]["article_id"]).record.agreements
    assert a.place is None and a.signed_on == "2019-10-05" and a.period.to_dict() == {"from": 2020, "to": 2025}
    added = [c for c in a.commitments if c.origin == "added"]
    assert [c.text for c in added] == ["kết nối giao thông"] and len(a.commitments) == 6
    assert [p.name for p in a.parties] == ["Hải Dương", "Bắc Giang"] and a.parties[0].level == "tỉnh"
