"""The core never imports Qt or the window (STYLE.md habit 1)."""
from __future__ import annotations

import subprocess
import sys


def test_the_core_and_the_cli_import_without_qt():
    code = ("import sys, pkgutil, importlib, reviewer.core as c\n"
            "for m in pkgutil.walk_packages(c.__path__, 'reviewer.core.'): importlib.import_module(m.name)\n"
            "assert 'reviewer.core.extraction.pipeline' in sys.modules and 'reviewer.core.store.db' in sys.modules\n"
            "import reviewer.cli\n"
            "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'reviewer.ui'))]\n"
            "assert not bad, bad\n")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_widgets_hold_no_sql():
    from pathlib import Path

    ui = Path(__file__).resolve().parents[2] / "src" / "reviewer" / "ui"
    for py in ui.glob("*.py"):
        text = py.read_text(encoding="utf-8")
        assert "import sqlite" not in text and "SELECT " not in text and ".execute(" not in text, py.name
