"""Author strings as exported by reference managers, split into names, and the name keys
deduplication compares.

Handles ``Last, F. and Last, F.``, ``Last F; Last F``, PubMed's ``Last FM, Last FM`` and
EndNote's run-together export without separators (``Adeli K.Lewis G. F.``,
``Zhang DanWang Cun``, ``SmithJ.A.``).
"""

from __future__ import annotations

import re

from ..model import Person
from .text import fold, repair

AND_SPLIT = re.compile(r"\s+and\s+|\s*;\s*|\s*\n\s*", re.IGNORECASE)
# Boundary between two run-together names: after an initial's dot, or after a lower-case
# letter, where an upper-case letter starts a new capitalised word ("K.Lewis", "DanWang").
RUN_TOGETHER = re.compile(
    r"(?<=[.a-z\u00df-\u00ff])(?=[A-Z\u00c0-\u00de][a-z\u00df-\u00ff])"
    r"|(?<=\.)(?=(?:van|von|de|der|den|du|le|la|da|di|del|dos|das) [A-Z])"
)
GLUED_INITIALS = re.compile(r"(?<=[a-z])(?=[A-Z]\.)")
# "Basaria SWahlstrom JTDobs A", "Bruschi MLde Freitas O": initials without dots run into
# the next family name (or its particle).
GLUED_UNDOTTED = re.compile(r"(\s[A-Z]{1,3})(?=[A-Z][a-z]|(?:van|von|de|der|den|du|le|la|da|di|del|dos|das) [A-Z])")
INITIAL_IN_FAMILY = re.compile(r"(?:^|\s)[A-Z]\.?(?:\s|$)")
MAX_INITIALS = 3
NAME_TOKEN = re.compile(r"[^\W\d_]{2,40}")
COMMA_LIST = re.compile(r",\s*(?=[^,]{1,60}\s[A-Z]{1,3}(?:,|$))")
PARTICLES = frozenset(
    [
        "van",
        "von",
        "der",
        "den",
        "de",
        "del",
        "della",
        "di",
        "da",
        "du",
        "le",
        "la",
        "dos",
        "das",
        "ter",
        "ten",
        "jr",
        "sr",
    ]
)


def _split_run_together(text: str) -> list[str]:
    text = GLUED_INITIALS.sub(" ", text)
    if GLUED_UNDOTTED.search(text):
        text = GLUED_UNDOTTED.sub(r"\1.", text)
    pieces: list[str] = []
    for part in RUN_TOGETHER.split(text):
        part = part.strip()
        if not part:
            continue
        # "LeRouge", "McDonald": a boundary inside a word only counts once the name so far
        # already holds a space ("Zhang Dan" + "Wang Cun") or ended on an initial's dot.
        if pieces and " " not in pieces[-1] and not pieces[-1].endswith("."):
            pieces[-1] += part
        else:
            pieces.append(part)
    return pieces


def split_authors(text: str | None) -> list[str]:
    """One string per author, as written.

    >>> split_authors("Adeli K.Lewis G. F.")
    ['Adeli K.', 'Lewis G. F.']
    >>> split_authors("Zhang DanWang CunLeRouge C. M.")
    ['Zhang Dan', 'Wang Cun', 'LeRouge C. M.']
    >>> split_authors("Ziegler, T. R. and Zhou, X.")
    ['Ziegler, T. R.', 'Zhou, X.']
    """
    if not text or not text.strip():
        return []
    text = repair(text.strip())
    parts = [p.strip() for p in AND_SPLIT.split(text) if p.strip()]
    if len(parts) == 1 and "," in text and COMMA_LIST.search(text):
        parts = [p.strip() for p in text.split(",") if p.strip()]
    if len(parts) == 1 and "," not in text:
        parts = _split_run_together(text)
    return parts


def _words(text: str) -> list[str]:
    return [w for w in NAME_TOKEN.findall(fold(repair(text)).lower()) if w not in PARTICLES]


def _initial(text: str) -> str:
    return next((c for c in fold(text) if c.isalpha()), "").lower()


def literal_signature(literal: str) -> tuple[str, str]:
    """(family key, ``family initial`` signature) of a name written as one string.

    Exports write ``Bang OY`` / ``Adeli K.`` family first, or ``Family, Given``; a
    ``Given Family`` literal is rarer and still matches on family names elsewhere.
    """
    literal = GLUED_INITIALS.sub(" ", literal)
    if "," in literal:
        head, rest = literal.split(",", 1)
        words = _words(head)
        family = words[-1] if words else ""
    else:
        words = _words(literal)
        family = words[0] if words else ""
        parts = literal.split()
        rest = " ".join(parts[1:])
    if not family:
        return "", ""
    initial = _initial(rest)
    return family, f"{family} {initial}" if initial else family


def _letters(text: str) -> str:
    return "".join(c for c in fold(repair(text)).lower() if c.isalpha())


def _initials(text: str) -> str:
    return "".join(w[0] for w in _letters_words(text))


def _letters_words(text: str) -> list[str]:
    return [w for w in (_letters(x) for x in text.replace(".", " ").split()) if w]


def letters_key(family: str | None, given: str | None, literal: str | None) -> str:
    """Family name and initials as bare letters (``Lewis, Gary F.`` -> ``lewisgf``).

    Unlike the signature it also reads names glued together in capitals by old exports
    (``DIMASCIO RMARCHIOLI RTOGNONI G``): concatenated over the first authors, both
    spellings give the same letters.
    """
    if family:
        return _letters(family) + _initials(given or "")
    text = literal or ""
    if "," in text:
        head, rest = text.split(",", 1)
        return _letters(head) + _initials(rest)
    words = text.split()
    out = []
    while len(words) > 1 and words[0].lower().strip(".") in PARTICLES:
        out.append(_letters(words.pop(0)))  # "Di Mascio R.", "van Beek J."
    out += [_letters(words[0])] if words else []
    for word in words[1:]:
        core = word.replace(".", "")
        if core.isupper() and len(core) > MAX_INITIALS:
            out.append(_letters(core))  # a capitalised family name glued to initials
        elif core.isupper():
            out.append(core.lower())
        else:
            out.append(_initials(core))
    return "".join(out)


def name_keys(family: str | None, given: str | None, literal: str | None) -> tuple[str, str, list[str]]:
    """(family key, ``family initial`` signature, every name word) of one name.

    A structured family name gives its last word (``van der Heijden`` -> ``heijden``);
    an initial left inside the family part (``Manthei S.`` + ``A.``) is read as written.
    """
    text = " ".join(x for x in (family, given, literal) if x)
    words = _words(GLUED_INITIALS.sub(" ", text))
    if family and not INITIAL_IN_FAMILY.search(family):
        fam_words = _words(family)
        fam = fam_words[-1] if fam_words else ""
        initial = _initial(given or "")
        return fam, (f"{fam} {initial}" if fam and initial else fam), words
    fam, sig = literal_signature(f"{family} {given or ''}" if family else literal or "")
    return fam, sig, words


def family_key(person: Person) -> str:
    """The family name folded to lower-case letters (``"König"`` -> ``"konig"``)."""
    return name_keys(person.family, person.given, person.literal)[0]


def signature(person: Person) -> str:
    """``family`` plus the first given initial (``"Adeli K."`` -> ``"adeli k"``).

    >>> signature(Person(literal="Zhang Dan")), signature(Person(family="Bang", given="Oh Young"))
    ('zhang d', 'bang o')
    """
    return name_keys(person.family, person.given, person.literal)[1]


def name_tokens(person: Person) -> list[str]:
    """Every name word of two letters or more (initials dropped), folded, in any order."""
    return name_keys(person.family, person.given, person.literal)[2]
