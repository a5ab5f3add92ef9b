"""Which reported agreements are one signing: the matching rule behind `reviewer link` and the
window's proposals.

Two agreements (from two articles, or an article and an agreement already in the dataset) are
the same signing when
- their parties are the same set of localities: order, level words ("tỉnh", "TP"), tone
  placement, hyphens and old/new or foreign spellings folded (`party_key`), and no party is a
  province on one side and a district of the same name on the other;
- their signing dates are compatible: the same day; within a few days when one side has only a
  month; the same month when both have only a month; within the week before publication when
  one side has no date at all (outlets report a signing on the day or a few days later); or the
  same period when neither has a day or a month;
- their periods do not contradict each other (a bound both give is the same).
The kind is not compared: outlets call one memorandum "thỏa thuận" or "chương trình".
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..extraction import gazetteer
from ..records import Agreement, Party
from ..vntext import name_key

MONTH_SLACK = timedelta(days=3)  # a day this close to a month-only date is the same signing
REPORT_WINDOW = timedelta(days=7)  # an undated signing happened at most this long before publication
_LEVEL = re.compile(r"^(tỉnh|thành phố|tp\.?|thủ đô|huyện|quận|thị xã|tx\.?|xã|phường|thị trấn)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Signing:
    """What the rule compares about one reported agreement."""

    party_key: str  # canonical party names, sorted, joined by " | "
    tiers: tuple[tuple[str, int], ...]  # (canonical name, tier) where the level is known
    precision: str  # day, month, window (from publication), year, none
    lo: date | None  # the earliest and latest possible signing day
    hi: date | None
    period: tuple[int | None, int | None] | None
    shown: str  # the date as the reason prints it


def canonical(party: Party) -> str:
    """The party's name as the rule compares it: 'TP Hồ Chí Minh', 'TPHCM' → 'hồ chí minh'."""
    name = _LEVEL.sub("", (party.name or "").strip())
    key = name_key(name.replace("-", " "))
    key = name_key(gazetteer.ALIASES.get(key, key))
    if party.country and party.country != "Việt Nam":
        unit = gazetteer.load().best(name)
        if unit is not None and unit.country != "Việt Nam":
            key = name_key(unit.province or unit.name)  # the first spelling of a foreign province
    return key


def _tier(party: Party) -> int | None:
    if not party.level:
        return None
    units = gazetteer.load().lookup(_LEVEL.sub("", party.name or ""), party.level)
    same = [u.tier for u in units if u.level == party.level]  # "thành phố Hà Tĩnh" is the city
    if same or units:
        return min(same) if same else units[0].tier
    return gazetteer.TIER.get(party.level)


def party_key(parties) -> str:
    """The folded, ordered set of party names: equal keys are the same signatories."""
    return " | ".join(sorted({canonical(p) for p in parties if (p.name or "").strip()}))


def _date(text: str | None) -> tuple[str, date | None, date | None]:
    """(precision, earliest, latest) of an ISO-ish date: YYYY-MM-DD, YYYY-MM, YYYY."""
    if not text:
        return "none", None, None
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", text.strip())
    if not m:
        return "none", None, None
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    try:
        if d:
            day = date(y, int(mo), int(d))
            return "day", day, day
        if mo:
            first = date(y, int(mo), 1)
            nxt = date(y + (first.month == 12), first.month % 12 + 1, 1)
            return "month", first, nxt - timedelta(days=1)
        return "year", date(y, 1, 1), date(y, 12, 31)
    except ValueError:
        return "none", None, None


def signing_of(agreement: Agreement, published: str | None) -> Signing:
    """The comparable facts of one agreement as an article reports it (published: the article's)."""
    # a record holding values of the wrong type (an old file, a hand edit) compares as undated
    signed = agreement.signed_on if isinstance(agreement.signed_on, str) else None
    published = published if isinstance(published, str) else None
    if signed and signed.startswith("--") and published and re.match(r"\d{4}", published):
        signed = published[:4] + signed[1:]  # "--10-05" in an article of 2019
    precision, lo, hi = _date(signed)
    shown = signed or ""
    if precision == "none":
        pub, plo, phi = _date(published)
        if pub in ("day", "month"):
            precision, lo, hi = "window", plo - REPORT_WINDOW, phi
            shown = f"published {published}"
    period = None
    if agreement.period and (agreement.period.start or agreement.period.end) and all(
            v is None or isinstance(v, int) for v in (agreement.period.start, agreement.period.end)):
        period = (agreement.period.start, agreement.period.end)
    tiers = tuple(sorted({(canonical(p), t) for p in agreement.parties if (t := _tier(p)) is not None}))
    return Signing(party_key(agreement.parties), tiers, precision, lo, hi, period, shown or "no date")


def _gap(a: Signing, b: Signing) -> int:
    """Days between the two possible-date intervals (0 if they overlap)."""
    return max(0, (max(a.lo, b.lo) - min(a.hi, b.hi)).days)


def _periods_agree(a, b) -> bool:
    if a is None or b is None:
        return True
    return all(x is None or y is None or x == y for x, y in zip(a, b))


def same_signing(a: Signing, b: Signing) -> str | None:
    """Why the two are one signing ('same parties …; 2019-10-05 = 2019-10-05'), or None."""
    if not a.party_key or a.party_key != b.party_key or " | " not in a.party_key:
        return None
    tiers_a = dict(a.tiers)
    if any(tiers_a.get(name, tier) != tier for name, tier in b.tiers):
        return None  # a province on one side, a district of that name on the other
    if not _periods_agree(a.period, b.period):
        return None
    pa, pb = sorted((a.precision, b.precision))
    dates = f"{a.shown} ~ {b.shown}"
    if pa in ("none", "year") or pb in ("none", "year"):
        if not a.period or a.period != b.period:
            return None
        if a.lo and b.lo and _gap(a, b) > MONTH_SLACK.days:
            return None  # the same period, but signed in different years
        return f"same parties and period {_period(a.period)} ({dates})"
    if pa == pb == "day":
        return f"same parties, same day ({dates})" if a.lo == b.lo else None
    if pa == pb == "month":
        return f"same parties, same month ({dates})" if a.lo == b.lo else None
    if (pa, pb) == ("day", "month"):
        return f"same parties, day within the month ({dates})" if _gap(a, b) <= MONTH_SLACK.days else None
    # one side (or both) known only by its publication date
    return f"same parties, signed within the week before publication ({dates})" if _gap(a, b) == 0 else None


def _period(p) -> str:
    return f"{p[0] or '…'}–{p[1] or '…'}"
