"""RIS: written for Zotero, EndNote, Mendeley, Rayyan and Covidence; read from any of them,
Web of Science and PubMed-derived files (BOM, CRLF, old ``A1``/``T1``/``JF``/``Y1`` tags).

The tag table is :mod:`msc_citations.formats.ris_map`; fields without a tag travel as
``N1  - Label: value`` notes (:mod:`msc_citations.formats.notes`).
"""

from __future__ import annotations

import itertools
import re
import string
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any, NamedTuple

from ..document import OTHER_LINE_BREAKS
from ..model import Record
from .common import build_record, date_fields, first_year, page_range, pages_fields, people_fields, person_string
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


Fields = list[tuple[str, str]]
"""An entry's ``(tag, value)`` fields in file order."""
Indexed = tuple[Fields, dict[str, list[str]], dict[str, str]]
"""An entry's fields, every value of each tag, and each tag's first non-empty value (tags
in the order their first non-empty value comes)."""


class _TagNames(NamedTuple):
    """The tag each tag is read as, by itself and by the start of its line."""

    names: dict[str, str]
    """Tag -> the tag it is read as."""
    heads: dict[str, str]
    """``XX  - `` (a tag line's start) -> the tag ``XX`` is read as."""

    @classmethod
    def of(cls, names: dict[str, str]) -> _TagNames:
        """The names with the tag line starts that go with them."""
        return cls(names, {f"{tag}  - ": name for tag, name in names.items()})


def _entries(text: str, tags: _TagNames | None = None) -> list[Fields]:
    """The ``(tag, value)`` fields of each ``TY`` ... ``ER`` entry, continuation lines joined
    to the value before them; with ``tags``, each tag as ``tags`` names it."""
    return [fields for fields, _, _ in _indexed_entries(text, _SAME_NAMES if tags is None else tags)]


def _indexed_entries(text: str, tags: _TagNames) -> Iterator[Indexed]:
    """:func:`_entries` with each entry's fields also grouped by tag (:data:`Indexed`)."""
    text = text.lstrip("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    text = "\n" + text
    if "\r" in text or any(sep in text for sep in OTHER_LINE_BREAKS):
        yield from _indexed_by_line(text, tags)
        return
    # Only \n ends a line: one pass over the lines reads every field with the lines that
    # continue it, and groups each entry's fields by tag, until a tag line with white space
    # other than a space after its dash (rare): the line-by-line reader reads the entries
    # from there on (the ones before come out the same in both).
    done = 0
    try:
        for entry in _split_indexed(text, tags):
            yield entry
            done += 1
    except _SpacedTagLine:
        yield from itertools.islice(_indexed_by_line(text, tags), done, None)


def _indexed_by_line(text: str, tags: _TagNames) -> Iterator[Indexed]:
    """:func:`_indexed_entries` of any text, read line by line (:func:`_entries_by_line`)."""
    names = tags.names
    return (_indexed([(names.get(tag, tag), value) for tag, value in fields]) for fields in _entries_by_line(text))


class _SpacedTagLine(Exception):
    """A tag line with white space other than a space after its dash (:data:`_SPACED_TAG_LINE`)."""


_TAG_NAMES = [a + b for a in string.ascii_uppercase for b in string.ascii_uppercase + string.digits]
"""Every two-character tag of a tag line (:data:`_TAG_LINE`)."""
_SAME_NAMES = _TagNames.of({tag: tag for tag in _TAG_NAMES})
_READ_NAMES = _TagNames.of({tag: READ_ALIASES.get(tag, tag) for tag in _TAG_NAMES})
"""Tag -> the tag the reader reads it as (the dialects' tags mapped to ours)."""


def _blocks(text: str, size: int) -> Iterator[str]:
    """The text in blocks of about ``size`` characters cut at line ends (without the
    ``\\n`` there): lines split a block at a time are still in the cache when read."""
    start = 0
    while (end := text.find("\n", start + size)) >= 0:
        yield text[start:end]
        start = end + 1
    yield text[start:]


def _split_indexed(text: str, tags: _TagNames, block: int = 1 << 15) -> Iterator[Indexed]:
    """:func:`_indexed_entries` of lines ended by ``\\n`` alone: a tag line (:data:`_TAG_LINE`)
    and the lines after it that have no tag, which continue its value (blank ones add
    nothing); fields outside entries are dropped. Raises :class:`_SpacedTagLine` at a tag
    line this split does not read (after yielding the entries before its own)."""
    fields: Fields = []  # the fields of the entry being read, or of the last one
    by_tag: dict[str, list[str]] = {}
    first: dict[str, str] = {}
    reading = False  # inside an entry
    continued = False  # whether a line without a tag continues fields[-1] (else it is dropped)
    names, heads = tags
    for lines in _blocks(text, block):
        for line in lines.split("\n"):
            tag = heads.get(line[:6])
            if tag is not None:  # the usual ``XX  - value``
                value = line[6:].strip()
            else:
                tag = names.get(line[:2])
                if tag is not None:
                    sep = line[2:6]
                    if sep[:3] == " - ":
                        value = line[5:].strip()
                    elif sep in ("  -", " -"):  # the line ends at the dash
                        value = ""
                    elif _SPACED_TAG_LINE.match(line):
                        raise _SpacedTagLine
                    else:
                        tag = None
                if tag is None:  # a line that continues the value before it
                    more = line.strip()
                    if more and continued:
                        _continue(more, (fields, by_tag, first))
                    continue
            if tag == "TY":
                if fields:
                    yield fields, by_tag, first
                fields = [("TY", value)]
                by_tag = {"TY": [value]}
                first = {"TY": value} if value else {}
                reading = continued = True
            elif tag == "ER" or not reading:
                reading = continued = False
            else:
                fields.append((tag, value))
                values = by_tag.get(tag)
                if values is None:
                    by_tag[tag] = [value]
                else:
                    values.append(value)
                if value and tag not in first:
                    first[tag] = value
    if fields:
        yield fields, by_tag, first


def _continue(more: str, entry: Indexed) -> None:
    """Join a continuation line's text to the entry's last field (and to its tag's values)."""
    fields, by_tag, first = entry
    tag, prev = fields[-1]
    value = f"{prev} {more}" if prev else more
    fields[-1] = (tag, value)
    values = by_tag[tag]
    values[-1] = value
    if not any(values[:-1]):  # the tag's first non-empty value
        first[tag] = value


def _indexed(fields: Fields) -> Indexed:
    """The fields with every value of each tag and each tag's first non-empty value."""
    by_tag: dict[str, list[str]] = {}
    first: dict[str, str] = {}
    for tag, value in fields:
        by_tag.setdefault(tag, []).append(value)
        if value and tag not in first:
            first[tag] = value
    return fields, by_tag, first


def _grouped(fields: Iterable[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    """The fields of each ``TY`` ... ``ER`` entry; fields outside an entry are dropped."""
    entries: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] | None = None
    for tag, value in fields:
        if tag == "TY":
            current = [("TY", value)]
            entries.append(current)
        elif tag == "ER":
            current = None
        elif current is not None:
            current.append((tag, value))
    return entries


_SPACED_TAG_LINE = re.compile(r"[A-Z][A-Z0-9] {1,2}-[^\S \n]")
"""The start of a tag line with white space other than a space after the dash: the
line-by-line reader reads its entry and the rest of the text."""


def _entries_by_line(text: str) -> list[list[tuple[str, str]]]:
    fields: list[tuple[str, str]] = []
    for raw in text.splitlines():
        line = raw.rstrip()
        m = _TAG_LINE.match(line)
        if m:
            fields.append((m.group(1), (m.group(2) or "").strip()))
        elif fields and line.strip():
            # A line without a tag continues the value before it.
            tag, value = fields[-1]
            fields[-1] = (tag, f"{value} {line.strip()}" if value else line.strip())
    return _grouped(fields)


def _db(fields: list[tuple[str, str]], by_tag: dict[str, list[str]]) -> str:
    """The database names (``DB`` and ``DP``, in file order), lowercased."""
    if "DP" not in by_tag:
        return " ".join(by_tag.get("DB", ())).lower()
    return " ".join(v.lower() for t, v in fields if t in ("DB", "DP"))


def _authors(fields: list[tuple[str, str]], by_tag: dict[str, list[str]]) -> list[dict[str, str]]:
    if FULL_AUTHOR_TAG in by_tag:
        values = by_tag[FULL_AUTHOR_TAG]
    elif "A1" not in by_tag:
        values = by_tag.get("AU", [])
    elif "AU" not in by_tag:
        values = by_tag["A1"]
    else:
        values = [v for t, v in fields if t in AUTHOR_TAGS]
    return people_fields(values)


def _pmid_from_an(value: str, fields: list[tuple[str, str]], by_tag: dict[str, list[str]]) -> bool:
    if not _DIGITS.match(value):
        return False
    db = _db(fields, by_tag)
    return not any(name in db for name in NON_PUBMED_DATABASES)


@lru_cache(maxsize=4096)
def _date_items(text: str) -> tuple[tuple[str, Any], ...]:
    """:func:`date_fields` of a ``DA`` or ``PY`` value; a file's records share a few dates."""
    return tuple(date_fields(text).items())


def _dates(first: dict[str, str], data: dict[str, Any]) -> None:
    for tag in ("DA", "PY"):
        if tag in first:
            if tag == "PY" and "year" in data:
                continue
            data.update({k: v for k, v in _date_items(first[tag]) if k not in data})
    if "year" not in data and "DA" in first:
        data["year"] = first_year(first["DA"])


_KNOWN = frozenset(
    {tag for tag, _ in SCALAR_TAGS}
    | {"TY", "AU", "A1", "AF", "SP", "EP", "PY", "DA", "N1", "KW", "SN"}
    | {"JO", "JF", "SO", "J2", "JA", "JI", "J9", "PMID", "C2", "DB", "DP"}
)
"""Tags read into fields; any other goes to ``extra["ris"]``."""
_SCALAR_READ = tuple(
    (tag, field) for tag, field in SCALAR_TAGS if field not in ("journal", "journal_abbrev", "pmid", "doi")
)


def _entry_record(entry: Indexed, n: int) -> Record:
    """The record of an entry's fields, their tags read as :data:`_READ_NAMES` has them."""
    fields, by_tag, first = entry
    data: dict[str, Any] = {"type": RIS_TO_TYPE.get(first.get("TY", "").upper(), "other")}
    extra: dict[str, list[str]] = {}
    for tag, field in _SCALAR_READ:
        if tag in first:
            data[field] = first[tag]
    # JF and SO read as T2, JA/JI/J9 as J2; JO is the journal unless T2 is also given.
    if "T2" in first:
        data["journal"] = first["T2"]
        abbrev = first.get("J2") or first.get("JO")
    else:
        if "JO" in first:
            data["journal"] = first["JO"]
        abbrev = first.get("J2")
    if abbrev:
        data["journal_abbrev"] = abbrev
    data["authors"] = _authors(fields, by_tag)
    for tag, field in LIST_TAGS:
        items = [v for v in by_tag.get(tag, ()) if v]
        if tag == "KW" and len(items) == 1 and ";" in items[0]:
            items = [k.strip() for k in items[0].split(";") if k.strip()]
        data[field] = items
    _dates(first, data)
    start = first.get("SP")
    data.update(pages_fields(*(_split_sp(start) if start and "EP" not in first else (start, first.get("EP")))))
    _identifiers(first, fields, by_tag, data, extra)
    if "N1" in by_tag:
        _notes(by_tag["N1"], data, extra)
    if extra.get("AN") and extra["AN"][0] in {r["id"] for r in data.get("registry_ids", [])}:
        del extra["AN"]
    for tag in first:
        if tag not in _KNOWN:
            extra[tag] = [v for v in by_tag[tag] if v]
    if extra:
        data["extra"] = {"ris": extra}
    return build_record(data, f"RIS record {n}")


def _notes(notes: list[str], data: dict[str, Any], extra: dict[str, list[str]]) -> None:
    """Read the ``N1`` notes into ``data``; the lines that are not ours go to ``extra``."""
    pmid_note = next((m.group(1) for m in map(_PMID_NOTE.match, notes) if m), None)
    if pmid_note and "pmid" not in data:
        data["pmid"] = pmid_note
    rest = split_notes([v for v in notes if not _PMID_NOTE.match(v)], data)
    if rest:
        extra["N1"] = rest


def _split_sp(value: str) -> tuple[str, str | None]:
    # A single SP with a range stays as written in ``pages`` (the pages step splits it).
    return value, None


def _identifiers(
    first: dict[str, str],
    fields: list[tuple[str, str]],
    by_tag: dict[str, list[str]],
    data: dict[str, Any],
    extra: Any,
) -> None:
    doi = first.get("DO") or next((v for v in by_tag.get("M3", ()) if _DOI.match(v)), None)
    if doi:
        m = _DOI.match(doi)
        data["doi"] = m.group(1) if m else doi
    an = first.get("AN")
    if first.get("PMID"):
        data["pmid"] = first["PMID"]
    elif an and _pmid_from_an(an, fields, by_tag):
        data["pmid"] = an
    elif an:
        extra.setdefault("AN", []).append(an)
    pmc = first.get("C2", "")
    if not pmc:
        return
    if _DIGITS.match(pmc) and "scopus" in _db(fields, by_tag) and "pmid" not in data:
        data["pmid"] = pmc  # Scopus exports the PMID in C2
    elif pmc.upper().startswith("PMC"):
        data["pmcid"] = pmc
    else:
        extra.setdefault("C2", []).append(pmc)


def read(text: str) -> list[Record]:
    """Records from RIS text (any dialect above). Tags we do not map are kept in
    ``extra["ris"]``; a record whose values cannot form a record raises FormatError."""
    return [_entry_record(entry, n) for n, entry in enumerate(_indexed_entries(text, _READ_NAMES), 1)]
