"""Korean journal sites on the common Korean publishing platforms (article pages at
``/journal/view.php?number=...``, ``/journal/view.php?doi=...``, ``/DOIx.php?id=...``),
saved as HTML (their ``citation_*`` tags) or copied as text (their label layout)::

    Intest Res > Volume 11(2); 2013 > Article
    Intestinal Research 2013;11(2):85-91.
    DOI: https://doi.org/10.5217/ir.2013.11.2.85    Published online April 30, 2013.
    Stem Cells in Colorectal Cancer: New Potential Therapeutic Target
    Tae Il Kim
    Department of Internal Medicine ..., Seoul, Korea
    대장암에서의 암줄기세포: 새로운 치료 표적
    김태일
    Abstract
    ...
    Key Words: Stem cells, Colorectal neoplasms, Therapy

Newer templates print a running head (``Bang, Kim, Cha, and Moon: Title``) under the
breadcrumb and an ``Article information`` block (citation, ``Publication date
(electronic)``, ``doi :``, affiliations, ``Corresponding author:``, ``Received ...``).
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from ..document import Document, DocumentKind
from ..model import AbstractSection, Person, Record
from ..results import ParseIssue, ParseResult
from .base import BaseSource
from .korean_common import (
    AuthorBlock,
    abstract_from_lines,
    attach_affiliations,
    first_doi,
    has_hangul,
    has_pubmed_id,
    korean_alt_title,
    meta_values,
    numbered_affiliation,
    parse_citation_line,
    parse_day,
    pop_email,
    pubmed_ids,
    running_head,
    split_people_by_script,
    split_refs,
    surnames,
    url_of,
)

BREADCRUMB = re.compile(
    r"^(?P<abbrev>.{2,80}?) > Volume (?P<volume>[^();>]{1,12})\((?P<issue>[^)]{0,20})\); (?P<year>\d{4}) > Article$"
)
BREADCRUMB_MARK = " > Volume "
PLATFORM_LINKS: tuple[str, ...] = ("/journal/view.php?number=", "/journal/view.php?doi=", "/DOIx.php?id=")
"""Article links the platform writes into every page it serves."""
PLATFORM_URL = re.compile(r"/(?:journal/view\.(?:php|html)\?(?:number|doi|id)=|DOIx\.php\?id=)", re.I)
DOI_LABEL = re.compile(
    r"^doi\s*:\s*(?P<doi>(?:https?://|10\.)\S{1,300})?\s*(?:Published online:?\s*(?P<online>.+?))?\.?$", re.I
)
PUBLISHED_ONLINE = re.compile(r"^Published online:?\s*(?P<date>.+?)\.?$", re.I)
ELECTRONIC_DATE = re.compile(r"^Publication date \(electronic\)\s*:\s*(?P<date>.+)$", re.I)
CORRESPONDING = re.compile(r"^Corresponding author\s*:\s*(?P<text>.+)$", re.I)
RECEIVED = re.compile(r"^Received\b", re.I)
LABEL_INITIALS = "DdPpCcRr"
"""The letters the labels above start with (each matches only its two cases): other lines
are not tried against them."""
KEYWORDS = re.compile(r"^(?:Key\s*words|Keywords|중심\s*단어|주요어)\s*:\s*(?P<value>.+)$", re.I)
ABSTRACT_HEADINGS: frozenset[str] = frozenset({"abstract", "trans abstract", "요약", "초록", "국문초록"})
STOP_HEADINGS: frozenset[str] = frozenset(
    {
        "introduction", "서 론", "서론", "tools", "references", "article information", "metrics", "notes",
        "figures", "acknowledgments", "conflict of interest", "funding",
    }
)  # fmt: skip
FURNITURE = re.compile(r"^(?:CLOSE|Search|\| Home \|.*|Share\s*:.*|Facebook .*|top_img)$")
AFFILIATION_WORDS = re.compile(
    r"\b(?:Department|University|Hospital|Institute|College|Center|Centre|School|Laboratory|Division|Clinic)\b"
)
_NAME_SEP = re.compile(r"\s+,\s*|\s*;\s*")
_NAME_COMMA = re.compile(r",\s+(?=\D)")
"""The comma between two names (``Oh Young Bang1,2, Eun Hee Kim2``), not between numbers."""


class KoreanJournalSource(BaseSource):
    """Article pages of Korean journals on the shared Korean publishing platforms."""

    name: ClassVar[str] = "korean_journal"
    label: ClassVar[str] = "Korean journal site (journal/view.php article pages)"
    priority: ClassVar[int] = 55
    input_kinds: ClassVar[tuple[DocumentKind, ...]] = ("text", "html")
    max_score: ClassVar[float] = 0.9

    def detect(self, doc: Document) -> float:
        """The platform's breadcrumb and labels, or its article address; HTML with
        ``citation_*`` tags on such a page beats the generic embedded-metadata source."""
        lines = [ln for ln in doc.lines[:80] if ln]
        score = 0.0
        if any(BREADCRUMB_MARK in ln and BREADCRUMB.match(ln) for ln in lines[:25]):
            score = 0.75
        elif "Article information" in lines and any(ELECTRONIC_DATE.match(ln) for ln in lines):
            score = 0.6
        elif (  # the cheap test first: most pages have neither line near the top
            any(PUBLISHED_ONLINE.match(ln) or DOI_LABEL.match(ln) for ln in lines[:12])
            and _journal_citation_index(lines) >= 0
        ):
            score = 0.5
        if PLATFORM_URL.search(url_of(doc)):
            score = max(score + 0.15, 0.6)
        elif doc.kind == "html" and not score and any(mark in doc.text for mark in PLATFORM_LINKS):
            score = 0.5  # the platform's own article links in a saved page's markup
        if doc.kind == "html" and score and "citation_title" in doc.meta:
            score += 0.1
        return min(score, 0.9)

    def parse(self, doc: Document) -> ParseResult:
        """One record from the page's labels, with its ``citation_*`` tags when saved."""
        issues: list[ParseIssue] = []
        extra: dict[str, Any] = {}
        fields = _read_text([ln for ln in doc.lines if ln and not FURNITURE.match(ln)], extra)
        if doc.kind == "html":
            _merge_meta(fields, meta_values(doc), extra)
        if not fields.get("title"):
            return ParseResult(issues=[ParseIssue("no article title found on this journal page", severity="error")])
        if fields.get("doi_label_empty") and not fields.get("doi"):
            issues.append(ParseIssue("the page's DOI label is empty", field="doi", severity="info"))
        return ParseResult(records=[self._build(doc, fields, extra)], issues=issues)

    def _build(self, doc: Document, fields: dict[str, Any], extra: dict[str, Any]) -> Record:
        people = fields.get("people") or attach_affiliations(fields.get("block") or AuthorBlock(), extra)
        _mark_corresponding(people, fields.get("corresponding"), extra)
        return self.new_record(
            doc,
            title=fields.get("title"),
            alt_titles=[korean_alt_title(t) for t in fields.get("titles_ko", [])],
            authors=people,
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
            language=fields.get("language"),
            url=doc.canonical_url,
            extra=extra,
        )


def _journal_citation_index(lines: list[str], limit: int = 30) -> int:
    for i, line in enumerate(lines[:limit]):
        if line.lower() == "references":
            break
        cite = parse_citation_line(line)
        if cite and not cite.get("date") and cite.get("pages") and not line.startswith("("):
            return i
    return -1


def _read_text(lines: list[str], extra: dict[str, Any]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    head_start = 0
    for i, line in enumerate(lines[:25]):
        if BREADCRUMB_MARK in line and (m := BREADCRUMB.match(line)):
            fields.update(journal_abbrev=m.group("abbrev"), volume=m.group("volume"), issue=m.group("issue") or None)
            fields["year"] = int(m.group("year"))
            head_start = i + 1
            if head_start < len(lines) and (running := running_head(lines[head_start])):
                fields["running"], fields["title"] = running
                head_start += 1
            break
    abstract_at = next((i for i in range(head_start, len(lines)) if lines[i].lower() in ABSTRACT_HEADINGS), -1)
    head_end = abstract_at if abstract_at >= 0 else len(lines)
    head, body = _split_head(lines[head_start:head_end], abstract_at < 0)
    if abstract_at >= 0:
        body = lines[abstract_at + 1 :]
    _labels(fields, lines, extra)
    _head(fields, head, extra)
    _body(fields, body)
    return fields


def _split_head(lines: list[str], no_heading: bool) -> tuple[list[str], list[str]]:
    """Without an ``Abstract`` heading the abstract starts at the first long paragraph."""
    if not no_heading:
        return lines, []
    for i, line in enumerate(lines):
        if len(line) > 250:
            return lines[:i], lines[i:]
    return lines, []


def _labels(fields: dict[str, Any], lines: list[str], extra: dict[str, Any]) -> None:
    """Labelled lines anywhere on the page: citation, DOI, dates, corresponding author."""
    at = _journal_citation_index(lines, limit=len(lines))
    if at >= 0:
        cite = parse_citation_line(lines[at]) or {}
        journal = cite.get("journal", "")
        # "J Stroke. 2016;..." is an abbreviation; "Intestinal Research 2013;..." a full name.
        key = "journal_abbrev" if lines[at].startswith(journal + ".") else "journal"
        fields[key] = journal
        fields.update(
            year=int(cite["year"]), volume=cite.get("volume"), issue=cite.get("issue"), pages=cite.get("pages")
        )
    for line in lines:
        if line[:1] not in LABEL_INITIALS:
            continue
        if m := DOI_LABEL.match(line):
            doi = first_doi([m.group("doi") or ""])
            if doi:
                fields["doi"] = doi
            else:
                fields["doi_label_empty"] = True
            if m.group("online"):
                extra["published_online"] = m.group("online").strip()
        elif (m := PUBLISHED_ONLINE.match(line)) or (m := ELECTRONIC_DATE.match(line)):
            extra.setdefault("published_online", m.group("date").strip())
        elif m := CORRESPONDING.match(line):
            fields["corresponding"] = m.group("text").strip()
        elif RECEIVED.match(line):
            extra["history"] = line
    fields["pmid"], fields["pmcid"] = pubmed_ids(lines)
    year, month, day = parse_day(extra.get("published_online"))
    if year is not None and year == fields.get("year"):
        fields.update(month=month, day=day)


def _head(fields: dict[str, Any], head: list[str], extra: dict[str, Any]) -> None:
    """Title, author line, affiliations, Hangul title and Hangul names."""
    block = AuthorBlock()
    hangul: list[str] = []
    for line in head:
        if _is_label_line(line):
            continue
        if has_hangul(line):
            hangul.append(line)
        elif not fields.get("title"):
            fields["title"] = line
        elif not block.people and not AFFILIATION_WORDS.search(line) and not line[:1].isdigit():
            _author_line(block, line)
        else:
            num, text = numbered_affiliation(line)
            if num is not None:
                block.affiliations[num] = text
            else:
                block.unnumbered.append(text)
    if hangul:
        fields["titles_ko"] = hangul[:1]
        if not fields.get("title"):
            fields["title"] = hangul[0]  # a Korean-only page: its Hangul title is the title
    if len(hangul) > 1:
        names = [n.strip() for n in re.split(r"[,·]\s*", hangul[1]) if n.strip()]
        if block.people:
            extra["authors_ko"] = names
        else:
            block.people = [Person(literal=n) for n in names]
            block.refs = [[] for _ in names]
    if not block.people and fields.get("running"):
        for name in surnames(fields["running"]):
            block.people.append(Person(family=name))
            block.refs.append([])
    fields["block"] = block


def _is_label_line(line: str) -> bool:
    labels = (DOI_LABEL, PUBLISHED_ONLINE, ELECTRONIC_DATE, CORRESPONDING, RECEIVED)
    if has_pubmed_id(line):
        return True
    if line[:1] in LABEL_INITIALS and any(p.match(line) for p in labels):
        return True
    return line == "Article information" or bool(parse_citation_line(line))


def _author_line(block: AuthorBlock, line: str) -> None:
    """``Tae Il Kim``, ``Kim, Sung June , Rha, Hyoung Kyun`` (family, given) or
    ``Oh Young Bang1,2, Eun Hee Kim2``."""
    if " , " in line or ";" in line:
        for part in _NAME_SEP.split(line.strip(" ,;")):
            family, _, given = part.partition(",")
            block.people.append(Person(family=family.strip() or None, given=given.strip() or None))
            block.refs.append([])
        return
    for part in _NAME_COMMA.split(line.strip()):
        name, refs = split_refs(part)
        block.people.append(Person(literal=name.rstrip("*")))
        block.refs.append(refs)


def _body(fields: dict[str, Any], lines: list[str]) -> None:
    abstract: list[str] = []
    for line in lines:
        if m := KEYWORDS.match(line):
            fields["keywords"] = [k.strip() for k in re.split(r"[;,]", m.group("value")) if k.strip()]
            break
        if line.lower().rstrip(":") in STOP_HEADINGS or FURNITURE.match(line):
            break
        abstract.append(line)
    text, sections = abstract_from_lines(abstract)
    fields["abstract"], fields["sections"] = text, sections


def _mark_corresponding(people: list[Person], text: str | None, extra: dict[str, Any]) -> None:
    """``Corresponding author: Choon Shil Lee. cslee@...``: the page names its corresponding
    author, so that author is marked and gets the address; a surname-only author (from a
    running head) takes the full name the line gives."""
    if not text:
        return
    rest, email = pop_email(text)
    name = re.split(r"[.,]", rest, maxsplit=1)[0].strip()
    at = _person_named(people, name)
    if at is None:
        extra["corresponding_author"] = text
        return
    person = people[at]
    if person.literal is None and person.given is None:
        person = people[at] = person.model_copy(update={"family": None, "literal": name})
    person.corresponding = True
    if email and person.email is None:
        person.email = email


def _person_named(people: list[Person], name: str) -> int | None:
    tokens = name.lower().split()
    hits = []
    for i, person in enumerate(people):
        if person.literal:
            found = sorted(person.literal.lower().split()) == sorted(tokens)
        else:
            given = (person.given or "").lower().split()
            found = (person.family or "").lower() in tokens and all(g in tokens for g in given)
        if found:
            hits.append(i)
    return hits[0] if len(hits) == 1 else None


def _merge_meta(fields: dict[str, Any], meta: dict[str, Any], extra: dict[str, Any]) -> None:
    if meta["titles"]:
        fields["title"] = meta["titles"][0]
    if meta["titles_ko"]:
        fields["titles_ko"] = meta["titles_ko"][:1]
    people, hangul = split_people_by_script(meta["people"])
    if people:
        fields["people"] = people
    if hangul:
        extra["authors_ko"] = hangul
    for key in ("journal", "journal_abbrev", "publisher", "volume", "issue", "pmid", "language"):
        if meta.get(key):
            fields[key] = meta[key]
    if meta.get("doi"):
        fields["doi"] = first_doi([str(meta["doi"])]) or meta["doi"]
    if meta.get("abstract") and not fields.get("abstract"):
        fields["abstract"] = meta["abstract"]
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
