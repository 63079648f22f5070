"""Writers that build a value recurring across a file's records once per file (the MEDLINE
and BibTeX writers) write every record as they write it alone."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from msc_citations.formats import bibtex, nbib
from msc_citations.model import RECORD_TYPES, Funding, Person, Record, RegistryId
from msc_citations.record_ids import assign_ids

# Few values, so records share them, among them values folded, collapsed or escaped.
WORDS = ["Kim", "Kim ", " Kim", "Kim  Lee", "Kim\tLee", "Lee\nKim", "Ö", "李明", "a & b", "x" * 90, "y " * 50, ""]
TEXT = st.sampled_from(WORDS)
OPT = st.none() | TEXT
PERSON = st.builds(Person, family=OPT, given=OPT, literal=OPT, affiliations=st.lists(TEXT, max_size=2))
REGISTRY = st.builds(
    RegistryId, registry=st.sampled_from(["ClinicalTrials.gov", "ChiCTR", "X/Y"]), id=st.sampled_from(["NCT01", "a/b"])
)
FUNDING = st.builds(Funding, funder=OPT, award_ids=st.lists(st.sampled_from(["R01", "1/2", "K"]), max_size=2))


@st.composite
def record(draw: st.DrawFn) -> Record:
    """A record whose recurring fields take their values from :data:`WORDS`."""
    year = draw(st.sampled_from([None, 2020, 2021]))
    month = draw(st.sampled_from([None, 1, 12])) if year else None
    return Record(
        id=draw(st.none() | st.from_regex(r"[a-z]{1,3}[0-9]{0,3}", fullmatch=True)),
        type=draw(st.sampled_from(RECORD_TYPES)),
        title=draw(OPT),
        authors=draw(st.lists(PERSON, max_size=3)),
        journal=draw(OPT),
        journal_abbrev=draw(OPT),
        publisher=draw(OPT),
        issn=draw(st.lists(TEXT, max_size=2)),
        url=draw(OPT),
        year=year,
        month=month,
        day=draw(st.sampled_from([None, 1])) if month else None,
        volume=draw(OPT),
        issue=draw(OPT),
        language=draw(OPT),
        country=draw(OPT),
        publication_types=draw(st.lists(TEXT, max_size=2)),
        mesh_terms=draw(st.lists(TEXT, max_size=2)),
        keywords=draw(st.lists(TEXT, max_size=2)),
        registry_ids=draw(st.lists(REGISTRY, max_size=2)),
        funding=draw(st.lists(FUNDING, max_size=2)),
    )


RECORDS = st.lists(record(), min_size=2, max_size=8)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records=RECORDS)
def test_nbib_writes_each_record_as_alone(records: list[Record]) -> None:
    assert nbib.write(records) == "".join(nbib.write([rec]) for rec in records)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records=RECORDS)
def test_bibtex_writes_each_record_as_alone(records: list[Record]) -> None:
    records = assign_ids(records)
    assert bibtex.write(records) == "\n".join(bibtex.write([rec]) for rec in records)


@settings(max_examples=500, deadline=None)
@given(
    head=st.sampled_from(["TI  - ", "AB  - ", "PMID- ", "GN  - "]),
    value=st.text(st.sampled_from("ab Ö李\t\n\r\x0b\xa0"), max_size=200) | st.sampled_from(WORDS),
)
def test_nbib_field_folds_as_a_whole_line(head: str, value: str) -> None:
    assert nbib._field(head, value) == nbib._folded(head + value)
