"""The default stack over the five seed pages' values as written, and stack-wide properties."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from msc_citations.model import Funding, Person, Record, RegistryId
from msc_citations.normalize import DEFAULT_STACK, normalize_record
from msc_citations.normalize.dates import parse_date
from msc_citations.normalize.stack import STEPS

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"
EXPECTED: dict[str, dict[str, Any]] = json.loads((SEEDS / "seed_expectations.json").read_text("utf-8"))["seeds"]


def _seed(name: str) -> str:
    return (SEEDS / name).read_text("utf-8")


def _between(text: str, start: str, end: str) -> str:
    return text.split(start, 1)[1].split(end, 1)[0]


def test_default_stack_order() -> None:
    normalize_record(Record())
    assert [step.__name__ for step in DEFAULT_STACK] == [
        "normalize_text",
        "normalize_doi",
        "normalize_ids",
        "normalize_names",
        "normalize_dates",
        "normalize_pages",
        "normalize_journals",
        "normalize_language",
    ]
    assert tuple(DEFAULT_STACK) == STEPS


def test_seed_000_values() -> None:
    text = _seed("000_38dd110a39ae33e6.txt")
    authors = _between(text, "作者\n", "\n机构").splitlines()
    related = [
        Record(journal="STROKE", pages="20 - 28"),
        Record(journal="BMC Neurology"),
        Record(journal="BMC NEUROLOGY"),
        Record(journal="ANNALS OF INDIAN ACADEMY OF NEUROLOGY", pages="131 - 139"),
        Record(journal="STROKE", pages="2835 - 2841"),
        Record(journal="NEUROTHERAPEUTICS", pages="681 - 681"),
        Record(journal="NEUROLOGY ASIA", pages="861 - 871"),
        Record(journal="MEDICINE", pages="E37414"),
        Record(journal="CURRENT MEDICINAL CHEMISTRY", pages="1598 - 1608"),
        Record(journal="INTERNATIONAL JOURNAL OF MEDICAL SCIENCES", pages="1155 - 1162"),
    ]
    record = Record(
        title=text.splitlines()[0],
        doi=_between(text, "D O I\n", "\n"),
        pages=_between(text, "页码:", "\n"),
        page_count=12,
        authors=[Person(literal=a) for a in authors],
        abstract=_between(text, "摘要\n", "\n引用"),
        related=related,
    )
    out = normalize_record(record)
    spec = EXPECTED["000_38dd110a39ae33e6.txt"]
    assert out.doi == spec["doi"]
    assert (out.page_first, out.page_last) == (spec["page_first"], spec["page_last"])
    assert [(a.family, a.given) for a in out.authors] == [(a["family"], a["given"]) for a in spec["authors"]]
    assert [s.label for s in out.abstract_sections] == spec["abstract_section_labels"]
    assert out.abstract_sections[0].text.startswith(spec["abstract_starts_with"])
    for exp in spec["related"]:
        rel = out.related[exp["n"] - 1]
        for key in ("page_first", "page_last"):
            if key in exp:
                assert getattr(rel, key).upper() == exp[key], (exp["n"], key)
        if "journal" in exp:
            assert rel.journal is not None and rel.journal.casefold() == exp["journal"].casefold()
    assert out.related[2].journal == "BMC Neurology"
    assert out.related[9].journal == "International Journal of Medical Sciences"
    assert (out.related[5].pages, out.related[7].article_number) == ("681", "E37414")


def test_seed_001_registry_id_from_abstract_and_funding() -> None:
    text = _seed("001_a2d08c43e8f002ca.txt")
    spec = EXPECTED["001_a2d08c43e8f002ca.txt"]
    record = Record(
        title=_between(text, "4.3 Article\n\n", "\n"),
        doi=_between(text, "ELSEVIER\n", "\n"),
        journal=_between(text, "期刊\n\n", "\n"),
        abstract=_between(text, "索取更多资源\n\n", "\n\n作者"),
        funding=[Funding(award_ids=spec["funding_award_ids"])],
    )
    out = normalize_record(record)
    assert [r.id for r in out.registry_ids] == [r["id"] for r in spec["registry_ids"]]
    assert out.registry_ids[0].registry == "JMA-IIA"
    assert [s.label for s in out.abstract_sections] == spec["abstract_section_labels"]
    assert out.doi == spec["doi"]
    assert out.journal is not None and out.journal.casefold() == spec["journal"].casefold()


def test_seed_002_pubmed_values() -> None:
    text = _seed("002_f8f8bcaaa6009524.txt")
    spec = EXPECTED["002_f8f8bcaaa6009524.txt"]
    citation = _between(text, "Clinical Trial\n", "\n")
    year, month, _day = parse_date(citation)
    record = Record(
        journal_abbrev="Ann Neurol",
        year=year,
        month=month,
        pages=citation.rsplit(":", 1)[1],
        doi=_between(text, "doi: ", "\n"),
        authors=[Person(literal="Oh Young Bang")],
    )
    out = normalize_record(record)
    assert (out.year, out.month) == (spec["year"], spec["month"])
    assert (out.page_first, out.page_last, out.pages) == (spec["page_first"], spec["page_last"], "874-882")
    assert out.doi == spec["doi"]
    assert out.journal == "Annals of Neurology" and out.journal_abbrev == spec["journal_abbrev"]
    assert (out.authors[0].family, out.authors[0].given) == ("Bang", "Oh Young")


def test_seed_003_summary_once_without_disclaimer() -> None:
    text = _seed("003_6a96e5e6372cea76.txt")
    abstract = text.split("Study Type", 1)[0] + (
        "This platform is for informational purposes only and does not constitute medical advice. "
        "Always consult a qualified healthcare professional."
    )
    out = normalize_record(Record(type="clinical-trial", abstract=abstract))
    assert out.abstract is not None
    assert out.abstract.count("Stroke is the main cause of adult health damage.") == 1
    assert "informational purposes" not in out.model_dump_json()


def test_seed_004_koreamed_values() -> None:
    text = _seed("004_b9c5321cb88d8b13.txt")
    spec = EXPECTED["004_b9c5321cb88d8b13.txt"]
    names = [line for line in _between(text, "- Author:\n", "\nAuthor Information").splitlines() if len(line) > 3]
    citation = _between(text, "Association\n", "\n")
    year, _month, _day = parse_date(citation)
    record = Record(
        title=text.splitlines()[0],
        authors=[Person(literal=n) for n in names],
        journal=_between(text, "From:", "\n"),
        year=year,
        pages=citation.rsplit(":", 1)[1],
        language="Korean",
        country="Republic of Korea",
        abstract=text.split("Abstract:\n", 1)[1],
    )
    out = normalize_record(record)
    assert out.title == spec["title"]
    assert [(a.family, a.given) for a in out.authors] == [(a["family"], a["given"]) for a in spec["authors"]]
    assert (out.year, out.page_first, out.page_last) == (spec["year"], spec["page_first"], spec["page_last"])
    assert out.language == "ko" and out.extra["language_as_written"] == spec["language"]
    assert out.country == spec["country"] and "country_as_written" not in out.extra
    assert [s.label for s in out.abstract_sections] == spec["abstract_section_labels"]
    assert out.journal == spec["journal"]


_TEXT = st.text(max_size=60)
_RECORDS = st.builds(
    Record,
    title=st.none() | _TEXT,
    abstract=st.none() | st.text(max_size=200),
    doi=st.none() | _TEXT,
    pages=st.none() | _TEXT,
    journal=st.none() | _TEXT,
    journal_abbrev=st.none() | _TEXT,
    language=st.none() | _TEXT,
    country=st.none() | _TEXT,
    year=st.none() | st.integers(-10, 3000),
    month=st.none() | st.integers(-1, 13),
    day=st.none() | st.integers(-1, 32),
    authors=st.lists(st.builds(Person, literal=st.none() | _TEXT, family=st.none() | _TEXT), max_size=3),
    registry_ids=st.lists(st.builds(RegistryId, registry=_TEXT, id=_TEXT), max_size=2),
    keywords=st.lists(_TEXT, max_size=3),
)


@settings(max_examples=250, deadline=None)
@given(_RECORDS)
def test_stack_never_raises_and_is_idempotent(record: Record) -> None:
    once = normalize_record(record)
    assert normalize_record(once) == once
