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
_DIGITS = re.compile(r"^\d{1,9}$")
_DOI = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s?)?(10\.\d{3,9}/\S+)$", re.I)


def _clean(value: object) -> str:
    text = str(value)
    if "\n" in text or "\r" in text:
        text = " ".join(text.split())
    return text


def _write_one(rec: Record, out: list[str]) -> None:
    ris_type = TYPE_TO_RIS.get(rec.type, "GEN")
    out.append(f"TY  - {ris_type}\n")
    skip = set(NATIVE_FIELDS)
    if RIS_TO_TYPE.get(ris_type) == rec.type:
        skip.add("type")
    values = {field: getattr(rec, field) for _, field in SCALAR_TAGS}
    for tag, field in SCALAR_TAGS[:2]:
        if values[field]:
            out.append(f"{tag}  - {_clean(values[field])}\n")
    out.extend(f"AU  - {_clean(person_string(p))}\n" for p in rec.authors)
    if rec.year:
        out.append(f"PY  - {rec.year}\n")
        if rec.month:
            out.append(f"DA  - {rec.year}/{rec.month:02d}" + (f"/{rec.day:02d}\n" if rec.day else "\n"))
    first, last = page_range(rec)
    for tag, field in SCALAR_TAGS[2:]:
        if values[field]:
            out.append(f"{tag}  - {_clean(values[field])}\n")
        if field == "issue" and first:
            out.append(f"SP  - {_clean(first)}\n")
            if last:
                out.append(f"EP  - {_clean(last)}\n")
    for tag, field in LIST_TAGS:
        out.extend(f"{tag}  - {_clean(v)}\n" for v in getattr(rec, field))
    out.extend(f"N1  - {_clean(line)}\n" for line in note_lines(rec, skip))
    out.append("ER  - \n\n")


def write(records: list[Record]) -> str:
    """Records as RIS: UTF-8 text without a BOM, ``XX  - value`` lines, one blank line
    between records."""
    out: list[str] = []
    for rec in records:
        _write_one(rec, out)
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
    notes = split_notes([v for t, v in fields if t == "N1"], data)
    if notes:
        extra["N1"] = notes
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
    if pmc.upper().startswith("PMC"):
        data["pmcid"] = pmc
    elif pmc:
        extra.setdefault("C2", []).append(pmc)


def read(text: str) -> list[Record]:
    """Records from RIS text (any dialect above). Tags we do not map are kept in
    ``extra["ris"]``; a record whose values cannot form a record raises FormatError."""
    return [_entry_record(fields, n) for n, fields in enumerate(_entries(text), 1)]
