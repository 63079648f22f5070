"""The unified record schema.

Every source parser produces :class:`Record` objects; every later stage (normalization,
deduplication, export) reads and writes them. Field names are the JSON keys users and
later tools rely on, so they never change without a major version.

Values are stored as the page states them; ``null`` (``None``) or an empty list means the
page does not state the value. Nothing is invented.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

RecordType = Literal[
    "journal-article",
    "clinical-trial",
    "review",
    "conference-paper",
    "book",
    "chapter",
    "thesis",
    "preprint",
    "other",
]
"""The kinds of work a record can describe."""

RECORD_TYPES: tuple[str, ...] = (
    "journal-article",
    "clinical-trial",
    "review",
    "conference-paper",
    "book",
    "chapter",
    "thesis",
    "preprint",
    "other",
)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class AltTitle(_Model):
    """A title in another language or script (e.g. the Hangul or Han original)."""

    text: str
    language: str | None = None


class Person(_Model):
    """An author. ``literal`` holds an organisation or a name that cannot be split."""

    family: str | None = None
    given: str | None = None
    literal: str | None = None
    affiliations: list[str] = Field(default_factory=list)
    email: str | None = None
    orcid: str | None = None
    corresponding: bool | None = None

    def display_name(self) -> str:
        """The name as one string, family first (``Bang, Oh Young``)."""
        if self.literal:
            return self.literal
        if self.family and self.given:
            return f"{self.family}, {self.given}"
        return self.family or self.given or ""


class RegistryId(_Model):
    """A trial registration: the registry's short name and the id in it."""

    registry: str
    id: str


class AbstractSection(_Model):
    """One labelled section of a structured abstract."""

    label: str | None = None
    text: str


class Funding(_Model):
    """A funder and the award/grant numbers the page gives for it."""

    funder: str | None = None
    award_ids: list[str] = Field(default_factory=list)


class Outcome(_Model):
    """A trial outcome measure. ``kind`` is null when the page does not say."""

    kind: Literal["primary", "secondary", "other"] | None = None
    measure: str
    description: str | None = None
    time_frame: str | None = None


class TrialInfo(_Model):
    """The design of a registered trial, in ClinicalTrials.gov's vocabulary."""

    status: str | None = None
    study_type: str | None = None
    phase: str | None = None
    allocation: str | None = None
    masking: str | None = None
    purpose: str | None = None
    intervention_model: str | None = None
    enrollment: int | None = None
    conditions: list[str] = Field(default_factory=list)
    interventions: list[str] = Field(default_factory=list)
    sponsor: str | None = None
    collaborators: list[str] = Field(default_factory=list)
    sites: list[str] = Field(default_factory=list)
    start_date: str | None = None
    completion_date: str | None = None
    registration_date: str | None = None
    outcomes: list[Outcome] = Field(default_factory=list)


InputKind = Literal["html", "xml", "json", "tagged", "text", "csv", "record"]


class Provenance(_Model):
    """Where a record came from.

    ``fields`` maps a field name to the parser or service that supplied its value when
    that differs from ``parser`` (after enrichment or a merge).
    """

    parser: str | None = None
    path: str | None = None
    url: str | None = None
    input_kind: str | None = None
    confidence: float | None = None
    fields: dict[str, str] = Field(default_factory=dict)


class MergedFrom(_Model):
    """One input record that a merged record was built from."""

    id: str | None = None
    parser: str | None = None
    path: str | None = None


class StudyLink(_Model):
    """A link between records that report the same study without being duplicates."""

    relation: str
    id: str


class Record(_Model):
    """One bibliographic or trial record in the unified schema."""

    id: str | None = None
    type: RecordType = "journal-article"
    title: str | None = None
    alt_titles: list[AltTitle] = Field(default_factory=list)
    authors: list[Person] = Field(default_factory=list)
    authors_complete: bool | None = None
    journal: str | None = None
    journal_abbrev: str | None = None
    issn: list[str] = Field(default_factory=list)
    publisher: str | None = None
    year: int | None = None
    month: int | None = None
    day: int | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    page_first: str | None = None
    page_last: str | None = None
    article_number: str | None = None
    page_count: int | None = None
    doi: str | None = None
    pmid: str | None = None
    pmcid: str | None = None
    registry_ids: list[RegistryId] = Field(default_factory=list)
    abstract: str | None = None
    abstract_sections: list[AbstractSection] = Field(default_factory=list)
    keywords: list[str] = Field(default_factory=list)
    mesh_terms: list[str] = Field(default_factory=list)
    publication_types: list[str] = Field(default_factory=list)
    language: str | None = None
    country: str | None = None
    funding: list[Funding] = Field(default_factory=list)
    cited_by_count: int | None = None
    classification: str | None = None
    url: str | None = None
    trial: TrialInfo | None = None
    related: list[Record] = Field(default_factory=list)
    extra: dict[str, Any] = Field(default_factory=dict)
    source: Provenance | None = None
    study_id: str | None = None
    links: list[StudyLink] = Field(default_factory=list)
    merged_from: list[MergedFrom] = Field(default_factory=list)

    def to_json_dict(self) -> dict[str, Any]:
        """The record as a JSON-ready dict with keys in schema order."""
        return self.model_dump(mode="json")


Record.model_rebuild()

RECORD_FIELDS: tuple[str, ...] = tuple(Record.model_fields)
"""Top-level JSON keys of a record, in schema order."""
