"""Label Studio tasks: the article text, the machine extraction as a prediction, the curated
record as an annotation."""
from __future__ import annotations

import json
from typing import Iterable, Iterator

from .bio import labelled_spans
from ..records import Article, Record

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


