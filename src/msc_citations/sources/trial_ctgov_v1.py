"""ClinicalTrials.gov classic API JSON (``FullStudiesResponse``, retired in 2024) to a record.

Reviewers kept many answers of the classic API: ``{"FullStudiesResponse": {"FullStudies":
[{"Study": {...}}]}}`` or a bare ``{"Study": {...}}``, with PascalCase modules
(``ProtocolSection.IdentificationModule.NCTId``) and lists wrapped in ``...List`` objects.
The facts go through the same builder as API v2 and the legacy XML.
"""

from __future__ import annotations

from typing import Any

from ..model import Outcome, Provenance, Record
from .trial_common import outcome
from .trial_record import TrialFacts, build_trial_record

STUDY_URL = "https://clinicaltrials.gov/study/{nct}"
OUTCOME_LISTS: tuple[tuple[str, str, str], ...] = (
    ("PrimaryOutcomeList", "PrimaryOutcome", "primary"),
    ("SecondaryOutcomeList", "SecondaryOutcome", "secondary"),
    ("OtherOutcomeList", "OtherOutcome", "other"),
)
EXTRA_DATES: dict[str, tuple[str, ...]] = {
    "primary_completion_date": ("PrimaryCompletionDateStruct", "PrimaryCompletionDate"),
    "first_posted": ("StudyFirstPostDateStruct", "StudyFirstPostDate"),
    "last_update_posted": ("LastUpdatePostDateStruct", "LastUpdatePostDate"),
    "results_first_posted": ("ResultsFirstPostDateStruct", "ResultsFirstPostDate"),
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


def _items(obj: Any, list_key: str, item_key: str) -> list[Any]:
    """``{"ConditionList": {"Condition": [...]}}`` -> the list."""
    value = _d(obj, list_key, item_key)
    return value if isinstance(value, list) else []


def _strings(obj: Any, list_key: str, item_key: str) -> list[str]:
    return [x.strip() for x in _items(obj, list_key, item_key) if isinstance(x, str) and x.strip()]


def v1_studies_in(data: Any) -> list[dict[str, Any]]:
    """The ``Study`` objects of a saved classic-API answer (empty for anything else)."""
    if not isinstance(data, dict):
        return []
    if isinstance(_d(data, "Study", "ProtocolSection"), dict):
        return [data["Study"]]
    full = _d(data, "FullStudiesResponse", "FullStudies")
    if not isinstance(full, list):
        return []
    return [s["Study"] for s in full if isinstance(_d(s, "Study", "ProtocolSection"), dict)]


def record_from_api_v1(study: dict[str, Any], provenance: Provenance | None = None) -> Record:
    """A ``clinical-trial`` record from one classic-API ``Study`` object."""
    p = study.get("ProtocolSection") if isinstance(study, dict) else None
    p = p if isinstance(p, dict) else {}
    f = TrialFacts()
    _identification(p.get("IdentificationModule"), f)
    _status(p.get("StatusModule"), f)
    sponsors = p.get("SponsorCollaboratorsModule")
    f.sponsor = _s(sponsors, "LeadSponsor", "LeadSponsorName")
    f.collaborators = [
        n for c in _items(sponsors, "CollaboratorList", "Collaborator") if (n := _s(c, "CollaboratorName"))
    ]
    f.summary = _s(p, "DescriptionModule", "BriefSummary")
    f.extra["detailed_description"] = _s(p, "DescriptionModule", "DetailedDescription")
    f.conditions = _strings(p.get("ConditionsModule"), "ConditionList", "Condition")
    f.keywords = _strings(p.get("ConditionsModule"), "KeywordList", "Keyword")
    _design(p.get("DesignModule"), f)
    interventions = _items(p.get("ArmsInterventionsModule"), "InterventionList", "Intervention")
    f.interventions = [n for i in interventions if (n := _s(i, "InterventionName"))]
    f.extra["intervention_types"] = [t for i in interventions if (t := _s(i, "InterventionType"))]
    f.outcomes = _outcomes(p.get("OutcomesModule"))
    _people_and_places(p, f)
    meshes = _items(_d(study, "DerivedSection", "ConditionBrowseModule"), "ConditionMeshList", "ConditionMesh")
    f.mesh_terms = [t for m in meshes if (t := _s(m, "ConditionMeshTerm"))]
    if f.trial_id:
        f.url = STUDY_URL.format(nct=f.trial_id)
    return build_trial_record(f, provenance)


def _identification(ident: Any, f: TrialFacts) -> None:
    f.trial_id = _s(ident, "NCTId")
    f.title = _s(ident, "BriefTitle") or _s(ident, "OfficialTitle")
    f.extra["official_title"] = _s(ident, "OfficialTitle")
    f.extra["acronym"] = _s(ident, "Acronym")
    f.extra["org_study_id"] = _s(ident, "OrgStudyIdInfo", "OrgStudyId")
    f.extra["organization"] = _s(ident, "Organization", "OrgFullName")
    for info in _items(ident, "SecondaryIdInfoList", "SecondaryIdInfo"):
        value = _s(info, "SecondaryId")
        if value:
            f.secondary_ids.append((value, _s(info, "SecondaryIdDomain") or _s(info, "SecondaryIdType")))


def _status(st: Any, f: TrialFacts) -> None:
    f.status = _s(st, "OverallStatus")
    f.extra["why_stopped"] = _s(st, "WhyStopped")
    f.start_date = _s(st, "StartDateStruct", "StartDate")
    f.completion_date = _s(st, "CompletionDateStruct", "CompletionDate")
    f.registration_date = _s(st, "StudyFirstSubmitDate")
    for name, path in EXTRA_DATES.items():
        f.extra[name] = _s(st, *path)


def _design(design: Any, f: TrialFacts) -> None:
    info = _d(design, "DesignInfo")
    f.study_type = _s(design, "StudyType")
    f.phase = _strings(design, "PhaseList", "Phase") or None
    f.allocation = _s(info, "DesignAllocation")
    f.intervention_model = _s(info, "DesignInterventionModel")
    f.purpose = _s(info, "DesignPrimaryPurpose")
    f.masking = _s(info, "DesignMaskingInfo", "DesignMasking")
    count = _s(design, "EnrollmentInfo", "EnrollmentCount")
    f.enrollment = int(count) if count and count.isdigit() else None
    f.extra["enrollment_type"] = _s(design, "EnrollmentInfo", "EnrollmentType")


def _outcomes(module: Any) -> list[Outcome]:
    out: list[Outcome] = []
    for list_key, item_key, kind in OUTCOME_LISTS:
        for item in _items(module, list_key, item_key):
            o = outcome(
                kind,
                _s(item, f"{item_key}Measure") or "",
                _s(item, f"{item_key}Description"),
                _s(item, f"{item_key}TimeFrame"),
            )
            if o is not None:
                out.append(o)
    return out


def _people_and_places(p: dict[str, Any], f: TrialFacts) -> None:
    contacts = p.get("ContactsLocationsModule")
    for loc in _items(contacts, "LocationList", "Location"):
        parts = [_s(loc, k) for k in ("LocationFacility", "LocationCity", "LocationState", "LocationCountry")]
        site = ", ".join(x for x in parts if x)
        if site:
            f.sites.append(site)
    f.extra["officials"] = [
        {
            "name": _s(o, "OverallOfficialName"),
            "affiliation": _s(o, "OverallOfficialAffiliation"),
            "role": _s(o, "OverallOfficialRole"),
        }
        for o in _items(contacts, "OverallOfficialList", "OverallOfficial")
    ]
    refs = [
        {"pmid": _s(r, "ReferencePMID"), "citation": _s(r, "ReferenceCitation"), "type": _reference_type(r)}
        for r in _items(p.get("ReferencesModule"), "ReferenceList", "Reference")
    ]
    f.extra["references"] = [r for r in refs if r["pmid"] or r["citation"]]
    eligibility = p.get("EligibilityModule")
    f.extra["eligibility"] = _s(eligibility, "EligibilityCriteria")
    f.extra["sex"] = _s(eligibility, "Gender")
    f.extra["minimum_age"] = _s(eligibility, "MinimumAge")
    f.extra["maximum_age"] = _s(eligibility, "MaximumAge")


def _reference_type(ref: Any) -> str | None:
    """The classic API writes ``result``/``background``; API v2 and the XML write capitals."""
    kind = _s(ref, "ReferenceType")
    return kind.upper() if kind else None
