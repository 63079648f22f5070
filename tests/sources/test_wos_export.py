"""Web of Science tagged exports: full records, several per file, addresses linked to authors."""

from __future__ import annotations

from pathlib import Path

import pytest

from fixture_helpers import FIXTURES, check_case, fixture_inputs
from msc_citations import Record, parse_file
from msc_citations.document import Document
from msc_citations.sources.wos_export import WosExportSource, split_records

CASES = fixture_inputs("wos_export")
SOURCE = WosExportSource()
CHUNG = FIXTURES / "wos_export" / "chung2021_neurology_full_record.txt"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fixture_matches_expected(case: Path) -> None:
    assert check_case(case) == []


def _parse(body: str) -> list[Record]:
    doc = Document.from_text(f"FN Clarivate Analytics Web of Science\nVR 1.0\n{body}\nEF\n", path="savedrecs.txt")
    assert SOURCE.detect(doc) == 0.95
    return list(SOURCE.parse(doc).records)


def test_funding_orcid_review_type_and_early_access_article_number() -> None:
    (record,) = _parse(
        "PT J\nAU Bang, OY\n   Kim, EH\nAF Bang, Oh Young\n   Kim, Eun Hee\n"
        "TI Adult Stem Cell Therapy for Stroke: Challenges and Progress\nSO JOURNAL OF STROKE\n"
        "DT Review; Early Access\n"
        "FU Korea Health Industry Development Institute [HI14C1624, HI14C3484]; Samsung Medical\n"
        "   Center\n"
        "OI Bang, Oh Young/0000-0002-7962-8751\n"
        "PD SPR\nPY 2016\nAR 256\nUT WOS:000385695800002\nER"
    )
    assert record.type == "review"
    assert [(f.funder, f.award_ids) for f in record.funding] == [
        ("Korea Health Industry Development Institute", ["HI14C1624", "HI14C3484"]),
        ("Samsung Medical Center", []),
    ]
    assert [a.orcid for a in record.authors] == ["0000-0002-7962-8751", None]
    assert (record.year, record.month, record.article_number) == (2016, 3, "256")
    assert record.extra["wos_id"] == "WOS:000385695800002"


def test_a_copy_cut_before_its_end_tag_still_gives_its_record() -> None:
    text = CHUNG.read_text(encoding="utf-8")
    cut = text[: text.index("PD FEB 16")]
    records = SOURCE.parse(Document.from_text(cut, path="cut.txt")).records
    assert [r.title for r in records] == [
        "Efficacy and Safety of Intravenous Mesenchymal Stem Cells for Ischemic Stroke"
    ]
    assert records[0].cited_by_count == 125


def test_a_record_without_title_or_doi_is_reported_not_invented() -> None:
    doc = Document.from_text("FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU Bang, OY\nPY 2005\nER\nEF\n")
    result = SOURCE.parse(doc)
    assert result.records == []
    assert [i.severity for i in result.issues] == ["warning", "error"]


def test_cited_references_are_kept() -> None:
    (record,) = _parse(
        "PT J\nAF Bang, Oh Young\nTI A title\n"
        "CR Bang OY, 2005, ANN NEUROL, V57, P874, DOI 10.1002/ana.20501\n"
        "   Lee JS, 2010, STEM CELLS, V28, P1099, DOI 10.1002/stem.430\nNR 2\nER"
    )
    assert record.extra["wos_cr"] == (
        "Bang OY, 2005, ANN NEUROL, V57, P874, DOI 10.1002/ana.20501; "
        "Lee JS, 2010, STEM CELLS, V28, P1099, DOI 10.1002/stem.430"
    )
    assert record.extra["wos_nr"] == "2"


def test_continuation_lines_are_values_for_list_tags_and_text_otherwise() -> None:
    (fields,) = split_records("PT J\nAU Bang, OY\n   Lee, JS\nTI Autologous mesenchymal\n   stem cells\nER\n")
    assert fields["AU"] == ["Bang, OY", "Lee, JS"]
    assert fields["TI"] == ["Autologous mesenchymal stem cells"]


@pytest.mark.parametrize(
    "text",
    [
        "TY  - JOUR\nTI  - A title\nER  - \n",
        "PMID- 15929052\nTI  - A title\n",
        "Efficacy of MSC in stroke\nAbstract\nText.\n",
    ],
)
def test_other_exports_and_pages_are_not_claimed(text: str) -> None:
    assert SOURCE.detect(Document.from_text(text)) == 0.0


def test_the_export_and_the_chinese_portal_page_of_one_paper_merge() -> None:
    from msc_citations.dedup import deduplicate

    seed = next((FIXTURES / "seeds").glob("000_*.txt"))
    records = [parse_file(CHUNG).records[0], parse_file(seed).records[0]]
    result = deduplicate(records)
    (merged,) = result.records
    assert merged.cited_by_count == 125
    assert (merged.volume, merged.issue) == ("96", "7")  # only the export states them
