"""The KoreaMed Synapse source: current article pages (text, saved HTML) and the older viewer."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fixture_helpers import check_case, check_shuffled_lines, fixture_inputs
from msc_citations.document import Document
from msc_citations.sources.synapse import SynapseSource

CASES = fixture_inputs("synapse")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fixture_matches_expected(case: Path) -> None:
    assert check_case(case) == []


def test_structured_abstract_with_labels_on_their_own_lines() -> None:
    page = (
        "Journal List > Korean Circ J > v.45(4) > 1158830\n"
        "Kim, Lee, and Park: Neural Induction of Mesenchymal Stem Cells\n"
        "Abstract\nBackground and Objectives\nStem cell therapy is promising.\n"
        "Methods and Results\nMSCs were neurally induced.\nConclusions\nIt helps.\nReferences\n1. A ref.\n"
    )
    record = SynapseSource().parse(Document.from_text(page)).records[0]
    assert record.title == "Neural Induction of Mesenchymal Stem Cells"
    assert record.extra["synapse_id"] == "1158830"
    labels = ["Background and Objectives", "Methods and Results", "Conclusions"]
    assert [s.label for s in record.abstract_sections] == labels
    assert record.abstract is not None and record.abstract.startswith("Background and Objectives: Stem cell")


def test_multi_author_line_with_degrees_and_numbers() -> None:
    page = (
        "J Korean Med Sci. 2010 Mar;25(3):100-105. English.\nPublished online Mar 1, 2010.\n"
        "Original Article\nA title\nHyun Jung Kim, M.D.1, Hyeong Sik Ahn, M.D., Ph.D.2\n"
        "    • 1Korea University, Seoul, Korea. hjkim@korea.ac.kr\n    • 2Korea University College of Medicine, Seoul, Korea.\n"
        "Abstract\nText.\n"
    )
    record = SynapseSource().parse(Document.from_text(page)).records[0]
    assert [p.literal for p in record.authors] == ["Hyun Jung Kim", "Hyeong Sik Ahn"]
    assert record.authors[0].email == "hjkim@korea.ac.kr"
    assert record.authors[1].affiliations == ["Korea University College of Medicine, Seoul, Korea."]
    assert record.publication_types == ["Original Article"]
    assert (record.month, record.language) == (3, "English")


def test_koreamed_and_journal_pages_are_not_claimed() -> None:
    koreamed = "J Stroke.  2016 Sep;18(3):256-266. 10.5853/jos.2016.01263.\nTitle\nAbstract\nText\n"
    assert SynapseSource().detect(Document.from_text(koreamed)) == 0.0
    journal = "Korean Journal of Cerebrovascular Surgery 2005;7(3):195-201.\nPublished online September 1, 2005.\n"
    assert SynapseSource().detect(Document.from_text(journal)) == 0.0


def test_page_without_title_gives_an_error_issue() -> None:
    result = SynapseSource().parse(Document.from_text("Journal List > X > v.1(1) > 12\n"))
    assert result.records == []
    assert result.issues[0].severity == "error"


_PIECES = [
    "Journal List > J > v.1(2) > 123",
    "Kim and Ahn: A title",
    "Infect Chemother. 2009 Jan-Feb;41(1):54-57. Korean.",
    "Published online Feb 28, 2009.",
    "other",
    "Kim, M.D.1",
    "    • 1Dept",
    "Abstract",
    "Keywords",
    "Methods",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=60)), max_size=30))
def test_parse_never_raises_on_shuffled_labels_and_noise(lines: list[str]) -> None:
    check_shuffled_lines(SynapseSource(), lines)


def test_doi_and_pubmed_ids_in_the_head_block() -> None:
    page = (
        "Journal List > J Stroke > v.18(3) > 1158830\n"
        "Bang, Kim, Cha, and Moon: Adult Stem Cell Therapy for Stroke: Challenges and Progress\n"
        "J Stroke. 2016 Sep;18(3):256-266. English.\n"
        "https://doi.org/10.5853/jos.2016.01263\n"
        "PMCID: PMC5066440  PMID: 27733032\n"
        "Abstract\nText.\nReferences\n1. Ref. PMID: 11111111\n"
    )
    record = SynapseSource().parse(Document.from_text(page)).records[0]
    assert record.title == "Adult Stem Cell Therapy for Stroke: Challenges and Progress"
    assert (record.doi, record.pmid, record.pmcid) == ("10.5853/jos.2016.01263", "27733032", "PMC5066440")
    assert (record.year, record.month, record.pages) == (2016, 9, "256-266")
    assert record.authors == []
