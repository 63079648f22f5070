"""Page ranges as real pages and exports write them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from msc_citations.model import Record
from msc_citations.normalize.pages import normalize_pages, parse_pages, roman_to_int
from msc_citations.results import ParseIssue

# (as written, pages, first, last, article number, where it was written)
CASES = [
    ("874-82", "874-882", "874", "882", None, "PubMed citation of PMID 15929052 (seed 002)"),
    ("E1012 / E1023", "E1012-E1023", "E1012", "E1023", None, "Chinese index '页码:' (seed 000)"),
    ("20 - 28", "20-28", "20", "28", None, "seed 000 related [1], STROKE 2022"),
    ("681 - 681", "681", "681", "681", None, "seed 000 related [6], NEUROTHERAPEUTICS 2015"),
    ("E37414", "E37414", "E37414", None, "E37414", "seed 000 related [8], MEDICINE 2024"),
    ("e37414", "e37414", "e37414", None, "e37414", "PubMed form of the same article number"),
    ("1155 - 1162", "1155-1162", "1155", "1162", None, "seed 000 related [10]"),
    ("1598 - 1608", "1598-1608", "1598", "1608", None, "seed 000 related [9]"),
    ("163-169", "163-169", "163", "169", None, "KoreaMed 'From:' line (seed 004)"),
    ("256–266", "256-266", "256", "266", None, "PMC page of PMC5066440, en dash"),
    ("1790-807", "1790-1807", "1790", "1807", None, "Honmou 2011 Brain 134(Pt 6)"),
    ("1099-106", "1099-1106", "1099", "1106", None, "Lee 2010 Stem Cells 28(6)"),
    ("S12-S19", "S12-S19", "S12", "S19", None, "supplement pages"),
    ("S12-9", "S12-S19", "S12", "S19", None, "supplement pages, abbreviated"),
    ("xii-xv", "xii-xv", "xii", "xv", None, "front-matter pages in roman numerals"),
    ("pp. 131 - 139", "131-139", "131", "139", None, "seed 000 related [4] with a pp. label"),
    ("e1012-e1023", "e1012-e1023", "e1012", "e1023", None, "Neurology online pages (STARTING-2)"),
    ("mbcE22120560", "mbcE22120560", "mbcE22120560", None, "mbcE22120560", "PubMed copy of a Mol Biol Cell article"),
    ("874-82; discussion 883", "874-882; discussion 883", "874", "882", None, "PubMed range with discussion"),
]


@pytest.mark.parametrize("case", CASES, ids=[c[5] for c in CASES])
def test_parse_pages(case: tuple[str, str, str, str | None, str | None, str]) -> None:
    written, pages, first, last, article, _origin = case
    info = parse_pages(written)
    assert (info.pages, info.page_first, info.page_last, info.article_number) == (pages, first, last, article)


def test_page_count() -> None:
    assert parse_pages("页数:12").page_count == 12
    assert parse_pages("163-9 (7 pages)").page_count == 7
    assert roman_to_int("xii") == 12 and roman_to_int("12") is None


def test_step_keeps_parser_values_and_reports() -> None:
    out = normalize_pages(Record(pages="874-82"), [])
    assert (out.pages, out.page_first, out.page_last) == ("874-882", "874", "882")
    issues: list[ParseIssue] = []
    odd = normalize_pages(Record(pages="see article"), issues)
    assert odd.pages == "see article" and issues
    separate = normalize_pages(Record(page_first="874", page_last="82"), [])
    assert (separate.pages, separate.page_last) == ("874-882", "882")


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=60))
def test_never_raises_and_idempotent(text: str) -> None:
    record = normalize_pages(Record(pages=text or None), [])
    assert normalize_pages(record, []) == record


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789eESxiv -–/;p.", max_size=30))
def test_canonical_pages_parse_to_themselves(text: str) -> None:
    info = parse_pages(text)
    if info.pages and info.page_first:
        again = parse_pages(info.pages)
        assert (again.pages, again.page_first) == (info.pages, info.page_first)
        # "681 - 681" gives pages "681" with last page 681; "681" alone states no last page.
        assert again.page_last in (info.page_last, None)


def test_long_input_is_bounded() -> None:
    assert parse_pages("1-" * 50_000).page_first is None
    assert parse_pages("x" * 100_000).pages == "x" * 100_000
