"""ClinicalTrials.gov classic API JSON (``FullStudiesResponse``, retired in 2024) to a record.

Reviewers kept many answers of the classic API: ``{"FullStudiesResponse": {"FullStudies":
[{"Study": {...}}]}}`` or a bare ``{"Study": {...}}``, with PascalCase modules
(``ProtocolSection.IdentificationModule.NCTId``) and lists wrapped in ``...List`` objects.
The facts go through the same builder as API v2 and the legacy XML.
"""

from __future__ import annotations

from typing import Any

from ..model import Outcome, Provenance, Record
from .trial_common import json_at, json_list, json_text, outcome
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


def _strings(obj: Any, list_key: str, item_key: str) -> list[str]:
    return [x.strip() for x in json_list(obj, list_key, item_key) if isinstance(x, str) and x.strip()]


def v1_studies_in(data: Any) -> list[dict[str, Any]]:
    """The ``Study`` objects of a saved classic-API answer (empty for anything else)."""
    if not isinstance(data, dict):
        return []
    if isinstance(json_at(data, "Study", "ProtocolSection"), dict):
        return [data["Study"]]
    full = json_at(data, "FullStudiesResponse", "FullStudies")
    if not isinstance(full, list):
        return []
    return [s["Study"] for s in full if isinstance(json_at(s, "Study", "ProtocolSection"), dict)]


def record_from_api_v1(study: dict[str, Any], provenance: Provenance | None = None) -> Record:
    """A ``clinical-trial`` record from one classic-API ``Study`` object."""
    p = study.get("ProtocolSection") if isinstance(study, dict) else None
    p = p if isinstance(p, dict) else {}
    f = TrialFacts()
    _identification(p.get("IdentificationModule"), f)
    _status(p.get("StatusModule"), f)
    sponsors = p.get("SponsorCollaboratorsModule")
    f.sponsor = json_text(sponsors, "LeadSponsor", "LeadSponsorName")
    f.collaborators = [
        n for c in json_list(sponsors, "CollaboratorList", "Collaborator") if (n := json_text(c, "CollaboratorName"))
    ]
    f.summary = json_text(p, "DescriptionModule", "BriefSummary")
    f.extra["detailed_description"] = json_text(p, "DescriptionModule", "DetailedDescription")
    f.conditions = _strings(p.get("ConditionsModule"), "ConditionList", "Condition")
    f.keywords = _strings(p.get("ConditionsModule"), "KeywordList", "Keyword")
    _design(p.get("DesignModule"), f)
    interventions = json_list(p.get("ArmsInterventionsModule"), "InterventionList", "Intervention")
    f.interventions = [n for i in interventions if (n := json_text(i, "InterventionName"))]
    f.extra["intervention_types"] = [t for i in interventions if (t := json_text(i, "InterventionType"))]
    f.outcomes = _outcomes(p.get("OutcomesModule"))
    _people_and_places(p, f)
    meshes = json_list(json_at(study, "DerivedSection", "ConditionBrowseModule"), "ConditionMeshList", "ConditionMesh")
    f.mesh_terms = [t for m in meshes if (t := json_text(m, "ConditionMeshTerm"))]
    if f.trial_id:
        f.url = STUDY_URL.format(nct=f.trial_id)
    return build_trial_record(f, provenance)


def _identification(ident: Any, f: TrialFacts) -> None:
    f.trial_id = json_text(ident, "NCTId")
    f.title = json_text(ident, "BriefTitle") or json_text(ident, "OfficialTitle")
    f.extra["official_title"] = json_text(ident, "OfficialTitle")
    f.extra["acronym"] = json_text(ident, "Acronym")
    f.extra["org_study_id"] = json_text(ident, "OrgStudyIdInfo", "OrgStudyId")
    f.extra["organization"] = json_text(ident, "Organization", "OrgFullName")
    for info in json_list(ident, "SecondaryIdInfoList", "SecondaryIdInfo"):
        value = json_text(info, "SecondaryId")
        if value:
            f.secondary_ids.append((value, json_text(info, "SecondaryIdDomain") or json_text(info, "SecondaryIdType")))


def _status(st: Any, f: TrialFacts) -> None:
    f.status = json_text(st, "OverallStatus")
    f.extra["why_stopped"] = json_text(st, "WhyStopped")
    f.start_date = json_text(st, "StartDateStruct", "StartDate")
    f.completion_date = json_text(st, "CompletionDateStruct", "CompletionDate")
    f.registration_date = json_text(st, "StudyFirstSubmitDate")
    for name, path in EXTRA_DATES.items():
        f.extra[name] = json_text(st, *path)


def _design(design: Any, f: TrialFacts) -> None:
    info = json_at(design, "DesignInfo")
    f.study_type = json_text(design, "StudyType")
    f.phase = _strings(design, "PhaseList", "Phase") or None
    f.allocation = json_text(info, "DesignAllocation")
    f.intervention_model = json_text(info, "DesignInterventionModel")
    f.purpose = json_text(info, "DesignPrimaryPurpose")
    f.masking = json_text(info, "DesignMaskingInfo", "DesignMasking")
    count = json_text(design, "EnrollmentInfo", "EnrollmentCount")
    f.enrollment = int(count) if count and count.isdigit() else None
    f.extra["enrollment_type"] = json_text(design, "EnrollmentInfo", "EnrollmentType")


def _outcomes(module: Any) -> list[Outcome]:
    out: list[Outcome] = []
    for list_key, item_key, kind in OUTCOME_LISTS:
        for item in json_list(module, list_key, item_key):
            o = outcome(
                kind,
                json_text(item, f"{item_key}Measure") or "",
                json_text(item, f"{item_key}Description"),
                json_text(item, f"{item_key}TimeFrame"),
            )
            if o is not None:
                out.append(o)
    return out


def _people_and_places(p: dict[str, Any], f: TrialFacts) -> None:
    contacts = p.get("ContactsLocationsModule")
    for loc in json_list(contacts, "LocationList", "Location"):
        parts = [json_text(loc, k) for k in ("LocationFacility", "LocationCity", "LocationState", "LocationCountry")]
        site = ", ".join(x for x in parts if x)
        if site:
            f.sites.append(site)
    f.extra["officials"] = [
        {
            "name": json_text(o, "OverallOfficialName"),
            "affiliation": json_text(o, "OverallOfficialAffiliation"),
            "role": json_text(o, "OverallOfficialRole"),
        }
        for o in json_list(contacts, "OverallOfficialList", "OverallOfficial")
    ]
    refs = [
        {
            "pmid": json_text(r, "ReferencePMID"),
            "citation": json_text(r, "ReferenceCitation"),
            "type": _reference_type(r),
        }
        for r in json_list(p.get("ReferencesModule"), "ReferenceList", "Reference")
    ]
    f.extra["references"] = [r for r in refs if r["pmid"] or r["citation"]]
    eligibility = p.get("EligibilityModule")
    f.extra["eligibility"] = json_text(eligibility, "EligibilityCriteria")
    f.extra["sex"] = json_text(eligibility, "Gender")
    f.extra["minimum_age"] = json_text(eligibility, "MinimumAge")
    f.extra["maximum_age"] = json_text(eligibility, "MaximumAge")


def _reference_type(ref: Any) -> str | None:
    """The classic API writes ``result``/``background``; API v2 and the XML write capitals."""
    kind = json_text(ref, "ReferenceType")
    return kind.upper() if kind else None
