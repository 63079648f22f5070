"""BibTeX (read: BibTeX and BibLaTeX).

Written for LaTeX users, pandoc, Zotero and JabRef: the citation key is the record's id,
authors are ``Family, Given and ...`` (organisations braced whole), titles keep their
capitals with braces, LaTeX's special characters are escaped and everything else is
UTF-8; identifiers are written verbatim. Fields without a BibTeX field travel as
``Label: value`` lines in ``note``. The field table is :mod:`.bibtex_map`.
"""

from __future__ import annotations

import re
from itertools import compress
from operator import itemgetter
from typing import Any

from ..model import Record
from ..record_ids import assign_ids
from .bibtex_map import (
    BIBTEX_TO_TYPE,
    CONTAINER_FIELD,
    MONTH_NAMES,
    NATIVE_FIELDS,
    READ_ALIASES,
    SCALAR_FIELDS,
    TRIAL_REPORT_TYPE,
    TYPE_TO_BIBTEX,
    VERBATIM_FIELDS,
)
from .bibtex_parse import Entry, parse_entries
from .common import build_record, cjk_name, date_fields, page_range, pages_fields, split_range
from .latex import decode, escape, has_double_space, protect_title
from .notes import note_lines, split_notes

NAME = "bibtex"
EXTENSIONS = (".bib", ".bibtex")

_AND = re.compile(r"\s+and\s+", re.I)
_KEY_UNSAFE = str.maketrans(dict.fromkeys(" \t\n,{}()\"#%'=~\\", "_"))


def _name(person: Any) -> str:
    whole = cjk_name(person)
    if whole:  # Han, Hangul and kana only: nothing to escape
        return "{" + whole + "}"
    if person.family and person.given:
        family = escape(person.family)
        if " " in person.family:
            family = "{" + family + "}"
        return f"{family}, {escape(person.given)}"
    return "{" + escape(person.literal or person.family or person.given or "") + "}"


_SKIP_TYPED = frozenset(NATIVE_FIELDS | {"type"})
_SKIP_UNTYPED = frozenset(NATIVE_FIELDS)
_REPEATED = frozenset({"journal", "journal_abbrev", "year", "volume", "issue", "publisher", "language"})
"""Fields whose values recur across the records of one file: escaped once per value."""
_VERBATIM, _ESCAPED, _ESCAPED_REPEATED = 0, 1, 2
_PLAIN = tuple(
    (
        f",\n  {bib} = {{",
        field,
        _VERBATIM if bib in VERBATIM_FIELDS else _ESCAPED_REPEATED if field in _REPEATED else _ESCAPED,
    )
    for bib, field in SCALAR_FIELDS
    if field not in ("title", "month", "pages")
)
"""(``,\n  name = {`` opening the field, record field, how its value is written) per plain field."""
_CONTAINER_OPEN = {rtype: f",\n  {bib} = {{" for rtype, bib in CONTAINER_FIELD.items()}
_JOURNAL_OPEN = ",\n  journal = {"
_AUTHOR_OPEN = ",\n  author = {"


def _one_line(value: object) -> str:
    """The value as text, runs of white space made one space when it spans lines or
    holds a double space."""
    text = str(value)
    if "\n" in text or "\r" in text or has_double_space(text):
        return " ".join(text.split())
    return text


def _verbatim(value: object) -> str:
    """An identifier or address: written as it is, without braces (they would end the value)."""
    text = str(value)
    if " " in text or "\n" in text or "\r" in text:  # identifiers seldom hold white space
        text = _one_line(text)
    return text.replace("{", "").replace("}", "") if "{" in text or "}" in text else text


def _authors(people: list[Any], known: dict[object, str]) -> str:
    """The ``author`` value without its outer braces; ``known`` keeps each name as
    written (names recur across a file's records)."""
    names: list[str] = []
    for person in people:
        key = (person.family, person.given, person.literal)
        name = known.get(key)
        if name is None:
            name = known[key] = _name(person)
        names.append(name)
    return " and ".join(names)


_PLAIN_VALUES = itemgetter(*[field for _, field, _ in _PLAIN])


def _latex(text: str) -> str:
    """:func:`.latex.escape`, with no call for a word of letters and digits (most pages,
    volumes, issues and years), which needs no escaping."""
    return text if text.isalnum() else escape(text)


def _escaped(value: object) -> str:
    """The value as one line of escaped LaTeX."""
    text = str(value)
    # A word of letters and digits (most volumes, issues, years, pages) needs no work.
    return text if text.isalnum() else escape(_one_line(text))


Seen = dict[str, dict[object, str]]
"""Field opening -> value -> the whole field as written, for the :data:`_REPEATED` fields;
under :data:`_AUTHOR_OPEN`, (family, given, literal) -> the name as written."""


def _seen() -> Seen:
    """An empty :data:`Seen` for one file."""
    openings = [opening for opening, field, _ in _PLAIN if field in _REPEATED]
    return {opening: {} for opening in [*openings, *_CONTAINER_OPEN.values(), _AUTHOR_OPEN]}


def _plain_fields(values: dict[str, Any], journal_open: str, seen: Seen, out: list[str]) -> None:
    """Append the one-valued fields (:data:`_PLAIN`) to ``out``, in pieces; ``seen`` holds
    the repeated fields already written."""
    found = _PLAIN_VALUES(values)
    # Most fields are empty: only the others are looked at.
    for (opening, field, how), value in zip(compress(_PLAIN, found), compress(found, found), strict=True):
        if how == _ESCAPED_REPEATED:
            if field == "journal":
                opening = journal_open
            written = seen[opening].get(value)
            if written is None:
                written = seen[opening][value] = opening + _escaped(value) + "}"
            out.append(written)
            continue
        out += (opening, _escaped(value) if how == _ESCAPED else _verbatim(value), "}")


def _fields(rec: Record, seen: Seen, out: list[str]) -> None:
    """Append the entry's fields to ``out`` in pieces, each field opening with ``,\n  name =``
    (``seen``: see :func:`_plain_fields`)."""
    values = rec.__dict__  # the fields' values, read without a call per field
    if rec.authors:
        out += (_AUTHOR_OPEN, _authors(rec.authors, seen[_AUTHOR_OPEN]), "}")
    if rec.title:
        out += (",\n  title = {", protect_title(" ".join(rec.title.split())), "}")
    if rec.month:
        out += (",\n  month = ", MONTH_NAMES[rec.month] if 1 <= rec.month <= 12 else str(rec.month))
    first, last = page_range(rec)
    if first:
        out += (",\n  pages = {", f"{_latex(first)}--{_latex(last)}" if last else _latex(first), "}")
    _plain_fields(values, _CONTAINER_OPEN.get(rec.type, _JOURNAL_OPEN), seen, out)
    if rec.issn:
        out += (",\n  issn = {", ", ".join(rec.issn), "}")
    if rec.keywords:
        sep = "; " if "," in "".join(rec.keywords) else ", "
        out += (",\n  keywords = {", escape(sep.join(rec.keywords)), "}")
    if rec.type == "clinical-trial":
        out.append(",\n  type = {" + TRIAL_REPORT_TYPE + "}")
        if rec.registry_ids and not rec.issue:
            out += (",\n  number = {", escape(rec.registry_ids[0].id), "}")
    notes = note_lines(rec, _SKIP_TYPED if _TYPED[rec.type] else _SKIP_UNTYPED)
    if notes:
        out += (",\n  note = {", escape("\n".join(notes)), "}")


_TYPED = {rtype: BIBTEX_TO_TYPE.get(bib) == rtype for rtype, bib in TYPE_TO_BIBTEX.items()}
"""Record type -> whether its entry type reads back as it (else the type goes to a note)."""


def write(records: list[Record]) -> str:
    """Records as BibTeX entries, one blank line apart; records without an id get one."""
    if any(not r.id for r in records):
        records = assign_ids(records)
    seen = _seen()
    # The whole file is one list of pieces joined once: no string per field or per entry.
    out: list[str] = []
    for rec in records:
        key = rec.id or ""
        if not key.isalnum():  # letters and digits (most keys) are safe: no translation
            key = key.translate(_KEY_UNSAFE)
        out.append(f"@{TYPE_TO_BIBTEX[rec.type]}{{{key}")
        start = len(out)
        _fields(rec, seen, out)
        if len(out) == start:  # an entry without fields
            out.append(",\n")
        out.append("\n}\n\n")
    if out:
        out[-1] = "\n}\n"  # entries are one blank line apart, with none after the last
    return "".join(out)


def _depths(text: str) -> list[int]:
    """Brace depth before each character (escaped braces do not count)."""
    depths, depth, escaped = [], 0, False
    for c in text:
        depths.append(depth)
        if escaped:
            escaped = False
        elif c == "\\":
            escaped = True
        elif c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
    return depths


def _split_names(value: str) -> list[str]:
    depths = _depths(value)
    names, start = [], 0
    for m in _AND.finditer(value):
        if depths[m.start()] == 0 and m.start() >= start:
            names.append(value[start : m.start()])
            start = m.end()
    names.append(value[start:])
    return [n.strip() for n in names if n.strip()]


def _split_commas(name: str) -> list[str]:
    depths = _depths(name)
    parts, start = [], 0
    for i, c in enumerate(name):
        if c == "," and depths[i] == 0:
            parts.append(name[start:i])
            start = i + 1
    parts.append(name[start:])
    return [p.strip() for p in parts]


def _wrapped(name: str) -> bool:
    """True when one brace group spans the whole name (an organisation)."""
    if not (name.startswith("{") and name.endswith("}")):
        return False
    depths = _depths(name)
    return all(d > 0 for d in depths[1:])


def _person(name: str) -> dict[str, Any]:
    if _wrapped(name):
        return {"literal": decode(name)}
    parts = _split_commas(name)
    if len(parts) >= 2 and parts[0] and parts[-1]:
        return {"family": decode(parts[0]), "given": decode(parts[-1])}
    words = decode(name).split(" ")
    if len(words) == 1:
        return {"literal": words[0]}
    cut = next((i for i, w in enumerate(words[:-1]) if w[:1].islower()), len(words) - 1)
    return {"family": " ".join(words[cut:]), "given": " ".join(words[:cut])}


def _month(value: str) -> int | None:
    text = value.strip().lower()[:3]
    if text.isdigit():
        return int(text) if 1 <= int(text) <= 12 else None
    return MONTH_NAMES.index(text) if text in MONTH_NAMES[1:] else None


def _entry_record(entry: Entry, n: int) -> Record:
    raw = {READ_ALIASES.get(k, k): v for k, v in reversed(entry.fields.items())}
    data: dict[str, Any] = {"id": entry.key, "type": BIBTEX_TO_TYPE.get(entry.type, "other")}
    value = {k: (v if k in VERBATIM_FIELDS else decode(v)) for k, v in raw.items() if k != "note"}
    if "note" in raw:
        value["note"] = "\n".join(decode(line) for line in raw["note"].split("\n"))
    if "author" in raw:
        data["authors"] = [_person(p) for p in _split_names(raw["author"])]
    for bib, field in SCALAR_FIELDS:
        if bib in value and field not in ("year", "month", "pages"):
            data[field] = value[bib]
    if value.get("eprinttype", "").lower() == "pubmed" and "eprint" in value:
        data["pmid"] = value["eprint"]
    data.update(date_fields(value["date"]) if "date" in value else {})
    if value.get("year", "").strip().isdigit():
        data["year"] = int(value["year"].strip())
    if "month" in value and _month(value["month"]):
        data["month"] = _month(value["month"])
    if "pages" in value:
        data.update(pages_fields(*split_range(value["pages"])))
    if "issn" in value:
        data["issn"] = [s.strip() for s in value["issn"].replace(";", ",").split(",") if s.strip()]
    if "keywords" in value:
        sep = ";" if ";" in value["keywords"] else ","
        data["keywords"] = [k.strip() for k in value["keywords"].split(sep) if k.strip()]
    number = _report_number(entry, value, data)
    notes = split_notes(value.get("note", "").split("\n"), data) if "note" in raw else []
    used = {b for b, _ in SCALAR_FIELDS} | {"author", "date", "issn", "keywords", "note", "eprinttype"}
    if data["type"] == "clinical-trial":
        used.add("type")
    extra = {k: v for k, v in value.items() if k not in used and not (k == "eprint" and "pmid" in data)}
    if notes:
        extra["note"] = "\n".join(notes)
    if number and number in {r["id"] for r in data.get("registry_ids", [])}:
        data.pop("issue", None)
    if extra:
        data["extra"] = {"bibtex": extra}
    return build_record(data, f"BibTeX entry {n} ({entry.key})")


def _report_number(entry: Entry, value: dict[str, str], data: dict[str, Any]) -> str | None:
    """A trial report's ``number`` is its registry id, not an issue: returned, not kept."""
    if value.get("type", "").strip().lower() != TRIAL_REPORT_TYPE.lower():
        return None
    data["type"] = "clinical-trial"
    return value.get("number") if entry.type == "techreport" else None


def read(text: str) -> list[Record]:
    """Records from BibTeX or BibLaTeX text (``@string`` macros resolved, comments and
    ``@preamble`` skipped). Unknown fields are kept in ``extra["bibtex"]``."""
    records = []
    for n, entry in enumerate(parse_entries(text), 1):
        records.append(_entry_record(entry, n))
    return records
