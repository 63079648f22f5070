"""KoreaMed abstract pages (``koreamed.org/SearchBasic.php?RID=...`` and
``koreamed.org/article/<journal code>/<year.volume.issue.page>``), copied or saved.

Layout::

    J Stroke.  2016 Sep;18(3):256-266. 10.5853/jos.2016.01263.
    Adult Stem Cell Therapy for Stroke: Challenges and Progress
    [Bang OY , Kim EH , Cha JM , Moon GJ .]
    Affiliations
      • 1Department of Neurology, ... Seoul, Korea. ohyoung.bang@samsung.com
    Abstract
    ...
    Keyword
    Stroke; Biomaterials; Stem cells; Mesenchymal stem cells
    MeSH Terms
    Adult Stem Cells*
    ...
    Copyright © 2022 by Korean Association of Medical Journal Editors.

The line after the pages may carry the DOI, the language and publication types
(``English. Randomized Controlled Trial. https://doi.org/...``).
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from ..document import Document, DocumentKind
from ..model import Person, Record
from ..results import ParseIssue, ParseResult
from .base import BaseSource
from .korean_common import (
    AuthorBlock,
    attach_affiliations,
    citation_rest,
    has_hangul,
    has_pubmed_id,
    korean_alt_title,
    mesh_terms,
    month_day,
    numbered_affiliation,
    parse_citation_line,
    pubmed_ids,
    split_refs,
    split_semicolons,
    url_of,
)

HEADINGS: dict[str, str] = {
    "affiliations": "affiliations",
    "abstract": "abstract",
    "keyword": "keywords",
    "keywords": "keywords",
    "mesh terms": "mesh",
    "figure": "stop",
    "figures": "stop",
    "full text links": "stop",
    "actions": "stop",
    "cited": "stop",
    "similar articles": "stop",
    "references": "stop",
    "export copy": "stop",
}
"""Section headings of a KoreaMed page (lower-cased) -> the section they open."""
_LONGEST_HEADING = max(map(len, HEADINGS))

FOOTER_MARKERS: tuple[str, ...] = ("Korean Association of Medical Journal Editors", "koreamed@kamje.or.kr")
LAYOUT_MARKERS: tuple[str, ...] = ("MeSH Terms", "Full Text Links", "Journal Browser", "Similar articles")
KOREAMED_HOST = re.compile(r"^https?://(?:www\.)?koreamed\.org/", re.I)
RID_IN_URL = re.compile(r"[?&]RID=(\d{1,12})", re.I)
ARTICLE_IN_URL = re.compile(r"koreamed\.org/article/([A-Za-z0-9]{1,20}/[0-9A-Za-z.]{1,40})", re.I)
AFFILIATION_WORDS = re.compile(
    r"\b(?:Department|University|Hospital|Institute|College|Center|Centre|School|Laboratory|Division|Korea)\b"
)
NOT_ENGLISH_ABSTRACT = "English Abstract"
"""MEDLINE's publication type for a non-English article, listed by KoreaMed among MeSH terms."""
_AUTHOR_SPLIT = re.compile(r"\s*,\s*")
_MEDLINE_NAME = re.compile(r"^[A-Z][\w'\-]{0,30}(?: [A-Z][\w'\-]{0,30}){0,3} [A-Z]{1,3}\d{0,2}$")
"""``Bang OY`` / ``Van der Berg JH1``: a name as KoreaMed lists authors."""


class KoreaMedSource(BaseSource):
    """KoreaMed abstract pages of Korean medical journals."""

    name: ClassVar[str] = "koreamed"
    label: ClassVar[str] = "KoreaMed abstract page"
    priority: ClassVar[int] = 60
    input_kinds: ClassVar[tuple[DocumentKind, ...]] = ("text", "html")
    max_score: ClassVar[float] = 0.9

    def detect(self, doc: Document) -> float:
        """Keyed on KoreaMed's footer, its section headings and a leading citation line."""
        url = url_of(doc)
        if KOREAMED_HOST.match(url):
            return 0.9
        lines = doc.lines
        text = "\n".join(lines[:600])
        score = 0.0
        if any(marker in text for marker in FOOTER_MARKERS):
            score += 0.4
        score += 0.1 * sum(1 for marker in LAYOUT_MARKERS if marker in lines)
        if _citation_index(lines) >= 0:
            score += 0.25
        return min(score, 0.85) if score >= 0.4 else score * 0.5

    def parse(self, doc: Document) -> ParseResult:
        """One record from the citation line, headings and lists of the page."""
        issues: list[ParseIssue] = []
        lines = doc.lines
        at = _citation_index(lines)
        if at < 0:
            return ParseResult(
                issues=[ParseIssue("no citation line (Journal. Year;Vol(Issue):Pages)", severity="error")]
            )
        record = self._build(doc, lines, at, issues)
        return ParseResult(records=[record], issues=issues)

    def _build(self, doc: Document, lines: list[str], at: int, issues: list[ParseIssue]) -> Record:
        cite = parse_citation_line(lines[at]) or {}
        doi, language, types = citation_rest(cite.get("rest", ""))
        sections = _sections(lines[at + 1 :])
        head = sections.get("head", [])
        title, alt, author_line, loose_affils = _head(head)
        extra: dict[str, Any] = _ids(url_of(doc))
        block = _authors(author_line)
        for line in sections.get("affiliations", []) + loose_affils:
            num, text = numbered_affiliation(line)
            if num is not None:
                block.affiliations[num] = text
            else:
                block.unnumbered.append(text)
        people = attach_affiliations(block, extra)
        mesh, major = mesh_terms(sections.get("mesh", []))
        if NOT_ENGLISH_ABSTRACT in mesh:
            mesh.remove(NOT_ENGLISH_ABSTRACT)
            types.append(NOT_ENGLISH_ABSTRACT)
        if major:
            extra["mesh_major"] = major
        month, day = month_day(cite.get("date"))
        if cite.get("date") and month is None:
            extra["date_as_written"] = f"{cite['year']} {cite['date']}"
        if title is None:
            issues.append(ParseIssue("no title after the citation line", field="title"))
        abstract = "\n".join(ln for ln in sections.get("abstract", []) if ln).strip() or None
        pmid, pmcid = pubmed_ids(lines)
        return self.new_record(
            doc,
            title=title,
            alt_titles=alt,
            authors=people,
            journal_abbrev=cite.get("journal"),
            year=int(cite["year"]) if cite.get("year") else None,
            month=month,
            day=day,
            volume=cite.get("volume"),
            issue=cite.get("issue"),
            pages=cite.get("pages"),
            doi=doi,
            pmid=pmid,
            pmcid=pmcid,
            abstract=abstract,
            keywords=split_semicolons(" ; ".join(sections.get("keywords", []))),
            mesh_terms=mesh,
            publication_types=types,
            language=language,
            url=doc.canonical_url,
            extra=extra,
        )


def _citation_index(lines: list[str]) -> int:
    """The first citation line among the page's first lines (furniture may precede it)."""
    for i, line in enumerate(lines[:40]):
        cite = parse_citation_line(line)
        if cite and cite.get("date") and len(cite["journal"].split()) <= 8:
            return i
    return -1


def _sections(lines: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {"head": []}
    current = "head"
    for line in lines:
        # A line longer than every heading is one only if " :" is stripped from an end:
        # the long lines of the abstract are not lower-cased.
        if len(line) <= _LONGEST_HEADING or line[0] in " :" or line[-1] in " :":
            key = HEADINGS.get(line.lower().strip(" :"))
        else:
            key = None
        if line.startswith("Copyright ©"):
            key = "stop"
        if key is not None:
            current = key
            out.setdefault(current, [])
            continue
        if current != "stop" and line:
            out.setdefault(current, []).append(line)
    return out


def _head(head: list[str]) -> tuple[str | None, list[Any], str | None, list[str]]:
    """Title, Hangul title, author line and affiliation lines that precede ``Abstract``."""
    title: str | None = None
    alt: list[Any] = []
    author_line: str | None = None
    affiliations: list[str] = []
    for line in head:
        if has_pubmed_id(line):
            continue
        if title is None and author_line is None and _is_name_list(line):
            author_line = line  # the copy lost the title heading; this is the author line
        elif title is None and author_line is None:
            title = line
        elif has_hangul(line) and not alt and author_line is None:
            alt.append(korean_alt_title(line))
        elif line.startswith(("•", "·")) or AFFILIATION_WORDS.search(line):
            affiliations.append(line)
        elif author_line is None:
            author_line = line
    return title, alt, author_line, affiliations


def _is_name_list(line: str) -> bool:
    """Whether a line is a KoreaMed author list (``Bang OY , Kim EH , Cha JM .``)."""
    parts = [p for p in _AUTHOR_SPLIT.split(line.strip().rstrip(".").strip()) if p]
    # One name alone could be a short title ending in an acronym: KoreaMed ends its list with " .".
    if len(parts) < 2 and not line.rstrip().endswith(" ."):
        return False
    return bool(parts) and all(_MEDLINE_NAME.match(p) for p in parts)


def _authors(line: str | None) -> AuthorBlock:
    """``Bang OY , Kim EH , Cha JM , Moon GJ .`` or ``Oh Young Bang1, Eun Hee Kim2``."""
    block = AuthorBlock()
    if not line:
        return block
    for part in _AUTHOR_SPLIT.split(line.strip().rstrip(".").strip()):
        name, refs = split_refs(part.strip())
        if name:
            block.people.append(Person(literal=name))
            block.refs.append(refs)
    return block


def _ids(url: str) -> dict[str, Any]:
    extra: dict[str, Any] = {}
    if m := RID_IN_URL.search(url):
        extra["koreamed_id"] = m.group(1)
    if m := ARTICLE_IN_URL.search(url):
        extra["koreamed_article"] = m.group(1)
    return extra
