"""Dates as real pages write them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from msc_citations.model import Record
from msc_citations.normalize.dates import _first_date, normalize_dates, parse_date, print_and_epub_dates
from msc_citations.results import ParseIssue

# (as written, dayfirst, expected (year, month, day), where it was written)
CASES = [
    ("2005 Jun", None, (2005, 6, None), "PubMed 'Ann Neurol. 2005 Jun.' (seed 002)"),
    (". 2005 Jun;57(6):874-82.", None, (2005, 6, None), "PubMed citation line (seed 002)"),
    ("2009;27(2):163-169", None, (2009, None, None), "KoreaMed 'From:' line (seed 004)"),
    (". 2016 Sep 30;18(3):256–266.", None, (2016, 9, 30), "PMC page of PMC5066440"),
    (
        "Neurology. 2015 Oct 13;85(15):1283-92. doi: 10.1212/WNL.0000000000002016. Epub 2015 Sep 9.",
        None,
        (2015, 10, 13),
        "PubMed citation: the print date comes before the epub date",
    ),
    ("Epub 2021 Feb 3", None, (2021, 2, 3), "PubMed epub line"),
    ("2021-03-09", None, (2021, 3, 9), "ClinicalTrials.gov ISO date"),
    ("09/03/2021", True, (2021, 3, 9), "European registry page, day first"),
    ("09/03/2021", False, (2021, 9, 3), "US page, month first"),
    ("09/03/2021", None, (2021, None, None), "ambiguous without the page's convention"),
    ("25/12/2019", None, (2019, 12, 25), "day above 12 settles the order"),
    ("2026年3月5日", None, (2026, 3, 5), "Chinese registry date"),
    ("2022年7月", None, (2022, 7, None), "Chinese index issue date"),
    ("Spring 2019", None, (2019, None, None), "season issue of a quarterly"),
    ("June 3, 2005", None, (2005, 6, 3), "US long form"),
    ("3 June 2005", None, (2005, 6, 3), "British long form"),
    ("Published: 12 March 2021", None, (2021, 3, 12), "publisher page label"),
    ("2024 Mar 22;103(12):e37414", None, (2024, 3, 22), "PubMed line of a Medicine article"),
    ("STROKE, 2022, 53 (01) : 20 - 28", None, (2022, None, None), "WoS-style related entry (seed 000)"),
    ("Dec 2019", None, (2019, 12, None), "month and year"),
    ("2021.3", None, (2021, 3, None), "Korean journal issue date"),
    ("no date here", None, (None, None, None), "nothing to read"),
]


@pytest.mark.parametrize(("written", "dayfirst", "expected", "origin"), CASES, ids=[c[3] for c in CASES])
def test_parse_date(written: str, dayfirst: bool | None, expected: tuple[int | None, ...], origin: str) -> None:
    assert parse_date(written, dayfirst=dayfirst) == expected


@pytest.mark.parametrize(
    ("written", "printed", "epub"),
    [
        (
            "Neurology. 2021 Feb 16;96(7):e1012-e1023. doi: 10.1212/WNL.0000000000011440. Epub 2020 Dec 31.",
            (2021, 2, 16),
            (2020, 12, 31),
        ),
        (
            "Neurology. 2015 Oct 13;85(15):1283-92. doi: 10.1212/WNL.0000000000002016. Epub 2015 Sep 9.",
            (2015, 10, 13),
            (2015, 9, 9),
        ),
        (
            "J Clin Oncol. 2010 May 10;28(14):2475-80. doi: 10.1200/JCO.2009.27.1205. Epub 2010 Apr 5.",
            (2010, 5, 10),
            (2010, 4, 5),
        ),
        (
            "Mol Biol Cell. 2023 May 17:mbcE22120560. doi: 10.1091/mbc.E22-12-0560. Online ahead of print.",
            (2023, 5, 17),
            (None, None, None),
        ),
        ("Published online: 12 March 2021", (None, None, None), (2021, 3, 12)),
        ("网络出版日期：2022-07-15", (None, None, None), (2022, 7, 15)),
    ],
)
def test_print_and_epub_dates(written: str, printed: tuple[int | None, ...], epub: tuple[int | None, ...]) -> None:
    assert print_and_epub_dates(written) == (printed, epub)


def test_step_fills_from_extra_and_trims_impossible_dates() -> None:
    out = normalize_dates(Record(extra={"date": "2005 Jun;57(6):874-82"}), [])
    assert (out.year, out.month, out.day) == (2005, 6, None)
    issues: list[ParseIssue] = []
    bad = normalize_dates(Record(year=2021, month=2, day=30), issues)
    assert (bad.year, bad.month, bad.day) == (2021, 2, None)
    assert issues and issues[0].field == "year"
    kept = Record(year=2009)
    assert normalize_dates(kept, []) is kept


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120), st.sampled_from([None, True, False]))
def test_never_raises_and_valid(text: str, dayfirst: bool | None) -> None:
    year, month, day = parse_date(text, dayfirst=dayfirst)
    if month is not None:
        assert year is not None and 1 <= month <= 12
    if day is not None:
        assert month is not None and 1 <= day <= 31


@settings(max_examples=200, deadline=None)
@given(st.integers(-5, 3000), st.integers(-2, 14), st.integers(-2, 40))
def test_step_idempotent(year: int, month: int, day: int) -> None:
    record = normalize_dates(Record(year=year, month=month, day=day), [])
    assert normalize_dates(record, []) == record


def test_long_input_is_bounded() -> None:
    assert parse_date("1" * 100_000) == (None, None, None)
    assert parse_date("Jun " * 25_000 + "2005") == (None, None, None)
    assert parse_date("2005 Jun " + "x" * 100_000) == (2005, 6, None)


DATE_WORDS = ("May", "June", "Jun.", "sept", "DECEMBER", "Spring", "Mayo", "Decembers")
DATE_TEXTS = st.one_of(
    st.builds(
        "{}{}{}{}{}{}".format,
        st.sampled_from(["", " ", "\t"]),
        st.integers(900, 2200),
        st.sampled_from(["-", "/", ".", ":"]),
        st.integers(0, 14).map(lambda n: f"{n:02d}"),
        st.sampled_from(["-", "/", ".", " "]),
        st.sampled_from(["00", "01", "09", "28", "29", "30", "31", "32", "7", "2024"]).map(
            lambda d: d + " 00:00:00" if d == "01" else d
        ),
    ),
    st.builds(
        "{} {}{}{}".format,
        st.sampled_from(DATE_WORDS),
        st.sampled_from(["", "0", "1 ", "12, ", "31,", "30 "]),
        st.integers(0, 99999),
        st.sampled_from(["", " ", "x", "5"]),
    ),
)


@settings(max_examples=300, deadline=None)
@given(DATE_TEXTS)
def test_dates_written_alone_read_as_every_pattern_reads_them(text: str) -> None:
    # parse_date reads "2023-05-24" and "June 12, 2014" written alone without trying every
    # form: it must give what trying every form gives.
    assert parse_date(text) == _first_date(text, None)
