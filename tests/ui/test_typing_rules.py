"""What the reviewer types or points at, read as field values (no Qt)."""
from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.ui.typing_rules import name_problem, parse_date, snap_to_syllables, unit_at

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.mark.parametrize("typed, published, saved", [
    ("17/11/2019", None, "2019-11-17"), ("17.11.2019", None, "2019-11-17"), ("17-11-2019", None, "2019-11-17"),
    ("ngày 17 tháng 11 năm 2019", None, "2019-11-17"), ("11/2019", None, "2019-11"),
    ("tháng 11 năm 2019", None, "2019-11"), ("17-11", "2019-10-05", "2019-11-17"), ("17/11", None, "--11-17"),
    ("2019-11-17", None, "2019-11-17"), ("2019-11", None, "2019-11"), ("2019", None, "2019"), ("--11-17", None, "--11-17"),
    ("1711", None, None), ("31/2/2019", None, None), ("2019-13", None, None), ("17/11/19", None, None), ("hôm qua", None, None),
])
def test_dates_are_read_as_vietnamese_editors_type_them(typed, published, saved):
    assert parse_date(typed, published) == saved


def test_a_party_name_is_flagged_unless_it_is_a_unit_or_a_proper_name():
    assert name_problem("Hà Nội") is None and name_problem("Thanh Hoá") is None
    assert name_problem("Xiêng Khoảng") is None and name_problem("Vientiane") is None  # foreign, capitalised
    assert name_problem("tế - xã hội") and name_problem("UBND tỉnh, 3") and name_problem("")


def test_a_selection_grows_to_whole_syllables_and_a_key_without_one_takes_the_unit_under_the_cursor():
    text = (SEEDS / "000_9e150c905cd3a25a.txt").read_text(encoding="utf-8")
    i = text.index("tế - xã hội")
    assert text[slice(*snap_to_syllables(text, i + 1, i + 10))] == "tế - xã hội"
    at = text.index("Thanh Hóa kí kết")
    assert text[slice(*unit_at("party", text, at + 3))] == "tỉnh Thanh Hóa"
    assert text[slice(*unit_at("date", text, text.index("25/3") + 1))] == "25/3"
    assert text[slice(*unit_at("period", text, text.index("2020-2025") + 2))].endswith("2020-2025")
    clause = text[slice(*unit_at("commitment", text, text.index("Hai bên sẽ phối hợp") + 5))]
    assert clause.startswith("Hai bên sẽ phối hợp") and ";" not in clause and "\n" not in clause
    assert unit_at("party", text, text.index("đến năm 2025") + 2) is None
    other = (SEEDS / "001_70bad613b8d3d723.txt").read_text(encoding="utf-8")
    assert other[slice(*unit_at("amount", other, other.index("7 tỷ đồng") + 3))] == "7 tỷ đồng"


def test_p_on_a_sentence_opening_word_takes_nothing_and_on_a_level_word_the_name_after_it():
    """P with the cursor on 'Chiều' (afternoon) opening a sentence marks nothing; on 'Thị' of
    'Thị xã Hoàng Mai' at the very start of the article it marks the town, not 'Thị'."""
    text = (SEEDS / "000_9e150c905cd3a25a.txt").read_text(encoding="utf-8")
    assert text.startswith("Thị xã Hoàng Mai")
    assert text[slice(*unit_at("party", text, 0))] == "Thị xã Hoàng Mai"
    assert unit_at("party", text, text.index("Chiều 25/3") + 1) is None
    line = "Tại buổi ký kết, Thành phố Vinh và Huế thống nhất"
    assert unit_at("party", line, 1) is None
    assert unit_at("party", "Tại Lễ ký kết, hai bên", 5) is None  # two capitals opening a sentence
    other = "Tại Hà Nội, tỉnh hợp tác với Lào và TX. Sơn Tây"
    assert other[slice(*unit_at("party", other, 1))] == "Hà Nội"
    assert other[slice(*unit_at("party", other, other.index("Lào") + 1))] == "Lào"  # a country
    assert other[slice(*unit_at("party", other, other.index("TX") + 1))] == "TX. Sơn Tây"
    assert line[slice(*unit_at("party", line, line.index("Thành")))] == "Thành phố Vinh"
    assert line[slice(*unit_at("party", line, line.index("Huế")))] == "Huế"  # one syllable, a known unit
