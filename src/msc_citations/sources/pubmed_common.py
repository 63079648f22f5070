"""Vocabulary shared by the four PubMed shapes (page text, saved page, MEDLINE, XML).

PubMed states the same facts in each shape with different labels: a retraction is
``RIN`` in MEDLINE, ``CommentsCorrections RefType="RetractionIn"`` in XML and a
``Retraction in`` heading on the page. The tables here map all of them to one ``extra``
key, so the same article gives the same record whichever shape came in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ..model import Funding, Person, RecordType, RegistryId
from ..normalize.dates import parse_date

NOTICE_KEYS: dict[str, str] = {
    "CommentIn": "comments_in",
    "CommentOn": "comment_on",
    "ErratumIn": "errata",
    "ErratumFor": "erratum_for",
    "RetractionIn": "retraction_in",
    "RetractionOf": "retraction_of",
    "ExpressionOfConcernIn": "expression_of_concern_in",
    "ExpressionOfConcernFor": "expression_of_concern_for",
    "UpdateIn": "update_in",
    "UpdateOf": "update_of",
    "RepublishedIn": "republished_in",
    "RepublishedFrom": "republished_from",
    "PartialRetractionIn": "partial_retraction_in",
    "PartialRetractionOf": "partial_retraction_of",
    "SummaryForPatientsIn": "summary_for_patients_in",
    "OriginalReportIn": "original_report_in",
    "ReprintIn": "reprint_in",
    "ReprintOf": "reprint_of",
    "CorrectedandRepublishedIn": "corrected_and_republished_in",
    "CorrectedandRepublishedFrom": "corrected_and_republished_from",
}
"""XML ``CommentsCorrections/@RefType`` -> ``extra`` key of the notice list."""

NOTICE_HEADINGS: dict[str, str] = {
    "comment in": "comments_in",
    "comment on": "comment_on",
    "erratum in": "errata",
    "erratum for": "erratum_for",
    "retraction in": "retraction_in",
    "retraction of": "retraction_of",
    "expression of concern in": "expression_of_concern_in",
    "expression of concern for": "expression_of_concern_for",
    "update in": "update_in",
    "update of": "update_of",
    "republished in": "republished_in",
    "republished from": "republished_from",
    "partial retraction in": "partial_retraction_in",
    "partial retraction of": "partial_retraction_of",
    "summary for patients in": "summary_for_patients_in",
    "original report in": "original_report_in",
    "corrected and republished in": "corrected_and_republished_in",
    "corrected and republished from": "corrected_and_republished_from",
}
"""Page headings (lower-cased) -> ``extra`` key of the notice list."""

RETRACTED_TYPE = "Retracted Publication"
RETRACTION_TYPE = "Retraction of Publication"
NOTICE_TYPES: dict[str, str] = {
    "retraction_in": RETRACTED_TYPE,
    "retraction_of": RETRACTION_TYPE,
    "partial_retraction_in": "Retracted Publication",
    "expression_of_concern_in": "Expression of Concern",
}
"""A notice PubMed shows -> the publication type it implies for this record."""

DATABANK_REGISTRIES: dict[str, str] = {
    "clinicaltrials.gov": "ClinicalTrials.gov",
    "isrctn": "ISRCTN",
    "chictr": "ChiCTR",
    "anzctr": "ANZCTR",
    "actrn": "ANZCTR",
    "drks": "DRKS",
    "ctri": "CTRI",
    "eudract": "EudraCT",
    "umin": "UMIN-CTR",
    "umin-ctr": "UMIN-CTR",
    "jprn": "JPRN",
    "cris": "CRiS",
    "irct": "IRCT",
    "pactr": "PACTR",
    "ntr": "NTR",
    "rebec": "ReBEC",
    "tctr": "TCTR",
    "slctr": "SLCTR",
}
"""Trial registries as PubMed's ``DataBankName`` / ``SI`` names them (lower-cased)."""

TYPE_OF_PUBLICATION: dict[str, RecordType] = {
    "book chapter": "chapter",
    "book": "book",
    "review": "review",
    "systematic review": "review",
    "preprint": "preprint",
    "congress": "conference-paper",
}
"""Publication types that change the record type, strongest first (a reviewing book
chapter is a chapter)."""

EMAIL = re.compile(r"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}")
ORCID = re.compile(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]")


def squash(text: str | None) -> str:
    """White space collapsed to single spaces, ends stripped."""
    # str.split() splits on exactly the characters regex \s matches: same result, faster.
    return " ".join(text.split()) if text else ""


def registry_id(databank: str | None, accession: str) -> RegistryId | None:
    """A registry id from a databank name (may be ``None``) and an accession number.

    >>> registry_id("ClinicalTrials.gov", "NCT01761786")
    RegistryId(registry='ClinicalTrials.gov', id='NCT01761786')
    >>> registry_id("GENBANK", "AF078607") is None
    True
    """
    from ..normalize.ids import registry_of

    accession = squash(accession)
    if not accession:
        return None
    known = DATABANK_REGISTRIES.get(squash(databank).lower()) if databank else None
    found = registry_of(accession)
    if known is None and found is None:
        return None
    return RegistryId(registry=known or found or "", id=accession)


def record_type(publication_types: Iterable[str], default: RecordType = "journal-article") -> RecordType:
    """The record type PubMed's publication types imply (``Book Chapter`` -> ``chapter``)."""
    stated = {pt.strip().lower() for pt in publication_types}
    for name, rtype in TYPE_OF_PUBLICATION.items():
        if name in stated:
            return rtype
    return default


def add_notice_types(types: list[str], extra: dict[str, Any]) -> list[str]:
    """``types`` plus the publication type a retraction/concern notice implies, so a
    retraction is visible even when the page's type list was not copied."""
    out = list(types)
    for key, implied in NOTICE_TYPES.items():
        if extra.get(key) and implied not in out:
            out.append(implied)
    return out


def date_parts(text: str | None) -> tuple[int | None, int | None, int | None]:
    """``(year, month, day)`` of a PubMed date as written (``2005 Jun``, ``1998 Dec-1999 Jan``)."""
    if not text or not text.strip():
        return (None, None, None)
    return parse_date(text)


def person_from_parts(family: str | None, given: str | None) -> Person:
    """A person from a family and given name (either may be missing)."""
    family, given = squash(family) or None, squash(given) or None
    return Person(family=family, given=given)


def person_from_fau(value: str) -> Person:
    """A MEDLINE ``FAU`` value (``Bang, Oh Young``) as a person; one without a comma is
    kept literal for the names step."""
    family, sep, given = value.partition(",")
    if not sep:
        return Person(literal=squash(value))
    return person_from_parts(family, given)


def email_in(text: str) -> str | None:
    """The first e-mail address in an affiliation, without a trailing full stop."""
    m = EMAIL.search(text) if "@" in text else None
    return m.group(0).rstrip(".") if m else None


def unique(values: Iterable[str]) -> list[str]:
    """Non-empty values, stripped, without repeats, order kept."""
    seen = dict.fromkeys([" ".join(x.split()) for x in values if x])
    seen.pop("", None)
    return list(seen)


def split_mesh(terms: Iterable[str]) -> tuple[list[str], list[str]]:
    """MeSH terms without major-topic asterisks, and those that were major topics."""
    out: list[str] = []
    major: list[str] = []
    for term in terms:
        clean = squash(term.replace("*", ""))
        if not clean:
            continue
        out.append(clean)
        if "*" in term:
            major.append(clean)
    # The terms are squashed already: only repeats are left to drop.
    return list(dict.fromkeys(out)), list(dict.fromkeys(major))


def pubmed_url(pmid: str | None) -> str | None:
    """The PubMed address of a PMID."""
    return f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/" if pmid else None


def funding_from_gr(value: str) -> Funding:
    """A grant written ``ID/ACRONYM/Agency/Country`` (MEDLINE ``GR``, the page's grant list)."""
    parts = [squash(p) for p in value.split("/")]
    award = parts[0] if parts else ""
    agency = parts[2] if len(parts) > 2 and parts[2] else (parts[1] if len(parts) > 1 else "")
    return Funding(funder=agency or None, award_ids=[award] if award else [])
