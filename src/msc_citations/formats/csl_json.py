"""CSL-JSON: the input format of citeproc processors (Zotero, Mendeley, pandoc, Citation.js).

Written to validate against the official ``csl-data.json`` schema and to render in every
processor we test: an array of items (one compact item per line), string ids and numbers-as-strings (citeproc-py
crashes on a numeric id, citeproc-js on a numeric volume), dates as ``date-parts``.
Trials are ``report`` items with ``genre`` "Clinical trial registration" and the registry
id as ``number``. Fields CSL has no variable for are ``Label: value`` lines in ``note``
(which Zotero shows and styles ignore); nothing goes to ``custom``, which citeproc-py
warns about. Han, Hangul and kana names are written whole as ``literal`` (see
:func:`~msc_citations.formats.common.cjk_name`).
"""

from __future__ import annotations

import json
from operator import itemgetter
from typing import Any

from pydantic_core import to_json

from ..errors import FormatError
from ..model import Record
from ..record_ids import assign_ids
from .common import build_record, cjk_name, page_range, pages_fields, split_range
from .notes import note_lines, split_notes

NAME = "csl-json"
EXTENSIONS = (".json", ".csl.json")

TYPE_TO_CSL: dict[str, str] = {
    "journal-article": "article-journal",
    "review": "article-journal",
    "clinical-trial": "report",
    "conference-paper": "paper-conference",
    "book": "book",
    "chapter": "chapter",
    "thesis": "thesis",
    "preprint": "article",
    "other": "document",
}
"""Record type -> CSL type."""

CSL_TO_TYPE: dict[str, str] = {
    "article-journal": "journal-article",
    "paper-conference": "conference-paper",
    "book": "book",
    "chapter": "chapter",
    "thesis": "thesis",
    "article": "preprint",
}
"""CSL type -> record type; other CSL types read as ``other``."""

TRIAL_GENRE = "Clinical trial registration"

STRING_VARS: tuple[tuple[str, str], ...] = (
    ("title", "title"),
    ("container-title", "journal"),
    ("container-title-short", "journal_abbrev"),
    ("volume", "volume"),
    ("issue", "issue"),
    ("publisher", "publisher"),
    ("DOI", "doi"),
    ("PMID", "pmid"),
    ("PMCID", "pmcid"),
    ("URL", "url"),
    ("language", "language"),
    ("abstract", "abstract"),
)
"""(CSL variable, record field) for plain string values."""

READ_ALIASES: dict[str, str] = {"journalAbbreviation": "container-title-short", "shortTitle": "title-short"}

NATIVE_FIELDS: frozenset[str] = frozenset(
    {f for _, f in STRING_VARS}
    | {"id", "type", "authors", "year", "month", "day", "pages", "issn", "keywords"}
    | {"page_first", "page_last"}
)
"""Record fields with a CSL variable; the others go to ``note`` lines."""


_SKIP: dict[tuple[bool, bool], frozenset[str]] = {
    (review, commas): NATIVE_FIELDS - ({"type"} if review else set()) - ({"keywords"} if commas else set())
    for review in (False, True)
    for commas in (False, True)
}
"""(record is a review, a keyword holds a comma) -> fields not written as note lines: a
review's type is noted (CSL has no review type), and so are keywords that cannot be joined
with commas."""


def _name(person: Any) -> dict[str, str]:
    whole = cjk_name(person)
    if whole:
        return {"literal": whole}
    if person.family and person.given:
        return {"family": person.family, "given": person.given}
    if person.family and not person.literal:
        return {"family": person.family}
    return {"literal": person.literal or person.given or ""}


_VARS = tuple(var for var, _ in STRING_VARS)
_VALUES = itemgetter(*(field for _, field in STRING_VARS))


def _item(rec: Record) -> dict[str, Any]:
    values = rec.__dict__  # the fields' (validated) values, read at once
    item: dict[str, Any] = {"id": values["id"], "type": TYPE_TO_CSL[values["type"]]}
    for var, value in zip(_VARS, _VALUES(values), strict=True):
        if value:
            item[var] = value
    if rec.authors:
        item["author"] = [_name(p) for p in rec.authors]
    if rec.year:
        parts = [rec.year] + ([rec.month] + ([rec.day] if rec.day else []) if rec.month else [])
        item["issued"] = {"date-parts": [parts]}
    first, last = page_range(rec)
    if first:
        item["page"] = f"{first}-{last}" if last else first
    if rec.issn:
        item["ISSN"] = ", ".join(rec.issn)
    # A keyword holding a comma cannot go into the comma-separated ``keyword``; then all
    # keywords go to note lines.
    commas = False
    if rec.keywords:
        joined = ", ".join(rec.keywords)
        commas = joined.count(",") != len(rec.keywords) - 1
        if not commas:
            item["keyword"] = joined
    if rec.type == "clinical-trial":
        item["genre"] = TRIAL_GENRE
        if rec.registry_ids:
            item["number"] = rec.registry_ids[0].id
    notes = note_lines(rec, _SKIP[rec.type == "review", commas])
    if notes:
        item["note"] = "\n".join(notes)
    return item


def write(records: list[Record]) -> str:
    """Records as a CSL-JSON array, one item per line (UTF-8); records without an id get one."""
    if any(not r.id for r in records):
        records = assign_ids(records)
    if not records:
        return "[]\n"
    return "[\n" + ",\n".join([to_json(_item(r)).decode() for r in records]) + "\n]\n"


def _person(name: Any) -> dict[str, Any] | None:
    if isinstance(name, str):
        return {"literal": name}
    if not isinstance(name, dict):
        return None
    if name.get("literal"):
        return {"literal": str(name["literal"])}
    family = " ".join(str(name[k]) for k in ("dropping-particle", "non-dropping-particle", "family") if name.get(k))
    given = name.get("given")
    if family and given:
        return {"family": family, "given": str(given)}
    if family:
        return {"family": family}
    return {"literal": str(given)} if given else None


def _date(value: Any) -> dict[str, int]:
    parts = value.get("date-parts") if isinstance(value, dict) else None
    if not parts or not isinstance(parts, list) or not parts[0]:
        from .common import date_fields

        raw = value.get("raw") or value.get("literal") if isinstance(value, dict) else value
        return date_fields(str(raw)) if raw else {}
    out: dict[str, int] = {}
    for key, part in zip(("year", "month", "day"), parts[0], strict=False):
        try:
            out[key] = int(part)
        except (TypeError, ValueError):
            break
    return out


def _item_record(item: dict[str, Any], n: int) -> Record:
    item = {READ_ALIASES.get(k, k): v for k, v in item.items()}
    data: dict[str, Any] = {"id": str(item["id"]) if item.get("id") is not None else None}
    data["type"] = CSL_TO_TYPE.get(str(item.get("type")), "other")
    if item.get("genre") == TRIAL_GENRE:
        data["type"] = "clinical-trial"
    for var, field in STRING_VARS:
        if item.get(var) not in (None, ""):
            data[field] = str(item[var])
    data["authors"] = [p for p in map(_person, item.get("author") or []) if p]
    data.update(_date(item.get("issued")))
    if item.get("page"):
        data.update(pages_fields(*split_range(str(item["page"]))))
    elif item.get("page-first"):
        data.update(pages_fields(str(item["page-first"]), None))
    issn = item.get("ISSN")
    data["issn"] = issn if isinstance(issn, list) else [s.strip() for s in str(issn or "").split(",") if s.strip()]
    data["keywords"] = [k.strip() for k in str(item.get("keyword") or "").split(",") if k.strip()]
    extra: dict[str, Any] = {}
    notes = split_notes(str(item.get("note") or "").split("\n"), data)
    if notes:
        extra["note"] = "\n".join(notes)
    used = {v for v, _ in STRING_VARS} | {"id", "type", "genre", "author", "issued", "page", "ISSN", "keyword"}
    used |= {"note", "number", "page-first"}
    extra.update({k: v for k, v in item.items() if k not in used})
    if "number" in item and str(item["number"]) not in {r["id"] for r in data.get("registry_ids", [])}:
        extra["number"] = item["number"]
    if extra:
        data["extra"] = {"csl": extra}
    return build_record(data, f"CSL-JSON item {n}")


def read(text: str) -> list[Record]:
    """Records from a CSL-JSON array (a single item object is also accepted)."""
    try:
        data = json.loads(text.lstrip("\ufeff"))
    except ValueError as exc:
        raise FormatError(f"not JSON: {exc}") from exc
    items = [data] if isinstance(data, dict) else data
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise FormatError("CSL-JSON must be an array of objects")
    return [_item_record(item, n) for n, item in enumerate(items, 1)]
