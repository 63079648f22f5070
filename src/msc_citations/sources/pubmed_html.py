"""Saved PubMed abstract pages (pubmed.ncbi.nlm.nih.gov, 'Save page as').

The page's rendered text is read like a copied page (:mod:`.pubmed_text`), then the
page's own structure overrides what it states more precisely: the heading title, the
author list with its affiliation links, the identifier list, the abstract's labelled
paragraphs, the keyword-style lists (publication types, MeSH, substances, grants) and the
``citation_*`` meta tags.
"""

from __future__ import annotations

from lxml import etree

from ..document import Document
from ..model import AbstractSection, Person
from .pubmed_common import funding_from_gr, split_mesh, squash, unique
from .pubmed_text import PageFacts, read_citation, read_page_text

Element = etree._Element

TITLE_XPATH = "//main//h1[contains(@class,'heading-title')] | //h1[contains(@class,'heading-title')]"
AUTHOR_ITEMS = "(//div[contains(@class,'authors-list')])[1]/span[contains(@class,'authors-list-item')]"
AUTHOR_NAME = ".//a[contains(@class,'full-name')]"
AUTHOR_REFS = ".//a[contains(@class,'affiliation-link')]"
AFFILIATION_ITEMS = "(//div[contains(@class,'affiliations')])[1]//li"
IDENTIFIER = (
    "(//ul[contains(@class,'identifiers')])[1]//span[contains(@class,'identifier') and contains(@class,'{kind}')]"
)
ABSTRACT_PARAGRAPHS = (
    "//div[@id='eng-abstract']/p | //div[contains(@class,'abstract-content') and contains(@class,'selected')]/p"
)
SUBTITLE = ".//strong[contains(@class,'sub-title')]"
KEYWORD_SECTION = "//div[@id='{id}']//ul[contains(@class,'keywords-list')]/li"
KEYWORD_BUTTON = ".//button[contains(@class,'keyword-actions-trigger')]"
GRANT_ITEMS = "//div[@id='grants']//li"
JOURNAL_BUTTON = "//button[@id='full-view-journal-trigger']"
CITATION_SPAN = "(//div[contains(@class,'article-source')])[1]//span[contains(@class,'cit')]"
CITATION_META = {
    "title": "citation_title",
    "journal": "citation_journal_title",
    "doi": "citation_doi",
    "pmid": "citation_pmid",
    "date": "citation_date",
    "volume": "citation_volume",
    "issue": "citation_issue",
}
"""``citation_*`` meta tags used when the page body lacks the value."""


def _text(el: Element | None) -> str:
    return squash("".join(str(t) for t in el.itertext())) if el is not None else ""


def _xpath(root: Element, path: str) -> list[Element]:
    found = root.xpath(path)
    return [el for el in found if isinstance(el, etree._Element)] if isinstance(found, list) else []


def _authors(root: Element) -> list[Person]:
    affiliations: dict[str, str] = {}
    for li in _xpath(root, AFFILIATION_ITEMS):
        key = li.find(".//sup")
        number = _text(key)
        text = squash(_text(li).removeprefix(number))
        if number and text:
            affiliations[number] = text
    people: list[Person] = []
    for item in _xpath(root, AUTHOR_ITEMS):
        names = _xpath(item, AUTHOR_NAME)
        name = _text(names[0]) if names else ""
        if not name:
            continue
        refs = [_text(a) for a in _xpath(item, AUTHOR_REFS)]
        people.append(Person(literal=name, affiliations=[affiliations[r] for r in refs if r in affiliations]))
    return people


def _identifier(root: Element, kind: str) -> str | None:
    for span in _xpath(root, IDENTIFIER.format(kind=kind)):
        value = _text(span.find(".//strong")) or _text(span.find(".//a"))
        if value:
            return value
    return None


def _abstract(root: Element, facts: PageFacts) -> None:
    sections: list[AbstractSection] = []
    texts: list[str] = []
    for p in _xpath(root, ABSTRACT_PARAGRAPHS):
        subs = _xpath(p, SUBTITLE)
        label = _text(subs[0]).rstrip(":").strip() if subs else ""
        text = _text(p)
        if label.lower() == "keywords":
            continue
        if label:
            body = squash(text.removeprefix(_text(subs[0])))
            sections.append(AbstractSection(label=label, text=body))
            texts.append(f"{label}: {body}")
        elif text:
            texts.append(text)
    if texts:
        facts.abstract = "\n".join(texts)
        facts.sections = sections


def _keyword_list(root: Element, section_id: str) -> list[str]:
    out: list[str] = []
    for li in _xpath(root, KEYWORD_SECTION.format(id=section_id)):
        buttons = _xpath(li, KEYWORD_BUTTON)
        out.append(_text(buttons[0]) if buttons else _text(li))
    return unique(out)


def _overlay_lists(root: Element, facts: PageFacts) -> None:
    types = _keyword_list(root, "publication-types")
    if types:
        facts.publication_types = unique([*types, *facts.publication_types])
    mesh = _keyword_list(root, "mesh-terms")
    if mesh:
        facts.mesh_terms, major = split_mesh(m.replace(" / ", "/") for m in mesh)
        if major:
            facts.extra["mesh_major"] = major
    substances = _keyword_list(root, "substances")
    if substances:
        facts.extra["substances"] = substances
    grants = [_text(li) for li in _xpath(root, GRANT_ITEMS)]
    if any(grants):
        facts.funding = [funding_from_gr(g) for g in grants if g]


def _meta(doc: Document, name: str) -> str | None:
    values = doc.meta.get(name)
    return values[0] if values and values[0] else None


def read_page_html(doc: Document) -> PageFacts:
    """Everything a saved PubMed page states: its text read as a copy, refined by the
    page's structure and meta tags."""
    facts = read_page_text(doc.lines)
    root = doc.tree
    if root is None:
        return facts
    titles = _xpath(root, TITLE_XPATH)
    if titles and _text(titles[0]):
        facts.title = _text(titles[0])
    people = _authors(root)
    if people:
        facts.authors, facts.authors_complete = people, None
    facts.pmid = _identifier(root, "pubmed") or facts.pmid
    facts.pmcid = _identifier(root, "pmc") or facts.pmcid
    facts.doi = _identifier(root, "doi") or facts.doi
    _abstract(root, facts)
    _overlay_lists(root, facts)
    cit = _xpath(root, CITATION_SPAN)
    if cit and _text(cit[0]):
        refined = PageFacts()
        if read_citation(". " + _text(cit[0]), None, refined):
            facts.date, facts.volume = refined.date, refined.volume
            facts.issue, facts.pages = refined.issue, refined.pages
    journal = _xpath(root, JOURNAL_BUTTON)
    if journal:
        facts.journal_abbrev = _text(journal[0]) or facts.journal_abbrev
        full = journal[0].get("title")
        if full:
            facts.extra["journal_title"] = squash(full)
    _from_meta(doc, facts)
    return facts


def _from_meta(doc: Document, facts: PageFacts) -> None:
    """Fill what the body did not state from the ``citation_*`` meta tags."""
    facts.title = facts.title or _meta(doc, CITATION_META["title"])
    facts.doi = facts.doi or _meta(doc, CITATION_META["doi"])
    facts.pmid = facts.pmid or _meta(doc, CITATION_META["pmid"])
    facts.volume = facts.volume or _meta(doc, CITATION_META["volume"])
    facts.issue = facts.issue or _meta(doc, CITATION_META["issue"])
    if "journal_title" not in facts.extra and _meta(doc, CITATION_META["journal"]):
        facts.extra["journal_title"] = _meta(doc, CITATION_META["journal"])
    if facts.date is None and _meta(doc, CITATION_META["date"]):
        facts.extra["date"] = _meta(doc, CITATION_META["date"])
