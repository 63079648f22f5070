"""WPRIM (WHO Western Pacific Region Index Medicus) article pages, copied or saved.

The layout (seed 004)::

    Title.
    [10.xxxx/doi]
    - Author:
    Hyun Young KIM
    1
    ;
    Jin Young PAEK
    Author Information
    1. Department of ..., Seoul, Korea. kimsh1@hanyang.ac.kr
    - Publication Type:Original Article
    - Keywords:
    a;
    b
    - MeSH:
    ...
    - From:Journal of the Korean Neurological Association
    2009;27(2):163-169
    - CountryRepublic of Korea
    - Language:Korean
    -
    Abstract:
    BACKGROUND: ...

Labels may carry their value on the same line (``- Keywords: a; b``) or glued to it
(``- CountryRepublic of Korea``).
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from ..document import Document, DocumentKind
from ..model import Record
from ..results import ParseIssue, ParseResult
from .base import BaseSource
from .korean_common import (
    VOLUME_ONLY,
    AuthorBlock,
    attach_affiliations,
    caps_name_parts,
    first_doi,
    has_hangul,
    korean_alt_title,
    mesh_terms,
    numbered_affiliation,
    split_refs,
    split_semicolons,
    url_of,
    wprim_person,
)

LABELS: dict[str, str] = {
    "author": "authors",
    "publication type": "publication_types",
    "keywords": "keywords",
    "mesh": "mesh_terms",
    "from": "from",
    "country": "country",
    "language": "language",
    "abstract": "abstract",
    "vernacular title": "vernacular_title",
}
"""WPRIM labels (lower-cased, without ``- `` and ``:``) -> internal field names."""

AUTHOR_INFORMATION = "Author Information"
LABEL_STARTS = "-Aa"
"""How a label line starts (``- Author:``, ``Abstract:``; no other letter lower-cases to
``a``): other lines are not looked at further."""
LABEL_LINE = re.compile(
    r"^-?\s*(?P<label>Author|Publication Type|Keywords|MeSH|From|Country|Language|Abstract|Vernacular Title)"
    r"\s*:?\s*(?P<value>.*)$",
    re.I,
)
DETECT_MARKERS: tuple[str, ...] = ("- Author:", "Author Information", "- Publication Type:", "- MeSH:", "- From:")
DETECT_GLUED: tuple[str, ...] = ("- Country", "- Language:")
WPRIM_HOST = "wprim.whocc.org.cn"
FURNITURE: frozenset[str] = frozenset({"Home | Help | Contact", "Home", "Help", "Contact", "-", ";"})
_NUMBER_LINE = re.compile(r"^\d{1,2}(?:\s*,\s*\d{1,2}){0,9}$")
RESULT_ITEM = re.compile(r"^(?P<number>\d{1,4})\.\s?(?P<title>\S.{2,})$")
"""A search-result entry: ``1.Title`` followed by an author line and a citation line."""


class WprimSource(BaseSource):
    """WPRIM article detail pages (Korean, Chinese and other Western Pacific journals)."""

    name: ClassVar[str] = "wprim"
    label: ClassVar[str] = "WPRIM (WHO Western Pacific Region Index Medicus) article page"
    priority: ClassVar[int] = 60
    input_kinds: ClassVar[tuple[DocumentKind, ...]] = ("text", "html")
    max_score: ClassVar[float] = 0.95

    def detect(self, doc: Document) -> float:
        """Keyed on WPRIM's dash-labelled fields and its ``Author Information`` block, or on
        its search-result entries (number, title, capitalised authors, citation)."""
        head_lines = doc.lines[:400]
        head = "\n".join(head_lines)
        hits = sum(1 for marker in DETECT_MARKERS if marker in head)
        line_starts = f"\n{head}"
        hits += sum(1 for marker in DETECT_GLUED if f"\n{marker}" in line_starts)
        score = 0.0 if hits < 2 else min(0.95, 0.3 + 0.1 * hits)
        if score == 0.0 and (items := len(_result_items(head_lines))):
            score = 0.6 if items == 1 else 0.7
        if WPRIM_HOST in url_of(doc):
            score = max(score, 0.9)
        return score

    def parse(self, doc: Document) -> ParseResult:
        """One record from the page's labelled fields."""
        issues: list[ParseIssue] = []
        lines = doc.lines
        start = next(
            (
                i
                for i, line in enumerate(lines)
                if line[:1] in LABEL_STARTS and (label := _label(line)) is not None and label[0] == "authors"
            ),
            -1,
        )
        if start < 0:
            records = self._results(doc, issues)
            if records:
                return ParseResult(records=records, issues=issues)
            return ParseResult(issues=[ParseIssue("no '- Author:' label: not a WPRIM article page", severity="error")])
        fields = _collect_fields(lines[start:])
        header = [ln for ln in lines[:start] if ln and ln not in FURNITURE]
        record = self._build(doc, header, fields, issues)
        return ParseResult(records=[record], issues=issues)

    def _build(
        self, doc: Document, header: list[str], fields: dict[str, list[str]], issues: list[ParseIssue]
    ) -> Record:
        extra: dict[str, Any] = {}
        doi = first_doi(ln for ln in header if ln.startswith("10."))
        titles = [ln for ln in header if not ln.startswith("10.")]
        title = titles[-1] if titles else None
        alt = [korean_alt_title(t) for t in titles[:-1] if has_hangul(t)]
        if title and has_hangul(title) and len(titles) > 1:
            alt, title = [korean_alt_title(title)], titles[-2]
        for vernacular in fields.get("vernacular_title", []):
            if vernacular:
                alt.append(korean_alt_title(vernacular))
        block = _author_block(fields.get("authors", []), fields.get("affiliations", []))
        people = attach_affiliations(block, extra)
        mesh, major = mesh_terms(split_semicolons(" ".join(fields.get("mesh_terms", []))))
        if major:
            extra["mesh_major"] = major
        journal, cite = _from(fields.get("from", []), issues)
        abstract = "\n".join(ln for ln in fields.get("abstract", []) if ln).strip() or None
        if title is None:
            issues.append(ParseIssue("no title line before '- Author:'", field="title", severity="warning"))
        return self.new_record(
            doc,
            title=title,
            alt_titles=alt,
            authors=people,
            journal=journal,
            year=int(cite["year"]) if cite.get("year") else None,
            volume=cite.get("volume"),
            issue=cite.get("issue"),
            pages=cite.get("pages"),
            doi=doi,
            abstract=abstract,
            keywords=split_semicolons(" ".join(fields.get("keywords", []))),
            mesh_terms=mesh,
            publication_types=split_semicolons(" ".join(fields.get("publication_types", []))),
            language=" ".join(fields.get("language", [])).strip() or None,
            country=" ".join(fields.get("country", [])).strip() or None,
            url=doc.canonical_url,
            extra=extra,
        )

    def _results(self, doc: Document, issues: list[ParseIssue]) -> list[Record]:
        """One record per entry of a copied WPRIM search-result list."""
        lines = [ln for ln in doc.lines if ln]
        starts = _result_items(lines)
        records = []
        for n, at in enumerate(starts):
            end = starts[n + 1] if n + 1 < len(starts) else len(lines)
            item = RESULT_ITEM.match(lines[at])
            title = item.group("title") if item else lines[at]
            people = [wprim_person(name) for name in split_semicolons(lines[at + 1])]
            journal, cite = _from([lines[at + 2]], issues)
            abstract = _join_label_lines(lines[at + 3 : end])
            records.append(
                self.new_record(
                    doc,
                    title=title,
                    authors=people,
                    journal=journal,
                    year=int(cite["year"]) if cite.get("year") else None,
                    volume=cite.get("volume"),
                    issue=cite.get("issue"),
                    pages=cite.get("pages"),
                    abstract=abstract,
                    url=doc.canonical_url,
                    extra={"result_number": int(item.group("number"))} if item else {},
                )
            )
        return records


def _result_items(lines: list[str]) -> list[int]:
    """Indexes of search-result entries: a numbered title, then a line of names with the
    family name in capitals, then ``Journal 2025;33(1):86-94``."""
    found = []
    for i, line in enumerate(lines[:-2]):
        if not line[:1].isdigit() or not RESULT_ITEM.match(line):
            continue
        names = split_semicolons(lines[i + 1])
        if not names or not VOLUME_ONLY.search(lines[i + 2]):
            continue
        if sum(1 for name in names if caps_name_parts(name) is not None) * 2 >= len(names):
            found.append(i)
    return found


def _join_label_lines(lines: list[str]) -> str | None:
    """A result's abstract; WPRIM prints structured labels apart from their text
    (``Methods:`` then ``: This study ...``), which are joined back as ``Methods: This study``."""
    parts: list[str] = []
    for line in lines:
        if line.startswith(":") and parts:
            parts[-1] = parts[-1].rstrip(": ") + ": " + line.lstrip(": ").strip()
        else:
            parts.append(line)
    return "\n".join(parts).strip() or None


def _label(line: str) -> tuple[str, str] | None:
    """The field a label line opens and the text after the label, else ``None``."""
    # A slice, not the whole line, is lower-cased: abstract lines are long.
    if not line.startswith("-") and (line[:1] not in "Aa" or line[:9].lower() != "abstract:"):
        return None
    m = LABEL_LINE.match(line)
    if not m:
        return None
    key = LABELS.get(m.group("label").lower())
    return None if key is None else (key, m.group("value"))


def _collect_fields(lines: list[str]) -> dict[str, list[str]]:
    """Lines grouped under the label they follow; ``Author Information`` opens the
    affiliations group."""
    fields: dict[str, list[str]] = {}
    current = "authors"
    for line in lines:
        if line == AUTHOR_INFORMATION:
            current = "affiliations"
            fields.setdefault(current, [])
            continue
        label = _label(line) if line[:1] in LABEL_STARTS else None
        if label is not None:
            current = label[0]
            value = label[1].strip()
            fields.setdefault(current, [])
            if value:
                fields[current].append(value)
            continue
        if line == "-" and current != "abstract":
            continue
        fields.setdefault(current, []).append(line)
    return fields


def _author_block(author_lines: list[str], affiliation_lines: list[str]) -> AuthorBlock:
    block = AuthorBlock()
    tokens: list[str] = []
    for line in author_lines:
        tokens.extend(t.strip() for t in line.split(";") if t.strip())
    for token in tokens:
        if _NUMBER_LINE.match(token) and block.people:
            block.refs[-1].extend(r.strip() for r in token.split(","))
            continue
        name, refs = split_refs(token)
        block.people.append(wprim_person(name))
        block.refs.append(refs)
    current: str | None = None
    for line in affiliation_lines:
        if not line:
            continue
        num, text = numbered_affiliation(line)
        if num is not None:
            current = num
            block.affiliations[num] = text
        elif current is not None:
            block.affiliations[current] += " " + text
        else:
            block.unnumbered.append(text)
    return block


def _from(lines: list[str], issues: list[ParseIssue]) -> tuple[str | None, dict[str, str]]:
    """``Journal of Stroke 2016;18(3):256-266`` (on one or two lines) -> journal and parts."""
    text = " ".join(ln for ln in lines if ln).strip()
    if not text:
        return None, {}
    m = VOLUME_ONLY.search(text)
    if not m:
        issues.append(ParseIssue("no year;volume(issue):pages after 'From:'", field="volume", where=text[:80]))
        return text, {}
    journal = text[: m.start()].strip().rstrip(".,") or None
    parts = {k: v.strip() for k, v in m.groupdict().items() if v}
    return journal, parts
