"""UI test fixtures: offscreen Qt, a temporary database with the seeds, temporary settings."""
from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from reviewer.core.intake import read_file  # noqa: E402
from reviewer.core.records import Record, Span  # noqa: E402
from reviewer.core.store import Store  # noqa: E402

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def machine_record(article) -> Record:
    """The seed's gold record with spans found in the text, as if the machine had extracted it."""
    gold = json.loads((SEEDS / (Path(article.source).stem + ".gold.json")).read_text(encoding="utf-8"))
    record = Record.from_dict(gold)
    text = article.text
    agreements = []
    for a in record.agreements:
        parties = []
        for p in a.parties:
            i = text.find(p.name)
            parties.append(replace(p, span=Span(i, i + len(p.name)) if i >= 0 else None))
        comms = []
        for c in a.commitments:
            i = text.find(c.text)
            comms.append(replace(c, span=Span(i, i + len(c.text)) if i >= 0 else None))
        place_span = None
        if a.place and (i := text.find(a.place)) >= 0:
            place_span = Span(i, i + len(a.place))
        agreements.append(replace(a, parties=tuple(parties), commitments=tuple(comms), place_span=place_span))
    return replace(record, source=article.source, title=article.title,
                   published_span=article.published_span, agreements=tuple(agreements))


@pytest.fixture
def seeded_db(tmp_path) -> Path:
    """A database holding the five seeds, each with a machine record built from its gold file."""
    path = tmp_path / "review.db"
    with Store(path) as store:
        for txt in sorted(SEEDS.glob("*.txt")):
            article = read_file(txt)
            store.add_article(article, machine_record(article), "test")
    return path


@pytest.fixture
def settings(tmp_path):
    """Settings in a temporary INI file, with the reviewer's name already given."""
    from PySide6.QtCore import QSettings

    s = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    s.setValue("reviewer/name", "Lan")
    s.setValue("language", "en")
    return s


@pytest.fixture
def window(qtbot, seeded_db, settings):
    """The review window over the seeded database (English), shown offscreen, first pending open."""

    win = open_window(qtbot, seeded_db, settings, focus=False)
    yield win
    win.close()
    win.session.store.close()


def open_window(qtbot, db, settings, focus: bool = True):
    """The review window over `db`, shown offscreen, its first pending article open; with `focus`,
    once the article holds the keyboard (as a reviewer finds it)."""
    from PySide6.QtWidgets import QApplication

    from reviewer.ui.app import build_window, make_application

    make_application()
    win = build_window(db, settings)
    qtbot.addWidget(win)
    win.show()
    win.ensure_reviewer()
    win.start()
    if focus:
        win.activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is win.article_view)
    return win
