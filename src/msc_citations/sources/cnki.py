"""Chinese-language records: CNKI, Wanfang, VIP/CQVIP and SinoMed detail pages, Chinese journal
sites (Magtech, Xingyun) and text copied from a Chinese article's first page; copied or saved.

These pages print labelled fields (``摘要``, ``关键词``, ``基金项目``, ``中图分类号``, ``文献标识码``,
``文章编号``, ``DOI``, ``作者单位``, ``刊名``, ``年，卷(期)``, ``引用本文``...) in simplified or
traditional script, and usually add the English title, authors, abstract and keywords. The
record keeps the page's primary language in ``title``/``abstract`` and the English title in
``alt_titles``; the English abstract, keywords and names go into ``extra``. Author names are
kept as written (``literal``); the names step splits Han names (compound surnames known).
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from ..document import Document, DocumentKind
from ..model import AltTitle, Person
from ..normalize.ids import find_registry_ids
from ..results import ParseIssue, ParseResult
from .base import BaseSource
from .chinese_citation import parse_reference, parse_year_volume_issue
from .chinese_cnki_parts import (
    Head,
    abstract_parts,
    english_keywords,
    funding_entries,
    read_head,
    split_keywords_section,
)
from .chinese_common import (
    Sections,
    clc_codes,
    cut_sections,
    first_doi,
    has_han,
    holds_han,
    read_label,
    to_int,
)
from .chinese_people import parse_affiliations, parse_author_line, people_with_affiliations

STRONG_FIELDS: frozenset[str] = frozenset(
    {
        "abstract", "keywords", "classification", "document_code", "article_id", "funding", "affiliations",
        "journal", "citation", "year_volume_issue", "album", "topic", "received", "corresponding", "author_bio",
    }
)  # fmt: skip
"""Labelled fields whose presence marks a Chinese database record."""

STRONG_ENOUGH = 5
"""Distinct strong fields at which the detection score reaches its ceiling."""

OTHER_LAYOUTS: frozenset[str] = frozenset({"D O I", "相关论文", "主要评分", "次要评分", "我是这篇论文的作者"})
"""Lines of the WoS-style index page and the rating site, which have their own sources."""

EMAIL = re.compile(r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,24}")
NAME_END = re.compile(r"[\s,，(（:：;；]")
"""What ends the name at the start of a ``通讯作者`` value (``丁国永, 博士, ...``)."""
STOP_FIELDS: frozenset[str] = frozenset({"references"})
DETECT_LINES = 400


class CnkiSource(BaseSource):
    """Chinese-language records (CNKI, Wanfang, VIP, SinoMed, Chinese journal sites)."""

    name: ClassVar[str] = "cnki"
    label: ClassVar[str] = "Chinese database record (CNKI, Wanfang, VIP, SinoMed, journal sites)"
    priority: ClassVar[int] = 55
    input_kinds: ClassVar[tuple[DocumentKind, ...]] = ("text", "html")
    max_score: ClassVar[float] = 0.8

    def detect(self, doc: Document) -> float:
        """Keyed on distinct Chinese field labels (摘要, 关键词, 中图分类号, 文献标识码, 基金项目...)."""
        if doc.visible_text.isascii():  # no Han character at all (a constant-time test)
            return 0.0
        lines = doc.lines[:DETECT_LINES]
        first = "\n".join(lines[:80])
        if not holds_han(first):
            return 0.0
        found: set[str] = set()
        for line in lines:
            if line and (hit := read_label(line)) is not None and hit[0] in STRONG_FIELDS:
                found.add(hit[0])
                if len(found) >= STRONG_ENOUGH:
                    break
        if len(found) < 2:
            return 0.1 * len(found)
        score = min(0.3 + 0.1 * len(found), 0.8)
        if not OTHER_LAYOUTS.isdisjoint(lines):
            score *= 0.5
        return score

    def parse(self, doc: Document) -> ParseResult:
        """One record from the labelled fields, the head lines and any citation line."""
        issues: list[ParseIssue] = []
        sections = cut_sections(doc.lines, stop=STOP_FIELDS)
        head = read_head(sections.head, sections.tail)
        extra: dict[str, Any] = {}
        bib = _bibliographic(sections, head, extra)
        cited_title = bib.pop("title", None)
        if cited_title and cited_title not in doc.lines:
            cited_title = None
        title = sections.text("title") or cited_title or head.title
        if not title:
            issues.append(ParseIssue("no title found", field="title", severity="error"))
            return ParseResult(issues=issues)
        abstract, parts = abstract_parts(sections.first("abstract"))
        cited_en = _english_reference(sections, head, bib.get("doi"))
        if cited_en:
            extra["citation_en"] = cited_en[0]
        english_title = sections.text("title_en") or head.title_en or (cited_en[1] if cited_en else None)
        _english(sections, head, extra)
        _codes(sections, extra)
        funding = funding_entries(sections)
        _meta_fallback(doc, bib)
        record = self.new_record(
            doc,
            title=title,
            alt_titles=[AltTitle(text=english_title, language="en")] if english_title else [],
            authors=_authors(sections, head, extra),
            abstract=abstract,
            abstract_sections=parts,
            keywords=split_keywords_section(sections.first("keywords")),
            funding=funding,
            classification=extra["clc"][0] if extra.get("clc") else None,
            language="Chinese" if has_han(title) else None,
            registry_ids=find_registry_ids(sections.text("registration") or ""),
            url=doc.canonical_url,
            extra=extra,
            **bib,
        )
        return ParseResult(records=[record], issues=issues)


def _bibliographic(sections: Sections, head: Head, extra: dict[str, Any]) -> dict[str, Any]:
    """Journal, year, volume, issue, pages, DOI, counts: labelled fields first, then the
    citation line (``引用本文``), then journal and issue lines of the page head."""
    out: dict[str, Any] = {}
    ref = parse_reference(sections.text("citation") or "")
    if ref is None and head.citation:
        # An unlabelled reference counts only when its title is printed on the page as a
        # heading: article pages also show references of other articles.
        loose = _reference(head, head.citation)
        ref = loose if loose and loose.get("title") in head.lines else None
    for source in (ref, head.journal_line, head.issue_line):
        for key in ("title", "journal", "year", "volume", "issue", "pages", "doi"):
            if source and source.get(key) and key not in out:
                out[key] = source[key]
        if source and source.get("month") and "month" not in out:
            out["month"] = source["month"]
    if ref and ref.get("authors"):
        extra["citation_authors"] = ref["authors"]
    if head.journal_name and "journal" not in out:
        out["journal"] = head.journal_name
    labelled = {
        "journal": sections.text("journal"),
        "year": sections.text("year"),
        "volume": sections.text("volume"),
        "issue": sections.text("issue"),
        "pages": sections.text("pages"),
        "doi": sections.text("doi"),
    }
    out.update({k: v for k, v in labelled.items() if v})
    if out.get("journal"):
        out["journal"] = out["journal"].strip("《》 ")
    yvi = parse_year_volume_issue(sections.text("year_volume_issue") or "")
    for key in ("year", "volume", "issue"):
        if yvi and yvi.get(key):
            out[key] = yvi[key]
    if not out.get("doi"):
        out["doi"] = first_doi("\n".join(head.lines)) if head.lines else None
    year = to_int(out.get("year"))
    out["year"] = year if year and 1800 < year < 2100 else None
    out["month"] = to_int(out.get("month"))
    count = to_int(sections.text("page_count")) or to_int(head.issue_line.get("count") if head.issue_line else None)
    if count:
        out["page_count"] = count
    cited = to_int(sections.text("cited_by"))
    if cited is not None:
        out["cited_by_count"] = cited
    if sections.text("publisher"):
        out["publisher"] = sections.text("publisher")
    return {k: v for k, v in out.items() if v not in (None, "")}


def _authors(sections: Sections, head: Head, extra: dict[str, Any]) -> list[Person]:
    """Authors from the ``作者`` field or the author line under the title, with affiliations."""
    labelled = sections.first("authors")
    line = " ".join(labelled.lines) if labelled and labelled.lines else head.author_line
    names = parse_author_line(line) if line else []
    if not names and extra.get("citation_authors"):
        names = parse_author_line(str(extra["citation_authors"]))
    aff_section = sections.first("affiliations")
    aff_lines = aff_section.lines if aff_section and aff_section.lines else head.affiliation_lines
    numbered, unnumbered = parse_affiliations(aff_lines) if aff_lines else ({}, [])
    people = people_with_affiliations([(n, r) for n, r in names if n not in ("等", "et al")], numbered, unnumbered)
    people = _mark_corresponding(people, sections.text("corresponding"))
    used = {a for p in people for a in p.affiliations}
    leftover = [a for a in [*numbered.values(), *unnumbered] if a not in used]
    if leftover:
        extra["affiliations"] = leftover
    return people


META_FIELDS: dict[str, str] = {
    "journal": "citation_journal_title",
    "year": "citation_date",
    "volume": "citation_volume",
    "issue": "citation_issue",
    "doi": "citation_doi",
}
"""Highwire tags of saved journal pages, read only for a field the page body does not state."""


def _meta_fallback(doc: Document, bib: dict[str, Any]) -> None:
    """Fill fields the visible page leaves out from the page's ``citation_*`` meta tags."""
    if doc.kind != "html":
        return
    meta = doc.meta
    for key, tag in META_FIELDS.items():
        value = (meta.get(tag) or [""])[0].strip()
        if value and not bib.get(key):
            bib[key] = to_int(value[:4]) if key == "year" else value
    first = (meta.get("citation_firstpage") or [""])[0].strip()
    last = (meta.get("citation_lastpage") or [""])[0].strip()
    if first and not bib.get("pages"):
        bib["pages"] = f"{first}-{last}" if last and last != first else first
    if not bib.get("year"):
        bib.pop("year", None)


def _english_reference(sections: Sections, head: Head, doi: str | None) -> tuple[str, str] | None:
    """This article's English reference (``Citation: ...[J]. ... DOI``) and its title. A page
    may print another article's reference too, so one with a DOI must carry this DOI."""
    lines = [s.text for s in sections.items if s.name == "citation"] + head.lines
    for line in lines:
        ref = _reference(head, line) if line and not has_han(line) else None
        if not ref or not ref.get("title"):
            continue
        ref_doi = (ref.get("doi") or "").rstrip(".").casefold()
        if ref_doi and doi and ref_doi != doi.rstrip(".").casefold():
            continue
        return line, str(ref["title"])
    return None


def _reference(head: Head, line: str) -> dict[str, str | None] | None:
    """``parse_reference`` of a line, read once: head lines were read with the head."""
    return head.references[line] if line in head.references else parse_reference(line)


def _mark_corresponding(people: list[Person], text: str | None) -> list[Person]:
    """Mark the author named in ``通讯作者`` (``丁国永, 博士, E-mail:x@y``) and give the e-mail."""
    if not text:
        return people
    name = NAME_END.split(text.strip(), maxsplit=1)[0]
    email = EMAIL.search(text)
    out: list[Person] = []
    for person in people:
        if person.literal == name:
            person = person.model_copy(update={"corresponding": True, "email": email.group(0) if email else None})
        out.append(person)
    return out


def _english(sections: Sections, head: Head, extra: dict[str, Any]) -> None:
    """The English abstract, keywords, authors and affiliations the page adds."""
    abstract_en = sections.first("abstract_en")
    if abstract_en and abstract_en.lines:
        extra["abstract_en"] = " ".join(abstract_en.lines).strip()
    keywords_en = english_keywords(sections)
    if keywords_en:
        extra["keywords_en"] = keywords_en
    if head.authors_en:
        extra["authors_en"] = head.authors_en
    if head.affiliations_en:
        numbered, unnumbered = parse_affiliations(head.affiliations_en)
        extra["affiliations_en"] = [*numbered.values(), *unnumbered]
    for name in ("journal_en", "funding_en", "received", "revised", "online_date", "corresponding", "author_bio"):
        text = sections.text(name)
        if text:
            extra[name] = text
    if head.column:
        extra["column"] = head.column.replace(" ", "")


def _codes(sections: Sections, extra: dict[str, Any]) -> None:
    """CLC classification, document code, CN article id, subject code, database albums."""
    text = sections.text("classification")
    if text:
        codes, names = clc_codes(text)
        if codes:
            extra["clc"] = codes
        if names:
            extra["clc_label"] = names
        if not codes:
            extra["classification_as_written"] = text
    for name in ("document_code", "article_id", "subject_code", "album", "topic", "column", "issn", "cn", "downloads"):
        value = sections.text(name)
        if value:
            extra[name] = value
