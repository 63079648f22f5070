"""Names written in Han characters or Hangul: family name first, compound surnames known."""

from __future__ import annotations

import re

from ..model import Person
from ._data import load_json

_DATA = "name_particles.json"
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_CJK_ONLY = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7a3\u3040-\u30ff\s·・]{1,20}$")
_SEPARATORS = re.compile(r"[\s·・]+")
MAX_SPLIT_LENGTH = 4
"""Han or Hangul names longer than this without a space are kept whole (transliterations)."""

CHINESE_COMPOUND: frozenset[str] = frozenset(load_json(_DATA)["chinese_compound_surnames"])
KOREAN_COMPOUND: frozenset[str] = frozenset(load_json(_DATA)["korean_compound_surnames"])


def has_cjk(text: str) -> bool:
    """True when ``text`` contains Han, Hangul or kana characters."""
    return bool(_HAN.search(text) or _HANGUL.search(text) or _KANA.search(text))


def parse_cjk_name(name: str) -> Person:
    """Split a Han/Hangul personal name, family name first.

    >>> parse_cjk_name("欧阳娜娜").family, parse_cjk_name("김현영").given
    ('欧阳', '현영')
    """
    if not _CJK_ONLY.match(name):
        return Person(literal=name)
    parts = [p for p in _SEPARATORS.split(name) if p]
    if len(parts) >= 2:
        if "·" in name or "・" in name:
            return Person(literal=name)
        return Person(family=parts[0], given=" ".join(parts[1:]))
    word = parts[0] if parts else name
    if _KANA.search(word) or not 2 <= len(word) <= MAX_SPLIT_LENGTH:
        return Person(literal=word)
    compound = KOREAN_COMPOUND if _HANGUL.search(word) else CHINESE_COMPOUND
    cut = 2 if len(word) >= 3 and word[:2] in compound else 1
    return Person(family=word[:cut], given=word[cut:])
