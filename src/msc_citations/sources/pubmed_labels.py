"""Labels, furniture and patterns of the PubMed abstract page (data, not code).

A change of the site's wording is an edit here; :mod:`.pubmed_text` dispatches on them.
"""

from __future__ import annotations

import re

from .pubmed_common import NOTICE_HEADINGS

BANNER_LINES: frozenset[str] = frozenset(
    {
        "skip to main page content", "u.s. flag", "an official website of the united states government",
        "dot gov", "https", "the site is secure.", "free article", "free pmc article", "expand", "collapse",
        "full text links", "cite", "favorites", "share", "actions", "display options", "page navigation",
        "log in", "search in pubmed", "search in mesh", "add to search", "item in clipboard", "show details",
        "pubmed", "search", "advanced", "clipboard", "user guide", "no abstract available.",
        "no abstract available", "full text", "title & authors", "proceed to details", "search results",
        "see all similar articles", "add to collections", "add to my bibliography",
        "send to", "email", "copy", "twitter", "facebook", "format:", "save", "create file",
    }
)  # fmt: skip
"""Page furniture lines (lower-cased) that never go into a field."""

BANNER_PREFIXES: tuple[str, ...] = (
    "the .gov means it", "federal government websites often end in", "the https:// ensures",
    "access keys ncbi homepage", "an official website of the united states", "this site needs javascript",
)  # fmt: skip

FORMAT_MENU: frozenset[str] = frozenset({"format", "abstract", "summary", "pubmed", "pmid", "medline", "csv"})
"""Entries of the page's 'Display options' format menu."""
MENU_FOLLOWERS: frozenset[str] = frozenset({"sort by", "per page", "display options"})

SECTION_HEADINGS: dict[str, str] = {
    "abstract": "abstract",
    "publication types": "publication_types",
    "mesh terms": "mesh_terms",
    "substances": "substances",
    "grants and funding": "funding",
    "associated data": "associated_data",
    "conflict of interest statement": "conflict_of_interest",
    "pubmed disclaimer": "skip",
    "similar articles": "skip",
    "cited by": "skip",
    "references": "skip",
    "linkout - more resources": "skip",
    "related information": "skip",
    "figures": "skip",
    "supplementary info": "skip",
    "full text sources": "skip",
    "medical": "skip",
    "other literature sources": "skip",
    "research materials": "skip",
    "miscellaneous": "skip",
    "affiliations": "affiliations",
    **{heading: f"notice:{key}" for heading, key in NOTICE_HEADINGS.items()},
}
"""Headings of the page (lower-cased) -> what their lines hold."""

PUBLICATION_TYPE_BADGES: frozenset[str] = frozenset(
    {
        "clinical trial", "randomized controlled trial", "review", "systematic review", "meta-analysis",
        "case reports", "comparative study", "multicenter study", "observational study", "editorial",
        "letter", "comment", "practice guideline", "guideline", "retracted publication",
        "retraction of publication", "clinical trial, phase i", "clinical trial, phase ii",
        "clinical trial, phase iii", "clinical trial, phase iv", "controlled clinical trial",
        "clinical trial protocol", "published erratum", "expression of concern", "news", "preprint",
        "book chapter", "evaluation study", "validation study", "consensus development conference",
    }
)  # fmt: skip
"""Publication types PubMed shows as a badge above the citation."""

CITATION = re.compile(
    r"^(?P<journal>[^;:]{0,160}?)\.?\s{0,3}(?P<date>(?:1[89]|20)\d\d(?:\s[A-Z][a-z]{2,8}(?:-[A-Z][a-z]{2,8})?)?"
    r"(?:\s\d{1,2}(?:-\d{1,2})?)?)(?P<sep>[;:.])(?P<tail>.{0,300})$"
)
VOL_ISSUE_PAGES = re.compile(
    r"^\s?(?P<volume>[^(:;.\s][^(:;]{0,20}?)?\s?(?:\((?P<issue>[^)]{1,40})\))?(?::\s?(?P<pages>[^\s;]{1,60}?))?\.(?:\s|$)"
)
PAGES_ONLY = re.compile(r"^(?P<pages>[^\s;]{1,60}?)\.(?:\s|$)")
DOI = re.compile(r"\bdoi:\s{0,3}(?P<doi>10\.\d{3,9}/\S{1,300}?)\.?(?:\s|$)", re.I)
EPUB = re.compile(r"\bEpub (?P<date>(?:1[89]|20)\d\d(?: [A-Z][a-z]{2})?(?: \d{1,2})?)\.")
AHEAD = "online ahead of print"
IDENT = re.compile(r"\b(?P<label>PMID|PMCID|DOI):\s{0,3}(?P<value>\S{1,300})", re.I)
SUMMARY = re.compile(
    r"^(?P<first>[^.]{2,120}?)(?P<etal> et al)?\. (?P<journal>[^.]{2,160}?)\."
    r"\s(?P<date>(?:1[89]|20)\d\d(?: [A-Z][a-z]{2})?(?: \d{1,2})?)\.?$"
)
AFFILIATION = re.compile(r"^(?P<num>\d{1,2})\s{0,3}(?P<text>[^\d\s.].{2,})$")
AUTHOR = re.compile(r"^(?P<name>.*?[^\d\s])(?P<refs>(?:\s?\d{1,2}(?!\d)){0,20})\s{0,3}$")
SECTION_LABEL = re.compile(r"^(?P<label>[A-Z][A-Za-z0-9 ,/&()'-]{1,60}?):\s{0,3}(?P<text>.*)$")
KEYWORDS = re.compile(r"^keywords:\s{0,3}(?P<value>.*)$", re.I)
COPYRIGHT = re.compile(r"^(?:copyright|©|\(c\))", re.I)
MAX_LABEL_WORDS = 6
