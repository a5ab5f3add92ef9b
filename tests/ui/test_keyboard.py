"""One focus model: the article holds the keyboard; every key is sent to the focused widget."""
from __future__ import annotations

import pytest

from tests.ui.conftest import open_window
from PySide6.QtWidgets import QAbstractItemView, QApplication

from reviewer.core.store import Store
from ui_keys import Keyboard


@pytest.fixture
def kb(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return Keyboard()


def _parties(win):
    return [p.name for p in win.curated.record.agreements[0].parties]


def test_the_article_holds_the_keyboard_from_the_first_frame(window, kb):
    """At start the text has the keyboard, not the search box: P/D/L/R/C/A/Del work at once."""
    assert QApplication.focusWidget() is window.article_view


def test_tab_and_j_k_step_between_highlights_and_show_each_in_the_editor(window, kb):
    """Tab goes to the first highlighted field in reading order, the next Tab to the next; the
    editor shows each (a party's row is selected) while the keyboard stays in the article."""
    win = window
    order = sorted(win.article_view.highlighted(), key=lambda h: (h[2], h[3]))
    kb.press("Tab")
    assert win.article_view.shown_field_span() == order[0][2:]
    kb.press("Tab")
    assert win.article_view.shown_field_span() == order[1][2:]
    assert QApplication.focusWidget() is win.article_view
    kb.press("Shift+Tab")
    assert win.article_view.shown_field_span() == order[0][2:]
    kb.press("j", "j")
    assert win.article_view.shown_field_span() == order[2][2:]
    kb.press("k")
    assert win.article_view.shown_field_span() == order[1][2:]
    party_steps = [h for h in order if h[1] == "party"]
    path = party_steps[1][0]
    while win.article_view.shown_field_span() != party_steps[1][2:]:
        kb.press("Tab")
    assert win.editor.parties_view.currentIndex().row() == path[2]
    assert QApplication.focusWidget() is win.article_view


def test_the_field_stepped_to_is_the_only_one_that_looks_current(window, kb):
    """Tab onto the place: the place box takes the place highlight's colour and no party row stays
    selected; Tab onto a party: its row is selected and the place box is plain again."""
    from PySide6.QtGui import QColor, QPalette

    from reviewer.ui.article_view import COLOURS

    win = window
    order = sorted(win.article_view.highlighted(), key=lambda h: (h[2], h[3]))
    place = win.editor.place_edit
    plain = place.palette().color(QPalette.ColorRole.Base)
    seen, stepped = set(), []
    win.article_view.field_stepped.connect(stepped.append)
    for _ in order:
        kb.press("Tab")
        path = stepped[-1]
        kind = {"signed_on": "date"}.get(path[0], path[0])
        if kind == "place":
            assert place.palette().color(QPalette.ColorRole.Base) == QColor(COLOURS["place"])
            assert not win.editor.parties_view.selectionModel().hasSelection()
            seen.add(kind)
        elif kind == "party":
            assert place.palette().color(QPalette.ColorRole.Base) == plain
            assert win.editor.parties_view.selectionModel().hasSelection()
            assert not win.editor.commitments_view.selectionModel().hasSelection()
            seen.add(kind)
        assert path is not None and QApplication.focusWidget() is win.article_view
    assert seen == {"place", "party"}


def test_del_removes_the_field_under_the_cursor(window, kb, seeded_db):
    win = window
    kb.press("Tab")
    while win.article_view.field_at(win.article_view.textCursor().position())[1] != "party":
        kb.press("Tab")
    path = win.article_view.field_at(win.article_view.textCursor().position())[0]
    name = _parties(win)[path[2]]
    kb.press("Del")
    assert name not in _parties(win)
    with Store(seeded_db) as store:
        assert name not in [p.name for p in store.record(win.article.id).record.agreements[0].parties]
    assert QApplication.focusWidget() is win.article_view


def test_p_without_a_selection_takes_the_place_name_under_the_cursor(window, kb, seeded_db):
    """N puts the cursor on the next place name that is no party yet; P makes it a party with
    the level word written before it."""
    win = window
    kb.press("n")
    cursor = win.article_view.textCursor().position()
    text = win.article.text
    assert text[cursor:cursor + 7] == "Nghệ An"
    kb.press("p")
    party = win.curated.record.agreements[0].parties[-1]
    assert (party.name, party.level, party.origin) == ("Nghệ An", "tỉnh", "added")
    assert text[party.span.start:party.span.end] == "tỉnh Nghệ An"
    with Store(seeded_db) as store:
        assert store.record(win.article.id).record.agreements[0].parties[-1].name == "Nghệ An"
    kb.press("d")  # no date there: nothing is marked, and the status bar says why
    assert win.curated.record.agreements[0].signed_on_span is None
    assert win.statusBar().currentMessage() == "No date under the cursor: select the words first"


def test_a_selection_is_grown_to_whole_syllables(window, kb):
    """Selecting 'tế - xã hộ' and pressing C makes the commitment '… tế - xã hội'."""
    win = window
    text = win.article.text
    start = text.index("tế - xã hội")
    win.article_view.select_codepoints(start + 1, start + 10)
    kb.press("c")
    c = win.curated.record.agreements[0].commitments[-1]
    assert c.text == "tế - xã hội"
    assert (c.span.start, c.span.end) == (start, start + len("tế - xã hội"))


def test_enter_or_escape_in_a_record_cell_returns_the_keyboard_to_the_article(window, kb, seeded_db):
    """F2 on a highlighted party edits its name in the table; Escape drops what was typed,
    Enter saves it; either way the keyboard is back in the article."""
    win = window
    kb.press("Tab")
    while win.article_view.field_at(win.article_view.textCursor().position())[1] != "party":
        kb.press("Tab")
    row = win.article_view.field_at(win.article_view.textCursor().position())[0][2]
    before = _parties(win)
    kb.press("F2")
    assert win.editor.parties_view.state() == QAbstractItemView.State.EditingState
    kb.type("Vinh")
    kb.press("Esc")
    assert QApplication.focusWidget() is win.article_view
    assert _parties(win) == before
    kb.press("F2")
    kb.press("Ctrl+A")
    kb.type("Vinh")
    kb.press("Return")
    assert QApplication.focusWidget() is win.article_view
    assert _parties(win)[row] == "Vinh"
    with Store(seeded_db) as store:
        assert store.record(win.article.id).record.agreements[0].parties[row].name == "Vinh"


def test_no_key_typed_in_the_article_opens_an_editor_elsewhere(window, kb, seeded_db):
    """After Ctrl+Z the keyboard is still in the article; letters never open an edit box over a
    party name, and Tab in the queue moves on without opening the next article."""
    win = window
    kb.press("Tab", "Del", "Ctrl+Z")
    assert QApplication.focusWidget() is win.article_view
    kb.type("xyzqwe")
    assert QApplication.focusWidget() is win.article_view
    for view in (win.editor.parties_view, win.editor.commitments_view):
        assert view.state() != QAbstractItemView.State.EditingState
    shown = win.article.id
    win.queue_view.setFocus()
    kb.press("Tab")
    assert win.article.id == shown


# ---------------------------------------------------------------- keystroke budgets
def _open_with_machine_error(qtbot, seeded_db, settings, change):
    """The window on the seeds, the first pending article's machine record changed by `change`."""

    with Store(seeded_db) as store:
        first = store.next_id(None, "pending")
        cur = store.record(first)
        store.save(first, change(cur.record, store.article(first).text), status="pending", reviewer=None,
                   expected_revision=cur.revision, action="import")
    win = open_window(qtbot, seeded_db, settings)
    return win, first


def test_confirming_a_correct_record_takes_one_key(window, kb, seeded_db):
    win = window
    first = win.article.id
    kb.press("Ctrl+Return")
    assert kb.count == 1
    assert win.article.id != first and QApplication.focusWidget() is win.article_view
    with Store(seeded_db) as store:
        assert store.record(first).status == "done"


def test_replacing_a_wrong_party_with_a_name_in_the_text_takes_at_most_five_keys(qtbot, seeded_db, settings):
    """The machine took "Nghệ An" (a qualifier) for the partner; the text names Nghi Sơn:
    Tab Tab (to the wrong party) Del, N (next place name not yet a party) P."""
    from dataclasses import replace

    from reviewer.core.records import Party, Span

    def wrong_partner(record, text):
        a = record.agreements[0]
        i = text.index("Nghệ An")
        wrong = Party(name="Nghệ An", level="tỉnh", span=Span(i, i + len("Nghệ An")))
        return replace(record, agreements=(replace(a, parties=(a.parties[0], wrong)),) + record.agreements[1:])

    win, first = _open_with_machine_error(qtbot, seeded_db, settings, wrong_partner)
    kb = Keyboard()
    kb.press("Tab", "Tab", "Del", "n", "p")
    assert kb.count <= 5
    assert [(p.name, p.level) for p in win.curated.record.agreements[0].parties] == \
        [("Hoàng Mai", "thị xã"), ("Nghi Sơn", "thị xã")]
    kb.press("Ctrl+Return")
    with Store(seeded_db) as store:
        saved = store.record(first)
        assert saved.status == "done"
        assert [(p.name, p.level, p.province_2025) for p in saved.record.agreements[0].parties] == \
            [("Hoàng Mai", "thị xã", None), ("Nghi Sơn", "thị xã", "Thanh Hóa")]
    win.close()
    win.session.store.close()


def test_fixing_a_wrong_date_takes_at_most_twelve_keys(qtbot, seeded_db, settings):
    """Ctrl+D, the date as written (17/11/2019), Enter: saved as 2019-11-17."""
    from dataclasses import replace

    def wrong_date(record, _text):
        a = record.agreements[0]
        return replace(record, agreements=(replace(a, signed_on="2019-11-07"),) + record.agreements[1:])

    win, first = _open_with_machine_error(qtbot, seeded_db, settings, wrong_date)
    kb = Keyboard()
    kb.press("Ctrl+D")
    kb.type("17/11/2019")
    kb.press("Return")
    assert kb.count <= 12
    assert QApplication.focusWidget() is win.article_view
    with Store(seeded_db) as store:
        a = store.record(first).record.agreements[0]
        assert (a.signed_on, a.origin_of("signed_on")) == ("2019-11-17", "edited")
    win.close()
    win.session.store.close()


def test_a_whole_review_without_the_mouse(window, kb, seeded_db):
    """Five articles: accept, not an agreement, skip, a party added by N + P then accept, and
    accept; every decision stored, the queue left with nothing pending."""
    win = window
    ids = []
    for keys in (["Ctrl+Return"], ["Ctrl+Shift+N"], ["Ctrl+Shift+K"], ["n", "p", "Ctrl+Return"], ["Ctrl+Return"]):
        ids.append(win.article.id)
        kb.press(*keys)
    with Store(seeded_db) as store:
        statuses = [store.record(i).status for i in ids]
        assert statuses == ["done", "not_an_agreement", "skipped", "done", "done"]
        assert store.counts_by_status()["pending"] == 0
    assert win.progress_label.text().startswith("4 / 5 done · 5 today")


def test_clicking_a_highlight_leaves_the_keyboard_in_the_article(window, kb, qtbot, seeded_db):
    """A click on a party's highlight selects its row in the editor; Del then removes that party."""
    from PySide6.QtCore import Qt

    win = window
    view = win.article_view
    start, _end = view.span_of(("party", 0, 1))
    cursor = view.textCursor()
    cursor.setPosition(start + 2)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.cursorRect(cursor).center())
    assert win.editor.parties_view.currentIndex().row() == 1
    assert QApplication.focusWidget() is view
    name = _parties(win)[1]
    kb.press("Del")
    assert name not in _parties(win)


def test_undoing_a_mark_says_so_and_leaves_no_underline_behind(window, kb):
    """N then P marks the next place name as a party; Ctrl+Z takes it back: the status bar says
    what was undone and the text keeps no underline where the party was."""
    win = window
    before = len(win.curated.record.agreements[0].parties)
    kb.press("n", "p")
    assert len(win.curated.record.agreements[0].parties) == before + 1
    kb.press("Ctrl+Z")
    assert len(win.curated.record.agreements[0].parties) == before
    assert win.statusBar().currentMessage().startswith("Undone: ")
    assert win.article_view.extraSelections() == [] or win.article_view.shown_field_span() in [
        (s, e) for _p, _k, s, e in win.article_view.highlighted()]
