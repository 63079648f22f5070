"""Europe PMC abstract pages (``europepmc.org/article/MED/<pmid>``), copied as text or saved as HTML.

The page reads, top to bottom: the title; the authors as ``Family Initials`` with affiliation
numbers (``Bang OY 1, 2, Kim EH 2``); ``Author information`` (expanded: ``Affiliations`` and
numbered lines); the citation ``Journal of Stroke, 30 Sep 2016, 18(3):256-266``; one line of
identifiers (``https://doi.org/... PMID: n PMCID: PMCn``); the publication type and access line
(``Review Free full text in Europe PMC``); then ``Abstract`` and the page's other tabs.
"""

from __future__ import annotations

import re
from typing import ClassVar

from ..document import Document, DocumentKind
from ..model import Person, Record
from ..results import ParseIssue, ParseResult
from .base import BaseSource

OWN_MARKERS: tuple[str, ...] = (
    "Citations & impact",
    "Free full text in Europe PMC",
    "Read article at publisher's site",
    "europepmc.org",
)
"""Labels only Europe PMC pages show; a page needs at least one."""
MARKERS: tuple[str, ...] = (*OWN_MARKERS, "Europe PMC", "Author information")
"""Every label counted towards the score (other sites link to Europe PMC, so its name alone
does not identify a page)."""

DETECT_LINES = 80
AUTHOR_INFO = "Author information"
AFFILIATIONS = "Affiliations"
ABSTRACT = "Abstract"
ACCESS_NOTES: tuple[str, ...] = ("Free full text in Europe PMC", "Free to read", "Full text available")
"""Access labels that follow the publication type on the same line."""
STOP_LABELS: frozenset[str] = frozenset(
    {
        "Free full text",
        "Full text",
        "Citations & impact",
        "Impact metrics",
        "Similar Articles",
        "Read article at publisher's site",
        "Full text links",
        "Funding",
        "Grants",
        "References",
        "Comments",
        "Data",
        "Share this article",
        "Europe PMC is part of the ELIXIR infrastructure",
    }
)
"""Headings that end the abstract: the page's other tabs and furniture."""

CITATION = re.compile(
    r"^(?P<journal>[^,\n]{2,300}), (?P<date>(?:\d{1,2} )?(?:[A-Z][a-z]{2} )?\d{4})"
    r"(?:, (?P<volume>[^(:\s]{1,20})?(?:\((?P<issue>[^)]{1,20})\))?(?::(?P<pages>\S{1,40}))?)?$"
)
DATE = re.compile(r"^(?:(?P<day>\d{1,2}) )?(?:(?P<month>[A-Z][a-z]{2}) )?(?P<year>\d{4})$")
MONTH_NAMES: tuple[str, ...] = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTHS: dict[str, int] = {name: number for number, name in enumerate(MONTH_NAMES, 1)}
DOI_URL = re.compile(r"https?://(?:dx\.)?doi\.org/(\S{3,200})")
PMID = re.compile(r"\bPMID: ?(\d{1,9})\b")
PMCID = re.compile(r"\bPMCID: ?(PMC\d{1,9})\b")
AUTHOR_TOKEN = re.compile(r"^(?P<name>.{1,120}?)(?: (?P<refs>\d{1,2}))?$")
AFFILIATION_LINE = re.compile(r"^(?P<n>\d{1,2})\.? (?P<text>.{2,1000})$")


class EuropePmcSource(BaseSource):
    """Europe PMC abstract pages."""

    name: ClassVar[str] = "europepmc"
    label: ClassVar[str] = "Europe PMC abstract page (europepmc.org/article/MED/...)"
    priority: ClassVar[int] = 60
    input_kinds: ClassVar[tuple[DocumentKind, ...]] = ("text", "html")
    max_score: ClassVar[float] = 0.95

    def detect(self, doc: Document) -> float:
        """Europe PMC's own labels (one that only it shows), or its address, and a citation line."""
        lines = _lines(doc)[:DETECT_LINES]
        head = "\n".join(lines)
        own_address = "europepmc.org" in (doc.canonical_url or "")
        if not own_address and not any(marker in head for marker in OWN_MARKERS):
            return 0.0
        hits = sum(marker in head for marker in MARKERS) + 2 * own_address
        if hits < 2:
            return 0.0
        cited = any(CITATION.match(line) for line in lines if ", " in line)  # ", ": in every citation line
        return min(0.95, 0.5 + 0.1 * hits + 0.2 * cited)

    def parse(self, doc: Document) -> ParseResult:
        """One journal-article record, values as written."""
        lines = _lines(doc)
        record = self.new_record(doc)
        issues: list[ParseIssue] = []
        cite_at = next((i for i, line in enumerate(lines) if ", " in line and CITATION.match(line)), None)
        if cite_at is None:
            issues.append(ParseIssue("no citation line (Journal, date, volume(issue):pages)", field="journal"))
            _read_head(lines, record, issues)
        else:
            _read_head(lines[:cite_at], record, issues)
            _read_citation(lines[cite_at], record)
            _read_ids(lines[cite_at + 1 : cite_at + 4], record)
        record.abstract = _abstract(lines[cite_at or 0 :])
        if record.title is None and record.pmid is None:
            return ParseResult(issues=[*issues, ParseIssue("no title or PMID on this page", severity="error")])
        return ParseResult(records=[record], issues=issues)


def _lines(doc: Document) -> list[str]:
    """The page's visible lines (HTML rendered as copied text), blank lines dropped."""
    return [line for line in doc.lines if line]


def _read_head(head: list[str], record: Record, issues: list[ParseIssue]) -> None:
    """Title, authors and affiliations: everything above the citation line."""
    if AUTHOR_INFO in head:
        info = head.index(AUTHOR_INFO)
        head, affiliation_lines = head[:info], head[info + 1 :]
    else:
        affiliation_lines = []
    if not head:
        issues.append(ParseIssue("no title above the citation line", field="title"))
        return
    record.title = head[-2] if len(head) >= 2 else head[0]
    if len(head) >= 2:
        record.authors = _authors(head[-1], _affiliations(affiliation_lines))
    else:
        issues.append(ParseIssue("no author line under the title", field="authors"))


def _affiliations(lines: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in lines:
        if line == AFFILIATIONS:
            continue
        match = AFFILIATION_LINE.match(line)
        if match:
            out[match["n"]] = match["text"]
    return out


def _authors(line: str, affiliations: dict[str, str]) -> list[Person]:
    """``Bang OY 1, 2, Kim EH 2``: a bare number belongs to the author before it."""
    people: list[Person] = []
    for token in (t.strip() for t in line.split(",")):
        if not token:
            continue
        if token.isdigit() and people:
            _add_affiliation(people[-1], affiliations.get(token))
            continue
        match = AUTHOR_TOKEN.match(token)
        if match is None:
            continue
        person = Person(literal=match["name"])
        _add_affiliation(person, affiliations.get(match["refs"] or ""))
        people.append(person)
    return people


def _add_affiliation(person: Person, text: str | None) -> None:
    if text and text not in person.affiliations:
        person.affiliations.append(text)


def _read_citation(line: str, record: Record) -> None:
    match = CITATION.match(line)
    if match is None:
        return
    record.journal = match["journal"]
    record.volume, record.issue, record.pages = match["volume"], match["issue"], match["pages"]
    date = DATE.match(match["date"])
    if date:
        record.year = int(date["year"])
        record.month = MONTHS.get(date["month"] or "")
        record.day = int(date["day"]) if date["day"] and record.month else None


def _read_ids(lines: list[str], record: Record) -> None:
    """The identifier line, then the publication-type and access line under it."""
    for line in lines:
        if line == ABSTRACT:
            return
        doi, pmid, pmcid = DOI_URL.search(line), PMID.search(line), PMCID.search(line)
        if doi or pmid or pmcid:
            record.doi = record.doi or (doi[1] if doi else None)
            record.pmid = record.pmid or (pmid[1] if pmid else None)
            record.pmcid = record.pmcid or (pmcid[1] if pmcid else None)
            continue
        note = next((n for n in ACCESS_NOTES if n in line), None)
        kinds = line.split(note)[0].strip() if note else line
        if kinds:
            record.publication_types.append(kinds)
        if note:
            record.extra["access"] = note


def _abstract(lines: list[str]) -> str | None:
    """The text under the last ``Abstract`` heading (the first one is the page's tab bar)."""
    if ABSTRACT not in lines:
        return None
    start = len(lines) - lines[::-1].index(ABSTRACT)
    body: list[str] = []
    for line in lines[start:]:
        if line in STOP_LABELS or line.split(":", 1)[0] in STOP_LABELS:
            break
        body.append(line)
    return "\n".join(body) or None
