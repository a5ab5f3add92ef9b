"""Token tags for sequence labelling: CoNLL columns and Hugging Face-style JSON Lines.

Both cut the stored text into the extraction's sentences and its sentences into syllables and
punctuation marks, and tag them BIO over `LABELS` from the record's spans (anchored first, so a
record without spans is tagged where its words are). The tokens depend on the text alone, so
the machine's and the curated tags of one article line up token for token (seqeval compares them).
"""
from __future__ import annotations

import json
import re
from typing import Iterable, Iterator

from .anchor import anchor
from ..extraction.sentences import split
from ..records import Article, Record, Span

LABELS = ("PARTY", "SIGNED_ON", "PUBLISHED", "PLACE", "PERIOD", "COMMITMENT", "AMOUNT")
TAGS = ("O", *(f"{p}-{label}" for label in LABELS for p in "BI"))
DOCSTART = "-DOCSTART- -X- O O"  # what spaCy's `convert -c ner` splits documents on

_TOKEN = re.compile(r"\w+|[^\w\s]")


def labelled_spans(article: Article, record: Record) -> list[tuple[Span, str]]:
    """Every (span, label) of the record, in text order; fields without a span are anchored first."""
    record = anchor(article, record)
    out: list[tuple[Span, str]] = []

    def add(span: Span | None, label: str) -> None:
        if span is not None and span.start < span.end <= len(article.text):
            out.append((span, label))

    add(record.published_span, "PUBLISHED")
    for a in record.agreements:
        for p in a.parties:
            add(p.span, "PARTY")
        add(a.signed_on_span, "SIGNED_ON")
        add(a.place_span, "PLACE")
        add(a.period.span if a.period else None, "PERIOD")
        for c in a.commitments:
            add(c.span, "COMMITMENT")
            add(c.amount_span, "AMOUNT")
    return sorted(set(out), key=lambda sl: (sl[0].start, -sl[0].end, LABELS.index(sl[1])))


def bio_sentences(article: Article, record: Record) -> list[list[tuple[str, str]]]:
    """(token, tag) per sentence of the stored text.

    BIO cannot nest: where spans overlap, the one that starts first (the longer on a tie) wins,
    so an amount inside its commitment is tagged as the commitment. A span that runs over a
    sentence end starts again with B- in the next sentence, so every block is valid BIO."""
    accepted: list[tuple[Span, str]] = []
    for span, label in labelled_spans(article, record):
        if not accepted or span.start >= accepted[-1][0].end:
            accepted.append((span, label))
    text, k, out = article.text, 0, []
    for sentence in _sentences(article):
        tokens, inside = [], None
        for m in _TOKEN.finditer(text, sentence.start, sentence.end):
            while k < len(accepted) and accepted[k][0].end <= m.start():
                k += 1
            tag, current = "O", None
            if k < len(accepted) and accepted[k][0].start < m.end():
                current, label = accepted[k]
                tag = ("I-" if current == inside else "B-") + label
            inside = current
            tokens.append((m.group(), tag))
        if tokens:
            out.append(tokens)
    return out


def _sentences(article: Article) -> list[Span]:
    """The extraction's sentences; the headline is one of its own even where no full stop ends it."""
    t = article.title_span
    if t is None or not 0 <= t.start < t.end <= len(article.text):
        return [s.span for s in split(article.text)]
    return ([s.span for s in split(article.text, 0, t.start)] + [t]
            + [s.span for s in split(article.text, t.end)])


def conll(items: Iterable, placeholder: str = "-") -> Iterator[str]:
    """CoNLL-2003 columns `token - - TAG` (POS and chunk left empty as "-"), a `-DOCSTART- -X- O O`
    line before each article and a blank line after each sentence.

    Four columns because the header is four: a reader of column 3 (flair's `{0: "text", 3: "ner"}`)
    sees "O" on the header line, and spaCy's `convert -c ner` reads the last column."""
    for item in items:
        out = [DOCSTART, "\n\n"]
        for sentence in bio_sentences(item.article, item.record):
            out.extend(f"{tok} {placeholder} {placeholder} {tag}\n" for tok, tag in sentence)
            out.append("\n")
        yield "".join(out)


def hf_jsonl(items: Iterable) -> Iterator[str]:
    """One `{"id", "tokens", "ner_tags"}` line per sentence, tags as indexes into `TAGS`
    (what `datasets.load_dataset("json")` reads; `hf_tags()` is the list to write beside it)."""
    index = {t: i for i, t in enumerate(TAGS)}
    for item in items:
        for n, sentence in enumerate(bio_sentences(item.article, item.record)):
            yield json.dumps({"id": f"{item.article.id}-{n}", "tokens": [t for t, _ in sentence],
                              "ner_tags": [index[g] for _, g in sentence]}, ensure_ascii=False) + "\n"


def hf_tags() -> str:
    """The tag list for `hf_jsonl`, as JSON: `ner_tags` values index it."""
    return json.dumps({"ner_tags": list(TAGS)}, indent=2) + "\n"


def spans_jsonl(items: Iterable) -> Iterator[str]:
    """One `{"text", "spans": [{"start", "end", "label"}], "meta"}` line per article: the shape
    Prodigy and spaCy users load (`doc.char_span(start, end, label)`). Spans may nest (an
    amount inside its commitment): put them in `doc.spans`, or keep the outer ones for `doc.ents`."""
    for item in items:
        art = item.article
        spans = [{"start": s.start, "end": s.end, "label": label}
                 for s, label in labelled_spans(art, item.record)]
        meta = {"id": art.id, "source": art.source, "title": art.title, "status": item.status}
        yield json.dumps({"text": art.text, "spans": spans, "meta": meta}, ensure_ascii=False) + "\n"
