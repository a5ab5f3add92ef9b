"""Render the real review window on a seed article to a PNG (docs/screenshot.png in the README).

    .venv/bin/python docs/screenshot.py [--size 1366x768] [--lang vi|en] [--out docs/screenshot.png]

Runs offscreen unless QT_QPA_PLATFORM says otherwise (e.g. under xvfb-run with xcb). The seeds
are imported through intake + the current extractor into a temporary database.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", default="1366x768")
    ap.add_argument("--lang", default="vi", choices=("vi", "en"))
    ap.add_argument("--seed", default="004", help="stem prefix of the seed article to open")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshot.png")
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    width, height = (int(v) for v in args.size.split("x"))

    from PySide6.QtCore import QSettings, QTimer

    from reviewer.core.extraction import EXTRACTOR_VERSION, extract
    from reviewer.core.intake import read_file
    from reviewer.core.store import Store
    from reviewer.ui.app import build_window, make_application

    work = Path(tempfile.mkdtemp(prefix="reviewer-shot-"))
    target = None
    with Store(work / "shot.db") as store:
        for path in sorted((ROOT / "seeds").glob("*.txt")):
            article = read_file(path)
            store.add_article(article, extract(article), EXTRACTOR_VERSION)
            if path.name.startswith(args.seed):
                target = article.id
    app = make_application(sys.argv[:1])
    settings = QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("reviewer/name", "Lan")
    settings.setValue("language", args.lang)
    win = build_window(work / "shot.db", settings)
    win.resize(width, height)
    win.show()
    win.open_article(target)
    # show the flash of a party picked in the editor, as a reviewer would see it
    if win.editor.parties_model.rowCount():
        win.editor.parties_view.selectRow(0)

    def grab() -> None:
        win.article_view._flash_timer.stop()
        app.processEvents()
        args.out.parent.mkdir(parents=True, exist_ok=True)
        win.grab().save(str(args.out))
        print(f"{args.out} ({width}x{height}, {app.platformName()}, {args.lang})")
        win.close()
        app.quit()

    QTimer.singleShot(400, grab)
    app.exec()
    win.session.store.close()


if __name__ == "__main__":
    main()
