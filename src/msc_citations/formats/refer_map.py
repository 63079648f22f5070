"""Refer/EndNote tagged-format field map, shared by the reader and the writer.

Tag meanings are EndNote's (its "EndNote Import" filter and the tagged files it exports);
CNKI and Wanfang export the same tags, with their own habits handled by the reader.
"""

from __future__ import annotations

TYPE_TO_REFER: dict[str, str] = {
    "journal-article": "Journal Article",
    "review": "Journal Article",
    "clinical-trial": "Report",
    "conference-paper": "Conference Paper",
    "book": "Book",
    "chapter": "Book Section",
    "thesis": "Thesis",
    "preprint": "Unpublished Work",
    "other": "Generic",
}
"""Record type -> ``%0`` reference type."""

REFER_TO_TYPE: dict[str, str] = {
    "journal article": "journal-article",
    "electronic article": "journal-article",
    "conference paper": "conference-paper",
    "conference proceedings": "conference-paper",
    "book": "book",
    "edited book": "book",
    "book section": "chapter",
    "thesis": "thesis",
    "unpublished work": "preprint",
}
"""``%0`` (lower case) -> record type; other types read as ``other``."""

SCALAR_TAGS: tuple[tuple[str, str], ...] = (
    ("F", "id"),
    ("T", "title"),
    ("J", "journal"),
    ("O", "journal_abbrev"),
    ("D", "year"),
    ("V", "volume"),
    ("N", "issue"),
    ("P", "pages"),
    ("I", "publisher"),
    ("R", "doi"),
    ("M", "pmid"),
    ("U", "url"),
    ("G", "language"),
    ("X", "abstract"),
)
"""(tag, record field) for one-valued fields, in the order written."""

LIST_TAGS: tuple[tuple[str, str], ...] = (("@", "issn"), ("K", "keywords"))
"""Tags repeated once per item of a list field."""

DATE_TAG = "8"
"""EndNote's full date (``2005-06-03``); ``%D`` holds the year."""

NOTE_TAG = "Z"
AUTHOR_TAG = "A"
CONTAINER_TAG = "B"
"""``%B`` (secondary title) is the book or proceedings title of a chapter or paper."""

SPLIT_TAGS: frozenset[str] = frozenset({"A", "K"})
"""Tags that CNKI sometimes packs several values into, separated by ``;``."""

NATIVE_FIELDS: frozenset[str] = frozenset(
    ({f for _, f in SCALAR_TAGS + LIST_TAGS} | {"authors", "month", "day", "page_first", "page_last"}) - {"pmid"}
)
"""Record fields with a tag; the rest go to ``%Z`` lines (the PMID goes to both, because
``%M`` is any accession number)."""
