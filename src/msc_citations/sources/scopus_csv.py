"""Scopus CSV exports (Export -> CSV, "Citation information" and more).

One row per document under Scopus's own header: ``Authors`` (``Bang O.Y.; Lee J.S.``, older
exports ``Bang, O.Y., Lee, J.S.``), ``Author full names`` (``Bang, Oh Young (7004…)``, since
2023), ``Title``, ``Year``, ``Source title``, ``Volume``, ``Issue``, ``Art. No.``, ``Page
start``, ``Page end``, ``Page count``, ``Cited by``, ``DOI``, ``Link``, ``Affiliations``,
``Authors with affiliations``, ``Abstract``, ``Author Keywords``, ``Index Keywords``,
``ISSN``, ``PubMed ID``, ``Language of Original Document``, ``Abbreviated Source Title``,
``Document Type``, ``Source``, ``EID``... Columns without a field of their own are kept in
``extra`` under their Scopus names, so nothing of the export is lost.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any, ClassVar

from ..document import Document, DocumentKind
from ..formats.csv import header_fields
from ..model import Person
from ..results import ParseIssue, ParseResult
from .base import BaseSource

SCOPUS_COLUMNS: frozenset[str] = frozenset({"source title", "document type", "abbreviated source title", "eid"})
"""Header names only Scopus uses; a file needs three of them."""
FIELD_LIMIT = 10 * 1024 * 1024
MAPPED: dict[str, str] = {
    "Title": "title",
    "Source title": "journal",
    "Abbreviated Source Title": "journal_abbrev",
    "Volume": "volume",
    "Issue": "issue",
    "Art. No.": "article_number",
    "Page start": "page_first",
    "Page end": "page_last",
    "DOI": "doi",
    "Link": "url",
    "Abstract": "abstract",
    "Publisher": "publisher",
    "PubMed ID": "pmid",
    "Language of Original Document": "language",
}
HANDLED: frozenset[str] = frozenset(
    {*MAPPED, "Authors", "Author full names", "Authors with affiliations", "Year", "Page count", "Cited by"}
    | {"Author Keywords", "ISSN", "Document Type"}
)
TYPES: dict[str, str] = {"review": "review", "conference paper": "conference-paper", "book": "book"}
TYPES |= {"book chapter": "chapter"}
FULL_NAME_ID = re.compile(r"\s*\(\d{5,}\)\s*$")
OLD_STYLE_SPLIT = re.compile(r"(?<=\.),\s+(?=[^,]+,)")


def _header(text: str) -> set[str]:
    return {c.strip().lower() for c in header_fields(text.split("\n", 1)[0])}


def _short_names(row: dict[str, str]) -> list[str]:
    short = (row.get("Authors") or "").strip()
    if not short or short == "[No author name available]":
        return []
    parts = short.split(";") if ";" in short else OLD_STYLE_SPLIT.split(short)
    return [p.strip() for p in parts if p.strip()]


def _people(row: dict[str, str]) -> list[Person]:
    full = (row.get("Author full names") or "").strip()
    if full:
        out = []
        for part in full.split(";"):
            family, _, given = FULL_NAME_ID.sub("", part).partition(",")
            if family.strip():
                out.append(Person(family=family.strip(), given=given.strip() or None))
        return out
    people = []
    for name in _short_names(row):
        family, _, given = name.partition(",")
        people.append(Person(family=family.strip(), given=given.strip()) if given else Person(literal=name))
    return people


def _with_affiliations(people: list[Person], row: dict[str, str]) -> list[Person]:
    """Each author's entry of ``Authors with affiliations`` (``Bang O.Y., Department of
    Neurology, ...``) is their short name followed by the address."""
    entries = [e.strip() for e in (row.get("Authors with affiliations") or "").split(";") if e.strip()]
    names = _short_names(row)
    if len(entries) != len(people) or len(names) != len(people):
        return people  # cannot be paired safely
    out = []
    for person, name, entry in zip(people, names, entries, strict=True):
        place = entry[len(name) :].lstrip(" ,") if entry.startswith(name) else ""
        out.append(person.model_copy(update={"affiliations": [place]}) if place else person)
    return out


def _int(value: str | None) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() else None


def record_fields(row: dict[str, str]) -> dict[str, Any]:
    """Record fields from one Scopus row (column name -> cell)."""
    values: dict[str, Any] = {}
    for column, field in MAPPED.items():
        cell = (row.get(column) or "").strip()
        if cell:
            values[field] = cell
    doc_type = (row.get("Document Type") or "").strip()
    values["type"] = TYPES.get(doc_type.casefold(), "journal-article")
    values["publication_types"] = [doc_type] if doc_type else []
    values["authors"] = _with_affiliations(_people(row), row)
    values["year"] = _int(row.get("Year"))
    values["page_count"] = _int(row.get("Page count"))
    values["cited_by_count"] = _int(row.get("Cited by"))
    values["keywords"] = [k.strip() for k in (row.get("Author Keywords") or "").split(";") if k.strip()]
    values["issn"] = [s.strip() for s in (row.get("ISSN") or "").split(";") if s.strip()]
    if values.get("page_first") and values.get("page_last"):
        values["pages"] = f"{values['page_first']}-{values['page_last']}"
    values["extra"] = {
        f"scopus_{k.strip().lower().replace(' ', '_')}": v.strip()
        for k, v in row.items()
        if k and k.strip() not in HANDLED and v and v.strip()
    }
    return values


class ScopusCsvSource(BaseSource):
    """Scopus CSV exports."""

    name: ClassVar[str] = "scopus_csv"
    label: ClassVar[str] = "Scopus CSV export"
    priority: ClassVar[int] = 40
    input_kinds: ClassVar[tuple[DocumentKind, ...]] = ("csv", "text")
    max_score: ClassVar[float] = 0.95

    def detect(self, doc: Document) -> float:
        """0.95 for a CSV whose header has three of Scopus's own column names, else 0."""
        if doc.kind not in ("csv", "text"):
            return 0.0
        return 0.95 if len(_header(doc.text[:10_000]) & SCOPUS_COLUMNS) >= 3 else 0.0

    def parse(self, doc: Document) -> ParseResult:
        """One record per row; a row with neither title nor DOI is reported and skipped."""
        csv.field_size_limit(FIELD_LIMIT)
        try:
            rows = list(csv.DictReader(io.StringIO(doc.text.lstrip("\ufeff"), newline="")))
        except csv.Error as exc:
            return ParseResult(issues=[ParseIssue(f"unreadable Scopus CSV: {exc}", severity="error")])
        entries = (
            (f"line {n}", record_fields({(k or "").strip(): v for k, v in row.items() if isinstance(v, str)}))
            for n, row in enumerate(rows, 2)
        )
        return self.records_from_entries(doc, entries, "Scopus record")
