"""A small, strict-enough BibTeX tokenizer: entries, ``@string`` macros, ``#`` joins.

It never executes or loops on bad input: an unterminated brace or quote is a
:class:`~msc_citations.errors.FormatError` naming the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import FormatError
from .bibtex_map import MONTH_MACROS

_AT = re.compile(r"@\s*([A-Za-z]{1,40})\s*([{(])")
_KEY = re.compile(r"\s*([^,\s{}()]*)\s*,?")
_NAME = re.compile(r"\s*([A-Za-z][\w\-:.+]{0,60})\s*=\s*")
_BARE = re.compile(r"[A-Za-z0-9_\-:.+/]{1,200}")
_SKIP = re.compile(r"[\s,]*")


@dataclass
class Entry:
    """One parsed entry: type (lower case), key, fields (lower-cased names -> raw values
    with outer braces or quotes removed, LaTeX untouched)."""

    type: str
    key: str
    fields: dict[str, str] = field(default_factory=dict)


def _line(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _braced(text: str, pos: int, close: str) -> tuple[str, int]:
    """Content from ``pos`` (just after an opening brace/quote) to the matching close."""
    depth, i, n = 0, pos, len(text)
    while i < n:
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            if depth == 0 and close == "}":
                return text[pos:i], i + 1
            depth -= 1
        elif c == '"' and close == '"' and depth == 0:
            return text[pos:i], i + 1
        i += 1
    raise FormatError(f"line {_line(text, pos)}: unterminated value (missing {close})")


def _value(text: str, pos: int, macros: dict[str, str]) -> tuple[str, int]:
    parts: list[str] = []
    while True:
        while text[pos : pos + 1].isspace():
            pos += 1
        c = text[pos : pos + 1]
        if c == "{":
            part, pos = _braced(text, pos + 1, "}")
        elif c == '"':
            part, pos = _braced(text, pos + 1, '"')
        else:
            m = _BARE.match(text, pos)
            if not m:
                raise FormatError(f"line {_line(text, pos)}: expected a value")
            word, pos = m.group(0), m.end()
            part = word if word.isdigit() else macros.get(word.lower(), word)
        parts.append(part)
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if text[pos : pos + 1] != "#":
            return "".join(parts), pos
        pos += 1


def _fields(text: str, pos: int, close: str, macros: dict[str, str]) -> tuple[dict[str, str], int]:
    fields: dict[str, str] = {}
    while True:
        pos = _SKIP.match(text, pos).end()  # type: ignore[union-attr]
        if text[pos : pos + 1] == close:
            return fields, pos + 1
        m = _NAME.match(text, pos)
        if not m:
            if pos >= len(text):
                raise FormatError(f"line {_line(text, pos)}: entry not closed")
            raise FormatError(f"line {_line(text, pos)}: expected 'name = value'")
        value, pos = _value(text, m.end(), macros)
        fields.setdefault(m.group(1).lower(), value)


def parse_entries(text: str) -> list[Entry]:
    """Every entry of a BibTeX/BibLaTeX text, in order."""
    macros = dict(MONTH_MACROS)
    entries: list[Entry] = []
    pos = 0
    while True:
        m = _AT.search(text, pos)
        if not m:
            return entries
        kind, close = m.group(1).lower(), "}" if m.group(2) == "{" else ")"
        if kind in ("comment", "preamble"):
            _, pos = _braced(text, m.end(), close) if close == "}" else (None, text.find(")", m.end()) + 1)
            continue
        if kind == "string":
            fields, pos = _fields(text, m.end(), close, macros)
            macros.update({k.lower(): v for k, v in fields.items()})
            continue
        k = _KEY.match(text, m.end())
        assert k is not None  # the pattern matches the empty string
        fields, pos = _fields(text, k.end(), close, macros)
        entries.append(Entry(kind, k.group(1), fields))
