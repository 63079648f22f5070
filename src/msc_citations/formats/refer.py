"""Refer/EndNote tagged format (``%0 Journal Article``, ``%A``, ``%T`` ...), as EndNote
writes and imports it and as CNKI and Wanfang export it.

The reader copes with what those exports do: leading white space before tags, several
authors or keywords in one line (``%A 张三;李四``, ``%K a;b``, ``%A 蔺卿 %A 罗格平``), lines
without a tag continuing the previous value, ``%W CNKI`` closing a record, page ranges like
``118-120+123``. The tag table is :mod:`.refer_map`.
"""

from __future__ import annotations

import re
from typing import Any

from ..model import Record
from .common import build_record, cjk_name, date_fields, first_year, page_range, pages_fields, parse_person, split_range
from .notes import note_lines, split_notes
from .refer_map import (
    AUTHOR_TAG,
    CONTAINER_TAG,
    DATE_TAG,
    LIST_TAGS,
    NATIVE_FIELDS,
    NOTE_TAG,
    REFER_TO_TYPE,
    SCALAR_TAGS,
    SPLIT_TAGS,
    TYPE_TO_REFER,
)

NAME = "refer"
EXTENSIONS = (".enw", ".refer")

_TAG_LINE = re.compile(r"^\s{0,12}%([0-9A-Za-z@+!#$&()*=?\[\]^<>~|]) ?(.*)$")
_INLINE_TAG = re.compile(r"(?<=\S) %([AKYI]) ")
_MULTI_SEP = re.compile(r"\s*[;；]\s*")
# CNKI packs names as "张三,李四" or "张三，李四"; our own "Family, Given" has a space.
_CJK_COMMA = re.compile(r"(?:,(?! )|\s*，\s*)(?=[\u3400-\u9fff])")
_CJK = re.compile(r"[\u3400-\u9fff]")
_DOI = re.compile(r"^10\.\d{3,9}/\S+$")
_CONTAINER_TYPES = ("conference-paper", "chapter")
_SCALAR_FIELDS = tuple(field for _, field in SCALAR_TAGS)
_PREFIXES = tuple(f"%{tag} " for tag, _ in SCALAR_TAGS)
_CONTAINER_PREFIXES = tuple(f"%{CONTAINER_TAG if field == 'journal' else tag} " for tag, field in SCALAR_TAGS)
"""``%X `` before each scalar field's value; the second for a paper or chapter, whose
journal field is the proceedings or book title."""


_SKIP = {
    (typed, kw): frozenset(NATIVE_FIELDS | ({"type"} if typed else set())) - ({"keywords"} if kw else set())
    for typed in (True, False)
    for kw in (True, False)
}
"""Native fields to leave out of notes, by (type has its own %0, keywords go to notes)."""


def _value(field: str, rec: Record) -> str | None:
    if field == "pages":
        first, last = page_range(rec)
        return f"{first}-{last}" if first and last else first
    value = getattr(rec, field)
    return None if value is None or value == "" else str(value)


def _author(person: Any) -> str:
    whole = cjk_name(person)
    if whole:
        return whole  # as CNKI and Wanfang write them
    if person.family and person.given:
        return f"{person.family}, {person.given}"
    # EndNote reads a name ending in a comma as a corporate author, kept whole.
    return (person.literal or person.family or person.given or "") + ","


def _lines(rec: Record) -> list[str]:
    kind = TYPE_TO_REFER[rec.type]
    lines = [f"%0 {kind}"]
    prefixes = _CONTAINER_PREFIXES if rec.type in _CONTAINER_TYPES else _PREFIXES
    values = rec.__dict__  # the fields' values, read without a call per tag
    for prefix, field in zip(prefixes, _SCALAR_FIELDS, strict=True):
        value = values[field] if field != "pages" else _value(field, rec)
        if value is not None and value != "":
            lines.append(f"{prefix}{value}")
        if field == "title":
            lines += [f"%{AUTHOR_TAG} {_author(p)}" for p in rec.authors]
        elif field == "year" and rec.year and rec.month:
            lines.append(f"%{DATE_TAG} {rec.year}-{rec.month:02d}" + (f"-{rec.day:02d}" if rec.day else ""))
    # CNKI packs keywords with ";", so a keyword holding one goes (with the rest) to notes.
    kw_notes = any(";" in k for k in rec.keywords)
    for tag, field in LIST_TAGS:
        if not (kw_notes and field == "keywords"):
            lines += [f"%{tag} {v}" for v in getattr(rec, field)]
    skip = _SKIP[(REFER_TO_TYPE.get(kind.lower()) == rec.type, kw_notes)]
    lines += [f"%{NOTE_TAG} {line}" for line in note_lines(rec, skip)]
    return lines


def _one_line(line: str) -> str:
    # A printable value has no white space but spaces: without a double, leading or
    # trailing one it is already on one line, single-spaced.
    if line.isprintable() and "  " not in line and line[-1:] != " ":
        return line
    return line[:3] + " ".join(line[3:].split())


def write(records: list[Record]) -> str:
    """Records in EndNote's tagged format (line breaks inside values become spaces), one
    blank line between records."""
    out: list[str] = []
    for rec in records:
        lines = _lines(rec)
        body = "\n".join(lines)
        if body.count("\n") != len(lines) - 1 or "\r" in body or "  " in body:
            body = "\n".join(map(_one_line, lines))
        out.append(body + "\n\n")
    return "".join(out)


def _blocks(text: str) -> list[list[tuple[str, str]]]:
    blocks: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    for raw in text.lstrip("\ufeff").splitlines():
        if not raw.strip():
            if current:
                blocks.append(current)
                current = []
            continue
        m = _TAG_LINE.match(raw)
        if not m:
            if current:
                tag, value = current[-1]
                current[-1] = (tag, f"{value}\n{raw.strip()}" if tag in ("X", NOTE_TAG) else f"{value} {raw.strip()}")
            continue
        tag, value = m.group(1), m.group(2).strip()
        if tag == "0" and current:
            blocks.append(current)
            current = []
        pieces = _INLINE_TAG.split(value) if tag in SPLIT_TAGS else [value]
        current.append((tag, pieces[0].strip()))
        current.extend((pieces[i], pieces[i + 1].strip()) for i in range(1, len(pieces) - 1, 2))
    if current:
        blocks.append(current)
    return blocks


def _split_multi(tag: str, value: str) -> list[str]:
    parts = _MULTI_SEP.split(value)
    if tag == AUTHOR_TAG and _CJK.search(value):
        parts = [q for p in parts for q in _CJK_COMMA.split(p)]
    return [p.strip() for p in parts if p.strip()]


def _fields(block: list[tuple[str, str]]) -> tuple[dict[str, str], dict[str, list[str]]]:
    first: dict[str, str] = {}
    many: dict[str, list[str]] = {}
    for tag, value in block:
        if not value:
            continue
        first.setdefault(tag, value)
        many.setdefault(tag, []).extend(_split_multi(tag, value) if tag in SPLIT_TAGS else [value])
    return first, many


def _block_record(block: list[tuple[str, str]], n: int) -> Record:
    first, many = _fields(block)
    data: dict[str, Any] = {"type": REFER_TO_TYPE.get(first.get("0", "").lower(), "other")}
    for tag, field in SCALAR_TAGS:
        if tag in first and field not in ("year", "pages", "doi", "pmid"):
            data[field] = first[tag]
    if CONTAINER_TAG in first and "journal" not in data:
        data["journal"] = first[CONTAINER_TAG]
    data["authors"] = [p for p in map(parse_person, many.get(AUTHOR_TAG, [])) if p]
    for tag, field in LIST_TAGS:
        data[field] = many.get(tag, [])
    data.update(date_fields(first.get(DATE_TAG, "")))
    if "D" in first:
        data["year"] = first_year(first["D"])
    if "P" in first:
        data.update(pages_fields(*split_range(first["P"])))
    extra: dict[str, list[str]] = {}
    doi = first.get("R", "")
    if _DOI.match(doi):
        data["doi"] = doi
    elif doi:
        extra["%R"] = [doi]
    pmid = first.get("M", "")
    if pmid.isdigit():
        data["pmid"] = pmid
    elif pmid:
        extra["%M"] = [pmid]
    notes = split_notes([line for v in many.get(NOTE_TAG, []) for line in v.split("\n")], data)
    if notes:
        extra["%Z"] = notes
    known = {t for t, _ in SCALAR_TAGS + LIST_TAGS} | {"0", AUTHOR_TAG, CONTAINER_TAG, DATE_TAG, NOTE_TAG}
    for tag, values in many.items():
        if tag not in known:
            extra[f"%{tag}"] = values
    if extra:
        data["extra"] = {"refer": extra}
    return build_record(data, f"Refer record {n}")


def read(text: str) -> list[Record]:
    """Records from Refer/EndNote tagged text (EndNote, CNKI, Wanfang exports). Tags we do
    not map (``%+`` affiliations, ``%L`` CN number, ``%W`` database ...) are kept in
    ``extra["refer"]`` under their tag."""
    return [_block_record(block, n) for n, block in enumerate(_blocks(text), 1) if any(t != "0" for t, _ in block)]
