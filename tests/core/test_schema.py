"""The record schema: exact JSON keys, round trip, and the published JSON Schema is current."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

import msc_citations
from msc_citations.model import RECORD_FIELDS, Outcome, Person, Record, RegistryId, TrialInfo
from msc_citations.schema import render_schema

ROOT = Path(__file__).resolve().parents[2]
SPEC_KEYS = [
    "id",
    "type",
    "title",
    "alt_titles",
    "authors",
    "authors_complete",
    "journal",
    "journal_abbrev",
    "issn",
    "publisher",
    "year",
    "month",
    "day",
    "volume",
    "issue",
    "pages",
    "page_first",
    "page_last",
    "article_number",
    "page_count",
    "doi",
    "pmid",
    "pmcid",
    "registry_ids",
    "abstract",
    "abstract_sections",
    "keywords",
    "mesh_terms",
    "publication_types",
    "language",
    "country",
    "funding",
    "cited_by_count",
    "classification",
    "url",
    "trial",
    "related",
    "extra",
    "source",
]


def test_record_keys_in_schema_order() -> None:
    assert list(RECORD_FIELDS[: len(SPEC_KEYS)]) == SPEC_KEYS
    assert list(Person.model_fields) == [
        "family",
        "given",
        "literal",
        "affiliations",
        "email",
        "orcid",
        "corresponding",
    ]
    assert list(Outcome.model_fields) == ["kind", "measure", "description", "time_frame"]
    assert list(TrialInfo.model_fields)[:3] == ["status", "study_type", "phase"]


def test_unknown_fields_are_refused_not_dropped() -> None:
    with pytest.raises(ValidationError):
        Record.model_validate({"title": "x", "made_up": 1})
    with pytest.raises(ValidationError):
        Record.model_validate({"type": "blog-post"})


def test_round_trip_through_json() -> None:
    rec = Record(
        type="clinical-trial",
        title="Intrathecal hMSC in stroke",
        authors=[Person(family="Bang", given="Oh Young", affiliations=["Samsung Med Ctr"])],
        registry_ids=[RegistryId(registry="ClinicalTrials.gov", id="NCT04953663")],
        trial=TrialInfo(status="RECRUITING", enrollment=60, outcomes=[Outcome(measure="mRS", time_frame="3 months")]),
        related=[Record(title="Related paper", year=2022)],
        extra={"rating": 4.3, "labels": ["a", "b"]},
    )
    data = json.loads(rec.model_dump_json())
    assert list(data)[: len(SPEC_KEYS)] == SPEC_KEYS
    assert Record.model_validate(data) == rec


def test_published_json_schema_is_current() -> None:
    published = (ROOT / "docs" / "citation.schema.json").read_text(encoding="utf-8")
    assert published == render_schema(), "run: python -m msc_citations.schema docs/citation.schema.json"


def test_public_api_is_sorted_and_importable() -> None:
    assert msc_citations.__all__ == sorted(msc_citations.__all__)
    for name in msc_citations.__all__:
        assert hasattr(msc_citations, name), name
