"""Writers for the curated dataset: JSON Lines, CSV, CoNLL (BIO) and Label Studio tasks.

Each format is a pure function from `Item`s (article + curated record) to text chunks;
`write_atomic` puts the chunks into a file so that a failed export leaves no partial file.
"""
from __future__ import annotations

import csv
import errno
import io
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..records import Article, Record, Span
from . import targets

FORMATS = ("jsonl", "csv", "conll", "labelstudio", "gold")
LABELS = ("PARTY", "DATE", "PLACE", "PERIOD", "COMMITMENT", "AMOUNT")
CSV_COLUMNS = ("article_id", "source", "title", "published", "status", "agreement", "kind",
               "parties", "signed_on", "place", "period_from", "period_to", "commitment",
               "category", "giver", "amount")


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


# ------------------------------------------------------------ CSV
def csv_rows(item: Item) -> Iterator[dict]:
    """One row per commitment, with its agreement's fields; an agreement without any gives one row."""
    art = item.article
    base = {"article_id": art.id, "source": art.source, "title": art.title,
            "published": item.record.published, "status": item.status}
    for n, a in enumerate(item.record.agreements, 1):
        row = dict(base, agreement=n, kind=a.kind, signed_on=a.signed_on, place=a.place,
                   parties="; ".join(p.name + (f" ({p.level})" if p.level else "")
                                     + ("" if p.country == "Việt Nam" else f" [{p.country}]")
                                     for p in a.parties),
                   period_from=a.period.start if a.period else None,
                   period_to=a.period.end if a.period else None)
        for c in a.commitments or (None,):
            yield dict(row, commitment=c.text if c else None, category=c.category if c else None,
                       giver=c.giver if c else None, amount=c.amount if c else None)


def csv_text(items: Iterable[Item]) -> Iterator[str]:
    """CSV with a header row; the caller writes it as UTF-8 with BOM so Excel reads Vietnamese."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for item in items:
        for row in csv_rows(item):
            writer.writerow(row)
        yield buf.getvalue()
        buf.seek(0)
        buf.truncate()
    yield buf.getvalue()


# ------------------------------------------------------------ spans for BIO and Label Studio
def _locate(text: str, value: str | None, start: int = 0) -> Span | None:
    """The first exact occurrence of `value` in the text (from the body start), or None."""
    if not value:
        return None
    i = text.find(value, start)
    if i < 0:
        i = text.find(value)
    return Span(i, i + len(value)) if i >= 0 else None


def labelled_spans(article: Article, record: Record) -> list[tuple[Span, str]]:
    """Every (span, label) of the record; a field without a span is located by its exact text."""
    text, body = article.text, article.body_start
    out: list[tuple[Span, str]] = []

    def add(span: Span | None, label: str, value: str | None = None) -> None:
        span = span or _locate(text, value, body)
        if span is not None and span.end <= len(text) and span.end > span.start:
            out.append((span, label))

    add(record.published_span, "DATE")
    for a in record.agreements:
        for p in a.parties:
            add(p.span, "PARTY", p.name)
        add(a.signed_on_span, "DATE")
        add(a.place_span, "PLACE", a.place)
        add(a.period.span if a.period else None, "PERIOD")
        for c in a.commitments:
            add(c.span, "COMMITMENT", c.text)
            add(c.amount_span, "AMOUNT", c.amount)
    return sorted(set(out), key=lambda sl: (sl[0].start, -sl[0].end, sl[1]))


_TOKEN = re.compile(r"\w+|[^\w\s]")


def bio_tags(article: Article, record: Record) -> list[list[tuple[str, str]]]:
    """Sentences of (token, tag): syllables and punctuation per paragraph (blank-line separated,
    since scraped text wraps lines mid-sentence), BIO over LABELS.

    BIO cannot nest: where spans overlap, the one that starts first (the longer on a tie) wins."""
    spans, taken, accepted = labelled_spans(article, record), [], []
    for span, label in spans:
        if all(span.start >= e or span.end <= s for s, e in taken):
            taken.append((span.start, span.end))
            accepted.append((span, label))
    sentences = []
    k = 0
    for line in _line_spans(article.text):
        toks = []
        for m in _TOKEN.finditer(article.text, line[0], line[1]):
            while k < len(accepted) and accepted[k][0].end <= m.start():
                k += 1
            tag = "O"
            if k < len(accepted) and accepted[k][0].start < m.end():
                span, label = accepted[k]
                tag = ("B-" if m.start() <= span.start or not toks or not toks[-1][1].endswith(label)
                       else "I-") + label
            toks.append((m.group(), tag))
        if toks:
            sentences.append(toks)
    return sentences


def _line_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each paragraph: text between blank lines."""
    start = 0
    for m in re.finditer(r"\n[ \t]*\n", text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


def conll(items: Iterable[Item]) -> Iterator[str]:
    """CoNLL-2003 style: `-DOCSTART-` per article, one `token TAG` line per token, a blank line
    after each paragraph."""
    for item in items:
        out = [f"-DOCSTART- {item.article.id} O\n\n"]
        for sentence in bio_tags(item.article, item.record):
            out.extend(f"{tok} {tag}\n" for tok, tag in sentence)
            out.append("\n")
        yield "".join(out)


# ------------------------------------------------------------ Label Studio
def ls_result(article: Article, record: Record, prefix: str) -> list[dict]:
    """Label Studio `labels` results for the record's spans (offsets count code points; all
    Vietnamese letters are in the BMP, where that equals the browser's UTF-16 count)."""
    return [{"id": f"{prefix}{n}", "from_name": "label", "to_name": "text", "type": "labels",
             "value": {"start": s.start, "end": s.end, "text": s.of(article.text), "labels": [label]}}
            for n, (s, label) in enumerate(labelled_spans(article, record))]


def labelstudio_task(item: Item) -> dict:
    """One task: the text, the machine extraction as a prediction, the curated spans as an annotation."""
    art = item.article
    task = {"data": {"text": art.text, "article_id": art.id, "source": art.source,
                     "title": art.title, "status": item.status},
            "annotations": [{"result": ls_result(art, item.record, "c"), "ground_truth": item.status == "done"}]}
    if item.extraction is not None:
        task["predictions"] = [{"model_version": item.extractor_version or "reviewer",
                                "result": ls_result(art, item.extraction, "m")}]
    else:
        task["predictions"] = []
    return task


def labelstudio(items: Iterable[Item]) -> Iterator[str]:
    """A JSON array of tasks, streamed one task at a time."""
    yield "["
    for n, item in enumerate(items):
        yield ("," if n else "") + "\n" + json.dumps(labelstudio_task(item), ensure_ascii=False)
    yield "\n]\n"


WRITERS: dict[str, Callable[[Iterable[Item]], Iterator[str]]] = {
    "jsonl": jsonl, "csv": csv_text, "conll": conll, "labelstudio": labelstudio}
ENCODINGS = {"csv": "utf-8-sig"}


# ------------------------------------------------------------ writing files
def write_atomic(path: str | Path, chunks: Iterable[str], encoding: str = "utf-8") -> int:
    """Write the chunks to `path` through a temporary file beside it; returns characters written.

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
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as f:
            for chunk in chunks:
                f.write(chunk)
                written += len(chunk)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; give it a normal file's mode
        os.replace(tmp, target)
        targets.release(tmp)
    except BaseException as e:
        targets.discard(tmp)
        if isinstance(e, OSError):
            raise ExportError(f"cannot write {target}: {_why(e)}") from None
        raise
    return written


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
    try:
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
            target.rmdir()
        os.replace(tmp, target)
        targets.release(tmp)
    except BaseException as e:
        targets.discard(tmp)
        if isinstance(e, OSError):
            raise ExportError(f"cannot write {target}: {_why(e)}") from None
        raise
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
    file; an existing file only with `force`."""
    if path is not None:
        path = _checked(fmt, path, force, db_path)
    if fmt == "gold":
        if path is None:
            raise ExportError("the gold format writes a folder: name it with -o DIR")
        return write_gold_dir(items, path)
    if fmt not in WRITERS:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    chunks = jsonl(items, with_text=True) if fmt == "jsonl" and with_text else WRITERS[fmt](items)
    if path is None:
        n = 0
        for chunk in chunks:
            stream.write(chunk)
            n += len(chunk)
        return n
    return write_atomic(path, chunks, ENCODINGS.get(fmt, "utf-8"))


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
