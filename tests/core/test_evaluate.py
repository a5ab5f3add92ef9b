"""The project's scorer agrees with the reference scorer in ../shared/tools/score.py."""
import json
import re
import subprocess
import sys

import pytest

from reviewer.core.datasets.evaluate import overall, report, score
from reviewer.core.extraction import extract
from reviewer.core.intake import read_file
from tests.conftest import SHARED


def _golds(d):
    return {p.name[: -len(".gold.json")]: json.loads(p.read_text("utf-8")) for p in sorted(d.glob("*.gold.json"))}


def test_gold_scored_against_itself_is_perfect(seeds_dir):
    g = _golds(seeds_dir)
    assert overall(score(g, g)) == 1.0


def test_same_figures_as_the_reference_scorer(tmp_path, seeds_dir):
    ref = SHARED / "tools" / "score.py"
    if not ref.exists():
        pytest.skip("reference scorer not beside the project")
    preds = {}
    lines = []
    for p in sorted(seeds_dir.glob("*.txt")):
        rec = extract(read_file(p)).to_dict()
        # make it imperfect so the comparison means something
        if rec["agreements"]:
            rec["agreements"][0]["commitments"] = rec["agreements"][0]["commitments"][::2]
            rec["agreements"][0]["place"] = None
        preds[p.stem] = rec
        lines.append(json.dumps(rec, ensure_ascii=False))
    out = tmp_path / "p.jsonl"
    out.write_text("\n".join(lines), encoding="utf-8")
    theirs = subprocess.run([sys.executable, str(ref), str(seeds_dir), str(out)], capture_output=True,
                            text=True, check=True).stdout
    mine = report(score(_golds(seeds_dir), preds))
    assert re.sub(r"\s+", " ", mine).strip() == re.sub(r"\s+", " ", theirs).strip()
