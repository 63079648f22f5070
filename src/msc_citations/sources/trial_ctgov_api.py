"""ClinicalTrials.gov API v2 study JSON (``protocolSection`` and its modules) to a record.

:func:`record_from_api_v2` is public: the fetch layer turns every study it downloads into a
record with it, and the ``clinicaltrials`` source calls it for saved JSON (one study, a
``{"studies": [...]}`` search page, or ``{"study": {...}}``).
"""

from __future__ import annotations

from typing import Any

from ..model import Funding, Outcome, Provenance, Record
from .trial_common import outcome
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


def _d(obj: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(obj, dict):
            return None
        obj = obj.get(key)
    return obj


def _s(obj: Any, *path: str) -> str | None:
    value = _d(obj, *path)
    return value.strip() if isinstance(value, str) and value.strip() else None


def _list(obj: Any, *path: str) -> list[Any]:
    value = _d(obj, *path)
    return value if isinstance(value, list) else []


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
        return [s for s in _list(data, "studies") if is_api_v2_study(s)]
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
    facts.summary = _s(p, "descriptionModule", "briefSummary")
    facts.extra["detailed_description"] = _s(p, "descriptionModule", "detailedDescription")
    facts.conditions = [c for c in _list(p, "conditionsModule", "conditions") if isinstance(c, str)]
    facts.keywords = [k for k in _list(p, "conditionsModule", "keywords") if isinstance(k, str)]
    facts.interventions = [n for i in _list(p, "armsInterventionsModule", "interventions") if (n := _s(i, "name"))]
    facts.extra["intervention_types"] = [
        t for i in _list(p, "armsInterventionsModule", "interventions") if (t := _s(i, "type"))
    ]
    facts.outcomes = _outcomes(p)
    _eligibility(p, facts)
    _locations(p, facts)
    _references(p, facts)
    derived = study.get("derivedSection") if isinstance(study, dict) else None
    facts.mesh_terms = [t for m in _list(derived, "conditionBrowseModule", "meshes") if (t := _s(m, "term"))]
    if isinstance(study, dict) and isinstance(study.get("hasResults"), bool):
        facts.extra["has_results"] = study["hasResults"]
    if facts.trial_id:
        facts.url = STUDY_URL.format(nct=facts.trial_id)
    return build_trial_record(facts, provenance)


def _identification(p: dict[str, Any], facts: TrialFacts) -> None:
    ident = p.get("identificationModule")
    facts.trial_id = _s(ident, "nctId")
    facts.title = _s(ident, "briefTitle") or _s(ident, "officialTitle")
    facts.extra["official_title"] = _s(ident, "officialTitle")
    facts.extra["acronym"] = _s(ident, "acronym")
    facts.extra["org_study_id"] = _s(ident, "orgStudyIdInfo", "id")
    facts.extra["organization"] = _s(ident, "organization", "fullName")
    for info in _list(ident, "secondaryIdInfos"):
        value = _s(info, "id")
        kind = _s(info, "type") or ""
        if not value:
            continue
        if kind in GRANT_TYPES:
            funder = GRANT_TYPES[kind] or _s(info, "domain")
            facts.funding.append(Funding(funder=funder, award_ids=[value]))
        else:
            facts.secondary_ids.append((value, _s(info, "domain") or kind or None))
    facts.extra["nct_aliases"] = [a for a in _list(ident, "nctIdAliases") if isinstance(a, str)]


def _status(p: dict[str, Any], facts: TrialFacts) -> None:
    st = p.get("statusModule")
    facts.status = _s(st, "overallStatus")
    facts.extra["why_stopped"] = _s(st, "whyStopped")
    facts.extra["last_known_status"] = _s(st, "lastKnownStatus")
    facts.start_date = _s(st, "startDateStruct", "date")
    facts.completion_date = _s(st, "completionDateStruct", "date")
    facts.registration_date = _s(st, "studyFirstSubmitDate")
    for key, name in EXTRA_STATUS_DATES.items():
        facts.extra[name] = _s(st, key, "date")


def _sponsors(p: dict[str, Any], facts: TrialFacts) -> None:
    sp = p.get("sponsorCollaboratorsModule")
    facts.sponsor = _s(sp, "leadSponsor", "name")
    facts.collaborators = [n for c in _list(sp, "collaborators") if (n := _s(c, "name"))]


def _design(p: dict[str, Any], facts: TrialFacts) -> None:
    design = p.get("designModule")
    info = _d(design, "designInfo")
    facts.study_type = _s(design, "studyType")
    phases = [x for x in _list(design, "phases") if isinstance(x, str)]
    facts.phase = phases or None
    facts.allocation = _s(info, "allocation")
    facts.intervention_model = _s(info, "interventionModel")
    facts.purpose = _s(info, "primaryPurpose")
    facts.masking = _s(info, "maskingInfo", "masking")
    facts.extra["who_masked"] = [w for w in _list(info, "maskingInfo", "whoMasked") if isinstance(w, str)]
    count = _d(design, "enrollmentInfo", "count")
    facts.enrollment = count if isinstance(count, int) else None
    facts.extra["enrollment_type"] = _s(design, "enrollmentInfo", "type")


def _outcomes(p: dict[str, Any]) -> list[Outcome]:
    out: list[Outcome] = []
    for key, kind in OUTCOME_KINDS:
        for item in _list(p, "outcomesModule", key):
            o = outcome(kind, _s(item, "measure") or "", _s(item, "description"), _s(item, "timeFrame"))
            if o is not None:
                out.append(o)
    return out


def _eligibility(p: dict[str, Any], facts: TrialFacts) -> None:
    el = p.get("eligibilityModule")
    facts.extra["eligibility"] = _s(el, "eligibilityCriteria")
    facts.extra["sex"] = _s(el, "sex")
    facts.extra["minimum_age"] = _s(el, "minimumAge")
    facts.extra["maximum_age"] = _s(el, "maximumAge")


def _locations(p: dict[str, Any], facts: TrialFacts) -> None:
    for loc in _list(p, "contactsLocationsModule", "locations"):
        parts = [_s(loc, k) for k in ("facility", "city", "state", "country")]
        site = ", ".join(x for x in parts if x)
        if site:
            facts.sites.append(site)
    officials = [
        {"name": _s(o, "name"), "affiliation": _s(o, "affiliation"), "role": _s(o, "role")}
        for o in _list(p, "contactsLocationsModule", "overallOfficials")
    ]
    facts.extra["officials"] = officials


def _references(p: dict[str, Any], facts: TrialFacts) -> None:
    refs = [
        {"pmid": _s(r, "pmid"), "citation": _s(r, "citation"), "type": _s(r, "type")}
        for r in _list(p, "referencesModule", "references")
    ]
    facts.extra["references"] = [r for r in refs if r["pmid"] or r["citation"]]
    links = [{"label": _s(x, "label"), "url": _s(x, "url")} for x in _list(p, "referencesModule", "seeAlsoLinks")]
    facts.extra["see_also_links"] = [x for x in links if x["url"]]
