"""The database's own extraction models: trained on its done records, newest first."""
from __future__ import annotations

from .curation import now
from .db import Store


def save_model(store: Store, body: str, articles: int) -> int:
    """Keep a trained model (its JSON text); return its id. Earlier models stay, for history."""
    with store.db.atomic():
        cur = store.db.execute("INSERT INTO models (body, articles, trained_at) VALUES (?, ?, ?)",
                               [body, articles, now()])
    return int(cur.lastrowid)


def current_model(store: Store) -> str | None:
    """The JSON text of the newest model trained on this database, or None."""
    row = store.db.execute("SELECT body FROM models ORDER BY id DESC LIMIT 1").fetchone()
    return row[0] if row else None


def model_for(store: Store):
    """The model extraction should use for this database: its own newest, else the bundled one."""
    from ..extraction.learned import BUNDLED, parse  # noqa: PLC0415

    own = current_model(store)
    return parse(own) if own else BUNDLED
