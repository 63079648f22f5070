"""RIS: written for Zotero, EndNote, Mendeley, Rayyan and Covidence; read from any of them,
Web of Science and PubMed-derived files (BOM, CRLF, old ``A1``/``T1``/``JF``/``Y1`` tags).

The tag table is :mod:`msc_citations.formats.ris_map`; fields without a tag travel as
``N1  - Label: value`` notes (:mod:`msc_citations.formats.notes`).
"""

from __future__ import annotations

import re
from typing import Any

from ..model import Record
from .common import build_record, date_fields, first_year, page_range, pages_fields, parse_person, person_string
from .notes import note_lines, split_notes
from .ris_map import (
    AUTHOR_TAGS,
    FULL_AUTHOR_TAG,
    LIST_TAGS,
    NATIVE_FIELDS,
    NON_PUBMED_DATABASES,
    READ_ALIASES,
    RIS_TO_TYPE,
    SCALAR_TAGS,
    TYPE_TO_RIS,
)

NAME = "ris"
EXTENSIONS = (".ris",)

_TAG_LINE = re.compile(r"^([A-Z][A-Z0-9]) {1,2}-(?: (.*))?$")
_PMID_NOTE = re.compile(r"^PMID: ?(\d{1,9})\.?$")
_DIGITS = re.compile(r"^\d{1,9}$")
_DOI = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s?)?(10\.\d{3,9}/\S+)$", re.I)


_SKIP_TYPED = frozenset(NATIVE_FIELDS | {"type"})
_SKIP_TYPED_PMID = _SKIP_TYPED | {"pmid"}
_SKIP_UNTYPED = frozenset(NATIVE_FIELDS)
_SKIP_UNTYPED_PMID = _SKIP_UNTYPED | {"pmid"}
_HEAD_TAGS = SCALAR_TAGS[:2]
_TAIL_TAGS = SCALAR_TAGS[2:]


def _lines(rec: Record) -> list[str]:
    """The record's tag lines (values may still hold line breaks)."""
    ris_type = TYPE_TO_RIS.get(rec.type, "GEN")
    lines = [f"TY  - {ris_type}"]
    for tag, field in _HEAD_TAGS:
        value = getattr(rec, field)
        if value:
            lines.append(f"{tag}  - {value}")
    lines += [f"AU  - {person_string(p)}" for p in rec.authors]
    if rec.year:
        lines.append(f"PY  - {rec.year}")
        if rec.month:
            lines.append(f"DA  - {rec.year}/{rec.month:02d}" + (f"/{rec.day:02d}" if rec.day else ""))
    first, last = page_range(rec)
    for tag, field in _TAIL_TAGS:
        value = getattr(rec, field)
        if value:
            lines.append(f"{tag}  - {value}")
        if field == "issue" and first:
            lines.append(f"SP  - {first}")
            if last:
                lines.append(f"EP  - {last}")
        elif field == "pmid" and not value and rec.registry_ids:
            # A registration's accession number is its registry id (EndNote shows it).
            lines.append(f"AN  - {rec.registry_ids[0].id}")
    for tag, field in LIST_TAGS:
        lines += [f"{tag}  - {v}" for v in getattr(rec, field)]
    typed = RIS_TO_TYPE.get(ris_type) == rec.type
    pmid_line = bool(rec.pmid and rec.pmid.isdigit())
    if pmid_line:
        # Citation.js runs N1 values together: a full stop keeps the PMID a word of its own.
        lines.append(f"N1  - PMID: {rec.pmid}.")
    skip = (
        (_SKIP_TYPED_PMID if pmid_line else _SKIP_TYPED)
        if typed
        else (_SKIP_UNTYPED_PMID if pmid_line else _SKIP_UNTYPED)
    )
    lines += [f"N1  - {line}" for line in note_lines(rec, skip)]
    return lines


def _one_line(line: str) -> str:
    return line[:6] + " ".join(line[6:].split())


def write(records: list[Record]) -> str:
    """Records as RIS: UTF-8 text without a BOM, ``XX  - value`` lines (line breaks inside
    values become spaces), one blank line between records."""
    out: list[str] = []
    for rec in records:
        lines = _lines(rec)
        body = "\n".join(lines)
        if body.count("\n") != len(lines) - 1 or "\r" in body:
            body = "\n".join(map(_one_line, lines))
        out.append(body + "\nER  - \n\n")
    return "".join(out)


def _entries(text: str) -> list[list[tuple[str, str]]]:
    entries: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] | None = None
    for raw in text.lstrip("\ufeff").splitlines():
        line = raw.rstrip()
        m = _TAG_LINE.match(line)
        if m:
            tag, value = m.group(1), (m.group(2) or "").strip()
            if tag == "TY":
                current = [("TY", value)]
                entries.append(current)
            elif tag == "ER":
                current = None
            elif current is not None:
                current.append((tag, value))
        elif current and line.strip():
            tag, value = current[-1]
            current[-1] = (tag, f"{value} {line.strip()}" if value else line.strip())
    return entries


def _journals(fields: list[tuple[str, str]]) -> dict[str, Any]:
    full = [v for t, v in fields if t in ("T2", "JF", "SO") and v]
    jo = [v for t, v in fields if t == "JO" and v]
    abbrev = [v for t, v in fields if t in ("J2", "JA", "JI", "J9") and v]
    out: dict[str, Any] = {}
    if full:
        out["journal"] = full[0]
        abbrev = abbrev or jo
    elif jo:
        out["journal"] = jo[0]
    if abbrev:
        out["journal_abbrev"] = abbrev[0]
    return out


def _authors(fields: list[tuple[str, str]]) -> list[Any]:
    tags = {FULL_AUTHOR_TAG} if any(t == FULL_AUTHOR_TAG for t, _ in fields) else AUTHOR_TAGS
    return [p for t, v in fields if t in tags for p in [parse_person(v)] if p is not None]


def _pmid_from_an(value: str, fields: list[tuple[str, str]]) -> bool:
    db = " ".join(v.lower() for t, v in fields if t in ("DB", "DP"))
    return bool(_DIGITS.match(value)) and not any(name in db for name in NON_PUBMED_DATABASES)


def _dates(first: dict[str, str], data: dict[str, Any]) -> None:
    for tag in ("DA", "PY"):
        if tag in first:
            found = date_fields(first[tag])
            if tag == "PY" and "year" in data:
                continue
            data.update({k: v for k, v in found.items() if k not in data})
    if "year" not in data and "DA" in first:
        data["year"] = first_year(first["DA"])


def _entry_record(fields: list[tuple[str, str]], n: int) -> Record:
    fields = [(READ_ALIASES.get(t, t) if t != "JO" else t, v) for t, v in fields]
    first: dict[str, str] = {}
    for tag, value in fields:
        if value:
            first.setdefault(tag, value)
    data: dict[str, Any] = {"type": RIS_TO_TYPE.get(first.get("TY", "").upper(), "other")}
    extra: dict[str, list[str]] = {}
    known = {tag for tag, _ in SCALAR_TAGS} | {"TY", "AU", "A1", "AF", "SP", "EP", "PY", "DA", "N1", "KW", "SN"}
    known |= {"JO", "JF", "SO", "J2", "JA", "JI", "J9", "PMID", "C2", "DB", "DP"}
    for tag, field in SCALAR_TAGS:
        if tag in first and field not in ("journal", "journal_abbrev", "pmid", "doi"):
            data[field] = first[tag]
    data.update(_journals(fields))
    data["authors"] = _authors(fields)
    for tag, field in LIST_TAGS:
        items = [v for t, v in fields if t == tag and v]
        if tag == "KW" and len(items) == 1 and ";" in items[0]:
            items = [k.strip() for k in items[0].split(";") if k.strip()]
        data[field] = items
    _dates(first, data)
    start = first.get("SP")
    data.update(pages_fields(*(_split_sp(start) if start and "EP" not in first else (start, first.get("EP")))))
    _identifiers(first, fields, data, extra)
    notes = [v for t, v in fields if t == "N1"]
    pmid_note = next((m.group(1) for m in map(_PMID_NOTE.match, notes) if m), None)
    if pmid_note and "pmid" not in data:
        data["pmid"] = pmid_note
    notes = split_notes([v for v in notes if not _PMID_NOTE.match(v)], data)
    if notes:
        extra["N1"] = notes
    if extra.get("AN") and extra["AN"][0] in {r["id"] for r in data.get("registry_ids", [])}:
        del extra["AN"]
    for tag, value in fields:
        if tag not in known and value:
            extra.setdefault(tag, []).append(value)
    if extra:
        data["extra"] = {"ris": extra}
    return build_record(data, f"RIS record {n}")


def _split_sp(value: str) -> tuple[str, str | None]:
    # A single SP with a range stays as written in ``pages`` (the pages step splits it).
    return value, None


def _identifiers(first: dict[str, str], fields: list[tuple[str, str]], data: dict[str, Any], extra: Any) -> None:
    doi = first.get("DO") or next((v for t, v in fields if t == "M3" and _DOI.match(v)), None)
    if doi:
        m = _DOI.match(doi)
        data["doi"] = m.group(1) if m else doi
    an = first.get("AN")
    if first.get("PMID"):
        data["pmid"] = first["PMID"]
    elif an and _pmid_from_an(an, fields):
        data["pmid"] = an
    elif an:
        extra.setdefault("AN", []).append(an)
    pmc = first.get("C2", "")
    db = " ".join(v.lower() for t, v in fields if t in ("DB", "DP"))
    if _DIGITS.match(pmc) and "scopus" in db and "pmid" not in data:
        data["pmid"] = pmc  # Scopus exports the PMID in C2
    elif pmc.upper().startswith("PMC"):
        data["pmcid"] = pmc
    elif pmc:
        extra.setdefault("C2", []).append(pmc)


def read(text: str) -> list[Record]:
    """Records from RIS text (any dialect above). Tags we do not map are kept in
    ``extra["ris"]``; a record whose values cannot form a record raises FormatError."""
    return [_entry_record(fields, n) for n, fields in enumerate(_entries(text), 1)]
