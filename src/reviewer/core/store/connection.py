"""Opening the database file and writing to it as SQLite means it.

- Every write transaction begins IMMEDIATE: it asks for the write lock first and waits for it
  (the busy timeout). A deferred transaction that reads and then writes gets SQLITE_BUSY at once
  when another process saved in between, whatever the timeout (MEASURED.md).
- Migrations run inside one such transaction, re-checked once the lock is held, so any number of
  processes may open a new file at the same moment.
- A file this program cannot write (read-only, or written by a newer reviewer) opens read-only
  with the reason; a write then raises `ReadOnlyDatabase` saying it.
- SQLite's errors are said in plain words, naming the file: locked (and for how long it waited),
  read-only, disk full.
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import sqlite_utils
from sqlite_utils.migrations import Migrations

from .curation import DatabaseBusy, DiskFull, ReadOnlyDatabase, StoreError

BUSY_TIMEOUT_MS = 10_000  # how long a write waits for another process's write to finish
SCHEMA_VERSION = 4  # raised by every migration that changes what an older reviewer can read


def connect(path: Path, migrations: Migrations) -> tuple[sqlite_utils.Database, str | None]:
    """Open the database at `path`, creating and upgrading it; returns (database, None) or, when
    it can only be read, (read-only database, the reason in words)."""
    reason = _unwritable(path)
    if reason:
        return _open_read_only(path), reason
    try:
        return _connect(path, migrations)
    except DiskFull as e:
        if not _disk_full(path) or not path.exists():
            raise
        # SQLite cannot even size its shared-memory file: the data can still be read
        return _open_read_only(path), f"{e.args[0].split(': ', 1)[1].split(';')[0]}; free some space to change it"


def _connect(path: Path, migrations: Migrations) -> tuple[sqlite_utils.Database, str | None]:
    db = sqlite_utils.Database(path)
    try:
        db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_MS)}")
        db.execute("PRAGMA foreign_keys = ON")
        _enable_wal(db, path)
        # FULL: a save that returned survives a crash of the process and of the machine
        db.execute("PRAGMA synchronous = FULL")
        newer = _newer(db, migrations)
        if newer:
            db.close()
            return _open_read_only(path), newer
        if migrations.pending(db):
            with immediate(db, path):
                migrations.apply(db)  # pending again inside the lock: another process may have won
    except BaseException:
        db.close()
        raise
    return db, None


def _enable_wal(db: sqlite_utils.Database, path: Path) -> None:
    """Switch a (new) file to WAL. The switch needs the file to itself and SQLite answers "locked"
    at once, without its busy handler, while another process switches or migrates the same new
    file: so retry for the busy timeout, as a write would wait."""
    started = time.monotonic()
    while True:
        try:
            with _plain(path, started):
                db.enable_wal()
            return
        except DatabaseBusy:
            if time.monotonic() - started > BUSY_TIMEOUT_MS / 1000:
                raise
            time.sleep(0.02)


def _unwritable(path: Path) -> str | None:
    if path.exists() and not os.access(path, os.W_OK):
        return f"the file {path} is read-only (no permission to write it, or a read-only disk)"
    folder = path.parent if str(path.parent) else Path(".")
    if path.exists() and not os.access(folder, os.W_OK):
        return f"its folder {folder} is read-only (SQLite needs to write its journal there)"
    return None


def _open_read_only(path: Path) -> sqlite_utils.Database:
    if not path.exists():
        raise StoreError(f"cannot open the database {path}: it does not exist")
    uri = Path(path).resolve().as_uri()
    conn = sqlite3.connect(uri + "?mode=ro", uri=True)
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_MS)}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError:
        conn.close()
        wal = Path(str(path) + "-wal")
        if wal.exists() and wal.stat().st_size:
            raise DiskFull(f"cannot read the database {path}: SQLite cannot open its journal (the "
                           "disk is full or the folder read-only) and saves are still in it") from None
        # nothing waits in the journal: the file alone is the whole database
        conn = sqlite3.connect(uri + "?mode=ro&immutable=1", uri=True)
    return sqlite_utils.Database(conn)


def _disk_full(path: Path) -> bool:
    try:
        return shutil.disk_usage(path.parent if str(path.parent) else ".").free < 256 * 1024
    except OSError:
        return False


def _newer(db: sqlite_utils.Database, migrations: Migrations) -> str | None:
    """Why this program must not write the file (a newer reviewer's schema), or None."""
    known = {m.name for m in migrations._migrations}
    unknown = [m.name for m in migrations.applied(db) if m.name not in known]
    version = None
    if db["reviewer_schema"].exists():
        row = db.execute("SELECT version FROM reviewer_schema").fetchone()
        version = row[0] if row else None
    if unknown or (version or 0) > SCHEMA_VERSION:
        return (f"it was written by a newer version of reviewer (schema {version or '?'}; this one "
                f"knows up to {SCHEMA_VERSION}): update reviewer to change it")
    return None


@contextmanager
def immediate(db: sqlite_utils.Database, path: Path, read_only: str | None = None) -> Iterator[None]:
    """One write transaction that holds the write lock from its first statement; nested, a savepoint."""
    if read_only:
        raise ReadOnlyDatabase(f"cannot change the database {path}: {read_only}")
    if db.conn.in_transaction:
        with db.atomic():
            yield
        return
    started = time.monotonic()
    with _plain(path, started):
        db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException as e:
        if db.conn.in_transaction:
            db.conn.rollback()
        if isinstance(e, sqlite3.OperationalError) and not isinstance(e, StoreError):
            raise _said(e, path, started) from None
        raise
    with _plain(path, started):
        db.conn.commit()


@contextmanager
def _plain(path: Path, started: float) -> Iterator[None]:
    try:
        yield
    except sqlite3.OperationalError as e:
        if isinstance(e, StoreError):
            raise
        raise _said(e, path, started) from None


def _said(e: sqlite3.OperationalError, path: Path, started: float) -> Exception:
    """SQLite's error in plain words, naming the file; the error itself if it has none."""
    msg = str(e).lower()
    if "locked" in msg or "busy" in msg:
        return DatabaseBusy(f"the database {path} is in use by another process: waited "
                            f"{time.monotonic() - started:.1f} s for it; nothing was changed — try again")
    if "readonly" in msg or "read-only" in msg:
        return ReadOnlyDatabase(f"cannot write the database {path}: the file or its folder is read-only")
    if "full" in msg or ("disk i/o" in msg and _disk_full(path)):
        return DiskFull(f"cannot write the database {path}: the disk holding it is full; nothing was "
                        "changed — free some space and try again")
    if "disk i/o" in msg:
        return DiskFull(f"cannot write the database {path}: the disk refused the write (disk I/O "
                        "error: full, removed or failing?); nothing was changed")
    return e
