"""Linking while reviewing, and the overview, as an editor uses them in the window."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from reviewer.core.datasets import gold
from reviewer.core.datasets.linking import Linker
from reviewer.core.intake import read_file
from reviewer.core.records import Record
from reviewer.core.store import Store
from reviewer.core.store.agreements import AgreementTables

DATA = Path(__file__).resolve().parents[1] / "data" / "one_signing"


@pytest.fixture
def linked_db(tmp_path) -> Path:
    """Two outlets' reports of one signing (done, linked) and the 2024 programme of the same
    provinces; the third outlet's report is pending, its machine record as the gold file says."""
    path = tmp_path / "link.db"
    folder = tmp_path / "gold"
    folder.mkdir()
    for stem in ("hd_baohaiduong", "bg_baobacgiang", "hd_2024_program"):
        for suffix in (".txt", ".gold.json"):
            shutil.copy(DATA / (stem + suffix), folder / (stem + suffix))
    with Store(path) as store:
        gold.load(store, [folder])
        linker = Linker(store)
        linker.apply(linker.plan(), reviewer=None)
        article = read_file(DATA / "vn_tintuc.txt")
        record = Record.from_dict(json.loads((DATA / "vn_tintuc.gold.json").read_text(encoding="utf-8")))
        store.add_article(article, record, "test")
    return path


@pytest.fixture
def win(qtbot, linked_db, settings):
    from reviewer.ui.app import build_window, make_application

    make_application()
    w = build_window(linked_db, settings)
    qtbot.addWidget(w)
    w.show()
    w.ensure_reviewer()
    w.start()  # the first pending article: the third outlet's report
    yield w
    w.close()
    w.session.store.close()


def events(win) -> list[str]:
    return [e.action for e in AgreementTables(win.session.store).events(win.article.id)]


def test_the_proposal_shows_beside_the_record_and_links_with_one_key_undoably(qtbot, win):
    panel = win.linking.panel
    assert win.article.source.endswith("vn_tintuc.txt")
    assert panel.isVisible()
    assert "Already in the dataset: Hải Dương – Bắc Giang, 2019-10-05 — 2 articles" in panel.text.text()
    qtbot.keyClick(win, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    tables = AgreementTables(win.session.store)
    entity = tables.linked(win.article.id, 0)
    assert entity is not None and tables.get(entity).n_articles == 3
    assert not panel.isVisible() and events(win) == ["link"]
    win.undo_action.trigger()
    assert tables.linked(win.article.id, 0) is None and tables.get(entity).n_articles == 2
    assert panel.isVisible() and events(win) == ["link", "undo"]
    win.redo_action.trigger()
    assert tables.linked(win.article.id, 0) == entity


def test_keep_separate_hides_the_proposal_until_undone(qtbot, win):
    panel = win.linking.panel
    qtbot.keyClick(win, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert not panel.isVisible() and events(win) == ["separate"]
    win.undo_action.trigger()
    assert panel.isVisible() and events(win) == ["separate", "unseparate"]


def test_the_other_articles_are_one_key_away(qtbot, win):
    first = win.article.id
    qtbot.keyClick(win, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    assert win.article.id != first and win.article.source.endswith(("hd_baohaiduong.txt", "bg_baobacgiang.txt"))


def test_overview_counts_follow_the_year_and_locality_filters(qtbot, win, qtmodeltester):
    qtbot.keyClick(win, Qt.Key.Key_F9)
    view = win.linking.overview
    assert win.linking.dock.isVisible()
    assert view.summary.text().startswith("2 agreements · 3 articles · 2 localities")
    for model in (view.model.pairs, view.model.years, view.model.categories):
        qtmodeltester.check(model)
    assert view.model.years.rows() == [["2019", 1, 0, 0, 0, 1], ["2024", 0, 0, 1, 0, 1]]
    view.year_from.setCurrentIndex(view.year_from.findText("2020"))  # no such year: list is 2019, 2024
    assert view.year_from.findText("2020") == -1
    view.year_from.setCurrentIndex(view.year_from.findText("2024"))
    assert view.summary.text().startswith("1 agreements · 1 articles")
    assert view.model.pairs.rows() == [["Bắc Giang", "Hải Dương", 1]]
    view.year_from.setCurrentIndex(0)
    # clicking a locality in the network filters the overview by it and the queue by its name
    point = view.network.centre_of(next(k for k, loc in view.model.data.localities.items()
                                        if loc.name == "Hải Dương"))
    qtbot.mouseClick(view.network, Qt.MouseButton.LeftButton, pos=QPoint(int(point.x()), int(point.y())))
    assert view.locality.currentText() == "Hải Dương (Hải Phòng)"
    assert view.summary.text().startswith("2 agreements · 3 articles")
    assert win.search_edit.text() == "Hải Dương"
    assert win.queue_model.rowCount() == 4  # every article here names Hải Dương
    view.kind.setCurrentIndex(view.kind.findData("program"))
    assert view.summary.text().startswith("1 agreements · 1 articles · 2 localities · 1 within Việt Nam · 0 with foreign")


def test_f1_lists_the_linking_keys(win):
    keys = dict(win.shortcuts())
    assert keys["Ctrl+G"] == "Link to the agreement in the dataset" and keys["F9"] == "Overview"


def test_an_accepted_record_is_proposed_to_the_next_report_of_its_signing(qtbot, tmp_path, settings):
    """No `reviewer link` run at all: the editor accepts one outlet's report, and the next
    article, another outlet's report of the same signing, shows it as already in the dataset."""
    from reviewer.ui.app import build_window, make_application

    path = tmp_path / "fresh.db"
    with Store(path) as store:
        for stem in ("hd_baohaiduong", "vn_tintuc"):
            article = read_file(DATA / (stem + ".txt"))
            gold_record = json.loads((DATA / (stem + ".gold.json")).read_text(encoding="utf-8"))
            store.add_article(article, Record.from_dict(gold_record), "test")
    make_application()
    w = build_window(path, settings)
    qtbot.addWidget(w)
    with qtbot.waitActive(w):  # window shortcuts reach the active window only
        w.show()
        w.activateWindow()
    w.ensure_reviewer()
    w.start()
    try:
        assert w.article.source.endswith("hd_baohaiduong.txt") and not w.linking.panel.isVisible()
        qtbot.keyClick(w, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # accept, next
        assert w.article.source.endswith("vn_tintuc.txt")
        assert w.linking.panel.isVisible()
        assert AgreementTables(w.session.store).count() == 1
        assert "Already in the dataset: Hải Dương – Bắc Giang, 2019-10-05 — 1 articles" in w.linking.panel.text.text()
        qtbot.keyClick(w, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # accepted, not linked
        assert AgreementTables(w.session.store).count() == 1  # left for the editor or `reviewer link`
        w.undo_action.trigger()
        w.undo_action.trigger()  # both acceptances undone: nothing is in the dataset any more
        assert AgreementTables(w.session.store).count() == 0
    finally:
        w.close()
        w.session.store.close()


def test_the_overview_closes_with_escape_or_f9_and_the_keyboard_returns_to_the_article(qtbot, win):
    from PySide6.QtWidgets import QApplication

    for key in (Qt.Key.Key_Escape, Qt.Key.Key_F9):
        qtbot.keyClick(win, Qt.Key.Key_F9)
        dock = win.linking.dock
        assert dock.isVisible()
        dock.activateWindow()
        win.linking.overview.setFocus()
        qtbot.waitUntil(lambda: dock.isActiveWindow() and dock.isAncestorOf(QApplication.focusWidget()))
        qtbot.keyClick(QApplication.focusWidget(), key)
        assert not dock.isVisible()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is win.article_view)


def test_f9_closes_a_docked_overview_only_from_inside_it(qtbot, win):
    from PySide6.QtWidgets import QApplication

    qtbot.keyClick(win, Qt.Key.Key_F9)
    dock = win.linking.dock
    dock.setFloating(False)
    win.activateWindow()
    win.focus_article()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is win.article_view)
    qtbot.keyClick(win.article_view, Qt.Key.Key_F9)  # from the article: the overview stays (raised)
    assert dock.isVisible()
    win.linking.overview.setFocus()
    qtbot.waitUntil(lambda: dock.isAncestorOf(QApplication.focusWidget()))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F9)
    assert not dock.isVisible()
