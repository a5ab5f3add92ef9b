"""HTML pages as articles: the page's main text, headline and date, without menus, related
links, scripts or footers.

The main-text extraction is trafilatura's (well kept, and the best-scoring open-source
extractor on the published main-content benchmarks): reviewer only decides when a file is a page
and shapes the result as the stored text of an `Article` (headline, blank line, paragraphs).
"""
from __future__ import annotations

import re

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_PAGE = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
_CLOSING = re.compile(r"</(?:p|div|span|a|li|td|h[1-6]|section|article)>", re.IGNORECASE)


class NotAnArticle(Exception):
    """The page has no main text to speak of."""


def looks_like_html(text: str) -> bool:
    """True for a saved web page (a `.txt` that is HTML): a page's tags, or many closing tags."""
    head = text[:8192]
    return bool(_PAGE.search(head)) or len(_CLOSING.findall(head)) >= 10


def page_text(html: str) -> tuple[str, str | None, str | None]:
    """(main text, headline, publication date 'YYYY-MM-DD' or None) of an HTML page."""
    import trafilatura  # imported only when a page is read: it brings lxml

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                      include_tables=True, include_images=False)
    body = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not body:
        raise NotAnArticle("is an HTML page without article text")
    paragraphs = [p.strip() for p in body.split("\n") if p.strip()]
    title = (getattr(doc, "title", None) or "").strip() or None
    date = getattr(doc, "date", None)
    date = date if isinstance(date, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) else None
    return "\n\n".join(paragraphs), title, date
