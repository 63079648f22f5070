"""Reference-manager exports as input: RIS, BibTeX, Refer/EndNote tagged, CSL-JSON, CSV and
this library's own JSON Lines.

Reviewers get many records as exports (a database's RIS download, a colleague's Zotero
library as BibTeX or CSL-JSON, an earlier run of this tool as JSON Lines). Read here, they
go through the same normalization and deduplication as parsed pages. The records come from
the readers in :mod:`msc_citations.formats`, so what a writer puts in, the reader takes back.
MEDLINE/.nbib exports are PubMed's own and are read by the ``pubmed`` source.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar

from ..document import Document, DocumentKind
from ..errors import FormatError
from ..formats import loads
from ..formats.csv import has_readable_header, header_fields
from ..model import Record
from ..results import ParseIssue, ParseResult
from .base import BaseSource

TAGGED_FORMATS: dict[str, str] = {"ris": "ris", "bibtex": "bibtex", "refer": "refer"}
"""Tagged dialects (as :func:`msc_citations.document.sniff_kind` names them) -> format."""
CSL_TYPES: frozenset[str] = frozenset(
    {
        "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book",
        "broadcast", "chapter", "classic", "collection", "dataset", "document", "entry",
        "entry-dictionary", "entry-encyclopedia", "event", "figure", "graphic", "hearing",
        "interview", "legal_case", "legislation", "manuscript", "map", "motion_picture",
        "musical_score", "pamphlet", "paper-conference", "patent", "performance", "periodical",
        "personal_communication", "post", "post-weblog", "regulation", "report", "review",
        "review-book", "software", "song", "speech", "standard", "thesis", "treaty", "webpage",
    }
)  # fmt: skip
"""The CSL 1.0.2 item types: a JSON item of one of these is a CSL-JSON item."""
CSL_FIELDS: frozenset[str] = frozenset({"title", "author", "issued", "DOI", "container-title", "PMID"})
OWN_FIELDS: frozenset[str] = frozenset({"id", "type", "title", "authors", "registry_ids", "source"})
"""Keys every line of this library's JSON Lines carries."""
CSV_COLUMNS: frozenset[str] = frozenset({"title", "authors", "author", "doi", "year", "journal"})


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


def _own_json_line(line: str) -> bool:
    if not (line.startswith("{") and line.endswith("}")):
        return False
    try:
        item = json.loads(line)
    except ValueError:
        return False
    return isinstance(item, dict) and item.keys() >= OWN_FIELDS


def _csl_items(data: Any) -> bool:
    items = data if isinstance(data, list) else None
    if not items or not all(isinstance(i, dict) for i in items[:20]):
        return False
    return all(i.get("type") in CSL_TYPES and CSL_FIELDS & i.keys() for i in items[:20])


class LibraryExportSource(BaseSource):
    """Files written by reference managers and bibliographic databases (and by this library)."""

    name: ClassVar[str] = "library_export"
    label: ClassVar[str] = "Reference-manager exports: RIS, BibTeX, Refer/EndNote, CSL-JSON, CSV, JSON Lines"
    priority: ClassVar[int] = 40
    input_kinds: ClassVar[tuple[DocumentKind, ...]] = ("tagged", "json", "csv", "text")
    max_score: ClassVar[float] = 0.95

    def format_of(self, doc: Document) -> str | None:
        """The export format ``doc`` is written in, or None when it is not an export."""
        if doc.kind == "tagged":
            return TAGGED_FORMATS.get(doc.dialect or "")
        if doc.kind == "json":
            try:
                data = json.loads(doc.text)
            except ValueError:
                return None
            if isinstance(data, dict) and data.keys() >= OWN_FIELDS:
                return "jsonl"
            return "csl-json" if _csl_items(data) else None
        if doc.kind == "csv":
            first = _first_line(doc.text)
            if not has_readable_header(first):
                return None  # another layout (a database's own CSV), left to its source
            header = {c.strip().lower() for c in header_fields(first)}
            return "csv" if len(header & CSV_COLUMNS) >= 2 else None
        if doc.kind == "text" and _own_json_line(_first_line(doc.text)):
            return "jsonl"
        return None

    def detect(self, doc: Document) -> float:
        """0.95 for a recognised export (the file's own structure names its format), else 0."""
        return 0.95 if self.format_of(doc) else 0.0

    def parse(self, doc: Document) -> ParseResult:
        """The export's records, each with this file as its source unless it names its own
        (JSON Lines of this library keep the page they were first read from)."""
        fmt = self.format_of(doc)
        if fmt is None:
            return ParseResult(
                issues=[ParseIssue("not a RIS, BibTeX, Refer, CSL-JSON, CSV or JSON Lines export", severity="error")]
            )
        try:
            if fmt == "csv":
                from ..formats import csv as csv_format

                records = csv_format.read(doc.text, path=doc.path)
            else:
                records = loads(doc.text, fmt)
        except (FormatError, ValueError, KeyError, TypeError) as exc:
            return ParseResult(issues=[ParseIssue(f"unreadable {fmt} export: {exc}", severity="error")])
        stamped = [self._stamped(doc, r) for r in records]
        issues = [] if stamped else [ParseIssue(f"no record in this {fmt} export", severity="error")]
        return ParseResult(records=stamped, issues=issues)

    def _stamped(self, doc: Document, record: Record) -> Record:
        if record.source is not None and record.source.parser:
            return record
        return record.model_copy(update={"source": self.provenance(doc)})
