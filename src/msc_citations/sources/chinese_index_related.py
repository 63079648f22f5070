"""The related-papers list of the WoS-style Chinese index page.

Each entry is a bullet line ``• [n] title``, the authors one per line (``Family, Given`` or
``Given Family``), and a source line ``JOURNAL, year, vol (issue) : pages`` whose odd forms
all occur: ``BMC Neurology, 24`` (journal and volume only), ``BMC NEUROLOGY, 2024, 24 (01)``,
``MEDICINE, 2024, 103 (12) : E37414`` (an article number) and
``INTERNATIONAL JOURNAL OF MEDICAL SCIENCES, 2022, 19 (07): : 1155 - 1162``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Person

ENTRY_START = re.compile(r"^[•·\u2022*\-]?\s{0,4}\[(?P<n>\d{1,4})\]\s{0,4}(?P<title>.*)$")
"""``• [3] Title`` (the bullet may be lost when a page is copied)."""

SOURCE_LINE = re.compile(
    r"^(?P<journal>[^,]{2,300}?)\s*,\s*"
    r"(?:(?P<year>(?:1[89]|20)\d\d)\s*(?:,\s*|$))?"
    r"(?P<volume>[A-Za-z]{0,3}\d[\w.\-]{0,15})?\s*"
    r"(?:\(\s*(?P<issue>[^()]{1,30}?)\s*\))?"
    r"\s*(?:[:：]\s*){0,3}(?P<pages>\S.{0,80})?$"
)
"""``JOURNAL, 2022, 53 (01) : 20 - 28`` with every part after the journal optional."""

TOTAL = re.compile(r"共\s{0,4}(\d{1,9})\s{0,4}条")
"""``共 50 条``: how many related papers the site holds."""


@dataclass
class RelatedEntry:
    """One related paper, as written."""

    number: int
    title: str
    authors: list[Person] = field(default_factory=list)
    journal: str | None = None
    year: int | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    source_line: str | None = None


def is_source_line(line: str) -> bool:
    """True for a ``JOURNAL, year, volume ...`` line: the text after the first comma starts
    with a digit (an author line ``Zhang, Jian`` has a name there)."""
    head, sep, rest = line.partition(",")
    return bool(sep and head.strip() and rest.strip()[:1].isdigit() and SOURCE_LINE.match(line))


def parse_source_line(line: str) -> dict[str, str | None]:
    """The parts of a source line, as written.

    >>> parse_source_line("INTERNATIONAL JOURNAL OF MEDICAL SCIENCES, 2022, 19 (07): : 1155 - 1162")["pages"]
    '1155 - 1162'
    >>> parse_source_line("BMC Neurology, 24")["volume"], parse_source_line("BMC Neurology, 24")["year"]
    ('24', None)
    """
    m = SOURCE_LINE.match(line.strip())
    if not m:
        return {"journal": line.strip()}
    parts = {k: (v.strip() if v else None) for k, v in m.groupdict().items()}
    if parts["pages"]:
        parts["pages"] = parts["pages"].strip(" :：.")
    return parts


def person_of(line: str) -> Person:
    """``Lee, Jungsoo`` -> family/given; ``Huanjia Huang`` -> given first, family last (the
    list prints comma-less names in Western order); one word stays literal."""
    name = line.strip().strip(";")
    if "," in name:
        family, _, given = name.partition(",")
        return Person(family=family.strip(), given=given.strip() or None)
    words = name.split()
    if len(words) >= 2:
        return Person(family=words[-1], given=" ".join(words[:-1]))
    return Person(literal=name)


def parse_related(lines: list[str]) -> list[RelatedEntry]:
    """Read the entries of a related-papers list (the lines after its heading)."""
    entries: list[RelatedEntry] = []
    block: list[str] = []
    number = 0
    for line in lines:
        text = line.strip()
        # An entry's "[" comes after at most a bullet and four spaces: other lines skip the match.
        m = ENTRY_START.match(text) if "[" in text[:6] else None
        if m:
            if block:
                entries.append(_entry(number, block))
            number, block = int(m.group("n")), [m.group("title").strip()]
        elif block:
            block.append(text)
    if block:
        entries.append(_entry(number, block))
    return entries


def _entry(number: int, block: list[str]) -> RelatedEntry:
    title, rest = block[0], [ln for ln in block[1:] if ln]
    if not title and rest:
        title, rest = rest[0], rest[1:]
    entry = RelatedEntry(number=number, title=title)
    # The last entry may be followed by the page footer: the source line is the last line
    # shaped like one, and what follows it is not part of the entry.
    at = next((i for i in range(len(rest) - 1, -1, -1) if is_source_line(rest[i])), None)
    if at is not None:
        entry.source_line = rest[at]
        parts = parse_source_line(rest[at])
        entry.journal = parts.get("journal")
        year = parts.get("year")
        entry.year = int(year) if year else None
        entry.volume = parts.get("volume")
        entry.issue = parts.get("issue")
        entry.pages = parts.get("pages")
        rest = rest[:at]
    entry.authors = [person_of(ln) for ln in rest]
    return entry
