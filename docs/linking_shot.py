"""Render the window with a linking proposal beside the record, and the overview, to PNGs
(docs/linking.png and docs/overview.png in the README).

    .venv/bin/python docs/linking_shot.py [--corpus DB] [--lang vi|en]

The proposal: two outlets' reports of one signing (tests/data/one_signing) are done and
linked; the third outlet's report is open. The overview is drawn over `--corpus` (a database
after `reviewer link`), else over the same small one.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "one_signing"


def build(work: Path) -> Path:
    from reviewer.core.datasets import gold
    from reviewer.core.datasets.linking import Linker
    from reviewer.core.intake import read_file
    from reviewer.core.records import Record
    from reviewer.core.store import Store

    folder = work / "gold"
    folder.mkdir()
    for stem in ("hd_baohaiduong", "bg_baobacgiang", "hd_2024_program"):
        for suffix in (".txt", ".gold.json"):
            shutil.copy(DATA / (stem + suffix), folder / (stem + suffix))
    with Store(work / "shot.db") as store:
        gold.load(store, [folder])
        linker = Linker(store)
        linker.apply(linker.plan(), reviewer=None)
        article = read_file(DATA / "vn_tintuc.txt")
        store.add_article(article, Record.from_dict(json.loads((DATA / "vn_tintuc.gold.json").read_text("utf-8"))), "x")
    return work / "shot.db"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lang", default="vi", choices=("vi", "en"))
    ap.add_argument("--corpus", type=Path, help="database for the overview picture")
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings, QTimer

    from reviewer.ui.app import build_window, make_application

    work = Path(tempfile.mkdtemp(prefix="reviewer-link-shot-"))
    db = build(work)
    app = make_application(sys.argv[:1])
    settings = QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("reviewer/name", "Lan")
    settings.setValue("language", args.lang)
    win = build_window(db, settings)
    win.resize(1366, 768)
    win.show()
    win.start()

    def grab() -> None:
        app.processEvents()
        win.grab().save(str(ROOT / "docs" / "linking.png"))
        win.close()
        overview_window = build_window(args.corpus or db, settings)
        overview_window.show()
        panel = overview_window.linking.show_overview()
        overview_window.linking.dock.resize(1280, 760)
        app.processEvents()
        overview_window.linking.dock.grab().save(str(ROOT / "docs" / "overview.png"))
        print("docs/linking.png docs/overview.png", panel.summary.text())
        overview_window.close()
        app.quit()

    QTimer.singleShot(400, grab)
    app.exec()


if __name__ == "__main__":
    main()
