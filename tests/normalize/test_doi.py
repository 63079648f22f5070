"""DOI clean-up: forms copied from real pages and exports."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from msc_citations.model import Record
from msc_citations.normalize.doi import clean_doi, doi_key, find_dois, normalize_doi
from msc_citations.results import ParseIssue

# (as written, expected bare DOI, where it was written)
CASES = [
    ("doi: 10.1002/ana.20501.", "10.1002/ana.20501", "PubMed page of PMID 15929052 (Bang 2005), citation line"),
    ("10.1212/WNL.0000000000011440", "10.1212/WNL.0000000000011440", "Chinese index page, line after 'D O I'"),
    ("D O I 10.1212/WNL.0000000000011440", "10.1212/WNL.0000000000011440", "same page, label and value joined"),
    ("DOI: 10.1016/j.clineuro.2021.106565", "10.1016/j.clineuro.2021.106565", "rating-site page, seed 001"),
    ("doi: 10.5853/jos.2016.01263", "10.5853/jos.2016.01263", "PMC page of PMC5066440 (J Stroke 2016)"),
    ("https://doi.org/10.1089/scd.2013.0089", "10.1089/scd.2013.0089", "Liebert page 'Published Online:' link"),
    ("http://dx.doi.org/10.1093/brain/awr063", "10.1093/brain/awr063", "Honmou 2011 Brain, old resolver form"),
    ("https://doi.org/10.1161%2FSTROKEAHA.116.012995", "10.1161/STROKEAHA.116.012995", "URL-encoded link"),
    ("[doi:10.1002/stem.430]", "10.1002/stem.430", "Lee 2010 Stem Cells, reference list in brackets"),
    ("(10.2196/37898)", "10.2196/37898", "JMIR Res Protoc 2022 (PMID 35793128) cited in parentheses"),
    ("DOI:10.1016/S1474-4422(17)30046-7", "10.1016/S1474-4422(17)30046-7", "Hess 2017 Lancet Neurol (MASTERS)"),
    ("10.1016/S1474-4422(17)30046-7).", "10.1016/S1474-4422(17)30046-7", "same, closing bracket of the sentence"),
    ("https://www.doi.org/10.2176/nmc.ra.2014-0271", "10.2176/nmc.ra.2014-0271", "Neurol Med Chir 2015 review"),
    ("doi.org/10.5966/sctm.2014-0212", "10.5966/sctm.2014-0212", "Oh 2015 Stem Cells Transl Med, bare host"),
    ("info:doi/10.1186/s12915-023-01686-z", "10.1186/s12915-023-01686-z", "ASySD paper, OpenURL form"),
    ("ＤＯＩ：10.1212/WNL.0000000000011440", "10.1212/WNL.0000000000011440", "full-width label on a CJK page"),
    ("10.1002/(SICI)1097-4598(199601)19:1<1::AID-MUS1>3.0.CO;2-Z", None, "SICI DOI keeps <> and ; inside"),
]
REJECTED = ["", "not a doi", "10.1002", "11.1002/ana.20501", "PMID: 15929052", "doi:", "10./x"]


@pytest.mark.parametrize(("written", "expected", "origin"), CASES, ids=[c[2] for c in CASES])
def test_clean_doi(written: str, expected: str | None, origin: str) -> None:
    assert clean_doi(written) == (expected or written)


@pytest.mark.parametrize("written", REJECTED)
def test_not_a_doi(written: str) -> None:
    assert clean_doi(written) is None


def test_case_kept_but_compared_case_insensitively() -> None:
    assert clean_doi("DOI: 10.1212/WNL.0000000000011440") == "10.1212/WNL.0000000000011440"
    assert doi_key("10.1212/WNL.0000000000011440") == doi_key("https://doi.org/10.1212/wnl.0000000000011440")
    assert doi_key(None) == ""


def test_find_dois_in_free_text() -> None:
    text = "Oh Young Bang ... doi: 10.5853/jos.2016.01263 and (see https://doi.org/10.1002/ana.20501)."
    assert find_dois(text) == ["10.5853/jos.2016.01263", "10.1002/ana.20501"]


def test_step_cleans_and_reports() -> None:
    issues: list[ParseIssue] = []
    out = normalize_doi(Record(doi="doi: 10.1002/ana.20501."), issues)
    assert out.doi == "10.1002/ana.20501" and not issues
    bad = normalize_doi(Record(doi="see publisher site"), issues)
    assert bad.doi == "see publisher site"
    assert issues and issues[0].field == "doi"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_never_raises_and_idempotent(text: str) -> None:
    cleaned = clean_doi(text)
    if cleaned is not None:
        assert clean_doi(cleaned) == cleaned
    record = normalize_doi(Record(doi=text or None), [])
    assert normalize_doi(record, []) == record


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="10./doi:( )%2F", max_size=300))
def test_adversarial_alphabet(text: str) -> None:
    cleaned = clean_doi(text)
    assert cleaned is None or cleaned.startswith("10.")


def test_large_input_is_bounded() -> None:
    assert clean_doi("10.1/" + "(" * 100_000) is None
    assert find_dois("10.1234/" + "a" * 100_000) == []
    assert len(find_dois("see 10.1000/x " * 8_000)) == 1
