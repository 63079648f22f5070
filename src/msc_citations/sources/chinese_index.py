"""The WoS-style Chinese index page: a Web of Science record re-served under Chinese labels.

Layout (copied text; the saved HTML renders to the same lines)::

    Efficacy and Safety of Intravenous Mesenchymal Stem Cells for Ischemic Stroke
    被引:125
    作者
    Chung, Jong-Won [1 ,2 ]
    机构
    [1] Sungkyunkwan Univ, Samsung Med Ctr, Dept Neurol, Seoul, South Korea
    关键词
    CLINICALLY IMPORTANT DIFFERENCE; STROMAL CELLS; ...;
    D O I
    10.1212/WNL.0000000000011440
    中图分类号
    R74 [神经病学与精神病学];
    学科分类号
    摘要
    Objective To test whether ...
    页码:E1012 / E1023
    页数:12
    相关论文
    共 50 条
      • [1] Title / authors one per line / STROKE, 2022, 53 (01) : 20 - 28
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from ..document import Document, DocumentKind
from ..model import AbstractSection, Person, Record
from ..normalize.abstract import split_abstract
from ..results import ParseIssue, ParseResult
from .base import BaseSource
from .chinese_common import (
    Sections,
    clc_codes,
    cut_sections,
    holds_han,
    split_keywords,
    strip_number,
    to_int,
)
from .chinese_index_related import TOTAL, RelatedEntry, parse_related

MARKERS: tuple[tuple[str, float], ...] = (
    ("D O I", 0.3),
    ("中图分类号", 0.15),
    ("学科分类号", 0.15),
    ("相关论文", 0.15),
    ("被引:", 0.1),
    ("页数:", 0.05),
    ("机构", 0.05),
    ("作者", 0.05),
)
"""Lines (or line starts) that mark this layout, with their weight in detection."""

REFS_ONLY = re.compile(r"^\[(?P<refs>[\d\s,，]{1,60})\]$")
"""A line holding only institution numbers (``[1 ,2 ]``), printed under a name by some saves."""
AUTHOR_REFS = re.compile(r"^(?P<name>[^\[\]]{1,200}?)\s*\[(?P<refs>[\d\s,，]{1,60})\]\s*$")
"""``Chung, Jong-Won [1 ,2 ]``."""
INSTITUTION_NUMBER = re.compile(r"\d{1,3}")

PAGE_SCAN_LINES = 400
"""Detection looks at the first lines only (the related list can be long)."""


class ChineseIndexSource(BaseSource):
    """Chinese index pages that re-serve Web of Science records (被引, D O I, 中图分类号, 相关论文)."""

    name: ClassVar[str] = "chinese_index"
    label: ClassVar[str] = "Chinese index page (WoS record with Chinese labels)"
    priority: ClassVar[int] = 60
    input_kinds: ClassVar[tuple[DocumentKind, ...]] = ("text", "html")
    max_score: ClassVar[float] = 0.95

    def detect(self, doc: Document) -> float:
        """Keyed on the spaced ``D O I`` label, ``中图分类号``/``学科分类号`` and ``相关论文``."""
        lines = doc.lines[:PAGE_SCAN_LINES]
        head = "" if doc.visible_text.isascii() else "\n".join(lines)
        if not holds_han(head):  # every marker but the spaced DOI label is Chinese
            doi_label, weight = MARKERS[0]
            return _score(weight if doi_label in lines else 0.0)
        if "：" in head:
            head = head.replace("：", ":")
            lines = head.split("\n")
        present = set(lines)
        starts = f"\n{head}"  # a line starts with a marker where it follows a newline here
        score = 0.0
        for marker, weight in MARKERS:
            if (f"\n{marker}" in starts) if marker.endswith(":") else (marker in present):
                score += weight
        return _score(score)

    def parse(self, doc: Document) -> ParseResult:
        """One record, with the related papers as ``related`` records."""
        issues: list[ParseIssue] = []
        lines = doc.lines
        cut = _related_start(lines)
        sections = cut_sections(lines[:cut])
        title = sections.head[0] if sections.head else None
        if title is None:
            issues.append(ParseIssue("no title before the first label", field="title", severity="error"))
        extra: dict[str, Any] = {}
        people = _authors(sections, issues)
        _classification(sections, extra)
        related_lines = lines[cut + 1 :] if cut < len(lines) else []
        total = _total(related_lines)
        if total is not None:
            extra["related_total"] = total
        if sections.text("subject_code"):
            extra["subject_code"] = sections.text("subject_code")
        abstract, abstract_sections = _abstract(sections)
        record = self.new_record(
            doc,
            title=title,
            authors=people,
            doi=sections.text("doi"),
            keywords=split_keywords(sections.text("keywords")),
            abstract=abstract,
            abstract_sections=abstract_sections,
            pages=sections.text("pages"),
            page_count=to_int(sections.text("page_count")),
            cited_by_count=to_int(sections.text("cited_by")),
            classification=extra.get("clc", [None])[0],
            url=doc.canonical_url,
            related=[self._related(doc, e) for e in parse_related(related_lines)],
            extra=extra,
        )
        if not record.title and not record.doi:
            return ParseResult(issues=[*issues, ParseIssue("no record on this page", severity="error")])
        return ParseResult(records=[record], issues=issues)

    def _related(self, doc: Document, entry: RelatedEntry) -> Record:
        extra: dict[str, Any] = {"related_number": entry.number}
        if entry.source_line:
            extra["source_as_written"] = entry.source_line
        return self.new_record(
            doc,
            title=entry.title or None,
            authors=entry.authors,
            journal=entry.journal,
            year=entry.year,
            volume=entry.volume,
            issue=entry.issue,
            pages=entry.pages,
            extra=extra,
        )


def _score(weights: float) -> float:
    """The detection score of the summed marker weights (weak evidence counts half)."""
    return min(weights, 0.95) if weights >= 0.45 else weights * 0.5


def _related_start(lines: list[str]) -> int:
    """Index of the ``相关论文`` heading (the list after it is read apart), else the end."""
    for i, line in enumerate(lines):
        if line in ("相关论文", "相關論文") or line.startswith(("相关论文 共", "相关论文共")):
            return i
    return len(lines)


def _total(lines: list[str]) -> int | None:
    for line in lines[:3]:
        m = TOTAL.search(line)
        if m:
            return int(m.group(1))
    return None


def _authors(sections: Sections, issues: list[ParseIssue]) -> list[Person]:
    """Authors with their bracketed institution numbers resolved to the institution texts."""
    institutions: dict[str, str] = {}
    unnumbered: list[str] = []
    section = sections.first("affiliations")
    for line in section.lines if section else []:
        num, text = strip_number(line)
        if num is not None and line.lstrip().startswith(("[", "［")):
            institutions[num] = text
        else:
            unnumbered.append(line.strip())
    people: list[Person] = []
    section = sections.first("authors")
    for line in _join_refs(section.lines if section else []):
        m = AUTHOR_REFS.match(line.strip())
        name, refs = (m.group("name"), INSTITUTION_NUMBER.findall(m.group("refs"))) if m else (line.strip(), [])
        missing = [r for r in refs if r not in institutions]
        if missing:
            issues.append(ParseIssue(f"institution number(s) {missing} not listed", field="authors", where=line))
        affiliations = [institutions[r] for r in refs if r in institutions]
        if not refs and len(unnumbered) == 1:
            affiliations = list(unnumbered)
        people.append(_person(name, affiliations))
    return people


def _join_refs(lines: list[str]) -> list[str]:
    """Put a line of institution numbers back after the name above it."""
    out: list[str] = []
    for line in lines:
        if REFS_ONLY.match(line.strip()) and out:
            out[-1] = f"{out[-1]} {line.strip()}"
        else:
            out.append(line)
    return out


def _person(name: str, affiliations: list[str]) -> Person:
    family, sep, given = name.partition(",")
    if sep and family.strip() and given.strip():
        return Person(family=family.strip(), given=given.strip(), affiliations=affiliations)
    return Person(literal=name.strip(), affiliations=affiliations)


def _classification(sections: Sections, extra: dict[str, Any]) -> None:
    text = sections.text("classification")
    if not text:
        return
    codes, names = clc_codes(text)
    if codes:
        extra["clc"] = codes
    if names:
        extra["clc_label"] = names[0] if len(names) == 1 else names
    if not codes:
        extra["classification_as_written"] = text


def _abstract(sections: Sections) -> tuple[str | None, list[AbstractSection]]:
    """The abstract and, when it is structured, its sections.

    WoS abstracts print their labels without colons (``Objective To test ...``), so the
    sections are split here, where the layout is known; the leading label is the heading of
    the first section, not abstract text, and is kept in ``abstract_sections`` only."""
    section = sections.first("abstract")
    if section is None:
        return None, []
    text = "\n".join(line for line in section.lines if line).strip()
    parts = split_abstract(text)
    if parts and parts[0].label and text.startswith(parts[0].label):
        text = text[len(parts[0].label) :].lstrip(" :：")
    return text or None, parts
