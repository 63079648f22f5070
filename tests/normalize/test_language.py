"""Language and country words as real pages write them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from msc_citations.model import Record
from msc_citations.normalize.language import country_name, language_code, normalize_language
from msc_citations.results import ParseIssue

# (as written, ISO 639-1 code, where it was written)
LANGUAGES = [
    ("Korean", "ko", "KoreaMed 'Language:Korean' (seed 004)"),
    ("English", "en", "KoreaMed language of J Stroke 2016 (PMC5066440)"),
    ("eng", "en", "MEDLINE LA field"),
    ("kor", "ko", "MEDLINE LA of a Korean-language article"),
    ("chi", "zh", "MEDLINE LA of a Chinese-language article (ISO 639-2/B)"),
    ("zho", "zh", "ISO 639-2/T form"),
    ("jpn", "ja", "MEDLINE LA of a Japanese-language article"),
    ("ger", "de", "MEDLINE LA, German"),
    ("中文", "zh", "Chinese index language field"),
    ("英文", "en", "Chinese index language field, English"),
    ("한국어", "ko", "KoreaScience language field"),
    ("Japanese", "ja", "J-STAGE language field"),
    ("French", "fr", "PubMed 'Article in French'"),
    ("Spanish", "es", "PubMed 'Article in Spanish'"),
    ("Chinese", "zh", "PubMed 'Article in Chinese'"),
    ("Klingon", None, "not a language code set entry"),
]
# (as written, ISO 3166 name, where it was written)
COUNTRIES = [
    ("Republic of Korea", "Republic of Korea", "KoreaMed 'CountryRepublic of Korea' (seed 004)"),
    ("South Korea", "Republic of Korea", "WoS address 'Seoul, South Korea' (seed 000)"),
    ("Korea", "Republic of Korea", "KoreaMed affiliation 'Seoul, Korea'"),
    ("Peoples R China", "China", "WoS address form"),
    ("P.R. China", "China", "affiliation form"),
    ("中国", "China", "Chinese page"),
    ("USA", "United States of America", "WoS address"),
    ("Japan", "Japan", "seed 001 funding (Japanese Ministry), country of the trial"),
    ("England", "United Kingdom", "WoS address form for UK institutions"),
    ("Taiwan", "Taiwan", "WoS address"),
    ("Iran", "Iran", "IRCT trials"),
    ("Türkiye", "Turkey", "current official short name"),
    ("The Netherlands", "Netherlands", "affiliation form"),
    ("Viet Nam", "Viet Nam", "ISO form"),
    ("대한민국", "Republic of Korea", "Korean page"),
    ("Atlantis", None, "unknown"),
]


@pytest.mark.parametrize(("written", "code", "origin"), LANGUAGES, ids=[c[2] for c in LANGUAGES])
def test_language_code(written: str, code: str | None, origin: str) -> None:
    assert language_code(written) == code


@pytest.mark.parametrize(("written", "name", "origin"), COUNTRIES, ids=[c[2] for c in COUNTRIES])
def test_country_name(written: str, name: str | None, origin: str) -> None:
    assert country_name(written) == name


def test_step_keeps_the_word_as_written() -> None:
    out = normalize_language(Record(language="Korean", country="Republic of Korea"), [])
    assert (out.language, out.country) == ("ko", "Republic of Korea")
    assert out.extra == {"language_as_written": "Korean"}
    korea = normalize_language(Record(country="South Korea"), [])
    assert korea.country == "Republic of Korea" and korea.extra["country_as_written"] == "South Korea"
    both = normalize_language(Record(language="English; Korean"), [])
    assert both.language == "en;ko"
    issues: list[ParseIssue] = []
    unknown = normalize_language(Record(language="Klingon"), issues)
    assert unknown.language == "Klingon" and issues


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60), st.text(max_size=60))
def test_never_raises_and_idempotent(language: str, country: str) -> None:
    record = normalize_language(Record(language=language or None, country=country or None), [])
    assert normalize_language(record, []) == record


def test_long_input_is_bounded() -> None:
    assert language_code("Korean" * 20_000) is None
    assert country_name(";" * 100_000) is None
