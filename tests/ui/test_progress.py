"""Progress at a glance: done / total, reviewed today, and the rate per hour."""
from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone

import pytest
from PySide6.QtWidgets import QApplication

from ui_keys import Keyboard


def test_the_status_bar_says_done_of_total_reviewed_today_and_the_rate_per_hour(window, qtbot, seeded_db):
    """Two articles decided half half an hour ago and one now: 2 / 5 done, 3 today, 6 an hour."""
    local = datetime.now().astimezone()
    if local - local.replace(hour=0, minute=0, second=0, microsecond=0) < timedelta(minutes=35):
        pytest.skip("half half an hour ago was yesterday")
    win = window
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is win.article_view)
    kb = Keyboard()
    assert win.progress_label.text() == "0 / 5 done · 0 today · — an hour"
    kb.press("Ctrl+Return", "Ctrl+Shift+N")
    assert win.progress_label.text() == "2 / 5 done · 2 today · — an hour"  # no rate from a few minutes
    hour_ago = (datetime.now(timezone.utc) - timedelta(minutes=30)).isoformat(timespec="microseconds")
    with sqlite3.connect(seeded_db) as other:  # as if those two had been decided half an hour ago
        other.execute("UPDATE revisions SET at = ? WHERE action IN ('accept', 'not_an_agreement')", [hour_ago])
    kb.press("Ctrl+Shift+K")
    assert win.progress_label.text() == "2 / 5 done · 3 today · 6 an hour"  # a skip is reviewed, not done
    kb.press("Ctrl+Z")  # the skip undone: that article is no longer reviewed today
    assert win.progress_label.text().startswith("2 / 5 done · 2 today")
