"""Registry-mirror pages: sites that re-show ClinicalTrials.gov records as label/value text.

Many sites (trial finders, stroke-trial directories, pharma portals) copy a study's design
into their own layout: ``Study Type`` / ``INTERVENTIONAL`` on two lines, ``Status and
phase``, ``Target enrollment:``; a status word glued to the next line
(``RECRUITINGAdverse events ...``); outcome measures each followed by a description and
``Time frame: ...``; a facility line followed by its ``City, Country`` line; the site's own
disclaimers interleaved. Copied text often lacks the title and the NCT id; the id is then
taken from the page's address or the file name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from ..document import Document, DocumentKind
from ..model import Outcome, Record
from ..results import ParseIssue, ParseResult
from .base import BaseSource
from .trial_common import (
    Field,
    all_values,
    first_values,
    map_status,
    nct_from,
    parse_outcome_lines,
    registry_id,
    split_labelled,
    to_int,
    unique_paragraphs,
)
from .trial_record import TrialFacts, build_trial_record

MAX_SCORE = 0.8
"""Below the registries' own sources, which know their pages for certain."""

LABELS: dict[str, str] = {
    "Study Type": "study_type",
    "Study Classification": "study_type",
    "Allocation": "allocation",
    "Allocation Method": "allocation",
    "Purpose": "purpose",
    "Primary Purpose": "purpose",
    "Primary Study Purpose": "purpose",
    "Masking": "masking",
    "Blinding Strategy": "masking",
    "Enrollment": "enrollment",
    "Target enrollment": "enrollment",
    "Total Enrollment": "enrollment",
    "Target Recruitment": "enrollment",
    "Phase": "phase",
    "Clinical Phase": "phase",
    "Intervention Model": "intervention_model",
    "Study Design": "intervention_model",
    "Status": "status",
    "Recruitment Status": "status",
    "Status and phase": "status_phase",
    "Conditions": "conditions",
    "Treatments": "interventions",
    "Interventions": "interventions",
    "Identifiers": "ids",
    "Registration Number": "ids",
    "NCT ID": "ids",
    "Lead Sponsor": "sponsor",
    "Last Updated": "last_update_posted",
    "Summary": "summary",
    "Brief Summary": "summary",
    "About": "summary",
    "Detailed Description": "description",
    "Full description": "description",
    "Trial end date": "completion_date",
    "Study Completion Date": "completion_date",
    "Study Start Date": "start_date",
    "Participant gender": "sex",
    "Sex": "sex",
    "Ages": "ages",
    "Volunteers": "volunteers",
    "Funder types": "funder_type",
    "Details and patient eligibility": "furniture",
    "Inclusion criteria": "inclusion",
    "Exclusion criteria": "exclusion",
    "Eligibility Criteria": "eligibility",
}
"""Mirror labels (matched case-insensitively, alone on a line or before a colon)."""

LABEL_LINES: dict[str, str] = {label.lower(): key for label, key in LABELS.items()}
"""A line that is only a label (case folded, trailing colon dropped) -> its key."""
MAX_LABEL_LINE = 60

EXTRA_TEXT_KEYS = ("description", "inclusion", "exclusion", "eligibility", "sex", "ages", "volunteers", "funder_type")
"""Labelled text with no record field, kept in ``extra`` under these names."""

DESIGN_KEYS = frozenset(
    {"study_type", "allocation", "purpose", "masking", "enrollment", "phase", "intervention_model", "status"}
)
SINGLE_LINE_KEYS = DESIGN_KEYS | {
    "sponsor",
    "completion_date",
    "start_date",
    "sex",
    "ages",
    "volunteers",
    "funder_type",
}
"""Fields holding one line: lines after it are loose page text (interventions, sites...)."""

BOILERPLATE: tuple[str, ...] = (
    "This platform is for informational purposes only",
    "does not constitute medical advice",
    "Always consult a qualified healthcare professional",
    "ClinicalTrials.Veeva",
    "Get a concise snapshot of the trial",
    "Review the sponsor-provided synopsis",
    "Dive into the extended narrative",
    "See the medical conditions and disease areas",
    "Understand how the trial is structured",
    "The study team has not published outcome measurements",
)
BOILERPLATE_LINES = frozenset(
    {
        "Menu", "Results pending", "Study Results", "Basic Information", "Skip to main content", "Skip to content",
        "Back to results", "Share", "Print", "Search", "Home", "Overview",
    }
)  # fmt: skip
"""Furniture lines dropped only when they are the whole line."""
"""Site furniture and disclaimers: a line containing one of these is dropped."""

STATUS_GLUED = re.compile(
    r"^(NOT_YET_RECRUITING|NOT YET RECRUITING|ACTIVE_NOT_RECRUITING|ACTIVE, NOT RECRUITING|"
    r"ENROLLING_BY_INVITATION|ENROLLING BY INVITATION|RECRUITING|COMPLETED|TERMINATED|WITHDRAWN|"
    r"SUSPENDED|UNKNOWN)(?=[A-Z][a-z]|\s|$)\s*(.*)$"
)
"""A status word alone or glued to the next line's text."""

CITY_LINE = re.compile(r"^[A-Z][^,\d]{1,60}(?:,\s*[A-Z][^,\d]{1,60}){1,2}$")
"""``Beijin, China`` / ``Irvine, California, United States``."""

PHASE_RESULTS_LINE = re.compile(r"^Phase\s+(?P<phase>[0-9/ ]{1,10}|N/A)\s+Results\b", re.IGNORECASE)
"""``Phase 1/2 Results N/A`` under the title of stroke-trial directory pages."""

PHASE_LINE = re.compile(r"^(?:Phase\s+[0-9IV/ ]{1,10}|Early Phase 1|N/A)$", re.IGNORECASE)
TIME_FRAME_HINT = re.compile(r"^time\s?frame\s*[:：]", re.IGNORECASE)
ORG_ID_LINE = re.compile(r"^[A-Z0-9][A-Za-z0-9./_-]{2,40}$")


@dataclass
class _Parts:
    """What a mirror page says, gathered before building the record."""

    fields: list[Field]
    head: list[str]
    loose: list[str] = field(default_factory=list)


class TrialMirrorSource(BaseSource):
    """Pages that re-show ClinicalTrials.gov records as label/value text."""

    name: ClassVar[str] = "trial_mirror"
    label: ClassVar[str] = "Registry-mirror page (ClinicalTrials.gov data re-shown as label/value text)"
    priority: ClassVar[int] = 30
    input_kinds: ClassVar[tuple[DocumentKind, ...]] = ("text", "html")
    max_score: ClassVar[float] = MAX_SCORE

    def detect(self, doc: Document) -> float:
        """Design labels alone on their lines, ``Time frame:`` lines, mirror layouts."""
        keys: set[str] = set()
        time_frames = 0
        for line in doc.lines[:4000]:
            if len(line) > MAX_LABEL_LINE:
                continue
            low = line.lower()
            key = LABEL_LINES.get(low.rstrip(" :："))
            if key:
                keys.add(key)
            elif "frame" in low and TIME_FRAME_HINT.match(line):
                time_frames += 1
        score = 0.2 * len(keys & DESIGN_KEYS) + 0.3 * ("status_phase" in keys) + 0.1 * min(3, time_frames)
        if any(PHASE_RESULTS_LINE.match(x) for x in doc.lines[:20]):
            score += 0.4
        if score and nct_from(doc.canonical_url, doc.name):
            score += 0.1
        return min(MAX_SCORE, score)

    def parse(self, doc: Document) -> ParseResult:
        """One clinical-trial record from the page."""
        issues: list[ParseIssue] = []
        lines = [x for x in doc.lines if x and not _is_boilerplate(x)]
        head, fields = split_labelled(lines, LABELS)
        parts = _Parts(fields=[], head=head)
        for f in fields:
            if f.key in SINGLE_LINE_KEYS and len(f.lines) > 1:
                parts.fields.append(Field(key=f.key, lines=f.lines[:1], line_no=f.line_no))
                parts.loose.extend(f.lines[1:])
            else:
                parts.fields.append(f)
        record = self._record(doc, parts, issues)
        if record.trial is None or (record.title is None and not record.registry_ids and not record.trial.outcomes):
            issues.append(ParseIssue("no trial design, id or outcomes found on the page", severity="error"))
            return ParseResult(issues=issues)
        return ParseResult(records=[record], issues=issues)

    def _record(self, doc: Document, parts: _Parts, issues: list[ParseIssue]) -> Record:
        facts = TrialFacts(url=doc.canonical_url)
        facts.title, head_status, head_phase, paragraphs, unplaced = _read_head(parts.head)
        loose = _read_loose(parts.loose)
        _design(facts, parts.fields, loose, head_status, head_phase)
        summary = [*paragraphs, *(f.text for f in parts.fields if f.key == "summary")]
        facts.summary = "\n\n".join(unique_paragraphs(summary)) or None
        for key in EXTRA_TEXT_KEYS:
            value = "\n".join(all_values(parts.fields, key))
            if value:
                facts.extra[key] = value
        if unplaced:
            facts.extra["unlabelled_lines"] = unplaced
        _registry_ids(doc, parts.fields, facts)
        if not facts.trial_id:
            issues.append(
                ParseIssue("the page states no NCT id and none was given by URL or file name", "registry_ids")
            )
        return build_trial_record(facts, self.provenance(doc))


_BOILERPLATE = re.compile("|".join(re.escape(b) for b in BOILERPLATE))


def _is_boilerplate(line: str) -> bool:
    return line in BOILERPLATE_LINES or _BOILERPLATE.search(line) is not None or line.endswith(" logo")


def _read_head(head: Sequence[str]) -> tuple[str | None, str | None, str | None, list[str], list[str]]:
    """Title, a bare status line, a ``Phase x Results`` line, summary paragraphs and the
    lines that fit none of these (kept, not dropped)."""
    title = status = phase = None
    paragraphs: list[str] = []
    unplaced: list[str] = []
    for line in head:
        m = PHASE_RESULTS_LINE.match(line)
        if m:
            phase = m.group("phase")
        elif map_status(line) and len(line) < 40:
            status = status or line
        elif len(line) > 300 or line.endswith((".", "。")):
            paragraphs.append(line)
        elif title is None and len(line) >= 15:
            title = line
        else:
            unplaced.append(line)
    return title, status, phase, paragraphs, unplaced


@dataclass
class _Loose:
    interventions: list[str] = field(default_factory=list)
    sites: list[str] = field(default_factory=list)
    status: str | None = None
    outcomes: list[Outcome] = field(default_factory=list)


def _read_loose(lines: Sequence[str]) -> _Loose:
    """Unlabelled lines after the design block: interventions, facility + city lines, the
    glued status word, then outcome blocks."""
    out = _Loose()
    before: list[str] = []
    rest: list[str] = []
    for i, line in enumerate(lines):
        m = STATUS_GLUED.match(line)
        if m:
            out.status = m.group(1)
            rest = [m.group(2), *lines[i + 1 :]] if m.group(2) else list(lines[i + 1 :])
            break
        before.append(line)
    else:
        before, rest = [], list(lines)
    sites_start = next((i - 1 for i, x in enumerate(before) if i and CITY_LINE.match(x)), len(before))
    out.interventions = before[:sites_start]
    pending: str | None = None
    for line in before[sites_start:]:
        if CITY_LINE.match(line) and pending:
            out.sites.append(f"{pending}, {line}")
            pending = None
        else:
            if pending:
                out.sites.append(pending)
            pending = line
    if pending:
        out.sites.append(pending)
    out.outcomes = parse_outcome_lines(rest)
    return out


def _design(f: TrialFacts, fields: list[Field], loose: _Loose, head_status: str | None, head_phase: str | None) -> None:
    """The design block as written; the shared builder maps it onto the enums."""
    first = first_values(fields)
    status_lines = all_values(fields, "status_phase")
    f.status = (
        first.get("status") or loose.status or head_status or next((x for x in status_lines if map_status(x)), None)
    )
    phase_lines = [x for x in status_lines if PHASE_LINE.match(x)]
    f.phase = first.get("phase") or head_phase or phase_lines or None
    for key in ("study_type", "allocation", "masking", "purpose", "intervention_model"):
        setattr(f, key, first.get(key))
    f.enrollment = to_int(first.get("enrollment"))
    f.conditions = all_values(fields, "conditions")
    f.interventions = all_values(fields, "interventions") or loose.interventions
    f.sponsor = first.get("sponsor")
    f.sites = loose.sites
    f.start_date = first.get("start_date")
    f.completion_date = first.get("completion_date")
    f.extra["last_update_posted"] = first.get("last_update_posted")
    f.outcomes = loose.outcomes


def _registry_ids(doc: Document, fields: list[Field], f: TrialFacts) -> None:
    """The page's ids (the first registration is the trial's own), else an NCT id from the
    page's address or file name; other identifier-like values are kept as sponsor ids."""
    other: list[str] = []
    for value in all_values(fields, "ids"):
        reg = registry_id(value)
        if reg is None:
            if ORG_ID_LINE.match(value):
                other.append(value)
        elif f.trial_id is None:
            f.trial_id = reg.id
        else:
            f.secondary_ids.append((reg.id, None))
    if other:
        f.extra["org_study_ids"] = other
    if f.trial_id is None:
        f.trial_id = nct_from(doc.canonical_url, doc.name)
