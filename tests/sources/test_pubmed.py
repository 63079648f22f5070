"""The PubMed source in its four shapes: copied page, saved page, MEDLINE/.nbib, efetch XML."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fixture_helpers import FIXTURES, check_case, fixture_inputs
from msc_citations import Record, parse_file
from msc_citations.document import Document
from msc_citations.errors import MscCitationsError
from msc_citations.sources import DETECTION_THRESHOLD, get_source
from msc_citations.sources.pubmed import _MARKERS_IN_PAGE_ORDER, ID_MARKERS, PAGE_MARKERS, PubMedSource, page_score
from msc_citations.sources.pubmed_labels import BANNER_LINES, BANNER_PREFIXES, FORMAT_MENU, KEYWORDS, MENU_FOLLOWERS
from msc_citations.sources.pubmed_medline import MEDLINE_TAGS, parse_medline
from msc_citations.sources.pubmed_text import (
    _OTHER_WHITE_SPACE,
    _clean,
    _squashed_lines,
    read_page_text,
    split_blocks,
)

CASES = fixture_inputs("pubmed")
FOLDER = FIXTURES / "pubmed"
SEED = FIXTURES / "seeds" / "002_f8f8bcaaa6009524.txt"
SHAPES = ("{}.nbib", "{}_efetch.xml", "{}_copy.txt", "{}_saved_page.html")
SAME_ARTICLE: dict[str, tuple[str, ...]] = {
    "bang2005_stroke_msc": (
        "bang2005_stroke_msc.nbib",
        "bang2005_stroke_msc_efetch.xml",
        "bang2005_stroke_msc_full_copy.txt",
        "bang2005_stroke_msc_saved_page.html",
    ),
    "wakefield1998_retracted": tuple(s.format("wakefield1998_retracted") for s in SHAPES),
    "oh2023_ahead_of_print": (
        "oh2023_ahead_of_print_crlf.nbib",
        "oh2023_ahead_of_print_efetch.xml",
        "oh2023_ahead_of_print_copy.txt",
        "oh2023_ahead_of_print_saved_page.html",
    ),
}
COMPARED = (
    "title",
    "journal_abbrev",
    "year",
    "month",
    "day",
    "volume",
    "issue",
    "pages",
    "page_first",
    "page_last",
    "pmid",
)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fixture_matches_expected(case: Path) -> None:
    assert check_case(case) == []


def _raw(path: Path) -> list[Record]:
    return PubMedSource().parse(Document.from_path(path)).records


def _key(record: Record) -> dict[str, object]:
    out: dict[str, object] = {name: getattr(record, name) for name in COMPARED}
    out["doi"] = (record.doi or "").casefold()
    out["authors"] = [(p.family, p.given) for p in record.authors]
    return out


@pytest.mark.parametrize("article", sorted(SAME_ARTICLE))
def test_same_article_gives_the_same_record_in_all_four_shapes(article: str) -> None:
    files = SAME_ARTICLE[article]
    kinds = [Document.from_path(FOLDER / name).kind for name in files]
    assert sorted(kinds) == ["html", "tagged", "text", "xml"]
    records = [parse_file(FOLDER / name).records[0] for name in files]
    first = _key(records[0])
    assert first["title"] and first["authors"] and first["pmid"]
    for name, record in zip(files[1:], records[1:], strict=True):
        assert _key(record) == first, name
    stated = [_raw(FOLDER / name)[0].journal for name in files]
    assert len({j.casefold() for j in stated if j}) <= 1


def test_seed_002_values_as_written() -> None:
    record = _raw(SEED)[0]
    assert record.title == "Autologous mesenchymal stem cell transplantation in stroke patients"
    assert record.journal_abbrev == "Ann Neurol"
    assert (record.volume, record.issue, record.pages) == ("57", "6", "874-82")
    assert record.doi == "10.1002/ana.20501"
    assert [p.literal for p in record.authors] == ["Oh Young Bang"]
    assert record.authors_complete is False
    assert record.publication_types == ["Clinical Trial"]
    assert record.abstract is not None and record.abstract.count("Mesenchymal stem cell (MSC)") == 1
    assert "PubMed Disclaimer" not in record.model_dump_json()


def test_seed_002_detected_as_pubmed() -> None:
    assert PubMedSource().detect(Document.from_path(SEED)) > 0.6


def test_efetch_bytes_through_the_registry() -> None:
    data = (FOLDER / "claassens2019_stanley2019_efetch.xml").read_bytes()
    result = get_source("pubmed").parse(Document.from_bytes(data))
    assert [r.pmid for r in result.records] == ["31479209", "31474367"]
    assert result.records[0].registry_ids[0].id == "NCT01761786"
    assert result.records[0].authors[0].orcid == "0000-0001-6338-2569"


def test_parse_medline_is_public_and_keeps_values_as_written() -> None:
    text = (FOLDER / "wakefield1998_retracted.nbib").read_text(encoding="utf-8")
    (record,) = parse_medline(text)
    assert record.pages == "637-41"
    assert record.authors[0].family == "Wakefield" and record.authors[0].given == "A J"
    assert record.extra["retraction_in"] == ["Retraction in: Lancet. 2010 Feb 6;375(9713):445. PMID: 20137807"]
    assert record.extra["medline"]["JID"] == ["2985213R"]
    assert record.source is None


def test_medline_tags_table_covers_what_a_writer_needs() -> None:
    for tag in ("PMID", "TI", "AB", "FAU", "AU", "AD", "LID", "AID", "PT", "MH", "OT", "GR", "SI", "DP", "TA", "JT"):
        assert tag in MEDLINE_TAGS
    assert MEDLINE_TAGS["RIN"].field == "extra.retraction_in"
    assert MEDLINE_TAGS["FAU"].repeatable


def test_medline_si_grants_notices_and_many_records() -> None:
    text = (
        "PMID- 1\r\nTI  - First\r\n      title.\r\nSI  - ClinicalTrials.gov/NCT01234567\r\nSI  - GENBANK/AF078607\r\n"
        "GR  - R01 NS012345/NS/NINDS NIH HHS/United States\r\nCIN - Ann Neurol. 2006;59(2):413. PMID: 16437581\r\n"
        "EIN - Ann Neurol. 2005 Aug;58(2):331.\r\nPMC - PMC1234567\r\nAUID- ORCID: 0000-0002-1825-0097\r\n\r\n"
        "PMID- 2\r\nTI  - Second.\r\nCN  - PASSIoN Investigators\r\n"
    )
    first, second = parse_medline(text)
    assert first.title == "First title."
    assert [(r.registry, r.id) for r in first.registry_ids] == [("ClinicalTrials.gov", "NCT01234567")]
    assert first.extra["databanks"] == ["GENBANK/AF078607"]
    assert first.funding[0].funder == "NINDS NIH HHS" and first.funding[0].award_ids == ["R01 NS012345"]
    assert first.extra["comments_in"] and first.extra["errata"]
    assert first.pmcid == "PMC1234567"
    assert second.authors[0].literal == "PASSIoN Investigators"


def test_retraction_notice_alone_marks_the_record_retracted() -> None:
    page = (
        "Lancet. 1998 Feb 28;351(9103):637-41.\nIleal-lymphoid-nodular hyperplasia in children\nPMID: 9500320\n"
        "PubMed Disclaimer\nRetraction in\nLancet. 2010 Feb 6;375(9713):445. PMID: 20137807\n"
    )
    record = PubMedSource().parse(Document.from_text(page)).records[0]
    assert "Retracted Publication" in record.publication_types
    assert record.extra["retraction_in"] == ["Lancet. 2010 Feb 6;375(9713):445. PMID: 20137807"]


def test_structured_abstract_with_labels_on_their_own_lines_and_page_lists() -> None:
    page = (
        "Stroke\n. 2021 Mar;52(3):1-9.\ndoi: 10.1161/STROKEAHA.120.000001. Epub 2021 Jan 13.\nA trial of cells in stroke\n"
        "Jong-Won Chung 1 2 , Oh Young Bang 1\nAffiliations\n1 Samsung Medical Center, Seoul, Korea.\n"
        "2 Sungkyunkwan University, Seoul, Korea.\nPMID: 33000001 PMCID: PMC7000001\nAbstract\n"
        "Background:\nCells may help.\nMethods:\nWe randomised 60 patients.\nTrial registration:\n"
        "ClinicalTrials.gov NCT01716481.\nCopyright © 2021 American Heart Association.\n"
        "Keywords: mesenchymal stem cells; stroke.\nPubMed Disclaimer\nComment in\n"
        "Cells for stroke? Savitz SI. Stroke. 2021;52(3):10-11. PMID: 33000002\nSimilar articles\n"
        "Some other paper. Other A, et al. J Other. 2020. PMID: 99999999\nPublication types\n"
        "Randomized Controlled Trial\nMeSH terms\nHumans\nStroke / therapy*\nGrants and funding\n"
        "HI14C1624/Korea Health Industry Development Institute/Korea\nAssociated data\n"
        "ClinicalTrials.gov/NCT01716481\nLinkOut - more resources\nFull Text Sources\n"
    )
    record = PubMedSource().parse(Document.from_text(page)).records[0]
    assert record.journal_abbrev == "Stroke" and record.pmcid == "PMC7000001"
    assert record.extra["epub_date"] == "2021 Jan 13"
    assert [(s.label, s.text) for s in record.abstract_sections] == [
        ("Background", "Cells may help."),
        ("Methods", "We randomised 60 patients."),
        ("Trial registration", "ClinicalTrials.gov NCT01716481."),
    ]
    assert record.authors[0].affiliations == [
        "Samsung Medical Center, Seoul, Korea.",
        "Sungkyunkwan University, Seoul, Korea.",
    ]
    assert record.keywords == ["mesenchymal stem cells", "stroke"]
    assert record.mesh_terms == ["Humans", "Stroke/therapy"] and record.extra["mesh_major"] == ["Stroke/therapy"]
    assert record.publication_types == ["Randomized Controlled Trial"]
    assert [(r.registry, r.id) for r in record.registry_ids] == [("ClinicalTrials.gov", "NCT01716481")]
    assert record.extra["copyright"].startswith("Copyright")
    assert record.extra["comments_in"] == ["Cells for stroke? Savitz SI. Stroke. 2021;52(3):10-11. PMID: 33000002"]
    assert "99999999" not in record.model_dump_json()


def test_other_inputs_are_not_claimed() -> None:
    source = PubMedSource()
    for text in (
        "TY  - JOUR\nTI  - A title\nER  - \n",
        "Just some notes about stem cells in 2005; nothing else.",
        "<root><item>1</item></root>",
    ):
        assert source.detect(Document.from_text(text)) <= DETECTION_THRESHOLD


def test_unreadable_inputs_give_issues_not_exceptions() -> None:
    source = PubMedSource()
    empty_set = source.parse(Document.from_text("<PubmedArticleSet></PubmedArticleSet>"))
    assert empty_set.records == [] and empty_set.issues
    nothing = source.parse(Document.from_text("hello\nworld"))
    assert nothing.records == [] and nothing.issues[0].severity == "error"


def _parse_quietly(doc_text: str) -> None:
    try:
        doc = Document.from_text(doc_text)
    except MscCitationsError:
        return
    source = PubMedSource()
    source.detect(doc)
    if doc.kind in source.input_kinds:
        source.parse(doc)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_arbitrary_text_never_raises(text: str) -> None:
    _parse_quietly(text)


FIXTURE_TEXTS = [p.read_text(encoding="utf-8") for p in CASES]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(FIXTURE_TEXTS),
    st.integers(min_value=0, max_value=20_000),
    st.integers(min_value=0, max_value=2_000),
    st.text(max_size=40),
)
def test_mutated_fixtures_never_raise(text: str, start: int, length: int, insert: str) -> None:
    cut = min(start, len(text))
    _parse_quietly(text[:cut] + insert + text[cut + length :])


def test_display_options_menu_is_not_the_abstract_heading() -> None:
    seed = SEED.read_text(encoding="utf-8")
    body = seed.split("Main Content Main Navigation\n", 1)[1]
    page = "Search\nSave\nEmail\nSend to\nDisplay options\nDisplay options\nFormat\nAbstract\nPubMed\nPMID\n" + body
    record = PubMedSource().parse(Document.from_text(page)).records[0]
    assert record.title == "Autologous mesenchymal stem cell transplantation in stroke patients"
    assert record.abstract is not None and record.abstract.startswith("Mesenchymal stem cell (MSC)")
    assert record.journal_abbrev == "Ann Neurol"


def test_reference_numbers_glued_to_names_and_affiliations() -> None:
    page = (
        "Ann Neurol. 2005 Jun;57(6):874-82.\nAutologous mesenchymal stem cell transplantation in stroke patients\n"
        "Oh Young Bang1,2, Jin Soo Lee3\nAffiliations\n1Department of Neurology, Ajou University School of Medicine\n"
        "2Neuroscience Graduate Program, Ajou University\n3Department of Physiology, Ajou University\n"
        "PMID: 15929052\nSubstances\nIntercellular Signaling Peptides and Proteins\n"
    )
    record = PubMedSource().parse(Document.from_text(page)).records[0]
    assert [(p.literal, len(p.affiliations)) for p in record.authors] == [("Oh Young Bang", 2), ("Jin Soo Lee", 1)]
    assert record.authors[1].affiliations == ["Department of Physiology, Ajou University"]
    assert record.extra["substances"] == ["Intercellular Signaling Peptides and Proteins"]


def test_summary_line_with_one_or_two_authors() -> None:
    two = "A title of two authors\nOh Young Bang and Jin Soo Lee. Ann Neurol. 2005 Jun.\nAbstract\nText.\nPubMed Disclaimer\n"
    record = PubMedSource().parse(Document.from_text(two)).records[0]
    assert [p.literal for p in record.authors] == ["Oh Young Bang", "Jin Soo Lee"]
    assert record.authors_complete is None and record.journal_abbrev == "Ann Neurol"


_DETECT_PIECES = [
    *PAGE_MARKERS,
    *ID_MARKERS,
    "PMID: 15929052",
    "Ann Neurol. 2005 Jun;57(6):874-82.",
    "Oh Young Bang et al. Ann Neurol. 2005 Jun.",
    "Stem Cells Transl Med. 2019;8(1):12-20.",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_DETECT_PIECES), st.text(max_size=30)), max_size=25))
def test_page_score_early_exit_matches_the_full_scan(lines: list[str]) -> None:
    assert page_score(lines) == page_score(lines, early_exit=False)


_NEAR_CITATIONS = [
    "Ann Neurol. 2005 Jun;57(6):874-82.",
    "Ann Neurol. 2005 Jun 3:874-82.",
    "Ann Neurol. 2005 Jun;",
    "Stem Cells. 2019:",
    "Lancet. 1887 Jan;1(1):1-2.",
    "Ann Neurol. 1999 Jun-Jul 3-4.",
    ". 2023 Jan 5. doi: 10.1002/ana.20501. Online ahead of print.",
    "Oh Young Bang et al. Ann Neurol. 2005 Jun.",
    "Oh Young Bang and Jin Soo Lee. Ann Neurol. 2005 Jun 3",
    "Bang OY. Ann Neurol. 1899",
    "Bang OY. Ann Neurol.\t2005.",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(_NEAR_CITATIONS),
            st.builds(
                lambda a, b, c: a + b + c,
                st.text(alphabet="Ab. ", max_size=12),
                st.sampled_from(_NEAR_CITATIONS),
                st.text(alphabet="0189 .;:-\nJun", max_size=6),
            ),
            st.text(alphabet="0189 .;:-\t\nAJunabet", max_size=30),
        ),
        max_size=70,
    )
)
def test_page_score_pre_tests_match_the_line_scans(lines: list[str]) -> None:
    # Citation and summary lines and near misses (cut, extended, joined, past the head's
    # 60 lines) without the page labels, so that the line scans decide the score.
    assert page_score(lines) == page_score(lines, early_exit=False)


def test_markers_in_page_order_are_the_page_and_id_markers() -> None:
    assert sorted(_MARKERS_IN_PAGE_ORDER) == sorted(
        [(m, False) for m in PAGE_MARKERS] + [(m, True) for m in ID_MARKERS]
    )


def _clean_reference(lines: list[str]) -> list[tuple[str, str]]:
    """The line clean-up written plainly: each line squashed and lowered on its own."""
    kept = [(line, line.lower()) for line in (" ".join(raw.split()) for raw in lines) if line]
    kept = [(line, low) for line, low in kept if low not in BANNER_LINES and not low.startswith(BANNER_PREFIXES)]
    return [
        pair
        for i, pair in enumerate(kept)
        if pair[1] not in FORMAT_MENU
        or not (i + 1 < len(kept) and (kept[i + 1][1] in FORMAT_MENU or kept[i + 1][1] in MENU_FOLLOWERS))
    ]


_LINE_PIECES = st.sampled_from(
    ["Abstract", "Format", "PubMed", "Sort by", "Cite", "ΑΣ", "Σ", "'", "İ", "\u00a0", " ", "  ", "\t", "\u200b", "x"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_LINE_PIECES, max_size=4).map("".join), max_size=8))
def test_line_clean_up_matches_squashing_each_line(lines: list[str]) -> None:
    assert [(line, low) for line, low, _kind in _clean(lines)] == _clean_reference(lines)


_HEADER_PIECES = st.sampled_from(
    [
        "Ann Neurol", ". 2005 Jun;57(6):874-82.", "Ann Neurol. 2005 Jun;57(6):874-82.",
        "Autologous mesenchymal stem cell transplantation in stroke patients",
        "Oh Young Bang 1 , Jin Soo Lee 2 ,", "Oh Young Bang 1,", "Jin Soo Lee 2", "Kim J, Lee S",
        "Oh Young Bang et al. Ann Neurol. 2005 Jun.", "Oh Young Bang and Jin Soo Lee. Ann Neurol. 2005 Jun.",
        "Affiliations", "1 Department of Neurology, Ajou University", "2 Department of Physiology",
        "PMID: 15929052", "Review", "doi: 10.1002/ana.20501. Epub 2021 Jan 13.", "Abstract", "Text.",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_HEADER_PIECES, max_size=14))
def test_a_known_author_list_changes_only_the_authors(lines: list[str]) -> None:
    known = read_page_text(lines, authors_known=True)
    read = read_page_text(lines)
    assert known.authors == [] and known.authors_complete is None
    assert dataclasses.replace(known, authors=read.authors, authors_complete=read.authors_complete) == read


_SPACE_PIECES = st.sampled_from(
    ["x", "Ab", " ", "  ", "\u00a0", "\t", "\u3000", "\u2009", "\x1f", "\u200b", "\x00", ""]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(_SPACE_PIECES, max_size=5).map("".join), max_size=8))
def test_squashed_lines_match_squashing_each_line(lines: list[str]) -> None:
    assert _squashed_lines(lines) == [" ".join(raw.split()) for raw in lines]


def test_other_white_space_is_every_white_space_character_but_the_space() -> None:
    every = {chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace()}
    assert set(_OTHER_WHITE_SPACE) == every - {" "}


_BLOCK_PIECES = st.sampled_from(
    [
        "Similar articles", "CITED BY", "References:", "Cited by :", "Abstract", "Format", "PubMed", "Summary",
        "Sort by", "Affiliations", "1 Dept of X", "Keywords: a; b.", "KEYWORDS :x", "keywords:", "MeSH Terms",
        "Publication types", "Review", "Comment in", "\u212aeywords: k", "Substances", "Grants and funding",
        "A reference line that is much longer than any heading.", "PMC", "DOI", "Cited   by", "Cited\u00a0by",
        "Similar articles::", "İ", "x:", "Miscellaneous", "", " ",
    ]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(_BLOCK_PIECES, max_size=30))
def test_leaving_out_lines_under_dropped_headings_changes_no_block(lines: list[str]) -> None:
    assert split_blocks(lines) == split_blocks(lines, jump=False)


def test_lowering_never_shortens_nor_adds_a_colon_or_trailing_white_space() -> None:
    # What _clean's test for lines that cannot be headings relies on, for every character.
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        low = char.lower()
        assert len(low) >= 1
        assert (low[-1] == ":") == (char == ":")
        assert not low[-1].isspace() or char.isspace()


@given(
    st.lists(st.sampled_from(["Keywords", "KEYWORDS", "keyword", "\u212a", "\u017f", "s", ":", " ", "x"]), max_size=5)
)
def test_a_keywords_line_has_its_colon_ninth(pieces: list[str]) -> None:
    line = "".join(pieces)
    assert KEYWORDS.match(line) is None or line[8:9] == ":"
