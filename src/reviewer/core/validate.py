"""Check a record (a gold file or an export line, as parsed JSON) against the record format
before it is stored: shared/RECORD_FORMAT.md, read strictly.

`problems(obj, text)` returns one line per problem, each naming its field
("agreements[0].period: from 2030 is after to 2020"); an empty list means the record may be stored.
Nothing here fixes a record: a wrong value is refused, never guessed into a right-looking one.
"""
from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from .records import CATEGORIES, KINDS, STATUSES
from .vntext import nfc

_ISO = re.compile(r"(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?|--(?P<m2>\d{2})-(?P<d2>\d{2})")


def problems(obj: Any, text: str, *, with_status: bool = False) -> list[str]:
    """Every way `obj` breaks the record format for an article whose stored text is `text`."""
    out: list[str] = []
    if not isinstance(obj, dict):
        return ["the record is not a JSON object"]
    if with_status and "status" in obj and obj["status"] not in STATUSES:
        out.append(f"status: unknown status {obj['status']!r} (one of {', '.join(STATUSES)})")
    for key in ("revision",):
        v = obj.get(key)
        if v is not None and (not isinstance(v, int) or isinstance(v, bool) or v < 1):
            out.append(f"{key}: must be a revision number (got {_clip(repr(v))})")
    _text(out, "updated_at", obj.get("updated_at"))
    _date(out, "published", obj.get("published"), signed=False)
    _span(out, "published_span", obj.get("published_span"), text)
    agreements = obj.get("agreements", [])
    if not isinstance(agreements, list):
        return out + ["agreements: must be a list"]
    for i, a in enumerate(agreements):
        _agreement(out, f"agreements[{i}]", a, text)
    return out


def _agreement(out: list[str], where: str, a: Any, text: str) -> None:
    if not isinstance(a, dict):
        out.append(f"{where}: must be an object")
        return
    if a.get("kind") not in KINDS:
        out.append(f"{where}.kind: unknown kind {a.get('kind')!r} (one of {', '.join(KINDS)})")
    parties = a.get("parties", [])
    if not isinstance(parties, list):
        out.append(f"{where}.parties: must be a list")
        parties = []
    for j, p in enumerate(parties):
        _party(out, f"{where}.parties[{j}]", p, text)
    _date(out, f"{where}.signed_on", a.get("signed_on"), signed=True)
    _text(out, f"{where}.place", a.get("place"))
    _period(out, f"{where}.period", a.get("period"))
    spans = a.get("spans") or {}
    if not isinstance(spans, dict):
        out.append(f"{where}.spans: must be an object")
    else:
        for key, value in spans.items():
            _span(out, f"{where}.spans.{key}", value, text)
    commitments = a.get("commitments", [])
    if not isinstance(commitments, list):
        out.append(f"{where}.commitments: must be a list")
        commitments = []
    for j, c in enumerate(commitments):
        _commitment(out, f"{where}.commitments[{j}]", c, text)
    _number(out, f"{where}.confidence", a.get("confidence", 1.0))


def _party(out: list[str], where: str, p: Any, text: str) -> None:
    if isinstance(p, str):
        p = {"name": p}
    if not isinstance(p, dict):
        out.append(f"{where}: must be an object")
        return
    name = p.get("name")
    if not isinstance(name, str) or not name.strip():
        out.append(f"{where}.name: a party needs a name (got {name!r})")
    # levels are open: foreign units have their own words ("bản", "cụm bản")
    for key in ("level", "country", "province", "province_2025"):
        _text(out, f"{where}.{key}", p.get(key))
    _span(out, f"{where}.span", p.get("span"), text)
    _number(out, f"{where}.confidence", p.get("confidence", 1.0))


def _commitment(out: list[str], where: str, c: Any, text: str) -> None:
    if isinstance(c, str):
        c = {"text": c}
    if not isinstance(c, dict):
        out.append(f"{where}: must be an object")
        return
    body = c.get("text")
    if not isinstance(body, str) or not body.strip():
        out.append(f"{where}.text: a commitment needs its text (got {body!r})")
        return
    span = _span(out, f"{where}.span", c.get("span"), text)
    if span is not None and nfc(body).strip() != text[span[0]:span[1]].strip():  # edge spaces say nothing
        out.append(f"{where}.span: covers {_clip(text[span[0]:span[1]])!r}, not the commitment's text")
    elif span is None and nfc(body) not in text:
        out.append(f"{where}.text: {_clip(body)!r} is not in the article's text")
    for key in ("giver", "amount"):
        _text(out, f"{where}.{key}", c.get(key))
    if c.get("category") is not None and c.get("category") not in CATEGORIES:
        out.append(f"{where}.category: unknown category {c.get('category')!r}")
    amount_span = _span(out, f"{where}.amount_span", c.get("amount_span"), text)
    if amount_span is not None and isinstance(c.get("amount"), str) \
            and nfc(c["amount"]) != text[amount_span[0]:amount_span[1]]:
        out.append(f"{where}.amount_span: covers {_clip(text[amount_span[0]:amount_span[1]])!r}, not the amount")
    _number(out, f"{where}.confidence", c.get("confidence", 1.0))


def _span(out: list[str], where: str, value: Any, text: str) -> tuple[int, int] | None:
    """The span as (start, end) if it is valid and inside the text, else None (and a problem)."""
    if value is None:
        return None
    if (not isinstance(value, list) or len(value) != 2
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)):
        out.append(f"{where}: must be [start, end] offsets (got {_clip(repr(value))})")
        return None
    start, end = value
    if not 0 <= start <= end <= len(text):
        out.append(f"{where}: [{start}, {end}] is outside the article's text (0–{len(text)})")
        return None
    return start, end


def _date(out: list[str], where: str, value: Any, *, signed: bool) -> None:
    if value is None:
        return
    m = _ISO.fullmatch(value) if isinstance(value, str) else None
    if m is None or (m["m2"] and not signed):
        forms = "YYYY-MM-DD, --MM-DD, YYYY-MM or YYYY" if signed else "YYYY-MM-DD or YYYY-MM"
        out.append(f"{where}: {value!r} is not a date ({forms})")
        return
    y = int(m["y"]) if m["y"] else 2000  # --MM-DD: a leap year, so 29 February is allowed
    mo, d = m["m"] or m["m2"], m["d"] or m["d2"]
    try:
        date(y, int(mo or 1), int(d or 1))
    except ValueError:
        out.append(f"{where}: {value!r} is not a real date")


def valid_date(value: str, *, signed: bool = False) -> bool:
    """True if `value` is a real ISO date of the record format ('2024-02-30' is not)."""
    found: list[str] = []
    _date(found, "", value, signed=signed)
    return not found


def _period(out: list[str], where: str, value: Any) -> None:
    if value is None:
        return
    if not isinstance(value, dict):
        out.append(f"{where}: must be {{\"from\": year, \"to\": year}} or null")
        return
    years = {}
    for key in ("from", "to"):
        y = value.get(key)
        if y is None:
            continue
        if not isinstance(y, int) or isinstance(y, bool) or not 1000 <= y <= 9999:
            out.append(f"{where}.{key}: {y!r} is not a year")
        else:
            years[key] = y
    if len(years) == 2 and years["from"] > years["to"]:
        out.append(f"{where}: from {years['from']} is after to {years['to']}")


def _text(out: list[str], where: str, value: Any) -> None:
    if value is not None and not isinstance(value, str):
        out.append(f"{where}: must be text or null (got {_clip(repr(value))})")


def _number(out: list[str], where: str, value: Any) -> None:
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        out.append(f"{where}: must be a number (got {_clip(repr(value))})")


def _clip(s: str, n: int = 60) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


# ------------------------------------------------------------ parsing, before validating
_SURROGATE = re.compile("[\ud800-\udfff]")


def parse_json(data: bytes | str, notes: list[str] | None = None) -> Any:
    """JSON from UTF-8 bytes (BOM or not) or text; ValueError with a one-line reason if it is not.

    A lone surrogate (an escaped "\\ud800" without its pair) cannot be stored or printed: it is
    replaced by U+FFFD and said in `notes`."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise ValueError(f"is not UTF-8 (invalid byte 0x{e.object[e.start]:02x} at byte {e.start})") from None
    try:
        obj = json.loads(data)
    except json.JSONDecodeError as e:
        raise ValueError(f"is not valid JSON ({e.msg} at column {e.colno})") from None
    except RecursionError:
        raise ValueError("is not a record: its JSON is nested too deeply") from None
    replaced = _replace_surrogates(obj)
    if replaced and notes is not None:
        notes.append(f"{replaced} lone surrogate character(s) (\\ud800–\\udfff) replaced by U+FFFD")
    return obj


def clean_text(text: str, notes: list[str] | None = None) -> str:
    """`text` with lone surrogates replaced by U+FFFD (said in `notes`)."""
    n = len(_SURROGATE.findall(text))
    if n and notes is not None:
        notes.append(f"{n} lone surrogate character(s) (\\ud800–\\udfff) replaced by U+FFFD")
    return _SURROGATE.sub("\ufffd", text) if n else text


def _replace_surrogates(obj: Any) -> int:
    """Replace lone surrogates in every string of a parsed JSON value, in place; returns how many."""
    count = 0
    stack = [obj]
    while stack:  # no recursion: the value may be deep
        node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, value in list(items):
            if isinstance(value, str) and _SURROGATE.search(value):
                count += len(_SURROGATE.findall(value))
                node[key] = _SURROGATE.sub("\ufffd", value)
            elif isinstance(value, (dict, list)):
                stack.append(value)
            if isinstance(key, str) and _SURROGATE.search(key):
                count += len(_SURROGATE.findall(key))
                node[_SURROGATE.sub("\ufffd", key)] = node.pop(key)
    return count
