"""Scopus CSV exports: one record per row under Scopus's own header."""

from __future__ import annotations

from pathlib import Path

import pytest

from fixture_helpers import FIXTURES, check_case, fixture_inputs
from msc_citations import parse_file
from msc_citations.document import Document
from msc_citations.sources.scopus_csv import ScopusCsvSource

CASES = fixture_inputs("scopus_csv")
SOURCE = ScopusCsvSource()
HEADER = (
    '"Authors","Author full names","Title","Year","Source title","Document Type","Authors with affiliations","EID"\n'
)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fixture_matches_expected(case: Path) -> None:
    assert check_case(case) == []


def test_full_names_and_affiliations_of_newer_exports() -> None:
    row = (
        '"Bang O.Y.; Kim E.H.","Bang, Oh Young (7004234001); Kim, Eun Hee (57190000002)",'
        '"Adult Stem Cell Therapy for Stroke: Challenges and Progress","2016","Journal of Stroke","Review",'
        '"Bang O.Y., Department of Neurology, Samsung Medical Center, Seoul, South Korea; '
        'Kim E.H., Samsung Medical Center, Seoul, South Korea","2-s2.0-84992314569"\n'
    )
    result = SOURCE.parse(Document.from_text(HEADER + row, path="scopus.csv"))
    (record,) = result.records
    assert record.type == "review"
    assert [(p.family, p.given) for p in record.authors] == [("Bang", "Oh Young"), ("Kim", "Eun Hee")]
    assert [p.affiliations for p in record.authors] == [
        ["Department of Neurology, Samsung Medical Center, Seoul, South Korea"],
        ["Samsung Medical Center, Seoul, South Korea"],
    ]
    assert record.extra["scopus_eid"] == "2-s2.0-84992314569"


def test_older_comma_separated_authors() -> None:
    row = '"Bang, O.Y., Lee, J.S., Lee, P.H.","","A title","2005","Annals of Neurology","Article","",""\n'
    (record,) = SOURCE.parse(Document.from_text(HEADER + row, path="scopus.csv")).records
    assert [(p.family, p.given) for p in record.authors] == [("Bang", "O.Y."), ("Lee", "J.S."), ("Lee", "P.H.")]


def test_row_without_title_or_doi_is_reported() -> None:
    result = SOURCE.parse(Document.from_text(HEADER + '"Bang O.Y.","","","2005","","Article","",""\n', path="s.csv"))
    assert result.records == []
    assert [i.severity for i in result.issues] == ["warning", "error"]


def test_our_own_csv_and_other_csvs_are_left_to_other_sources() -> None:
    own = '"ID","ENTRYTYPE","author","title","year"\n"a","article","Bang, O. Y.","A title","2005"\n'
    assert SOURCE.detect(Document.from_text(own, path="library.csv")) == 0.0
    assert parse_file(FIXTURES / "scopus_csv" / "scopus_bang2005_chung2021.csv").source == "scopus_csv"
