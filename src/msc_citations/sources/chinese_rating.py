"""The Chinese rating-site paper page: a WoS record with a reader rating widget.

Layout (copied text; the saved HTML renders to the same lines)::

    4.3 Article                       rating (when shown) and article type
    Title
    期刊
    CLINICAL NEUROLOGY AND NEUROSURGERY
    卷 203, 期 -, 页码 -              '-' means the page states nothing
    出版社
    ELSEVIER
    DOI: 10.1016/j.clineuro.2021.106565
    关键词
    Spinal cord injury; Mesenchymal stem cell; ...
    资金
      1. Funder [id, id]
      4. Funder [id] Funding Source: KAKEN
    向作者/读者索取更多资源
    Summary paragraph
    Structured abstract
    作者                              names, or the claim-paper text when none are listed
    评论 / 主要评分 / 次要评分 / ...   the rating widget (never read into fields)
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from ..document import Document, DocumentKind
from ..model import Funding, Person
from ..results import ParseIssue, ParseResult
from .base import BaseSource
from .chinese_common import FURNITURE, Sections, cut_sections, parse_funding_line, split_keywords, strip_number

MARKERS: tuple[tuple[str, float], ...] = (
    ("主要评分", 0.25),
    ("次要评分", 0.2),
    ("科学严谨性", 0.15),
    ("我是这篇论文的作者", 0.2),
    ("向作者/读者索取更多资源", 0.2),
    ("评价这篇论文", 0.1),
    ("资金", 0.05),
    ("出版社", 0.05),
)
"""Lines that mark this layout, with their weight in detection."""

WIDGET_START: frozenset[str] = frozenset({"评论", "主要评分", "次要评分", "推荐"})
"""Lines where the rating widget begins: nothing after them is part of the record."""

HEAD_LINE = re.compile(
    r"^(?:(?P<rating>\d(?:\.\d{1,2})?)\s+)?(?P<type>Article|Review|Proceedings Paper|Letter|Editorial Material|"
    r"Meeting Abstract|Book Chapter|Correction|Data Paper|Early Access|Note|Clinical Trial)\s*$",
    re.I,
)
"""``4.3 Article``: the reader rating (when shown) and the WoS document type."""

VOLUME_LINE = re.compile(
    r"^卷\s{0,3}(?P<volume>[^,，]{1,20}?)\s*[,，]\s*期\s{0,3}(?P<issue>[^,，]{1,20}?)\s*"
    r"[,，]\s*页码\s{0,3}(?P<pages>.{1,60}?)\s*$"
)
"""``卷 203, 期 -, 页码 -``."""

YEAR_LINE = re.compile(r"^(?:出版日期|出版年)?\s*[:：]?\s*(?P<year>(?:19|20)\d\d)(?:[-/年.](?P<month>\d{1,2}))?")
NONE_VALUES: frozenset[str] = frozenset({"-", "—", "–", "", "暂无"})
RATING_WIDGET_NUMBER = re.compile(r"^\d(?:\.\d{1,2})?$")


class ChineseRatingSource(BaseSource):
    """The Chinese rating-site paper page (期刊, 卷/期/页码, 资金, 主要评分/次要评分)."""

    name: ClassVar[str] = "chinese_rating"
    label: ClassVar[str] = "Chinese rating-site paper page"
    priority: ClassVar[int] = 60
    input_kinds: ClassVar[tuple[DocumentKind, ...]] = ("text", "html")
    max_score: ClassVar[float] = 0.95

    def detect(self, doc: Document) -> float:
        """Keyed on the rating widget, the claim-paper text and the ``卷 x, 期 y, 页码 z`` line."""
        if doc.visible_text.isascii():  # every marker is Chinese (a constant-time test)
            return 0.0
        lines = doc.lines[:600]
        present = set(lines)
        score = sum(weight for marker, weight in MARKERS if marker in present)
        if any(VOLUME_LINE.match(line) for line in lines[:80] if line[:1] == "卷"):
            score += 0.25
        return min(score, 0.95) if score >= 0.45 else score * 0.5

    def parse(self, doc: Document) -> ParseResult:
        """One record; the rating widget and furniture are skipped, the rating kept in ``extra``."""
        issues: list[ParseIssue] = []
        lines = doc.lines
        end = next((i for i, line in enumerate(lines) if line in WIDGET_START), len(lines))
        widget = lines[end:]
        sections = cut_sections(lines[:end])
        extra: dict[str, Any] = {}
        head = [ln for ln in sections.head if ln]
        rating, doc_type, head = _head(head)
        title = head[0] if head else None
        if title is None:
            issues.append(ParseIssue("no title line", field="title", severity="error"))
        volume, issue, pages, tail = _volume_line(sections.tail)
        summary, abstract = _texts(sections, tail)
        if summary:
            extra["summary"] = summary
        rating = rating if rating is not None else _widget_rating(widget)
        if rating is not None:
            extra["rating"] = rating
        funding, sources = _funding(sections)
        if sources:
            extra["funding_sources"] = sources
        record = self.new_record(
            doc,
            title=title,
            journal=sections.text("journal"),
            volume=volume,
            issue=issue,
            pages=pages,
            publisher=sections.text("publisher"),
            doi=sections.text("doi"),
            keywords=split_keywords(sections.text("keywords")),
            funding=funding,
            abstract=abstract,
            authors=_authors(sections),
            publication_types=[doc_type] if doc_type else [],
            type="review" if doc_type and doc_type.lower() == "review" else "journal-article",
            url=doc.canonical_url,
            extra=extra,
        )
        if not record.title and not record.doi:
            return ParseResult(issues=[*issues, ParseIssue("no record on this page", severity="error")])
        return ParseResult(records=[record], issues=issues)


def _head(head: list[str]) -> tuple[float | None, str | None, list[str]]:
    """Rating and article type from a leading ``4.3 Article`` line; the remaining head lines."""
    if head and (m := HEAD_LINE.match(head[0])):
        rating = float(m.group("rating")) if m.group("rating") else None
        return rating, m.group("type"), head[1:]
    return None, None, head


def _volume_line(tail: list[str]) -> tuple[str | None, str | None, str | None, list[str]]:
    """Volume, issue and pages from the ``卷/期/页码`` line (``-`` is none); other tail lines."""
    rest: list[str] = []
    found: tuple[str | None, ...] = (None, None, None)
    for line in tail:
        m = VOLUME_LINE.match(line)
        if m and found == (None, None, None):
            found = tuple(None if v.strip() in NONE_VALUES else v.strip() for v in m.group("volume", "issue", "pages"))
        else:
            rest.append(line)
    return found[0], found[1], found[2], rest


def _texts(sections: Sections, tail: list[str]) -> tuple[str | None, str | None]:
    """The summary paragraph and the abstract: the paragraphs after the record's fields.

    When two or more paragraphs follow, the first is the site's short summary and the rest
    is the abstract; a single paragraph is the abstract."""
    labelled = sections.text("abstract")
    paragraphs = [ln for ln in tail if ln and ln not in FURNITURE]
    if labelled:
        return ("\n".join(paragraphs) or None), labelled
    if len(paragraphs) >= 2:
        return paragraphs[0], "\n".join(paragraphs[1:])
    return None, (paragraphs[0] if paragraphs else None)


def _widget_rating(widget: list[str]) -> float | None:
    """The number under ``主要评分`` (a dash or ``评分不足`` alone gives nothing)."""
    for i, line in enumerate(widget):
        if line == "主要评分":
            for nxt in widget[i + 1 : i + 4]:
                if RATING_WIDGET_NUMBER.match(nxt):
                    return float(nxt)
    return None


def _funding(sections: Sections) -> tuple[list[Funding], dict[str, str]]:
    section = sections.first("funding")
    entries: list[Funding] = []
    sources: dict[str, str] = {}
    for line in section.lines if section else []:
        _, text = strip_number(line)
        if not text or text in FURNITURE:
            continue
        entry, source = parse_funding_line(text)
        entries.append(entry)
        if source and entry.funder:
            sources[entry.funder] = source
    return entries, sources


def _authors(sections: Sections) -> list[Person]:
    section = sections.first("authors")
    names = [ln for ln in (section.lines if section else []) if ln and ln not in FURNITURE]
    people: list[Person] = []
    for line in names:
        for name in re.split(r"\s*[;；]\s*", line):
            if name:
                people.append(Person(literal=name.strip()))
    return people
