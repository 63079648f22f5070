"""Record ids: stable, unique within a batch, and given without changing the caller's records."""

from __future__ import annotations

from msc_citations.api import parse_text
from msc_citations.model import Person, Record
from msc_citations.record_ids import assign_ids


def _records() -> list[Record]:
    person = Person(family="Bang", given="Oh Young")
    title = "Autologous mesenchymal stem cell transplantation in stroke"
    return [Record(title=title, year=2005, authors=[person]) for _ in range(3)] + [Record(id="kept", title=title)]


def test_clashing_ids_get_suffixes_in_input_order_and_given_ids_stay() -> None:
    ids = [r.id for r in assign_ids(_records())]
    assert ids == ["bang2005autologous", "bang2005autologousb", "bang2005autologousc", "kept"]


def test_records_given_are_not_changed_unless_asked() -> None:
    records = _records()
    copied = assign_ids(records)
    assert [r.id for r in records[:3]] == [None, None, None]
    assert all(a is not b for a, b in zip(copied[:3], records[:3], strict=True))
    in_place = assign_ids(records, copy=False)
    assert all(a is b for a, b in zip(in_place, records, strict=True))
    assert [r.id for r in records] == [r.id for r in copied]


def test_parsed_records_carry_id_and_confidence() -> None:
    text = "PMID- 15929052\nTI  - Autologous transplantation of mesenchymal stem cells in stroke.\nAU  - Bang OY\nDP  - 2005 Jun\n"
    record = parse_text(text).records[0]
    assert record.id == "bang2005autologous"
    assert record.source is not None and record.source.confidence is not None
