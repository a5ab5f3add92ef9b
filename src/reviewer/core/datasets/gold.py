"""Load curated records from outside: gold files (`<stem>.gold.json` beside `<stem>.txt`)
and curated JSON Lines exports, so the two are interchangeable.

An export line finds its article text, in order: its own `"text"` key (`export --with-text`),
the article already in the database with the line's `"id"`, or the file named by `"source"`
(as written, or relative to the export's folder). The text's id must match the line's id.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .anchor import anchor
from ..intake import IntakeError, make_article, read_file, regular_file
from ..records import Article, Record
from ..validate import parse_json, problems
from ..store import Store

GOLD_SUFFIX = ".gold.json"


@dataclass(frozen=True)
class Loaded:
    """What happened to one curated record: 'added', 'updated', 'unchanged', 'stale' (the database
    holds a newer revision; not applied) or 'failed'."""

    source: str
    outcome: str
    reason: str = ""


@dataclass(frozen=True)
class Curated:
    article: Article
    record: Record
    status: str
    revision: int | None = None  # the revision it was exported at (export lines carry it)
    updated_at: str | None = None
    note: str = ""  # what was repaired on reading (lone surrogates replaced)


def gold_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Gold files and JSON Lines exports under `paths`, folders sorted by name."""
    for path in paths:
        p = Path(path)
        if p.is_dir():
            yield from sorted(c for c in p.rglob("*") if c.name.endswith(GOLD_SUFFIX))
        else:
            yield p


def read_gold(path: Path) -> Curated:
    """A gold file and its sibling article text. Raises IntakeError with a reason."""
    stem = path.name[: -len(GOLD_SUFFIX)]
    regular_file(path)
    txt = path.with_name(stem + ".txt")
    if not txt.exists():
        raise IntakeError(str(path), f"has no article text beside it ({txt.name} is missing)")
    notes: list[str] = []
    obj = _json(path.read_bytes(), str(path), notes)
    article = read_file(txt)
    return Curated(article, _record(obj, article, str(path)), "done", *_stamp(obj), "; ".join(notes))


def read_export(path: Path, store: Store) -> Iterator[Curated | Loaded]:
    """Each line of a curated JSON Lines export with its article; a bad line is a failed `Loaded`."""
    try:
        f = regular_file(path).open("rb")
    except IntakeError as e:
        yield Loaded(e.source, "failed", e.reason)
        return
    except OSError as e:
        yield Loaded(str(path), "failed", e.strerror or str(e))
        return
    with f:  # streamed: an export with texts can be large
        yield from _export_lines(f, path, store)


def _export_lines(f, path: Path, store: Store) -> Iterator[Curated | Loaded]:
    for n, line in enumerate(f, 1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            notes: list[str] = []
            obj = _json(line, where, notes)
            article = _export_article(obj, path, store, where)
            record = _record(obj, article, where, with_status=True)
            yield Curated(article, record, obj.get("status") or "done", *_stamp(obj),
                          "; ".join(f"{where}: {n}" for n in notes))
        except IntakeError as e:
            yield Loaded(e.source, "failed", e.reason)


def read_labelstudio(path: Path, store: Store) -> Iterator[Curated | Loaded]:
    """The annotated tasks of a Label Studio JSON export as curated records (tasks nobody
    annotated are left out); a task that cannot be read is a failed `Loaded`."""
    from . import labelstudio as ls

    try:
        tasks = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        yield Loaded(str(path), "failed", f"is not a readable JSON file ({e})")
        return
    if not ls.is_export(tasks):
        yield Loaded(str(path), "failed", "is not a Label Studio export (a JSON list of tasks with \"data\")")
        return
    for n, task in enumerate(tasks, 1):
        answer = ls.annotation_of(task)
        if answer is None:
            continue
        data, where = task["data"], f"{path}:task {task.get('id', n)}"
        try:
            article = _export_article({"id": data.get("article_id"), "text": data.get("text"),
                                       "source": data.get("source")}, path, store, where)
            base = _record(data["record"], article, where) if isinstance(data.get("record"), dict) else None
            record = replace(ls.record_from(article, answer.get("result") or [], base),
                             source=article.source, title=article.title)
            status = data.get("status") if not record.agreements and data.get("status") in ls.ANNOTATED else "done"
            yield Curated(article, record, status)
        except IntakeError as e:
            yield Loaded(e.source, "failed", e.reason)
        except (TypeError, ValueError, KeyError) as e:
            yield Loaded(where, "failed", f"has a result Label Studio did not write ({e})")


def _export_article(obj: dict, path: Path, store: Store, where: str) -> Article:
    want, source = obj.get("id"), obj.get("source")
    if isinstance(source, str) and source and not Path(source).is_absolute():
        # exports write sources relative to themselves (or, on stdout, to the working folder);
        # the database keeps where the file is
        near = [p.absolute() for p in (path.parent / source, Path(source))]
        if isinstance(obj.get("text"), str):  # the text is here: the file need not exist
            near = near[:1]
        source = os.path.normpath(next((p for p in near if p.is_file()), near[0]))
    if isinstance(obj.get("text"), str):
        article = make_article(obj["text"], source or where)
    elif want and store.has_article(want):
        return store.article(want)
    elif isinstance(source, str) and source:
        if not Path(source).is_file():
            raise IntakeError(where, f"its article text is not in the database and {source} is not found")
        article = replace(read_file(Path(source)), source=source)
    else:
        raise IntakeError(where, 'has no "text", no stored "id" and no "source" file')
    if want and want != article.id:
        raise IntakeError(where, f"the text found differs from the exported article ({article.id} ≠ {want})")
    return article


def _json(data: bytes, where: str, notes: list[str] | None = None) -> dict:
    try:
        obj = parse_json(data, notes)
    except ValueError as e:
        raise IntakeError(where, str(e)) from None
    if not isinstance(obj, dict) or not isinstance(obj.get("agreements", []), list):
        raise IntakeError(where, 'needs a record object with an "agreements" list')
    return obj


def _stamp(obj: dict) -> tuple[int | None, str | None]:
    return obj.get("revision"), obj.get("updated_at")


def _record(obj: dict, article: Article, where: str, with_status: bool = False) -> Record:
    """The record in `obj`, checked against the record format first (IntakeError naming the field)."""
    found = problems(obj, article.text, with_status=with_status)
    if found:
        more = f" (and {len(found) - 3} more)" if len(found) > 3 else ""
        raise IntakeError(where, "; ".join(found[:3]) + more)
    try:
        record = Record.from_dict(obj)
    except (TypeError, ValueError, AttributeError, KeyError) as e:
        raise IntakeError(where, f"is not in the record format ({e})") from None
    return replace(record, source=article.source, title=article.title)


def load(store: Store, paths: Iterable[str | Path], *, reviewer: str | None = None,
         extract: Callable[[Article], Record] | None = None, extractor_version: str = "",
         action: str = "load-gold", overwrite_newer: bool = False) -> list[Loaded]:
    """Load gold files / exports as curated records; returns one `Loaded` per record.

    Every field is anchored to its words in the text (`anchor.anchor`), so exports find them.
    A new article is added (with `extract`'s machine record, if given); a stored one gets a new
    revision unless its record and status are already the same. A record exported at an older
    revision than the stored one (or with an older `updated_at`) is 'stale' and not applied
    unless `overwrite_newer`. Each record is one transaction."""
    out: list[Loaded] = []
    for path in gold_files(paths):
        if path.suffix.lower() in (".jsonl", ".ndjson"):
            items: Iterable[Curated | Loaded] = read_export(path, store)
        elif path.suffix.lower() == ".json" and not path.name.endswith(GOLD_SUFFIX):
            items = read_labelstudio(path, store)
        elif not path.name.endswith(GOLD_SUFFIX):
            items = [Loaded(str(path), "failed",
                            f"is neither a gold file (*{GOLD_SUFFIX}) nor a JSON Lines export (*.jsonl)")]
        else:
            try:
                items = [read_gold(path)]
            except IntakeError as e:
                items = [Loaded(e.source, "failed", e.reason)]
            except OSError as e:
                items = [Loaded(str(path), "failed", e.strerror or str(e))]
        for item in items:
            out.append(item if isinstance(item, Loaded) else _store_one(
                store, item, reviewer, extract, extractor_version, action, overwrite_newer))
    return out


def _store_one(store: Store, item: Curated, reviewer, extract, version, action,
               overwrite_newer: bool = False) -> Loaded:
    art = item.article
    if not store.has_article(art.id):
        try:
            machine = extract(art) if extract else None
        except Exception as e:  # the extractor's own bug: the curated record is still loaded
            machine, note = None, f"{art.source}: not extracted ({type(e).__name__}: {e})"
            item = replace(item, note="; ".join(x for x in (item.note, note) if x))
        store.add_curated(art, anchor(art, item.record, machine), status=item.status, reviewer=reviewer,
                          action=action, extraction=machine, extractor_version=version)
        return Loaded(art.source, "added", item.note)
    current = store.record(art.id)
    record = anchor(art, item.record, store.extraction(art.id))
    if current.status == item.status and current.record.to_dict() == record.to_dict():
        return Loaded(art.source, "unchanged")
    newer = _newer_than(current, item)
    if newer and not overwrite_newer:
        return Loaded(art.source, "stale", newer)
    store.save(art.id, record, status=item.status, reviewer=reviewer,
               expected_revision=current.revision, action=action)
    return Loaded(art.source, "updated", item.note)



def _newer_than(current, item: Curated) -> str:
    """Why the stored record is newer than the one being loaded ('' if it is not)."""
    if item.updated_at and current.updated_at and current.updated_at > item.updated_at:
        return (f"the database holds a newer edit (saved {current.updated_at[:19]}, this one "
                f"{item.updated_at[:19]})")
    if item.revision is not None and current.revision > item.revision:
        return (f"the database holds a newer edit (revision {current.revision}; this line was "
                f"exported at revision {item.revision})")
    return ""
