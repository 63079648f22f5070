"""read(write(records)) gives back the same records, for every format we read and write."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from formats.record_strategies import record
from msc_citations.formats import dumps, loads
from msc_citations.formats.common import export_person
from msc_citations.formats.nbib import WRITER_EXTRA_KEYS
from msc_citations.model import Record

ROUND_TRIP_FORMATS = ["ris", "bibtex", "csl-json", "refer", "jsonl"]


def _as_exported(rec: Record, fmt: str) -> Record:
    """Names in Han, Hangul or kana are written whole; they read back as one name."""
    if fmt in ("ris", "bibtex", "refer", "csl-json"):
        people = [export_person(p, family_only=fmt == "csl-json") for p in rec.authors]
        return rec.model_copy(update={"authors": people})
    return rec


def _diff(a: Record, b: Record) -> dict[str, tuple[object, object]]:
    da, db = a.model_dump(), b.model_dump()
    return {k: (da[k], db[k]) for k in da if da[k] != db[k]}


@pytest.mark.parametrize("fmt", ROUND_TRIP_FORMATS)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records=st.lists(record(), min_size=1, max_size=3, unique_by=lambda r: r.id))
def test_generated_records_round_trip(fmt: str, records: list[Record]) -> None:
    back = loads(dumps(records, format=fmt), fmt)
    assert len(back) == len(records)
    for original, read in zip(records, back, strict=True):
        assert _diff(_as_exported(original, fmt), read) == {}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    records=st.lists(
        record().filter(lambda r: bool(r.title or r.pmid or r.abstract or any(p.family for p in r.authors))),
        min_size=1,
        max_size=3,
        unique_by=lambda r: r.id,
    )
)
def test_generated_records_round_trip_nbib(records: list[Record]) -> None:
    """MEDLINE keeps the source line, keyword owner and date as written in ``extra``; a
    MEDLINE record is one with a PMID, title, personal author or abstract."""
    back = loads(dumps(records, format="nbib"), "nbib")
    assert len(back) == len(records)
    for original, read in zip(records, back, strict=True):
        assert set(read.extra) <= set(WRITER_EXTRA_KEYS)
        assert _diff(original, read.model_copy(update={"extra": {}})) == {}
