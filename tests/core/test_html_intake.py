"""A saved web page is an article too: its stored text is the article (headline, paragraphs),
not the page's tags, menus, related links or footer; its title and date come with it."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from reviewer.cli import main
from reviewer.core.html import looks_like_html
from reviewer.core.intake import read_file
from reviewer.core.store import Store

PAGES = Path(__file__).resolve().parents[1] / "data" / "html"
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", ["ben_tre.html", "ben_tre_saved_as.txt"])
def test_a_page_is_read_as_its_article(name):
    art = read_file(PAGES / name)
    assert art.title == "Bến Tre - TP Hồ Chí Minh hợp tác phát triển"
    assert art.published == "2009-11-28"
    assert art.text.startswith(art.title + "\n\nND - Sáng 27-11, tại tỉnh Bến Tre đã ký kết")
    assert art.text.rstrip().endswith("đáp ứng xu thế phát triển và hội nhập. PV")
    for chrome in ("<", "Trang chủ", "Tin liên quan", "Giấy phép", "dataLayer", "font-family"):
        assert chrome not in art.text


def test_import_stores_the_page_and_extracts_its_agreement(tmp_path):
    db = tmp_path / "r.db"
    result = CliRunner().invoke(main, ["--db", str(db), "import", "--workers", "0", str(PAGES)])
    assert result.exit_code == 0, result.output
    assert "1 article(s) imported, 1 already in the database" in result.stderr  # the same page twice
    with Store(db) as s:
        (article, cur), *_ = list(s.curated())
    parties = {p.name for a in cur.record.agreements for p in a.parties}
    assert parties == {"Bến Tre", "Hồ Chí Minh"}
    assert cur.record.agreements[0].period.start == 2009


def test_plain_articles_are_not_taken_for_pages():
    texts = [*ROOT.glob("seeds/*.txt"), *(ROOT.parent / "shared" / "corpus" / "dev").glob("*.txt")]
    assert texts
    assert [p.name for p in texts if looks_like_html(p.read_text(encoding="utf-8"))] == []
