"""The compact key table deduplication works on: one row of short keys per record.

Holding pydantic records costs about 4.6 KB each and reading fields through them is slow,
so every comparison runs on these parallel lists instead, built in one pass.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from sys import intern

from ..model import Record
from .authors import letters_key, name_keys
from .text import doi_keys, number_key, page_keys, text_key, work_key

# Title words that make a record a different work from the paper it names.
NOTICE_WORDS = {
    "erratum": 1,
    "errata": 1,
    "corrigendum": 1,
    "correction": 1,
    "retraction": 2,
    "retracted": 2,
    "comment": 4,
    "commentary": 4,
    "reply": 8,
    "response": 8,
    "author": 8,
    "authors": 8,
    "protocol": 16,
}
# "WITHDRAWN: <title>" (Cochrane, articles in press) is the withdrawn item itself, not a
# separate notice, so it is no notice word.
# Only the first words (and a bracketed note) mark a notice: "Correction of hyperglycaemia
# by ..." also starts with one, but then both copies carry it and the flags agree.
NOTICE_SPAN = 4
ABSTRACT_KEY_CHARS = 300
AUTHORS_KEPT = 12
NAME_CACHE = 1 << 18
AUTHOR_LETTERS = 40
# Databases append the original language to a translated title ("... preconditioning. Russian").
LANGUAGE_WORDS = frozenset(
    [
        "german",
        "french",
        "spanish",
        "russian",
        "chinese",
        "japanese",
        "korean",
        "portuguese",
        "italian",
        "polish",
        "hungarian",
        "czech",
        "dutch",
        "turkish",
        "persian",
        "danish",
        "swedish",
        "norwegian",
        "finnish",
        "greek",
        "hebrew",
        "croatian",
        "serbian",
        "slovak",
    ]
)
LANGUAGE_SPAN = 12
# Web of Science titles an erratum as the corrected article's title plus where that
# appeared, "... (vol 27, pg 305, 2017)"; it flags the article itself with a note,
# "... (Retracted article. See ...)", "... (Withdrawn paper. 1996 art. no. CD000153)".
ERRATUM_NOTE = re.compile(r" vol \d{1,5}(?: pg| p)? [a-z]?\d{1,9} (?:19|20)\d\d$")
ARTICLE_NOTE = re.compile(r" (?:retracted article|withdrawn paper|retracted paper)(?: [a-z0-9]{1,20}){0,10}$")
ERRATUM_FLAG = 1
MIN_HEAD_CHARS = 8
MAX_ISSUE_DIGITS = 2


@dataclass(slots=True)
class KeyTable:
    """Parallel per-record keys; row ``i`` describes ``records[i]``."""

    ids: list[str] = field(default_factory=list)
    title: list[str] = field(default_factory=list)
    alt_title: list[str] = field(default_factory=list)
    notice: list[int] = field(default_factory=list)
    translated: list[bool] = field(default_factory=list)
    dois: list[tuple[str, ...]] = field(default_factory=list)
    work: list[str] = field(default_factory=list)
    pmid: list[str] = field(default_factory=list)
    pmcid: list[str] = field(default_factory=list)
    registry: list[tuple[str, ...]] = field(default_factory=list)
    year: list[int] = field(default_factory=list)
    page1: list[str] = field(default_factory=list)
    page2: list[str] = field(default_factory=list)
    volume: list[str] = field(default_factory=list)
    issue: list[str] = field(default_factory=list)
    journal: list[str] = field(default_factory=list)
    author1: list[str] = field(default_factory=list)
    authors: list[tuple[str, ...]] = field(default_factory=list)
    name_words: list[tuple[str, ...]] = field(default_factory=list)
    author_letters: list[str] = field(default_factory=list)
    abstract: list[str] = field(default_factory=list)
    trial: list[bool] = field(default_factory=list)
    isbn: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.ids)


def _names_language(title_key: str) -> bool:
    return not LANGUAGE_WORDS.isdisjoint(title_key.rsplit(" ", LANGUAGE_SPAN)[-LANGUAGE_SPAN:])


def strip_notes(title_key: str) -> tuple[str, int]:
    """The title key without a database's trailing note, and the notice flag the note
    implies (an erratum's "vol N pg N year" note; none for a retracted-article note).

    >>> strip_notes("meta analysis of data from animal studies a practical guide vol 221 pg 92 2014")
    ('meta analysis of data from animal studies a practical guide', 1)
    >>> strip_notes("the copper radioisotopes retracted article see art no 3860745 2018")
    ('the copper radioisotopes', 0)
    """
    if " vol " not in title_key and " paper" not in title_key and " article" not in title_key:
        return title_key, 0
    m = ERRATUM_NOTE.search(title_key)
    if m and m.start() >= MIN_HEAD_CHARS:
        return title_key[: m.start()], ERRATUM_FLAG
    m = ARTICLE_NOTE.search(title_key)
    if m and m.start() >= MIN_HEAD_CHARS:
        return title_key[: m.start()], 0
    return title_key, 0


def notice_flags(title_key: str) -> int:
    """Bit flags for erratum / retraction / comment / reply / editorial / protocol titles."""
    flags = 0
    for word in title_key.split(" ", NOTICE_SPAN)[:NOTICE_SPAN]:
        if word in NOTICE_WORDS:
            flags |= NOTICE_WORDS[word]
    return flags


@lru_cache(maxsize=NAME_CACHE)
def _journal_key(journal: str | None) -> str:
    # Few distinct journals, many records: one shared key string per journal.
    return intern(text_key(journal))


@lru_cache(maxsize=NAME_CACHE)
def _person_keys(family: str | None, given: str | None, literal: str | None) -> tuple[str, str, tuple[str, ...], str]:
    # The same names recur across copies of a record: key each distinct name once.
    fam, sig, words = name_keys(family, given, literal)
    return fam, sig, tuple(words), letters_key(family, given, literal)


PersonKeys = tuple[str, str, tuple[str, ...], str]


def _name_sets(keys: list[PersonKeys]) -> tuple[tuple[str, ...], tuple[str, ...], str]:
    # Tuples, not sets: a set costs over 200 bytes a row, and only compared pairs need one.
    signatures = tuple(dict.fromkeys(k[1] for k in keys if k[1]))
    words = tuple(dict.fromkeys(w for k in keys for w in k[2]))
    letters = "".join(k[3] for k in keys)[:AUTHOR_LETTERS]
    return signatures, words, letters


def _authors(rec: Record) -> tuple[str, tuple[str, ...], tuple[str, ...], str]:
    people = rec.authors[:AUTHORS_KEPT]
    if not people:
        return "", (), (), ""
    keys = [_person_keys(p.family, p.given, p.literal) for p in people]
    return (keys[0][0], *_name_sets(keys))


def _registry(rec: Record) -> tuple[str, ...]:
    return tuple(sorted({r.id.upper().replace(" ", "") for r in rec.registry_ids if r.id}))


def _clean_number(value: str | None) -> str:
    # Only a plain number counts: "1)" or "5 Suppl 2" are export debris that would
    # otherwise make two copies of one abstract look like different volumes.
    text = (value or "").strip()
    return text.lstrip("0") or "0" if text.isdigit() else ""


def split_title(title: str | None) -> tuple[str, str]:
    """(title, bracketed other-language title) as keys.

    MEDLINE and Scopus append the original-language title in brackets
    (``Crowdwork ... [Arbeiten in der Crowd ...]``) or bracket a translated title whole;
    EndNote puts it on a line of its own after the language (``... anaesthetics. German``).
    """
    if not title:
        return "", ""
    text = title.strip().rstrip(".")
    if "\n" in text:
        # EndNote: "Myocardial protection by volatile anaesthetics. German\nMyokardprotektion ..."
        first, rest = text.split("\n", 1)
        words = first.rstrip(" .").rsplit(None, 1)
        if len(words) == 2 and words[1].lower() in LANGUAGE_WORDS and len(words[0]) >= MIN_HEAD_CHARS:
            return text_key(words[0]), text_key(rest)
    if text.endswith("]") and "[" in text:
        cut = text.rfind("[")
        head, tail = text[:cut], text[cut + 1 : -1]
        if len(head.strip()) >= MIN_HEAD_CHARS:
            return text_key(head), text_key(tail)
    return text_key(text), ""


def _add(table: KeyTable, index: int, rec: Record) -> None:
    title, alt = split_title(rec.title)
    title, note = strip_notes(title)
    if not alt and rec.alt_titles:
        alt = text_key(rec.alt_titles[0].text)
    first, last = page_keys(rec.pages, rec.page_first)
    if rec.page_last and not rec.pages:
        last = number_key(rec.page_last)
    author1, tokens, words, letters = _authors(rec)
    table.ids.append(rec.id or f"#{index}")
    table.title.append(title)
    table.alt_title.append(alt)
    table.notice.append(notice_flags(title) | note)
    table.translated.append(bool(alt) or (rec.title or "").lstrip().startswith("[") or _names_language(title))
    dois = doi_keys(rec.doi)
    journal = _journal_key(rec.journal or rec.journal_abbrev)
    table.dois.append(dois)
    table.work.append(work_key(dois, journal, rec.pages or rec.page_first))
    table.pmid.append((rec.pmid or "").strip())
    table.pmcid.append((rec.pmcid or "").strip().upper())
    table.registry.append(_registry(rec))
    table.year.append(rec.year or 0)
    table.page1.append(first)
    table.page2.append(last)
    table.volume.append(_clean_number(rec.volume))
    issue = _clean_number(rec.issue)
    # Longer "issue" numbers are mostly reference-manager record numbers, not issues.
    table.issue.append(issue if len(issue) <= MAX_ISSUE_DIGITS else "")
    table.journal.append(journal)
    table.author1.append(author1)
    table.authors.append(tokens)
    table.name_words.append(words)
    table.author_letters.append(letters)
    table.abstract.append(text_key(rec.abstract[:ABSTRACT_KEY_CHARS]) if rec.abstract else "")
    table.trial.append(rec.type == "clinical-trial")
    isbn = rec.extra.get("isbn") if rec.extra else None
    table.isbn.append(str(isbn).replace("-", "").strip() if isbn else "")


def add_plain_row(table: KeyTable, row: dict[str, object]) -> None:
    """Add one row from a plain mapping (``id, title, authors`` as a list of name strings,
    ``year, journal, volume, issue, pages, doi, pmid, abstract``) without building a
    record: the path for very large inputs, where a million records would not fit."""
    text = {k: v if isinstance(v, str) else str(v) for k, v in row.items() if v is not None and k != "authors"}
    title, alt = split_title(text.get("title"))
    title, note = strip_notes(title)
    first, last = page_keys(text.get("pages"))
    people = row.get("authors")
    raw_names = [str(a) for a in people[:AUTHORS_KEPT]] if isinstance(people, list) else []
    names = [_person_keys(None, None, a) for a in raw_names]
    table.ids.append(text.get("id") or f"#{len(table.ids)}")
    table.title.append(title)
    table.alt_title.append(alt)
    table.notice.append(notice_flags(title) | note)
    table.translated.append(bool(alt) or (text.get("title") or "").lstrip().startswith("[") or _names_language(title))
    dois = doi_keys(text.get("doi"))
    journal = _journal_key(text.get("journal"))
    table.dois.append(dois)
    table.work.append(work_key(dois, journal, text.get("pages")))
    table.pmid.append((text.get("pmid") or "").strip())
    table.pmcid.append((text.get("pmcid") or "").strip().upper())
    table.registry.append(())
    year = row.get("year")
    table.year.append(year if isinstance(year, int) else 0)
    table.page1.append(first)
    table.page2.append(last)
    table.volume.append(_clean_number(text.get("volume")))
    issue = _clean_number(text.get("issue"))
    table.issue.append(issue if len(issue) <= MAX_ISSUE_DIGITS else "")
    table.journal.append(journal)
    table.author1.append(names[0][0] if names else "")
    signatures, words, letters = _name_sets(names)
    table.authors.append(signatures)
    table.name_words.append(words)
    table.author_letters.append(letters)
    abstract = text.get("abstract")
    table.abstract.append(text_key(abstract[:ABSTRACT_KEY_CHARS]) if abstract else "")
    table.trial.append(False)
    table.isbn.append((text.get("isbn") or "").replace("-", "").strip())


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while millions of small keys are allocated.

    The key table creates no reference cycles, but each full collection walks every
    tracked tuple and set built so far: at a million rows those walks, not the work,
    dominate and make the run grow faster than linearly.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def add_record(table: KeyTable, rec: Record) -> None:
    """Add the row of ``rec`` as the next row of ``table`` (as :func:`build_table` would)."""
    _add(table, len(table), rec)


def build_table(records: Sequence[Record]) -> KeyTable:
    """The key table of ``records`` (one pass, no record is copied)."""
    table = KeyTable()
    with gc_paused():
        for index, rec in enumerate(records):
            _add(table, index, rec)
    return table


def table_from_rows(rows: Iterable[dict[str, object]]) -> KeyTable:
    """The key table of plain rows (see :func:`add_plain_row`), e.g. streamed from a file."""
    table = KeyTable()
    with gc_paused():
        for row in rows:
            add_plain_row(table, row)
    return table
