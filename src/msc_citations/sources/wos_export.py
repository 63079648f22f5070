"""Web of Science tagged exports ("Plain text file" / "Other file formats", full record).

A file starts ``FN Clarivate Analytics Web of Science`` / ``VR 1.0``; each record is a run of
two-letter tags (``PT J``, ``AU``, ``AF``, ``TI``, ``SO``, ...) ending with ``ER``, the file
with ``EF``. A value continues on lines indented by three spaces: one value per line for
list tags (authors, addresses, cited references), one text wrapped over lines otherwise.
Addresses name their authors in brackets (``C1 [Chung, Jong-Won; Bang, Oh Young] Sungkyunkwan
Univ, ...``), which links each author to their institutions. Tags without a field of their own
are kept in ``extra`` as ``wos_<tag>``, so nothing of the export is lost.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, ClassVar

from ..document import Document, DocumentKind
from ..model import Funding, Person
from ..results import ParseResult
from .base import BaseSource

MAX_RECORD_LINES = 20_000
"""A record longer than this (cited references included) is cut there: no real record is."""
LIST_TAGS: frozenset[str] = frozenset({"AU", "AF", "BA", "BF", "CA", "GP", "C1", "C3", "CR", "ED", "RP"})
"""Tags whose continuation lines are separate values."""
SKIPPED_TAGS: frozenset[str] = frozenset({"FN", "VR", "ER", "EF"})
"""File furniture. (Cited references, ``CR``, are kept in ``extra`` like other tags.)"""
DOC_TYPES: dict[str, str] = {
    "J": "journal-article",
    "B": "book",
    "S": "journal-article",
    "P": "other",
    "C": "conference-paper",
}
"""``PT`` publication type -> record type (``S``: a book series, cited like a journal)."""
TEXT_TAGS: dict[str, str] = {
    "TI": "title",
    "SO": "journal",
    "JI": "journal_abbrev",
    "LA": "language",
    "AB": "abstract",
    "PU": "publisher",
    "VL": "volume",
    "IS": "issue",
    "BP": "page_first",
    "EP": "page_last",
    "AR": "article_number",
    "DI": "doi",
    "PM": "pmid",
}
"""Tags whose text is a record field as it stands."""
HANDLED_TAGS: frozenset[str] = frozenset(TEXT_TAGS) | frozenset(
    {"PT", "AU", "AF", "BA", "BF", "C1", "RP", "OI", "DT", "DE", "ID", "FU", "TC", "SN", "EI", "PD", "PY", "PG", "UT"}
)
"""Tags read into record fields; every other tag is kept in ``extra``."""
REVIEW_TYPES: frozenset[str] = frozenset({"review", "review; early access"})
MONTHS: dict[str, int] = {
    m: i for i, m in enumerate(("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), 1)
}
SEASONS: dict[str, int] = {"SPR": 3, "SUM": 6, "FAL": 9, "WIN": 12}
TAG_LINE = re.compile(r"([A-Z][A-Z0-9]) (.*)")
ADDRESS = re.compile(r"\[([^\]]{1,5000})\]\s*(.+)")
AWARD = re.compile(r"([^;\[]+?)\s*\[([^\]]{1,500})\]")
ORCID_ID = re.compile(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]")
YEAR = re.compile(r"(?:19|20)\d\d")


def split_records(text: str) -> list[dict[str, list[str]]]:
    """The export's records, each as tag -> values (continuation lines folded in)."""
    records: list[dict[str, list[str]]] = []
    current: dict[str, list[str]] = {}
    tag = ""
    values: list[str] = []  # the values of ``tag``
    listed = False  # whether ``tag`` is a list tag
    lines = 0
    for raw in text.splitlines():
        line = raw.rstrip()
        if tag and line.startswith("   "):
            value = line.lstrip()  # never empty: the line was right-stripped
            if listed:
                values.append(value)
            else:
                values[-1] = f"{values[-1]} {value}"
            continue
        if line in ("ER", "EF") or line.startswith("ER "):
            if current:
                records.append(current)
            current, tag, lines = {}, "", 0
            continue
        m = TAG_LINE.fullmatch(line)
        if m is None:
            continue  # a blank line between records, or a stray line: not part of a value
        lines += 1
        if lines > MAX_RECORD_LINES:
            continue
        tag = m.group(1)
        if tag in ("FN", "VR"):
            tag = ""
            continue
        values = current.setdefault(tag, [])
        values.append(m.group(2).strip())
        listed = tag in LIST_TAGS
    if current:
        records.append(current)  # a copy cut before its ER still gives what it holds
    return records


def _person(name: str, affiliations: list[str], corresponding: bool | None, orcid: str | None) -> Person:
    family, _, given = name.partition(",")
    if not given:
        return Person(literal=name.strip(), affiliations=affiliations, corresponding=corresponding, orcid=orcid)
    return Person(
        family=family.strip(), given=given.strip(), affiliations=affiliations, corresponding=corresponding, orcid=orcid
    )


_KEY_GAPS = re.compile(r"[\s.]+")


@lru_cache(maxsize=4096)  # the same names recur in every address and reprint line
def _key(name: str) -> str:
    return _KEY_GAPS.sub(" ", name).strip().casefold()


def _authors(fields: dict[str, list[str]]) -> list[Person]:
    full = fields.get("AF") or fields.get("BF") or []
    short = fields.get("AU") or fields.get("BA") or []
    names = full or short
    index = {_key(n): i for i, n in enumerate(names)}
    index.update({_key(n): i for i, n in enumerate(short) if i < len(names)})
    affiliations: list[list[str]] = [[] for _ in names]
    for line in fields.get("C1", []):
        m = ADDRESS.match(line)
        if m is None:
            continue
        place = m.group(2).strip().rstrip(".")
        for name in m.group(1).split(";"):
            i = index.get(_key(name))
            if i is not None and place not in affiliations[i]:
                affiliations[i].append(place)
    corresponding = {
        index[_key(part.split("(corresponding author)")[0])]
        for line in fields.get("RP", [])
        for part in line.split(";")
        if "(corresponding author)" in part and _key(part.split("(corresponding author)")[0]) in index
    }
    orcids: dict[int, str] = {}
    for entry in " ".join(fields.get("OI", [])).split(";"):
        name, _, rest = entry.partition("/")
        m = ORCID_ID.search(rest)
        if m and (i := index.get(_key(name))) is not None:
            orcids[i] = m.group()
    return [
        _person(name, affiliations[i], True if i in corresponding else None, orcids.get(i))
        for i, name in enumerate(names)
    ]


def _date(fields: dict[str, list[str]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    year = _one(fields, "PY")
    if year and YEAR.fullmatch(year):
        out["year"] = int(year)
    words = (_one(fields, "PD") or "").upper().split()
    if words and words[0][:3] in MONTHS:
        out["month"] = MONTHS[words[0][:3]]
        if len(words) > 1 and words[1].isdigit() and 1 <= int(words[1]) <= 31:
            out["day"] = int(words[1])
    elif words and words[0][:3] in SEASONS:
        out["month"] = SEASONS[words[0][:3]]
    if "year" not in out and (m := YEAR.search(_one(fields, "PD") or "")):
        out["year"] = int(m.group())
    return out


def _one(fields: dict[str, list[str]], tag: str) -> str | None:
    values = fields.get(tag)
    return values[0] if values and values[0] else None


def _split(fields: dict[str, list[str]], tag: str) -> list[str]:
    return [v.strip() for v in "; ".join(fields.get(tag, [])).split(";") if v.strip()]


def _funding(fields: dict[str, list[str]]) -> list[Funding]:
    out: list[Funding] = []
    for part in _split_outside_brackets(" ".join(fields.get("FU", []))):
        m = AWARD.fullmatch(part)
        if m:
            out.append(
                Funding(funder=m.group(1).strip(), award_ids=[a.strip() for a in m.group(2).split(",") if a.strip()])
            )
        else:
            out.append(Funding(funder=part))
    return out


def _split_outside_brackets(text: str) -> list[str]:
    """``text`` split at semicolons that are not inside ``[...]`` (award lists)."""
    parts: list[str] = []
    depth = 0
    start = 0
    for i, ch in enumerate(text):
        if ch == "[":
            depth += 1
        elif ch == "]" and depth:
            depth -= 1
        elif ch == ";" and not depth:
            parts.append(text[start:i].strip())
            start = i + 1
    parts.append(text[start:].strip())
    return [p for p in parts if p]


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def record_fields(fields: dict[str, list[str]]) -> dict[str, Any]:
    """Record fields from one WoS record's tags."""
    doc_types = _split(fields, "DT")
    kind = DOC_TYPES.get(_one(fields, "PT") or "J", "journal-article")
    if kind == "journal-article" and any(d.casefold() in REVIEW_TYPES for d in doc_types):
        kind = "review"
    keywords: list[str] = []
    for word in _split(fields, "DE") + _split(fields, "ID"):
        if word not in keywords:
            keywords.append(word)
    extra: dict[str, Any] = {
        f"wos_{tag.lower()}": "; ".join(values)
        for tag, values in fields.items()
        if tag not in HANDLED_TAGS and tag not in SKIPPED_TAGS
    }
    if ut := _one(fields, "UT"):
        extra["wos_id"] = ut
    out: dict[str, Any] = {field: _one(fields, tag) for tag, field in TEXT_TAGS.items()}
    out.update(
        type=kind,
        authors=_authors(fields),
        publication_types=doc_types,
        keywords=keywords,
        funding=_funding(fields),
        cited_by_count=_int(_one(fields, "TC")),
        issn=[v for v in (_one(fields, "SN"), _one(fields, "EI")) if v],
        page_count=_int(_one(fields, "PG")),
        extra=extra,
        **_date(fields),
    )
    if out["page_first"] and out["page_last"]:
        out["pages"] = f"{out['page_first']}-{out['page_last']}"
    elif out["page_first"]:
        out["pages"] = out["page_first"]
    return out


class WosExportSource(BaseSource):
    """Web of Science and Web of Science Core Collection tagged exports."""

    name: ClassVar[str] = "wos_export"
    label: ClassVar[str] = "Web of Science tagged export (plain text, full record)"
    priority: ClassVar[int] = 40
    input_kinds: ClassVar[tuple[DocumentKind, ...]] = ("tagged",)
    max_score: ClassVar[float] = 0.95

    def detect(self, doc: Document) -> float:
        """0.95 for a tagged file in the WoS dialect (``FN``/``PT`` lines) that has a ``TI``
        or ``AU`` tag; 0 otherwise."""
        if doc.kind != "tagged" or doc.dialect != "wos":
            return 0.0
        head = doc.text[:20_000]
        return 0.95 if ("\nTI " in head or "\nAU " in head) else 0.0

    def parse(self, doc: Document) -> ParseResult:
        """One record per ``ER``-terminated block; a block without a title is reported."""
        entries = ((f"record {n}", record_fields(f)) for n, f in enumerate(split_records(doc.text), 1))
        return self.records_from_entries(doc, entries, "Web of Science record (PT ... ER)")
