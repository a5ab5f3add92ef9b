"""Intake: what an editor sees when files of every kind are read."""
import codecs
import json
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer.core.intake import Failure, IntakeError, decode, make_article, read_file, read_paths

ARTICLE = "Hà Nội và Thanh Hóa ký kết hợp tác\n\nThứ hai, 18/11/2019 11:59\nSáng 16/11, hai địa phương ký kết biên bản ghi nhớ.\n"


def test_utf8_with_and_without_bom_read_the_same(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_bytes(ARTICLE.encode("utf-8"))
    b.write_bytes(codecs.BOM_UTF8 + ARTICLE.encode("utf-8"))
    assert read_file(a).text == read_file(b).text == ARTICLE


def test_utf16_with_bom_is_decoded(tmp_path):
    p = tmp_path / "u16.txt"
    p.write_bytes(ARTICLE.encode("utf-16"))
    assert read_file(p).text == ARTICLE


def _to_cp1258(text: str) -> bytes:
    """Encode as legacy software did: base letter (â, ơ, ư…) plus a combining tone mark."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            nfd = unicodedata.normalize("NFD", ch)
            tones = "".join(c for c in nfd[1:] if c in "\u0300\u0301\u0303\u0309\u0323")
            letter = unicodedata.normalize("NFC", nfd[0] + "".join(c for c in nfd[1:] if c not in tones))
            out += (letter + tones).encode("cp1258")
    return bytes(out)


def test_windows_1258_is_decoded_and_normalised_to_nfc(tmp_path):
    p = tmp_path / "legacy.txt"
    p.write_bytes(_to_cp1258(ARTICLE))
    art = read_file(p)
    assert unicodedata.is_normalized("NFC", art.text)
    assert art.text == ARTICLE


def test_nfd_text_is_stored_as_nfc(tmp_path):
    p = tmp_path / "nfd.txt"
    p.write_text(unicodedata.normalize("NFD", ARTICLE), encoding="utf-8")
    assert read_file(p).text == ARTICLE


def test_crlf_line_ends_become_newlines():
    assert make_article(ARTICLE.replace("\n", "\r\n"), "x").text == ARTICLE


@pytest.mark.parametrize("content, reason", [
    (b"", "empty"), (b"   \n\n", "empty"), (bytes(range(256)) * 20, "binary"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00\x10" * 400, "binary"),
])
def test_bad_files_give_a_clear_error_naming_the_file(tmp_path, content, reason):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(IntakeError) as err:
        read_file(p)
    assert str(p) in str(err.value) and reason in str(err.value)


def test_undecodable_bytes_are_reported():
    # 0x81 is undefined in Windows-1258 and invalid as UTF-8
    with pytest.raises(IntakeError, match="cannot be decoded"):
        decode(b"abc \x81\x81 def", "x.txt")


def test_a_batch_goes_on_after_a_bad_file(tmp_path):
    (tmp_path / "1.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "2.txt").write_bytes(b"")
    (tmp_path / "3.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "4.txt").write_text(ARTICLE + "x", encoding="utf-8")
    items = list(read_paths([tmp_path]))
    assert [type(i).__name__ for i in items] == ["Article", "Failure", "Failure", "Article"]
    assert all(i.source.endswith(("2.txt", "3.txt")) for i in items if isinstance(i, Failure))


def test_jsonl_lines_become_articles_and_bad_lines_failures(tmp_path):
    p = tmp_path / "a.jsonl"
    p.write_text("\n".join([
        json.dumps({"title": "Bến Tre - TP Hồ Chí Minh hợp tác", "text": "Sáng 27-11, hai bên ký kết.",
                    "published": "2009-11-28", "source": "nd/1"}, ensure_ascii=False),
        "{not json",
        json.dumps({"title": "no text"}),
    ]), encoding="utf-8")
    items = list(read_paths([p]))
    art = items[0]
    assert art.source == "nd/1" and art.published == "2009-11-28"
    assert art.text.startswith("Bến Tre - TP Hồ Chí Minh hợp tác\n\n")
    assert isinstance(items[1], Failure) and ":2" in items[1].source
    assert isinstance(items[2], Failure) and "text" in items[2].reason


def test_page_banner_date_is_not_the_publication_date():
    text = "Thứ tư, ngày 24/4/2024\n\nTăng cường hợp tác Hải Dương - Bắc Giang\n\nThứ Bảy 05/10/2019 21:36\n\nChiều 5.10, ..."
    art = make_article(text, "x")
    assert art.published == "2019-10-05"
    assert art.published_span.of(text) == "05/10/2019"
    assert art.title == "Tăng cường hợp tác Hải Dương - Bắc Giang"


def test_date_header_line_gives_the_month():
    art = make_article(" date 2022-10 Ký kết hợp tác giữa huyện A và huyện B\n\nChiều 14-10, ...", "x")
    assert art.published == "2022-10"
    assert art.title.startswith("Ký kết hợp tác")


def test_no_stamp_means_no_publication_date():
    assert make_article("Xã A và xã B ký kết chương trình kết nghĩa\nNgày 30/3, hai xã ký kết.", "x").published is None


def test_seed_publication_dates(seeds_dir):
    got = {p.name[:3]: read_file(p).published for p in sorted(seeds_dir.glob("*.txt"))}
    assert got == {"000": None, "001": "2023-07-24", "002": "2022-10", "003": "2019-11-18", "004": "2019-10-05"}


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=600))
def test_arbitrary_bytes_are_read_or_refused_with_a_reason(tmp_path_factory, data):
    p = tmp_path_factory.mktemp("fuzz") / "f.txt"
    p.write_bytes(data)
    try:
        art = read_file(p)
    except IntakeError as e:
        assert e.reason and str(p) in str(e)
    else:
        assert unicodedata.is_normalized("NFC", art.text) and "\r" not in art.text


def test_a_jsonl_line_whose_text_already_holds_its_headline_keeps_its_stored_text(seeds_dir):
    stored = read_file(next(seeds_dir.glob("004_*.txt")))
    line = {"title": stored.title, "text": stored.text, "source": "x"}
    again = make_article(line["text"], "x", line["title"])
    assert again.text == stored.text and again.id == stored.id
