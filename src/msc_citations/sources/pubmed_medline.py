"""MEDLINE/.nbib files: PubMed's 'Send to: Citation manager' export and efetch's
``rettype=medline`` text.

A record is a run of ``TAG - value`` lines (the tag padded to four columns); a long
value continues on following lines indented by six spaces, with no tag. Records are
separated by blank lines and each starts with ``PMID-``. Files may have CRLF line ends.

:data:`MEDLINE_TAGS` says what each tag means; an NBIB writer shares it.
:func:`parse_medline` reads a whole file into records with values as written (before
normalization); tags without a field are kept in ``extra["medline"]``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..document import OTHER_LINE_BREAKS
from ..model import Person, Record, RegistryId
from .pubmed_common import (
    ORCID,
    add_notice_types,
    date_parts,
    email_in,
    funding_from_gr,
    record_type,
    registry_id,
    split_mesh,
    squash,
    unique,
)


@dataclass(frozen=True, slots=True)
class MedlineTag:
    """One MEDLINE tag: the record field (or ``extra`` key) it fills and its meaning."""

    field: str
    label: str
    repeatable: bool = False


MEDLINE_TAGS: dict[str, MedlineTag] = {
    "PMID": MedlineTag("pmid", "PubMed unique identifier"),
    "PMC": MedlineTag("pmcid", "PubMed Central identifier"),
    "TI": MedlineTag("title", "Title"),
    "BTI": MedlineTag("journal", "Book title (the container of a chapter)"),
    "TT": MedlineTag("alt_titles", "Transliterated (original-language) title", True),
    "AB": MedlineTag("abstract", "Abstract"),
    "FAU": MedlineTag("authors", "Full author name (Family, Given)", True),
    "AU": MedlineTag("authors", "Author name (Family Initials)", True),
    "AD": MedlineTag("authors.affiliations", "Affiliation of the preceding author", True),
    "AUID": MedlineTag("authors.orcid", "Author identifier (ORCID) of the preceding author", True),
    "CN": MedlineTag("authors", "Corporate (group) author", True),
    "FED": MedlineTag("extra.editors", "Full editor name", True),
    "ED": MedlineTag("extra.editors", "Editor name", True),
    "JT": MedlineTag("journal", "Journal title"),
    "TA": MedlineTag("journal_abbrev", "Journal title abbreviation"),
    "IS": MedlineTag("issn", "ISSN (with its kind in brackets)", True),
    "PB": MedlineTag("publisher", "Publisher"),
    "DP": MedlineTag("year", "Date of publication (year, month, day)"),
    "VI": MedlineTag("volume", "Volume"),
    "IP": MedlineTag("issue", "Issue"),
    "PG": MedlineTag("pages", "Pagination"),
    "LID": MedlineTag("doi", "Location identifier ([doi] or [pii])", True),
    "AID": MedlineTag("doi", "Article identifier ([doi], [pii], [bookaccession])", True),
    "LA": MedlineTag("language", "Language", True),
    "PL": MedlineTag("country", "Place of publication"),
    "PT": MedlineTag("publication_types", "Publication type", True),
    "MH": MedlineTag("mesh_terms", "MeSH term (* marks a major topic)", True),
    "OT": MedlineTag("keywords", "Other term (author keyword)", True),
    "RN": MedlineTag("extra.substances", "Registry number / substance", True),
    "GR": MedlineTag("funding", "Grant number/acronym/agency/country", True),
    "SI": MedlineTag("registry_ids", "Secondary source id (trial registry or databank)", True),
    "CIN": MedlineTag("extra.comments_in", "Comment in", True),
    "CON": MedlineTag("extra.comment_on", "Comment on", True),
    "EIN": MedlineTag("extra.errata", "Erratum in", True),
    "EFR": MedlineTag("extra.erratum_for", "Erratum for", True),
    "RIN": MedlineTag("extra.retraction_in", "Retraction in", True),
    "ROF": MedlineTag("extra.retraction_of", "Retraction of", True),
    "ECI": MedlineTag("extra.expression_of_concern_in", "Expression of concern in", True),
    "ECF": MedlineTag("extra.expression_of_concern_for", "Expression of concern for", True),
    "UIN": MedlineTag("extra.update_in", "Update in", True),
    "UOF": MedlineTag("extra.update_of", "Update of", True),
    "RPI": MedlineTag("extra.republished_in", "Republished in", True),
    "RPF": MedlineTag("extra.republished_from", "Republished from", True),
    "CRI": MedlineTag("extra.corrected_and_republished_in", "Corrected and republished in", True),
    "CRF": MedlineTag("extra.corrected_and_republished_from", "Corrected and republished from", True),
    "SPIN": MedlineTag("extra.summary_for_patients_in", "Summary for patients in", True),
    "ORI": MedlineTag("extra.original_report_in", "Original report in", True),
    "DEP": MedlineTag("extra.epub_date", "Date of electronic publication (YYYYMMDD)"),
    "PHST": MedlineTag("extra.history", "Publication history status date", True),
    "PST": MedlineTag("extra.publication_status", "Publication status (ppublish, aheadofprint, ...)"),
    "SO": MedlineTag("extra.source_citation", "Source (the citation as one line)"),
    "CI": MedlineTag("extra.copyright", "Copyright information"),
    "COIS": MedlineTag("extra.conflict_of_interest", "Conflict of interest statement"),
    "OAB": MedlineTag("extra.other_abstracts", "Other abstract", True),
    "OABL": MedlineTag("extra.other_abstract_languages", "Other abstract language", True),
    "GN": MedlineTag("extra.general_notes", "General note", True),
    "CTI": MedlineTag("extra.collection_title", "Collection title", True),
    "EN": MedlineTag("extra.edition", "Edition"),
    "ISBN": MedlineTag("extra.isbn", "ISBN", True),
    "OTO": MedlineTag("extra.keyword_owner", "Other term owner", True),
}
"""MEDLINE tag -> what it means. Fields are record fields; ``extra.X`` keys of
``record.extra``; ``authors.X`` an attribute of the preceding author. Tags not listed
(``OWN``, ``STAT``, ``DCOM``, ``LR``, ``JID``, ``SB``, ``EDAT``, ``MHDA``, ``CRDT``...)
are kept as written in ``extra["medline"]``."""

TAG_LINE = re.compile(r"^(?P<tag>[A-Z][A-Z0-9]{0,3}) {0,3}- ?(?P<value>.*)$")
ID_KIND = re.compile(r"^(?P<id>.*?)\s*\[(?P<kind>[a-z-]{1,20})\]\s*$")
ISSN = re.compile(r"\b(\d{4}-\d{3}[\dXx])\b")
AU_NAME = re.compile(r"^(?P<family>\S.{0,150}?)\s(?P<initials>[A-Z]{1,4})$")
PHST = re.compile(r"^(?P<date>.*?)\s*\[(?P<status>[a-z-]{1,30})\]\s*$")

Fields = list[tuple[str, str]]


def split_records(text: str) -> list[Fields]:
    """The records of a MEDLINE text as lists of ``(tag, value)``, continuation lines
    joined to their value. Lines before the first tag are ignored.

    A record is read in one pass of :data:`_FIELD` when its lines are all of the shapes
    PubMed writes (a tag line, an indented continuation line); a file with other line
    breaks than ``\\n``/``\\r\\n``, or a record with other lines, is read line by line
    (:func:`_split_lines`). Both give the same fields."""
    return [_cleaned(run) if raw else run for raw, run in _runs(text)]


def _runs(text: str) -> Iterator[tuple[bool, Fields]]:
    """The records of :func:`split_records`: ``(True, fields)`` with values as :data:`_FIELD`
    matched them (not yet cleaned by :func:`_cleaned`), or ``(False, fields)``."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            yield from ((False, fields) for fields in _split_lines(text))
            return
    if any(sep in text for sep in OTHER_LINE_BREAKS):
        yield from ((False, fields) for fields in _split_lines(text))
        return
    # Records are split at empty lines; a block holding any other line but tag lines and
    # their continuation lines (a line of white space among them) is read line by line,
    # which ends a record at such a line as a blank line would.
    for block in text.split("\n\n"):
        block = "\n" + block
        found = _FIELD.findall(block)
        if _ODD_LINE in found:
            yield from ((False, fields) for fields in _split_lines(block))
            continue
        if not found:
            continue
        if block.count("\nPMID") > 1:
            yield from ((False, fields) for fields in _split_at_pmid(_cleaned(found)))
        else:
            yield True, found


def _cleaned(found: Fields) -> Fields:
    """Fields with their values stripped and continuation lines joined."""
    return [(tag, value.strip() if "\n" not in value else _joined_lines(value)) for tag, value in found]


Grouped = tuple[dict[str, list[str]], Fields]
"""A record's values by tag (:func:`_by_tag`) and its author fields (:data:`_AUTHOR_TAGS`)
in order."""


def _grouped_records(text: str) -> list[Grouped]:
    """The records of :func:`split_records`, each grouped as :func:`_grouped` groups it;
    a record read in one pass is cleaned and grouped in one loop over its fields."""
    records: list[Grouped] = []
    for raw, run in _runs(text):
        if not raw:
            records.append(_grouped(run))
            continue
        many: dict[str, list[str]] = {}
        people: Fields = []
        for tag, value in run:
            value = value.strip() if "\n" not in value else _joined_lines(value)
            if tag in many:
                many[tag].append(value)
            else:
                many[tag] = [value]
            if tag in _AUTHOR_TAGS:
                people.append((tag, value))
        records.append((many, people))
    return records


def _grouped(fields: Fields) -> Grouped:
    return _by_tag(fields), [field for field in fields if field[0] in _AUTHOR_TAGS]


_FIELD = re.compile(r"\n(?:([A-Z][A-Z0-9]{0,3}) {0,3}- ?(.*(?:\n[ \t]+\S.*)*)|(?![ \t]+\S|\n|\Z))")
"""A tag line (:data:`TAG_LINE`) with its indented continuation lines, or (matched as
:data:`_ODD_LINE`) a line that is none of these nor empty: not indented, or only white
space. An indented line before the first tag line is passed over."""
_ODD_LINE = ("", "")


def _joined_lines(value: str) -> str:
    return " ".join([part for part in map(str.strip, value.split("\n")) if part])


def _split_at_pmid(fields: Fields) -> list[Fields]:
    """A run of fields holding several ``PMID`` lines, split before each PMID after the first."""
    out: list[Fields] = [[]]
    has_pmid = False
    for field in fields:
        if field[0] == "PMID":
            if has_pmid:
                out.append([])
            has_pmid = True
        out[-1].append(field)
    return out


def _split_lines(text: str) -> list[Fields]:
    """:func:`split_records` line by line, for any line shapes and line breaks."""
    records: list[Fields] = []
    # Each field as (tag, [value, continuation lines...]), joined once at the end rather
    # than re-copying a long abstract at every continuation line.
    current: list[tuple[str, list[str]]] = []
    has_pmid = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            if current:
                records.append(_joined(current))
                current, has_pmid = [], False
            continue
        m = TAG_LINE.match(raw.rstrip()) if not raw[0].isspace() else None
        if m:
            tag = m.group("tag")
            if tag == "PMID":
                if has_pmid:
                    records.append(_joined(current))
                    current = []
                has_pmid = True
            current.append((tag, [m.group("value").strip()]))
        elif current:
            current[-1][1].append(line)
    if current:
        records.append(_joined(current))
    return records


def _joined(fields: list[tuple[str, list[str]]]) -> Fields:
    return [(tag, " ".join(part for part in parts if part)) for tag, parts in fields]


def parse_medline(text: str) -> list[Record]:
    """Every record of a MEDLINE/.nbib text, values as written (before normalization).

    >>> recs = parse_medline("PMID- 1\\nTI  - A long\\n      title.\\nFAU - Bang, Oh Young\\nAU  - Bang OY\\n")
    >>> recs[0].title, recs[0].authors[0].family, recs[0].authors[0].given
    ('A long title.', 'Bang', 'Oh Young')
    """
    return [_record(many, people) for many, people in _grouped_records(text) if not _RECORD_TAGS.isdisjoint(many)]


_RECORD_TAGS = frozenset({"PMID", "TI", "BTI", "FAU", "AU", "AB"})
"""A run of fields is a record when it has one of these tags."""
_AUTHOR_TAGS = frozenset({"FAU", "AU", "CN", "AD", "AUID", "FED", "ED"})
"""The tags :func:`_authors` reads (editor tags end an author's run of ``AU`` lines)."""


def _by_tag(fields: Fields) -> dict[str, list[str]]:
    """The values of each tag, tags in the order they first occur."""
    many: defaultdict[str, list[str]] = defaultdict(list)
    for tag, value in fields:
        many[tag].append(value)
    return many


def _authors(fields: Fields) -> list[dict[str, Any]]:
    """Authors from FAU/AU/CN in order, as :class:`Person` fields; AD and AUID attach to
    the author before them. An AU line right after a FAU line (the same author) is passed
    over; editor lines end such a pair."""
    people: list[dict[str, Any]] = []
    after_fau = False
    for tag, value in fields:
        if tag == "AU":
            if not after_fau:
                people.append(_au_fields(value))
            after_fau = False
        elif tag == "FAU":
            people.append(_fau_fields(value))
            after_fau = True
        elif tag == "AD":
            if people:
                person = people[-1]
                if "affiliations" in person:
                    person["affiliations"].append(value)
                else:
                    person["affiliations"] = [value]
                if person.get("email") is None:
                    person["email"] = email_in(value)
        elif tag == "CN":
            people.append({"literal": value})
            after_fau = False
        elif tag == "AUID":
            m = ORCID.search(value) if people else None
            if m:
                people[-1]["orcid"] = m.group(0)
        elif tag in ("FED", "ED"):
            after_fau = False
    return people


def _fau_fields(value: str) -> dict[str, Any]:
    """:func:`~.pubmed_common.person_from_fau` as :class:`Person` fields."""
    family, sep, given = value.partition(",")
    if not sep:
        return {"literal": squash(value)}
    return {"family": squash(family) or None, "given": squash(given) or None}


def _au_fields(value: str) -> dict[str, Any]:
    """:func:`person_from_au` as :class:`Person` fields."""
    value = value.strip()
    # Initials after the last space make the whole value match AU_NAME (the initials hold
    # no white space, so that space is the one the pattern splits at); most AU values are
    # such, and the split is several times cheaper than the match.
    family, _, initials = value.rpartition(" ")
    if (
        0 < len(initials) <= 4
        and initials.isascii()
        and initials.isalpha()
        and initials.isupper()
        and 0 < len(family) <= 151
        and "\n" not in family
    ):
        return {"family": family, "given": initials}
    return _au_fields_by_pattern(value)


def _au_fields_by_pattern(value: str) -> dict[str, Any]:
    """:func:`_au_fields` by :data:`AU_NAME` alone."""
    m = AU_NAME.match(value.strip())
    if m is None:
        return {"literal": squash(value)}
    return {"family": m.group("family"), "given": m.group("initials")}


def person_from_au(value: str) -> Person:
    """A MEDLINE ``AU`` value: the family name, a space, the initials (``Aasly JO``). The
    layout is the format's own, so it is split here rather than guessed by the names step;
    anything else stays literal."""
    return Person(**_au_fields(value))


def _ids(values: list[str]) -> dict[str, list[str]]:
    """``LID``/``AID`` values by kind: ``{"doi": [...], "pii": [...]}``."""
    out: dict[str, list[str]] = {}
    for value in values:
        m = ID_KIND.match(value)
        if m:
            out.setdefault(m.group("kind"), []).append(m.group("id").strip())
    return out


def _registry_ids(values: list[str], extra: dict[str, Any]) -> list[RegistryId]:
    out: list[RegistryId] = []
    for value in values:
        bank, _, accession = value.partition("/")
        reg = registry_id(bank, accession) if accession else registry_id(None, bank)
        if reg is not None:
            out.append(reg)
        else:
            extra.setdefault("databanks", []).append(value)
    return out


def _history(values: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for value in values:
        parts = _history_entry(value)
        if parts is not None and parts[0] not in out:
            out[parts[0]] = parts[1]
    return out


@lru_cache(maxsize=4096)
def _history_entry(value: str) -> tuple[str, str] | None:
    """``(status, date)`` of a ``PHST`` value; the same values recur across a file."""
    m = PHST.match(value)
    return (m.group("status"), m.group("date")) if m else None


@lru_cache(maxsize=4096)
def _issn(value: str) -> str | None:
    """The ISSN in an ``IS`` value; a file's records share a few journals."""
    m = ISSN.search(value)
    return m.group(1) if m else None


_date_parts = lru_cache(maxsize=4096)(date_parts)
""":func:`~.pubmed_common.date_parts` of a ``DP`` value; a file's records share a few dates."""


def _extra(many: dict[str, list[str]]) -> dict[str, Any]:
    """Every ``extra.X`` tag and every unknown tag, values as written (``many``: the values
    of each tag, tags in the order they first occur)."""
    extra: dict[str, Any] = {}
    medline: dict[str, list[str]] = {}
    for tag, values in many.items():
        spec = _EXTRA_TAGS.get(tag, _UNKNOWN_TAG)
        if spec is None:
            continue
        if spec is _UNKNOWN_TAG:
            medline[tag] = values
            continue
        key, repeatable = spec
        extra[key] = values if repeatable else values[0]
    if medline:
        extra["medline"] = medline
    return extra


_EXTRA_TAGS: dict[str, tuple[str, bool] | None] = {
    tag: (spec.field.removeprefix("extra."), spec.repeatable)
    if spec.field.startswith("extra.") and tag not in ("FED", "ED", "PHST")
    else None
    for tag, spec in MEDLINE_TAGS.items()
}
"""Each tag of :data:`MEDLINE_TAGS` -> (``extra`` key, repeatable) for ``extra.X`` tags, or
None for the others (editors and history are read apart)."""
_UNKNOWN_TAG = ("", False)
"""What :data:`_EXTRA_TAGS` gives for a tag it does not list."""


def _record_extra(many: dict[str, list[str]]) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """``extra`` (notices, editors, history, ids without a field, unknown tags) and the
    ``LID``/``AID`` ids by kind."""
    extra = _extra(many)
    editors = many.get("FED") or many.get("ED")
    if editors:
        extra["editors"] = editors
    history = _history(many.get("PHST", []))
    if history:
        extra["history"] = history
    ids = _ids([*many.get("LID", []), *many.get("AID", [])])
    for kind, values in ids.items():
        if kind != "doi":
            extra[kind] = unique(values)
    return extra, ids


def record_from_fields(fields: Fields, many: dict[str, list[str]] | None = None) -> Record:
    """One record from its ``(tag, value)`` list (``many``: the same by tag, if already
    grouped); values as written."""
    return _record(_by_tag(fields) if many is None else many, fields)


def _record(many: dict[str, list[str]], people: Fields) -> Record:
    """:func:`record_from_fields` from the values by tag and the author fields in order
    (other fields among them are passed over)."""

    first = {tag: values[0] for tag, values in many.items() if values}
    extra, ids = _record_extra(many)
    mesh, major = split_mesh(many.get("MH", []))
    if major:
        extra["mesh_major"] = major
    types = add_notice_types(unique(many.get("PT", [])), extra)
    title = first.get("TI")
    book_title = first.get("BTI")
    rtype = record_type(types)
    if rtype == "book" and title and book_title and title != book_title:
        rtype = "chapter"
    date = first.get("DP")
    year, month, day = _date_parts(date)
    registry_ids = _registry_ids(many.get("SI", []), extra)
    if date:
        extra["date_as_written"] = date
    # One validation of the whole record, nested authors included, is much cheaper than
    # building each author's model first.
    return Record.model_validate(
        {
            "type": rtype,
            "title": title or book_title,
            "alt_titles": [{"text": t} for t in many.get("TT", [])],
            "authors": _authors(people),
            "journal": (book_title if title else None) if book_title else first.get("JT"),
            "journal_abbrev": first.get("TA"),
            "issn": unique([issn for v in many.get("IS", ()) if (issn := _issn(v))]),
            "publisher": first.get("PB"),
            "year": year,
            "month": month,
            "day": day,
            "volume": first.get("VI"),
            "issue": first.get("IP"),
            "pages": first.get("PG"),
            "doi": ids["doi"][0] if ids.get("doi") else None,
            "pmid": first.get("PMID"),
            "pmcid": first.get("PMC"),
            "registry_ids": registry_ids,
            "abstract": first.get("AB"),
            "keywords": unique(many.get("OT", [])),
            "mesh_terms": mesh,
            "publication_types": types,
            "language": first.get("LA"),
            "country": first.get("PL"),
            "funding": [funding_from_gr(v) for v in many.get("GR", [])],
            "extra": extra,
        }
    )
