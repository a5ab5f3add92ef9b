"""Where the window sits: geometry and splitter saved in the settings, restored inside the screen
it opens on; maximised on the first run, in proportions that fit 1366×768."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

MIN_PANE = 200  # a pane saved narrower than this (a queue squeezed to 70 px) is laid out again


def restore(win) -> None:
    """Geometry, window state and splitter from the settings (or the first-run layout)."""
    settings = win.settings
    geometry = settings.value("window/geometry")
    if geometry is not None:
        win.restoreGeometry(geometry)
        fit_screen(win)
    else:  # first run: maximised (an editor reviews all day in this window); 1366×768 when restored
        win.resize(1366, 768)
        fit_screen(win)
        win.setWindowState(win.windowState() | Qt.WindowState.WindowMaximized)
    state = settings.value("window/state")
    if state is not None:
        win.restoreState(state)
    splitter = settings.value("window/splitter")
    if splitter is not None:
        win.splitter.restoreState(splitter)
    sizes = win.splitter.sizes()
    if splitter is None or min(sizes) < MIN_PANE or sum(sizes) < win.width() // 2:
        reset(win)


def save(win) -> None:
    win.settings.setValue("window/geometry", win.saveGeometry())
    win.settings.setValue("window/state", win.saveState())
    win.settings.setValue("window/splitter", win.splitter.saveState())


def reset(win) -> None:
    """Queue, article and record in the proportions that fit 1366×768."""
    w = win.width()
    win.splitter.setSizes([int(w * 0.26), int(w * 0.38), int(w * 0.36)])


def fit_screen(win) -> None:
    """Keep the window inside the screen it opens on (a geometry saved on a larger one)."""
    avail = _available(win)
    if avail is None:
        return
    frame = win.frameGeometry()
    if frame.width() > avail.width() or frame.height() > avail.height() or not avail.contains(frame.center()):
        win.resize(min(win.width(), avail.width() - 8), min(win.height(), avail.height() - 40))
        win.move(avail.topLeft())
        if win.width() < avail.width() * 0.9:  # too small to be useful: fill the screen
            _fill(win, avail)


def _available(win):
    screen = win.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


def _fill(win, avail) -> None:
    """The screen's free area, less room for a title bar."""
    win.setGeometry(avail.adjusted(0, 30, 0, 0))
