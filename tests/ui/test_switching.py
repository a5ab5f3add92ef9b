"""Switching articles: the heading names the article, the text stays where the eye expects it,
and the record tables paint exactly what the record holds."""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem

from reviewer.ui.labels import status_label
from reviewer.ui.models import ORIGIN_COLOURS

from tests.ui.conftest import open_window
from ui_keys import Keyboard, alt_down_until


class LayoutRequests(QObject):
    def __init__(self, widget):
        super().__init__()
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


def test_alt_down_through_the_queue_names_each_article_and_never_moves_its_text(qtbot, seeded_db, settings):
    win = open_window(qtbot, seeded_db, settings)
    win.resize(1366, 768)
    qtbot.waitUntil(lambda: win.width() == 1366)
    qtbot.wait(50)  # the layout of the new size
    keys = Keyboard()
    where = win.article_view.mapTo(win, QPoint(0, 0))
    requests = LayoutRequests(win)
    seen = set()
    for _ in range(win.queue_model.rowCount()):
        article = win.article
        heading = win.article_pane.heading.text()
        assert heading.startswith(article.title)
        assert status_label(win.curated.status) in heading and article.source in heading
        assert win.article_pane.heading.toolTip() == article.title  # the whole title, however long
        assert win.article_view.mapTo(win, QPoint(0, 0)) == where
        seen.add(article.id)
        keys.press("Alt+Down")
    assert len(seen) == win.queue_model.rowCount() == 5
    # one- and two-line titles alike: a new article repaints, it does not re-lay out the window
    assert requests.count == 0
    win.close()
    win.session.store.close()


def test_the_record_tables_paint_what_the_record_holds_asking_the_model_once_a_cell(window, monkeypatch):
    from reviewer.ui.editor_parts import CellDelegate
    from reviewer.ui.labels import category_label
    from reviewer.ui.models import CommitmentsModel, PartiesModel

    a = window.curated.record.agreements[0]
    odd = replace(a.parties[0], name="tế - xã hộ", origin="edited")
    commitment = replace(a.commitments[0], category="economy", origin="added")
    record = replace(window.curated.record, agreements=(replace(
        a, parties=(odd, *a.parties[1:]), commitments=(commitment, *a.commitments[1:])),))
    window.editor.set_record(record, 0)
    for view, items in ((window.editor.parties_view, record.agreements[0].parties),
                        (window.editor.commitments_view, record.agreements[0].commitments)):
        model = view.model()
        assert isinstance(view.itemDelegate(), CellDelegate)
        for row in range(model.rowCount()):
            for col, name in enumerate(model.COLUMNS):
                index = model.index(row, col)
                option = QStyleOptionViewItem()
                view.itemDelegateForIndex(index).initStyleOption(option, index)
                assert option.text == index.data()
                if name == "origin":
                    colour = ORIGIN_COLOURS[items[row].origin]
                    assert option.palette.color(QPalette.ColorRole.Text) == colour
    commitments = window.editor.commitments_model
    category = commitments.index(0, commitments.COLUMNS.index("category"))
    assert category.data() == category_label("economy") and category.data(Qt.ItemDataRole.EditRole) == "economy"
    parties, view = window.editor.parties_model, window.editor.parties_view
    index = parties.index(0, 0)
    option = QStyleOptionViewItem()
    view.itemDelegateForIndex(index).initStyleOption(option, index)
    assert option.text == "tế - xã hộ"
    assert option.backgroundBrush.color().name() == "#fecaca"  # not a locality: flagged in red
    assert index.data(Qt.ItemDataRole.ToolTipRole)  # and its tooltip says why

    # painting asks each painted cell once, through display(), not role by role (Qt asks 7 roles)
    QApplication.processEvents()  # what is still to paint after the edit
    calls = {PartiesModel: 0, CommitmentsModel: 0}
    for cls in calls:
        original = cls.display
        monkeypatch.setattr(cls, "display", lambda self, row, col, _o=original, _c=cls: (
            calls.__setitem__(_c, calls[_c] + 1), _o(self, row, col))[1])
    for view in (window.editor.parties_view, window.editor.commitments_view):
        model, area = view.model(), view.viewport().rect()
        painted = sum(1 for row in range(model.rowCount()) for col in range(model.columnCount())
                      if not view.isColumnHidden(col) and view.visualRect(model.index(row, col)).intersects(area))
        before = calls[type(model)]
        view.viewport().repaint()
        assert painted >= 4 and calls[type(model)] - before == painted


def test_a_long_title_takes_two_lines_and_ends_with_an_ellipsis(qtbot):
    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QWidget

    from reviewer.ui.article_pane import wrap_two

    fm = QFontMetrics(QWidget().font())
    title = "Thị xã Hoàng Mai, tỉnh Nghệ An và thị xã Nghi Sơn, tỉnh Thanh Hóa kí kết thỏa thuận hợp tác " * 3
    assert wrap_two("Hợp tác", fm, 400) == ["Hợp tác"]
    lines = wrap_two(title, fm, 400)
    assert len(lines) == 2 and lines[1].endswith("…") and title.startswith(lines[0] + " ")
    assert all(fm.horizontalAdvance(line) <= 400 for line in lines)
    url = "https://baothanhhoa.vn/" + "x" * 200
    (line,) = wrap_two(url, fm, 200)
    assert line.endswith("…") and fm.horizontalAdvance(line) <= 200


def test_a_clause_written_over_two_lines_shows_its_words_apart(window):
    """The stored clause keeps the article's line break (an exact substring); the cell shows a
    space there, and editing starts from the clause as stored."""
    a = window.curated.record.agreements[0]
    clause = replace(a.commitments[0], text="phát triển\ntoàn diện về kinh tế")
    window.editor.set_record(replace(window.curated.record, agreements=(replace(a, commitments=(clause,)),)), 0)
    cell = window.editor.commitments_model.index(0, 0)
    assert cell.data() == "phát triển toàn diện về kinh tế"
    assert cell.data(Qt.ItemDataRole.EditRole) == "phát triển\ntoàn diện về kinh tế"


def test_a_new_article_starts_with_no_field_or_row_current(qtbot, seeded_db, settings):
    """Tab onto the place colours the place box; Alt+Down: on the next article no box is coloured
    and no party row is selected (nothing points at a field the editor is not on)."""
    from PySide6.QtGui import QPalette

    win = open_window(qtbot, seeded_db, settings)
    keys = Keyboard()
    stepped = []
    win.article_view.field_stepped.connect(stepped.append)
    plain = win.editor.place_edit.palette().color(QPalette.ColorRole.Base)
    for _ in range(len(win.article_view.highlighted())):
        keys.press("Tab")
        if stepped[-1][0] == "place":
            break
    assert win.editor.place_edit.palette().color(QPalette.ColorRole.Base) != plain
    win.editor.parties_view.selectRow(1)  # a party row chosen in the panel too
    assert win.editor.current_party() == 1
    win.focus_article()
    keys.press("Alt+Down")
    assert win.editor.place_edit.palette().color(QPalette.ColorRole.Base) == plain
    assert not win.editor.parties_view.selectionModel().hasSelection()
    assert win.editor.current_party() is None and win.editor.current_commitment() is None
    win.close()
    win.session.store.close()


def test_a_place_typed_and_not_confirmed_is_saved_before_alt_right_shows_the_next_agreement(qtbot, seeded_db, settings):
    from reviewer.core.store import Store

    win = open_window(qtbot, seeded_db, settings)
    keys = Keyboard()
    alt_down_until(win, keys, lambda w: len(w.curated.record.agreements) == 2)
    keys.press("Ctrl+L", "Ctrl+A")
    keys.type("Vinh")
    keys.press("Alt+Right")  # no Enter
    assert win.editor.agreement_index == 1
    with Store(seeded_db) as store:
        assert store.record(win.article.id).record.agreements[0].place == "Vinh"
    win.close()
    win.session.store.close()


def test_enter_in_the_search_box_keeps_a_found_article_and_says_when_nothing_is_found(qtbot, seeded_db, settings):
    win = open_window(qtbot, seeded_db, settings)
    keys = Keyboard()
    keys.press("Alt+Down")
    here = win.article.id
    keys.press("Ctrl+F", "Return")  # empty search: back to the article, no jump
    assert win.article.id == here and QApplication.focusWidget() is win.article_view
    import unicodedata

    words = unicodedata.normalize("NFD", win.article.title.replace("Đ", "D").replace("đ", "d"))
    words = "".join(c for c in words if not unicodedata.combining(c)).split()[:3]
    keys.press("Ctrl+F")
    keys.type(" ".join(words))  # its first words, as typed without diacritics: found, so it stays open
    keys.press("Return")
    assert win.article.id == here and QApplication.focusWidget() is win.article_view
    keys.press("Ctrl+F", "Ctrl+A")
    keys.type("zzqx khong co")
    keys.press("Return")
    assert win.article.id == here and QApplication.focusWidget() is win.queue_panel.search_edit
    assert "Nothing found" in win.statusBar().currentMessage()
    win.close()
    win.session.store.close()
