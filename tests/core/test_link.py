"""One signing reported by several outlets is one agreement; two signings are two."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reviewer.core.datasets import gold
from reviewer.core.datasets.link import same_signing, signing_of
from reviewer.core.datasets.linking import Linker
from reviewer.core.datasets.merge import merge
from reviewer.core.records import Agreement, Party, Period
from reviewer.core.store import Store

DATA = Path(__file__).resolve().parents[1] / "data" / "one_signing"
# three outlets' reports of the Hải Dương – Bắc Giang signing of 5 October 2019:
# "Chiều 5/10" (its paper), "Ngày 5-10-2019" (the partner's), "Chiều qua" published a day later
ONE_SIGNING = ("hd_baohaiduong", "bg_baobacgiang", "vn_tintuc")
LATER = "hd_2024_program"  # the same two provinces, another agreement in 2024


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "link.db") as s:
        yield s


def load(store: Store, tmp_path: Path, stems) -> None:
    folder = tmp_path / "gold"
    folder.mkdir(exist_ok=True)
    for stem in stems:
        for suffix in (".txt", ".gold.json"):
            shutil.copy(DATA / (stem + suffix), folder / (stem + suffix))
    results = gold.load(store, [folder])
    assert all(r.outcome in ("added", "unchanged") for r in results), results


def sources(group) -> set[str]:
    return {Path(r.source).stem for r, _ in group.new}


def test_three_outlets_reporting_one_signing_are_one_agreement(store, tmp_path):
    load(store, tmp_path, ONE_SIGNING + (LATER,))
    linker = Linker(store)
    plan = linker.plan()
    assert sorted(map(sources, plan), key=len) == [{LATER}, set(ONE_SIGNING)]
    joined = next(g for g in plan if len(g.new) == 3)
    reasons = [why for _, why in joined.new if why]
    assert len(reasons) == 2 and any("same day" in r for r in reasons)
    assert any("publication" in r for r in reasons)  # "Chiều qua", published 06/10
    assert linker.apply(plan, reviewer="Lan") == 4
    assert linker.tables.count() == 2
    assert linker.plan() == []  # nothing left to link: running it again changes nothing


def test_the_merged_agreement_has_every_commitment_once(store, tmp_path):
    load(store, tmp_path, ONE_SIGNING)
    linker = Linker(store)
    linker.apply(linker.plan(), reviewer=None)
    [entity] = list(linker.tables.all())
    merged = merge(linker.tables.report(a, i) for a, i in linker.tables.members(entity.id))
    texts = [c.text for c in merged.commitments]
    # 3 + 3 + 2 clauses reported, 4 distinct ("hợp tác đầu tư…" is quoted in three lengths)
    assert len(texts) == 4, texts
    assert any(t.startswith("Hợp tác đầu tư xây dựng kết nối giao thông, liên kết tiêu thụ sản phẩm nông "
                            "nghiệp, công nghiệp") for t in texts)
    assert merged.signed_on == "2019-10-05" and merged.kind == "memorandum"
    assert merged.period == (2020, 2025)
    assert entity.n_articles == 3 and [p["province_2025"] for p in entity.parties] == ["Hải Phòng", "Bắc Ninh"]


def test_an_article_opened_later_is_proposed_the_existing_agreement(store, tmp_path):
    load(store, tmp_path, ONE_SIGNING[:2] + (LATER,))
    linker = Linker(store)
    linker.apply(linker.plan(), reviewer=None)
    load(store, tmp_path, ONE_SIGNING[2:])
    aid = store.resolve("vn_tintuc.txt")
    [proposal] = linker.propose(aid)
    assert len(proposal.articles) == 2 and "Hải Dương" in proposal.label
    linker.link(aid, 0, proposal.agreement_id, reviewer="Lan")
    assert linker.propose(aid) == [] and linker.tables.get(proposal.agreement_id).n_articles == 3
    linker.link(aid, 0, None, reviewer="Lan")  # unlink: proposed again
    assert [p.agreement_id for p in linker.propose(aid)] == [proposal.agreement_id]
    linker.separate(aid, 0, proposal.agreement_id, reviewer="Lan")  # kept separate: no longer proposed
    assert linker.propose(aid) == []
    assert [e.action for e in linker.tables.events(aid)] == ["link", "unlink", "separate"]


def ag(parties, signed_on=None, period=None, levels=None) -> Agreement:
    levels = levels or [None] * len(parties)
    return Agreement(parties=tuple(Party(n, level=lv, country=c)
                                   for (n, c), lv in zip([(p, "Việt Nam") if isinstance(p, str) else p
                                                          for p in parties], levels)),
                     signed_on=signed_on, period=Period(*period) if period else None)


@pytest.mark.parametrize("a, pub_a, b, pub_b, same", [
    # order, level words, tone placement and an alias folded
    (ag(["Thanh Hóa", "TP Hồ Chí Minh"], "2023-05-02"), None,
     ag(["TPHCM", "tỉnh Thanh Hoá"], "2023-05-02"), None, True),
    (ag(["Thanh Hóa", "Hồ Chí Minh"], "2023-05-02"), None, ag(["Thanh Hóa", "Hồ Chí Minh"], "2023-05-03"), None, False),
    # a day and a month: within a few days of the month
    (ag(["Điện Biên", "Luang Prabang"], "2022-04"), None, ag(["Điện Biên", "Luang Prabang"], "2022-04-28"), None, True),
    (ag(["Điện Biên", "Luang Prabang"], "2022-04"), None, ag(["Điện Biên", "Luang Prabang"], "2022-06-10"), None, False),
    # no day on either side: the same period, or nothing
    (ag(["Nghệ An", "Hà Tĩnh"], None, (2021, 2025)), None, ag(["Hà Tĩnh", "Nghệ An"], "2021", (2021, 2025)), None, True),
    (ag(["Nghệ An", "Hà Tĩnh"], "2021", (2021, 2025)), None, ag(["Hà Tĩnh", "Nghệ An"], "2016", (2021, 2025)), None, False),
    (ag(["Nghệ An", "Hà Tĩnh"]), None, ag(["Hà Tĩnh", "Nghệ An"]), None, False),
    # periods that contradict each other are two documents
    (ag(["Nghệ An", "Hà Tĩnh"], "2021-03-01", (2021, 2025)), None,
     ag(["Nghệ An", "Hà Tĩnh"], "2021-03-01", (2021, 2030)), None, False),
    # the province and the city of the same name are different signatories
    (ag(["Hà Tĩnh", "Nghệ An"], "2021-03-01", levels=["tỉnh", "tỉnh"]), None,
     ag(["Hà Tĩnh", "Nghệ An"], "2021-03-01", levels=["thành phố", "tỉnh"]), None, False),
    # undated, published within a week of a dated report
    (ag(["Lạng Sơn", "Cao Bằng"]), "2020-08-12", ag(["Lạng Sơn", "Cao Bằng"], "2020-08-10"), None, True),
    (ag(["Lạng Sơn", "Cao Bằng"]), "2020-09-12", ag(["Lạng Sơn", "Cao Bằng"], "2020-08-10"), None, False),
    # one party more is another agreement
    (ag(["Lạng Sơn", "Cao Bằng", "Hà Giang"], "2020-08-10"), None, ag(["Lạng Sơn", "Cao Bằng"], "2020-08-10"), None, False),
])
def test_the_matching_rule(a, pub_a, b, pub_b, same):
    why = same_signing(signing_of(a, pub_a), signing_of(b, pub_b))
    assert (why is not None) == same, why
    assert (same_signing(signing_of(b, pub_b), signing_of(a, pub_a)) is not None) == same


def test_a_foreign_province_in_two_spellings_is_one_party():
    a = ag([("Luang Prabang", "Lào"), "Điện Biên"], "2022-04-28")
    b = ag([("Luông Pha Băng", "Lào"), "Điện Biên"], "2022-04-28")
    assert same_signing(signing_of(a, None), signing_of(b, None))


def test_the_machine_extraction_of_the_three_reports_is_proposed_as_one_agreement(store):
    """Straight from the extractor (pending records, nobody has reviewed them yet): once the
    first report is an agreement in the dataset, the other two are proposed to join it, and
    the 2024 programme is not."""
    from reviewer.core.store.importer import import_paths

    import_paths(store, [str(DATA / (stem + ".txt")) for stem in ONE_SIGNING + (LATER,)], workers=0)
    linker = Linker(store)
    first, second, third, later = (store.resolve(stem + ".txt") for stem in ONE_SIGNING + (LATER,))
    gid = linker.new_for(first, 0, reviewer=None)
    for other in (second, third):
        assert [(p.index, p.agreement_id) for p in linker.propose(other)] == [(0, gid)]
    assert linker.propose(later) == []


def test_a_report_edited_to_other_parties_leaves_the_agreement(store, tmp_path):
    from dataclasses import replace

    load(store, tmp_path, ONE_SIGNING)
    linker = Linker(store)
    linker.apply(linker.plan(), reviewer=None)
    [entity] = list(linker.tables.all())
    aid = store.resolve("vn_tintuc.txt")
    cur = store.record(aid)
    ag = cur.record.agreements[0]
    edited = replace(cur.record, agreements=(replace(ag, parties=ag.parties[:1] + (Party("Hưng Yên", "tỉnh"),)),))
    store.save(aid, edited, status="done", reviewer="Lan", expected_revision=cur.revision)
    linker.refresh_article(aid)
    assert linker.tables.linked(aid, 0) is None and linker.tables.get(entity.id).n_articles == 2
    assert linker.tables.events(aid)[-1].reason == "its parties changed in the record"


def test_the_dataset_names_a_locality_one_way():
    from reviewer.core.datasets.merge import display_name

    assert display_name(Party("Luông Pha Băng", "tỉnh", "Lào")) == "Luang Prabang"
    assert display_name(Party("TPHCM", "thành phố")) == "Hồ Chí Minh"
    assert display_name(Party("Huế", "thành phố")) == "Huế"


def test_names_fold_level_words_hyphens_and_spellings():
    from reviewer.core.datasets.link import canonical

    assert canonical(Party("Thủ đô Viêng Chăn", None, "Lào")) == canonical(Party("Vientiane", None, "Lào"))
    assert canonical(Party("TP. Hồ Chí Minh")) == canonical(Party("Thành phố Hồ Chí Minh")) == canonical(Party("TPHCM"))
    assert canonical(Party("Đam-Rông")) == canonical(Party("Đam Rông"))
    assert canonical(Party("Thanh Hoá")) == canonical(Party("tỉnh Thanh Hóa"))


def test_linking_takes_the_write_lock_before_it_reads(store):
    """Another process's write waits (instead of this transaction failing with SQLITE_BUSY
    half-way, MEASURED.md): `lock` holds the lock from the transaction's first statement."""
    import sqlite3

    from reviewer.core.store.agreements import AgreementTables

    with store.db.atomic():
        AgreementTables(store).lock()
        other = sqlite3.connect(store.path, timeout=0.05)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        other.close()


def test_a_report_kept_apart_is_not_merged_by_link_either(store, tmp_path):
    load(store, tmp_path, ONE_SIGNING[:2])
    linker = Linker(store)
    first, second = (store.resolve(stem + ".txt") for stem in ONE_SIGNING[:2])
    gid = linker.new_for(first, 0, reviewer=None)
    linker.separate(second, 0, gid, reviewer="Lan")
    [group] = linker.plan()
    assert group.id is None and [r.article_id for r, _ in group.new] == [second]
