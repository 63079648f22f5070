"""One record builder for every trial-registry source.

Each source gathers what its page or file states into :class:`TrialFacts` (values as the
registry writes them); :func:`build_trial_record` maps the vocabularies onto
ClinicalTrials.gov's enums, keeps the registry's own wording in ``extra`` and returns a
``type="clinical-trial"`` record. Building every shape through one function is what makes
the same trial give the same record from a page, the API JSON or the legacy XML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import AltTitle, Funding, Outcome, Provenance, Record, RegistryId, TrialInfo
from .trial_common import (
    date_parts,
    iso_date,
    iso_from_parts,
    keep_wording,
    map_phase,
    map_status,
    map_term,
    paragraphs,
    registry_id,
)


@dataclass
class TrialFacts:
    """What a registry record states, as written."""

    trial_id: str | None = None
    title: str | None = None
    alt_titles: list[tuple[str, str | None]] = field(default_factory=list)
    secondary_ids: list[tuple[str, str | None]] = field(default_factory=list)
    status: str | None = None
    phase: str | list[str] | None = None
    study_type: str | None = None
    allocation: str | None = None
    masking: str | None = None
    purpose: str | None = None
    intervention_model: str | None = None
    enrollment: int | None = None
    conditions: list[str] = field(default_factory=list)
    interventions: list[str] = field(default_factory=list)
    sponsor: str | None = None
    collaborators: list[str] = field(default_factory=list)
    sites: list[str] = field(default_factory=list)
    start_date: str | None = None
    completion_date: str | None = None
    registration_date: str | None = None
    outcomes: list[Outcome] = field(default_factory=list)
    summary: str | None = None
    keywords: list[str] = field(default_factory=list)
    mesh_terms: list[str] = field(default_factory=list)
    language: str | None = None
    country: str | None = None
    url: str | None = None
    funding: list[Funding] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


TERM_TABLES = ("study_type", "allocation", "masking", "purpose", "intervention_model")
TEXT_EXTRA = ("detailed_description", "eligibility", "why_stopped", "official_title")
"""Free-text extras whose white space is collapsed per paragraph."""
DATE_EXTRA = ("first_posted", "last_update_posted", "primary_completion_date", "results_first_posted", "last_verified")
"""Date extras written as ISO text, whatever the shape wrote."""


def _registry_ids(facts: TrialFacts) -> tuple[list[RegistryId], list[dict[str, str | None]]]:
    """Registrations among the trial's ids, and the other ids (sponsor codes, CTRP...)."""
    out: list[RegistryId] = []
    other: list[dict[str, str | None]] = []
    for value, domain in [(facts.trial_id, None), *facts.secondary_ids]:
        if not value:
            continue
        reg = registry_id(value, domain)
        if reg is None:
            other.append({"id": value, "domain": domain})
        elif all(r.id.casefold() != reg.id.casefold() for r in out):
            out.append(reg)
    return out, other


def build_trial_record(facts: TrialFacts, provenance: Provenance | None) -> Record:
    """The unified record for ``facts`` (pure; the registry's words kept in ``extra``)."""
    registry_ids, other_ids = _registry_ids(facts)
    extra = _clean_extra(facts.extra)
    if other_ids:
        extra["secondary_ids"] = other_ids
    written = facts.registration_date
    year, month, day = parts = date_parts(written)
    registered = iso_from_parts(written, parts) if written and year is not None else iso_date(written)
    trial = _trial_info(facts, extra, registered)
    return Record(
        type="clinical-trial",
        title=facts.title,
        alt_titles=[AltTitle(text=t, language=lang) for t, lang in facts.alt_titles if t and t != facts.title],
        year=year,
        month=month,
        day=day,
        registry_ids=registry_ids,
        funding=facts.funding,
        abstract=paragraphs(facts.summary),
        keywords=_unique(facts.keywords),
        mesh_terms=_unique(facts.mesh_terms),
        language=facts.language,
        country=facts.country,
        url=facts.url,
        trial=trial,
        extra={k: v for k, v in extra.items() if v not in (None, "", [], {})},
        source=provenance,
    )


def _clean_extra(raw: dict[str, Any]) -> dict[str, Any]:
    extra = dict(raw)
    for key in TEXT_EXTRA:
        if isinstance(extra.get(key), str):
            extra[key] = paragraphs(extra[key])
    for key in DATE_EXTRA:
        if isinstance(extra.get(key), str):
            extra[key] = iso_date(extra[key])
    return extra


def _trial_info(facts: TrialFacts, extra: dict[str, Any], registration_date: str | None) -> TrialInfo:
    """The design block in ClinicalTrials.gov enums; the registry's own words go to ``extra``."""
    status = map_status(facts.status)
    keep_wording(extra, "status", facts.status, status)
    phase = map_phase(facts.phase) if facts.phase else None
    raw_phase = facts.phase if isinstance(facts.phase, str) else " / ".join(facts.phase or [])
    keep_wording(extra, "phase", raw_phase, phase)
    terms: dict[str, str | None] = {}
    for table in TERM_TABLES:
        raw = getattr(facts, table)
        terms[table] = map_term(table, raw)
        keep_wording(extra, table, raw, terms[table])
    return TrialInfo(
        status=status,
        phase=phase,
        enrollment=facts.enrollment,
        conditions=_unique(facts.conditions),
        interventions=_unique(facts.interventions),
        sponsor=facts.sponsor,
        collaborators=_unique(facts.collaborators),
        sites=[s.strip() for s in facts.sites if s and s.strip()],  # one per listed site, repeats kept
        start_date=iso_date(facts.start_date),
        completion_date=iso_date(facts.completion_date),
        registration_date=registration_date,
        outcomes=facts.outcomes,
        **terms,
    )


def _unique(values: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for v in values:
        v = (v or "").strip()
        if v and v not in seen:
            seen[v] = None
    return list(seen)
