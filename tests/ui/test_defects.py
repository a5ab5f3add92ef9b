"""The defects of issue 8, each reproduced with keys sent to the focused widget, as a user types.

Each test checks what the reviewer sees and what the database holds."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.ui.conftest import open_window
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCursor
from PySide6.QtWidgets import QApplication

from reviewer.core.store import Store
from ui_keys import Keyboard


@pytest.fixture
def kb(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return Keyboard()


def _stored(db, article_id):
    with Store(db) as store:
        return store.record(article_id)


def _put_cursor(win, needle: str, offset: int = 0) -> int:
    """Where the reviewer clicked: the cursor before `needle` (+ offset), nothing selected."""
    pos = win.article.text.index(needle) + offset
    win.article_view.select_codepoints(pos, pos)
    return pos


# 1 ----------------------------------------------------------------------------------------
def test_1_a_date_typed_the_vietnamese_way_is_saved_as_iso(window, kb, seeded_db):
    """'17/11/2019' + Enter shows and stores 2019-11-17; '1711' stays red, is not saved, and
    Escape brings back the stored date."""
    win = window
    kb.press("Ctrl+D")
    assert QApplication.focusWidget() is win.editor.signed_on_edit
    kb.type("17/11/2019")
    kb.press("Return")
    assert win.editor.signed_on_edit.text() == "2019-11-17"
    assert win.editor.signed_on_origin.text() == "edited"
    assert QApplication.focusWidget() is win.article_view
    assert _stored(seeded_db, win.article.id).record.agreements[0].signed_on == "2019-11-17"

    kb.press("Ctrl+D")
    kb.type("1711")
    kb.press("Return")
    assert win.editor.signed_on_edit.property("problem")  # red, with the reason as its tooltip
    assert "“1711” is not a date: not saved" in win.statusBar().currentMessage()  # and said in words
    assert QApplication.focusWidget() is win.editor.signed_on_edit  # still there to be fixed
    assert _stored(seeded_db, win.article.id).record.agreements[0].signed_on == "2019-11-17"
    kb.press("Esc")
    assert win.editor.signed_on_edit.text() == "2019-11-17"
    assert not win.editor.signed_on_edit.property("problem") and not win.statusBar().currentMessage()
    assert QApplication.focusWidget() is win.article_view

    kb.press("Ctrl+D")
    kb.type("17-11")  # no year: the article's own year, or --MM-DD when it has none
    kb.press("Return")
    expected = (win.curated.record.published[:4] + "-11-17") if win.curated.record.published else "--11-17"
    assert _stored(seeded_db, win.article.id).record.agreements[0].signed_on == expected


# 2 ----------------------------------------------------------------------------------------
def _background(view, utf16_pos: int) -> QColor | None:
    c = QTextCursor(view.document())
    c.setPosition(utf16_pos + 1)
    brush = c.charFormat().background()
    return None if brush.style() == Qt.BrushStyle.NoBrush else brush.color()


def test_2_the_next_article_keeps_its_own_colours_when_the_cursor_was_in_a_highlight(window, kb):
    """Tab puts the cursor in a highlight; Alt+Down opens the next article, and only its fields
    are coloured (then the one after that too)."""
    win = window
    kb.press("Tab", "Tab", "Right", "Right")
    assert win.article_view.field_at(win.article_view.textCursor().position())
    for _ in range(2):
        kb.press("Alt+Down")
        view = win.article_view
        inside = set()
        for _path, _kind, s, e in view.highlighted():
            inside.update(range(s, e))
        plain = [i for i in range(0, len(win.article.text) - 1, 7) if i not in inside]
        assert plain and all(_background(view, i) is None for i in plain)
        _path, kind, s, _e = view.highlighted()[0]
        assert _background(view, s) is not None
        kb.press("Tab", "Right", "Right")  # the cursor in a highlight again before the next switch


# 4 ----------------------------------------------------------------------------------------
def _blue_rows(win) -> list[int]:
    """Rows of the queue painted in the selection colour, as on the screen (the window's
    backing store, not a fresh repaint)."""
    QApplication.processEvents()
    view = win.queue_view
    image = win.screen().grabWindow(win.winId()).toImage()
    origin = view.viewport().mapTo(win, view.viewport().rect().topLeft())
    rows = []
    for row in range(win.queue_model.rowCount()):
        rect = view.visualRect(win.queue_model.index(row, 0))
        if rect.isValid() and rect.bottom() < view.viewport().height():
            x, y = origin.x() + rect.right() - 2, origin.y() + rect.top() + 1  # beside the text
            if image.pixelColor(x, y) == QColor("#2563eb"):
                rows.append(row)
    return rows


def test_4_the_queue_shows_exactly_one_selected_row(window, kb):
    win = window
    for keys in (["Alt+Down"], ["Alt+Down"], ["Alt+Up"], ["Ctrl+Return"], ["Alt+Down"]):
        kb.press(*keys)
        row = win.queue_model.row_of(win.article.id)
        assert _blue_rows(win) == [row]
        assert [i.row() for i in win.queue_view.selectionModel().selectedRows()] == [row]


# 7 ----------------------------------------------------------------------------------------
def test_7_not_an_agreement_exports_no_agreement_rows(window, kb, qtbot, seeded_db, tmp_path):
    """Ctrl+Shift+N: the record keeps no agreement (its history still has what the machine
    found); the CSV export (one row per commitment) has no row of it."""
    import csv

    win = window
    first = win.article.id
    machine_parties = [p.name for p in win.curated.record.agreements[0].parties]
    kb.press("Ctrl+Shift+N")
    assert win.article.id != first
    saved = _stored(seeded_db, first)
    assert saved.status == "not_an_agreement" and saved.record.agreements == ()
    with Store(seeded_db) as store:
        assert [p.name for p in store.history(first)[0].record.agreements[0].parties] == machine_parties
    target = tmp_path / "reviewed.csv"
    win.ask_export_target = lambda: (str(target), "csv")
    with qtbot.waitSignal(win._jobs().worker.finished, timeout=30000):
        assert win.export()
    rows = list(csv.DictReader(target.read_text(encoding="utf-8-sig").splitlines()))
    # the article keeps its one row (an article with no agreement is still in the table), empty
    assert len(rows) == 1 and rows[0]["article_id"] == f"id:{first}"
    assert not any(rows[0][k] for k in ("agreement", "kind", "parties", "signed_on", "commitment"))


# 8 ----------------------------------------------------------------------------------------
def test_8_a_mis_selection_is_flagged_a_bare_name_keeps_its_level_an_edited_date_loses_its_highlight(
        window, kb, seeded_db):
    win = window
    text = win.article.text
    # a mis-selection: grown to whole syllables, kept (on purpose) but drawn red with a reason
    start = text.index("tế - xã hội")
    win.article_view.select_codepoints(start + 1, start + 10)
    kb.press("p")
    model = win.editor.parties_model
    row = model.rowCount() - 1
    assert model.index(row, 0).data() == "tế - xã hội"
    assert model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole) == QColor("#fecaca")
    assert "proper name" in model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is None  # Hoàng Mai is a unit
    # a bare name takes the level of the unit it names
    bare = text.index("Thanh Hóa và Nghệ An")
    win.article_view.select_codepoints(bare, bare + len("Thanh Hóa"))
    kb.press("p")
    party = _stored(seeded_db, win.article.id).record.agreements[0].parties[-1]
    assert (party.name, party.level, party.province_2025) == ("Thanh Hóa", "tỉnh", "Thanh Hóa")
    # a date marked in the text, then typed over: the old words lose their highlight
    _put_cursor(win, "25/3", 1)
    kb.press("d")
    assert win.article_view.span_of(("signed_on", 0)) is not None
    kb.press("Ctrl+D")
    kb.type("17/11/2019")
    kb.press("Return")
    assert win.article_view.span_of(("signed_on", 0)) is None
    a = _stored(seeded_db, win.article.id).record.agreements[0]
    assert (a.signed_on, a.signed_on_span) == ("2019-11-17", None)


# 9 ----------------------------------------------------------------------------------------
def _read_only(win, db):
    win.session.store.db.execute("PRAGMA query_only = 1")
    return lambda: win.session.store.db.execute("PRAGMA query_only = 0")


def _locked(win, db):
    win.session.store.db.execute("PRAGMA busy_timeout = 100")
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    return lambda: (other.execute("ROLLBACK"), other.close())


def _disk_full(win, db):
    conn = win.session.store.db
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")
    return lambda: conn.execute("PRAGMA max_page_count = 1073741823")


@pytest.mark.parametrize("fault, words", [(_read_only, "the database file is read-only"),
                                          (_locked, "another program holds the database"),
                                          (_disk_full, "the disk is full")])
def test_9_a_save_that_fails_is_marked_unsaved_said_in_words_and_the_window_stays(
        window, kb, seeded_db, fault, words):
    win = window
    first = win.article.id
    before = _stored(seeded_db, first)
    release = fault(win, seeded_db)
    kb.press("Tab", "Del")  # remove the first party: the save fails
    assert win.editor.unsaved_banner.isVisible() and words in win.editor.unsaved_banner.text()
    assert win.unsaved_label.isVisible() and words in win.unsaved_label.text()
    assert win.undo_stack.count() == 0  # nothing unsaved sits on the undo stack
    kb.press("Ctrl+Return")  # accept: not saved either, so the window does not move on
    assert win.article.id == first
    kb.press("Alt+Down")
    assert win.article.id == first
    assert _stored(seeded_db, first).revision == before.revision
    release()
    kb.press("Ctrl+Return")  # saved now: the removal and the accept, and on to the next article
    assert win.article.id != first
    assert not win.unsaved_label.isVisible()
    saved = _stored(seeded_db, first)
    assert saved.status == "done"
    assert len(saved.record.agreements[0].parties) == len(before.record.agreements[0].parties) - 1


def test_9_a_record_with_a_year_that_is_no_number_opens_with_the_field_flagged(qtbot, seeded_db, settings):
    """A period year stored as text: the window opens it, flags the year, and does not
    overwrite it when the reviewer moves on."""
    from dataclasses import replace

    from reviewer.core.records import Period

    with Store(seeded_db) as store:
        first = store.next_id(None, "pending")
        cur = store.record(first)
        a = cur.record.agreements[0]
        bad = replace(cur.record, agreements=(replace(a, period=Period("2020/21", 2025)),))
        store.save(first, bad, status="pending", reviewer=None, expected_revision=cur.revision)
    win = open_window(qtbot, seeded_db, settings, focus=False)
    assert win.article.id == first
    assert "2020/21" in win.editor.period_from.property("problem")
    assert win.editor.period_to.value() == 2025
    kb = Keyboard()
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    kb.press("Alt+Down")
    assert win.article.id != first
    assert _stored(seeded_db, first).record.agreements[0].period.start == "2020/21"
    win.close()
    win.session.store.close()


# 5 ----------------------------------------------------------------------------------------
def _has_phrase(text: str, phrase: str) -> bool:
    import re

    from reviewer.core.vntext import ascii_key

    words = [ascii_key(w) for w in re.findall(r"\w+", text)]
    want = [ascii_key(w) for w in phrase.split()]
    return any(words[i:i + len(want)] == want for i in range(len(words)))


def _queue_ids(win):
    return [win.queue_model.article_id(r) for r in range(win.queue_model.rowCount())]


def test_5_search_finds_the_phrase_and_the_locality_filter_the_party(window, kb, seeded_db):
    """Ctrl+F "Thanh Hoa": the articles where those two words stand together (any diacritics),
    not those with "thành … hoạt"; the locality filter "Nghi Son" keeps the articles with a
    party Nghi Sơn."""
    win = window
    with Store(seeded_db) as store:
        texts = {a.id: a.text for a, _ in store.curated()}
        with_nghi_son = [a.id for a, c in store.curated()
                         if any(p.name == "Nghi Sơn" for ag in c.record.agreements for p in ag.parties)]
    kb.press("Ctrl+F")
    assert QApplication.focusWidget() is win.queue_panel.search_edit
    kb.type("Thanh Hoa")
    kb.press("Return")  # the first article found opens, the keyboard in its text
    expected = [aid for aid, t in texts.items() if _has_phrase(t, "Thanh Hoa")]
    assert sorted(_queue_ids(win)) == sorted(expected)
    assert 0 < len(expected) < len(texts)
    assert win.article.id == _queue_ids(win)[0] and QApplication.focusWidget() is win.article_view
    kb.press("Ctrl+F", "Down")  # Down: into the list found
    assert QApplication.focusWidget() is win.queue_view
    kb.press("Ctrl+F", "Esc")  # Escape clears the search
    assert win.queue_model.rowCount() == len(texts) and not win.queue_panel.search_edit.text()
    assert QApplication.focusWidget() is win.queue_panel.search_edit
    kb.press("Tab", "Tab")
    assert QApplication.focusWidget() is win.queue_panel.locality_filter.lineEdit() \
        or QApplication.focusWidget() is win.queue_panel.locality_filter
    kb.type("Nghi Son")
    kb.press("Return")
    assert sorted(_queue_ids(win)) == sorted(with_nghi_son) and with_nghi_son
    assert win.queue_view.selectionModel().selectedRows() == [] or win.article.id in with_nghi_son
    kb.press("Ctrl+F", "Esc")  # Escape in an empty search box: back to the article
    assert QApplication.focusWidget() is win.article_view


# 6 ----------------------------------------------------------------------------------------
def _in_dialog(win, qtbot, keys):
    """Run `keys` (a Keyboard action) once the modal export dialog has the keyboard."""
    from PySide6.QtCore import QTimer

    def act():
        dialog = getattr(win, "export_dialog", None)
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(50, act)
            return
        keys(dialog)
    QTimer.singleShot(50, act)


def test_6_the_export_format_follows_the_file_name_and_the_folder_is_remembered(window, kb, qtbot, tmp_path):
    """Ctrl+E, type reviewed.csv with "JSON Lines" still picked, Enter: CSV is written. The next
    Ctrl+E starts in that folder with that type. The dialog is Qt's own, in the window's words.
    With nothing reviewed yet, Ctrl+E says so instead of writing an empty file."""
    from PySide6.QtWidgets import QFileDialog

    win = window
    kb.press("Ctrl+E")
    assert "Nothing reviewed yet" in win.statusBar().currentMessage()
    assert getattr(win, "export_dialog", None) is None and QApplication.focusWidget() is win.article_view
    kb.press("Ctrl+Return")  # one reviewed record
    seen = {}

    def save_as(name):
        def keys(dialog):
            seen["native"] = not dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
            seen["accept"] = dialog.labelText(QFileDialog.DialogLabel.Accept)
            seen["folder"] = dialog.directory().absolutePath()
            seen["filter"] = dialog.selectedNameFilter()
            if "follow" not in seen:  # picking another type renames the file to match
                from PySide6.QtWidgets import QComboBox, QLineEdit

                dialog.findChild(QComboBox, "fileTypeCombo").setFocus()
                kb.press("Down")
                seen["follow"] = dialog.findChild(QLineEdit, "fileNameEdit").text()
                kb.press("Up")
                dialog.findChild(QLineEdit, "fileNameEdit").setFocus()
            kb.press("Ctrl+A")
            kb.type(name)
            kb.press("Return")
        return keys

    _in_dialog(win, qtbot, save_as(str(tmp_path / "reviewed.csv")))
    with qtbot.waitSignal(win._jobs().worker.finished, timeout=30000) as blocker:
        kb.press("Ctrl+E")
    assert seen["native"] is False and seen["accept"] == "Export" and seen["filter"].startswith("JSON Lines")
    assert seen["follow"] == "reviewed.csv"
    assert blocker.args[0]["path"] == str(tmp_path / "reviewed.csv")
    assert (tmp_path / "reviewed.csv").read_text(encoding="utf-8-sig").startswith("article_id,source,title")
    qtbot.waitUntil(lambda: "reviewed record(s)" in win.statusBar().currentMessage())

    _in_dialog(win, qtbot, save_as("again"))  # no extension: the picked type's, CSV as last time
    assert QApplication.focusWidget() is win.article_view  # the keyboard is back in the text
    with qtbot.waitSignal(win._jobs().worker.finished, timeout=30000) as blocker:
        kb.press("Ctrl+E")
    assert seen["folder"] == str(tmp_path) and seen["filter"].startswith("CSV")
    assert blocker.args[0]["path"] == str(tmp_path / "again.csv")
    assert (tmp_path / "again.csv").read_text(encoding="utf-8-sig").startswith("article_id,source,title")


def test_6_the_file_dialog_speaks_vietnamese_and_first_opens_in_documents_not_the_program_folder(window, kb, qtbot):
    """In Vietnamese, every word of Qt's own file dialog is Vietnamese: labels, buttons, the file
    list's columns, the side bar, the tool buttons' tips. Nothing remembered yet: it starts in the
    reviewer's Documents (or home) folder, not the folder the program runs from."""
    import os

    from PySide6.QtCore import QDir, QStandardPaths, Qt
    from PySide6.QtWidgets import QDialogButtonBox, QLabel, QListView, QToolButton, QTreeView

    win = window
    win.set_language("vi")
    seen = {}

    def look(dialog):
        tree = dialog.findChild(QTreeView, "treeView")
        header = tree.model()
        seen["columns"] = [header.headerData(c, Qt.Orientation.Horizontal) for c in range(header.columnCount())]
        side = dialog.findChild(QListView, "sidebar")
        seen["side"] = [side.model().index(r, 0).data() for r in range(side.model().rowCount())]
        seen["tips"] = [b.toolTip() for b in dialog.findChildren(QToolButton) if b.toolTip()]
        seen["labels"] = [w.text() for w in dialog.findChildren(QLabel) if w.isVisible() and w.text()]
        seen["buttons"] = [b.text() for b in dialog.findChild(QDialogButtonBox).buttons()]
        seen["folder"] = dialog.directory().absolutePath()
        kb.press("Esc")

    kb.press("Ctrl+Return")  # something to export
    _in_dialog(win, qtbot, look)
    kb.press("Ctrl+E")
    english = {"Name", "Size", "Type", "Kind", "Date Modified", "Computer", "Back", "Forward", "Parent Directory",
               "Create New Folder", "List View", "Detail View", "Look in:", "File name:", "Files of type:",
               "Cancel", "Save", "&Save", "Export"}
    words = seen["columns"] + seen["side"] + seen["tips"] + seen["labels"] + seen["buttons"]
    assert len(seen["columns"]) == 4 and len(seen["tips"]) >= 5 and len(seen["buttons"]) == 2
    assert not english & set(words), english & set(words)
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert seen["folder"] == (docs if docs and os.path.isdir(docs) else QDir.homePath())
    assert seen["folder"] != str(Path(__file__).resolve().parents[2])  # not the program's folder
    assert QApplication.focusWidget() is win.article_view


# 10 ---------------------------------------------------------------------------------------
def test_10_levels_origins_and_statuses_are_not_cut_and_a_big_saved_window_fits_a_small_screen(
        window, kb, qtbot, seeded_db, settings):
    """In Vietnamese at 1366×768, every level, origin and status word fits its column, and the
    queue's titles get the queue's width. A geometry saved for a bigger screen, with the queue
    squeezed to 70 px, reopens inside the screen with a usable queue."""
    from reviewer.core.records import LEVELS, ORIGINS, STATUSES
    from reviewer.ui.app import build_window
    from reviewer.ui.labels import origin_label, status_label

    win = window
    win.set_language("vi")
    win.resize(1366, 768)  # the test screen is 800 px wide: lay out as a first run at 1366 would
    win.reset_layout()
    qtbot.wait(10)
    for view, col, words in ((win.editor.parties_view, 1, LEVELS),
                             (win.editor.parties_view, 4, [origin_label(o) for o in ORIGINS]),
                             (win.editor.commitments_view, 4, [origin_label(o) for o in ORIGINS])):
        fm = view.fontMetrics()
        assert all(fm.horizontalAdvance(w) + 8 <= view.columnWidth(col) for w in words), (col, words)
    queue = win.queue_view
    title_width = queue.columnWidth(0)
    fm = queue.fontMetrics()
    widest = max(fm.horizontalAdvance(status_label(s)) for s in STATUSES)
    assert widest + 16 < title_width  # the status comes first on a row's second line
    assert title_width >= fm.horizontalAdvance("x" * 40), (win.width(), title_width)

    # a window saved wide with a 70 px queue, opened on this (800 px) screen
    win.splitter.setSizes([70, 700, 596])
    win.close()
    again = build_window(seeded_db, settings)
    qtbot.addWidget(again)
    again.show()
    screen = again.screen().availableGeometry()
    assert screen.contains(again.frameGeometry())
    assert again.splitter.sizes()[0] >= 200
    again.close()
    again.session.store.close()


def test_10_the_first_run_opens_maximised_on_its_screen(qtbot, seeded_db, settings):
    """No saved geometry: the window opens maximised on its screen, whatever the screen's size,
    and reopens so after closing."""
    from reviewer.ui.app import build_window

    for _run in ("first", "second"):
        win = build_window(seeded_db, settings)
        qtbot.addWidget(win)
        win.show()
        avail = win.screen().availableGeometry()
        qtbot.waitUntil(lambda: win.isMaximized() and avail.contains(win.frameGeometry()))
        assert win.width() >= avail.width() - 16 and win.height() >= avail.height() - 48
        win.close()
        win.session.store.close()


def test_9_closing_with_an_unsaved_change_asks_first(window, kb, seeded_db):
    """The disk is read-only and a party was removed: closing asks; "keep open" keeps the window
    and the change in view; once the file is writable again, closing saves it without asking."""
    win = window
    release = _read_only(win, seeded_db)
    kb.press("Tab", "Del")
    asked = []
    win.ask_quit_unsaved = lambda why: asked.append(why) or False
    assert not win.close()
    assert asked == ["the database file is read-only"] and win.isVisible()
    release()
    assert win.close()
    assert len(asked) == 1
    assert len(_stored(seeded_db, win.article.id).record.agreements[0].parties) == 1


def test_9_a_record_holding_values_of_the_wrong_type_opens_flagged_and_is_not_rewritten(qtbot, seeded_db, settings):
    """A record written by hand with numbers where text belongs and text where years belong:
    the window opens it (no crash at start-up), flags the date and the year, moving away and
    back rewrites nothing; accepting it saves it."""
    import json


    with Store(seeded_db) as store:
        first = store.next_id(None, "pending")
    bad = {"published": 2019, "agreements": [{
        "kind": "weird", "parties": [{"name": 123, "level": "xyz", "country": None}, {"name": "Vinh"}],
        "signed_on": 20191117, "place": 5, "period": {"from": "abc", "to": None},
        "commitments": [{"text": None, "amount": 3, "giver": 7}]}]}
    with sqlite3.connect(seeded_db) as other:
        other.execute("UPDATE records SET record = ? WHERE article_id = ?", [json.dumps(bad), first])
        before = other.execute("SELECT record, revision FROM records WHERE article_id = ?", [first]).fetchone()
    win = open_window(qtbot, seeded_db, settings)
    assert win.article.id == first
    assert "20191117" in win.editor.signed_on_edit.property("problem")
    assert "'abc'" in win.editor.period_from.property("problem")
    assert win.editor.parties_model.index(0, 0).data() == "123"
    win.grab()  # every part paints
    kb = Keyboard()
    kb.press("Alt+Down", "Alt+Up")
    assert win.article.id == first
    with sqlite3.connect(seeded_db) as other:
        assert other.execute("SELECT record, revision FROM records WHERE article_id = ?", [first]).fetchone() == before
    kb.press("Ctrl+Return")
    assert win.article.id != first
    assert _stored(seeded_db, first).status == "done"
    win.close()
    win.session.store.close()


def test_9_a_period_from_1944_is_kept_when_the_panel_sends_on_what_was_typed(qtbot, seeded_db, settings):
    """The year box's lowest value means "not given": a stored 1944 must not read as that and be
    erased by the next Ctrl+H, Alt+Right or article switch (each sends on what was typed)."""
    from dataclasses import replace

    from reviewer.core.records import Period

    with Store(seeded_db) as store:
        aid = store.queue(status=None, search=None, offset=0, limit=1)[0].id
        cur = store.record(aid)
        a = cur.record.agreements[0]
        record = replace(cur.record, agreements=(replace(a, period=Period(1944, 1950)), *cur.record.agreements[1:]))
        store.save(aid, record, status="in_review", reviewer="Lan", expected_revision=cur.revision)
        revisions = len(store.history(aid))
    win = open_window(qtbot, seeded_db, settings)
    win.open_article(aid)
    kb = Keyboard()
    kb.press("Alt+Down", "Alt+Up")
    with Store(seeded_db) as store:
        assert len(store.history(aid)) == revisions
        assert store.record(aid).record.agreements[0].period.start == 1944
    assert win.editor.period_from.text() == "1944"
    win.close()
    win.session.store.close()
