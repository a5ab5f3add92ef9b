"""The rules by which the tools our users load exports with read them, reproduced (the libraries
themselves — flair with torch, spaCy, seqeval with scikit-learn — are too heavy for the test
extra; each function names the code it follows). Checked against the real libraries by hand:
see the README's "Exports in other tools"."""
from __future__ import annotations

import re

TOKEN = re.compile(r"\w+|[^\w\s]")


def flair_column_corpus(text: str, column_format: dict[int, str]) -> tuple[list[list[tuple[str, str]]], bool]:
    """flair's ColumnDataset: sentences are runs of non-blank lines; the tag column counts as a
    span (BIO) column only if, in the first 5 sentences, a B-/I-/E-/S- tag comes before any other
    tag that is not "O" (else every tag is a word label and no entity is read).
    Returns (sentences of (token, tag), whether the tag column is read as BIO)."""
    sentences, current = [], []
    for line in text.splitlines():
        if line.isspace() or not line:
            if current:
                sentences.append(current)
                current = []
            continue
        fields = re.split(r"\s+", line.rstrip())
        text_col = next(c for c, name in column_format.items() if name == "text")
        tag_col = next(c for c, name in column_format.items() if name == "ner")
        current.append((fields[text_col], fields[tag_col] if len(fields) > tag_col else "O"))
    if current:
        sentences.append(current)
    is_span = None
    for sentence in sentences[:5]:
        for _, tag in sentence:
            if tag[:2] in ("B-", "I-", "E-", "S-"):
                is_span = True
                break
            if tag != "O":
                is_span = False
                break
        if is_span is not None:
            break
    return sentences, is_span is not False


def spacy_conll_ner(text: str) -> list[tuple[list[str], list[tuple[str, int, int]]]]:
    """spaCy's `convert -c ner` (conll_ner_to_docs): documents split on "-DOCSTART- -X- O O",
    sentences on blank lines, the first column is the word and the last the IOB tag.
    Returns per document (words, entities as (label, first word, last word))."""
    docs = []
    for conll_doc in text.strip().split("-DOCSTART- -X- O O"):
        conll_doc = conll_doc.strip()
        if not conll_doc:
            continue
        words, tags = [], []
        for conll_sent in conll_doc.split("\n\n"):
            lines = [line.strip() for line in conll_sent.strip().split("\n") if line.strip()]
            if not lines:
                continue
            cols = list(zip(*[line.split() for line in lines]))
            assert len(cols) >= 2, "spaCy raises E903: fewer than two columns"
            words.extend(cols[0])
            tags.extend(cols[-1])
        docs.append((words, entities(tags)))
    return docs


def entities(tags: list[str]) -> list[tuple[str, int, int]]:
    """seqeval's default get_entities (IOB2, lenient like conlleval): (type, first, last)."""
    out, prev_tag, prev_type, begin = [], "O", "", 0
    for i, chunk in enumerate(list(tags) + ["O"]):
        tag, type_ = chunk[0], chunk[1:].split("-", maxsplit=1)[-1] or "_"
        ends = (prev_tag in "ES" or prev_tag in "BI" and tag in "BSO"
                or prev_tag != "O" and prev_type != type_)
        if ends:
            out.append((prev_type, begin, i - 1))
        if tag in "BS" or prev_tag in "ESO" and tag in "EI" or tag != "O" and prev_type != type_:
            begin = i
        prev_tag, prev_type = tag, type_
    return out


def seqeval_f1(gold: list[list[str]], pred: list[list[str]]) -> float:
    """seqeval.metrics.f1_score (default mode, micro average) over sentences of tags."""
    flat = lambda seqs: [t for s in seqs for t in s + ["O"]]  # noqa: E731
    g, p = set(entities(flat(gold))), set(entities(flat(pred)))
    tp = len(g & p)
    prec = tp / len(p) if p else 0.0
    rec = tp / len(g) if g else 0.0
    return 2 * prec * rec / (prec + rec) if prec + rec else 0.0
