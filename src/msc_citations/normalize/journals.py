"""Journal titles: ALL-CAPS titles re-cased, abbreviations and ISSNs resolved to full titles.

The bundled table ``data/journals.tsv`` maps NLM abbreviations and ISSNs to full titles for
journals the supported sources often show; :func:`add_journals` and
:func:`load_journal_file` extend it at run time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from ..model import Record
from ..results import ParseIssue
from ._data import load_json, load_tsv

_WORDS = load_json("title_words.json")
SMALL_WORDS: frozenset[str] = frozenset(_WORDS["small_words"])
ACRONYMS: dict[str, str] = {word.upper(): word for word in _WORDS["acronyms"]}
_ISSN = re.compile(r"^(\d{4})-?(\d{3}[\dXx])$")
_KEY_DROP = re.compile(r"[.,:;()\[\]'\"’]")
_TOKENS = re.compile(r"(\s+|[-/])")
_VOWELS = frozenset("AEIOUY")

_BY_KEY: dict[str, str] = {}
_BY_ISSN: dict[str, str] = {}
_ABBREV_OF: dict[str, str] = {}


@lru_cache(maxsize=4096)
def _key(text: str) -> str:
    """The lookup key of a title (case, punctuation and a leading "the" ignored); journal
    names repeat across a library, so keys are remembered."""
    value = _KEY_DROP.sub(" ", text.casefold().replace("&", " and "))
    value = " ".join(value.split())
    return value[4:] if value.startswith("the ") else value


def normalize_issn(text: str) -> str | None:
    """``12345678`` / ``1234-567x`` -> ``1234-567X``; ``None`` when it is not an ISSN."""
    match = _ISSN.match(text.strip()) if text else None
    return f"{match.group(1)}-{match.group(2).upper()}" if match else None


def add_journals(rows: Iterable[Sequence[str]]) -> None:
    """Add ``(title, abbreviation, issn, ...)`` rows to the lookup table (later rows win)."""
    for row in rows:
        if not row or not row[0].strip():
            continue
        title = row[0].strip()
        _BY_KEY.setdefault(_key(title), title)
        if len(row) > 1 and row[1].strip():
            _BY_KEY[_key(row[1])] = title
            _ABBREV_OF[_key(title)] = row[1].strip()
        for issn in row[2:]:
            if (norm := normalize_issn(issn)) is not None:
                _BY_ISSN[norm] = title


def load_journal_file(path: str | Path) -> None:
    """Extend the table from a TSV file laid out like the bundled ``journals.tsv``."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]
    add_journals(row for row in rows if row[0].strip().lower() != "title")


add_journals(load_tsv("journals.tsv"))


def lookup_journal(abbrev_or_issn: str) -> str | None:
    """The full title for an NLM abbreviation, an ISSN or a title in any case, if known.

    >>> lookup_journal("Ann Neurol"), lookup_journal("1449-1907"), lookup_journal("Nope J")
    ('Annals of Neurology', 'International Journal of Medical Sciences', None)
    """
    if not abbrev_or_issn:
        return None
    issn = normalize_issn(abbrev_or_issn)
    if issn is not None:
        return _BY_ISSN.get(issn)
    return _BY_KEY.get(_key(abbrev_or_issn))


def abbreviation_of(title: str) -> str | None:
    """The table's abbreviation for a full title (``Annals of Neurology`` -> ``Ann Neurol``)."""
    return _ABBREV_OF.get(_key(title)) if title else None


def _case_word(word: str, first: bool) -> str:
    upper = word.upper()
    if upper in ACRONYMS:
        return ACRONYMS[upper]
    lower = word.lower()
    if not first and lower in SMALL_WORDS:
        return lower
    letters = [c for c in upper if c.isalpha()]
    if 1 < len(letters) <= 4 and not any(c in _VOWELS for c in letters):
        return word  # a vowel-less capital run is an acronym (BMC, CNS, NMR)
    lead = len(word) - len(word.lstrip("(\"'["))
    return word[:lead] + lower[lead : lead + 1].upper() + lower[lead + 1 :]


def title_case(text: str) -> str:
    """Title-case an ALL-CAPS title: small words lower, acronyms kept.

    >>> title_case("INTERNATIONAL JOURNAL OF MEDICAL SCIENCES")
    'International Journal of Medical Sciences'
    """
    parts = _TOKENS.split(text)
    out: list[str] = []
    first = True
    for part in parts:
        if not part or part.isspace() or part in "-/":
            out.append(part)
            continue
        out.append(_case_word(part, first))
        first = part.endswith(":")
    return "".join(out)


def _is_all_caps(text: str) -> bool:
    if text.isascii():  # every letter is cased: "no small letter and some capital" is isupper
        return text.isupper() and sum(1 for c in text if c.isalpha()) > 1
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters if c.isascii() or c.lower() != c)


def normalize_journal_title(text: str) -> str:
    """A journal title with white space collapsed; an ALL-CAPS title re-cased (from the table
    when the journal is known, by rule otherwise).

    >>> normalize_journal_title("BMC NEUROLOGY"), normalize_journal_title("Neurology Asia")
    ('BMC Neurology', 'Neurology Asia')
    """
    if not text:
        return text
    value = " ".join(text.split())
    if not _is_all_caps(value):
        return value
    known = _BY_KEY.get(_key(value))
    if known is not None and _key(known) == _key(value):
        return known
    return title_case(value)


def normalize_journals(record: Record, issues: list[ParseIssue]) -> Record:
    """Step: re-case the journal title, fill ``journal`` from the abbreviation or ISSN when only
    those are known, move an abbreviation written as the title to ``journal_abbrev``, and write
    ISSNs as ``1234-567X``."""
    journal, abbrev = record.journal, record.journal_abbrev
    if journal:
        journal = normalize_journal_title(journal)
        full = lookup_journal(journal)
        if not abbrev and full and _key(full) != _key(journal) and abbreviation_of(full) == journal:
            journal, abbrev = full, journal
    if abbrev:
        abbrev = " ".join(abbrev.split())
        if not journal:
            journal = lookup_journal(abbrev)
    issn = [normalize_issn(i) or i.strip() for i in record.issn]
    issn = list(dict.fromkeys(i for i in issn if i))
    if not journal:
        journal = next((t for t in (lookup_journal(i) for i in issn) if t), None)
    update = {"journal": journal, "journal_abbrev": abbrev, "issn": issn}
    if all(getattr(record, key) == value for key, value in update.items()):
        return record
    return record.model_copy(update=update)
