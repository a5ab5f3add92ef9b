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
