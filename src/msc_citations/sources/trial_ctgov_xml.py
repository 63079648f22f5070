"""ClinicalTrials.gov legacy XML (``<clinical_study>``, the pre-2024 download format)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import Outcome, Provenance, Record
from .trial_common import outcome
from .trial_record import TERM_TABLES, TrialFacts, build_trial_record

if TYPE_CHECKING:
    from lxml import etree

STUDY_URL = "https://clinicaltrials.gov/study/{nct}"
OUTCOME_TAGS: tuple[tuple[str, str], ...] = (
    ("primary_outcome", "primary"),
    ("secondary_outcome", "secondary"),
    ("other_outcome", "other"),
)
DESIGN_KEYS: dict[str, str] = {
    "Allocation": "allocation",
    "Intervention Model": "intervention_model",
    "Masking": "masking",
    "Primary Purpose": "purpose",
    "Endpoint Classification": "endpoint_classification",
    "Observational Model": "observational_model",
    "Time Perspective": "time_perspective",
}
"""Keys of the one-line ``<study_design>`` of records before 2017."""
DESIGN_KEY = re.compile(r"(?:^|,\s)(" + "|".join(DESIGN_KEYS) + r"):\s*")
EXTRA_TEXT: dict[str, str] = {
    "official_title": "official_title",
    "acronym": "acronym",
    "id_info/org_study_id": "org_study_id",
    "why_stopped": "why_stopped",
    "last_known_status": "last_known_status",
    "primary_completion_date": "primary_completion_date",
    "study_first_posted": "first_posted",
    "last_update_posted": "last_update_posted",
    "detailed_description/textblock": "detailed_description",
    "eligibility/criteria/textblock": "eligibility",
    "eligibility/gender": "sex",
    "eligibility/minimum_age": "minimum_age",
    "eligibility/maximum_age": "maximum_age",
    "enrollment/@type": "enrollment_type",
    "study_design": "study_design",
}


def _t(el: etree._Element | None, path: str) -> str | None:
    if el is None:
        return None
    if "/@" in path or path.startswith("@"):
        node_path, _, attr = path.rpartition("@")
        node = el.find(node_path.rstrip("/")) if node_path.rstrip("/") else el
        value = node.get(attr) if node is not None else None
        return value.strip() if value and value.strip() else None
    node = el.find(path)
    if node is None:
        return None
    text = _text(node)
    return text or None


def _all(el: etree._Element, path: str) -> list[str]:
    return [t for node in el.findall(path) if (t := _text(node))]


def _text(node: etree._Element) -> str:
    return "".join(x for x in node.itertext() if isinstance(x, str)).strip()


def is_legacy_xml(root: etree._Element | None) -> bool:
    """True for a ``<clinical_study>`` document."""
    return root is not None and isinstance(root.tag, str) and root.tag == "clinical_study"


def record_from_legacy_xml(root: etree._Element, provenance: Provenance | None = None) -> Record:
    """A ``clinical-trial`` record from a legacy ``<clinical_study>`` element."""
    f = TrialFacts()
    f.trial_id = _t(root, "id_info/nct_id")
    f.secondary_ids = [(x, None) for x in _all(root, "id_info/secondary_id")]
    f.extra["nct_aliases"] = _all(root, "id_info/nct_alias")
    f.title = _t(root, "brief_title") or _t(root, "official_title")
    for path, name in EXTRA_TEXT.items():
        f.extra[name] = _t(root, path)
    f.status = _t(root, "overall_status")
    f.phase = _t(root, "phase")
    f.study_type = _t(root, "study_type")
    f.allocation = _t(root, "study_design_info/allocation")
    f.intervention_model = _t(root, "study_design_info/intervention_model")
    f.purpose = _t(root, "study_design_info/primary_purpose")
    f.masking = _t(root, "study_design_info/masking")
    _old_design(_t(root, "study_design"), f)
    enrollment = _t(root, "enrollment")
    f.enrollment = int(enrollment) if enrollment and enrollment.isdigit() else None
    f.conditions = _all(root, "condition")
    f.keywords = _all(root, "keyword")
    f.mesh_terms = _all(root, "condition_browse/mesh_term")
    f.interventions = _all(root, "intervention/intervention_name")
    f.extra["intervention_types"] = _all(root, "intervention/intervention_type")
    f.sponsor = _t(root, "sponsors/lead_sponsor/agency")
    f.collaborators = _all(root, "sponsors/collaborator/agency")
    f.start_date = _t(root, "start_date")
    f.completion_date = _t(root, "completion_date")
    f.registration_date = _t(root, "study_first_submitted") or _t(root, "firstreceived_date")
    f.summary = _t(root, "brief_summary/textblock")
    f.outcomes = _outcomes(root)
    f.sites = _sites(root)
    f.extra["references"] = _references(root)
    f.extra["countries"] = _all(root, "location_countries/country")
    f.extra["removed_countries"] = _all(root, "removed_countries/country")
    f.extra["see_also_links"] = [
        {"label": _t(link, "description"), "url": _t(link, "url")} for link in root.findall("link") if _t(link, "url")
    ]
    f.extra["officials"] = [
        {"name": _t(o, "last_name"), "affiliation": _t(o, "affiliation"), "role": _t(o, "role")}
        for o in root.findall("overall_official")
    ]
    if f.trial_id:
        f.url = STUDY_URL.format(nct=f.trial_id)
    return build_trial_record(f, provenance)


def _outcomes(root: etree._Element) -> list[Outcome]:
    out: list[Outcome] = []
    for tag, kind in OUTCOME_TAGS:
        for node in root.findall(tag):
            o = outcome(kind, _t(node, "measure") or "", _t(node, "description"), _t(node, "time_frame"))
            if o is not None:
                out.append(o)
    return out


def _sites(root: etree._Element) -> list[str]:
    sites: list[str] = []
    for loc in root.findall("location/facility"):
        parts = [_t(loc, p) for p in ("name", "address/city", "address/state", "address/country")]
        site = ", ".join(x for x in parts if x)
        if site:
            sites.append(site)
    return sites


def _references(root: etree._Element) -> list[dict[str, str | None]]:
    refs: list[dict[str, str | None]] = []
    for tag, kind in (("reference", "BACKGROUND"), ("results_reference", "RESULT")):
        for node in root.findall(tag):
            refs.append({"pmid": _t(node, "PMID"), "citation": _t(node, "citation"), "type": kind})
    return [r for r in refs if r["pmid"] or r["citation"]]


def study_design_parts(text: str | None) -> dict[str, str]:
    """The one-line design of older records, by key.

    >>> study_design_parts("Allocation: Randomized, Masking: Double Blind (Subject, Investigator)")
    {'Allocation': 'Randomized', 'Masking': 'Double Blind (Subject, Investigator)'}
    """
    if not text:
        return {}
    marks = list(DESIGN_KEY.finditer(text))
    out: dict[str, str] = {}
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        out[m.group(1)] = text[m.end() : end].strip().rstrip(",").strip()
    return out


def _old_design(text: str | None, f: TrialFacts) -> None:
    """Design terms of the one-line form fill what ``<study_design_info>`` did not state;
    the others (endpoint classification, observational model...) go to ``extra``."""
    for key, value in study_design_parts(text).items():
        attr = DESIGN_KEYS[key]
        if attr in TERM_TABLES:
            if getattr(f, attr) is None:
                setattr(f, attr, value)
        else:
            f.extra[attr] = value
