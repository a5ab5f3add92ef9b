"""A whole review driven through the window's widgets, checked in the database afterwards."""
from __future__ import annotations

from PySide6.QtCore import Qt

from reviewer.core.store import Store


def _row_names(model):
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def _select(win, needle, after=0):
    text = win.article.text
    start = text.index(needle, after)
    win.article_view.select_codepoints(start, start + len(needle))
    win.article_view.setFocus()
    return start


def test_a_reviewer_fixes_a_record_and_accepts_it(window, qtbot, seeded_db):
    """The reviewer removes a wrong party, marks a new one and a commitment in the text, fixes
    the date, undoes and redoes, accepts; the database holds exactly what the window showed."""
    win = window
    first_id = win.article.id
    assert _row_names(win.editor.parties_model) == ["Hoàng Mai", "Nghi Sơn"]

    # remove "Nghi Sơn": its row and its highlight go
    win.editor.parties_view.selectRow(1)
    qtbot.mouseClick(win.editor.remove_party_button, Qt.MouseButton.LeftButton)
    assert _row_names(win.editor.parties_model) == ["Hoàng Mai"]
    hm = win.article.text.index("Hoàng Mai")
    assert [h for h in win.article_view.highlighted() if h[1] == "party"] == [(("party", 0, 0), "party", hm, hm + 9)]

    # select "Thanh Hóa" in the text and press P: a party with its span, highlighted at once
    start = _select(win, "tỉnh Thanh Hóa")
    qtbot.keyClick(win.article_view, Qt.Key.Key_P)
    assert _row_names(win.editor.parties_model) == ["Hoàng Mai", "Thanh Hóa"]
    party = win.curated.record.agreements[0].parties[1]
    assert (party.level, party.origin, party.span.start, party.span.end) == ("tỉnh", "added", start, start + 14)
    assert party.province_2025 == "Thanh Hóa"
    assert (("party", 0, 1), "party", start, start + 14) in win.article_view.highlighted()

    # type the full signing date and press Enter
    win.editor.signed_on_edit.clear()
    qtbot.keyClicks(win.editor.signed_on_edit, "2025-03-25")
    qtbot.keyClick(win.editor.signed_on_edit, Qt.Key.Key_Return)
    assert win.curated.record.agreements[0].signed_on == "2025-03-25"
    assert win.editor.signed_on_origin.text() == "edited"

    # select a clause and press C: a new commitment, last in the table
    clause = "hợp tác trong việc phối hợp bảo vệ tài nguyên"
    cstart = _select(win, clause)
    n_before = win.editor.commitments_model.rowCount()
    qtbot.keyClick(win.article_view, Qt.Key.Key_C)
    assert win.editor.commitments_model.rowCount() == n_before + 1
    assert win.editor.commitments_model.index(n_before, 0).data() == clause
    assert (("commitment", 0, n_before), "commitment", cstart, cstart + len(clause)) in win.article_view.highlighted()

    # Undo takes the commitment away (table, highlight, database); Redo brings it back
    win.undo_action.trigger()
    assert win.editor.commitments_model.rowCount() == n_before
    assert not any(h[2] == cstart for h in win.article_view.highlighted())
    with Store(seeded_db) as other:
        assert len(other.record(first_id).record.agreements[0].commitments) == n_before
    win.redo_action.trigger()
    assert win.editor.commitments_model.rowCount() == n_before + 1

    # Ctrl+Return accepts and opens the next pending article
    qtbot.keyClick(win, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert win.article.id != first_id
    assert win.curated.status == "pending"
    assert win.progress_label.text().startswith("1 / 5 done · 1 today")

    with Store(seeded_db) as store:
        saved = store.record(first_id)
        assert saved.status == "done" and saved.reviewer == "Lan"
        a = saved.record.agreements[0]
        assert [(p.name, p.origin) for p in a.parties] == [("Hoàng Mai", "accepted"), ("Thanh Hóa", "added")]
        assert a.signed_on == "2025-03-25" and a.origin_of("signed_on") == "edited"
        assert a.commitments[-1].text == clause and a.commitments[-1].origin == "added"
        assert a.commitments[0].origin == "accepted"
        actions = [(r.revision, r.action, r.status) for r in store.history(first_id)]
        assert actions == [(1, "import", "pending"), (2, "edit", "in_review"), (3, "edit", "in_review"),
                           (4, "edit", "in_review"), (5, "edit", "in_review"), (6, "undo", "in_review"),
                           (7, "edit", "in_review"), (8, "accept", "done")]
        assert saved.revision == 8


def test_clicking_a_highlight_selects_its_field_and_picking_a_field_flashes_it(window, qtbot):
    """Clicking the highlighted party in the text selects its row; picking the place shows its highlight."""
    win = window
    view = win.article_view
    start, end = view.span_of(("party", 0, 1))
    cursor = view.textCursor()
    cursor.setPosition(start + 2)
    rect = view.cursorRect(cursor)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert win.editor.parties_view.currentIndex().row() == 1
    assert view.extraSelections()  # flashing

    win.editor.place_edit.setFocus()
    place = win.curated.record.agreements[0].place_span
    qtbot.waitUntil(lambda: view.shown_field_span() == (place.start, place.end))
    assert view.extraSelections()


def test_removing_a_field_from_the_text_menu_removes_its_highlight(window):
    """Right-click a highlight → "Remove this party": the party and its highlight are gone."""
    win = window
    start, _end = win.article_view.span_of(("party", 0, 0))
    menu = win.article_view.build_context_menu(start + 1)
    remove = [a for a in menu.actions() if a.text().startswith("Remove this")]
    remove[0].trigger()
    assert _row_names(win.editor.parties_model) == ["Nghi Sơn"]
    assert win.article_view.span_of(("party", 0, 1)) is None


def test_marking_an_amount_attaches_it_to_the_commitment_around_it(window, qtbot):
    """Select words inside a highlighted commitment and press A: that commitment gets the amount
    (the selection grown to whole syllables)."""
    win = window
    c = win.curated.record.agreements[0].commitments[0]
    win.article_view.select_codepoints(c.span.start, c.span.start + 10)
    win.article_view.setFocus()
    qtbot.keyClick(win.article_view, Qt.Key.Key_A)
    got = win.curated.record.agreements[0].commitments[0]
    assert win.article.text[c.span.start:c.span.start + 10] == "hai địa ph"
    assert got.amount == "hai địa phương"
    assert got.amount_span.start == c.span.start


def test_not_an_agreement_and_skip_set_the_status_and_move_on(window, seeded_db):
    win = window
    first = win.article.id
    win.mark_not_an_agreement()
    second = win.article.id
    win.skip()
    assert win.article.id not in (first, second)
    with Store(seeded_db) as store:
        assert store.record(first).status == "not_an_agreement"
        assert store.record(second).status == "skipped"
    win.undo_action.trigger()  # the skip is undone, and its article shown again
    assert win.article.id == second and win.curated.status == "pending"


def test_next_and_previous_follow_the_queue(window, qtbot):
    win = window
    ids = [win.queue_model.article_id(r) for r in range(win.queue_model.rowCount())]
    win.open_article(ids[0])
    qtbot.keyClick(win, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert win.article.id == ids[1]
    assert win.queue_view.currentIndex().row() == 1
    qtbot.keyClick(win, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert win.article.id == ids[0]


def test_an_invalid_signing_date_is_not_saved(window, qtbot):
    """'2025-1' is no date: it stays red and the stored date stays as it was."""
    win = window
    before = win.curated.record.agreements[0].signed_on
    win.editor.signed_on_edit.clear()
    qtbot.keyClicks(win.editor.signed_on_edit, "2025-1")
    qtbot.keyClick(win.editor.signed_on_edit, Qt.Key.Key_Return)
    win.editor.parties_view.setFocus()
    assert win.curated.record.agreements[0].signed_on == before
    assert win.editor.signed_on_edit.property("problem")  # drawn with a red border
    win.editor.signed_on_edit.setText("--04-31")  # April has 30 days
    win.editor.signed_on_edit.editingFinished.emit()
    assert win.curated.record.agreements[0].signed_on == before
    win.editor.signed_on_edit.setText("--04-30")
    win.editor.signed_on_edit.editingFinished.emit()
    assert win.curated.record.agreements[0].signed_on == "--04-30"


def test_category_and_giver_are_set_below_the_commitments_table(window, seeded_db):
    """Pick a commitment, choose its category and type its giver: both saved, origin "edited"."""
    win = window
    ed = win.editor
    ed.commitments_view.selectRow(0)
    ed.category_box.setCurrentIndex(ed.category_box.findData("trade"))
    ed.category_box.activated.emit(ed.category_box.currentIndex())
    ed.giver_edit.setText("Nghi Sơn")
    ed.giver_edit.editingFinished.emit()
    c = win.curated.record.agreements[0].commitments[0]
    assert (c.category, c.giver, c.origin) == ("trade", "Nghi Sơn", "edited")
    assert ed.commitments_model.index(0, 4).data() == "edited"
    with Store(seeded_db) as store:
        assert store.record(win.article.id).record.agreements[0].commitments[0].category == "trade"


def test_commitments_can_be_reordered_and_the_order_is_saved(window, seeded_db):
    win = window
    ed = win.editor
    texts = [c.text for c in win.curated.record.agreements[0].commitments]
    ed.commitments_view.selectRow(0)
    ed.down_button.click()
    assert [c.text for c in win.curated.record.agreements[0].commitments][:2] == [texts[1], texts[0]]
    assert ed.current_commitment() == 1
    with Store(seeded_db) as store:
        assert store.record(win.article.id).record.agreements[0].commitments[1].text == texts[0]


def test_hovering_a_highlight_says_what_it_is(window):
    view = window.article_view
    start, _ = view.span_of(("commitment", 0, 0))
    c = view.textCursor()
    c.setPosition(start + 1)
    tip = view.tooltip_at(view.cursorRect(c).center())
    assert tip.startswith("Commitment: " + window.curated.record.agreements[0].commitments[0].text[:20])


def test_when_no_article_is_pending_accepting_opens_one_left_unfinished(qtbot, seeded_db, settings):
    """Two articles done, one a colleague has in review, one this reviewer started and left in
    review, one pending: accepting the pending one opens this reviewer's unfinished one (not the
    colleague's) and says why, instead of "no pending article left"."""
    from tests.ui.conftest import open_window
    from ui_keys import Keyboard

    with Store(seeded_db) as store:
        ids = [row.id for row in store.queue(status=None, search=None, offset=0, limit=10)]
        for aid, status, who in zip(ids, ("in_review", "in_review", "done", "done"), ("Minh", "Lan", "Lan", "Lan")):
            current = store.record(aid)
            store.save(aid, current.record, status=status, reviewer=who, expected_revision=current.revision)
    win = open_window(qtbot, seeded_db, settings)
    assert win.article.id == ids[4] and win.curated.status == "pending"
    Keyboard().press("Ctrl+Return")
    assert win.article.id == ids[1] and win.curated.status == "in_review"
    assert "started and not finished" in win.statusBar().currentMessage()
    win.close()
    win.session.store.close()


def test_alt_right_and_left_step_through_the_agreements_of_an_article(qtbot, seeded_db, settings):
    """The seed reporting two agreements: Alt+Right shows the second (its parties in the table),
    Alt+Left the first again; at either end nothing moves; the keyboard stays in the text."""
    from PySide6.QtWidgets import QApplication

    from tests.ui.conftest import open_window
    from ui_keys import Keyboard, alt_down_until

    win = open_window(qtbot, seeded_db, settings)
    keys = Keyboard()
    alt_down_until(win, keys, lambda w: len(w.curated.record.agreements) == 2)  # the seed with two
    record = win.curated.record
    names = lambda: [win.editor.parties_model.index(r, 0).data() for r in range(win.editor.parties_model.rowCount())]  # noqa: E731
    assert names() == [p.name for p in record.agreements[0].parties]
    keys.press("Alt+Right")
    assert win.editor.agreement_index == 1 and names() == [p.name for p in record.agreements[1].parties]
    keys.press("Alt+Right")
    assert win.editor.agreement_index == 1
    keys.press("Alt+Left")
    assert win.editor.agreement_index == 0 and names() == [p.name for p in record.agreements[0].parties]
    assert QApplication.focusWidget() is win.article_view
    win.close()
    win.session.store.close()


def test_ctrl_return_on_an_article_of_two_agreements_shows_the_second_before_accepting(qtbot, seeded_db, settings):
    from tests.ui.conftest import open_window
    from ui_keys import Keyboard, alt_down_until

    win = open_window(qtbot, seeded_db, settings)
    keys = Keyboard()
    alt_down_until(win, keys, lambda w: len(w.curated.record.agreements) == 2)
    here = win.article.id
    keys.press("Ctrl+Return")  # agreement 2 was never shown: shown now, nothing accepted yet
    assert win.article.id == here and win.editor.agreement_index == 1 and win.curated.status != "done"
    assert "Agreement 2 of 2 not looked at yet" in win.statusBar().currentMessage()
    keys.press("Ctrl+Return")
    assert win.article.id != here
    with Store(seeded_db) as store:
        assert store.record(here).status == "done"
    win.close()
    win.session.store.close()


def test_accepting_goes_on_through_the_articles_found_while_a_search_is_on(qtbot, seeded_db, settings, monkeypatch):
    """Search "Thanh Hoa", Enter, Ctrl+Return: the next article opened is the next pending one
    the search found, not the next of the whole queue, even on a page not loaded yet; after the
    last, the status bar says so."""
    from reviewer.ui.models import QueueModel
    from tests.ui.conftest import open_window
    from ui_keys import Keyboard

    monkeypatch.setattr(QueueModel, "PAGE", 1)  # one row a page: the next found is never loaded yet
    win = open_window(qtbot, seeded_db, settings)
    win.queue_view.hide()  # a shown list fetches rows to fill itself
    keys = Keyboard()
    keys.press("Ctrl+F")
    keys.type("Thanh Hoa")
    keys.press("Return")
    assert win.queue_model.rowCount() < win.queue_model.total()  # not all of them loaded
    with Store(seeded_db) as store:
        found = [row.id for row in store.queue(status=None, search="Thanh Hoa", offset=0, limit=10)]
    assert 1 < len(found) < 5 and win.article.id == found[0]
    opened = []
    for _ in range(2 * len(found)):
        if win.article.id not in opened:
            opened.append(win.article.id)
        keys.press("Ctrl+Return")  # a second agreement not seen yet is shown first, then accepted
        if "among those found" in win.statusBar().currentMessage():
            break
    assert opened == found
    with Store(seeded_db) as store:
        assert [store.record(i).status for i in found] == ["done"] * len(found)
        assert store.counts_by_status()["pending"] == 5 - len(found)  # the others were not opened
    win.close()
    win.session.store.close()


def test_what_not_an_agreement_dropped_comes_back_from_the_history_after_a_restart(qtbot, seeded_db, settings):
    """Ctrl+Shift+N drops the record's agreements; close the window, open it again, go back to
    that article, Ctrl+H: the history lists its states, newest first; Enter restores the one
    before (a new save, in review again); Ctrl+Z takes the restoring back."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from tests.ui.conftest import open_window
    from ui_keys import Keyboard

    win = open_window(qtbot, seeded_db, settings)
    first, parties = win.article.id, [p.name for p in win.curated.record.agreements[0].parties]
    Keyboard().press("Ctrl+Shift+N")
    win.close()
    win.session.store.close()

    win = open_window(qtbot, seeded_db, settings)
    win.open_article(first)
    assert win.curated.record.agreements == ()
    seen = {}

    def in_dialog():
        dialog = getattr(win, "history_dialog", None)
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(50, in_dialog)
            return
        table = dialog.table
        seen["rows"] = [[table.item(r, c).text() for c in range(5)] for r in range(table.rowCount())]
        seen["focus"] = QApplication.focusWidget() is table
        Keyboard().press("Return")  # the state before "not an agreement" is the one chosen

    QTimer.singleShot(50, in_dialog)
    Keyboard().press("Ctrl+H")
    rows = seen["rows"]
    assert seen["focus"] and len(rows) >= 2
    assert rows[0][2] == "not an agreement" and rows[0][4] == "no agreement"
    assert rows[-1][2] == "imported" and all(name in rows[1][4] for name in parties)
    assert [p.name for p in win.curated.record.agreements[0].parties] == parties
    assert win.curated.status == "in_review"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is win.article_view)
    with Store(seeded_db) as store:
        assert [p.name for p in store.record(first).record.agreements[0].parties] == parties
    Keyboard().press("Ctrl+Z")
    assert win.curated.record.agreements == ()
    win.close()
    win.session.store.close()
