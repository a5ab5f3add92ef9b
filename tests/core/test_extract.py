"""The extractor, measured the way editors will measure it, and held to its spans."""
import json
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewer.core.datasets.evaluate import score
from reviewer.core.extraction import extract
from reviewer.core.intake import make_article, read_file
from reviewer.core.vntext import name_key


def _run(folder):
    gold, pred, records = {}, {}, {}
    for g in sorted(folder.glob("*.gold.json")):
        stem = g.name[: -len(".gold.json")]
        art = read_file(folder / f"{stem}.txt")
        rec = extract(art)
        gold[stem] = json.loads(g.read_text("utf-8"))
        pred[stem] = rec.to_dict()
        records[stem] = (art, rec)
    return gold, pred, records


THRESHOLDS = {"parties": 0.95, "published": 0.9, "signed_on": 0.9, "kind": 0.9, "period": 0.9, "commitments": 0.8}


@pytest.mark.parametrize("which", ["seeds", "dev", "heldout", "heldout2", "heldout3", "heldout4"])
def test_extraction_meets_the_acceptance_scores(which, seeds_dir, request):
    """Seeds, the shared dev corpus, and bench/heldout, bench/heldout2 (articles written without seeing the code)."""
    folder = {"seeds": seeds_dir, "heldout": seeds_dir.parent / "bench" / "heldout",
              "heldout2": seeds_dir.parent / "bench" / "heldout2",
              "heldout3": seeds_dir.parent / "bench" / "heldout3",
              "heldout4": seeds_dir.parent / "bench" / "heldout4"}.get(which) or request.getfixturevalue("dev_dir")
    gold, pred, _ = _run(folder)
    scores = score(gold, pred)
    for field, floor in THRESHOLDS.items():
        assert scores[field].f1 >= floor, f"{which}: {field} F1 {scores[field].f1:.3f} < {floor}"
    for stem, g in gold.items():
        assert len(pred[stem]["agreements"]) == len(g["agreements"]), f"{stem}: agreement count"


def test_articles_that_report_no_signing_have_no_agreement(dev_dir):
    for stem in ("028", "031"):
        assert extract(read_file(dev_dir / f"{stem}.txt")).agreements == ()


def test_every_span_is_its_evidence_in_the_stored_text(seeds_dir):
    _, _, records = _run(seeds_dir)
    for art, rec in records.values():
        text = art.text
        for kind, span in rec.spans():
            assert 0 <= span.start <= span.end <= len(text)
        for a in rec.agreements:
            for p in a.parties:
                assert name_key(p.span.of(text)) in {name_key(p.name), "tphcm", "tp.hcm"}
            for c in a.commitments:
                assert c.span.of(text) == c.text
                if c.amount:
                    assert c.amount_span.of(text) == c.amount
            if a.period:
                assert str(a.period.end) in a.period.span.of(text)


def test_two_programmes_signed_at_one_ceremony_are_two_agreements(seeds_dir):
    rec = extract(read_file(next(seeds_dir.glob("002_*.txt"))))
    pairs = [sorted(p.name for p in a.parties) for a in rec.agreements]
    assert pairs == [["Hậu Lộc", "Lang Chánh"], ["Bỉm Sơn", "Lang Chánh"]]
    givers = {c.giver: c.amount for a in rec.agreements for c in a.commitments if c.amount}
    assert givers == {"Hậu Lộc": "4 tỷ đồng", "Bỉm Sơn": "3 tỷ đồng"}


def test_parties_carry_province_and_post_2025_province(seeds_dir):
    rec = extract(read_file(next(seeds_dir.glob("004_*.txt"))))
    got = {p.name: (p.level, p.province_2025) for p in rec.agreements[0].parties}
    assert got == {"Hải Dương": ("tỉnh", "Hải Phòng"), "Bắc Giang": ("tỉnh", "Bắc Ninh")}


def test_foreign_partners_are_recognised_from_context():
    text = ("Bình Định và 4 tỉnh Nam Lào (Attapu, Champasak, Salavan, Sekong) ký kết biên bản ghi nhớ\n\n"
            "Sáng 30/3, UBND tỉnh Bình Định và 4 tỉnh Nam Lào (Attapu, Champasak, Salavan, Sekong) đã ký kết "
            "biên bản ghi nhớ hợp tác giai đoạn 2021-2025. Theo đó, hai bên sẽ tăng cường hợp tác giáo dục.")
    rec = extract(make_article(text, "x"))
    (a,) = rec.agreements
    assert {(p.name, p.country) for p in a.parties} == {
        ("Bình Định", "Việt Nam"), ("Attapu", "Lào"), ("Champasak", "Lào"), ("Salavan", "Lào"), ("Sekong", "Lào")}
    assert a.kind == "memorandum" and a.period.start == 2021 and a.signed_on == "--03-30"


def test_a_foreign_district_takes_its_country_from_brackets():
    text = ("Chiều 8-11, UBND huyện Hòa Vang (thành phố Đà Nẵng) và huyện Bonghwa (tỉnh Gyeongsangbuk, "
            "Hàn Quốc) ký kết thỏa thuận hợp tác. Hai bên sẽ trao đổi lao động thời vụ.")
    (a,) = extract(make_article(text, "x")).agreements
    assert {(p.name, p.level, p.country) for p in a.parties} == {
        ("Hòa Vang", "huyện", "Việt Nam"), ("Bonghwa", "huyện", "Hàn Quốc")}


def test_old_and_new_tone_placement_name_the_same_party():
    text = ("Thị xã Nghi Sơn, tỉnh Thanh Hoá và thị xã Hoàng Mai ký kết thỏa thuận hợp tác\n"
            "Chiều 25/3, thị xã Nghi Sơn và thị xã Hoàng Mai ký kết thỏa thuận hợp tác đến năm 2025.")
    (a,) = extract(make_article(text, "x")).agreements
    assert sorted(p.name for p in a.parties) == ["Hoàng Mai", "Nghi Sơn"]
    assert a.period.start is None and a.period.end == 2025


def test_signing_date_resolves_against_the_publication_year():
    text = "Hai tỉnh ký kết hợp tác\n\n12:08, 24/12/2023\nChiều 5.1, tỉnh Nghệ An và tỉnh Quảng Ngãi ký kết biên bản ghi nhớ."
    (a,) = extract(make_article(text, "x")).agreements
    assert a.signed_on == "2023-01-05"


def test_a_five_megabyte_article_is_extracted_in_linear_time(seeds_dir):
    base = "\n\n".join(p.read_text("utf-8") for p in sorted(seeds_dir.glob("*.txt")))
    big = (base * (5_000_000 // len(base) + 1))[:5_000_000]
    start = time.perf_counter()
    rec = extract(make_article(big, "big.txt"))
    assert time.perf_counter() - start < 120
    assert all(sp.end <= len(big) for _, sp in rec.spans())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_arbitrary_unicode_never_breaks_intake_or_extraction(text):
    try:
        art = make_article(text, "fuzz")
    except Exception as e:  # noqa: BLE001 - the point is that nothing escapes
        pytest.fail(f"intake raised {e!r}")
    rec = extract(art)
    for _, span in rec.spans():
        assert 0 <= span.start <= span.end <= len(art.text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mangled_seed_text_never_breaks_extraction(seeds_dir, data):
    seeds = sorted(seeds_dir.glob("*.txt"))
    text = data.draw(st.sampled_from(seeds)).read_text("utf-8")
    cut = data.draw(st.integers(0, len(text)))
    junk = data.draw(st.text(max_size=60))
    mangled = text[:cut] + junk + text[cut:][: data.draw(st.integers(0, 3000))]
    art = make_article(mangled, "m")
    rec = extract(art)
    for _, span in rec.spans():
        assert 0 <= span.start <= span.end <= len(art.text)
    json.dumps(rec.to_dict(), ensure_ascii=False)


def test_a_commune_name_shared_by_many_provinces_takes_the_province_its_qualifiers_name():
    text = ("Quận 1 kết nghĩa với xã Tân Phú\n\nChiều 2/9, Quận ủy Quận 1 và Đảng ủy xã Tân Phú, huyện Tân Châu, "
            "tỉnh Tây Ninh ký kết chương trình kết nghĩa. Quận 1 sẽ hỗ trợ xã Tân Phú 500 triệu đồng xây nhà.")
    (a,) = extract(make_article(text, "x")).agreements
    assert {p.name: p.province for p in a.parties} == {"1": "Hồ Chí Minh", "Tân Phú": "Tây Ninh"}
    assert a.kind == "other"
    assert [(c.giver, c.amount) for c in a.commitments if c.amount] == [("1", "500 triệu đồng")]


def test_sang_nay_with_the_date_in_brackets_and_the_venue():
    text = ("Kon Tum và Attapeu (Lào) ký kết biên bản ghi nhớ\n\nThứ năm, 14/03/2024 10:20\n"
            "Sáng nay (14/3), tại TP Kon Tum, UBND tỉnh Kon Tum và tỉnh Attapeu (Lào) đã ký kết biên bản ghi nhớ "
            "hợp tác giai đoạn 2024-2028.")
    (a,) = extract(make_article(text, "x")).agreements
    assert (a.signed_on, a.place, a.period.start, a.period.end) == ("2024-03-14", "Kon Tum", 2024, 2028)


def test_a_foreign_district_takes_the_country_of_its_province_and_an_updated_stamp_is_the_date():
    text = ("Yên Châu và Xiềng Khọ ký kết biên bản ghi nhớ hợp tác\n\nCập nhật: 29/07/2023 10:15\n"
            "Chiều 28/7, huyện Yên Châu và huyện Xiềng Khọ, tỉnh Hủa Phăn, nước CHDCND Lào ký kết biên bản ghi nhớ "
            "hợp tác giai đoạn 2023-2027. Hai bên sẽ phối hợp quản lý biên giới.")
    rec = extract(make_article(text, "x"))
    (a,) = rec.agreements
    assert rec.published == "2023-07-29" and a.signed_on == "2023-07-28"
    assert {(p.name, p.country) for p in a.parties} == {("Yên Châu", "Việt Nam"), ("Xiềng Khọ", "Lào")}


def test_a_twinning_ceremony_without_the_word_sign_is_an_agreement():
    text = ("Lễ kết nghĩa giữa xã Tân Lập và xã Mường Lói\n\nSáng 12/5, tại xã Mường Lói, huyện Điện Biên đã diễn ra "
            "lễ kết nghĩa giữa xã Tân Lập và xã Mường Lói. Hai xã sẽ hỗ trợ nhau phát triển sản xuất.")
    (a,) = extract(make_article(text, "x")).agreements
    assert a.kind == "other" and a.place == "Mường Lói"
    assert sorted(p.name for p in a.parties) == ["Mường Lói", "Tân Lập"]


@pytest.mark.parametrize("text", [
    "Đoàn công tác tỉnh Champasak thăm tỉnh Bình Định\n\nNgày 5/4, đoàn công tác tỉnh Champasak (Lào) thăm và làm "
    "việc tại tỉnh Bình Định. Hai bên đánh giá kết quả thực hiện biên bản ghi nhớ đã ký kết năm 2019.",
    "Hội đàm giữa tỉnh Kon Tum và tỉnh Attapeu\n\nNăm 2018, hai tỉnh ký kết thỏa thuận hợp tác giai đoạn "
    "2018-2022. Chiều 3/3, hai bên hội đàm và thống nhất sẽ tiến tới ký kết thỏa thuận mới.",
])
def test_an_earlier_or_a_future_signing_is_not_an_agreement_reported(text):
    assert extract(make_article(text, "x")).agreements == ()


def test_headlines_under_related_news_are_other_stories(seeds_dir):
    seed = next(seeds_dir.glob("004_*.txt")).read_text("utf-8")
    text = seed + "\nTin liên quan\nQuảng Ninh và Lạng Sơn ký kết biên bản ghi nhớ hợp tác\n"
    (a,) = extract(make_article(text, "x")).agreements
    assert sorted(p.name for p in a.parties) == ["Bắc Giang", "Hải Dương"]


def test_a_party_whose_level_the_article_never_gives_has_no_level():
    text = "Hà Nam và Ninh Bình ký kết thỏa thuận hợp tác\n\nSáng 3/4, Hà Nam và tỉnh Ninh Bình ký kết thỏa thuận hợp tác."
    (a,) = extract(make_article(text, "x")).agreements
    assert {p.name: p.level for p in a.parties} == {"Hà Nam": None, "Ninh Bình": "tỉnh"}


def test_the_venue_and_cooperation_in_the_background_do_not_make_parties():
    text = ("Chiều 5/3, tại Trung tâm Hội nghị tỉnh Quảng Ninh, tỉnh Lạng Sơn và tỉnh Cao Bằng ký kết biên bản ghi "
            "nhớ hợp tác. Trước đó, quan hệ hợp tác giữa tỉnh Lạng Sơn và tỉnh Hà Giang được thúc đẩy. "
            "Hai tỉnh sẽ phối hợp.")
    (a,) = extract(make_article(text, "x")).agreements
    assert [p.name for p in a.parties] == ["Lạng Sơn", "Cao Bằng"] and a.place == "Quảng Ninh"


def test_bulleted_contents_after_a_list_intro_are_commitments_and_the_speech_is_not():
    text = ("Tỉnh Gia Lai và tỉnh Ratanakiri ký kết biên bản ghi nhớ\n\nSáng 10/6, tỉnh Gia Lai và tỉnh Ratanakiri "
            "(Campuchia) ký kết biên bản ghi nhớ hợp tác giai đoạn 2025-2030. Theo biên bản, hai bên thống nhất hợp "
            "tác trên các lĩnh vực sau:\n- Phối hợp giữ gìn an ninh trật tự khu vực biên giới\n"
            "- Hợp tác phát triển thương mại, đầu tư\n\nPhát biểu tại buổi lễ, ông A mong muốn hai bên tiếp tục hợp tác.")
    (a,) = extract(make_article(text, "x")).agreements
    assert [(c.text, c.category) for c in a.commitments] == [
        ("Phối hợp giữ gìn an ninh trật tự khu vực biên giới", "defence & security"),
        ("Hợp tác phát triển thương mại, đầu tư", "trade")]
    assert {p.country for p in a.parties} == {"Việt Nam", "Campuchia"}
