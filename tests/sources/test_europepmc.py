"""The Europe PMC source: abstract pages copied as text (author information expanded or not)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fixture_helpers import FIXTURES, check_case, check_shuffled_lines, fixture_inputs
from msc_citations.document import Document
from msc_citations.sources.europepmc import EuropePmcSource

CASES = fixture_inputs("europepmc")
BANG = FIXTURES / "europepmc" / "bang2016_stem_cell_review.txt"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fixture_matches_expected(case: Path) -> None:
    assert check_case(case) == []


def test_values_are_kept_as_written_before_normalization() -> None:
    result = EuropePmcSource().parse(Document.from_path(BANG))
    assert result.issues == []
    record = result.records[0]
    assert record.title == "Adult Stem Cell Therapy for Stroke: Challenges and Progress."
    assert [p.literal for p in record.authors] == ["Bang OY", "Kim EH", "Cha JM", "Moon GJ"]
    assert record.pages == "256-266"
    assert record.doi == "10.5853/jos.2016.01263"


def test_same_page_saved_as_html_gives_the_same_record() -> None:
    body = "".join(f"<div>{line}</div>" for line in BANG.read_text(encoding="utf-8").splitlines())
    doc = Document.from_text(f"<html><head><title>Europe PMC</title></head><body>{body}</body></html>")
    assert doc.kind == "html"
    assert EuropePmcSource().detect(doc) > 0.6
    from_html = EuropePmcSource().parse(doc).records[0]
    from_text = EuropePmcSource().parse(Document.from_path(BANG)).records[0]
    for field in ("title", "authors", "journal", "year", "volume", "issue", "pages", "pmid", "abstract"):
        assert getattr(from_html, field) == getattr(from_text, field), field


def test_page_without_citation_line_is_reported() -> None:
    page = "Europe PMC\nCitations & impact\nA title.\nDoe J\nAuthor information\nAbstract\nText."
    result = EuropePmcSource().parse(Document.from_text(page))
    assert result.records[0].title == "A title."
    assert result.records[0].abstract == "Text."
    assert any(issue.field == "journal" for issue in result.issues)


def test_pubmed_page_is_not_claimed() -> None:
    page = "Ann Neurol. 2005 Jun;57(6):874-82.\nPMID: 15937941\nAbstract\nText.\nSimilar articles\n"
    assert EuropePmcSource().detect(Document.from_text(page)) == 0.0


_PIECES = [
    "Europe PMC",
    "Citations & impact",
    "Author information",
    "Affiliations",
    "1. Dept, Seoul.",
    "Bang OY 1, 2, Kim EH",
    "Journal of Stroke, 30 Sep 2016, 18(3):256-266",
    "https://doi.org/10.5853/x PMID: 1 PMCID: PMC2",
    "Review Free full text in Europe PMC",
    "Abstract",
    "Similar Articles",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=60)), max_size=30))
def test_parse_never_raises_on_shuffled_labels_and_noise(lines: list[str]) -> None:
    check_shuffled_lines(EuropePmcSource(), lines)


def test_a_page_that_only_links_to_europe_pmc_is_not_claimed() -> None:
    page = "A title.\nDoe J\nAuthor information\nJ Test. 2020;1(1):1-2.\nFull text links\nEurope PMC\nAbstract\nText.\n"
    assert EuropePmcSource().detect(Document.from_text(page)) == 0.0
