"""Words: a QTranslator fed from a JSON dictionary (resources/translations/<lang>.json).

Source strings in the code are English; Vietnamese is the default language. A dictionary keeps
translations editable without Qt's lrelease tool.
"""
from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

RESOURCES = Path(__file__).resolve().parents[3] / "resources"
LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}
DEFAULT_LANGUAGE = "vi"


def load_dictionary(language: str) -> dict[str, str]:
    """The {English: translation} dictionary of `language` ({} for English or if missing)."""
    path = RESOURCES / "translations" / f"{language}.json"
    if language == "en" or not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


class DictTranslator(QTranslator):
    """Translate every context's strings from one dictionary; unknown strings stay English."""

    def __init__(self, language: str, parent=None):
        super().__init__(parent)
        self.language = language
        self.words = load_dictionary(language)

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: D401 (Qt override)
        return self.words.get(source_text)

    def isEmpty(self) -> bool:
        return not self.words


_installed: DictTranslator | None = None


def install(language: str) -> str:
    """Install the translator for `language` on the running application; return the language used."""
    global _installed
    app = QCoreApplication.instance()
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE
    if _installed is not None:
        app.removeTranslator(_installed)
        _installed = None
    if language != "en":
        _installed = DictTranslator(language, app)
        app.installTranslator(_installed)
    return language
