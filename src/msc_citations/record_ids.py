"""Stable, readable record ids (``bang2005autologous``), used as the key in every export.

An id depends only on the record's own content (first author, year, first significant
title word), so re-running on the same input gives the same ids; clashes within one batch
get ``b``, ``c``, ... suffixes in input order.
"""

from __future__ import annotations

import hashlib
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
    return "".join(c for c in folded if c.isascii()).lower()


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


def assign_ids(records: Iterable[Record], taken: set[str] | None = None) -> list[Record]:
    """Give every record without an id a unique one; records with ids keep them."""
    used = taken if taken is not None else set()
    out: list[Record] = []
    pending: list[Record] = []
    for rec in records:
        pending.append(rec)
        if rec.id:
            used.add(rec.id)
    for rec in pending:
        if rec.id:
            out.append(rec)
            continue
        base = base_key(rec)
        key, n = base, 0
        while key in used:
            n += 1
            key = base + _suffix(n)
        used.add(key)
        out.append(rec.model_copy(update={"id": key}))
    return out
