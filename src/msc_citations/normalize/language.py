"""Language and country: one code set (ISO 639-1 codes, ISO 3166 names), the page's word kept.

``Korean`` / ``kor`` / ``한국어`` -> ``ko``; ``South Korea`` / ``Korea`` -> ``Republic of Korea``.
The word as the page wrote it goes to ``extra["language_as_written"]`` /
``extra["country_as_written"]`` when the step changes it.
"""

from __future__ import annotations

import re
import unicodedata

from ..model import Record
from ..results import ParseIssue
from ._data import load_json

_LANGUAGES: dict[str, str] = load_json("languages.json")["names"]
_LANGUAGE_CODES: frozenset[str] = frozenset(load_json("languages.json")["english_names"])
_COUNTRIES: dict[str, str] = load_json("countries.json")["aliases"]
_COUNTRY_NAMES: frozenset[str] = frozenset(_COUNTRIES.values())
_STRIP_CHARS = " \t\r\n.:;,()[]-–"
_SEPARATORS = re.compile(r"[;,/|、]|\band\b")
MAX_WORD_LENGTH = 80
"""Longer values are not one language or country name; they are left as written."""


def _key(word: str) -> str:
    value = unicodedata.normalize("NFC", " ".join(word.split()))
    return value.strip(_STRIP_CHARS).casefold()


def language_code(word: str) -> str | None:
    """The ISO 639-1 code of a language name or code, or ``None`` when unknown.

    >>> language_code("Korean"), language_code("eng"), language_code("中文"), language_code("Klingon")
    ('ko', 'en', 'zh', None)
    """
    if not word or len(word) > MAX_WORD_LENGTH:
        return None
    return _LANGUAGES.get(_key(word))


def country_name(word: str) -> str | None:
    """The ISO 3166 English name of a country as written, or ``None`` when unknown.

    >>> country_name("South Korea"), country_name("Republic of Korea"), country_name("Peoples R China")
    ('Republic of Korea', 'Republic of Korea', 'China')
    """
    if not word or len(word) > MAX_WORD_LENGTH:
        return None
    return _COUNTRIES.get(_key(word))


def _languages(value: str) -> list[str] | None:
    """Codes for one or more languages written together (``English; Korean``)."""
    code = language_code(value)
    if code is not None:
        return [code]
    if len(value) > MAX_WORD_LENGTH:
        return None
    parts = [p.strip() for p in _SEPARATORS.split(value) if p.strip()]
    codes = [language_code(p) for p in parts]
    if len(parts) > 1 and all(codes):
        return list(dict.fromkeys(c for c in codes if c))
    return None


def _with_written(extra: dict[str, object], key: str, word: str) -> dict[str, object]:
    if key in extra:
        return extra
    return {**extra, key: word}


def normalize_language(record: Record, issues: list[ParseIssue]) -> Record:
    """Step: ``language`` to ISO 639-1 codes (several joined by ``;``), ``country`` to its
    ISO 3166 name; the words as written are kept in ``extra``."""
    update: dict[str, object] = {}
    extra = record.extra
    if record.language and record.language not in _LANGUAGE_CODES:
        codes = _languages(record.language)
        if codes is None:
            issues.append(
                ParseIssue(f"unknown language {record.language!r}", field="language", where="normalize.language")
            )
        elif ";".join(codes) != record.language:
            update["language"] = ";".join(codes)
            extra = _with_written(extra, "language_as_written", record.language)
    if record.country and record.country not in _COUNTRY_NAMES:
        name = country_name(record.country)
        if name is None:
            issues.append(
                ParseIssue(f"unknown country {record.country!r}", field="country", where="normalize.language")
            )
        else:
            update["country"] = name
            extra = _with_written(extra, "country_as_written", record.country)
    if not update:
        return record
    if extra is not record.extra:
        update["extra"] = extra
    return record.model_copy(update=update)
