"""Where an export may write, and the temporary files it writes through.

An export never destroys: it refuses the database itself (and its -wal, -shm, -journal), a
folder, a special file (FIFO, device, socket) and, unless forced, an existing file. It writes to a
hidden temporary file (or folder) beside the target, `.NAME.PID.XXXX.part`, and renames it into
place. A process killed mid-export leaves that file behind: every later run sweeps the
leftovers of processes that are no longer alive, found through a small registry in the state
folder (and in the target's own folder, so a lost registry entry is still found).
"""
from __future__ import annotations

import errno
import hashlib
import os
import re
import shutil
import stat
import tempfile
from pathlib import Path
from typing import Iterable

STATE_ENV = "REVIEWER_STATE_DIR"
_DB_SUFFIXES = ("", "-wal", "-shm", "-journal")
_PART = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.[^.]+\.part$")


class TargetError(Exception):
    """The export target is refused; the message names it and says why."""


def protected_paths(db_path: str | Path | None) -> list[Path]:
    """The database file and its companions, which no export may overwrite."""
    if db_path is None:
        return []
    return [Path(str(db_path) + s) for s in _DB_SUFFIXES]


def check_file_target(path: str | Path, *, protected: Iterable[str | Path] = (),
                      force: bool = False) -> Path:
    """The real file an export to `path` should replace (a symlink's target); TargetError if it
    must not be written: the database, a folder, a special file, or an existing file unless `force`."""
    target = Path(path)
    real = _real(target)
    _refuse_protected(target, real, protected)
    try:
        st = os.stat(real)
    except FileNotFoundError:
        if target.is_symlink():
            raise TargetError(f"{target} is a symbolic link to a missing file ({real}); name a real file") from None
        return real
    except OSError as e:
        raise TargetError(f"cannot write {target}: {e.strerror or e}") from None
    if stat.S_ISDIR(st.st_mode):
        raise TargetError(f"cannot write {target}: it is a folder; name a file")
    if not stat.S_ISREG(st.st_mode):
        raise TargetError(f"cannot write {target}: it is a {_kind(st.st_mode)}, not a file; name a file")
    if not force:
        raise TargetError(f"{target} already exists; use --force to replace it")
    return real


def check_folder_target(path: str | Path, *, protected: Iterable[str | Path] = ()) -> Path:
    """The folder a gold set should be written to: new, or an empty folder."""
    target = Path(path)
    real = _real(target)
    _refuse_protected(target, real, protected)
    if real.exists() or target.is_symlink():
        if not real.is_dir() or any(real.iterdir()):
            raise TargetError(f"cannot write {target}: it already exists; name a new folder")
    return real


def _real(target: Path) -> Path:
    try:
        return Path(os.path.realpath(target, strict=False))
    except (OSError, RuntimeError) as e:  # a symlink loop
        raise TargetError(f"cannot write {target}: {getattr(e, 'strerror', None) or e}") from None


def _refuse_protected(target: Path, real: Path, protected: Iterable[str | Path]) -> None:
    for p in protected:
        p = Path(p)
        same = real == _real(p)
        if not same and real.exists() and p.exists():
            try:
                same = os.path.samefile(real, p)
            except OSError:
                same = False
        if same:
            raise TargetError(f"refusing to write {target}: it is the reviewer database ({p}); "
                              "name another file")


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "special file"


# ------------------------------------------------------------ temporary files
def state_dir() -> Path:
    """The folder for reviewer's own bookkeeping ($REVIEWER_STATE_DIR or the user state folder)."""
    env = os.environ.get(STATE_ENV)
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_state_dir("reviewer", appauthor=False))


def _registry() -> Path:
    return state_dir() / "parts"


def new_temp(target: Path, *, folder: bool = False) -> tuple[Path, int | None]:
    """A hidden temporary file (fd open for writing) or folder beside `target`, registered so that
    a later run removes it if this process dies; returns (path, fd or None)."""
    where = target.parent if str(target.parent) else Path(".")
    sweep(where)
    prefix = f".{target.name}.{os.getpid()}."
    if folder:
        tmp, fd = Path(tempfile.mkdtemp(prefix=prefix, suffix=".part", dir=where)), None
    else:
        fd, name = tempfile.mkstemp(prefix=prefix, suffix=".part", dir=where)
        tmp = Path(name)
    _register(tmp)
    return tmp, fd


def release(tmp: Path) -> None:
    """Forget a temporary file that was renamed into place or removed."""
    try:
        os.unlink(_registry() / _entry_name(tmp))
    except OSError:
        pass


def discard(tmp: Path) -> None:
    """Remove a temporary file or folder and forget it."""
    if tmp.is_dir() and not tmp.is_symlink():
        shutil.rmtree(tmp, ignore_errors=True)
    else:
        try:
            os.unlink(tmp)
        except OSError:
            pass
    release(tmp)


def _entry_name(tmp: Path) -> str:
    m = _PART.match(tmp.name)
    pid = m["pid"] if m else str(os.getpid())
    return f"{pid}-{hashlib.sha1(str(tmp.resolve()).encode()).hexdigest()[:16]}"


def _register(tmp: Path) -> None:
    try:
        reg = _registry()
        reg.mkdir(parents=True, exist_ok=True)
        (reg / _entry_name(tmp)).write_text(str(tmp.resolve()), encoding="utf-8")
    except OSError:
        pass  # bookkeeping only: the folder sweep still finds it


def sweep(folder: str | Path | None = None) -> int:
    """Remove temporary export files left by processes that died (registered ones, and those in
    `folder`); returns how many were removed. Never fails."""
    removed = 0
    try:
        entries = list(_registry().iterdir())
    except OSError:
        entries = []
    for entry in entries:
        pid = entry.name.split("-", 1)[0]
        if not pid.isdigit() or _alive(int(pid)):
            continue
        try:
            tmp = Path(entry.read_text(encoding="utf-8").strip())
        except OSError:
            continue
        m = _PART.match(tmp.name)
        if m and m["pid"] == pid and (tmp.exists() or tmp.is_symlink()):
            discard(tmp)
            removed += 1
        try:
            os.unlink(entry)
        except OSError:
            pass
    if folder is not None:
        try:
            names = [p for p in Path(folder).iterdir() if p.name.startswith(".") and p.name.endswith(".part")]
        except OSError:
            names = []
        for p in names:
            m = _PART.match(p.name)
            if m and not _alive(int(m["pid"])):
                discard(p)
                removed += 1
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name != "posix":
        return True  # no safe probe without a dependency: leave it
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError as e:
        return e.errno == errno.EPERM  # alive, someone else's
    return True
