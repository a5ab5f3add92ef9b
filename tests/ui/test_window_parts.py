"""Models, the import worker, saving across a restart, conflicts, help, words, platform check."""
from __future__ import annotations

import sys

import pytest
from hypothesis import given, strategies as st
from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor

from reviewer.core.records import Record
from reviewer.core.store import Store
from reviewer.core.vntext import codepoint_offset, utf16_offset
from reviewer.ui.offsets import OffsetMap
from reviewer.ui import fields

SEEDS = __import__("pathlib").Path(__file__).resolve().parents[2] / "seeds"


# ---------------------------------------------------------------- offsets
@given(st.text(alphabet=st.sampled_from("aĐờ😀𝄞\n ơ"), max_size=40), st.data())
def test_offsets_agree_with_the_core_helpers(text, data):
    """Qt positions and Python positions convert the same way as vntext's reference helpers."""
    m = OffsetMap(text)
    i = data.draw(st.integers(0, len(text)))
    assert m.to_utf16(i) == utf16_offset(text, i)
    u = data.draw(st.integers(0, len(text.encode("utf-16-le")) // 2))
    assert m.to_codepoint(u) == codepoint_offset(text, u)


def test_a_highlight_after_an_emoji_covers_the_right_words(qtbot):
    """Text with characters outside the BMP: the highlighted words are exactly the span's words."""
    from reviewer.core.records import Span
    from reviewer.ui.article_view import ArticleView

    view = ArticleView()
    qtbot.addWidget(view)
    text = "😀😀 tỉnh Bắc Giang 𝄞 ký kết"
    start = text.index("Bắc")
    view.set_article(text, [(("party", 0, 0), "party", Span(start, start + 9))])
    hit = view.field_at(OffsetMap(text).to_utf16(start + 1))
    assert hit == (("party", 0, 0), "party")
    view.select_codepoints(start, start + 9)
    assert view.textCursor().selectedText() == "Bắc Giang"
    assert view.selection() == (start, start + 9)


# ---------------------------------------------------------------- pure edits
@pytest.mark.parametrize("value,ok", [("2019-10-05", True), ("--10-05", True), ("2019-10", True), ("2019", True),
                                      ("2019-13", False), ("5/10/2019", False), ("--13-01", False), ("", False)])
def test_signing_dates_accept_only_the_partial_iso_forms(value, ok):
    assert fields.valid_partial_date(value) is ok


def test_words_selected_in_the_text_become_field_values():
    assert fields.party_from_text("tỉnh  Bắc\nGiang") == ("Bắc Giang", "tỉnh")
    assert fields.party_from_text("TP Chí Linh") == ("Chí Linh", "thành phố")
    assert fields.date_from_text("Chiều 5.10", "2019-10-05") == "2019-10-05"
    assert fields.date_from_text("ngày 25/3", None) == "--03-25"
    assert fields.date_from_text("tháng 7 năm 2024") == "2024-07"
    assert fields.period_from_text("giai đoạn 2021-2025") == (2021, 2025)
    assert fields.period_from_text("đến năm 2030") == (None, 2030)


# ---------------------------------------------------------------- models
def test_every_model_passes_the_model_tester(window, qtmodeltester):
    qtmodeltester.check(window.queue_model)
    qtmodeltester.check(window.editor.parties_model)
    qtmodeltester.check(window.editor.commitments_model)


def test_the_queue_loads_page_by_page_and_filters_by_status_and_search(qtbot, tmp_path, qtmodeltester):
    """450 articles: 200 rows at first, more as the view asks; a search narrows them via FTS."""
    from reviewer.core.intake import make_article
    from reviewer.ui.models import QueueModel
    from reviewer.ui.session import ReviewSession

    with Store(tmp_path / "q.db") as store:
        with store.db.atomic():  # one transaction for the fixture (each add_article nests in it)
            for n in range(450):
                place = "Thanh Hóa" if n % 50 == 0 else "Nghệ An"
                store.add_article(make_article(f"Bài {n} về hợp tác với {place}\n\nNội dung {n}.", f"a{n}.txt"),
                                  Record(), "t")
        session = ReviewSession(store)
        model = QueueModel(session)
        model.set_filter(None, "")
        assert model.rowCount() == 200 and model.canFetchMore()
        model.fetchMore()
        model.fetchMore()
        assert model.rowCount() == 450 and not model.canFetchMore()
        qtmodeltester.check(model)
        model.set_filter(None, "thanh hoa")
        assert model.rowCount() == 9
        model.set_filter("done", "")
        assert model.rowCount() == 0
        qtmodeltester.check(model)


# ---------------------------------------------------------------- import worker
def test_importing_a_folder_runs_in_the_background_and_fills_the_queue(qtbot, tmp_path, settings):
    """File → Import folder: a progress bar shows, the window stays usable, five articles appear."""
    from reviewer.ui.app import build_window, make_application

    make_application()
    win = build_window(tmp_path / "empty.db", settings)
    qtbot.addWidget(win)
    win.show()
    assert win.queue_model.rowCount() == 0
    win.ask_import_paths = lambda folder: [str(SEEDS)]
    with qtbot.waitSignal(win._jobs().worker.finished, timeout=60000) as blocker:
        assert win.import_from(folder=True)
        assert win.job_bar.isVisible() and win.cancel_button.isVisible()
    assert blocker.args[0]["added"] == 5
    qtbot.waitUntil(lambda: win.queue_model.rowCount() == 5)
    assert not win.job_bar.isVisible()
    assert win.article is not None  # the first pending article opened
    assert win.progress_label.text().startswith("0 / 5 done · 0 today")
    win.close()
    win.session.store.close()


def test_a_failing_import_is_reported_not_lost(qtbot, tmp_path, settings):
    from reviewer.ui.app import build_window, make_application

    make_application()
    win = build_window(tmp_path / "e.db", settings)
    qtbot.addWidget(win)
    messages = []
    win.show_message = lambda title, text: messages.append(text)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    with qtbot.waitSignal(win._jobs().worker.finished, timeout=30000) as blocker:
        win.import_from(paths=[str(bad)])
    assert blocker.args[0]["failures"]
    qtbot.waitUntil(lambda: bool(messages))
    assert "empty" in messages[0]
    win.close()
    win.session.store.close()


def test_export_writes_the_reviewed_records(window, qtbot, tmp_path):
    win = window
    win.accept_and_next()
    target = tmp_path / "out.jsonl"
    win.ask_export_target = lambda: (str(target), "jsonl")
    with qtbot.waitSignal(win._jobs().worker.finished, timeout=30000) as blocker:
        assert win.export()
    assert blocker.args[0]["count"] == 1
    assert len(target.read_text(encoding="utf-8").splitlines()) == 1


def test_export_to_a_workbook_opens_in_a_spreadsheet_with_the_reviewed_rows(window, qtbot, tmp_path):
    from openpyxl import load_workbook

    win = window
    win.accept_and_next()
    target = tmp_path / "reviewed.xlsx"
    win.ask_export_target = lambda: (str(target), "xlsx")
    with qtbot.waitSignal(win._jobs().worker.finished, timeout=30000):
        assert win.export()
    header, *rows = load_workbook(target, read_only=True)["agreements"].iter_rows(values_only=True)
    assert header[0] == "article_id" and rows and {r[4] for r in rows} == {"done"}


# ---------------------------------------------------------------- never losing work
def test_closing_mid_edit_and_reopening_shows_everything_that_was_saved(qtbot, seeded_db, settings):
    """The reviewer types a place and closes the window without pressing Enter; on reopening the
    same article is shown with that place, the window where it was."""
    from reviewer.ui.app import build_window, make_application

    make_application()
    win = build_window(seeded_db, settings)
    qtbot.addWidget(win)
    win.show()
    win.start()
    aid = win.article.id
    win.editor.parties_view.selectRow(0)
    win.editor.remove_party_button.click()
    win.editor.place_edit.setFocus()
    win.editor.place_edit.selectAll()
    win.editor.place_edit.insert("Hoàng Mai")  # typed, Enter not pressed (QTest types ASCII only)
    win.resize(780, 560)  # inside the offscreen screen, so the geometry comes back unclamped
    win.splitter.setSizes([200, 300, 260])
    sizes = win.splitter.sizes()
    win.close()
    win.session.store.close()

    again = build_window(seeded_db, settings)
    qtbot.addWidget(again)
    again.show()
    again.start()
    assert again.article.id == aid
    a = again.curated.record.agreements[0]
    assert a.place == "Hoàng Mai" and [p.name for p in a.parties] == ["Nghi Sơn"]
    assert again.editor.place_edit.text() == "Hoàng Mai"
    assert again.splitter.sizes() == sizes
    again.close()
    again.session.store.close()


def test_a_change_saved_elsewhere_is_shown_and_can_be_reloaded(window, seeded_db, qtbot):
    """Someone else saves this record; the reviewer's next edit is refused, the reviewer is asked,
    and after "reload" the window shows the other person's record."""
    win = window
    aid = win.article.id
    with Store(seeded_db) as other:
        cur = other.record(aid)
        other.save(aid, Record(published="2000"), status="done", reviewer="Minh",
                   expected_revision=cur.revision)
    asked = []
    win.ask_reload_on_conflict = lambda message: asked.append(message) or True
    win.editor.place_edit.setText("Vinh")
    win.editor.place_edit.editingFinished.emit()
    qtbot.waitUntil(lambda: bool(asked))
    qtbot.waitUntil(lambda: win.curated.record.published == "2000")
    assert win.curated.status == "done" and win.editor.record.agreements == ()
    assert win.undo_stack.count() == 0


def test_the_reviewer_name_is_asked_once(qtbot, seeded_db, tmp_path):
    from reviewer.ui.app import build_window, make_application

    make_application()
    s = QSettings(str(tmp_path / "fresh.ini"), QSettings.Format.IniFormat)
    win = build_window(seeded_db, s)
    qtbot.addWidget(win)
    asked = []
    win.ask_reviewer_name = lambda: asked.append(1) or "Hà"
    assert win.ensure_reviewer() == "Hà"
    assert win.ensure_reviewer() == "Hà"
    assert asked == [1] and win.session.reviewer == "Hà"
    win.close()
    win.session.store.close()


# ---------------------------------------------------------------- help, words
def test_f1_lists_every_shortcut(window, qtbot):
    from PySide6.QtCore import Qt

    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window._help
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    listed = dialog.listed()
    for keys in ("Ctrl+Z", "Ctrl+Return", "Alt+Down", "Ctrl+F", "P", "Del", "F1", "Tab", "N, Shift+N", "Ctrl+D", "F2"):
        assert any(keys in k for k, _ in listed), keys
    dialog.close()


def test_the_window_speaks_vietnamese_by_default_and_english_on_request(window):
    window.set_language("vi")
    assert window.editor.add_party_button.text() == "Thêm bên ký"
    assert window.menuBar().actions()[0].text() == "&Tệp"
    window.set_language("en")
    assert window.editor.add_party_button.text() == "Add party"


def test_every_visible_string_has_a_vietnamese_translation():
    """Every tr() string in the window's code has a Vietnamese entry in resources/translations/vi.json."""
    import ast
    import re
    from pathlib import Path

    from reviewer.ui.i18n import load_dictionary

    words = load_dictionary("vi")
    ui = Path(__file__).resolve().parents[2] / "src" / "reviewer" / "ui"
    found = set()
    for py in ui.glob("*.py"):
        for m in re.finditer(r'(?:\btr|\b_t)\(\s*((?:"(?:[^"\\]|\\.)*"\s*)+)\)', py.read_text(encoding="utf-8")):
            found.add(ast.literal_eval("(" + m.group(1) + ")"))
    assert len(found) > 100
    assert sorted(f for f in found if f not in words) == []


# ---------------------------------------------------------------- platform
def test_missing_x11_libraries_are_named_before_qt_starts(monkeypatch):
    from reviewer.ui import platform_check

    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.setattr(platform_check, "missing_xcb_packages", lambda: ["libxcb-cursor0"])
    message = platform_check.check_platform([])
    assert "apt-get install libxcb-cursor0" in message
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert platform_check.check_platform([]) is None


# ---------------------------------------------------------------- the PySide6 6.12.0 bug
def test_void_qt_calls_do_not_drain_none_refcount():
    """PySide6 6.12.0 on Python 3.11 drops a reference to None per void call and then aborts."""
    colour = QColor(1, 2, 3)
    before = sys.getrefcount(None)
    for n in range(5000):
        colour.setRed(n % 256)
    assert sys.getrefcount(None) >= before - 50


def test_cancelling_an_import_stops_it_and_keeps_what_was_stored(qtbot, tmp_path, settings, monkeypatch):
    """The reviewer presses Cancel during a long import: it stops, the articles read so far stay."""
    import time

    import reviewer.core.extraction as extract_module
    from reviewer.ui.app import build_window, make_application

    real = extract_module.extract
    monkeypatch.setattr(extract_module, "extract", lambda a, **kw: (time.sleep(0.05), real(a, **kw))[1])
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(60):
        (folder / f"{n:03d}.txt").write_text(f"Bài {n}: hợp tác giữa hai tỉnh\n\nNội dung số {n}.", encoding="utf-8")
    make_application()
    win = build_window(tmp_path / "c.db", settings)
    qtbot.addWidget(win)
    win.show()
    worker = win._jobs().worker
    with qtbot.waitSignal(worker.progress, timeout=10000, check_params_cb=lambda d, t, name: d >= 3):
        win.import_from(paths=[str(folder)])
    with qtbot.waitSignal(worker.finished, timeout=20000) as blocker:
        win.cancel_button.click()
    result = blocker.args[0]
    assert result["cancelled"] and 3 <= result["added"] < 60
    qtbot.waitUntil(lambda: win.queue_model.rowCount() == result["added"])
    win.close()
    win.session.store.close()


def test_the_conflict_prompt_offers_reload_in_the_window_language(window, qtbot):
    """The real dialog (driven by a timer, never left waiting): its Reload button answers True."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    seen = []

    def press_reload():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, press_reload)
            return
        seen.append([b.text() for b in box.buttons()])
        next(b for b in box.buttons() if b.text() == "Reload").click()

    QTimer.singleShot(0, press_reload)
    QTimer.singleShot(5000, lambda: [w.close() for w in QApplication.topLevelWidgets() if w.isModal()])
    assert window.ask_reload_on_conflict("saved elsewhere at revision 3") is True
    assert "Keep this view" in seen[0]


def test_the_undo_menu_item_names_the_last_edit_in_the_current_language(window):
    win = window
    win.editor.parties_view.selectRow(0)
    win.editor.remove_party_button.click()
    assert win.undo_action.text() == "Undo Remove party"
    win.set_language("vi")
    assert win.undo_action.text().startswith("Hoàn tác ")
    win.set_language("en")


def test_f1_shows_every_shortcut_whole_within_the_screen(window, qtbot):
    from PySide6.QtWidgets import QApplication

    dialog = window.show_help()
    qtbot.waitExposed(dialog)
    table = dialog.table
    avail = dialog.screen().availableGeometry()
    assert dialog.width() <= avail.width() and dialog.height() <= avail.height()
    fm = table.fontMetrics()
    widest = max(fm.horizontalAdvance(table.item(r, 1).text()) for r in range(table.rowCount()))
    assert table.columnWidth(1) >= min(widest, avail.width() * 0.9 - table.columnWidth(0) - 80)
    dialog.close()
    assert QApplication.activeModalWidget() is None
