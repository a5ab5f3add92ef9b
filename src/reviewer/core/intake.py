"""Intake: files, folders and JSON Lines → `Article` (stored text, title, publication date).

The stored text is decoded, NFC-normalised and has `\\n` line ends; every span in
reviewer indexes it. Bad input raises `IntakeError` naming the file; `read_paths`
turns those into items so a batch goes on with the rest.
"""
from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from . import html
from .html import looks_like_html
from .records import Article, Span
from .validate import clean_text, parse_json, valid_date
from .vntext import nfc

MAX_BYTES = 50 * 1024 * 1024
# extraction takes about 4 s per million characters on this machine (linear): beyond this an
# article is refused by name rather than left running for minutes without a word
MAX_ARTICLE_CHARS = 5_000_000
TEXT_SUFFIXES = {".txt", ".text", ""}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
ARTICLE_SUFFIXES = {".txt"} | html.HTML_SUFFIXES | JSONL_SUFFIXES  # what a folder gives


class IntakeError(Exception):
    """A file (or JSON line) that cannot be read as an article."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


@dataclass(frozen=True)
class Failure:
    source: str
    reason: str


# ---------------------------------------------------------------- decoding
def decode(data: bytes, source: str = "<bytes>") -> str:
    """Decode UTF-8 (BOM or not), UTF-16 with BOM, or Windows-1258; return NFC text with \\n ends."""
    if not data.strip():
        raise IntakeError(source, "the file is empty")
    if data.startswith(codecs.BOM_UTF8):
        text = _strict(data[3:], "utf-8", source)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _strict(data, "utf-16", source)
    elif b"\x00" in data[:4096]:
        encoding = _utf16_without_bom(data)
        if encoding is None:
            raise IntakeError(source, "looks like a binary file, not text")
        text = _strict(data, encoding, source)
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _strict(data, "cp1258", source)
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if _looks_binary(text):
        raise IntakeError(source, "looks like a binary file, not text")
    text = nfc(text)
    if not text.strip():
        raise IntakeError(source, "the file has no text")
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' if the bytes read as UTF-16 text without a byte-order mark:
    Latin letters, spaces and digits put a zero in every other byte, on one side only."""
    sample = data[:8192]
    pairs = len(sample) // 2
    if pairs < 8 or len(data) % 2:
        return None
    even = sum(1 for i in range(0, 2 * pairs, 2) if sample[i] == 0)
    odd = sum(1 for i in range(1, 2 * pairs, 2) if sample[i] == 0)
    if odd > pairs * 0.2 and even < pairs * 0.02:
        return "utf-16-le"
    if even > pairs * 0.2 and odd < pairs * 0.02:
        return "utf-16-be"
    return None


def _strict(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        raise IntakeError(source, f"cannot be decoded as {encoding} (byte {e.start})") from None


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\n\t\f\v") or 0x7F <= ord(c) < 0xA0
              or c == "\ufffd")
    return bad > max(8, len(sample) // 50)


def article_id(text: str) -> str:
    """A stable id: the first 16 hex digits of the stored text's SHA-256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# ---------------------------------------------------------------- header parsing
_DATE_HEADER = re.compile(r"^[ \t]*date[ \t]+(\d{4}-\d{2}(?:-\d{2})?)\b[ \t]*")
# a byline before the stamp: "Ngọc Chí - 21:00, 26/09/2023", "DIỄM LỆ 08/08/2025 16:20", "VOV -"
_CAP = "A-ZĐÀ-ỸÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĨŨƠƯẠ-Ỹ"
_BYLINE = r"(?:[" + _CAP + r"][\w.]*\s+){0,3}[" + _CAP + r"][\w.]{0,15}\s*[-–|,]?\s*"
_WEEKDAY = r"(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7])|chủ\s*nhật|cn)"
_STAMP = re.compile(
    r"^\W*(?:" + _BYLINE + r")?(?:(?:cập nhật|ngày đăng|đăng ngày|đăng lúc|ngày cập nhật|xuất bản|thời gian đăng|published|updated)"
    r"[^\d\n]{0,12})?(?:" + _WEEKDAY + r"\W*)?(?:ngày\s*)?"
    r"(?:(?P<t1>\d{1,2}[:h]\d{2})(?:\s*(?:am|pm|sa|ch))?\W*(?:" + _WEEKDAY + r"\W*)?(?:ngày\s*)?)?"
    r"(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>(?:19|20)\d{2})"
    r"\W*(?:(?:lúc\s*)?\d{1,2}[:h]\d{2}(?::\d{2})?\s*(?:\(?GMT[+\d:]*\)?|am|pm|sa|ch)?\W*)?"
    r"(?:\|[^\n]{0,40})?$",  # "… | Lượt xem: 312"
    re.IGNORECASE,
)
_NOISE = re.compile(r"^(xem với cỡ chữ|từ viết tắt|chia sẻ|in bài|bình luận)", re.IGNORECASE)
# site menus and breadcrumbs: "Trang chủ > Chính trị", "Thời sự   Chính trị   Kinh tế", "A | B | C"
_MENU = re.compile(r"\s[>›»]\s|(?:\S\s{3,}){2}|(?:\s\|\s.*){2}|^trang chủ", re.IGNORECASE)
_TITLE_HINT = re.compile(r"hợp tác|ký|kí|kết nghĩa|ghi nhớ|thỏa thuận|thoả thuận", re.IGNORECASE)


def _lines(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for line in text.split("\n"):
        yield start, start + len(line)
        start += len(line) + 1


def find_published(text: str, title: Span | None = None, limit: int = 40) -> tuple[str | None, Span | None]:
    """The article's own publication date and its span, from the header region.

    A ` date YYYY-MM` line wins. Otherwise a short line that is only a date stamp
    ("Thứ hai, 18/11/2019 11:59", "12:08, 24/07/2023"): the first one below the
    headline, else the last one above it — a page banner above the headline loses.
    """
    m = _DATE_HEADER.match(text)
    if m:
        return m.group(1), Span(m.start(1), m.end(1))
    stamps: list[tuple[str, Span]] = []
    for n, (s, e) in enumerate(_lines(text)):
        if n >= limit:
            break
        line = text[s:e]
        if len(line) > 400:
            break
        sm = _STAMP.match(line) if 0 < len(line) <= 80 else None
        if sm and 1 <= int(sm["m"]) <= 12 and 1 <= int(sm["d"]) <= 31:
            iso = f"{int(sm['y']):04d}-{int(sm['m']):02d}-{int(sm['d']):02d}"
            stamps.append((iso, Span(s + sm.start("d"), s + sm.end("y"))))
    if not stamps:
        return None, None
    if title is not None:
        below = [st for st in stamps if st[1].start >= title.end]
        if below:
            return below[0]
    return stamps[-1]


def find_title(text: str, limit: int = 15) -> Span | None:
    """The headline: an early line that reads like one, preferring one about cooperation."""
    m = _DATE_HEADER.match(text)
    candidates: list[Span] = []
    for n, (s, e) in enumerate(_lines(text)):
        if n >= limit:
            break
        if m and n == 0:
            s = m.end()
        line = text[s:e].strip()
        if not line or _STAMP.match(line) or _NOISE.match(line) or _MENU.search(line) or len(line.split()) < 3:
            continue
        if line.isupper() or "Ảnh:" in line:
            continue  # the site's name in capitals; a photo caption
        lead = len(text[s:e]) - len(text[s:e].lstrip())
        stop = min(e, s + lead + 300)
        candidates.append(Span(s + lead, stop if stop == e else s + lead + len(line[:300])))
        if len(line) > 400 or len(line) > 200 and line.endswith("."):
            break  # the body has begun: no headline below it
    if not candidates:
        return None
    # a headline is short and has no full stop; among those, one about cooperation first
    headlines = [sp for sp in candidates[:6]
                 if sp.end - sp.start <= 200 and not text[sp.start:sp.end].rstrip().endswith(".")]
    for sp in headlines + candidates[:6]:
        if sp.end - sp.start <= 200 and _TITLE_HINT.search(text[sp.start:sp.end]):
            return sp
    return headlines[0] if headlines else candidates[0]


def make_article(text: str, source: str, title: str | None = None, published: str | None = None,
                 notes: list[str] | None = None) -> Article:
    """Build an `Article` from already-decoded text (NFC and line ends are applied here).

    `notes` (what was repaired on the way, e.g. lone surrogates) are kept in `meta["notes"]`."""
    notes = list(notes or [])
    text = nfc(clean_text(text.replace("\r\n", "\n").replace("\r", "\n"), notes))
    title = clean_text(title, notes) if title else title
    if title:
        title = nfc(title).strip()
        # a headline the text already carries (an export's stored text) is not added again,
        # so the stored text — and the article's id — survive a round trip
        if title not in text[: len(title) + 2000]:
            text = f"{title}\n\n{text}"
    title_span = find_title(text)
    pub, pub_span = find_published(text, title_span)
    if published and re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", published.strip()):
        if valid_date(published.strip()):
            pub, pub_span = published.strip(), None
        else:
            notes.append(f"published {published.strip()!r} is not a real date: the text's own stamp is used")
    return Article(
        id=article_id(text), source=source, text=text,
        title=title_span.of(text) if title_span else title,
        title_span=title_span, published=pub, published_span=pub_span,
        body_start=title_span.end if title_span else 0, meta={"notes": notes} if notes else {},
    )


# ---------------------------------------------------------------- files
def regular_file(path: str | Path) -> Path:
    """`path` if it is a regular file (through symlinks); IntakeError saying what it is otherwise,
    without opening it (a FIFO would wait for a writer forever)."""
    source = str(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise IntakeError(source, "does not exist") from None
    except OSError as e:  # a symlink loop, no permission
        raise IntakeError(source, e.strerror or str(e)) from None
    if stat.S_ISDIR(st.st_mode):
        raise IntakeError(source, "is a folder")
    if not stat.S_ISREG(st.st_mode):
        kind = ("a FIFO (named pipe)" if stat.S_ISFIFO(st.st_mode) else "a socket" if stat.S_ISSOCK(st.st_mode)
                else "a device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else "a special file")
        raise IntakeError(source, f"is {kind}, not a file; skipped")
    if st.st_size > MAX_BYTES:
        raise IntakeError(source, f"is {st.st_size / 2**20:.1f} MB; the limit is {MAX_BYTES // 2**20} MB")
    return Path(path)


def read_bytes(path: str | Path) -> bytes:
    """The bytes of a regular file; IntakeError (naming it) for anything else."""
    p = regular_file(path)
    try:
        return p.read_bytes()
    except OSError as e:
        raise IntakeError(str(path), e.strerror or str(e)) from None


def read_file(path: str | Path) -> Article:
    """Read one scraped `.txt` article or saved `.html` page. Raises IntakeError with a clear reason."""
    source = str(path)
    text = decode(read_bytes(path), source)
    if Path(path).suffix.lower() in html.HTML_SUFFIXES or looks_like_html(text):
        try:
            body, title, published = html.page_text(text)
        except html.NotAnArticle as e:
            raise IntakeError(source, str(e)) from None
        return make_article(body, source, title, published)
    return make_article(text, source)


def read_jsonl(path: str | Path) -> Iterator[Article | Failure]:
    """Each line {"title","text","published","source"}; a bad line is a Failure, not the end.

    Lines are decoded one by one (UTF-8), so a bad byte fails its own line, named by its byte offset."""
    try:
        data = read_bytes(path)
    except IntakeError as e:
        yield Failure(e.source, e.reason)
        return
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        data = data.decode("utf-16", errors="replace").encode("utf-8")
    offset = 0
    for n, raw in enumerate(data.split(b"\n"), 1):
        start, offset = offset, offset + len(raw) + 1
        if n == 1 and raw.startswith(codecs.BOM_UTF8):
            raw, start = raw[3:], start + 3
        if not raw.strip():
            continue
        where = f"{path}:{n}"
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            yield Failure(where, f"is not UTF-8 (byte 0x{raw[e.start]:02x} at byte offset {start + e.start} "
                                 "of the file)")
            continue
        notes: list[str] = []
        try:
            obj = parse_json(line, notes)
        except ValueError as e:
            yield Failure(where, str(e))
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or not obj["text"].strip():
            yield Failure(where, 'needs an object with a non-empty "text"')
            continue
        src = obj.get("source") if isinstance(obj.get("source"), str) else where
        title = obj.get("title") if isinstance(obj.get("title"), str) else None
        pub = obj.get("published") if isinstance(obj.get("published"), str) else None
        try:
            yield make_article(obj["text"], src, title, pub, notes=[f"{where}: {x}" for x in notes])
        except IntakeError as e:
            yield Failure(where, e.reason)


def expand(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files in input order; a folder gives its articles (.txt, .jsonl) sorted by name. A path
    that is missing or special is given as it is: reading it says what is wrong."""
    for path in paths:
        p = Path(path)
        if p.is_dir():
            for child in sorted(p.rglob("*")):
                if child.suffix.lower() in ARTICLE_SUFFIXES and not child.is_dir():
                    yield child
        else:
            yield p


def read_paths(paths: Iterable[str | Path]) -> Iterator[Article | Failure]:
    """Every article under `paths`, in order, to be extracted; unreadable ones, and articles too
    long to extract, come as `Failure`s."""
    for p in expand(paths):
        if p.suffix.lower() in JSONL_SUFFIXES:
            items: Iterable[Article | Failure] = read_jsonl(p)
        else:
            try:
                items = [read_file(p)]
            except IntakeError as e:
                items = [Failure(e.source, e.reason)]
        for item in items:
            yield _refuse_too_long(item)


def _refuse_too_long(item: Article | Failure) -> Article | Failure:
    if isinstance(item, Article) and len(item.text) > MAX_ARTICLE_CHARS:
        return Failure(item.source, f"is {len(item.text) / 1e6:.1f} million characters long; reviewer "
                                    f"extracts articles up to {MAX_ARTICLE_CHARS / 1e6:g} million (split it)")
    return item
