"""RIS field map: the data both the RIS reader and writer use.

Written tags follow the RIS 2011 specification and the reader behaviour recorded for
rispy, Citation.js, pandoc and Zotero: ``AU`` only (never mixed with ``A1``), the full
journal title in ``T2`` and the abbreviation in ``J2`` (``JO`` would win over ``T2`` in
pandoc), ``PY`` the year alone with the full date in ``DA``, the PMID in ``AN`` and again
as ``N1  - PMID: n`` (no RIS tag is a PMID tag in every reader).
"""

from __future__ import annotations

TYPE_TO_RIS: dict[str, str] = {
    "journal-article": "JOUR",
    "review": "JOUR",
    "clinical-trial": "RPRT",
    "conference-paper": "CPAPER",
    "book": "BOOK",
    "chapter": "CHAP",
    "thesis": "THES",
    "preprint": "UNPB",
    "other": "GEN",
}
"""Record type -> RIS ``TY``. Trials are reports: Zotero, EndNote and Mendeley show a
``RPRT`` with its title, authors, date and notes; the registry id and design go to ``N1``."""

RIS_TO_TYPE: dict[str, str] = {
    "JOUR": "journal-article",
    "JFULL": "journal-article",
    "EJOUR": "journal-article",
    "MGZN": "journal-article",
    "INPR": "journal-article",
    "ABST": "journal-article",
    "CPAPER": "conference-paper",
    "CONF": "conference-paper",
    "BOOK": "book",
    "EBOOK": "book",
    "EDBOOK": "book",
    "CHAP": "chapter",
    "ECHAP": "chapter",
    "THES": "thesis",
    "UNPB": "preprint",
}
"""RIS ``TY`` -> record type; any other type reads as ``other``."""

SCALAR_TAGS: tuple[tuple[str, str], ...] = (
    ("ID", "id"),
    ("TI", "title"),
    ("T2", "journal"),
    ("J2", "journal_abbrev"),
    ("VL", "volume"),
    ("IS", "issue"),
    ("PB", "publisher"),
    ("LA", "language"),
    ("DO", "doi"),
    ("AN", "pmid"),
    ("UR", "url"),
    ("AB", "abstract"),
)
"""Tags written for one-valued fields, in the order they are written."""

LIST_TAGS: tuple[tuple[str, str], ...] = (("SN", "issn"), ("KW", "keywords"))
"""Tags written once per item of a list field."""

NATIVE_FIELDS: frozenset[str] = frozenset(
    ({field for _, field in SCALAR_TAGS + LIST_TAGS} | {"title", "authors", "year", "month", "day", "pages"}) - {"pmid"}
)
"""Fields with a tag of their own; the rest go to ``N1`` note lines (the PMID goes to both)."""

READ_ALIASES: dict[str, str] = {
    "T1": "TI",
    "CT": "TI",
    "JF": "T2",
    "SO": "T2",
    "JA": "J2",
    "JI": "J2",
    "J9": "J2",
    "N2": "AB",
    "DI": "DO",
    "BP": "SP",
    "Y1": "PY",
    "PD": "DA",
    "PM": "PMID",
}
"""Tags of other dialects (old RIS, Web of Science, PubMed-derived files) -> our tag.
``JO`` is the journal unless a fuller title (``T2``/``JF``) is also given, then the
abbreviation; see the reader."""

AUTHOR_TAGS: frozenset[str] = frozenset({"AU", "A1"})
"""Author tags read in file order (``A1`` and ``AU`` are one list)."""

FULL_AUTHOR_TAG = "AF"
"""Web of Science writes abbreviated names in ``AU`` and full names in ``AF``; ``AF`` wins."""

NON_PUBMED_DATABASES: tuple[str, ...] = ("embase", "scopus", "web of science", "wos", "cinahl", "psycinfo")
"""A digits-only ``AN`` is a PMID unless ``DB``/``DP`` names one of these databases."""
