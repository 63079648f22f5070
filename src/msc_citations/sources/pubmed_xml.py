"""E-utilities efetch XML: ``PubmedArticleSet`` with ``PubmedArticle`` and
``PubmedBookArticle`` children (many records per file).

The tree comes from :attr:`Document.tree` (no network, no entity expansion). Inline
markup in titles and abstracts (``<i>``, ``<sub>``) is flattened to its text.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from ..model import AbstractSection, AltTitle, Funding, Person, Record, RegistryId
from ..results import ParseIssue
from .pubmed_common import (
    NOTICE_KEYS,
    add_notice_types,
    date_parts,
    email_in,
    person_from_parts,
    record_type,
    registry_id,
    squash,
    unique,
)

ARTICLE_TAGS: tuple[str, ...] = ("PubmedArticle", "PubmedBookArticle")
ROOT_TAGS: tuple[str, ...] = ("PubmedArticleSet", "PubmedArticle", "PubmedBookArticle")
MONTH_NAMES = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

Element = etree._Element


def _text(el: Element | None) -> str | None:
    """The squashed text of an element with its inline markup, or ``None``."""
    if el is None:
        return None
    value = squash("".join(str(t) for t in el.itertext()))
    return value or None


def _first(el: Element, path: str) -> str | None:
    found = el.find(path)
    return _text(found)


def _all(el: Element, path: str) -> list[str]:
    return unique(t for t in (_text(x) for x in el.iterfind(path)) if t)


def articles(root: Element) -> list[Element]:
    """The article elements of an efetch answer, in document order."""
    if root.tag in ARTICLE_TAGS:
        return [root]
    return [el for el in root if isinstance(el.tag, str) and el.tag in ARTICLE_TAGS]


def _one(ids: dict[str, list[str]], kind: str) -> str | None:
    values = ids.get(kind)
    return values[0] if values else None


def _date_text(date: Element | None) -> str | None:
    """A PubDate/ArticleDate as PubMed writes it (``2005 Jun 3``, or its MedlineDate)."""
    if date is None:
        return None
    medline = _first(date, "MedlineDate")
    if medline:
        return medline
    parts = [_first(date, "Year"), _first(date, "Season") or _month(_first(date, "Month")), _first(date, "Day")]
    return " ".join(p for p in parts if p) or None


def _month(value: str | None) -> str | None:
    if value and value.isdigit() and 1 <= int(value) <= 12:
        return MONTH_NAMES[int(value)]
    return value


def _person(author: Element) -> Person:
    collective = _first(author, "CollectiveName")
    person = (
        Person(literal=collective)
        if collective
        else person_from_parts(_first(author, "LastName"), _first(author, "ForeName") or _first(author, "Initials"))
    )
    if not collective and person.family is None and person.given is None:
        person = Person(literal=_text(author))
    for aff in _all(author, "AffiliationInfo/Affiliation"):
        person.affiliations.append(aff)
        if person.email is None:
            person.email = email_in(aff)
    for ident in author.iterfind("Identifier"):
        if (ident.get("Source") or "").upper() == "ORCID" and _text(ident):
            person.orcid = _text(ident)
    return person


def _authors(parent: Element, kind: str = "authors") -> list[Person]:
    people: list[Person] = []
    for alist in parent.iterfind("AuthorList"):
        if (alist.get("Type") or "authors") == kind:
            people.extend(_person(a) for a in alist.iterfind("Author"))
    return people


def _abstract(parent: Element) -> tuple[str | None, list[AbstractSection], str | None]:
    """Abstract text, its labelled sections and its copyright line."""
    abstract = parent.find("Abstract")
    if abstract is None:
        return None, [], None
    sections: list[AbstractSection] = []
    texts: list[str] = []
    for part in abstract.iterfind("AbstractText"):
        text = _text(part) or ""
        label = squash(part.get("Label")) or None
        if label:
            sections.append(AbstractSection(label=label, text=text))
        texts.append(f"{label}: {text}" if label else text)
    body = " ".join(t for t in texts if t) or None
    return body, (sections if sections else []), _first(abstract, "CopyrightInformation")


def _mesh(citation: Element, extra: dict[str, Any]) -> list[str]:
    terms: list[str] = []
    major: list[str] = []
    for heading in citation.iterfind("MeshHeadingList/MeshHeading"):
        descriptor = _first(heading, "DescriptorName") or ""
        quals = [_text(q) or "" for q in heading.iterfind("QualifierName")]
        term = "/".join([descriptor, *quals]) if quals else descriptor
        terms.append(term)
        flags = [heading.find("DescriptorName"), *heading.iterfind("QualifierName")]
        if any(f is not None and f.get("MajorTopicYN") == "Y" for f in flags):
            major.append(term)
    if major:
        extra["mesh_major"] = major
    return unique(terms)


def _notices(citation: Element, extra: dict[str, Any]) -> None:
    for cc in citation.iterfind("CommentsCorrectionsList/CommentsCorrections"):
        key = NOTICE_KEYS.get(cc.get("RefType") or "")
        if key is None:
            continue
        source = _first(cc, "RefSource") or ""
        pmid = _first(cc, "PMID")
        extra.setdefault(key, []).append(f"{source} PMID: {pmid}".strip() if pmid else source)


def _registries(article: Element, extra: dict[str, Any]) -> list[RegistryId]:
    out: list[RegistryId] = []
    for bank in article.iterfind(".//DataBankList/DataBank"):
        name = _first(bank, "DataBankName")
        for acc in bank.iterfind("AccessionNumberList/AccessionNumber"):
            value = _text(acc) or ""
            reg = registry_id(name, value)
            if reg is not None:
                out.append(reg)
            elif value:
                extra.setdefault("databanks", []).append(f"{name}/{value}" if name else value)
    return out


def _funding(article: Element) -> list[Funding]:
    out: list[Funding] = []
    for grant in article.iterfind("GrantList/Grant"):
        gid = _first(grant, "GrantID")
        out.append(Funding(funder=_first(grant, "Agency"), award_ids=[gid] if gid else []))
    return out


def _ids(*lists: Element | None) -> dict[str, list[str]]:
    """Own article ids by kind (``doi``, ``pmc``, ``pii``, ``bookaccession``...), first
    list first; ids of cited references are not read."""
    out: dict[str, list[str]] = {}
    for el in lists:
        if el is None:
            continue
        for aid in el.iterfind("ArticleIdList/ArticleId"):
            value = _text(aid)
            if value:
                out.setdefault(aid.get("IdType") or "pubmed", []).append(value)
        for loc in el.iterfind("ELocationID"):
            value = _text(loc)
            if value:
                out.setdefault(loc.get("EIdType") or "other", []).append(value)
    return {k: unique(v) for k, v in out.items()}


def _history(data: Element | None, extra: dict[str, Any]) -> None:
    if data is None:
        return
    history: dict[str, str] = {}
    for date in data.iterfind("History/PubMedPubDate"):
        status = date.get("PubStatus") or ""
        text = _date_text(date)
        if status and text and status not in history:
            history[status] = text
    if history:
        extra["history"] = history
    pub_status = _first(data, "PublicationStatus")
    if pub_status:
        extra["publication_status"] = pub_status


def _common_extra(parent: Element, extra: dict[str, Any]) -> None:
    """Keywords owner, substances, other abstracts and notes kept as written."""
    substances = _all(parent, "ChemicalList/Chemical/NameOfSubstance")
    if substances:
        extra["substances"] = substances
    others = _all(parent, "OtherAbstract")
    if others:
        extra["other_abstracts"] = others
    notes = _all(parent, "GeneralNote")
    if notes:
        extra["general_notes"] = notes
    coi = _first(parent, "CoiStatement")
    if coi:
        extra["conflict_of_interest"] = coi


def _id_extra(ids: dict[str, list[str]]) -> dict[str, Any]:
    """Ids without a record field (``pii``, ``bookaccession``, ``mid``...) for ``extra``."""
    return {kind: values for kind, values in ids.items() if kind not in ("doi", "pubmed", "pmc")}


def _abstract_into(parent: Element, extra: dict[str, Any]) -> tuple[str | None, list[AbstractSection]]:
    abstract, sections, copyright_ = _abstract(parent)
    if copyright_:
        extra["copyright"] = copyright_
    return abstract, sections


def _book_extra(doc: Element, book: Element, extra: dict[str, Any]) -> None:
    """Editors, chapter label, medium, edition and ISBNs of a book article."""
    editors = [p.display_name() for p in _authors(book, "editors")]
    if editors:
        extra["editors"] = editors
    for key, path in (("location", "LocationLabel"), ("medium", "Medium"), ("edition", "Edition")):
        value = _first(doc, path) or _first(book, path)
        if value:
            extra[key] = value
    isbn = _all(book, "Isbn")
    if isbn:
        extra["isbn"] = isbn


def _article_record(el: Element) -> Record:
    citation = el.find("MedlineCitation")
    if citation is None:
        citation = el
    article = citation.find("Article")
    if article is None:
        article = citation
    data = el.find("PubmedData")
    ids = _ids(data, article)
    extra = _id_extra(ids)
    abstract, sections = _abstract_into(article, extra)
    pub_date = _date_text(article.find("Journal/JournalIssue/PubDate"))
    if pub_date:
        extra["date_as_written"] = pub_date
    epub = _date_text(article.find("ArticleDate"))
    if epub:
        extra["epub_date"] = epub
    _notices(citation, extra)
    _common_extra(citation, extra)
    _history(data, extra)
    types = add_notice_types(_all(article, "PublicationTypeList/PublicationType"), extra)
    year, month, day = date_parts(pub_date)
    pmid = _first(citation, "PMID")
    title = _first(article, "ArticleTitle")
    return Record(
        type=record_type(types),
        title=title or _first(article, "VernacularTitle"),
        alt_titles=[AltTitle(text=t) for t in _all(article, "VernacularTitle")] if title else [],
        authors=_authors(article),
        authors_complete=_complete(article),
        year=year,
        month=month,
        day=day,
        **_journal_fields(article, citation.find("MedlineJournalInfo")),
        doi=_one(ids, "doi"),
        pmid=pmid or _one(ids, "pubmed"),
        pmcid=_one(ids, "pmc"),
        registry_ids=_registries(citation, extra),
        abstract=abstract,
        abstract_sections=sections,
        keywords=_all(citation, "KeywordList/Keyword"),
        mesh_terms=_mesh(citation, extra),
        publication_types=types,
        language=_first(article, "Language"),
        funding=_funding(article),
        extra=extra,
    )


def _journal_fields(article: Element, info: Element | None) -> dict[str, Any]:
    """Journal, abbreviation (MedlineTA, as MEDLINE's TA), ISSNs, volume, issue, pages and
    the journal's country."""
    medline_pgn = _first(article, "Pagination/MedlinePgn")
    abbrev = _first(info, "MedlineTA") if info is not None else None
    linking = _all(info, "ISSNLinking") if info is not None else []
    return {
        "journal": _first(article, "Journal/Title"),
        "journal_abbrev": abbrev or _first(article, "Journal/ISOAbbreviation"),
        "issn": unique([*_all(article, "Journal/ISSN"), *linking]),
        "volume": _first(article, "Journal/JournalIssue/Volume"),
        "issue": _first(article, "Journal/JournalIssue/Issue"),
        "pages": medline_pgn,
        "page_first": None if medline_pgn else _first(article, "Pagination/StartPage"),
        "page_last": None if medline_pgn else _first(article, "Pagination/EndPage"),
        "country": _first(info, "Country") if info is not None else None,
    }


def _complete(parent: Element) -> bool | None:
    alist = parent.find("AuthorList")
    flag = alist.get("CompleteYN") if alist is not None else None
    return False if flag == "N" else None


def _book_record(el: Element) -> Record:
    doc = el.find("BookDocument")
    if doc is None:
        doc = el
    book = doc.find("Book")
    if book is None:
        book = doc
    data = el.find("PubmedBookData")
    ids = _ids(doc, data)
    extra = _id_extra(ids)
    abstract, sections = _abstract_into(doc, extra)
    _book_extra(doc, book, extra)
    _common_extra(doc, extra)
    _history(data, extra)
    chapter = _first(doc, "ArticleTitle")
    book_title = _first(book, "BookTitle")
    pub_date = _date_text(book.find("PubDate"))
    year, month, day = date_parts(pub_date)
    types = _all(doc, "PublicationType")
    return Record(
        type=record_type(types, "chapter" if chapter else "book"),
        title=chapter or book_title,
        authors=_authors(doc) or _authors(book),
        journal=book_title if chapter else None,
        publisher=_first(book, "Publisher/PublisherName"),
        country=_first(book, "Publisher/PublisherLocation"),
        year=year,
        month=month,
        day=day,
        doi=_one(ids, "doi"),
        pmid=_first(doc, "PMID"),
        abstract=abstract,
        abstract_sections=sections,
        keywords=_all(doc, "KeywordList/Keyword"),
        publication_types=types,
        language=_first(doc, "Language"),
        extra=extra,
    )


def parse_pubmed_xml(root: Element) -> tuple[list[Record], list[ParseIssue]]:
    """Every article and book article of an efetch answer, values as written."""
    records: list[Record] = []
    issues: list[ParseIssue] = []
    for n, el in enumerate(articles(root), 1):
        record = _book_record(el) if el.tag == "PubmedBookArticle" else _article_record(el)
        if record.title is None and record.pmid is None:
            issues.append(ParseIssue("article without a title or PMID skipped", where=f"{el.tag}[{n}]"))
            continue
        if record.title is None:
            issues.append(ParseIssue("article without a title", field="title", where=f"PMID {record.pmid}"))
        records.append(record)
    if not records and not issues:
        issues.append(ParseIssue("no PubmedArticle or PubmedBookArticle in this XML", severity="error"))
    return records, issues
