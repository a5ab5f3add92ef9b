"""Extraction: Article → Record (placeholder until the extractor lands)."""
from __future__ import annotations

from .records import Article, Record

EXTRACTOR_VERSION = "0.0.1"
Extraction = Record


def extract(article: Article) -> Record:
    """Return the machine's record for `article`, every field with its span."""
    return Record(source=article.source, title=article.title, published=article.published,
                  published_span=article.published_span)
