"""The curated store: SQLite (all SQL in `db`), its vocabulary (`curation`) and the importer."""
from .curation import (APP_NAME, ENV_VAR, ConflictError, CuratedRecord, DatabaseBusy, DiskFull,
                       QueueRow, ReadOnlyDatabase, Revision, SaveError, StoreError, default_db_path, now,
                       parties_label)
from .db import Store, fts_query

__all__ = ["APP_NAME", "ENV_VAR", "ConflictError", "CuratedRecord", "DatabaseBusy", "DiskFull",
           "QueueRow", "ReadOnlyDatabase", "Revision", "SaveError", "Store", "StoreError",
           "default_db_path", "fts_query", "now", "parties_label"]
