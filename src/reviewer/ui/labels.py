"""Translated display words for the record model's codes (statuses, origins, kinds, categories)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _t(text: str) -> str:
    return QCoreApplication.translate("labels", text)


def status_label(status: str) -> str:
    return {"pending": _t("pending"), "in_review": _t("in review"), "done": _t("done"),
            "not_an_agreement": _t("not an agreement"), "skipped": _t("skipped")}.get(status, status)


def origin_label(origin: str) -> str:
    return {"machine": _t("machine"), "accepted": _t("accepted"), "edited": _t("edited"),
            "added": _t("added")}.get(origin, origin)


def kind_label(kind: str) -> str:
    return {"memorandum": _t("memorandum"), "agreement": _t("agreement"), "program": _t("program"),
            "other": _t("other (twinning, coordination rules…)")}.get(kind, kind)


def category_label(category: str) -> str:
    return {
        "economy & investment": _t("economy & investment"), "agriculture": _t("agriculture"),
        "trade": _t("trade"), "tourism & culture": _t("tourism & culture"),
        "education & training": _t("education & training"), "health": _t("health"),
        "environment & resources": _t("environment & resources"),
        "science & technology": _t("science & technology"),
        "party & government": _t("party & government"),
        "defence & security": _t("defence & security"), "social welfare": _t("social welfare"),
        "other": _t("other"),
    }.get(category, category)


def field_label(kind: str) -> str:
    """What a highlight of this kind is (legend, tooltips, menu items)."""
    return {"party": _t("Party"), "date": _t("Date"), "place": _t("Place"), "period": _t("Period"),
            "kind": _t("Kind of document"), "commitment": _t("Commitment"),
            "amount": _t("Amount")}.get(kind, kind)
