"""The KoreaMed source: SearchBasic and article-view pages, copied and saved."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fixture_helpers import check_case, check_shuffled_lines, fixture_inputs
from msc_citations.document import Document
from msc_citations.sources.koreamed import KoreaMedSource

CASES = fixture_inputs("koreamed")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fixture_matches_expected(case: Path) -> None:
    assert check_case(case) == []


def test_values_are_kept_as_written() -> None:
    case = next(c for c in CASES if c.name.startswith("jos_2016_bang_article_view"))
    record = KoreaMedSource().parse(Document.from_path(case)).records[0]
    assert [p.literal for p in record.authors] == ["Bang OY", "Kim EH", "Cha JM", "Moon GJ"]
    assert record.language == "English"
    assert record.pages == "256-266"


def test_numbered_author_line_links_affiliations() -> None:
    page = (
        "J Korean Med Sci.  2002 Apr;17(2):151-160. 10.3346/jkms.2002.17.2.151.\n"
        "Three-Dimensional Approach to Stem Cell Therapy\n"
        "Il-Hoan Oh1, Kyung-Rim Kwon2\n"
        "Affiliations\n"
        "  • 1Cell & Gene Therapy Institute, The Catholic University of Korea, Seoul, Korea. iho@cmc.cuk.ac.kr\n"
        "  • 2Stem Cell Transplantation Center, The Catholic University of Korea, Seoul, Korea\n"
        "Abstract\nText.\n"
    )
    record = KoreaMedSource().parse(Document.from_text(page)).records[0]
    assert [p.literal for p in record.authors] == ["Il-Hoan Oh", "Kyung-Rim Kwon"]
    assert record.authors[0].affiliations == [
        "Cell & Gene Therapy Institute, The Catholic University of Korea, Seoul, Korea"
    ]
    assert record.authors[0].email == "iho@cmc.cuk.ac.kr"
    assert record.authors[1].affiliations == [
        "Stem Cell Transplantation Center, The Catholic University of Korea, Seoul, Korea"
    ]
    assert "affiliations" not in record.extra


def test_month_span_is_kept_as_written() -> None:
    page = "Infect Chemother. 2009 Jan-Feb;41(1):54-57. Korean.\nA title\nAbstract\nText.\n"
    record = KoreaMedSource().parse(Document.from_text(page)).records[0]
    assert (record.year, record.month) == (2009, None)
    assert record.extra["date_as_written"] == "2009 Jan-Feb"
    assert record.language == "Korean"


def test_pubmed_page_is_not_claimed_strongly() -> None:
    doc = Document.from_text("Ann Neurol. 2005 Jun;57(6):874-82.\ndoi: 10.1002/ana.20501.\nPMID: 15937941\n")
    assert KoreaMedSource().detect(doc) < 0.3


def test_page_without_citation_line_gives_an_error_issue() -> None:
    result = KoreaMedSource().parse(Document.from_text("Just some text\nwith lines"))
    assert result.records == []
    assert result.issues[0].severity == "error"


_PIECES = [
    "J Stroke.  2016 Sep;18(3):256-266. 10.5853/jos.2016.01263.",
    "Title",
    "Bang OY , Kim EH .",
    "Affiliations",
    "  • 1Dept, Seoul. ohyoung.bang@samsung.com",
    "Abstract",
    "Keyword",
    "MeSH Terms",
    "Stroke*",
    "Copyright © 2022",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=60)), max_size=30))
def test_parse_never_raises_on_shuffled_labels_and_noise(lines: list[str]) -> None:
    check_shuffled_lines(KoreaMedSource(), lines)


def test_pubmed_ids_are_read_and_not_taken_for_authors() -> None:
    page = (
        "J Stroke.  2016 Sep;18(3):256-266. 10.5853/jos.2016.01263.\n"
        "Adult Stem Cell Therapy for Stroke: Challenges and Progress\n"
        "PMID: 27733032  PMCID: PMC5066440\n"
        "Abstract\nText.\n"
    )
    record = KoreaMedSource().parse(Document.from_text(page)).records[0]
    assert (record.pmid, record.pmcid) == ("27733032", "PMC5066440")
    assert record.authors == []


def test_copy_without_the_title_heading_does_not_take_authors_for_the_title() -> None:
    page = (
        "J Stroke. 2016 Sep;18(3):256-266. English. Randomized Controlled Trial. https://doi.org/10.5853/jos.2016.01263\n"
        "Bang OY , Kim EH , Cha JM , Moon GJ .\n"
        "Department of Neurology, Samsung Medical Center, Seoul, Korea. ohyoung.bang@samsung.com\n"
        "Abstract\nText.\n"
    )
    result = KoreaMedSource().parse(Document.from_text(page))
    record = result.records[0]
    assert record.title is None
    assert [p.literal for p in record.authors] == ["Bang OY", "Kim EH", "Cha JM", "Moon GJ"]
    assert record.authors[0].email == "ohyoung.bang@samsung.com"
    assert any(i.field == "title" for i in result.issues)


def test_short_title_ending_in_an_acronym_stays_the_title() -> None:
    page = "J Stroke. 2016 Sep;18(3):256-266.\nStem Cell Therapy In ALS\nKim EH , Cha JM .\nAbstract\nText.\n"
    record = KoreaMedSource().parse(Document.from_text(page)).records[0]
    assert record.title == "Stem Cell Therapy In ALS"
    assert [p.literal for p in record.authors] == ["Kim EH", "Cha JM"]
