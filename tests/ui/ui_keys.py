"""Typing as a user does: every key goes to the widget that has the keyboard, and is counted."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

MODS = {"Ctrl": Qt.KeyboardModifier.ControlModifier, "Shift": Qt.KeyboardModifier.ShiftModifier,
        "Alt": Qt.KeyboardModifier.AltModifier}


class Keyboard:
    """Sends key events to `QApplication.focusWidget()` and counts the keystrokes."""

    def __init__(self):
        self.count = 0

    def press(self, *keys: str) -> None:
        """Each argument one keystroke: "Tab", "Shift+Tab", "Ctrl+Return", "p", "Del"..."""
        for spec in keys:
            *mods, name = spec.split("+") if spec != "+" else ["+"]
            modifiers = Qt.KeyboardModifier.NoModifier
            for m in mods:
                modifiers |= MODS[m]
            key = {"Del": Qt.Key.Key_Delete, "Esc": Qt.Key.Key_Escape, "Return": Qt.Key.Key_Return,
                   "Tab": Qt.Key.Key_Tab, "Down": Qt.Key.Key_Down, "Up": Qt.Key.Key_Up, "F2": Qt.Key.Key_F2,
                   "Backspace": Qt.Key.Key_Backspace, "Home": Qt.Key.Key_Home,
                   "Right": Qt.Key.Key_Right, "Left": Qt.Key.Key_Left}.get(name)
            if key is None:
                key = getattr(Qt.Key, f"Key_{name.upper()}")
            if key == Qt.Key.Key_Tab and modifiers & Qt.KeyboardModifier.ShiftModifier:
                key = Qt.Key.Key_Backtab
            target = QApplication.focusWidget()
            assert target is not None, "no widget has the keyboard"
            QTest.keyClick(target, key, modifiers)
            self.count += 1
            QApplication.processEvents()

    def type(self, text: str) -> None:
        """Type `text`, one keystroke per character."""
        for ch in text:
            target = QApplication.focusWidget()
            assert target is not None, "no widget has the keyboard"
            QTest.keyClicks(target, ch)
            self.count += 1
        QApplication.processEvents()


def alt_down_until(win, keyboard: Keyboard, wanted) -> None:
    """Alt+Down through the queue until `wanted(win)` holds for the open article (asserted)."""
    for _ in range(win.queue_model.rowCount()):
        if wanted(win):
            return
        keyboard.press("Alt+Down")
    assert wanted(win), "no article of the queue is the one wanted"
