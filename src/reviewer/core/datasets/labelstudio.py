"""Label Studio: tasks to import, and its JSON export read back as curated records.

One task per article, with an integer `id`. The machine's extraction is a prediction; only a
done (or not-an-agreement) article carries an annotation, the curated record, with the
reviewer's name. Each field is a `labels` region; the agreement(s) it belongs to are a
per-region `choices` answer ("1", "2", …) with the region's id, so two agreements of one
article stay apart, a field shared by both (one date, one venue) is one region with two answers,
and the annotator regroups a field with one click (relations would need an arrow per field).
`data.record` keeps the curated record, so values the text alone cannot give back (ISO dates,
levels, categories) survive the round trip; regions the annotator adds or moves are read anew.
"""
from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Iterable, Iterator

from .anchor import anchor
from ..records import Agreement, Article, Commitment, Party, Period, Record, Span

LABELS = ("PARTY", "SIGNED_ON", "PUBLISHED", "PLACE", "PERIOD", "COMMITMENT", "AMOUNT")
MAX_AGREEMENTS = 6
# the agreement choices sit above the text, where a selected region's answer shows
LABEL_CONFIG = (
    '<View><Labels name="label" toName="text">'
    + "".join(f'<Label value="{label}"/>' for label in LABELS)
    + '</Labels><Choices name="agreement" toName="text" perRegion="true" choice="multiple" showInline="true">'
    + "".join(f'<Choice value="{n}"/>' for n in range(1, MAX_AGREEMENTS + 1))
    + '</Choices><Text name="text" value="$text"/></View>')
ANNOTATED = ("done", "not_an_agreement")  # statuses whose record is the curators' answer


def regions(article: Article, record: Record) -> list[tuple[Span, str, tuple[str, ...]]]:
    """(span, label, agreement numbers) per field of the record, in text order; a span that
    two agreements share is one region."""
    record = anchor(article, record)
    found: dict[tuple[Span, str], list[str]] = {}

    def add(span: Span | None, label: str, n: int | None) -> None:
        if span is not None and span.start < span.end <= len(article.text):
            groups = found.setdefault((span, label), [])
            if n is not None and str(n) not in groups:
                groups.append(str(n))

    add(record.published_span, "PUBLISHED", None)
    for n, a in enumerate(record.agreements, 1):
        for p in a.parties:
            add(p.span, "PARTY", n)
        add(a.signed_on_span, "SIGNED_ON", n)
        add(a.place_span, "PLACE", n)
        add(a.period.span if a.period else None, "PERIOD", n)
        for c in a.commitments:
            add(c.span, "COMMITMENT", n)
            add(c.amount_span, "AMOUNT", n)
    return [(s, label, tuple(g)) for (s, label), g in sorted(
        found.items(), key=lambda kv: (kv[0][0].start, -kv[0][0].end, LABELS.index(kv[0][1])))]


def ls_result(article: Article, record: Record, prefix: str) -> list[dict]:
    """Label Studio results: a `labels` region per field and its `choices` of agreements (offsets
    count code points; Vietnamese letters are all in the BMP, where that is the browser's count)."""
    out = []
    for n, (s, label, groups) in enumerate(regions(article, record)):
        value = {"start": s.start, "end": s.end, "text": s.of(article.text)}
        out.append({"id": f"{prefix}{n}", "from_name": "label", "to_name": "text", "type": "labels",
                    "value": {**value, "labels": [label]}})
        if groups:
            out.append({"id": f"{prefix}{n}", "from_name": "agreement", "to_name": "text", "type": "choices",
                        "value": {**value, "choices": list(groups)}})
    return out


def labelstudio_task(item, task_id: int) -> dict:
    """One task: predictions from the machine; an annotation only where the curators decided."""
    art = item.article
    data = {"text": art.text, "article_id": art.id, "source": art.source, "title": art.title,
            "status": item.status, "reviewer": item.reviewer}
    task: dict = {"id": task_id, "data": data, "predictions": [], "annotations": []}
    if item.extraction is not None:
        task["predictions"].append({"model_version": item.extractor_version or "reviewer",
                                    "result": ls_result(art, item.extraction, "m")})
    if item.status in ANNOTATED and item.record is not item.extraction:
        data["record"] = item.record.to_dict()
        task["annotations"].append({"result": ls_result(art, item.record, "c"), "ground_truth": True,
                                    "meta": {"reviewer": item.reviewer}})
    return task


def labelstudio(items: Iterable) -> Iterator[str]:
    """A JSON array of tasks, streamed one task at a time; task ids count from 1."""
    yield "["
    for n, item in enumerate(items):
        yield ("," if n else "") + "\n" + json.dumps(labelstudio_task(item, n + 1), ensure_ascii=False)
    yield "\n]\n"


# ------------------------------------------------------------ reading Label Studio's export
def is_export(obj) -> bool:
    """Whether parsed JSON is a list of Label Studio tasks (what its "Export → JSON" writes)."""
    return isinstance(obj, list) and all(isinstance(t, dict) and isinstance(t.get("data"), dict) for t in obj)


def annotation_of(task: dict) -> dict | None:
    """The task's answer: its latest annotation that was not cancelled, or None."""
    done = [a for a in task.get("annotations") or [] if isinstance(a, dict) and not a.get("was_cancelled")]
    return max(done, key=lambda a: a.get("updated_at") or "", default=None) if done else None


def record_from(article: Article, result: list[dict], base: Record | None) -> Record:
    """The record an annotation's regions describe. Where they are the regions of `base` (the
    record exported in `data.record`), `base` itself; else fields are kept where their region
    is unchanged and read from the region's words where it is new or moved."""
    base = anchor(article, base or Record())
    got: dict[str, dict] = {}
    for r in result:
        if not isinstance(r, dict) or "value" not in r:
            continue
        g = got.setdefault(str(r.get("id")), {"groups": ()})
        v = r["value"]
        if r.get("type") == "labels" and v.get("labels"):
            g.update(span=Span(int(v["start"]), int(v["end"])), label=v["labels"][0])
        elif r.get("type") == "choices":
            g["groups"] = tuple(sorted(str(c) for c in v.get("choices") or ()))
    found = sorted((g["span"], g["label"], g["groups"]) for g in got.values() if "span" in g)
    mine = sorted((s, label, tuple(sorted(gr))) for s, label, gr in regions(article, base))
    if found == mine:
        return base
    return _rebuild(article, found, base)


def _rebuild(article: Article, found: list, base: Record) -> Record:
    text = article.text
    count = max([len(base.agreements)] + [int(n) for _, _, gr in found for n in gr if n.isdigit()])
    single = count <= 1

    def of(n: int, label: str) -> list[Span]:
        return [s for s, lab, gr in found if lab == label and (str(n) in gr or single and not gr)]

    published = next((s for s, lab, _ in found if lab == "PUBLISHED"), None)
    rec = replace(base, published_span=published, unlocated=(),
                  published=base.published if published == base.published_span else _date(text, published, base.published))
    agreements = []
    for n in range(1, count + 1):
        old = base.agreements[n - 1] if n <= len(base.agreements) else Agreement(kind="other")
        parties = tuple(next((p for p in old.parties if p.span == s), None)
                        or Party(name=_place_name(s.of(text)), span=s, origin="added") for s in of(n, "PARTY"))
        amounts = of(n, "AMOUNT")
        commitments = tuple(
            next((c for c in old.commitments if c.span == s), None)
            or _commitment(text, s, amounts) for s in of(n, "COMMITMENT"))
        signed = next(iter(of(n, "SIGNED_ON")), None)
        place = next(iter(of(n, "PLACE")), None)
        period = next(iter(of(n, "PERIOD")), None)
        if not (parties or commitments or signed or place or period):
            continue
        agreements.append(replace(
            old, parties=parties, commitments=commitments, unlocated=(),
            signed_on_span=signed, place_span=place,
            signed_on=old.signed_on if signed == old.signed_on_span else _date(text, signed, rec.published),
            place=old.place if place == old.place_span else (_place_name(place.of(text)) if place else None),
            period=old.period if old.period and period == old.period.span else _period(text, period)))
    return replace(rec, agreements=tuple(agreements))


_LEVEL = re.compile(r"^(?:tỉnh|thành phố|tp\.?|huyện|quận|thị xã|tx\.?|xã|phường|thị trấn)\s+", re.I)


def _place_name(words: str) -> str:
    return _LEVEL.sub("", " ".join(words.split())).strip(" ,.")


def _commitment(text: str, span: Span, amounts: list[Span]) -> Commitment:
    amount = next((a for a in amounts if span.start <= a.start and a.end <= span.end), None)
    return Commitment(text=span.of(text), span=span, amount=amount.of(text) if amount else None,
                      amount_span=amount, origin="added")


def _date(text: str, span: Span | None, published: str | None) -> str | None:
    from ..extraction.dates import find_dates, find_month, resolve

    if span is None:
        return None
    words = span.of(text)
    dates = find_dates(words) or find_dates("ngày " + words)
    if dates:
        return resolve(dates[0], published)
    month = find_month(words)
    year = re.search(r"(?:19|20)\d{2}", words)
    return month[0] if month else (year.group() if year else None)


def _period(text: str, span: Span | None) -> Period | None:
    from ..extraction.dates import find_periods

    if span is None:
        return None
    found = find_periods(span.of(text))
    years = [int(y) for y in re.findall(r"(?:19|20)\d{2}", span.of(text))]
    if found:
        return Period(found[0].start, found[0].end, span)
    return Period(years[0] if len(years) > 1 else None, years[-1] if years else None, span)
