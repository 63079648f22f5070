"""ClinicalTrials.gov API v2 study JSON (``protocolSection`` and its modules) to a record.

:func:`record_from_api_v2` is public: the fetch layer turns every study it downloads into a
record with it, and the ``clinicaltrials`` source calls it for saved JSON (one study, a
``{"studies": [...]}`` search page, or ``{"study": {...}}``).
"""

from __future__ import annotations

from typing import Any

from ..model import Funding, Outcome, Provenance, Record
from .trial_common import json_at, json_list, json_text, outcome
from .trial_record import TrialFacts, build_trial_record

STUDY_URL = "https://clinicaltrials.gov/study/{nct}"
GRANT_TYPES: dict[str, str] = {
    "NIH": "National Institutes of Health",
    "FDA": "Food and Drug Administration",
    "VA": "Department of Veterans Affairs",
    "CDC": "Centers for Disease Control and Prevention",
    "AHRQ": "Agency for Healthcare Research and Quality",
    "SAMHSA": "Substance Abuse and Mental Health Services Administration",
    "OTHER_GRANT": "",
}
"""Secondary-id types that are grants (they go to ``funding``), with the funder they name."""
OUTCOME_KINDS: tuple[tuple[str, str], ...] = (
    ("primaryOutcomes", "primary"),
    ("secondaryOutcomes", "secondary"),
    ("otherOutcomes", "other"),
)
EXTRA_STATUS_DATES: dict[str, str] = {
    "primaryCompletionDateStruct": "primary_completion_date",
    "studyFirstPostDateStruct": "first_posted",
    "lastUpdatePostDateStruct": "last_update_posted",
    "resultsFirstPostDateStruct": "results_first_posted",
}


def is_api_v2_study(data: Any) -> bool:
    """True for a study object of the API v2 (it has ``protocolSection``)."""
    return isinstance(data, dict) and isinstance(data.get("protocolSection"), dict)


def studies_in(data: Any) -> list[dict[str, Any]]:
    """The study objects in a saved API answer: one study, ``{"studies": [...]}`` or
    ``{"study": {...}}``; an empty list for anything else."""
    if is_api_v2_study(data):
        return [data]
    if isinstance(data, dict):
        if is_api_v2_study(data.get("study")):
            return [data["study"]]
        return [s for s in json_list(data, "studies") if is_api_v2_study(s)]
    if isinstance(data, list):
        return [s for s in data if is_api_v2_study(s)]
    return []


def record_from_api_v2(study: dict[str, Any], provenance: Provenance | None = None) -> Record:
    """A ``clinical-trial`` record from one API v2 study object.

    >>> rec = record_from_api_v2({"protocolSection": {"identificationModule": {"nctId": "NCT01849887",
    ...     "briefTitle": "Safety of MSCs"}, "statusModule": {"overallStatus": "WITHDRAWN"}}})
    >>> rec.registry_ids[0].id, rec.trial.status
    ('NCT01849887', 'WITHDRAWN')
    """
    facts = TrialFacts()
    p = study.get("protocolSection") if isinstance(study, dict) else None
    p = p if isinstance(p, dict) else {}
    _identification(p, facts)
    _status(p, facts)
    _sponsors(p, facts)
    _design(p, facts)
    facts.summary = json_text(p, "descriptionModule", "briefSummary")
    facts.extra["detailed_description"] = json_text(p, "descriptionModule", "detailedDescription")
    facts.conditions = [c for c in json_list(p, "conditionsModule", "conditions") if isinstance(c, str)]
    facts.keywords = [k for k in json_list(p, "conditionsModule", "keywords") if isinstance(k, str)]
    facts.interventions = [
        n for i in json_list(p, "armsInterventionsModule", "interventions") if (n := json_text(i, "name"))
    ]
    facts.extra["intervention_types"] = [
        t for i in json_list(p, "armsInterventionsModule", "interventions") if (t := json_text(i, "type"))
    ]
    facts.outcomes = _outcomes(p)
    _eligibility(p, facts)
    _locations(p, facts)
    _references(p, facts)
    derived = study.get("derivedSection") if isinstance(study, dict) else None
    facts.mesh_terms = [t for m in json_list(derived, "conditionBrowseModule", "meshes") if (t := json_text(m, "term"))]
    if isinstance(study, dict) and isinstance(study.get("hasResults"), bool):
        facts.extra["has_results"] = study["hasResults"]
    if facts.trial_id:
        facts.url = STUDY_URL.format(nct=facts.trial_id)
    return build_trial_record(facts, provenance)


def _identification(p: dict[str, Any], facts: TrialFacts) -> None:
    ident = p.get("identificationModule")
    facts.trial_id = json_text(ident, "nctId")
    facts.title = json_text(ident, "briefTitle") or json_text(ident, "officialTitle")
    facts.extra["official_title"] = json_text(ident, "officialTitle")
    facts.extra["acronym"] = json_text(ident, "acronym")
    facts.extra["org_study_id"] = json_text(ident, "orgStudyIdInfo", "id")
    facts.extra["organization"] = json_text(ident, "organization", "fullName")
    for info in json_list(ident, "secondaryIdInfos"):
        value = json_text(info, "id")
        kind = json_text(info, "type") or ""
        if not value:
            continue
        if kind in GRANT_TYPES:
            funder = GRANT_TYPES[kind] or json_text(info, "domain")
            facts.funding.append(Funding(funder=funder, award_ids=[value]))
        else:
            facts.secondary_ids.append((value, json_text(info, "domain") or kind or None))
    facts.extra["nct_aliases"] = [a for a in json_list(ident, "nctIdAliases") if isinstance(a, str)]


def _status(p: dict[str, Any], facts: TrialFacts) -> None:
    st = p.get("statusModule")
    facts.status = json_text(st, "overallStatus")
    facts.extra["why_stopped"] = json_text(st, "whyStopped")
    facts.extra["last_known_status"] = json_text(st, "lastKnownStatus")
    facts.start_date = json_text(st, "startDateStruct", "date")
    facts.completion_date = json_text(st, "completionDateStruct", "date")
    facts.registration_date = json_text(st, "studyFirstSubmitDate")
    for key, name in EXTRA_STATUS_DATES.items():
        facts.extra[name] = json_text(st, key, "date")


def _sponsors(p: dict[str, Any], facts: TrialFacts) -> None:
    sp = p.get("sponsorCollaboratorsModule")
    facts.sponsor = json_text(sp, "leadSponsor", "name")
    facts.collaborators = [n for c in json_list(sp, "collaborators") if (n := json_text(c, "name"))]


def _design(p: dict[str, Any], facts: TrialFacts) -> None:
    design = p.get("designModule")
    info = json_at(design, "designInfo")
    facts.study_type = json_text(design, "studyType")
    phases = [x for x in json_list(design, "phases") if isinstance(x, str)]
    facts.phase = phases or None
    facts.allocation = json_text(info, "allocation")
    facts.intervention_model = json_text(info, "interventionModel")
    facts.purpose = json_text(info, "primaryPurpose")
    facts.masking = json_text(info, "maskingInfo", "masking")
    facts.extra["who_masked"] = [w for w in json_list(info, "maskingInfo", "whoMasked") if isinstance(w, str)]
    count = json_at(design, "enrollmentInfo", "count")
    facts.enrollment = count if isinstance(count, int) else None
    facts.extra["enrollment_type"] = json_text(design, "enrollmentInfo", "type")


def _outcomes(p: dict[str, Any]) -> list[Outcome]:
    out: list[Outcome] = []
    for key, kind in OUTCOME_KINDS:
        for item in json_list(p, "outcomesModule", key):
            o = outcome(
                kind, json_text(item, "measure") or "", json_text(item, "description"), json_text(item, "timeFrame")
            )
            if o is not None:
                out.append(o)
    return out


def _eligibility(p: dict[str, Any], facts: TrialFacts) -> None:
    el = p.get("eligibilityModule")
    facts.extra["eligibility"] = json_text(el, "eligibilityCriteria")
    facts.extra["sex"] = json_text(el, "sex")
    facts.extra["minimum_age"] = json_text(el, "minimumAge")
    facts.extra["maximum_age"] = json_text(el, "maximumAge")


def _locations(p: dict[str, Any], facts: TrialFacts) -> None:
    for loc in json_list(p, "contactsLocationsModule", "locations"):
        parts = [json_text(loc, k) for k in ("facility", "city", "state", "country")]
        site = ", ".join(x for x in parts if x)
        if site:
            facts.sites.append(site)
    officials = [
        {"name": json_text(o, "name"), "affiliation": json_text(o, "affiliation"), "role": json_text(o, "role")}
        for o in json_list(p, "contactsLocationsModule", "overallOfficials")
    ]
    facts.extra["officials"] = officials


def _references(p: dict[str, Any], facts: TrialFacts) -> None:
    refs = [
        {"pmid": json_text(r, "pmid"), "citation": json_text(r, "citation"), "type": json_text(r, "type")}
        for r in json_list(p, "referencesModule", "references")
    ]
    facts.extra["references"] = [r for r in refs if r["pmid"] or r["citation"]]
    links = [
        {"label": json_text(x, "label"), "url": json_text(x, "url")}
        for x in json_list(p, "referencesModule", "seeAlsoLinks")
    ]
    facts.extra["see_also_links"] = [x for x in links if x["url"]]
