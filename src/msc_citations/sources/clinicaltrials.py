"""ClinicalTrials.gov: the study page (copied text or saved HTML), API v2 JSON, legacy XML
(and the classic API's JSON that reviewers saved before 2024).

Every shape goes through one record builder (:mod:`.trial_record`), so the same trial read
from its page, its API v2 JSON or its legacy XML gives the same record wherever the inputs
state the same facts. :func:`record_from_api_v2` is re-exported for the fetch layer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import ClassVar

from ..document import Document, DocumentKind
from ..errors import DecodeError
from ..model import Outcome, Record
from ..results import ParseIssue, ParseResult
from .base import BaseSource
from .trial_common import (
    INLINE_TIME_FRAME,
    NCT_ID,
    Field,
    first_values,
    label_index,
    match_label,
    nct_from,
    outcome,
    split_labelled,
    to_int,
)
from .trial_ctgov_api import record_from_api_v2, studies_in
from .trial_ctgov_v1 import record_from_api_v1, v1_studies_in
from .trial_ctgov_xml import is_legacy_xml, record_from_legacy_xml
from .trial_record import TrialFacts, build_trial_record

__all__ = ["ClinicalTrialsSource", "record_from_api_v2"]

PAGE_MARKERS: tuple[str, ...] = ("ClinicalTrials.gov Identifier", "ClinicalTrials.gov ID")
URL_MARKER = re.compile(r"clinicaltrials\.gov/(?:study/|ct2/show/|show/)", re.IGNORECASE)

LABELS: dict[str, str] = {
    "ClinicalTrials.gov Identifier": "nct",
    "ClinicalTrials.gov ID": "nct",
    "Recruitment Status": "status",
    "Overall Status": "status",
    "First received": "registration_date",
    "First Submitted": "registration_date",
    "First Posted": "first_posted",
    "Last updated": "last_update_posted",
    "Last Update Posted": "last_update_posted",
    "Last verified": "last_verified",
    "Sponsor": "sponsor",
    "Information provided by (Responsible Party)": "responsible_party",
    "Purpose": "summary",
    "Brief Summary": "summary",
    "Condition Intervention Phase": "cip",
    "Condition or disease": "cip",
    "Study Type": "study_type",
    "Study Design": "design_header",
    "Phase": "phase",
    "Allocation": "allocation",
    "Intervention Model": "intervention_model",
    "Interventional Model": "intervention_model",
    "Masking": "masking",
    "Primary Purpose": "purpose",
    "Official Title": "official_title",
    "Enrollment": "enrollment",
    "Actual Enrollment": "enrollment",
    "Estimated Enrollment": "enrollment",
    "Anticipated Enrollment": "enrollment",
    "Study Start Date": "start_date",
    "Actual Study Start Date": "start_date",
    "Study Completion Date": "completion_date",
    "Actual Study Completion Date": "completion_date",
    "Estimated Study Completion Date": "completion_date",
    "Primary Completion Date": "primary_completion_date",
    "Actual Primary Completion Date": "primary_completion_date",
    "Estimated Primary Completion Date": "primary_completion_date",
    "Primary Outcome Measures": "primary",
    "Secondary Outcome Measures": "secondary",
    "Other Outcome Measures": "other",
    "Arm": "arms",
}
"""Study page labels, classic (``Study Type:``) and table (``Study Type : |``) layouts."""

OUTCOME_KEYS = frozenset({"primary", "secondary", "other"})
FURNITURE: tuple[str, ...] = (
    "This site became the new ClinicalTrials.gov",
    "Show more",
    "ClinicalTrials.gov Menu",
    "Give us feedback",
    "![]()",
    "The safety and scientific validity of this study",
    "- Study Details",
    "- Tabular View",
    "- No Results Posted",
    "- Disclaimer",
    "- How to Read a Study Record",
    "Resource links provided by NLM",
    "Further study details as provided by",
    "---|",
)
"""Banner, menu and table-rule lines of the study page."""

STUDY_HAS_BEEN = re.compile(r"^This study (?:has been|is) (?P<status>.{3,80}?)\.$")
WHY_STOPPED = re.compile(r"^\((?P<why>.{2,500})\)$")
INTERVENTION_TYPES = (
    "Drug|Biological|Device|Procedure|Other|Behavioral|Genetic|Radiation|Dietary Supplement|"
    "Combination Product|Diagnostic Test"
)
INTERVENTION_SPLIT = re.compile(rf"(?:^|\s)(?:{INTERVENTION_TYPES}):\s")
CIP_ROW = re.compile(
    rf"^(?P<cond>.{{1,600}}?)\s+(?P<interv>(?:{INTERVENTION_TYPES}):\s.{{1,600}}?)\s+"
    r"(?P<phase>(?:Early )?Phase \d(?:/Phase \d)?|N/A)$"
)
PHASE_VALUE = re.compile(r"^(?:(?:Early )?Phase \d(?:/Phase \d)?|N/A|Not Applicable)$")
CIP_HEADERS = frozenset({"Intervention/treatment", "Phase", "Condition or disease", "Condition Intervention Phase"})
BULLET = re.compile(r"^[•\-*·]\s*")
MAX_TITLE = 400


class ClinicalTrialsSource(BaseSource):
    """ClinicalTrials.gov study pages, API v2 JSON and legacy XML."""

    name: ClassVar[str] = "clinicaltrials"
    label: ClassVar[str] = "ClinicalTrials.gov (study page, API v2 JSON, classic API JSON, legacy XML)"
    priority: ClassVar[int] = 60
    input_kinds: ClassVar[tuple[DocumentKind, ...]] = ("text", "html", "json", "xml")
    max_score: ClassVar[float] = 0.95

    def detect(self, doc: Document) -> float:
        """API v2 JSON, ``<clinical_study>`` XML, or a page naming its ClinicalTrials.gov id."""
        if doc.kind == "json":
            head = doc.text[:200000]
            return 0.95 if '"protocolSection"' in head or '"ProtocolSection"' in head else 0.0
        if doc.kind == "xml":
            return 0.95 if is_legacy_xml(doc.tree) else 0.0
        head = doc.visible_text[:20000]
        if any(m in head for m in PAGE_MARKERS):
            return 0.9
        if URL_MARKER.search(doc.canonical_url or ""):
            # The address alone: mirror text pasted with its ClinicalTrials.gov link must
            # still go to the mirror source, whose labels score higher.
            return 0.6
        return 0.0

    def parse(self, doc: Document) -> ParseResult:
        """Records from any of the three shapes."""
        if doc.kind == "json":
            return self._parse_json(doc)
        if doc.kind == "xml":
            root = doc.tree
            if not is_legacy_xml(root) or root is None:
                return ParseResult(issues=[ParseIssue("not a <clinical_study> document", severity="error")])
            return ParseResult(records=[record_from_legacy_xml(root, self.provenance(doc))])
        return self._parse_page(doc)

    def _parse_json(self, doc: Document) -> ParseResult:
        try:
            data = doc.json
        except DecodeError as exc:
            return ParseResult(issues=[ParseIssue(exc.reason, severity="error")])
        studies = studies_in(data)
        if studies:
            return ParseResult(records=[record_from_api_v2(s, self.provenance(doc)) for s in studies])
        classic = v1_studies_in(data)
        if classic:
            return ParseResult(records=[record_from_api_v1(s, self.provenance(doc)) for s in classic])
        return ParseResult(
            issues=[ParseIssue("no ClinicalTrials.gov study (protocolSection) in the JSON", severity="error")]
        )

    def _parse_page(self, doc: Document) -> ParseResult:
        issues: list[ParseIssue] = []
        lines = [x for x in doc.lines if x and x != "|" and not x.startswith(FURNITURE)]
        head, fields = split_labelled(lines, LABELS)
        facts = _facts_from_fields(fields, head)
        facts.outcomes = _outcomes(lines)
        facts.trial_id = facts.trial_id or nct_from(doc.canonical_url, doc.name)
        if facts.trial_id:
            facts.url = doc.canonical_url or f"https://clinicaltrials.gov/study/{facts.trial_id}"
        if not facts.trial_id and not facts.title:
            return ParseResult(issues=[ParseIssue("no NCT id or title on the page", severity="error")])
        record: Record = build_trial_record(facts, self.provenance(doc))
        return ParseResult(records=[record], issues=issues)


def _facts_from_fields(fields: list[Field], head: Sequence[str]) -> TrialFacts:
    f = TrialFacts()
    first = first_values(fields)
    nct = first.get("nct")
    m = NCT_ID.search(nct or "")
    f.trial_id = "NCT" + m.group(1) if m else None
    f.title = next((x for x in head if _title_like(x)), None)
    _status(f, fields, head)
    f.sponsor = first.get("sponsor") or first.get("responsible_party")
    f.summary = first.get("summary")
    for key in ("study_type", "allocation", "intervention_model", "masking", "purpose"):
        setattr(f, key, first.get(key))
    f.enrollment = to_int(first.get("enrollment"))
    f.start_date = first.get("start_date")
    f.completion_date = first.get("completion_date")
    f.registration_date = first.get("registration_date")
    for key in ("official_title", "first_posted", "last_update_posted", "last_verified", "primary_completion_date"):
        f.extra[key] = first.get(key)
    _cip(f, fields)
    return f


def _title_like(line: str) -> bool:
    """A study title: one line, not a sentence of the summary, not the status notice."""
    if STUDY_HAS_BEEN.match(line) or WHY_STOPPED.match(line):
        return False
    return len(line) <= MAX_TITLE and not line.endswith(".")


def _status(f: TrialFacts, fields: list[Field], head: Sequence[str]) -> None:
    lines = next((x.lines for x in fields if x.key == "status" and x.lines), [])
    if not lines:
        lines = [x for x in head if STUDY_HAS_BEEN.match(x) or WHY_STOPPED.match(x)]
    for line in lines:
        has_been = STUDY_HAS_BEEN.match(line)
        why = WHY_STOPPED.match(line)
        if why:
            f.extra["why_stopped"] = why.group("why")
        elif has_been:
            f.status = f.status or has_been.group("status")
        else:
            f.status = f.status or line


def _cip(f: TrialFacts, fields: list[Field]) -> None:
    """The Condition / Intervention / Phase table: one row per line (``a | b | c`` or the
    classic run-together row) or, from saved HTML, one cell per line."""
    f.phase = next((v for v in (x.text for x in fields if x.key == "phase") if PHASE_VALUE.match(v)), None)
    for i, field in enumerate(fields):
        if field.key != "cip":
            continue
        lines = list(field.lines)
        if i + 1 < len(fields) and fields[i + 1].key == "phase" and not PHASE_VALUE.match(fields[i + 1].text):
            lines += fields[i + 1].lines  # the header's "Phase" cell read as a label
        for line in lines:
            cells = [c.strip() for c in line.split(" | ")] if " | " in line else []
            m = CIP_ROW.match(line) if not cells else None
            if len(cells) == 3:
                _cip_cells(f, cells)
            elif m:
                _cip_cells(f, [m.group("cond"), m.group("interv"), m.group("phase")])
        if not f.conditions and not f.interventions:
            _cip_cells(f, [x for x in lines if x not in CIP_HEADERS])


def _cip_cells(f: TrialFacts, cells: list[str]) -> None:
    for cell in cells:
        if PHASE_VALUE.match(cell):
            f.phase = f.phase or cell
        elif INTERVENTION_SPLIT.match(cell):
            f.interventions.extend(x.strip() for x in INTERVENTION_SPLIT.split(cell) if x.strip())
        elif not f.interventions:
            f.conditions.append(cell)


def _outcomes(lines: Sequence[str]) -> list[Outcome]:
    """Outcome lines ``Measure [ Time Frame: ... ] description``; the kind comes from the
    ``Primary/Secondary Outcome Measures`` heading above them, null without one."""
    index = label_index(LABELS)
    kind: str | None = None
    out: list[Outcome] = []
    last: dict[str, str | None] | None = None
    for line in lines:
        hit = match_label(line, index)
        if hit is not None:
            kind = hit[0] if hit[0] in OUTCOME_KEYS else None
            last = None
            continue
        m = INLINE_TIME_FRAME.match(BULLET.sub("", line)) if "[" in line else None
        if m:
            last = {
                "kind": kind,
                "measure": m.group("measure"),
                "tf": m.group("value"),
                "desc": m.group("rest") or None,
            }
            out.append(_to_outcome(last))
        elif last is not None and kind is not None:
            last["desc"] = " ".join(x for x in (last["desc"], line) if x)
            out[-1] = _to_outcome(last)
    return out


def _to_outcome(d: dict[str, str | None]) -> Outcome:
    o = outcome(d["kind"], d["measure"] or "", d["desc"], d["tf"])
    assert o is not None  # the measure matched a non-empty group
    return o
