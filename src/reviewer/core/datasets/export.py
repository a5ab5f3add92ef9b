"""Writers for the curated dataset: JSON Lines, CSV, CoNLL (BIO), Hugging Face JSON Lines,
Label Studio tasks and a gold set.

Each format is a pure function from `Item`s (article + record) to text chunks; `write_atomic`
puts the chunks into a file so that a failed export leaves no partial file. Token tags live in
`bio`, Label Studio tasks in `labelstudio`.
"""
from __future__ import annotations

import errno
import json
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from . import targets
from .bio import conll, hf_jsonl, hf_tags, spans_jsonl
from .labelstudio import labelstudio
from .tabular import csv_text, xlsx
from ..records import Article, Record

FORMATS = ("jsonl", "csv", "xlsx", "conll", "hf", "spans", "labelstudio", "gold")


class ExportError(Exception):
    """The export could not be written; the message says where and why."""


@dataclass(frozen=True)
class Item:
    """One curated article to export: its stored text, curated record and status."""

    article: Article
    record: Record
    status: str = "done"
    extraction: Record | None = None
    extractor_version: str | None = None
    revision: int | None = None  # the stored revision: load-gold will not apply it over a newer one
    reviewer: str | None = None


# ------------------------------------------------------------ JSON Lines
def export_dict(item: Item, with_text: bool = False) -> dict:
    """The record-format object for one article: id, source, title, status, then the record."""
    rec = item.record.to_dict()
    d = {"id": item.article.id, "source": item.article.source, "title": item.article.title,
         "status": item.status}
    d.update((k, v) for k, v in rec.items() if k not in ("source", "title"))
    if item.revision is not None:
        d["revision"] = item.revision
    if with_text:
        d["text"] = item.article.text
    return d


def jsonl(items: Iterable[Item], with_text: bool = False) -> Iterator[str]:
    """One JSON object per article and line (UTF-8, not ASCII-escaped)."""
    for item in items:
        yield json.dumps(export_dict(item, with_text), ensure_ascii=False) + "\n"


WRITERS: dict[str, Callable[[Iterable[Item]], Iterator[str]]] = {
    "jsonl": jsonl, "csv": csv_text, "xlsx": xlsx, "conll": conll, "hf": hf_jsonl,
    "spans": spans_jsonl, "labelstudio": labelstudio}
ENCODINGS = {"csv": "utf-8-sig", "xlsx": None}  # None: the chunks are bytes


# ------------------------------------------------------------ writing files
def write_atomic(path: str | Path, chunks: Iterable[str], encoding: str | None = "utf-8") -> int:
    """Write the chunks to `path` through a temporary file beside it; returns characters written
    (bytes, for bytes chunks and `encoding` None).

    Raises ExportError (and leaves nothing behind) if the folder is missing or not writable.
    The caller checks the target first (`targets.check_file_target`)."""
    target = Path(path)
    if target.is_dir():
        raise ExportError(f"cannot write {target}: it is a folder")
    try:
        tmp, fd = targets.new_temp(target)
    except OSError as e:
        raise ExportError(f"cannot write {target}: {_why(e)}") from None
    written = 0
    with _into_place(tmp, target):
        with (os.fdopen(fd, "wb") if encoding is None else os.fdopen(fd, "w", encoding=encoding, newline="")) as f:
            for chunk in chunks:
                f.write(chunk)
                written += len(chunk)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; give it a normal file's mode
    return written


@contextmanager
def _into_place(tmp: Path, target: Path) -> Iterator[None]:
    """Fill `tmp` inside the block; then it replaces `target`. On any failure the temporary file
    (or folder) goes and nothing is replaced; an OSError is said in plain words."""
    try:
        yield
        os.replace(tmp, target)
        targets.release(tmp)
    except BaseException as e:
        targets.discard(tmp)
        if isinstance(e, OSError):
            raise ExportError(f"cannot write {target}: {_why(e)}") from None
        raise


def _why(e: OSError) -> str:
    """An OSError in plain words (a full disk says so)."""
    if e.errno == errno.ENOSPC:
        return "the disk is full; free some space and export again (nothing was replaced)"
    if e.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"{e.strerror or e} (the folder or file is read-only)"
    return e.strerror or str(e)


def gold_name(item: Item) -> str:
    """The stem a gold set uses for an article: its source file's stem, else its id."""
    stem = Path(item.article.source or "").name
    stem = re.sub(r"\.(txt|text|html?|json)$", "", stem)
    return stem if re.fullmatch(r"[\w.\-]+", stem or "") else item.article.id


def write_gold_dir(items: Iterable[Item], path: str | Path) -> int:
    """Write a gold set: `<stem>.gold.json` (the record) beside `<stem>.txt` (the stored text)
    per article, what `load-gold` and shared/tools/score.py read. Returns articles written.

    The folder is built beside the target and renamed into place, so a failure leaves nothing;
    the target must not exist yet (or be empty)."""
    target = Path(path)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ExportError(f"cannot write {target}: it already exists; name a new folder")
    try:
        tmp, _ = targets.new_temp(target, folder=True)
    except OSError as e:
        raise ExportError(f"cannot write {target}: {_why(e)}") from None
    n, used = 0, set()
    with _into_place(tmp, target):
        for item in items:
            stem = gold_name(item)
            stem = stem if stem not in used else f"{stem}_{item.article.id}"
            used.add(stem)
            d = {k: v for k, v in export_dict(item).items() if k not in ("id", "status", "revision")}
            (tmp / f"{stem}.gold.json").write_text(
                json.dumps(d, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            (tmp / f"{stem}.txt").write_text(item.article.text, encoding="utf-8", newline="")
            n += 1
        os.chmod(tmp, 0o777 & ~_umask())
        if target.exists():
            target.rmdir()  # an empty folder named as the target: the new one takes its place
    return n


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def export(items: Iterable[Item], fmt: str, path: str | Path | None, stream=None,
           with_text: bool = False, *, force: bool = False, db_path: str | Path | None = None) -> int:
    """Write `items` in format `fmt` to `path` (atomically) or to a text stream; returns chars
    (for "gold", a folder: returns articles).

    `with_text` adds each article's stored text to JSON Lines (a self-contained export). The
    target is checked first (`targets`): never the database at `db_path`, a folder or a special
    file; an existing file only with `force`. Sources stored as absolute paths are written
    relative to where the export goes."""
    if path is not None:
        path = _checked(fmt, path, force, db_path)
    items = _relative_sources(items, Path(path) if fmt == "gold" and path else
                              Path(path).parent if path else Path.cwd())
    if fmt == "gold":
        if path is None:
            raise ExportError("the gold format writes a folder: name it with -o DIR")
        return write_gold_dir(items, path)
    if fmt not in WRITERS:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "xlsx" and path is None:
        raise ExportError("the xlsx format writes a workbook: name it with -o FILE.xlsx")
    chunks = jsonl(items, with_text=True) if fmt == "jsonl" and with_text else WRITERS[fmt](items)
    if path is None:
        n = 0
        for chunk in chunks:
            stream.write(chunk)
            n += len(chunk)
        return n
    written = write_atomic(path, chunks, ENCODINGS.get(fmt, "utf-8"))
    if fmt == "hf":  # the names of the tag indexes, beside the data: <name>.tags.json
        write_atomic(hf_tags_path(path), [hf_tags()])
    return written



def _checked(fmt: str, path: str | Path, force: bool, db_path: str | Path | None) -> Path:
    protected = targets.protected_paths(db_path)
    try:
        if fmt == "gold":
            targets.check_folder_target(path, protected=protected)
            return Path(path)
        real = targets.check_file_target(path, protected=protected, force=force)
        return real if Path(path).is_symlink() else Path(path)  # messages name the path as given
    except targets.TargetError as e:
        raise ExportError(str(e)) from None



def _relative_sources(items: Iterable[Item], folder: Path) -> Iterator[Item]:
    """The items with each absolute `source` made relative to `folder` (`load-gold` looks for a
    source beside the export), so no export carries the path of the machine that imported."""
    folder = folder.absolute()
    for item in items:
        src = item.article.source
        if src and os.path.isabs(src):
            try:
                src = os.path.relpath(src, folder)
            except ValueError:  # another drive: the file name is all that travels
                src = Path(src).name
            item = replace(item, article=replace(item.article, source=src))
        yield item


def hf_tags_path(path: str | Path) -> Path:
    """Where the `hf` format's tag list goes: beside the data, `train.jsonl` → `train.tags.json`."""
    p = Path(path)
    return p.with_name(p.name.split(".")[0] + ".tags.json")
