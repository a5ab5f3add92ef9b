"""Start the window: platform check, QApplication, words, style, session, first-run seeding."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from .platform_check import check_platform

ORGANISATION = "reviewer"
APPLICATION = "reviewer"


def make_application(argv: list[str] | None = None):
    """The QApplication (created once), with names, palette and icon set."""
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from .i18n import RESOURCES

    # Qt splits every fill taller than ~96 rows (a scroll bar's gradient, a view's background) over
    # its GUI thread pool; for widget-sized fills the hand-offs cost more than they save: a third
    # of an article switch on 2 cores (bench/ui.py). Qt only asks whether the variable is set.
    os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    # colours through the palette, not a style sheet: a style sheet sends every widget's paint
    # through QStyleSheetStyle, which cost 4 of the 17 ms of an article switch
    from PySide6.QtGui import QColor, QPalette

    pal = app.palette()
    pal.setColor(QPalette.ColorRole.Highlight, QColor("#2563eb"))
    pal.setColor(QPalette.ColorRole.HighlightedText, QColor("white"))
    app.setPalette(pal)
    icon = RESOURCES / "icons" / "reviewer.png"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def build_window(db_path: str | Path, settings=None):
    """A window over the database at `db_path` (its language installed from the settings)."""
    from PySide6.QtCore import QSettings

    from ..core.store import Store
    from . import i18n
    from .main_window import MainWindow
    from .session import ReviewSession

    settings = settings if settings is not None else QSettings()
    i18n.install(str(settings.value("language", i18n.DEFAULT_LANGUAGE)))
    session = ReviewSession(Store(db_path))
    return MainWindow(session, settings)


def run(db_path: str | Path, seed_from: str | Path | None = None) -> int:
    """Open the review window; imports `seed_from` first if the database has no article."""
    problem = check_platform()
    if problem:
        print(f"reviewer: {problem}", file=sys.stderr)
        return 2
    app = make_application()
    window = build_window(db_path)
    window.show()
    window.ensure_reviewer()
    if seed_from is not None and window.session.count() == 0:
        window.import_from(paths=[str(seed_from)])
    else:
        window.start()
    code = app.exec()
    window.session.store.close()
    return code
