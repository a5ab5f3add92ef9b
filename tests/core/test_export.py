"""Export writers: what another tool reads from each format."""
from __future__ import annotations

import csv
import io
import json

import pytest

from reviewer.core.datasets.bio import bio_sentences as bio_tags
from reviewer.core.datasets.export import ExportError, Item, csv_text, export, jsonl, write_atomic
from reviewer.core.datasets.labelstudio import labelstudio
from reviewer.core.intake import make_article
from reviewer.core.records import Agreement, Commitment, Party, Period, Record, Span

TEXT = ("Hải Dương - Bắc Giang hợp tác\n\n"
        "Ngày 5/10/2019, tại Chí Linh, tỉnh Hải Dương và tỉnh Bắc Giang ký biên bản ghi nhớ "
        "giai đoạn 2020-2025. Hai tỉnh sẽ phối hợp thu hút đầu tư; Bắc Giang hỗ trợ 3 tỷ đồng.")


def find(sub: str, start: int = 0) -> Span:
    i = TEXT.index(sub, start)
    return Span(i, i + len(sub))


def item() -> Item:
    art = make_article(TEXT, "seeds/x.txt")
    body = art.body_start
    rec = Record(published="2019-10-05", agreements=(Agreement(
        kind="memorandum",
        parties=(Party("Hải Dương", "tỉnh", span=find("Hải Dương", body)), Party("Bắc Giang", "tỉnh")),
        signed_on="2019-10-05", signed_on_span=find("5/10/2019"), place="Chí Linh",
        period=Period(2020, 2025, span=find("2020-2025")),
        commitments=(Commitment("phối hợp thu hút đầu tư", category="economy & investment"),
                     Commitment("Bắc Giang hỗ trợ 3 tỷ đồng", giver="Bắc Giang", amount="3 tỷ đồng",
                                amount_span=find("3 tỷ đồng")))),))
    machine = Record(agreements=(Agreement(parties=(Party("Hải Dương", span=find("Hải Dương", body)),)),))
    return Item(art, rec, "done", machine, "0.1")


def test_jsonl_carries_source_title_status_and_the_record():
    [line] = list(jsonl([item()]))
    d = json.loads(line)
    assert line.endswith("\n") and "Hải Dương" in line  # not ASCII-escaped
    assert (d["source"], d["title"], d["status"]) == ("seeds/x.txt", "Hải Dương - Bắc Giang hợp tác", "done")
    assert d["agreements"][0]["period"] == {"from": 2020, "to": 2025}
    assert "text" not in d and json.loads(next(jsonl([item()], with_text=True)))["text"] == TEXT


def test_csv_has_one_row_per_commitment_with_its_agreement():
    rows = list(csv.DictReader(io.StringIO("".join(csv_text([item()])))))
    assert [r["commitment"] for r in rows] == ["phối hợp thu hút đầu tư", "Bắc Giang hỗ trợ 3 tỷ đồng"]
    assert rows[0]["parties"] == "Hải Dương (tỉnh); Bắc Giang (tỉnh)"
    assert (rows[1]["giver"], rows[1]["amount"], rows[1]["period_to"]) == ("Bắc Giang", "3 tỷ đồng", "2025")


def test_csv_file_starts_with_a_bom(tmp_path):
    export([item()], "csv", tmp_path / "x.csv")
    assert (tmp_path / "x.csv").read_bytes().startswith(b"\xef\xbb\xbfarticle_id,")


def test_conll_tags_syllables_from_spans_and_located_text():
    tags = {tok: tag for sent in bio_tags(item().article, item().record) for tok, tag in sent}
    words = [(t, g) for sent in bio_tags(item().article, item().record) for t, g in sent]
    seq = " ".join(f"{t}/{g}" for t, g in words)
    assert "tỉnh/O Hải/B-PARTY Dương/I-PARTY" in seq
    assert "Bắc/B-PARTY Giang/I-PARTY ký/O" in seq  # located by its exact text
    assert "5/B-SIGNED_ON //I-SIGNED_ON 10/I-SIGNED_ON" in seq
    assert "Chí/B-PLACE Linh/I-PLACE" in seq and "2020/B-PERIOD -/I-PERIOD 2025/I-PERIOD" in seq
    assert "phối/B-COMMITMENT hợp/I-COMMITMENT" in seq
    assert tags["tỷ"] == "I-COMMITMENT"  # the amount sits inside a commitment: BIO cannot nest
    # the title paragraph is its own sentence and its names are not the parties' mentions
    assert words[0] == ("Hải", "O")


def test_labelstudio_tasks_have_text_predictions_and_annotations():
    tasks = json.loads("".join(labelstudio([item(), item()])))
    assert len(tasks) == 2
    task = tasks[0]
    assert task["data"]["text"] == TEXT
    result = [r for r in task["annotations"][0]["result"] if r["type"] == "labels"]
    party = next(r for r in result if r["value"]["labels"] == ["PARTY"])
    assert {party["from_name"], party["to_name"], party["type"]} == {"label", "text", "labels"}
    v = party["value"]
    assert TEXT[v["start"]:v["end"]] == v["text"] == "Hải Dương"
    assert {r["value"]["labels"][0] for r in result} == {"PARTY", "SIGNED_ON", "PUBLISHED", "PLACE",
                                                          "PERIOD", "COMMITMENT", "AMOUNT"}
    [pred] = task["predictions"]
    assert pred["model_version"] == "0.1" and [r["type"] for r in pred["result"]] == ["labels", "choices"]


@pytest.mark.parametrize("name", ["missing/dir/out.jsonl", "afile/out.jsonl"])
def test_an_unwritable_path_fails_clearly_and_leaves_nothing(tmp_path, name):
    (tmp_path / "afile").write_text("x")
    with pytest.raises(ExportError, match="cannot write"):
        export([item()], "jsonl", tmp_path / name)
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["afile"]


def test_a_failure_midway_leaves_the_old_file_and_no_partial_one(tmp_path):
    target = tmp_path / "out.jsonl"
    target.write_text("old\n")

    def chunks():
        yield "new line\n"
        raise RuntimeError("disk trouble")

    with pytest.raises(RuntimeError):
        write_atomic(target, chunks())
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]
