"""The learned layer: trained on curated records, measured honestly, and fed by editors' corrections."""
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from reviewer.cli import main
from reviewer.core.datasets import training
from reviewer.core.datasets.evaluate import evaluate, fixes
from reviewer.core.extraction import extract
from reviewer.core.extraction.learned import Model, ModelError, load
from reviewer.core.intake import make_article, read_file
from reviewer.core.records import Agreement, Party, Record
from reviewer.core.store import Store
from tests.conftest import ROOT, SHARED

REAL = SHARED / "corpus" / "real"
SYNTHETIC = [ROOT / "bench" / f"heldout{n}" for n in ("", "2", "3", "4")]


def _needs(*folders):
    for f in folders:
        if not f.is_dir():
            pytest.skip(f"{f} is not beside the project")


def test_five_fold_cross_validation_on_the_real_articles_meets_the_acceptance(seeds_dir, dev_dir):
    """Seeds + dev + real (51 real articles, none synthetic): each fold extracted by a model trained
    on the other folds only; the learned layer is at least as good as the rules alone."""
    _needs(REAL)
    exs = training.examples(training.read_curated([seeds_dir, dev_dir, REAL]))
    also = training.examples(training.read_curated(SYNTHETIC))
    assert len(exs) == 51
    cv = training.cross_validate(exs, 5, also=also)
    learned, rules = cv.learned, cv.rules
    assert learned.overall >= 0.88, learned.summary()
    assert learned.scores["parties"].f1 >= 0.93, learned.summary()
    assert learned.fixes_per_article <= 1.5, learned.summary()
    assert learned.overall >= rules.overall and learned.fixes_per_article <= rules.fixes_per_article, (
        f"learned {learned.summary()} / rules {rules.summary()}")


def test_fixes_are_counted_as_the_reference_tool_counts_them(tmp_path, seeds_dir, dev_dir):
    ref = SHARED / "tools" / "fixes.py"
    if not ref.exists():
        pytest.skip("reference fixes tool not beside the project")
    gold, lines, preds = {}, [], {}
    for p in sorted(dev_dir.glob("*.txt")) + sorted(seeds_dir.glob("*.txt")):
        rec = extract(read_file(p), model=None).to_dict()
        if rec["agreements"]:  # imperfect on purpose: a party and a commitment dropped
            rec["agreements"][0]["parties"] = rec["agreements"][0]["parties"][1:]
            rec["agreements"][0]["commitments"] = rec["agreements"][0]["commitments"][1:]
        preds[p.stem] = rec
        gold[p.stem] = json.loads(p.with_name(p.stem + ".gold.json").read_text("utf-8"))
        lines.append(json.dumps(rec | {"source": str(p)}, ensure_ascii=False))
    out = tmp_path / "p.jsonl"
    out.write_text("\n".join(lines), encoding="utf-8")
    both = tmp_path / "gold"
    both.mkdir()
    for p in list(dev_dir.glob("*.gold.json")) + list(seeds_dir.glob("*.gold.json")):
        (both / p.name).write_text(p.read_text("utf-8"), encoding="utf-8")
    theirs = subprocess.run([sys.executable, str(ref), str(both), str(out)], capture_output=True, text=True,
                            check=True).stdout.strip().splitlines()[-1]
    ev = evaluate(gold, preds)
    assert theirs == (f"articles {len(gold)}; needing no fix {ev.no_fix}; "
                      f"fixes per article {ev.fixes_per_article:.2f}")
    assert fixes(gold["001"], gold["001"]) == 0


# ---- corrections feed the model: a partner no list holds, written bare, in six articles
_ARTICLES = [
    ("Hội An", "thành phố", "Sáng 5/3/2024, tại TP Hội An, UBND thành phố Hội An và chính quyền Oyama đã ký kết "
     "biên bản ghi nhớ về hợp tác hữu nghị."),
    ("Điện Bàn", "thị xã", "Chiều 12/4/2024, UBND thị xã Điện Bàn và chính quyền Oyama ký kết thỏa thuận hợp tác "
     "trong lĩnh vực giáo dục."),
    ("Tam Kỳ", "thành phố", "Ngày 20/5/2024, lãnh đạo thành phố Tam Kỳ và Oyama đã ký kết biên bản ghi nhớ "
     "về giao lưu văn hóa."),
    ("Hòa Vang", "huyện", "Sáng 3/6/2024, UBND huyện Hòa Vang và chính quyền Oyama ký kết chương trình hợp tác "
     "phát triển nông nghiệp."),
    ("Quảng Ngãi", "tỉnh", "Chiều 9/7/2024, UBND tỉnh Quảng Ngãi và Oyama đã ký kết thỏa thuận hợp tác về du lịch."),
    ("Hội An", "thành phố", "Sáng 15/8/2024, UBND thành phố Hội An và đoàn đại biểu Oyama đã ký kết biên bản ghi nhớ "
     "về trao đổi thanh niên."),
]


def _article(n: int):
    name, level, body = _ARTICLES[n]
    return make_article(f"{body}\n\nHai bên thống nhất tăng cường trao đổi đoàn các cấp.\n",
                        source=f"oyama{n}.txt", title=f"{name} ký kết hợp tác với Oyama")


def test_corrections_in_five_articles_teach_the_model_the_sixth(tmp_path):
    """An editor adds the partner "Oyama" (no list holds it, no level word, no country) to five
    records; `reviewer train` on the database; importing the sixth such article finds it."""
    sixth = _article(5)
    assert len(extract(sixth).agreements) == 0  # the rules alone cannot find the partner
    db = tmp_path / "work.db"
    with Store(db) as store:
        for n in range(5):
            art = _article(n)
            name, level, _ = _ARTICLES[n]
            record = Record(published=None, agreements=(Agreement(
                kind="memorandum", parties=(Party(name, level, "Việt Nam"), Party("Oyama", None, "Nhật Bản"))),))
            store.add_curated(art, record, status="done", reviewer="an", action="load-gold")
    runner = CliRunner()
    trained = runner.invoke(main, ["--db", str(db), "train"])
    assert trained.exit_code == 0, trained.output
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "sixth.txt").write_text(f"{sixth.title}\n\n{sixth.text.split(chr(10), 2)[-1]}", "utf-8")
    imported = runner.invoke(main, ["--db", str(db), "import", "--workers", "0", str(tmp_path / "in")])
    assert imported.exit_code == 0, imported.output
    with Store(db) as store:
        (row,) = [r for r in store.queue(status="pending")]
        parties = {p.name: p.country for a in store.extraction(row.id).agreements for p in a.parties}
    assert parties == {"Hội An": "Việt Nam", "Oyama": "Nhật Bản"}


def test_train_writes_a_model_file_that_extract_uses(tmp_path, seeds_dir):
    model_path = tmp_path / "m.json"
    runner = CliRunner()
    done = runner.invoke(main, ["train", str(seeds_dir), "-o", str(model_path)])
    assert done.exit_code == 0, done.output
    assert "trained on 5 article(s)" in done.output
    model = load(model_path)
    assert model.trained_on == 5 and model.party.names
    out = runner.invoke(main, ["extract", "--json", "--model", str(model_path), str(seeds_dir / "004_59940e11ff252aed.txt")])
    assert out.exit_code == 0
    assert {p["name"] for p in json.loads(out.output)["agreements"][0]["parties"]} == {"Hải Dương", "Bắc Giang"}


def test_a_file_that_is_not_a_model_is_refused_with_its_name(tmp_path, seeds_dir):
    bad = tmp_path / "notes.json"
    bad.write_text('{"hello": 1}', encoding="utf-8")
    with pytest.raises(ModelError, match="notes.json: not a reviewer extraction model"):
        load(bad)
    out = CliRunner().invoke(main, ["extract", "--model", str(bad), str(seeds_dir)])
    assert out.exit_code != 0 and "notes.json: not a reviewer extraction model" in out.output


def test_evaluate_prints_the_scorer_lines_and_the_fixes(seeds_dir):
    out = CliRunner().invoke(main, ["evaluate", "--json", "--rules", str(seeds_dir)])
    assert out.exit_code == 0, out.output
    figures = json.loads(out.output.splitlines()[-1])["rules"]
    assert figures["articles"] == 5 and figures["overall"] >= 0.95 and figures["fixes_per_article"] < 1
    cv = CliRunner().invoke(main, ["evaluate", "--cv", "5", str(seeds_dir)])
    assert cv.exit_code == 0, cv.output
    assert "== rules: 5 articles" in cv.output and "== learned (5-fold): 5 articles" in cv.output


def test_the_model_round_trips_and_extraction_never_imports_scikit_learn():
    from reviewer.core.extraction.learned import bundled

    model = bundled()
    assert model is not None and Model.from_json(model.to_json()) == model
    code = ("import sys; from reviewer.core.extraction import extract; from reviewer.core.intake import make_article\n"
            "extract(make_article('Hải Dương và Bắc Giang ký kết biên bản ghi nhớ hợp tác.', 'x.txt'))\n"
            "assert 'sklearn' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)
