"""LaTeX for BibTeX values: escaping what we write and decoding what others wrote.

We write UTF-8 as is (every BibTeX reader we test takes it) and escape only the ten
characters LaTeX gives a meaning to. Titles get their capitalised words protected with
braces (``{MSC}``, ``{Korea}``) so styles that re-case titles keep them.

>>> escape("R&D 50% #1")
'R\\\\&D 50\\\\% \\\\#1'
>>> decode(r"M{\\"u}ller and Caf\\'{e} -- {MSC}")
'Müller and Café – MSC'
>>> protect_title("Mesenchymal stem cells in Korea: the MSC trial")
'Mesenchymal stem cells in {Korea}: the {MSC} trial'
"""

from __future__ import annotations

import re
import unicodedata

ESCAPES: dict[str, str] = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
"""Characters with a LaTeX meaning -> their escaped form."""

ACCENTS: dict[str, str] = {
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    '"': "\u0308",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
    "u": "\u0306",
    "v": "\u030c",
    "H": "\u030b",
    "c": "\u0327",
    "k": "\u0328",
    "r": "\u030a",
    "d": "\u0323",
    "b": "\u0331",
}
"""Accent commands -> the combining mark they add."""

SYMBOLS: dict[str, str] = {
    "ss": "ß",
    "o": "ø",
    "O": "Ø",
    "aa": "å",
    "AA": "Å",
    "ae": "æ",
    "AE": "Æ",
    "oe": "œ",
    "OE": "Œ",
    "l": "ł",
    "L": "Ł",
    "i": "ı",
    "j": "ȷ",
    "textbackslash": "\\",
    "textasciitilde": "~",
    "textasciicircum": "^",
    "textendash": "–",
    "textemdash": "—",
    "textquoteright": "’",
    "textquoteleft": "‘",
    "textbar": "|",
    "textless": "<",
    "textgreater": ">",
    "textperiodcentered": "·",
    "textdegree": "°",
    "textmu": "µ",
    "textalpha": "α",
    "textbeta": "β",
    "textgamma": "γ",
    "alpha": "α",
    "beta": "β",
    "gamma": "γ",
    "delta": "δ",
    "kappa": "κ",
    "mu": "µ",
    "pm": "±",
    "times": "×",
    "ge": "≥",
    "le": "≤",
    "geq": "≥",
    "leq": "≤",
}
"""Letter and symbol commands -> the character."""

_DOUBLE_DASH = re.compile(r"-(?=-)")
_COMMAND = re.compile(r"\\([A-Za-z]{1,30}|.)")
_SPACE_RUN = re.compile(r"\s+")
_EDGE_PUNCT = re.compile(r"^([^\w(]*)(.*?)([^\w)]*)$", re.S)


_SPECIAL_BYTES = "".join(ESCAPES).encode()
assert sorted(ESCAPES) == sorted("\\{}%&$#_~^"), "has_special scans for each of these"
_DASH_PAIR = re.compile("--")
_SPACE_PAIR = re.compile("  ")
_LONG = 200
"""From this length on, a two-character search is faster as a pattern than with ``in``,
and a search for the special characters faster as one scan per character."""


def has_special(text: str) -> bool:
    """True when ``text`` holds one of the characters :func:`escape` escapes."""
    # Dropping the special bytes from the UTF-8 text is one table pass, several times
    # faster than a pattern search on long values (abstracts, note blocks); the special
    # characters are ASCII and no byte of a longer UTF-8 sequence is.
    if len(text) >= _LONG:
        # On long text, a quick scan per special character is faster still (written out:
        # a generator over the characters costs more than the scans).
        return (
            "\\" in text
            or "{" in text
            or "}" in text
            or "%" in text
            or "&" in text
            or "$" in text
            or "#" in text
            or "_" in text
            or "~" in text
            or "^" in text
        )
    if text.isascii():
        return len(text.encode().translate(None, _SPECIAL_BYTES)) != len(text)
    data = text.encode("utf-8", "surrogatepass")
    return len(data.translate(None, _SPECIAL_BYTES)) != len(data)


def has_double_space(text: str) -> bool:
    """``"  " in text``, faster on long text."""
    return "  " in text if len(text) < _LONG else _SPACE_PAIR.search(text) is not None


_REPLACEMENTS = tuple((char, escaped) for char, escaped in ESCAPES.items() if char != "\\")
"""(character, its escape) for every special character but the backslash. Braces come
first: later escapes add braces of their own, which must stay as they are."""


def _escape_specials(text: str) -> str:
    """Every special character escaped: a ``str.replace`` for each special character the
    text holds, much faster than a pattern substitution on long text."""
    if "\\" in text:
        return ESCAPES["\\"].join(map(_escape_specials, text.split("\\")))
    for char, escaped in _REPLACEMENTS:
        if char in text:  # a quick scan; a replace that finds nothing is not
            text = text.replace(char, escaped)
    return text


def escape(text: str) -> str:
    """Escape LaTeX's special characters; ``--`` is split so no reader makes it a dash."""
    if len(text) >= _LONG:
        if has_special(text):
            text = _escape_specials(text)
        if _DASH_PAIR.search(text) is not None:
            text = _DOUBLE_DASH.sub("-{}", text)
        return text
    # Most values are short ASCII text: has_special without a call.
    if len(text.encode().translate(None, _SPECIAL_BYTES)) != len(text) if text.isascii() else has_special(text):
        text = _escape_specials(text)
    if "--" in text:
        text = _DOUBLE_DASH.sub("-{}", text)
    return text


def protect_title(title: str) -> str:
    """Escape a title and brace every word that carries a capital letter a style must keep:
    any capitalised word after the first, and an acronym or mixed-case word anywhere."""
    escaped = escape(title)
    if title[1:] == title[1:].lower():
        return escaped
    words = title.split(" ")
    # Escaping adds no spaces, so the escaped words line up with the original ones.
    out = words[:] if escaped is title else escaped.split(" ")
    for i, word in enumerate(words):
        # ``w != w.lower()``: the word has a capital letter (in any script).
        if word != word.lower() and (i > 0 or word[1:] != word[1:].lower()):
            if word.isalnum():  # the common case: no edge punctuation, nothing escaped
                out[i] = "{" + word + "}"
                continue
            m = _EDGE_PUNCT.match(word)
            assert m is not None  # every string matches
            lead, core, tail = m.groups()
            if out[i] == word:  # nothing to escape in this word
                out[i] = f"{lead}{{{core}}}{tail}"
            else:
                out[i] = escape(lead) + "{" + escape(core) + "}" + escape(tail)
    return " ".join(out)


def _arg(text: str, pos: int) -> tuple[str, int]:
    """The argument of a command at ``pos``: a braced group or one character."""
    while pos < len(text) and text[pos] == " ":
        pos += 1
    if pos < len(text) and text[pos] == "{":
        depth, end = 0, pos
        while end < len(text):
            if text[end] == "{":
                depth += 1
            elif text[end] == "}":
                depth -= 1
                if depth == 0:
                    return text[pos + 1 : end], end + 1
            end += 1
        return text[pos + 1 :], len(text)
    return text[pos : pos + 1], pos + 1


def _command(text: str, start: int, out: list[str]) -> int:
    m = _COMMAND.match(text, start)
    if not m:
        out.append("\\")
        return start + 1
    name, pos = m.group(1), m.end()
    if name in ACCENTS:
        arg, pos = _arg(text, pos)
        base = decode(arg) or " "
        base = {"ı": "i", "ȷ": "j"}.get(base[0], base[0]) + base[1:]
        out.append(unicodedata.normalize("NFC", base[0] + ACCENTS[name] + base[1:]))
        return pos
    if name in SYMBOLS:
        out.append(SYMBOLS[name])
        if pos < len(text) and text[pos] == " " and name.isalpha():
            pos += 1
        elif text.startswith("{}", pos):
            pos += 2
        return pos
    if len(name) == 1 and not name.isalpha():
        out.append(" " if name in (" ", ",", ";") else name)
        return pos
    # Font and other commands (\emph, \textit, \mathrm ...): keep the argument's text.
    return pos


def decode(text: str) -> str:
    """LaTeX to Unicode text: accents and symbols decoded, escapes resolved, protective
    braces dropped, ``--``/``---`` made dashes, ``~`` a space, white space collapsed."""
    if not any(c in text for c in "\\{}~-$"):
        return _SPACE_RUN.sub(" ", text).strip()
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "\\":
            i = _command(text, i, out)
            continue
        if c in "{}$":
            i += 1
            continue
        if c == "~":
            out.append(" ")
        elif c == "-" and text.startswith("---", i):
            out.append("—")
            i += 3
            continue
        elif c == "-" and text.startswith("--", i):
            out.append("–")
            i += 2
            continue
        else:
            out.append(c)
        i += 1
    return _SPACE_RUN.sub(" ", "".join(out)).strip()
