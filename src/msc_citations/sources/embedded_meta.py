"""Generic embedded metadata: what makes any publisher or index page yield a record.

Reads, in order of trust: Highwire Press ``citation_*`` meta tags, JSON-LD
``ScholarlyArticle``/``MedicalScholarlyArticle``, Dublin Core ``DC.*``/``dc.*``, PRISM
``prism.*``, COinS (``span.Z3988``) and Open Graph ``og:*``. The first family that states a
field wins. Its detection score is capped below every site source, as Zotero ranks its
Embedded Metadata translator after site translators.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any, ClassVar
from urllib.parse import parse_qs, unquote

from ..document import Document, DocumentKind
from ..model import Person, Record
from ..results import ParseIssue, ParseResult
from .base import BaseSource

MAX_SCORE = 0.45
"""Never more sure than this: a site source that knows the page must win."""

# Field -> meta names, most specific first. Names are matched lower-cased.
META_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("citation_title", "dc.title", "prism.title", "og:title"),
    "journal": ("citation_journal_title", "prism.publicationname", "dc.source", "citation_conference_title"),
    "journal_abbrev": ("citation_journal_abbrev",),
    "publisher": ("citation_publisher", "dc.publisher"),
    "date": (
        "citation_publication_date",
        "citation_date",
        "citation_online_date",
        "prism.publicationdate",
        "dc.date",
        "dc.date.issued",
        "article:published_time",
    ),
    "year": ("citation_year",),
    "volume": ("citation_volume", "prism.volume"),
    "issue": ("citation_issue", "prism.number", "prism.issueidentifier"),
    "firstpage": ("citation_firstpage", "prism.startingpage"),
    "lastpage": ("citation_lastpage", "prism.endingpage"),
    "doi": ("citation_doi", "prism.doi", "dc.identifier.doi", "bepress_citation_doi"),
    "pmid": ("citation_pmid",),
    "pmcid": ("citation_pmcid",),
    "abstract": ("citation_abstract", "dc.description", "description", "og:description"),
    "language": ("citation_language", "dc.language"),
    "url": ("citation_abstract_html_url", "citation_fulltext_html_url", "citation_public_url", "og:url"),
    "issn": ("citation_issn", "prism.issn", "prism.eissn"),
    "keywords": ("citation_keywords", "dc.subject", "keywords"),
}
AUTHOR_META: tuple[str, ...] = ("citation_author", "dc.creator", "dc.contributor")
AUTHOR_DETAIL_META: dict[str, str] = {
    "citation_author_institution": "affiliation",
    "citation_author_email": "email",
    "citation_author_orcid": "orcid",
}
STRONG_META: tuple[str, ...] = ("citation_title", "citation_doi", "citation_journal_title", "citation_author")
WEAK_META: tuple[str, ...] = ("dc.title", "prism.publicationname", "og:title", "dc.identifier")
JSONLD_TYPES: frozenset[str] = frozenset(
    {"ScholarlyArticle", "MedicalScholarlyArticle", "Article", "NewsArticle", "Report", "Chapter", "Book", "Thesis"}
)
COINS_FIELDS: dict[str, str] = {
    "rft.atitle": "title",
    "rft.title": "title",
    "rft.jtitle": "journal",
    "rft.stitle": "journal_abbrev",
    "rft.date": "date",
    "rft.volume": "volume",
    "rft.issue": "issue",
    "rft.spage": "firstpage",
    "rft.epage": "lastpage",
    "rft.pages": "pages",
    "rft.issn": "issn",
}
_YEAR = re.compile(r"(?<!\d)(1[6-9]\d\d|20\d\d)(?!\d)")
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?(?!\d)")
_DOI_IN_ID = re.compile(r"\b(10\.\d{4,9}/\S{1,300})")
_KEYWORD_SPLIT = re.compile(r"\s*[;,]\s*")


class EmbeddedMetadataSource(BaseSource):
    """Highwire/Dublin Core/PRISM/JSON-LD/COinS/Open Graph metadata of any saved page."""

    name: ClassVar[str] = "embedded_meta"
    label: ClassVar[str] = "Embedded metadata (citation_*, Dublin Core, PRISM, JSON-LD, COinS, Open Graph)"
    priority: ClassVar[int] = 0
    input_kinds: ClassVar[tuple[DocumentKind, ...]] = ("html",)
    max_score: ClassVar[float] = MAX_SCORE

    def detect(self, doc: Document) -> float:
        """Strong Highwire tags score highest; weaker families less; capped at MAX_SCORE."""
        meta = doc.meta
        strong = sum(1 for key in STRONG_META if key in meta)
        if strong:
            return min(MAX_SCORE, 0.3 + 0.04 * strong)
        if _jsonld_items(doc):
            return 0.4
        if any(key in meta for key in WEAK_META) or _coins(doc):
            return 0.35
        return 0.0

    def parse(self, doc: Document) -> ParseResult:
        """A record from the first metadata family that states each field."""
        issues: list[ParseIssue] = []
        values = _collect(doc, issues)
        if not values.get("title") and not values.get("doi"):
            return ParseResult(issues=[*issues, ParseIssue("no title or DOI in the page's metadata", severity="error")])
        record = _to_record(values, self.provenance(doc))
        return ParseResult(records=[record], issues=issues)


def _first(meta: dict[str, list[str]], names: Iterable[str]) -> str | None:
    for name in names:
        for value in meta.get(name, ()):
            if value.strip():
                return value.strip()
    return None


def _authors_from_meta(doc: Document) -> list[Person]:
    """Highwire authors in document order, each with the institution/e-mail tags that
    follow it (the Highwire convention)."""
    root = doc.tree
    if root is None:
        return []
    people: list[dict[str, Any]] = []
    family_used: str | None = None
    for el in root.iter("meta"):
        key = (el.get("name") or el.get("property") or "").strip().lower()
        content = (el.get("content") or "").strip()
        if not content:
            continue
        if key in AUTHOR_META and (family_used in (None, key)):
            family_used = key
            people.append({"literal": content, "affiliations": []})
        elif key in AUTHOR_DETAIL_META and people:
            detail = AUTHOR_DETAIL_META[key]
            if detail == "affiliation":
                people[-1]["affiliations"].append(content)
            else:
                people[-1][detail] = content
    return [_person(p.pop("literal"), **p) for p in people]


def _person(name: str, **details: Any) -> Person:
    """``Family, Given`` is split here (the comma states the order); other forms stay
    literal for the names step."""
    if "," in name:
        family, _, given = name.partition(",")
        return Person(family=family.strip() or None, given=given.strip() or None, **details)
    return Person(literal=name.strip(), **details)


def _jsonld_items(doc: Document) -> list[dict[str, Any]]:
    root = doc.tree
    if root is None:
        return []
    items: list[dict[str, Any]] = []
    for el in root.iter("script"):
        if (el.get("type") or "").lower() != "application/ld+json" or not el.text:
            continue
        try:
            data = json.loads(el.text)
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if not isinstance(item, dict):
                continue
            if isinstance(item.get("@graph"), list):
                stack.extend(item["@graph"])
            kinds = item.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if any(k in JSONLD_TYPES for k in kinds if isinstance(k, str)):
                items.append(item)
    return items


def _jsonld_values(item: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}

    def text(v: Any) -> str | None:
        if isinstance(v, str):
            return v.strip() or None
        if isinstance(v, dict):
            return text(v.get("name") or v.get("@value") or v.get("value"))
        if isinstance(v, list) and v:
            return text(v[0])
        return None

    out["title"] = text(item.get("headline") or item.get("name"))
    out["date"] = text(item.get("datePublished") or item.get("dateCreated"))
    out["abstract"] = text(item.get("description") or item.get("abstract"))
    part = item.get("isPartOf")
    while isinstance(part, dict):
        kinds = part.get("@type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if "PublicationVolume" in kinds:
            out.setdefault("volume", text(part.get("volumeNumber")))
        elif "PublicationIssue" in kinds:
            out.setdefault("issue", text(part.get("issueNumber")))
        elif "Periodical" in kinds:
            out.setdefault("journal", text(part.get("name")))
            out.setdefault("issn", text(part.get("issn")))
        part = part.get("isPartOf")
    out["firstpage"] = text(item.get("pageStart"))
    out["lastpage"] = text(item.get("pageEnd"))
    out["publisher"] = text(item.get("publisher"))
    ident = item.get("identifier") or item.get("sameAs") or item.get("@id")
    for value in ident if isinstance(ident, list) else [ident]:
        s = text(value) or (value.get("value") if isinstance(value, dict) else None)
        if isinstance(s, str) and (m := _DOI_IN_ID.search(s)):
            out["doi"] = m.group(1)
            break
    authors = item.get("author") or []
    people = []
    for a in authors if isinstance(authors, list) else [authors]:
        if isinstance(a, dict):
            if a.get("familyName") or a.get("givenName"):
                people.append(Person(family=text(a.get("familyName")), given=text(a.get("givenName"))))
            elif name := text(a.get("name")):
                people.append(Person(literal=name))
        elif isinstance(a, str) and a.strip():
            people.append(Person(literal=a.strip()))
    out["authors"] = people
    kw = item.get("keywords")
    if isinstance(kw, str):
        out["keywords"] = [k for k in _KEYWORD_SPLIT.split(kw) if k]
    elif isinstance(kw, list):
        out["keywords"] = [k.strip() for k in kw if isinstance(k, str) and k.strip()]
    return {k: v for k, v in out.items() if v}


def _coins(doc: Document) -> dict[str, Any]:
    root = doc.tree
    if root is None:
        return {}
    for el in root.iter("span"):
        if "Z3988" not in (el.get("class") or "").split():
            continue
        query = parse_qs(unquote(el.get("title") or "").replace("&amp;", "&"))
        out: dict[str, Any] = {}
        for key, field in COINS_FIELDS.items():
            if query.get(key):
                out.setdefault(field, query[key][0].strip())
        people = []
        for au in query.get("rft.au", []):
            people.append(_person(au))
        if not people and (query.get("rft.aulast")):
            first_names = query.get("rft.aufirst") or []
            people.append(Person(family=query["rft.aulast"][0], given=first_names[0] if first_names else None))
        if people:
            out["authors"] = people
        for rid in query.get("rft_id", []):
            if m := _DOI_IN_ID.search(rid):
                out["doi"] = m.group(1)
            elif rid.startswith("info:pmid/"):
                out["pmid"] = rid.split("/", 1)[1]
        return out
    return {}


def _collect(doc: Document, issues: list[ParseIssue]) -> dict[str, Any]:
    meta = doc.meta
    values: dict[str, Any] = {}
    for field, names in META_FIELDS.items():
        if field in ("keywords", "issn"):
            items = [v.strip() for n in names for v in meta.get(n, ()) if v.strip()]
            if field == "keywords":
                items = [k for v in items for k in _KEYWORD_SPLIT.split(v) if k]
            if items:
                values[field] = list(dict.fromkeys(items))
            continue
        if (value := _first(meta, names)) is not None:
            values[field] = value
    authors = _authors_from_meta(doc)
    if authors:
        values["authors"] = authors
    for fallback in [*(_jsonld_values(i) for i in _jsonld_items(doc)), _coins(doc)]:
        for key, value in fallback.items():
            values.setdefault(key, [value] if key == "issn" and isinstance(value, str) else value)
    if "doi" not in values:
        for ident in meta.get("dc.identifier", []):
            if m := _DOI_IN_ID.search(ident):
                values["doi"] = m.group(1)
                break
    if values.get("title") is None and (title := _html_title(doc)):
        values["title"] = title
        issues.append(ParseIssue("title taken from the HTML <title>", field="title", severity="info"))
    return values


def _html_title(doc: Document) -> str | None:
    root = doc.tree
    el = root.find(".//title") if root is not None else None
    return el.text.strip() if el is not None and el.text and el.text.strip() else None


def _to_record(values: dict[str, Any], provenance: Any) -> Record:
    year = month = day = None
    date = values.get("date") or values.get("year")
    if date:
        if m := _ISO_DATE.search(date):
            year, month = int(m.group(1)), int(m.group(2))
            day = int(m.group(3)) if m.group(3) else None
            if not 1 <= month <= 12:
                month = day = None
        elif m := _YEAR.search(date):
            year = int(m.group(1))
    first, last = values.get("firstpage"), values.get("lastpage")
    pages = values.get("pages")
    if first and not pages:
        pages = f"{first}-{last}" if last and last != first else first
    elif pages and not first:
        first, _, last = pages.partition("-")
    extra: dict[str, Any] = {}
    if date and not year:
        extra["date_as_written"] = date
    return Record(
        title=values.get("title"),
        authors=values.get("authors", []),
        journal=values.get("journal"),
        journal_abbrev=values.get("journal_abbrev"),
        issn=values.get("issn", []),
        publisher=values.get("publisher"),
        year=year,
        month=month,
        day=day,
        volume=values.get("volume"),
        issue=values.get("issue"),
        pages=pages,
        page_first=first or None,
        page_last=last or first or None,
        doi=values.get("doi"),
        pmid=values.get("pmid"),
        pmcid=values.get("pmcid"),
        abstract=values.get("abstract"),
        keywords=values.get("keywords", []),
        language=values.get("language"),
        url=values.get("url") or provenance.url,
        extra=extra,
        source=provenance,
    )
