"""The WPRIM source: seed 004's layout and its variants (inline fields, DOI line, HTML)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fixture_helpers import FIXTURES, check_case, check_shuffled_lines, fixture_inputs
from msc_citations.document import Document
from msc_citations.model import Record
from msc_citations.sources.wprim import WprimSource

CASES = fixture_inputs("wprim")
SEED = FIXTURES / "seeds" / "004_b9c5321cb88d8b13.txt"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fixture_matches_expected(case: Path) -> None:
    assert check_case(case) == []


def _raw(path: Path) -> Record:
    result = WprimSource().parse(Document.from_path(path))
    assert result.issues == []
    return result.records[0]


def test_seed_email_goes_to_the_author_it_names_not_to_the_affiliation_holder() -> None:
    record = _raw(SEED)
    people = record.authors
    assert [p.email for p in people] == [None] * 6 + ["kimsh1@hanyang.ac.kr"]
    assert people[0].affiliations == [
        "Department of Neurology, College of Medicine, Hanyang University Hospital, Seoul, Korea"
    ]
    assert all(p.affiliations == [] for p in people[1:])
    assert all(p.corresponding is None for p in people)


def test_seed_values_are_kept_as_written_before_normalization() -> None:
    record = _raw(SEED)
    assert record.title.endswith("Lateral Sclerosis.")
    assert [p.family for p in record.authors][:2] == ["KIM", "PAEK"]
    assert record.pages == "163-169"
    assert record.language == "Korean"
    assert record.country == "Republic of Korea"
    assert record.doi is None


def test_same_page_saved_as_html_gives_the_same_record() -> None:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    body = "".join(f"<div>{line}</div>" for line in lines)
    html = (
        "<html><head><title>WPRIM</title></head><body><nav><a>Home</a> | <a>Help</a></nav>"
        f"{body}<footer><div>Copyright WPRIM</div></footer></body></html>"
    )
    doc = Document.from_text(html)
    assert doc.kind == "html"
    assert WprimSource().detect(doc) > 0.6
    from_html = WprimSource().parse(doc).records[0]
    from_text = WprimSource().parse(Document.from_path(SEED)).records[0]
    for field in ("title", "authors", "journal", "volume", "issue", "pages", "keywords", "mesh_terms", "language"):
        assert getattr(from_html, field) == getattr(from_text, field), field


def test_author_list_given_on_one_line_with_reference_numbers() -> None:
    page = (
        "A title.\n- Author:\nOh Young BANG1 ; Eun Hee KIM2\nAuthor Information\n"
        "1. Samsung Medical Center, Seoul, Korea. ohyoung.bang@samsung.com\n2. Sungkyunkwan University, Seoul, Korea.\n"
        "- From:Journal of Stroke 2016;18(3):256-266\n- Language:English\n"
    )
    record = WprimSource().parse(Document.from_text(page)).records[0]
    assert [(p.family, p.given) for p in record.authors] == [("BANG", "Oh Young"), ("KIM", "Eun Hee")]
    assert record.authors[0].affiliations == ["Samsung Medical Center, Seoul, Korea"]
    assert record.authors[0].email == "ohyoung.bang@samsung.com"
    assert record.authors[1].affiliations == ["Sungkyunkwan University, Seoul, Korea."]


def test_unmatched_email_is_kept_in_extra_not_guessed() -> None:
    page = (
        "A title.\n- Author:\nHyun Young KIM\n1\n;\nJin Young PAEK\nAuthor Information\n"
        "1. Hanyang University, Seoul, Korea. neuro-office@hanyang.ac.kr\n- From:J Test 2009;1(1):1-2\n"
    )
    record = WprimSource().parse(Document.from_text(page)).records[0]
    assert [p.email for p in record.authors] == [None, None]
    assert record.extra["emails"] == ["neuro-office@hanyang.ac.kr"]


def test_missing_from_citation_is_reported() -> None:
    page = "A title.\n- Author:\nHyun Young KIM\n- From:Some Journal\n- Language:Korean\n"
    result = WprimSource().parse(Document.from_text(page))
    assert result.records[0].journal == "Some Journal"
    assert any(i.field == "volume" for i in result.issues)


def test_other_pages_are_not_claimed() -> None:
    doc = Document.from_text("PMID: 15937941\nAnn Neurol. 2005 Jun;57(6):874-82.\nAbstract\nText.")
    assert WprimSource().detect(doc) == 0.0
    assert WprimSource().parse(Document.from_text("no labels here")).records == []


_PIECES = [
    "- Author:",
    "Hyun Young KIM",
    "1",
    ";",
    "Author Information",
    "1. Dept, Seoul. a@b.kr",
    "- From:J 2009;27(2):163-169",
    "- CountryKorea",
    "- Language:Korean",
    "-",
    "Abstract:",
    "- MeSH: A*; B",
    "1.A title",
    "Hyun Jae LEE ; Rajib HOSSAIN",
    "Biomol Ther 2025;33(1):86-94",
    "Methods:",
    ": text",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=60)), max_size=30))
def test_parse_never_raises_on_shuffled_labels_and_noise(lines: list[str]) -> None:
    check_shuffled_lines(WprimSource(), lines)


def test_pubmed_style_numbered_list_is_not_a_wprim_result_list() -> None:
    page = (
        "1. Autologous mesenchymal stem cell transplantation in stroke patients.\n"
        "Bang OY, Lee JS, Lee PH, Lee G.\nAnn Neurol. 2005 Jun;57(6):874-82.\n"
    )
    doc = Document.from_text(page)
    assert WprimSource().detect(doc) == 0.0
    assert WprimSource().parse(doc).records == []
