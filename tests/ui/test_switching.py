"""Switching articles: the heading names the article, the text stays where the eye expects it,
and the record tables paint exactly what the record holds."""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, QPoint
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QStyleOptionViewItem

from reviewer.ui.labels import status_label
from reviewer.ui.models import ORIGIN_COLOURS

from tests.ui.conftest import open_window
from ui_keys import Keyboard


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


def test_the_record_tables_paint_what_the_record_holds(window):
    a = window.curated.record.agreements[0]
    odd = replace(a.parties[0], name="tế - xã hộ", origin="edited")
    record = replace(window.curated.record, agreements=(replace(a, parties=(odd, *a.parties[1:])),))
    window.editor.set_record(record, 0)
    view, model = window.editor.parties_view, window.editor.parties_model
    for row in range(model.rowCount()):
        for col, name in enumerate(model.COLUMNS):
            index = model.index(row, col)
            option = QStyleOptionViewItem()
            view.itemDelegateForIndex(index).initStyleOption(option, index)
            assert option.text == index.data()
            if name == "origin":
                colour = ORIGIN_COLOURS[record.agreements[0].parties[row].origin]
                assert option.palette.color(QPalette.ColorRole.Text) == colour
    index = model.index(0, 0)
    option = QStyleOptionViewItem()
    view.itemDelegateForIndex(index).initStyleOption(option, index)
    assert option.text == "tế - xã hộ"
    assert option.backgroundBrush.color().name() == "#fecaca"  # not a locality: flagged in red
    assert model.index(0, 0).data(3)  # and its tooltip says why
