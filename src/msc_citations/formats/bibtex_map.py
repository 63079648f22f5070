"""BibTeX/BibLaTeX field map: the data both the BibTeX reader and writer use."""

from __future__ import annotations

TYPE_TO_BIBTEX: dict[str, str] = {
    "journal-article": "article",
    "review": "article",
    "clinical-trial": "techreport",
    "conference-paper": "inproceedings",
    "book": "book",
    "chapter": "inbook",
    "thesis": "phdthesis",
    "preprint": "unpublished",
    "other": "misc",
}
"""Record type -> entry type. A chapter is ``@inbook`` with a ``booktitle`` (BibLaTeX's
meaning, which pandoc, Citation.js and citeproc-py all read as a chapter; citeproc-py
reads ``@incollection`` as a journal article). A trial is a ``@techreport`` with ``type = {Clinical trial
registration}`` and the registry id as its ``number``, which BibTeX styles, Zotero and
CSL processors print as a report."""

BIBTEX_TO_TYPE: dict[str, str] = {
    "article": "journal-article",
    "inproceedings": "conference-paper",
    "conference": "conference-paper",
    "book": "book",
    "incollection": "chapter",
    "inbook": "chapter",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "unpublished": "preprint",
}
"""Entry type -> record type; any other entry type reads as ``other``."""

TRIAL_REPORT_TYPE = "Clinical trial registration"
"""The report ``type`` (CSL ``genre``, RIS-free) that marks a trial registration."""

CONTAINER_FIELD: dict[str, str] = {"conference-paper": "booktitle", "chapter": "booktitle"}
"""Record types whose ``journal`` is written as ``booktitle``; the rest use ``journal``."""

SCALAR_FIELDS: tuple[tuple[str, str], ...] = (
    ("title", "title"),
    ("journal", "journal"),
    ("shortjournal", "journal_abbrev"),
    ("year", "year"),
    ("month", "month"),
    ("volume", "volume"),
    ("number", "issue"),
    ("pages", "pages"),
    ("publisher", "publisher"),
    ("doi", "doi"),
    ("pmid", "pmid"),
    ("pmcid", "pmcid"),
    ("url", "url"),
    ("language", "language"),
    ("abstract", "abstract"),
)
"""(field, record field) written in this order; ``author``, ``issn``, ``keywords`` and
``note`` are written by code."""

VERBATIM_FIELDS: frozenset[str] = frozenset({"doi", "url", "pmid", "pmcid", "eprint", "issn", "isbn"})
"""Fields written and read without LaTeX escaping (identifiers and addresses)."""

NATIVE_FIELDS: frozenset[str] = frozenset(
    {field for _, field in SCALAR_FIELDS} | {"authors", "issn", "keywords", "id", "page_first", "page_last"}
)
"""Record fields with a BibTeX field of their own; the rest go to ``note`` lines."""

READ_ALIASES: dict[str, str] = {
    "journaltitle": "journal",
    "booktitle": "journal",
    "journal-iso": "shortjournal",
    "journalabbrev": "shortjournal",
    "issue": "number",
    "langid": "language",
    "school": "publisher",
    "institution": "publisher",
    "howpublished": "publisher",
}
"""BibLaTeX and other dialects' field names -> our field name."""

MONTH_MACROS: dict[str, str] = {
    "jan": "1",
    "feb": "2",
    "mar": "3",
    "apr": "4",
    "may": "5",
    "jun": "6",
    "jul": "7",
    "aug": "8",
    "sep": "9",
    "oct": "10",
    "nov": "11",
    "dec": "12",
}
"""The month macros every BibTeX style defines."""

MONTH_NAMES: tuple[str, ...] = ("", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
