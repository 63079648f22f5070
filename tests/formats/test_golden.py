"""Golden round trip: the records of the seeds and of every source fixture come back from
each format we read and write, on every field that format carries."""

from __future__ import annotations

from typing import Any

import pytest

from formats.fixture_records import fixture_records
from msc_citations.formats import dumps, loads
from msc_citations.formats.common import export_person
from msc_citations.model import Record

NOT_CARRIED = {"related", "extra", "source", "study_id", "links", "merged_from", "authors_complete"}
"""Fields no tagged format carries: nested pages, provenance, dedup state."""
NOT_CARRIED_BY: dict[str, set[str]] = {
    "ris": {"abstract_sections"},
    "bibtex": {"abstract_sections"},
    "csl-json": {"abstract_sections"},
    "refer": {"abstract_sections"},
    "nbib": {"abstract_sections"},
}


def _squash(value: Any) -> Any:
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, list):
        return [_squash(v) for v in value]
    if isinstance(value, dict):
        return {k: _squash(v) for k, v in value.items()}
    return value


def carried(rec: Record, fmt: str) -> dict[str, Any]:
    """The part of ``rec`` that ``fmt`` carries, as it carries it."""
    if fmt == "nbib":
        people = [p if p.family and p.given else export_person(p) for p in rec.authors]
    else:
        people = [export_person(p, family_only=fmt == "csl-json") for p in rec.authors]
    keep = {"family", "given", "literal"} | ({"affiliations"} if fmt == "nbib" else set())
    data = rec.model_dump(mode="json", exclude=NOT_CARRIED | NOT_CARRIED_BY[fmt] | {"authors"})
    data["authors"] = [p.model_dump(include=keep) for p in people]
    return _squash(data)


@pytest.mark.parametrize("fmt", ["ris", "bibtex", "csl-json", "refer", "nbib"])
def test_fixture_records_round_trip(fmt: str) -> None:
    records = list(fixture_records())
    assert records, "no fixture gave a record"
    back = loads(dumps(records, format=fmt), fmt)
    assert [r.id for r in back] == [r.id for r in records] or fmt == "nbib"
    assert len(back) == len(records)
    problems = []
    for original, read in zip(records, back, strict=True):
        want, got = carried(original, fmt), carried(read, fmt)
        diff = {k: (want[k], got.get(k)) for k in want if want[k] != got.get(k)}
        if diff:
            problems.append(f"{original.id}: {diff}")
    assert not problems, "\n".join(p[:600] for p in problems[:8])
