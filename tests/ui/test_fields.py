"""The edits the window makes, without a window: paths, spans from selections, origins."""
from __future__ import annotations

from hypothesis import given, strategies as st

from reviewer.core.records import Agreement, Commitment, Party, Period, Record, Span
from reviewer.ui import fields

TEXT = "Chiều 5.10, tại TP Chí Linh, tỉnh Hải Dương và tỉnh Bắc Giang ký biên bản giai đoạn 2020-2025; hỗ trợ 3 tỷ đồng."


def _at(words: str) -> Span:
    i = TEXT.index(words)
    return Span(i, i + len(words))


def _record() -> Record:
    return Record(published="2019-10-05", published_span=_at("5.10"), agreements=(Agreement(
        parties=(Party("Hải Dương", "tỉnh", span=_at("Hải Dương")),), place="Chí Linh", place_span=_at("Chí Linh"),
        period=Period(2020, 2025, _at("giai đoạn 2020-2025")),
        commitments=(Commitment("hỗ trợ 3 tỷ đồng", span=_at("hỗ trợ 3 tỷ đồng"), amount="3 tỷ đồng",
                                amount_span=_at("3 tỷ đồng")),)),))


def test_every_highlight_has_a_field_path_and_matches_record_spans():
    record = _record()
    located = list(fields.located_fields(record))
    assert [(k, s) for _p, k, s in located] == list(record.spans())
    assert len({p for p, _k, _s in located}) == len(located)


def test_removing_a_field_removes_its_value_and_its_span():
    record = _record()
    before = list(fields.located_fields(record))
    for path, kind, span in before:
        after = list(fields.located_fields(fields.remove_field(record, path)))
        assert (kind, span) not in [(k, s) for _p, k, s in after]
        assert len(after) < len(before)


def test_marking_text_records_code_point_spans_and_added_origin():
    sel = _at("tỉnh Bắc Giang ")  # a trailing space in the selection is dropped
    record, path = fields.from_selection(_record(), "party", TEXT, sel.start, sel.end)
    p = record.agreements[0].parties[path[2]]
    assert (p.name, p.level, p.origin) == ("Bắc Giang", "tỉnh", "added")
    assert TEXT[p.span.start:p.span.end] == "tỉnh Bắc Giang"
    record, path = fields.from_selection(record, "date", TEXT, *_at("5.10").to_list())
    assert record.agreements[0].signed_on == "2019-10-05" and path == ("signed_on", 0)
    assert record.agreements[0].origin_of("signed_on") == "added"


def test_accepting_turns_machine_fields_into_accepted_and_keeps_edits():
    record = fields.edit_party(_record(), 0, 0, name="Hải Dương")
    accepted = fields.mark_accepted(record)
    a = accepted.agreements[0]
    assert a.parties[0].origin == "edited"
    assert a.commitments[0].origin == "accepted" and a.origin_of("place") == "accepted"


@given(st.integers(0, len(TEXT)), st.integers(0, len(TEXT)))
def test_a_commitment_marked_anywhere_covers_exactly_the_trimmed_selection(a, b):
    start, end = min(a, b), max(a, b)
    try:
        record, path = fields.from_selection(Record(), "commitment", TEXT, start, end)
    except ValueError:
        assert not TEXT[start:end].strip(" \t\n\r.,;:\u00a0")
        return
    c = record.agreements[0].commitments[path[2]]
    assert start <= c.span.start < c.span.end <= end
    assert TEXT[c.span.start:c.span.end] == TEXT[start:end].strip(" \t\n\r.,;:\u00a0")
