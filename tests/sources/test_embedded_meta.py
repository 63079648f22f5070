"""The generic embedded-metadata source on hand-made pages, one metadata family each."""

from __future__ import annotations

from pathlib import Path

import pytest

from fixture_helpers import check_case, fixture_inputs
from msc_citations import parse_text
from msc_citations.document import Document
from msc_citations.sources.embedded_meta import MAX_SCORE, EmbeddedMetadataSource

CASES = fixture_inputs("embedded_meta")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fixture_matches_expected(case: Path) -> None:
    assert check_case(case) == []


def test_score_is_capped_below_site_sources() -> None:
    for case in CASES:
        score = EmbeddedMetadataSource().detect(Document.from_path(case))
        assert 0.3 < score <= MAX_SCORE


def test_page_without_metadata_is_not_claimed() -> None:
    doc = Document.from_text("<html><body><p>Just a blog post.</p></body></html>")
    assert EmbeddedMetadataSource().detect(doc) == 0.0


def test_page_with_only_og_title_yields_a_record_with_that_title() -> None:
    page = (
        '<html><head><meta property="og:title" content="Stem cells in spinal cord injury">'
        '<meta name="DC.title" content="Stem cells in spinal cord injury">'
        '<meta property="og:url" content="https://example.org/a/1"></head><body></body></html>'
    )
    record = parse_text(page).records[0]
    assert record.title == "Stem cells in spinal cord injury"
    assert record.url == "https://example.org/a/1"
    assert record.source is not None and record.source.parser == "embedded_meta"


def test_metadata_without_title_or_doi_gives_no_record_and_an_error_issue() -> None:
    page = '<html><head><meta name="citation_journal_title" content="Stroke"></head><body></body></html>'
    result = EmbeddedMetadataSource().parse(Document.from_text(page))
    assert result.records == []
    assert any(i.severity == "error" for i in result.issues)
