"""PubMed in its four shapes: copied page text, the saved page, MEDLINE/.nbib exports and
E-utilities efetch XML. One source, so the same article gives the same record whichever
shape came in.

The shape is the document's kind: ``text`` (a copied page), ``html`` (a saved
pubmed.ncbi.nlm.nih.gov page), ``tagged`` with dialect ``medline`` (many records) and
``xml`` rooted at ``PubmedArticleSet`` (many records, book articles included).
"""

from __future__ import annotations

import re
from typing import ClassVar

from ..document import Document, DocumentKind
from ..model import Record
from ..results import ParseIssue, ParseResult
from .base import BaseSource
from .pubmed_common import pubmed_url
from .pubmed_html import read_page_html
from .pubmed_labels import CITATION, SUMMARY
from .pubmed_medline import parse_medline, split_records
from .pubmed_text import PageFacts, may_be_summary, read_citation, read_page_text
from .pubmed_xml import ROOT_TAGS, parse_pubmed_xml

PUBMED_HOSTS: tuple[str, ...] = ("pubmed.ncbi.nlm.nih.gov", "ncbi.nlm.nih.gov/pubmed")
HTML_MARKERS: tuple[str, ...] = ("ncbi_app", "ncbi_uid", "heading-title", "full-view-identifiers")
"""Saved-page markup (head first: the scan stops at the second one found)."""
_MARKERS_IN_PAGE_ORDER: tuple[tuple[str, bool], ...] = (
    ("An official website of the United States government", False),
    ("PMID:", True),
    ("PubMed Disclaimer", False),
    ("Publication types", False),
    ("Similar articles", False),
    ("MeSH terms", False),
    ("LinkOut - more resources", False),
    ("Access keys NCBI Homepage", False),
    ("PMCID:", True),
)
"""The page labels and id labels (``True``), in the order a saved page shows them."""
PAGE_MARKERS: tuple[str, ...] = tuple(marker for marker, is_id in _MARKERS_IN_PAGE_ORDER if not is_id)
"""Labels of the PubMed abstract page (each adds to the detection score)."""
ID_MARKERS: tuple[str, ...] = tuple(marker for marker, is_id in _MARKERS_IN_PAGE_ORDER if is_id)
"""Identifier labels (each adds to the detection score)."""
MEDLINE_TAGS_SEEN: tuple[str, ...] = ("\nTI  - ", "\nFAU - ", "\nAU  - ", "\nSO  - ", "\nDP  - ")
DETECT_LINES = 400
CITED_LINES = 60
"""A citation line counts for detection among the page's first lines only."""
# Pre-tests of the line scans, run once over the joined lines: a citation line holds its
# date followed by its separator (CITATION's date and sep), a summary line ends with ". "
# and its date (SUMMARY's end). A line that matches holds such a match, and so does the
# text the lines are joined into: where the text holds none, no line can match.
CITATION_DATE = re.compile(
    r"(?:1[89]|20)\d\d(?:\s[A-Z][a-z]{2,8}(?:-[A-Z][a-z]{2,8})?)?(?:\s\d{1,2}(?:-\d{1,2})?)?[;:.]"
)
SUMMARY_END = re.compile(r"\.\s(?:1[89]|20)\d\d(?: [A-Z][a-z]{2})?(?: \d{1,2})?\.?$", re.MULTILINE)
SCORE_CAP = 0.95
"""The highest score a copied or saved page earns from its text."""


class PubMedSource(BaseSource):
    """PubMed records: copied abstract pages, saved pages, MEDLINE/.nbib and efetch XML."""

    name: ClassVar[str] = "pubmed"
    label: ClassVar[str] = "PubMed (copied or saved abstract page, MEDLINE/.nbib export, E-utilities XML)"
    priority: ClassVar[int] = 70
    input_kinds: ClassVar[tuple[DocumentKind, ...]] = ("text", "html", "tagged", "xml")
    max_score: ClassVar[float] = SCORE_CAP

    def detect(self, doc: Document) -> float:
        """Keyed on the page's labels (``PubMed Disclaimer``, ``Publication types``,
        ``PMID:``...), MEDLINE's ``PMID-`` records and efetch's ``PubmedArticleSet``."""
        if doc.kind == "tagged":
            return _detect_medline(doc)
        if doc.kind == "xml":
            root = doc.tree
            return 0.95 if root is not None and root.tag in ROOT_TAGS else 0.0
        score = _detect_page(doc)
        if doc.kind == "html" and score < SCORE_CAP:
            url = (doc.canonical_url or "").lower()
            if any(host in url for host in PUBMED_HOSTS):
                score = max(score, 0.9)
            if _markers_seen(doc.text[:200_000], HTML_MARKERS, 2):
                score = max(score, 0.85)
        return score

    def parse(self, doc: Document) -> ParseResult:
        """Records in the document's shape; values as written."""
        if doc.kind == "tagged":
            records = [self._stamp(doc, r) for r in parse_medline(doc.text)]
            issues = [] if records else [ParseIssue("no MEDLINE record (PMID-/TI  -) in this file", severity="error")]
            return ParseResult(records=records, issues=issues)
        if doc.kind == "xml":
            root = doc.tree
            if root is None:
                return ParseResult(issues=[ParseIssue("the XML does not parse", severity="error")])
            found, issues = parse_pubmed_xml(root)
            return ParseResult(records=[self._stamp(doc, r) for r in found], issues=issues)
        facts = read_page_html(doc) if doc.kind == "html" else read_page_text(doc.lines)
        return self._page_result(doc, facts)

    def _stamp(self, doc: Document, record: Record) -> Record:
        return record.model_copy(update={"source": self.provenance(doc)})

    def _page_result(self, doc: Document, facts: PageFacts) -> ParseResult:
        issues: list[ParseIssue] = []
        if facts.title is None and facts.pmid is None and facts.doi is None:
            return ParseResult(issues=[ParseIssue("no title, PMID or DOI found on this page", severity="error")])
        if facts.title is None:
            issues.append(ParseIssue("no title on this page (a fragment?)", field="title"))
        if facts.date is None and "date" not in facts.extra:
            issues.append(ParseIssue("no citation line with a date", field="year"))
        year, month, day = facts.date_parts()
        extra = dict(facts.extra)
        if facts.date:
            extra["date_as_written"] = facts.date
        record = self.new_record(
            doc,
            title=facts.title,
            authors=facts.authors,
            authors_complete=facts.authors_complete,
            journal=extra.pop("journal_title", None),
            journal_abbrev=facts.journal_abbrev,
            year=year,
            month=month,
            day=day,
            volume=facts.volume,
            issue=facts.issue,
            pages=facts.pages,
            doi=facts.doi,
            pmid=facts.pmid,
            pmcid=facts.pmcid,
            registry_ids=facts.registry_ids,
            abstract=facts.abstract,
            abstract_sections=facts.sections,
            keywords=facts.keywords,
            mesh_terms=facts.mesh_terms,
            publication_types=facts.publication_types,
            funding=facts.funding,
            url=doc.canonical_url or pubmed_url(facts.pmid),
            extra=extra,
        )
        return ParseResult(records=[record], issues=issues)


def _detect_medline(doc: Document) -> float:
    if doc.dialect != "medline":
        return 0.0
    head = "\n" + doc.text[:20_000]
    seen = sum(tag in head for tag in MEDLINE_TAGS_SEEN)
    return min(0.95, 0.6 + 0.08 * seen) if split_records(doc.text[:20_000]) else 0.0


def _markers_seen(text: str, markers: tuple[str, ...], needed: int) -> bool:
    """True when at least ``needed`` of ``markers`` occur in ``text`` (stops scanning a
    200 KB page as soon as they do)."""
    seen = 0
    for marker in markers:
        seen += marker in text
        if seen >= needed:
            return True
    return False


def _detect_page(doc: Document) -> float:
    return page_score(doc.lines[:DETECT_LINES])


def page_score(lines: list[str], *, early_exit: bool = True) -> float:
    """The detection score of a page's first lines: its labels, ``PMID:``/``PMCID:``, a
    citation line and a summary line. ``early_exit=False`` always runs every scan in full,
    without the pre-tests (the reference the early exit and pre-tests are tested against)."""
    text = "\n".join(lines)
    # Every term is non-negative, so once the labels and ids alone reach the cap the line
    # scans below cannot change the score (on a full page they are most of the time), nor
    # can the labels not yet looked for: they are looked for in page order, and the scan
    # stops there (a label missing from the page is a scan of all of it).
    if early_exit:
        hits = ids = 0
        for marker, is_id in _MARKERS_IN_PAGE_ORDER:
            if marker in text:
                ids += is_id
                hits += not is_id
                if hits and 0.15 * hits + 0.2 * ids >= SCORE_CAP:
                    return SCORE_CAP
    else:
        hits = sum(marker in text for marker in PAGE_MARKERS)
        ids = sum(marker in text for marker in ID_MARKERS)
    # The cheap tests inline ("in" before any call): most lines fail them.
    head = lines[:CITED_LINES]
    # The end of the head's lines in the text (their lengths and the line breaks between).
    head_end = sum(map(len, head)) + len(head) - 1
    cited = (not early_exit or CITATION_DATE.search(text, 0, max(head_end, 0)) is not None) and any(
        read_citation(line, None, PageFacts())
        for line in head
        if ("19" in line or "20" in line or "18" in line) and CITATION.match(line)
    )
    summary = (not early_exit or SUMMARY_END.search(text) is not None) and any(
        SUMMARY.match(line) for line in lines if ". " in line and may_be_summary(line)
    )
    score = 0.15 * hits + 0.2 * ids + 0.2 * cited + 0.25 * summary
    if hits == 0 and not summary:
        score = min(score, 0.4 if ids and cited else 0.2)
    return min(SCORE_CAP, score)
