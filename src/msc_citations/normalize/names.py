"""Personal names: split, re-case and clean authors.

Handles ``Chung, Jong-Won``; ``Jong-Won Chung``; ``Hyun Young KIM`` and ``KIM Hyun Young``
(the capitalised word is the family name); MEDLINE ``Bang OY`` and ``Bang, O. Y.``;
particles (``van der``, ``de la``); suffixes (``Jr``, ``III``); degrees (``, MD, PhD``);
Han and Hangul names (family first, compound surnames known); romanised Chinese and
Korean names written family first; organisations (kept as ``literal``).
"""

from __future__ import annotations

import re

from ..model import Person, Record
from ..results import ParseIssue
from ._data import load_json, word_set
from .names_cjk import has_cjk, parse_cjk_name

_DATA = "name_particles.json"
PARTICLES = word_set(_DATA, "particles")
SUFFIXES = word_set(_DATA, "suffixes")
DEGREES = word_set(_DATA, "degrees")
TITLES = word_set(_DATA, "titles")
ORGANISATION_WORDS = word_set(_DATA, "organisation_words")
ORGANISATION_CJK: tuple[str, ...] = tuple(load_json(_DATA)["organisation_cjk"])
ROMANIZED_SURNAMES = word_set(_DATA, "romanized_surnames")
MAC_NAMES = word_set(_DATA, "mac_names")
MAX_NAME_LENGTH = 200
"""Longer author strings are not one person's name; they stay ``literal``."""

# Affiliation markers, footnote symbols and e-mail addresses around a name.
_MARKER_CHARS_END = " \t\n\r0123456789,;*†‡§¶#¹²³⁰⁴⁵⁶⁷⁸⁹[]()"
_MARKER_CHARS_START = " \t\n\r0123456789,;*†‡§¶#¹²³⁰⁴⁵⁶⁷⁸⁹[]()"
_EMAIL = re.compile(r"\S{1,64}@\S{1,255}")
_INITIALS = re.compile(r"^(?:(?:[A-Z]-?){1,3}|(?:[A-Z]\.-?){1,4})$")
_INITIALS_SPACED = re.compile(r"^(?:[A-Z](?:\.\s?|\s|-|$)){1,4}$")
_ROMAN = re.compile(r"^[IVX]{1,5}$")
# One romanised Chinese/Korean syllable: onset, vowel group, optional coda. A token made of
# one to three such syllables can be a given name written after the family name.
_SYLLABLES = re.compile(
    r"^(?:(?:ch|sh|zh|kk|tt|pp|ss|jj|[bcdfghjklmnpqrstwxyz])?(?:[aeiouy]{1,3})(?:ng|n|m|k|l|p|t|r)?){1,3}$"
)
_MAX_SYLLABLE_TOKEN = 12
_WORD_SPLIT = re.compile(r"([\s\-'’]+)")


_ORGANISATION_WORD = re.compile(r"[^\W\d_][\w.&'-]{0,40}")


def _has_lower(text: str) -> bool:
    """True when ``text`` has a lower-case letter."""
    if text.isascii():
        return text != text.upper()
    return any(ch.islower() for ch in text)


def _all_caps(text: str) -> bool:
    """True when ``text`` has a capital letter and no lower-case one."""
    if text.isascii():
        return text.isupper()
    return not any(ch.islower() for ch in text) and any(ch.isupper() for ch in text)


def _initials(token: str) -> str:
    """``OY`` -> ``O. Y.``; ``J-W`` -> ``J.-W.``; ``O.Y.`` -> ``O. Y.``."""
    out: list[str] = []
    for ch in token.replace(" ", ""):
        if ch.isalpha():
            out.append(f" {ch}.")
        elif ch == "-" and out:
            out[-1] = out[-1] + "-"
    return "".join(out).replace(".- ", ".-").strip()


def _recase_word(word: str) -> str:
    low = word.lower()
    if _ROMAN.match(word) and low in SUFFIXES:
        return word
    if low in PARTICLES:
        return low
    if low.startswith("mc") and len(low) > 3:
        return "Mc" + low[2].upper() + low[3:]
    if low in MAC_NAMES:
        return "Mac" + low[3].upper() + low[4:]
    return low[:1].upper() + low[1:]


def recase_family(text: str) -> str:
    """Re-case an ALL-CAPS name (``KIM`` -> ``Kim``, ``MCDONALD`` -> ``McDonald``,
    ``O'BRIEN`` -> ``O'Brien``, ``VAN DER BERG`` -> ``van der Berg``); other text unchanged.

    >>> recase_family("KIM"), recase_family("MCDONALD"), recase_family("Kim-Lee")
    ('Kim', 'McDonald', 'Kim-Lee')
    """
    if not text or not _all_caps(text):
        return text
    parts = _WORD_SPLIT.split(text)
    words = [p if i % 2 else _recase_word(p) for i, p in enumerate(parts)]
    if words and words[0] in PARTICLES and len([w for w in words[::2] if w]) > 1:
        # A leading particle of an all-caps name: "VAN DER BERG" -> "van der Berg".
        return "".join(words)
    result = "".join(words)
    return result[:1].upper() + result[1:] if result[:1].islower() and len(words) == 1 else result


def _recase_given(text: str, family_caps: bool = False) -> str:
    """Re-case an ALL-CAPS given name (``HYUN YOUNG``) but write initials as ``O. Y.``.

    Two or three capitals after a mixed-case family name are initials (``Bang OY``); after an
    all-caps family name a pronounceable word is a name (``ZHANG, LI``).
    """
    if not text or not _all_caps(text):
        return text
    compact = text.replace(" ", "").replace("-", "").replace(".", "")
    short = len(compact) <= 3 and " " not in text.strip() and compact.isalpha() and "." not in text
    if short and not (family_caps and len(compact) > 1 and _syllabic(compact)):
        return _initials(text)
    if _INITIALS_SPACED.match(text):
        return _initials(text)
    return "".join(p if i % 2 else _recase_word(p) for i, p in enumerate(_WORD_SPLIT.split(text)))


def _strip_markers(text: str) -> str:
    text = _EMAIL.sub(" ", text) if "@" in text else text
    text = " ".join(text.split())
    return text.rstrip(_MARKER_CHARS_END).lstrip(_MARKER_CHARS_START).strip(" ,;")


def _is_degree(part: str) -> bool:
    words = part.replace(",", " ").split()
    return bool(words) and all(w.casefold() in DEGREES for w in words)


def _drop_degrees(tokens: list[str]) -> list[str]:
    while len(tokens) > 2 and tokens[-1].casefold().rstrip(",") in DEGREES and len(tokens[-1]) > 2:
        tokens = tokens[:-1]
    while len(tokens) > 2 and tokens[0].casefold() in TITLES:
        tokens = tokens[1:]
    return tokens


def is_organisation(name: str) -> bool:
    """True when ``name`` reads as a group or institution rather than a person."""
    if not name.isascii() and any(word in name for word in ORGANISATION_CJK):
        return True
    words = _ORGANISATION_WORD.findall(name.casefold())
    return (len(words) >= 2 and not ORGANISATION_WORDS.isdisjoint(words)) or len(words) > 8


def _split_suffix(tokens: list[str]) -> tuple[list[str], str]:
    if len(tokens) > 2 and tokens[-1].casefold().rstrip(",") in SUFFIXES:
        return tokens[:-1], tokens[-1].rstrip(",")
    return tokens, ""


def _with_suffix(given: str, suffix: str) -> str | None:
    if suffix:
        return f"{given}, {suffix}" if given else suffix
    return given or None


def _syllabic(token: str) -> bool:
    parts = token.lower().split("-")
    return all(0 < len(p) <= _MAX_SYLLABLE_TOKEN and _SYLLABLES.match(p) for p in parts)


def _split_tokens(tokens: list[str]) -> tuple[str, str]:
    """Family and given of a name written without a comma."""
    caps = [i for i, t in enumerate(tokens) if len(t) > 1 and t.isupper() and t.isalpha()]
    mixed = [i for i, t in enumerate(tokens) if _has_lower(t)]
    last = tokens[-1]
    if len(tokens) >= 2 and _INITIALS.match(last) and not (len(caps) == 1 and mixed and _known_family(last)):
        # MEDLINE "Bang OY", "van der Berg JH".
        return " ".join(tokens[:-1]), _initials(last)
    if caps and mixed and caps == list(range(caps[0], caps[-1] + 1)) and caps[0] in (0, len(tokens) - len(caps)):
        # "Hyun Young KIM" / "KIM Hyun Young": the capitalised run is the family name.
        family = " ".join(tokens[i] for i in caps)
        return family, " ".join(t for i, t in enumerate(tokens) if i not in caps)
    first = tokens[0].casefold()
    if (
        2 <= len(tokens) <= 3
        and first in ROMANIZED_SURNAMES
        and tokens[-1].casefold() not in ROMANIZED_SURNAMES
        and all(_syllabic(t) for t in tokens[1:])
    ):
        return tokens[0], " ".join(tokens[1:])
    for i, token in enumerate(tokens[1:-1], start=1):
        if token.casefold() in PARTICLES and token.islower():
            return " ".join(tokens[i:]), " ".join(tokens[:i])
    return tokens[-1], " ".join(tokens[:-1])


def _known_family(token: str) -> bool:
    return token.casefold() in ROMANIZED_SURNAMES


def _person(family: str, given: str, suffix: str = "") -> Person:
    family = _strip_markers(family) or family.strip(" ,")
    given = _recase_given(given.strip(" ,"), family_caps=family.isupper())
    family = recase_family(family)
    return Person(family=family or None, given=_with_suffix(given, suffix))


def parse_name(text: str) -> Person:
    """Split one author as written into a :class:`Person`.

    >>> parse_name("Hyun Young KIM")
    Person(family='Kim', given='Hyun Young', ...)
    >>> parse_name("Bang OY").given, parse_name("Chung, Jong-Won").family
    ('O. Y.', 'Chung')
    """
    if not text or not text.strip():
        return Person()
    name = _strip_markers(text)
    if not name or len(name) > MAX_NAME_LENGTH:
        return Person(literal=" ".join(text.split()) or None)
    if not name.isascii() and has_cjk(name):
        return parse_cjk_name(name) if not is_organisation(name) else Person(literal=name)
    if is_organisation(name):
        return Person(literal=name)
    parts = [p.strip() for p in name.split(",") if p.strip()]
    while len(parts) > 1 and _is_degree(parts[-1]):
        parts.pop()
    if len(parts) >= 2:
        suffix = ", ".join(p for p in parts[2:] if p.casefold() in SUFFIXES)
        fam_tokens, fam_suffix = _split_suffix(parts[0].split())
        return _person(" ".join(fam_tokens), parts[1], suffix or fam_suffix)
    tokens, suffix = _split_suffix(_drop_degrees(parts[0].split()) if parts else [])
    if not tokens:
        return Person(literal=name)
    if len(tokens) == 1:
        return _person(tokens[0], "", suffix)
    family, given = _split_tokens(tokens)
    return _person(family, given, suffix)


def _clean_person(person: Person) -> Person:
    """One author, split when only ``literal`` is known, re-cased and cleaned otherwise."""
    if person.literal and not person.family and not person.given:
        parsed = parse_name(person.literal)
        if not parsed.family and not parsed.given:
            return person  # an organisation or a name that cannot be split stays as written
        return person.model_copy(update={"family": parsed.family, "given": parsed.given, "literal": parsed.literal})
    if not person.family:
        return person
    family = _strip_markers(person.family) or person.family
    given = person.given
    if given is None and (" " in family or "," in family):
        parsed = parse_name(family)
        if parsed.family and parsed.given:
            family, given = parsed.family, parsed.given
    if given:
        if "," in given:
            parts = [p.strip() for p in given.split(",")]
            while len(parts) > 1 and _is_degree(parts[-1]):
                parts.pop()
            given = ", ".join(parts)
        given = _recase_given(given.strip(), family_caps=family.isupper())
    family = recase_family(family)
    if family == person.family and given == person.given:
        return person
    return person.model_copy(update={"family": family, "given": given})


def normalize_names(record: Record, issues: list[ParseIssue]) -> Record:
    """Step: split ``literal`` personal names, re-case ALL-CAPS names, strip degrees and markers.

    Organisations stay ``literal``; a literal that cannot be split is kept as it is.
    """
    if not record.authors:
        return record
    authors = [_clean_person(p) for p in record.authors]
    if all(a is b for a, b in zip(authors, record.authors, strict=True)):
        return record
    return record.model_copy(update={"authors": authors})
