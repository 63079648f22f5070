"""Helpers shared by the format readers and writers: names, pages, dates, record building."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError

from ..errors import FormatError
from ..model import Person, Record

_RANGE = re.compile(r"^\s*([A-Za-z0-9.]{1,20})\s*(?:-{1,2}|–|—)\s*([A-Za-z0-9.]{1,20})\s*$")
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
_ISO_DATE = re.compile(r"^\s*(\d{4})(?:[-/](\d{1,2}))?(?:[-/](\d{1,2}))?")
MONTHS: dict[str, int] = {
    m: i
    for i, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        1,
    )
    for m in names
}
"""English month names and abbreviations -> month number."""

MONTH_ABBR = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


_CJK_NAME = re.compile(r"^[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u9fff\uac00-\ud7a3\uf900-\ufaff·・]+$")


def cjk_name(person: Person) -> str | None:
    """A Han, Hangul or kana name as one unit, family name first with no space (``王宏宇``),
    as Chinese, Korean and Japanese bibliographies print it; None for other names.

    Exports write such names whole: every CSL processor then prints them correctly (split
    ones come out as ``王, . 宏宇 .`` in citeproc-py) and Zotero keeps them as one-field
    names; the names step splits them again on import.
    """
    family, given = person.family, person.given
    if family and given and ord(family[0]) >= 0x1100 and _CJK_NAME.match(family + given):
        return family + given
    return None


def export_person(person: Person, family_only: bool = False) -> Person:
    """The person's name as the name-based exports write it: CJK names whole, and a lone
    family or given name as a single name, except where the format has a family-only
    name (``family_only``, CSL-JSON)."""
    whole = cjk_name(person)
    if whole:
        return Person(literal=whole)
    if person.family and person.given:
        return Person(family=person.family, given=person.given)
    if family_only and person.family and not person.literal:
        return Person(family=person.family)
    return Person(literal=person.literal or person.family or person.given)


def canonical_pages(first: str | None, last: str | None) -> str | None:
    """``first-last`` (or ``first``) as the formats write split pages."""
    if not first:
        return None
    return f"{first}-{last}" if last and last != first else first


def person_string(person: Person) -> str:
    """``Family, Given``; an organisation (or a name with no given part, or a CJK name
    written whole) as ``Name,`` so that readers keep it whole instead of splitting it on
    the last space."""
    if person.family and person.given and not cjk_name(person):
        return f"{person.family}, {person.given}"
    name = cjk_name(person) or person.literal or person.family or person.given or ""
    return f"{name},"


def parse_person(text: str) -> Person | None:
    """The reverse of :func:`person_string`: ``Family, Given`` -> family/given; ``Name,`` or
    a name without a comma -> literal (the names step splits what can be split)."""
    fields = person_fields(text)
    return None if fields is None else Person(**fields)


def person_fields(text: str) -> dict[str, str] | None:
    """:func:`parse_person` as the fields of a :class:`Person` (a record read as a dict is
    validated once, its authors with it); ``None`` for a text without a name."""
    found = people_fields((text,))
    return found[0] if found else None


def people_fields(texts: Iterable[str]) -> list[dict[str, str]]:
    """The :class:`Person` fields of each text that holds a name (see :func:`parse_person`),
    in one loop: a reader's author list without a call per name."""
    out: list[dict[str, str]] = []
    for raw in texts:
        text = raw.strip()
        if not text:
            continue
        family, sep, given = text.partition(",")
        if not sep:
            out.append({"literal": text.strip(" ,")})
        elif text[-1] == ",":
            out.append({"literal": text[:-1].strip()})
        else:
            family, given = family.strip(), given.strip()
            out.append({"family": family, "given": given} if family and given else {"literal": text.strip(" ,")})
    return out


def page_range(record: Record) -> tuple[str | None, str | None]:
    """(first, last) page to write: the split pages when known, else the raw ``pages``."""
    if record.page_first:
        last = record.page_last if record.page_last and record.page_last != record.page_first else None
        return record.page_first, last
    return record.pages, None


def pages_fields(first: str | None, last: str | None) -> dict[str, Any]:
    """Record fields for a start and end page as a format states them."""
    first = (first or "").strip() or None
    last = (last or "").strip() or None
    if first and last:
        return {"page_first": first, "page_last": last, "pages": first if first == last else f"{first}-{last}"}
    if first:
        single = _RANGE.match(first) is None and "," not in first and "+" not in first
        return {"pages": first, "page_first": first} if single else {"pages": first}
    return {}


def split_range(text: str) -> tuple[str, str | None]:
    """``874-882`` -> (``874``, ``882``); anything else -> (text, None)."""
    m = _RANGE.match(text)
    return (m.group(1), m.group(2)) if m else (text.strip(), None)


def first_year(text: str) -> int | None:
    """The first plausible year in ``text``."""
    m = _YEAR.search(text)
    return int(m.group(1)) if m else None


def date_fields(text: str) -> dict[str, Any]:
    """year/month/day from ``2005/06/01``, ``2005-06``, ``2005 Jun 3``, ``MAR 9 2021``."""
    out: dict[str, Any] = {}
    m = _ISO_DATE.match(text)
    if m:
        out["year"] = int(m.group(1))
        for key, group in (("month", m.group(2)), ("day", m.group(3))):
            if group and 0 < int(group) <= (12 if key == "month" else 31):
                out[key] = int(group)
            else:
                break
        return out
    year = first_year(text)
    if year:
        out["year"] = year
    words = re.findall(r"[A-Za-z]{3,9}|\d{1,2}(?!\d)", text)
    for i, word in enumerate(words):
        month = MONTHS.get(word.lower())
        if month:
            out["month"] = month
            if i + 1 < len(words) and words[i + 1].isdigit() and 0 < int(words[i + 1]) <= 31:
                out["day"] = int(words[i + 1])
            break
    return out


def build_record(data: dict[str, Any], where: str) -> Record:
    """A :class:`Record` from reader output; drops empty values, keeps the trial design only
    when it says something. A value of the wrong shape is a :class:`FormatError`."""
    trial = data.get("trial")
    if trial is not None and not any(v not in (None, [], "") for v in trial.values()):
        data.pop("trial")
    # A true value is kept without comparing it with each empty value.
    clean = {k: v for k, v in data.items() if v or v not in (None, [], "", {})}
    try:
        return Record.model_validate(clean)
    except ValidationError as exc:
        raise FormatError(f"{where}: {exc.errors()[0]['loc']}: {exc.errors()[0]['msg']}") from exc


def unique(values: list[str]) -> list[str]:
    """Values in first-seen order without repeats."""
    return list(dict.fromkeys(values))
