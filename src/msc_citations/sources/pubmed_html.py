"""Saved PubMed abstract pages (pubmed.ncbi.nlm.nih.gov, 'Save page as').

The page's rendered text is read like a copied page (:mod:`.pubmed_text`), then the
page's own structure overrides what it states more precisely: the heading title, the
author list with its affiliation links, the identifier list, the abstract's labelled
paragraphs, the keyword-style lists (publication types, MeSH, substances, grants) and the
``citation_*`` meta tags.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

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
NAME_CLASS = "full-name"
REF_CLASS = "affiliation-link"
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
# The same queries scoped to the one element they start from, found in a single pass over
# the page (each whole-page XPath costs a full scan of a 200 KB page, about 0.3 ms).
TITLE_CLASS = "heading-title"
AUTHORS_LIST_CLASS = "authors-list"
AUTHOR_ITEMS_IN_LIST = "span[contains(@class,'authors-list-item')]"
AFFILIATIONS_CLASS = "affiliations"
IDENTIFIERS_CLASS = "identifiers"
IDENTIFIER_IN_LIST = ".//span[contains(@class,'identifier') and contains(@class,'{kind}')]"
IDENTIFIER_CLASS = "identifier"
ABSTRACT_ID = "eng-abstract"
ABSTRACT_CLASSES = ("abstract-content", "selected")
KEYWORD_ITEMS_IN_SECTION = ".//ul[contains(@class,'keywords-list')]/li"
GRANTS_ID = "grants"
JOURNAL_BUTTON_ID = "full-view-journal-trigger"
ARTICLE_SOURCE_CLASS = "article-source"
CITATION_IN_SOURCE = ".//span[contains(@class,'cit')]"
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


@cache
def _compiled(path: str) -> etree.XPath:
    return etree.XPath(path)


def _xpath(root: Element, path: str) -> list[Element]:
    # Compiled once: a page runs some 25 queries, most on small subtrees, where compiling
    # the expression on every call cost more than evaluating it.
    found = _compiled(path)(root)
    return [el for el in found if isinstance(el, etree._Element)] if isinstance(found, list) else []


@dataclass
class _PageIndex:
    """The elements the page's queries start from, found in one pass in document order.

    Each query then runs on its small subtree; where a whole-page query could interleave
    several starting elements (ids used twice), it runs on the whole page as written.
    """

    root: Element
    titles: list[Element] = field(default_factory=list)
    authors_list: Element | None = None
    affiliations: Element | None = None
    identifiers: Element | None = None
    article_source: Element | None = None
    journal_button: Element | None = None
    abstract_divs: list[Element] = field(default_factory=list)
    divs_by_id: dict[str, list[Element]] = field(default_factory=dict)
    _spans: list[tuple[str, Element]] | None = None

    @classmethod
    def build(cls, root: Element) -> _PageIndex:
        """Index ``root``'s divs, headings, lists and buttons."""
        index = cls(root)
        # One walk per tag (lxml filters tags in C, so each walk is cheap), no call per
        # element, and the lists and buttons only up to the first match: a saved page has
        # some 300 such elements.
        abstract_class, selected_class = ABSTRACT_CLASSES
        for el in root.iter("div"):
            classes = el.get("class") or ""
            ident = el.get("id")
            if AUTHORS_LIST_CLASS in classes and index.authors_list is None:
                index.authors_list = el
            if AFFILIATIONS_CLASS in classes and index.affiliations is None:
                index.affiliations = el
            if ARTICLE_SOURCE_CLASS in classes and index.article_source is None:
                index.article_source = el
            if ident == ABSTRACT_ID or (abstract_class in classes and selected_class in classes):
                index.abstract_divs.append(el)
            if ident:
                index.divs_by_id.setdefault(ident, []).append(el)
        index.titles = [el for el in root.iter("h1") if TITLE_CLASS in (el.get("class") or "")]
        index.identifiers = next((el for el in root.iter("ul") if IDENTIFIERS_CLASS in (el.get("class") or "")), None)
        index.journal_button = next((el for el in root.iter("button") if el.get("id") == JOURNAL_BUTTON_ID), None)
        return index

    def under(self, start: Element | None, query: str) -> list[Element]:
        """``query`` run from ``start`` (nothing when the page lacks it)."""
        return _xpath(start, query) if start is not None else []

    def identifier_spans(self, kind: str) -> list[Element]:
        """:data:`IDENTIFIER_IN_LIST` for ``kind`` under the identifier list (its spans are
        walked once for the three kinds, not queried three times)."""
        if self.identifiers is None:
            return []
        if self._spans is None:
            self._spans = [(span.get("class") or "", span) for span in self.identifiers.iterdescendants("span")]
        return [span for classes, span in self._spans if IDENTIFIER_CLASS in classes and kind in classes]

    def section(self, section_id: str, query: str, whole_page: str) -> list[Element]:
        """``query`` under the div with this id (``whole_page`` when the id is repeated)."""
        divs = self.divs_by_id.get(section_id, [])
        if len(divs) > 1:
            return _xpath(self.root, whole_page)
        return _xpath(divs[0], query) if divs else []

    def abstract_paragraphs(self) -> list[Element]:
        """The paragraphs of the English abstract."""
        if len(self.abstract_divs) > 1:
            return _xpath(self.root, ABSTRACT_PARAGRAPHS)
        return _xpath(self.abstract_divs[0], "p") if self.abstract_divs else []


def _authors(index: _PageIndex) -> list[Person]:
    affiliations: dict[str, str] = {}
    for li in index.under(index.affiliations, ".//li"):
        key = li.find(".//sup")
        number = _text(key)
        text = squash(_text(li).removeprefix(number))
        if number and text:
            affiliations[number] = text
    people: list[Person] = []
    for item in index.under(index.authors_list, AUTHOR_ITEMS_IN_LIST):
        names, links = _author_links(item)
        name = _text(names[0]) if names else ""
        if not name:
            continue
        refs = [_text(a) for a in links]
        people.append(Person(literal=name, affiliations=[affiliations[r] for r in refs if r in affiliations]))
    return people


def _author_links(item: Element) -> tuple[list[Element], list[Element]]:
    """:data:`AUTHOR_NAME` and :data:`AUTHOR_REFS` under ``item``, in one walk of its links
    (two XPath calls per author cost more than the walk)."""
    names: list[Element] = []
    refs: list[Element] = []
    for link in item.iterdescendants("a"):
        classes = link.get("class") or ""
        if NAME_CLASS in classes:
            names.append(link)
        if REF_CLASS in classes:
            refs.append(link)
    return names, refs


def _identifier(index: _PageIndex, kind: str) -> str | None:
    for span in index.identifier_spans(kind):
        value = _text(span.find(".//strong")) or _text(span.find(".//a"))
        if value:
            return value
    return None


def _abstract(index: _PageIndex, facts: PageFacts) -> None:
    sections: list[AbstractSection] = []
    texts: list[str] = []
    for p in index.abstract_paragraphs():
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


def _keyword_list(index: _PageIndex, section_id: str) -> list[str]:
    out: list[str] = []
    for li in index.section(section_id, KEYWORD_ITEMS_IN_SECTION, KEYWORD_SECTION.format(id=section_id)):
        buttons = _xpath(li, KEYWORD_BUTTON)
        out.append(_text(buttons[0]) if buttons else _text(li))
    return unique(out)


def _overlay_lists(index: _PageIndex, facts: PageFacts) -> None:
    types = _keyword_list(index, "publication-types")
    if types:
        facts.publication_types = unique([*types, *facts.publication_types])
    mesh = _keyword_list(index, "mesh-terms")
    if mesh:
        facts.mesh_terms, major = split_mesh(m.replace(" / ", "/") for m in mesh)
        if major:
            facts.extra["mesh_major"] = major
    substances = _keyword_list(index, "substances")
    if substances:
        facts.extra["substances"] = substances
    grants = [_text(li) for li in index.section(GRANTS_ID, ".//li", GRANT_ITEMS)]
    if any(grants):
        facts.funding = [funding_from_gr(g) for g in grants if g]


def _meta(doc: Document, name: str) -> str | None:
    values = doc.meta.get(name)
    return values[0] if values and values[0] else None


def read_page_html(doc: Document) -> PageFacts:
    """Everything a saved PubMed page states: its text read as a copy, refined by the
    page's structure and meta tags."""
    root = doc.tree
    if root is None:
        return read_page_text(doc.lines)
    index = _PageIndex.build(root)
    people = _authors(index)
    # The page's author list replaces the one its text gives: that one is not built.
    facts = read_page_text(doc.lines, authors_known=bool(people))
    titles = index.titles
    if titles and _text(titles[0]):
        facts.title = _text(titles[0])
    if people:
        facts.authors, facts.authors_complete = people, None
    facts.pmid = _identifier(index, "pubmed") or facts.pmid
    facts.pmcid = _identifier(index, "pmc") or facts.pmcid
    facts.doi = _identifier(index, "doi") or facts.doi
    _abstract(index, facts)
    _overlay_lists(index, facts)
    cit = index.under(index.article_source, CITATION_IN_SOURCE)
    if cit and _text(cit[0]):
        refined = PageFacts()
        if read_citation(". " + _text(cit[0]), None, refined):
            facts.date, facts.volume = refined.date, refined.volume
            facts.issue, facts.pages = refined.issue, refined.pages
    journal = [index.journal_button] if index.journal_button is not None else []
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
