"""KoreaMed Synapse article pages (``synapse.koreamed.org/articles/<id>`` and the older
``DOIx.php?id=<doi>`` viewer), copied as text or saved as HTML.

Current layout (saved pages also carry ``citation_*`` meta tags)::

    Journal List > Hanyang Med Rev > v.35(1) > 1044233
    Kim and Ahn: Searching Medical Literature Effectively
    Abstract
    ...

Older viewer layout::

    Infect Chemother. 2009 Jan-Feb;41(1):54-57. Korean.
    Published online Feb 28, 2009.
    Copyright © 2009 The Korean Society of Infectious Diseases ...
    other
    Trend of Publications in Microbiology and Infectious Diseases: ...
    Baek-Nam Kim, M.D.
        • Department of Internal Medicine, Inje University College of Medicine, Busan, Korea.
    Received October 02, 2008; Accepted December 09, 2008.
    ...
    Abstract
    ...
    Keywords
    Publications; Literature; Research; Bibliographic databases
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from ..document import Document, DocumentKind
from ..model import AbstractSection, Person, Record
from ..results import ParseIssue, ParseResult
from .base import BaseSource
from .korean_common import (
    DEGREES,
    DOI_LINE,
    AuthorBlock,
    abstract_from_lines,
    attach_affiliations,
    citation_rest,
    first_doi,
    has_hangul,
    has_pubmed_id,
    korean_alt_title,
    meta_values,
    month_day,
    numbered_affiliation,
    parse_citation_line,
    parse_day,
    pubmed_ids,
    running_head,
    split_people_by_script,
    split_refs,
    split_semicolons,
    url_of,
)

BREADCRUMB = re.compile(
    r"^Journal List\s*>\s*(?P<abbrev>.{1,80}?)\s*>\s*v\.(?P<volume>[^()>\s]{1,12})"
    r"(?:\((?P<issue>[^)]{1,20})\))?\s*>\s*(?P<id>\d{1,12})$"
)
ARTICLE_TYPES: frozenset[str] = frozenset(
    {"other", "original article", "review article", "review", "case report", "editorial", "brief communication"}
)
"""Article-type labels the older viewer prints above the title (lower-cased)."""
SYNAPSE_HOST = re.compile(r"^https?://(?:www\.)?synapse\.koreamed\.org/", re.I)
ARTICLE_ID = re.compile(r"synapse\.koreamed\.org/articles/(\d{1,12})", re.I)
DOIX_URL = re.compile(r"DOIx\.php\?id=(10\.[^&#\s]{1,300})", re.I)
PUBLISHED_ONLINE = "Published online"
RECEIVED = re.compile(r"^Received\b", re.I)
STOP_HEADINGS: frozenset[str] = frozenset(
    {
        "figures", "tables", "figures and tables", "references", "notes", "acknowledgments", "cited by",
        "similar articles", "introduction", "서론", "서 론", "supplementary materials", "article information",
    }
)  # fmt: skip
KEYWORD_HEADINGS: frozenset[str] = frozenset({"keywords", "keyword", "key words"})
LICENSE_START = ("This is an Open Access article", "This is an open access article")
_NAME_SPLIT = re.compile(r"\s*,\s*")


class SynapseSource(BaseSource):
    """KoreaMed Synapse full-text article pages."""

    name: ClassVar[str] = "synapse"
    label: ClassVar[str] = "KoreaMed Synapse article page"
    priority: ClassVar[int] = 60
    input_kinds: ClassVar[tuple[DocumentKind, ...]] = ("text", "html")
    max_score: ClassVar[float] = 0.9

    def detect(self, doc: Document) -> float:
        """The Synapse breadcrumb or address, or the older viewer's head block (citation
        line with a month and a language, then ``Published online``)."""
        if SYNAPSE_HOST.match(url_of(doc)) or DOIX_URL.search(url_of(doc)):
            return 0.9
        lines = [ln for ln in doc.lines[:60] if ln]
        if any(ln.startswith("Journal List") and BREADCRUMB.match(ln) for ln in lines[:20]):
            return 0.85
        at = _old_citation_index(lines)
        if at >= 0 and any(ln.startswith(PUBLISHED_ONLINE) for ln in lines[at + 1 : at + 3]):
            bonus = 0.1 if any(ln.startswith("Copyright ©") for ln in lines[at + 1 : at + 5]) else 0.0
            return 0.6 + bonus
        return 0.0

    def parse(self, doc: Document) -> ParseResult:
        """One record from the page's head block, abstract and meta tags."""
        issues: list[ParseIssue] = []
        lines = [ln for ln in doc.lines if ln]
        extra: dict[str, Any] = {}
        fields = _read_text(lines, extra)
        if doc.kind == "html":
            _merge_meta(fields, meta_values(doc), extra)
        url = url_of(doc)
        if m := ARTICLE_ID.search(url):
            extra.setdefault("synapse_id", m.group(1))
        if not fields.get("doi") and (m := DOIX_URL.search(url)):
            fields["doi"] = m.group(1)
        if not fields.get("title"):
            return ParseResult(issues=[ParseIssue("no article title found on this Synapse page", severity="error")])
        record = self._build(doc, fields, extra)
        return ParseResult(records=[record], issues=issues)

    def _build(self, doc: Document, fields: dict[str, Any], extra: dict[str, Any]) -> Record:
        block: AuthorBlock = fields.get("block") or AuthorBlock()
        people = fields.get("people") or attach_affiliations(block, extra)
        return self.new_record(
            doc,
            title=fields.get("title"),
            alt_titles=[korean_alt_title(t) for t in fields.get("titles_ko", [])],
            authors=people,
            authors_complete=fields.get("authors_complete"),
            journal=fields.get("journal"),
            journal_abbrev=fields.get("journal_abbrev"),
            issn=fields.get("issn", []),
            publisher=fields.get("publisher"),
            year=fields.get("year"),
            month=fields.get("month"),
            day=fields.get("day"),
            volume=fields.get("volume"),
            issue=fields.get("issue"),
            pages=fields.get("pages"),
            doi=fields.get("doi"),
            pmid=fields.get("pmid"),
            pmcid=fields.get("pmcid"),
            abstract=fields.get("abstract"),
            abstract_sections=[AbstractSection(label=lb, text=tx) for lb, tx in fields.get("sections", [])],
            keywords=fields.get("keywords", []),
            publication_types=fields.get("types", []),
            language=fields.get("language"),
            url=doc.canonical_url,
            extra=extra,
        )


def _old_citation_index(lines: list[str]) -> int:
    for i, line in enumerate(lines[:30]):
        cite = parse_citation_line(line)
        if cite and cite.get("date") and citation_rest(cite.get("rest", ""))[1]:
            return i
    return -1


def _read_text(lines: list[str], extra: dict[str, Any]) -> dict[str, Any]:
    """Fields from the visible text: breadcrumb, short title line, citation line, head
    block, abstract and keywords."""
    fields: dict[str, Any] = {}
    start = 0
    for i, line in enumerate(lines[:20]):
        if m := BREADCRUMB.match(line):
            fields.update(journal_abbrev=m.group("abbrev"), volume=m.group("volume"), issue=m.group("issue"))
            extra["synapse_id"] = m.group("id")
            start = i + 1
            if start < len(lines) and (head := running_head(lines[start])):
                extra["running_authors"], fields["title"] = head
                start += 1
            break
    at = _old_citation_index(lines)
    if at >= 0:
        _citation(fields, lines[at], extra)
        start = max(start, at + 1)
    fields["pmid"], fields["pmcid"] = pubmed_ids(lines)
    body_at = next((i for i in range(start, len(lines)) if lines[i].lower() == "abstract"), len(lines))
    _head(fields, lines[start:body_at], extra)
    _body(fields, lines[body_at + 1 :])
    return fields


def _citation(fields: dict[str, Any], line: str, extra: dict[str, Any]) -> None:
    cite = parse_citation_line(line) or {}
    doi, language, types = citation_rest(cite.get("rest", ""))
    month, day = month_day(cite.get("date"))
    if month is None and cite.get("date"):
        extra["date_as_written"] = f"{cite['year']} {cite['date']}"
    fields.update(
        journal_abbrev=cite.get("journal"),
        year=int(cite["year"]),
        month=month,
        day=day,
        volume=cite.get("volume"),
        issue=cite.get("issue"),
        pages=cite.get("pages"),
        language=language,
        types=types,
    )
    if doi:
        fields["doi"] = doi


def _head(fields: dict[str, Any], head: list[str], extra: dict[str, Any]) -> None:
    """The lines between the citation line and ``Abstract``."""
    block = AuthorBlock()
    rest: list[str] = []
    for line in head:
        if DOI_LINE.match(line):
            fields["doi"] = first_doi([line]) or fields.get("doi")
        elif has_pubmed_id(line):
            continue  # read by pubmed_ids
        elif line.startswith(PUBLISHED_ONLINE):
            extra["published_online"] = line.removeprefix(PUBLISHED_ONLINE).strip(" :.")
        elif line.startswith("Copyright ©"):
            extra["copyright"] = line
        elif RECEIVED.match(line):
            extra["history"] = line
        elif line.startswith(LICENSE_START):
            extra["license"] = line
        elif line.startswith(("•", "·")):
            num, text = numbered_affiliation(line)
            if num is not None:
                block.affiliations[num] = text
            else:
                block.unnumbered.append(text)
        else:
            rest.append(line)
    if rest and rest[0].lower() in ARTICLE_TYPES:
        extra["article_type"] = rest.pop(0)
        if extra["article_type"] != "other":
            fields["types"] = [*fields.get("types", []), extra["article_type"]]
    latin = [ln for ln in rest if not has_hangul(ln)]
    fields["titles_ko"] = [ln for ln in rest if has_hangul(ln)][:1]
    if latin and not fields.get("title"):
        fields["title"] = latin.pop(0)
    if latin:
        _author_line(block, latin[0])
    fields["block"] = block


def _author_line(block: AuthorBlock, line: str) -> None:
    """``Baek-Nam Kim, M.D.`` / ``Hyun Jung Kim1, Hyeong Sik Ahn2``: names, degrees dropped."""
    for part in _NAME_SPLIT.split(line.strip()):
        name, refs = split_refs(part)
        if not name:
            continue
        if name.upper() in DEGREES or name.upper().rstrip(".") in DEGREES:
            if refs and block.refs:
                block.refs[-1].extend(refs)  # "Kim, M.D.1": the number follows the degree
            continue
        block.people.append(Person(literal=name.rstrip(".")))
        block.refs.append(refs)


def _body(fields: dict[str, Any], lines: list[str]) -> None:
    abstract: list[str] = []
    i = 0
    while i < len(lines):
        low = lines[i].lower().rstrip(":")
        if low in KEYWORD_HEADINGS and i + 1 < len(lines):
            fields["keywords"] = split_semicolons(lines[i + 1].replace(",", ";"))
            break
        if low in STOP_HEADINGS:
            break
        abstract.append(lines[i])
        i += 1
    text, sections = abstract_from_lines(abstract)
    fields["abstract"] = text
    fields["sections"] = sections


def _merge_meta(fields: dict[str, Any], meta: dict[str, Any], extra: dict[str, Any]) -> None:
    """``citation_*`` values fill or replace what the text gave (they are structured)."""
    if meta["titles"]:
        fields["title"] = meta["titles"][0]
    if meta["titles_ko"]:
        fields["titles_ko"] = meta["titles_ko"][:1]
    people, hangul = split_people_by_script(meta["people"])
    if people:
        fields["people"] = people
    if hangul:
        extra["authors_ko"] = hangul
    for key in (
        "journal",
        "journal_abbrev",
        "publisher",
        "volume",
        "issue",
        "doi",
        "pmid",
        "pmcid",
        "language",
        "abstract",
    ):
        if meta.get(key):
            fields[key] = meta[key]
    if meta.get("doi"):
        fields["doi"] = first_doi([str(meta["doi"])]) or meta["doi"]
    first, last = meta.get("firstpage"), meta.get("lastpage")
    if first:
        fields["pages"] = f"{first}-{last}" if last and last != first else first
    if meta.get("date"):
        year, month, day = parse_day(str(meta["date"]))
        if year is None and (y := re.search(r"\d{4}", str(meta["date"]))):
            year = int(y.group(0))
        fields.update(year=year, month=month, day=day)
    for key in ("keywords", "issn"):
        if meta.get(key):
            fields[key] = meta[key]
