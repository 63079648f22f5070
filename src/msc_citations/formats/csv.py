"""CSV in the layout of citation-deduplication exports: one row per record.

Columns ``ID, ENTRYTYPE, author, year, title, journal, volume, number, pages, abstract,
doi, isbn`` plus the optional ``url, booktitle, editor, publisher, institution, ID_old``
(the layout bib-dedupe and CoLRev write, and the labelled ASySD sets use). Authors are one
cell: ``Last, F. and Last, F.``, ``Last F; Last F`` or EndNote's run-together
``Adeli K.Lewis G. F.``; :func:`read` splits them into one literal name each, which the
names step then splits into family and given names. Unknown columns go into ``extra``.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator
from typing import Any

from ..dedup.authors import split_authors
from ..errors import FormatError
from ..model import MergedFrom, Record

NAME = "csv"
EXTENSIONS = (".csv",)

COLUMNS = (
    "ID",
    "ENTRYTYPE",
    "author",
    "year",
    "title",
    "journal",
    "volume",
    "number",
    "pages",
    "abstract",
    "doi",
    "isbn",
    "url",
    "publisher",
    "booktitle",
    "editor",
    "institution",
    "pmid",
    "pmcid",
    "registry_ids",
    "language",
    "study_id",
    "merged_from",
)
"""Columns :func:`write` emits, always in this order."""

ENTRY_TYPES = {
    "article": "journal-article",
    "inproceedings": "conference-paper",
    "proceedings": "conference-paper",
    "conference": "conference-paper",
    "book": "book",
    "incollection": "chapter",
    "inbook": "chapter",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "techreport": "other",
    "misc": "other",
    "unpublished": "other",
    "online": "other",
}
TYPE_TO_ENTRY = {
    "journal-article": "article",
    "review": "article",
    "conference-paper": "inproceedings",
    "book": "book",
    "chapter": "incollection",
    "thesis": "phdthesis",
    "preprint": "misc",
    "clinical-trial": "misc",
    "other": "misc",
}
# CoLRev-style exports write this for a field the source did not give.
MISSING = frozenset({"", "UNKNOWN", "NA", "N/A", "NULL", "None", "nan"})
DIRECT = {
    "title": "title",
    "journal": "journal",
    "volume": "volume",
    "number": "issue",
    "pages": "pages",
    "abstract": "abstract",
    "doi": "doi",
    "url": "url",
    "publisher": "publisher",
    "pmid": "pmid",
    "pmcid": "pmcid",
    "language": "language",
    "study_id": "study_id",
}
SPECIAL = frozenset({"ID", "ENTRYTYPE", "author", "year", "booktitle", "registry_ids", "merged_from"})
FIELD_LIMIT = min(sys.maxsize, 2**31 - 1)


def _year(value: str) -> int | None:
    digits = value.strip()[:4]
    return int(digits) if len(digits) == 4 and digits.isdigit() else None


def _registry_id(item: str) -> dict[str, str]:
    registry, _, ident = item.strip().partition(":")
    return {"registry": registry.strip(), "id": ident.strip()}


def _row_record(row: dict[str, str], path: str | None) -> Record:
    values: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for key, raw in row.items():
        if key is None or raw is None:
            continue
        value = raw.strip()
        if value in MISSING:
            continue
        if key in DIRECT:
            values[DIRECT[key]] = value
        elif key not in SPECIAL:
            extra[key] = value
    rid = (row.get("ID") or "").strip()
    year_text = (row.get("year") or "").strip()
    year = _year(year_text)
    if year_text and year is None and year_text not in MISSING:
        extra["year"] = year_text
    booktitle = (row.get("booktitle") or "").strip()
    if booktitle and booktitle not in MISSING:
        if "journal" in values:
            extra["booktitle"] = booktitle
        else:
            values["journal"] = booktitle
    registry = [_registry_id(item) for item in (row.get("registry_ids") or "").split(";") if ":" in item]
    if registry:
        values["registry_ids"] = registry
    merged = (row.get("merged_from") or "").strip()
    if merged:
        extra["merged_from"] = merged
    entry = (row.get("ENTRYTYPE") or "").strip().lower()
    values["id"] = rid or None
    values["type"] = ENTRY_TYPES.get(entry, "journal-article" if not entry else "other")
    values["authors"] = [{"literal": name} for name in split_authors(row.get("author"))]
    values["year"] = year
    values["extra"] = extra
    values["source"] = {"parser": NAME, "path": path, "input_kind": "csv"}
    return Record.model_validate(values)


REQUIRED_COLUMN = "title"


def header_fields(first_line: str) -> list[str]:
    """The column names of a CSV header line (a BOM and the quoting removed; none when the
    line is not CSV)."""
    try:
        return next(csv.reader([first_line.lstrip("\ufeff").rstrip("\r\n")]), [])
    except csv.Error:
        return []


def has_readable_header(first_line: str) -> bool:
    """True when :func:`read` reads a CSV that starts with this header line."""
    return REQUIRED_COLUMN in header_fields(first_line)


def _dict_reader(text: str) -> csv.DictReader[str]:
    csv.field_size_limit(FIELD_LIMIT)
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    if not reader.fieldnames or REQUIRED_COLUMN not in reader.fieldnames:
        raise FormatError(f"CSV input needs a header row with at least a {REQUIRED_COLUMN!r} column")
    return reader


def read(text: str, path: str | None = None) -> list[Record]:
    """Records from CSV text with a header row (column names as in :data:`COLUMNS`;
    ``ID`` becomes the record id)."""
    reader = _dict_reader(text)
    try:
        return [_row_record(row, path) for row in reader]
    except csv.Error as exc:
        raise FormatError(f"CSV line {reader.line_num}: {exc}") from exc
    except ValueError as exc:
        raise FormatError(f"CSV line {reader.line_num}: a value does not fit the record schema: {exc}") from exc


def plain_rows(text: str) -> Iterator[dict[str, Any]]:
    """Rows as plain dicts with record field names (``id, title, authors`` as a list of
    name strings, ``year`` as int, ``issue``, ...), without building records: the fast
    path for matching very large exports."""
    reader = _dict_reader(text)
    try:
        for row in reader:
            out: dict[str, Any] = {}
            for key, raw in row.items():
                if key in DIRECT and raw and raw.strip() not in MISSING:
                    out[DIRECT[key]] = raw.strip()
            if "journal" not in out and (row.get("booktitle") or "").strip() not in MISSING:
                out["journal"] = (row.get("booktitle") or "").strip()
            out["id"] = (row.get("ID") or "").strip() or None
            out["year"] = _year(row.get("year") or "")
            out["authors"] = split_authors(row.get("author"))
            yield out
    except csv.Error as exc:
        raise FormatError(f"CSV line {reader.line_num}: {exc}") from exc


def _author_cell(rec: Record) -> str:
    return " and ".join(p.display_name() for p in rec.authors)


def _merged_cell(items: list[MergedFrom]) -> str:
    return "; ".join(m.id or "" for m in items)


def _row(rec: Record) -> list[str]:
    isbn = rec.extra.get("isbn", "")
    booktitle = rec.extra.get("booktitle", "")
    return [
        rec.id or "",
        TYPE_TO_ENTRY.get(rec.type, "misc"),
        _author_cell(rec),
        str(rec.year or ""),
        rec.title or "",
        rec.journal or "",
        rec.volume or "",
        rec.issue or "",
        rec.pages or "",
        rec.abstract or "",
        rec.doi or "",
        str(isbn),
        rec.url or "",
        rec.publisher or "",
        str(booktitle),
        str(rec.extra.get("editor", "")),
        str(rec.extra.get("institution", "")),
        rec.pmid or "",
        rec.pmcid or "",
        "; ".join(f"{r.registry}:{r.id}" for r in rec.registry_ids),
        rec.language or "",
        rec.study_id or "",
        _merged_cell(rec.merged_from),
    ]


def write(records: list[Record]) -> str:
    """One row per record under the :data:`COLUMNS` header (RFC 4180 quoting, ``\\r\\n``)."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL)
    writer.writerow(COLUMNS)
    writer.writerows(_row(rec) for rec in records)
    return out.getvalue()
