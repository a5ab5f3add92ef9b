"""Bad input never stops a batch: every bad item is named on one line, every good one is stored,
and no command shows a traceback (tests/data/bad/README.md lists the corpus)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings, strategies as st

from reviewer.core.store import Store

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"


def reviewer(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    # a subprocess with a timeout: a FIFO read by mistake would hang, and that must fail the test
    return subprocess.run([sys.executable, "-m", "reviewer", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120, env=dict(os.environ, PYTHONIOENCODING="utf-8"))


def named(stderr: str, prefix: str) -> set[str]:
    """The sources named on lines starting with `prefix`."""
    return {ln[len(prefix):].split(": ", 1)[0] for ln in stderr.splitlines() if ln.startswith(prefix)}


BAD_ARTICLES = {"articles/bad_binary.txt", "articles/bad_empty.txt", "articles/loop.txt",
                "articles/pipe.txt", "articles/mixed.jsonl:2", "articles/mixed.jsonl:4",
                "articles/mixed.jsonl:5", "articles/mixed.jsonl:6", "missing.txt"}
BAD_GOLD = {"gold/bad_date.gold.json", "gold/bad_deep.gold.json", "gold/bad_kind.gold.json",
            "gold/bad_no_text.gold.json", "gold/bad_not_utf8.gold.json", "gold/bad_period.gold.json",
            "gold/fifo.gold.json", "gold/export.jsonl:2", "gold/export.jsonl:4", "gold/export.jsonl:5",
            "missing.gold.json"}


def test_the_bad_corpus_through_import_extract_and_load_gold(tmp_path):
    work = Path(shutil.copytree(BAD, tmp_path / "bad", ignore=shutil.ignore_patterns("*.py", "*.md")))
    os.mkfifo(work / "articles" / "pipe.txt")
    os.symlink("loop.txt", work / "articles" / "loop.txt")
    os.mkfifo(work / "gold" / "fifo.gold.json")

    imp = reviewer("--db", "a.db", "import", "--workers", "0", "articles", "missing.txt", cwd=work)
    assert imp.returncode == 1 and "Traceback" not in imp.stderr
    assert "5 article(s) imported, 0 already in the database, 9 failed" in imp.stderr
    assert named(imp.stderr, "failed: ") == BAD_ARTICLES
    assert len([ln for ln in imp.stderr.splitlines() if ln.startswith("failed: ")]) == 9  # one line each
    assert "note: articles/mixed.jsonl:3: 2 lone surrogate character(s)" in imp.stderr
    with Store(work / "a.db") as s:
        stored = {a.source: a for a, _ in s.curated()}
    assert set(stored) == {"articles/good_utf8.txt", "articles/good_utf16le_no_bom.txt",
                           "articles/mixed.jsonl:1", "articles/mixed.jsonl:3", "articles/mixed.jsonl:7"}
    assert "Thượng Đức" in stored["articles/good_utf16le_no_bom.txt"].text  # decoded, not "binary"
    assert "Tin hai \ufffd" in stored["articles/mixed.jsonl:3"].text

    ext = reviewer("extract", "--json", "articles", "missing.txt", cwd=work)
    assert ext.returncode == 1 and "Traceback" not in ext.stderr
    assert named(ext.stderr, "error: ") == BAD_ARTICLES
    assert [json.loads(x)["source"] for x in ext.stdout.splitlines()] == sorted(stored, key=[
        "articles/good_utf16le_no_bom.txt", "articles/good_utf8.txt", "articles/mixed.jsonl:1",
        "articles/mixed.jsonl:3", "articles/mixed.jsonl:7"].index)

    gold = reviewer("--db", "g.db", "load-gold", "--no-extract", "gold", "gold/export.jsonl",
                    "missing.gold.json", cwd=work)
    assert gold.returncode == 1 and "Traceback" not in gold.stderr
    assert "3 added, 0 updated, 0 unchanged, 11 failed" in gold.stderr
    assert named(gold.stderr, "failed: ") == BAD_GOLD
    assert "note: gold/export.jsonl:3: 1 lone surrogate character(s)" in gold.stderr
    with Store(work / "g.db") as s:
        records = {a.source: c for a, c in s.curated()}
    assert len(records) == 3 and all(c.status == "done" for c in records.values())


def test_sizes_are_said_plainly_and_an_overlong_article_is_refused_by_name(tmp_path):
    big = tmp_path / "huge.txt"
    with open(big, "wb") as f:
        f.truncate(60 * 2**20)  # sparse: nothing is written
    long = tmp_path / "long.txt"
    long.write_text(("Hai tỉnh ký kết hợp tác. " * 210_000)[:5_200_000], encoding="utf-8")
    result = reviewer("--db", "r.db", "import", "--workers", "0", str(big), str(long), cwd=tmp_path)
    assert result.returncode == 1
    assert f"failed: {big}: is 60.0 MB; the limit is 50 MB" in result.stderr
    assert f"failed: {long}: is 5.2 million characters long; reviewer extracts articles up to 5 million" \
        in result.stderr


PIECES = ["Hải Dương", "ký kết", "hợp tác", "\ud800", "\udfff", "\udc00x", "\U0001f600", "\n", " ",
          "ngày 5/10/2019", "giai đoạn 2021-2025", "\x00", "\ufeff", "Lào"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=30).map("".join))
def test_texts_with_lone_surrogates_are_read_extracted_and_printable(text):
    from reviewer.core.extraction import extract
    from reviewer.core.intake import make_article

    art = make_article(text, "fuzz")
    art.text.encode("utf-8")  # storable, printable: no lone surrogate left
    json.dumps(extract(art).to_dict(), ensure_ascii=False).encode("utf-8")
    if any("\ud800" <= c <= "\udfff" for c in text):
        assert art.meta["notes"] and "replaced by U+FFFD" in art.meta["notes"][0]


def test_an_impossible_publication_date_in_a_json_line_is_not_stored(tmp_path):
    from reviewer.core.intake import read_jsonl

    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"text": "Hai tỉnh ký kết hợp tác\n\n12/03/2024\n\nNội dung.",
                                "published": "2024-13-45"}) + "\n", encoding="utf-8")
    (art,) = read_jsonl(path)
    assert art.published == "2024-03-12"  # the text's own stamp
    assert "published '2024-13-45' is not a real date" in art.meta["notes"][0]


JSON_SCALARS = st.none() | st.booleans() | st.integers(-5, 10**20) | st.floats(allow_nan=False) | st.text(max_size=3)
NOT_A_SPAN = ['[0, Infinity]', '[1.5, 2]', '["3", "7"]', '[7, 3]', '[-1, 2]', '[1, 2, 3]', '"12"', '{"a": 1}']


@settings(max_examples=300)
@given(value=JSON_SCALARS | st.lists(JSON_SCALARS, max_size=3))
def test_a_stored_span_reads_the_same_by_the_fast_path_and_by_validation(value):
    """Reading a record takes a shortcut for [int, int] spans: whatever JSON holds, it gives what
    the validating constructor gives (None where that refuses)."""
    from reviewer.core.records import Party, Span

    try:
        expected = Span.from_value(value)
    except (TypeError, ValueError, OverflowError):
        expected = None
    got = Party.from_dict({"name": "Hải Dương", "span": value}).span
    assert got == expected and type(got) is type(expected)


def test_a_stored_record_with_a_span_that_is_no_span_still_reads():
    """json.loads reads 'Infinity'; a span of it (or of strings, floats, a wrong order) is dropped
    or converted as before, never an exception that would stop the window opening the record."""
    import json

    from reviewer.core.records import Record

    for raw in NOT_A_SPAN:
        record = Record.from_dict(json.loads('{"agreements": [{"parties": [{"name": "Lào", "span": %s}]}]}' % raw))
        span = record.agreements[0].parties[0].span
        assert span is None or (0 <= span.start <= span.end and type(span.start) is int), raw
