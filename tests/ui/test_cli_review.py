"""`reviewer` and `reviewer review` open the window; without a display they say what to do."""
from __future__ import annotations

from click.testing import CliRunner

from reviewer import cli


def test_reviewer_alone_and_review_open_the_window_on_the_given_database(monkeypatch, tmp_path):
    opened = []
    monkeypatch.setattr("reviewer.ui.app.run", lambda db, seed: opened.append((db, seed)) or 0)
    runner = CliRunner()
    assert runner.invoke(cli.main, ["--db", str(tmp_path / "a.db")]).exit_code == 0
    assert runner.invoke(cli.main, ["--db", str(tmp_path / "b.db"), "review", "--seed-from", str(tmp_path)]).exit_code == 0
    assert opened == [(tmp_path / "a.db", None), (tmp_path / "b.db", tmp_path)]


def test_without_a_display_the_window_says_how_to_start_instead_of_aborting(monkeypatch, tmp_path):
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    result = CliRunner().invoke(cli.main, ["--db", str(tmp_path / "a.db"), "review"])
    assert result.exit_code == 2
    assert "xvfb-run" in result.output
