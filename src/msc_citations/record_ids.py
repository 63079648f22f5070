"""Stable, readable record ids (``bang2005autologous``), used as the key in every export.

An id depends only on the record's own content (first author, year, first significant
title word), so re-running on the same input gives the same ids; clashes within one batch
get ``b``, ``c``, ... suffixes in input order.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable

from .model import Record

_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "on",
        "in",
        "for",
        "and",
        "or",
        "to",
        "with",
        "from",
        "by",
        "at",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "its",
        "their",
        "this",
        "that",
        "into",
        "via",
        "vs",
        "versus",
    ]
)
_WORD = re.compile(r"[a-z0-9]+")


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text)
    return folded.encode("ascii", "ignore").decode("ascii").lower()


def base_key(record: Record) -> str:
    """The id a record gets before clashes are resolved.

    >>> from msc_citations.model import Person, Record
    >>> base_key(Record(title="Autologous mesenchymal stem cell transplantation",
    ...                 year=2005, authors=[Person(family="Bang", given="Oh Young")]))
    'bang2005autologous'
    """
    family = ""
    for person in record.authors[:1]:
        family = "".join(_WORD.findall(_ascii(person.family or person.literal or "")))[:24]
    word = ""
    for candidate in _WORD.findall(_ascii(record.title or "")):
        if candidate not in _STOPWORDS and not candidate.isdigit():
            word = candidate[:20]
            break
    if family or word:
        return f"{family or 'anon'}{record.year or 'nd'}{word}"
    for reg in record.registry_ids:
        return "".join(_WORD.findall(reg.id.lower())) or "trial"
    for ident in (record.doi, record.pmid, record.pmcid):
        if ident:
            return "id" + hashlib.sha1(ident.lower().encode()).hexdigest()[:10]
    payload = record.model_dump_json(exclude={"id", "source", "related"})
    return "rec" + hashlib.sha1(payload.encode()).hexdigest()[:10]


def _suffix(n: int) -> str:
    # 1 -> "b", 25 -> "z", 26 -> "ba": letters after the first record, which keeps its key.
    letters = ""
    while True:
        n, rem = divmod(n, 26)
        letters = chr(ord("a") + rem) + letters
        if n == 0:
            return letters
        n -= 1


class IdAssigner:
    """Unique ids for records coming in batches, in order, as :func:`assign_ids` would
    give them all at once (for records that come without ids)."""

    def __init__(self, taken: set[str] | None = None) -> None:
        self.used = taken if taken is not None else set()
        # The last suffix number taken per base: every smaller one was taken then and stays
        # taken, so the search for the next free key resumes there (linear, not quadratic,
        # when thousands of records share a base).
        self.last: dict[str, int] = {}

    def key(self, record: Record) -> str:
        """The next free id for ``record`` (now taken)."""
        return self.key_for_base(base_key(record))

    def key_for_base(self, base: str) -> str:
        """The next free id for a record whose :func:`base_key` is ``base`` (now taken)."""
        n = self.last.get(base, 0)
        key = base + _suffix(n) if n else base
        while key in self.used:
            n += 1
            key = base + _suffix(n)
        self.last[base] = n
        self.used.add(key)
        return key

    def assign(self, records: list[Record], *, copy: bool = True) -> list[Record]:
        """``records`` with ids given to those without one (replaced in the list itself, so
        the input is not held twice); with ``copy=False`` the records themselves get the
        ids (for records nobody else holds)."""
        for i, rec in enumerate(records):
            if not rec.id:
                if copy:
                    records[i] = rec.model_copy(update={"id": self.key(rec)})
                else:
                    rec.id = self.key(rec)
        return records


KeyedJson = tuple[str, str]
"""A record without an id as ``(base key, JSON text)``: what a writer of JSON Lines needs to
give it its id and write it, without the model."""

_NO_ID = '{"id":null'


def keyed_json(record: Record) -> KeyedJson:
    """``record`` without its id, as its :func:`base_key` and its JSON text."""
    if record.id:
        record = record.model_copy(update={"id": None})
    return base_key(record), record.model_dump_json()


def json_with_id(text: str, key: str) -> str:
    """The JSON text of a record without an id (from :func:`keyed_json`) with the id ``key``:
    the text ``record.model_copy(update={"id": key}).model_dump_json()`` would give."""
    if text.startswith(_NO_ID):  # the id is the first key of a record
        return '{"id":' + json.dumps(key, ensure_ascii=False) + text[len(_NO_ID) :]
    return Record.model_validate_json(text).model_copy(update={"id": key}).model_dump_json()


def assign_ids(records: Iterable[Record], taken: set[str] | None = None, *, copy: bool = True) -> list[Record]:
    """Give every record without an id a unique one; records with ids keep them. The
    records given are left unchanged unless ``copy=False``."""
    assigner = IdAssigner(taken)
    pending = list(records)
    for rec in pending:
        if rec.id:
            assigner.used.add(rec.id)
    return assigner.assign(pending, copy=copy)
