"""MEDLINE/.nbib: the file PubMed's 'Send to: Citation manager' downloads.

Tags, their order and their value shapes follow PubMed's own files (``PMID- ``, 4-column
tags, values wrapped at 88 columns with six-space continuation lines, ``FAU`` then ``AU``
then the author's ``AD`` lines, ``LID``/``AID - 10.x [doi]``, ``SO`` built as PubMed builds
it). The tag table is the PubMed source's
:data:`~msc_citations.sources.pubmed_medline.MEDLINE_TAGS` and the reader is its
:func:`~msc_citations.sources.pubmed_medline.parse_medline`, so a file we write and a file
PubMed wrote are read by the same code.

Fields MEDLINE has no tag for travel as ``GN`` (general note) ``Label: value`` lines,
among them the record's id (``Citation key``) and its ISSNs (an ``IS`` line must say
which ISSN, Print, Electronic or Linking, it is, and a record does not say).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from ..model import Funding, Person, Record, RegistryId
from ..sources.pubmed_common import funding_from_gr, registry_id
from ..sources.pubmed_medline import MEDLINE_TAGS, parse_medline
from .common import MONTH_ABBR, page_range, split_range
from .notes import note_lines, split_notes

NAME = "nbib"
EXTENSIONS = (".nbib", ".medline")

WIDTH = 88
"""PubMed wraps values so that no line is longer than this."""
ROOM = WIDTH - 6
"""Room for the value after the six-column tag."""

TAGS: dict[str, str] = {
    "pmid": "PMID", "title": "TI", "abstract": "AB", "journal": "JT", "journal_abbrev": "TA", "year": "DP",
    "volume": "VI", "issue": "IP", "pages": "PG", "doi": "LID", "language": "LA", "country": "PL",
    "publication_types": "PT", "mesh_terms": "MH", "keywords": "OT", "funding": "GR", "registry_ids": "SI",
    "pmcid": "PMC", "authors": "FAU",
}  # fmt: skip
"""Record field -> the MEDLINE tag written for it; each is a tag that
:data:`~msc_citations.sources.pubmed_medline.MEDLINE_TAGS` reads back into that field."""

NATIVE_FIELDS: frozenset[str] = frozenset(TAGS) | {"month", "day", "page_first", "page_last"}
"""Record fields with a MEDLINE tag; the rest go to ``GN`` lines."""

NOTES_KEY = MEDLINE_TAGS["GN"].field.removeprefix("extra.")
"""Where the MEDLINE reader keeps ``GN`` lines in ``extra``."""

WRITER_EXTRA_KEYS = ("source_citation", "keyword_owner", "date_as_written")
"""``extra`` keys the reader fills from lines our writer derives from other fields."""

_T = TypeVar("_T")
_PMCID = re.compile(r"^PMC\d+$")
ARTICLE_TYPE = "Journal Article"
"""PubMed gives every journal article this publication type, and MEDLINE readers (EndNote,
the ``nbib`` package) take the record type from it; we add it when a record lacks it."""
ARTICLE_TYPE_ADDED = "Publication type Journal Article added on export"
"""The ``GN`` line that tells our reader to drop the added type again."""


_CHUNK = re.compile(rf"(.{{1,{ROOM}}}|[^ ]+)(?: |\Z)", re.S)
"""One folded line's worth of a single-spaced value: the longest run of at most
:data:`ROOM` characters ending before a space or at the end, else (no such space) the
whole next word, however long."""
_PRINTABLE_ASCII = bytes(range(0x20, 0x7F))


def _printable(value: str) -> bool:
    if value.isascii():
        # Dropping the printable bytes from the encoded text is one table pass, several
        # times faster than ``isprintable`` on long values (abstracts).
        return not value.encode().translate(None, _PRINTABLE_ASCII)
    return value.isprintable()


def _wrapped(line: str) -> str:
    """One ``TAG - value`` line folded as PubMed folds it (``line`` has no final newline)."""
    head, value = line[:6], line[6:]
    # White space is collapsed; a printable value holds no white space but single spaces.
    if not _printable(value) or "  " in value or value[:1] == " " or value[-1:] == " ":
        value = " ".join(value.split())
    if len(value) <= ROOM:
        return head + value
    # Each line ends at the last space that keeps it within the width; a word longer than
    # the width stands alone on its line (a line break is read as a space, so text
    # without spaces stays whole).
    return head + "\n      ".join(_CHUNK.findall(value))


def _folded(line: str) -> str:
    """One ``TAG - value`` line as written: folded when it must be, with its final newline.
    A line within the width, on one line and without a double space is kept as it is."""
    if len(line) <= WIDTH and "\n" not in line and "\r" not in line and line.find("  ", 6) < 0:
        return line + "\n"
    return _wrapped(line) + "\n"


def _field(head: str, value: str) -> str:
    """``_folded(head + value)`` for a six-character ``head`` (``"TI  - "``), without
    building the unfolded line."""
    if len(value) <= ROOM and "\n" not in value and "\r" not in value and "  " not in value:
        return f"{head}{value}\n"
    if not _printable(value) or "  " in value or value[:1] == " " or value[-1:] == " ":
        value = " ".join(value.split())
    if len(value) <= ROOM:
        return f"{head}{value}\n"
    return head + "\n      ".join(_CHUNK.findall(value)) + "\n"


Seen = dict[str, dict[Any, Any]]
"""Line head (``"MH  - "``) -> value -> its line as written (:func:`_folded`), for the values
that recur across the records of one file (authors, affiliations, journals, MeSH terms,
publication types, notes but the citation key...): each is built and folded once per file. Under ``"SI  - "`` and
``"GR  - "``: a registry id or grant -> its line, or None when it is written as a note."""


def _once(seen: dict[Any, str], head: str, value: str) -> str:
    """``head + value`` as written, from ``seen`` when the value was written before."""
    line = seen.get(value)
    if line is None:
        line = seen[value] = _field(head, value)
    return line


def _initials(given: str) -> str:
    initials = "".join([part[0] for part in given.replace("-", " ").replace(".", " ").split()])
    # Only letters are initials; usually every part starts with one.
    return initials if initials.isalpha() else "".join([c for c in initials if c.isalpha()])


def _date(rec: Record) -> str:
    text = str(rec.year)
    if rec.month and 1 <= rec.month <= 12:
        text += f" {MONTH_ABBR[rec.month]}" + (f" {rec.day}" if rec.day else "")
    return text


def _source(rec: Record, first: str | None, last: str | None) -> str:
    text = f"{rec.journal_abbrev or rec.journal or ''}."
    if rec.year:
        text += f" {_date(rec)}"
    if rec.volume or rec.issue:
        text += f";{rec.volume or ''}" + (f"({rec.issue})" if rec.issue else "")
    if first:
        text += f":{first}" + (f"-{last}" if last else "")
    return text + "." + (f" doi: {rec.doi}." if rec.doi else "")


def _name(person: Person) -> str:
    """The ``FAU`` and ``AU`` lines of a person with family and given names, else the ``CN``
    line, as written."""
    if person.family and person.given:
        return _folded(f"FAU - {person.family}, {person.given}") + _folded(
            f"AU  - {person.family} {_initials(person.given)}".rstrip()
        )
    return _folded("CN  - " + (person.literal or person.family or person.given or ""))


def _authors(people: list[Person], seen: Seen, out: list[str]) -> None:
    names, affs = seen["FAU - "], seen["AD  - "]
    for person in people:
        key = (person.family, person.given, person.literal)
        name = names.get(key)
        if name is None:
            name = names[key] = _name(person)
        out.append(name)
        if person.affiliations:
            _all_once(affs, "AD  - ", person.affiliations, out)


def _gr(fund: Funding) -> str | None:
    """The ``GR`` line MEDLINE's reader turns back into exactly ``fund``, if there is one."""
    if len(fund.award_ids) > 1 or any("/" in p for p in [*fund.award_ids, fund.funder or ""]):
        return None
    award = fund.award_ids[0] if fund.award_ids else ""
    value = f"{award}/{fund.funder}" if fund.funder else award
    return _field("GR  - ", value) if value and funding_from_gr(value) == fund else None


def _si(reg: RegistryId) -> str | None:
    """The ``SI`` line MEDLINE's reader turns back into exactly ``reg``, if there is one."""
    value = f"{reg.registry}/{reg.id}"
    return _field("SI  - ", value) if registry_id(reg.registry, reg.id) == reg else None


def _exact_lines(
    items: list[_T], key: Callable[[_T], Hashable], line_of: Callable[[_T], str | None], known: dict[Any, Any]
) -> list[str] | None:
    """The lines ``line_of`` gives the items, or None when one has none; ``known`` keeps
    each item's line (or None) by ``key``."""
    lines: list[str] = []
    for item in items:
        k = key(item)
        line = known[k] if k in known else known.setdefault(k, line_of(item))
        if line is None:
            return None
        lines.append(line)
    return lines


def _tagged_or_notes(rec: Record, seen: Seen, gn: list[str], out: list[str]) -> None:
    """SI and GR lines when every value reads back exactly; otherwise all as notes."""
    if rec.registry_ids:
        si = _exact_lines(rec.registry_ids, lambda r: (r.registry, r.id), _si, seen["SI  - "])
        if si is None:
            gn.extend(f"Trial registration: {r.registry}/{r.id}" for r in rec.registry_ids)
        else:
            out += si
    if rec.funding:
        gr = _exact_lines(rec.funding, lambda f: (f.funder, *f.award_ids), _gr, seen["GR  - "])
        if gr is None:
            gn.extend(line for line in note_lines(Record(funding=rec.funding)) if line.startswith("Funding:"))
        else:
            out += gr


def _all_once(seen: dict[Any, str], head: str, values: list[str], out: list[str]) -> None:
    """Append ``head + value`` as written for every value (see :func:`_once`)."""
    for value in values:
        line = seen.get(value)
        out.append(_once(seen, head, value) if line is None else line)


_REPEATED_HEADS = "VI IP DP FAU AD LA PT PL TA JT MH OT GN SI GR"
_JOURNAL_FIELDS = (("PL  - ", "country"), ("TA  - ", "journal_abbrev"), ("JT  - ", "journal"))


def _seen() -> Seen:
    """An empty :data:`Seen` for one file."""
    return {f"{tag:<4}- ": {} for tag in _REPEATED_HEADS.split()}


def _head(rec: Record, seen: Seen, gn: list[str], out: list[str]) -> tuple[str | None, str | None]:
    """Append the lines from ``PMID`` to ``AB``; returns the page range."""
    if rec.pmid and rec.pmid.isdigit():
        out.append(f"PMID- {rec.pmid}\n" if len(rec.pmid) <= ROOM else _field("PMID- ", rec.pmid))
    elif rec.pmid:
        gn.append(f"PMID: {rec.pmid}")
    if rec.volume:
        out.append(_once(seen["VI  - "], "VI  - ", rec.volume))
    if rec.issue:
        out.append(_once(seen["IP  - "], "IP  - ", rec.issue))
    if rec.year:
        dates = seen["DP  - "]
        key = (rec.year, rec.month, rec.day)
        line = dates.get(key)
        if line is None:
            line = dates[key] = _field("DP  - ", _date(rec))
        out.append(line)
    if rec.title:
        out.append(_field("TI  - ", rec.title))
    first, last = page_range(rec)
    if first:
        out.append(_field("PG  - ", f"{first}-{last}" if last else first))
    if rec.doi:
        out.append(_field("LID - ", f"{rec.doi} [doi]"))
    if rec.abstract:
        out.append(_field("AB  - ", rec.abstract))
    return first, last


def _write_one(rec: Record, seen: Seen, out: list[str]) -> None:
    """Append the record's lines as written to ``out``, each with its final newline."""
    gn = note_lines(rec, NATIVE_FIELDS)
    if rec.type == "journal-article":
        gn.insert(1 if rec.id else 0, "Record type: journal-article")
    first, last = _head(rec, seen, gn, out)
    if rec.authors:
        _authors(rec.authors, seen, out)
    if rec.language:
        out.append(_once(seen["LA  - "], "LA  - ", rec.language))
    if rec.registry_ids or rec.funding:
        _tagged_or_notes(rec, seen, gn, out)
    types = rec.publication_types
    if rec.type in ("journal-article", "review") and ARTICLE_TYPE not in types:
        types = [*types, ARTICLE_TYPE]
        gn.append(ARTICLE_TYPE_ADDED)
    _all_once(seen["PT  - "], "PT  - ", types, out)
    values = rec.__dict__
    for head, field in _JOURNAL_FIELDS:
        value = values[field]
        if value:
            out.append(_once(seen[head], head, value))
    if rec.mesh_terms:
        _all_once(seen["MH  - "], "MH  - ", rec.mesh_terms, out)
    if rec.keywords:
        out.append("OTO - NOTNLM\n")
        _all_once(seen["OT  - "], "OT  - ", rec.keywords, out)
    if rec.pmcid and _PMCID.match(rec.pmcid):
        out.append(_field("PMC - ", rec.pmcid))
    elif rec.pmcid:
        gn.append(f"PMCID: {rec.pmcid}")
    if rec.id:  # the first note is the citation key: the record's own
        out.append(_field("GN  - ", gn[0]))
        gn = gn[1:]
    # The others (record type, ISSN, publisher, trial design...) mostly recur.
    _all_once(seen["GN  - "], "GN  - ", gn, out)
    if rec.doi:
        out.append(_field("AID - ", f"{rec.doi} [doi]"))
    if rec.journal or rec.journal_abbrev:
        out.append(_field("SO  - ", _source(rec, first, last)))


def write(records: list[Record]) -> str:
    """Records in MEDLINE format, one blank line between records."""
    seen = _seen()
    # The whole file is one list of lines joined once.
    out: list[str] = []
    for rec in records:
        start = len(out)
        _write_one(rec, seen, out)
        if len(out) > start:
            out.append("\n")
    return "".join(out)


def _from_notes(rec: Record) -> Record:
    """Apply our ``GN`` note lines; registry ids or funding given there replace the tagged
    ones (the writer uses notes only when the tags could not carry them exactly). Only the
    changed fields are validated again; a record without such lines is returned as is."""
    lines = rec.extra.get(NOTES_KEY) or []
    data: dict[str, Any] = {}
    update: dict[str, Any] = {}
    if lines:
        if ARTICLE_TYPE_ADDED in lines:
            lines = [line for line in lines if line != ARTICLE_TYPE_ADDED]
            data["publication_types"] = [t for t in rec.publication_types if t != ARTICLE_TYPE]
        rest = split_notes(lines, data)
        extra = {k: v for k, v in rec.extra.items() if k != NOTES_KEY}
        if rest:
            extra[NOTES_KEY] = rest
        update["extra"] = extra
    for key, value in data.items():
        if key == "trial":
            update["trial"] = {**rec.trial.model_dump(), **value} if rec.trial else value
        elif key in ("issn", "alt_titles") and getattr(rec, key):
            update[key] = [*getattr(rec, key), *value]
        else:
            update[key] = value
    # A pages note equal to PG means the pages were not split; otherwise PG is the split range.
    if rec.pages and not rec.page_first and data.get("pages") != rec.pages:
        first, last = split_range(rec.pages)
        if last is None and first == rec.pages and "," not in first:
            update.update(page_first=first)
        elif last and _full_range(first, last):
            update.update(page_first=first, page_last=last)
    if not update:
        return rec
    if update.keys() <= _PAGE_KEYS:  # strings from the pages: nothing to validate
        return rec.model_copy(update=update)
    checked = Record.model_validate(update)
    return rec.model_copy(update={key: getattr(checked, key) for key in update})


_PAGE_KEYS = frozenset({"page_first", "page_last"})
_NON_DIGIT = re.compile(r"\D")


def _full_range(first: str, last: str) -> bool:
    """True unless the last page is abbreviated MEDLINE-style (``874-82``), which the
    pages step expands."""
    a, b = _NON_DIGIT.sub("", first), _NON_DIGIT.sub("", last)
    return bool(a and b) and int(b) >= int(a)


def read(text: str) -> list[Record]:
    """Records from a MEDLINE/.nbib text, read by the PubMed source's MEDLINE parser, with
    our ``GN`` note lines turned back into fields. Values are as written."""
    return [_from_notes(rec) for rec in parse_medline(text)]
