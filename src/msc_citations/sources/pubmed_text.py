"""Copied PubMed abstract pages (select-all, copy): the text a reader pastes.

The page, as copied (seed 002 and its fuller variants)::

    An official website of the United States government        <- banner (dropped)
    Clinical Trial                                              <- publication-type badge
    Ann Neurol                                                  <- journal (often lost)
    . 2005 Jun;57(6):874-82.                                    <- citation line
    doi: 10.1002/ana.20501.   Epub 2021 Jan 13.
    Autologous mesenchymal stem cell transplantation in stroke patients
    Oh Young Bang 1 , Jin Soo Lee 2 , ...                      <- authors, affiliation numbers
    Affiliations
    1 Department of Neurology, ...
    PMID: 15929052  PMCID: PMC...  DOI: ...
    Oh Young Bang et al. Ann Neurol. 2005 Jun.                  <- summary line
    Abstract
    Background: ...
    Keywords: a; b.
    PubMed Disclaimer
    Comment in / Erratum in / Retraction in                     <- notices
    Similar articles / Cited by / References                    <- furniture (dropped)
    Publication types / MeSH terms / Substances / Grants and funding
    LinkOut - more resources

Lines are dispatched on these labels; a copy may stop anywhere or be only a fragment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..document import DOUBLE_SPACE
from ..model import AbstractSection, Funding, Person, RegistryId
from .pubmed_common import (
    add_notice_types,
    date_parts,
    funding_from_gr,
    registry_id,
    split_mesh,
    squash,
    unique,
)
from .pubmed_labels import (
    AFFILIATION,
    AHEAD,
    AUTHOR,
    BANNER_LINES,
    BANNER_PREFIXES,
    CITATION,
    COPYRIGHT,
    DOI,
    EPUB,
    FORMAT_MENU,
    IDENT,
    KEYWORDS,
    MAX_LABEL_WORDS,
    MENU_FOLLOWERS,
    PAGES_ONLY,
    PUBLICATION_TYPE_BADGES,
    SECTION_HEADINGS,
    SECTION_LABEL,
    SUMMARY,
    VOL_ISSUE_PAGES,
)


@dataclass
class PageFacts:
    """What a copied page states, values as written."""

    title: str | None = None
    authors: list[Person] = field(default_factory=list)
    authors_complete: bool | None = None
    journal_abbrev: str | None = None
    date: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: str | None = None
    pmid: str | None = None
    pmcid: str | None = None
    abstract: str | None = None
    sections: list[AbstractSection] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    mesh_terms: list[str] = field(default_factory=list)
    publication_types: list[str] = field(default_factory=list)
    funding: list[Funding] = field(default_factory=list)
    registry_ids: list[RegistryId] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def date_parts(self) -> tuple[int | None, int | None, int | None]:
        """``(year, month, day)`` of the citation date."""
        return date_parts(self.date)


def is_furniture(line: str) -> bool:
    """True for banner, button and widget lines of the page."""
    low = line.lower()
    return low in BANNER_LINES or low.startswith(BANNER_PREFIXES)


def heading_of(line: str) -> str | None:
    """What a heading line opens (``abstract``, ``notice:retraction_in``...), else ``None``."""
    return SECTION_HEADINGS.get(line.lower().rstrip(":").strip())


_LONGEST_HEADING = max(map(len, SECTION_HEADINGS))


def _clean(lines: list[str], *, jump: bool = False) -> list[tuple[str, str, str | None]]:
    """Lines squashed, blank and furniture lines dropped, and the 'Display options' format
    menu (``Format`` / ``Abstract`` / ``PubMed`` / ``PMID``) removed so that its
    ``Abstract`` is not taken for the abstract's heading; each line with its lower case
    and what it opens when it is a heading (:func:`heading_of`).

    ``jump``: under a heading whose block is dropped (``Similar articles``, ``Cited by``,
    ``References``: most of a saved page) the lines that can be neither a heading nor a
    keywords line are left out: they would go to the dropped block, and the format menu
    clean-up drops a line only for the line after it, never one of these or the heading."""
    kept: list[tuple[str, str, str | None]] = []
    menu = False
    skipping = False
    for line in _squashed_lines(lines):
        # A keywords line has its colon ninth; a heading line not ending in a colon is a
        # heading lowered (no other white space or colon to strip), so no longer than
        # the longest heading (lower() never shortens a text).
        if (
            skipping
            and line[-1:] != ":"
            and line[8:9] != ":"
            and (len(line) > _LONGEST_HEADING or line.lower() not in SECTION_HEADINGS)
        ):
            continue
        if not line:
            continue
        low = line.lower()
        if low not in BANNER_LINES and not low.startswith(BANNER_PREFIXES):
            kind = SECTION_HEADINGS.get(low.rstrip(":").strip())  # heading_of, the lower case known
            kept.append((line, low, kind))
            menu = menu or low in FORMAT_MENU
            if jump and kind is not None:
                skipping = kind == "skip"
    if not menu:
        return kept
    last = len(kept) - 1
    return [
        entry
        for i, entry in enumerate(kept)
        if entry[1] not in FORMAT_MENU
        or not (i < last and (kept[i + 1][1] in FORMAT_MENU or kept[i + 1][1] in MENU_FOLLOWERS))
    ]


# Every white-space character but the space (str.split() splits at each of them).
_OTHER_WHITE_SPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


def _squashed_lines(lines: list[str]) -> list[str]:
    """Each line squashed.

    The lines of a rendered page are squashed already: when the lines joined by spaces
    hold no double space and neither end is a space, no line has a space to drop, and
    only a line holding other white space (a no-break space) changes: the others are
    kept as they are (splitting and joining every line was most of the reading)."""
    text = " ".join(lines)
    if DOUBLE_SPACE.search(text) is None and text[:1] != " " and text[-1:] != " ":
        # One scan of the text per character (most are not there), then of the lines
        # only for those that are.
        present = [char for char in _OTHER_WHITE_SPACE if char in text]
        if not present:
            return lines
        if len(present) == 1:
            char = present[0]
            return [" ".join(raw.split()) if char in raw else raw for raw in lines]
        return [" ".join(raw.split()) if any(char in raw for char in present) else raw for raw in lines]
    return [" ".join(raw.split()) for raw in lines]


def split_blocks(lines: list[str], *, jump: bool = True) -> tuple[list[str], list[str], dict[str, list[list[str]]]]:
    """The header lines (above the first heading), the numbered affiliation lines under
    ``Affiliations``, and the lines under each other heading; furniture and the blocks of
    ``skip`` headings dropped. ``jump=False`` reads every line (the reference that leaving
    out lines under those headings is tested against)."""
    header: list[str] = []
    affiliations: list[str] = []
    blocks: dict[str, list[list[str]]] = {}
    current: list[str] | None = None
    in_affiliations = False
    for line, _low, kind in _clean(lines, jump=jump):
        if kind == "affiliations":
            in_affiliations = True
            continue
        if in_affiliations:
            if AFFILIATION.match(line):
                affiliations.append(line)
                continue
            in_affiliations = False
        if kind is not None:
            current = []
            if kind != "skip":  # read_blocks reads nothing there
                blocks.setdefault(kind, []).append(current)
        elif line[8:9] == ":" and KEYWORDS.match(line):  # the colon after "keywords" first
            blocks.setdefault("keywords", []).append([line])
        else:
            (header if current is None else current).append(line)
    return header, affiliations, blocks


def read_citation(line: str, previous: str | None, facts: PageFacts) -> bool:
    """Read a citation line (``Ann Neurol. 2005 Jun;57(6):874-82.``); True when it was one."""
    m = CITATION.match(line)
    if not m:
        return False
    journal = squash(m.group("journal")).strip(".").strip()
    sep, tail = m.group("sep"), m.group("tail")
    starts_bare = line.startswith(".") or previous == "."
    if sep == "." and not (starts_bare or AHEAD in tail.lower() or DOI.search(tail)):
        return False
    if not journal and not starts_bare:
        return False
    if journal and (len(journal.split()) > 12 or " et al" in journal):
        return False
    facts.date = m.group("date")
    if sep == ";":
        vip = VOL_ISSUE_PAGES.match(tail + ("" if tail.rstrip().endswith(".") else "."))
        if vip:
            facts.volume = squash(vip.group("volume")) or None
            facts.issue = vip.group("issue")
            facts.pages = vip.group("pages")
    elif sep == ":":
        pages = PAGES_ONLY.match(tail + ("" if tail.rstrip().endswith(".") else "."))
        facts.pages = pages.group("pages") if pages else None
    if journal:
        facts.journal_abbrev = journal
    elif previous and previous != "." and previous.lower() not in PUBLICATION_TYPE_BADGES and len(previous) <= 80:
        facts.journal_abbrev = previous.rstrip(".")
    _notes(tail, facts)
    return True


def _notes(text: str, facts: PageFacts) -> None:
    """DOI, epub date and 'Online ahead of print' written after a citation."""
    doi = DOI.search(text)
    if doi and facts.doi is None:
        facts.doi = doi.group("doi")
    epub = EPUB.search(text)
    if epub:
        facts.extra["epub_date"] = epub.group("date")
    if AHEAD in text.lower():
        facts.extra["publication_status"] = "aheadofprint"


def _identifiers(line: str, facts: PageFacts) -> bool:
    found = False
    for m in IDENT.finditer(line):
        label, value = m.group("label").upper(), m.group("value").rstrip(".,;")
        found = True
        if label == "PMID" and value.isdigit():
            facts.pmid = facts.pmid or value
        elif label == "PMCID" and value.upper().startswith("PMC"):
            facts.pmcid = facts.pmcid or value
        elif label == "DOI":
            facts.doi = facts.doi or value
    return found


def _authors(text: str, affiliations: dict[str, str]) -> list[Person]:
    """``Oh Young Bang 1 2 , Jin Soo Lee 3`` -> people with their numbered affiliations."""
    people: list[Person] = []
    for part in text.split(","):
        part = " ".join(part.split())  # squash, inlined
        m = AUTHOR.match(part)
        if not part or not m:
            if part.replace(" ", "").isdigit() and people:
                people[-1].affiliations.extend(affiliations.get(n, "") for n in part.split() if n in affiliations)
            continue
        refs = m.group("refs").split()
        people.append(
            Person(literal=m.group("name"), affiliations=[affiliations[n] for n in refs if n in affiliations])
        )
    return people


def _find_citation(header: list[str], facts: PageFacts) -> int:
    """Index of the citation line in ``header`` (read into ``facts``), or -1."""
    for i, line in enumerate(header):
        if read_citation(line, header[i - 1] if i else None, facts):
            return i
    return -1


def read_header(
    header: list[str], affiliation_lines: list[str], facts: PageFacts, *, authors_known: bool = False
) -> None:
    """Citation, identifiers, title, authors and summary line from the lines above the abstract.

    ``authors_known``: the caller has the author list from elsewhere and replaces
    ``authors`` and ``authors_complete``, so they are not built from the lines."""
    numbered = {m.group("num"): m.group("text") for m in map(AFFILIATION.match, affiliation_lines) if m}
    cited = _find_citation(header, facts)
    author_lines: list[str] = []
    for i, line in enumerate(header):
        low = line.lower()
        if i == cited or (cited > 0 and i == cited - 1 and line.rstrip(".") == facts.journal_abbrev):
            continue
        if low in PUBLICATION_TYPE_BADGES:
            facts.publication_types.append(line)
        elif DOI.match(line) or ("Epub " in line and EPUB.search(line)) or low.startswith(AHEAD):
            _notes(line, facts)
        elif ":" in line and _identifiers(line, facts):  # every identifier label ends in ":"
            continue
        elif may_be_summary(line) and SUMMARY.match(line):
            _summary(line, facts, have_authors=authors_known or bool(author_lines))
        elif facts.title is None and (i > cited >= 0 or (cited < 0 and _looks_like_title(line))):
            facts.title = line
        elif facts.title is not None and line != facts.title and _looks_like_authors(line, bool(author_lines)):
            author_lines.append(line)
    if author_lines:
        if not authors_known:
            facts.authors = _authors(", ".join(author_lines), numbered)
            facts.authors_complete = None
    elif numbered:
        facts.extra["affiliations"] = list(numbered.values())


def may_be_summary(line: str) -> bool:
    """Cheap necessary conditions of :data:`SUMMARY`: its first part holds no "." and is
    followed by ". "; the journal, a "." and the date follow, and at most one final "."
    (2 or 3 in all)."""
    dot = line.find(".")
    return dot >= 2 and line[dot + 1 : dot + 2] == " " and 2 <= line.count(".") <= 3


def _summary(line: str, facts: PageFacts, *, have_authors: bool) -> None:
    """``Oh Young Bang et al. Ann Neurol. 2005 Jun.`` (or one or two authors without
    ``et al.``): authors, journal, date, and whether the author list is cut short."""
    m = SUMMARY.match(line)
    if m is None:
        return
    facts.journal_abbrev = facts.journal_abbrev or m.group("journal")
    facts.date = facts.date or m.group("date")
    if not have_authors and not facts.authors:
        facts.authors = [Person(literal=name) for name in m.group("first").split(" and ", 1)]
        facts.authors_complete = False if m.group("etal") else None


def _looks_like_title(line: str) -> bool:
    return len(line.split()) >= 3 and not line.endswith(":")


def _looks_like_authors(line: str, continuing: bool = False) -> bool:
    """A list of names: short comma-separated parts, no sentence punctuation. A line
    without a comma or reference number only continues a list already started."""
    parts = [p.strip() for p in line.split(",") if p.strip()]
    if not parts or line.endswith((".", ":")) or not (continuing or "," in line or line[-1].isdigit()):
        return False
    return all(len(p.split()) <= 7 for p in parts)


def _is_label(label: str) -> bool:
    return len(label.split()) <= MAX_LABEL_WORDS and not label[-1].isdigit()


def read_abstract(lines: list[str], facts: PageFacts) -> None:
    """The abstract; labelled sections when its first line is labelled (``Background: ...``
    or ``Background:`` alone); a copyright line goes to ``extra``."""
    body: list[str] = []
    for line in lines:
        if COPYRIGHT.match(line):
            facts.extra["copyright"] = line
        else:
            body.append(line)
    first = SECTION_LABEL.match(body[0]) if body else None
    if first and _is_label(first.group("label")):
        current: AbstractSection | None = None
        for line in body:
            m = SECTION_LABEL.match(line)
            if m and _is_label(m.group("label")):
                current = AbstractSection(label=m.group("label"), text=m.group("text"))
                facts.sections.append(current)
            elif current is not None:
                current.text = squash(f"{current.text} {line}")
        facts.abstract = " ".join(f"{s.label}: {s.text}" for s in facts.sections) or None
    else:
        facts.abstract = "\n".join(body) or None


def _entries(lines: list[str]) -> list[str]:
    """Notice entries: lines joined up to the one that ends with the entry's PMID."""
    out: list[str] = []
    buf: list[str] = []
    for line in lines:
        buf.append(line)
        if "PMID:" in line or line.lower().startswith("no abstract available"):
            out.append(" ".join(buf))
            buf = []
    if buf:
        out.append(" ".join(buf))
    return out


def read_blocks(blocks: dict[str, list[list[str]]], facts: PageFacts) -> None:
    """Every headed block below the header."""
    for kind, groups in blocks.items():
        lines = [line for group in groups for line in group]
        if kind == "abstract":
            read_abstract(groups[0], facts)
        elif kind == "keywords":
            value = " ".join(KEYWORDS.match(ln).group("value") for ln in lines if KEYWORDS.match(ln))  # type: ignore[union-attr]
            facts.keywords = unique(k.strip().rstrip(".") for k in value.split(";"))
        elif kind.startswith("notice:") and lines:
            facts.extra[kind.removeprefix("notice:")] = _entries(lines)
        elif kind == "publication_types":
            facts.publication_types.extend(lines)
        elif kind == "mesh_terms":
            mesh, major = split_mesh(re.sub(r"\s*/\s*", "/", ln) for ln in lines)
            facts.mesh_terms = mesh
            if major:
                facts.extra["mesh_major"] = major
        elif kind == "substances" and lines:
            facts.extra["substances"] = unique(lines)
        elif kind == "funding":
            facts.funding = [funding_from_gr(ln) for ln in lines]
        elif kind == "associated_data":
            for line in lines:
                bank, _, acc = line.partition("/")
                reg = registry_id(bank, acc) if acc else registry_id(None, bank)
                if reg is not None:
                    facts.registry_ids.append(reg)
        elif kind == "conflict_of_interest" and lines:
            facts.extra["conflict_of_interest"] = " ".join(lines)
    facts.publication_types = add_notice_types(unique(facts.publication_types), facts.extra)


def read_page_text(lines: list[str], *, authors_known: bool = False) -> PageFacts:
    """Everything a copied PubMed page states, values as written (``authors_known``: see
    :func:`read_header`)."""
    facts = PageFacts()
    header, affiliations, blocks = split_blocks(lines)
    read_header(header, affiliations, facts, authors_known=authors_known)
    read_blocks(blocks, facts)
    return facts
