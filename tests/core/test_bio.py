"""CoNLL and Hugging Face exports of the seeds, read the way flair, spaCy and seqeval read them."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from reviewer.cli import main
from reviewer.core.datasets.stats import compute
from reviewer.core.datasets.evaluate import overall
from reviewer.core.store import Store

from .readers import TOKEN, entities, flair_column_corpus, seqeval_f1, spacy_conll_ner

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
TAG_OF = {"party": "PARTY", "signed_on": "SIGNED_ON", "published": "PUBLISHED", "place": "PLACE",
          "period": "PERIOD", "commitment": "COMMITMENT"}


def run(*args: str) -> None:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    """The seeds loaded as gold (with the machine's extraction), exported both ways."""
    d = tmp_path_factory.mktemp("bio")
    db = str(d / "r.db")
    run("--db", db, "load-gold", str(SEEDS))
    run("--db", db, "export", "--format", "conll", "-o", str(d / "curated.conll"))
    run("--db", db, "export", "--format", "conll", "--of", "machine", "-o", str(d / "machine.conll"))
    run("--db", db, "export", "--format", "hf", "-o", str(d / "curated.jsonl"))
    return d


def gold_fields(store: Store):
    """(article, [(label, span)]) for every party, date, place, period and commitment."""
    for art, cur in store.curated():
        rec, fields = cur.record, []
        if rec.published:
            fields.append(("PUBLISHED", rec.published_span))
        for a in rec.agreements:
            fields += [("PARTY", p.span) for p in a.parties]
            fields += [("SIGNED_ON", a.signed_on_span)] if a.signed_on else []
            fields += [("PLACE", a.place_span)] if a.place else []
            fields += [("PERIOD", a.period.span)] if a.period else []
            fields += [("COMMITMENT", c.span) for c in a.commitments]
        yield art, fields


def test_flair_reads_the_tag_column_as_bio_and_spacy_finds_one_doc_per_article(exported):
    text = (exported / "curated.conll").read_text(encoding="utf-8")
    sentences, is_bio = flair_column_corpus(text, {0: "text", 3: "ner"})
    assert is_bio  # the -DOCSTART- line carries "O" in column 3, so flair keeps reading BIO
    assert sum(1 for s in sentences for _, tag in s if tag.startswith("B-")) > 80
    docs = spacy_conll_ner(text)
    assert len(docs) == 5 and all(w[0] != "-DOCSTART-" for w, _ in docs)
    # every block is one sentence of the extraction: short enough for a transformer
    lengths = [len(s) for s in sentences if s[0][0] != "-DOCSTART-"]
    assert max(lengths) < 400 and sum(lengths) / len(lengths) < 60


def test_every_gold_field_of_the_seeds_is_a_tagged_span_where_its_words_are(exported):
    docs = spacy_conll_ner((exported / "curated.conll").read_text(encoding="utf-8"))
    with Store(exported / "r.db") as store:
        for (art, fields), (words, ents) in zip(gold_fields(store), docs):
            tokens = list(TOKEN.finditer(art.text))
            assert words == [m.group() for m in tokens]  # every token of the text, in order
            tagged = {(label, tokens[a].start(), tokens[b].end()) for label, a, b in ents}
            for label, span in fields:
                assert span is not None, (art.source, label)
                assert (label, span.start, span.end) in tagged, (art.source, label, art.text[span.start:span.end])


def test_machine_and_curated_tags_agree_with_stats_within_five_points(exported):
    def tags(name):
        sentences, _ = flair_column_corpus((exported / name).read_text(encoding="utf-8"), {0: "text", 3: "ner"})
        return [[t for _, t in s] for s in sentences if s[0][0] != "-DOCSTART-"]

    gold, machine = tags("curated.conll"), tags("machine.conll")
    assert [len(s) for s in gold] == [len(s) for s in machine]  # token for token
    with Store(exported / "r.db") as store:
        stats = overall(compute(store).accuracy)
    f1 = seqeval_f1(gold, machine)
    assert abs(f1 - stats) <= 0.05, (f1, stats)


def test_hugging_face_lines_have_tokens_and_tag_indexes_with_the_names_beside(exported):
    names = json.loads((exported / "curated.tags.json").read_text())["ner_tags"]
    assert names[0] == "O" and {"B-PARTY", "I-SIGNED_ON", "B-PUBLISHED", "B-COMMITMENT"} <= set(names)
    lines = [json.loads(line) for line in (exported / "curated.jsonl").read_text(encoding="utf-8").splitlines()]
    assert all(set(d) == {"id", "tokens", "ner_tags"} and len(d["tokens"]) == len(d["ner_tags"]) for d in lines)
    assert len({d["id"] for d in lines}) == len(lines)
    conll = flair_column_corpus((exported / "curated.conll").read_text(encoding="utf-8"), {0: "text", 3: "ner"})[0]
    conll = [s for s in conll if s[0][0] != "-DOCSTART-"]
    assert [[names[i] for i in d["ner_tags"]] for d in lines] == [[t for _, t in s] for s in conll]
    assert re.fullmatch(r"[0-9a-f]{16}-0", lines[0]["id"])


def test_two_adjacent_fields_of_one_label_stay_two_entities():
    from reviewer.core.datasets.bio import bio_sentences
    from reviewer.core.intake import make_article
    from reviewer.core.records import Agreement, Commitment, Record, Span

    text = "Tiêu đề\n\nHai bên sẽ phát triển du lịch; xây dựng cầu."
    art = make_article(text, "x.txt")
    i, j = text.index("phát"), text.index("xây")
    rec = Record(agreements=(Agreement(commitments=(
        Commitment("phát triển du lịch", span=Span(i, i + 18)), Commitment("xây dựng cầu", span=Span(j, j + 12)))),))
    tags = [t for s in bio_sentences(art, rec) for _, t in s]
    assert [e[0] for e in entities(tags)] == ["COMMITMENT", "COMMITMENT"]


def test_the_machine_export_is_the_stored_extraction_of_the_same_articles(exported, tmp_path):
    run("--db", str(exported / "r.db"), "export", "--of", "machine", "-o", str(tmp_path / "m.jsonl"))
    lines = [json.loads(x) for x in (tmp_path / "m.jsonl").read_text(encoding="utf-8").splitlines()]
    with Store(exported / "r.db") as store:
        assert len(lines) == 5 and all(d["status"] == "done" for d in lines)
        for d in lines:
            assert d["agreements"] == store.extraction(d["id"]).to_dict()["agreements"]
        # the machine missed part of a commitment or two: its export is not the curated one
        assert any(d["agreements"] != store.record(d["id"]).record.to_dict()["agreements"] for d in lines)
