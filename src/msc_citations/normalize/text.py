"""Text clean-up: white space, hyphenated line breaks, repeated paragraphs, page furniture,
mojibake, structured abstracts and titles."""

from __future__ import annotations

import re
import unicodedata

from ..model import AbstractSection, AltTitle, Record
from ..results import ParseIssue
from ._data import load_json
from .abstract import split_abstract

__all__ = [
    "clean_text",
    "drop_repeated_paragraphs",
    "fix_mojibake",
    "normalize_text",
    "split_abstract",
    "squash",
    "strip_furniture",
]

_FURNITURE = load_json("furniture.json")
FURNITURE_LINES: frozenset[str] = frozenset(line.casefold() for line in _FURNITURE["lines"])
_FURNITURE_MAX = max(len(line) for line in _FURNITURE["lines"]) + 8
FURNITURE_SENTENCES: tuple[str, ...] = tuple(sorted(_FURNITURE["sentences"], key=len, reverse=True))

_ALL_SPACE = re.compile(r"\s+")
MIN_REPEATED_PREFIX = 40
"""A paragraph repeated at the start of the next one is dropped only from this length on (a
short line such as a label may legitimately start the next paragraph)."""
_ZERO_WIDTH = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
_HYPHEN_BREAK = re.compile(r"(?<=[a-z])-[ \t]{0,4}\n[ \t]{0,4}(?=[a-z])")
_NEWLINES = re.compile(r"\r\n?|\u2028|\u2029")
_BLANK_LINES = re.compile(r"\n{2,}")
_TRAILING_PERIOD = re.compile(r"(?<![.\s])\.$")

# Mojibake: UTF-8 bytes read as cp1252/latin-1. A lead character (bytes C2-F4) followed by
# exactly the number of continuation characters (bytes 80-BF) its lead byte announces.
_CONT_BYTES = bytes(range(0x80, 0xC0))
_CONT_CHARS = "".join(
    {*_CONT_BYTES.decode("latin-1"), *(bytes([b]).decode("cp1252", errors="ignore") for b in _CONT_BYTES)}
)
_CONT = "[" + re.escape(_CONT_CHARS) + "]"
_MOJIBAKE = re.compile(rf"[\u00c2-\u00df]{_CONT}|[\u00e0-\u00ef]{_CONT}{{2}}|[\u00f0-\u00f4]{_CONT}{{3}}")


def _to_byte(ch: str) -> int | None:
    try:
        return ch.encode("cp1252")[0]
    except UnicodeEncodeError:
        return ord(ch) if ord(ch) < 256 else None


def _repair(match: re.Match[str]) -> str:
    raw = [_to_byte(ch) for ch in match.group(0)]
    if any(b is None for b in raw):
        return match.group(0)
    try:
        return bytes(b for b in raw if b is not None).decode("utf-8")
    except UnicodeDecodeError:
        return match.group(0)


def fix_mojibake(text: str) -> str:
    """Repair UTF-8 text that was decoded as cp1252/latin-1 (``KÃ¶nig`` -> ``König``).

    Only sequences that decode to valid UTF-8 are changed, so clean text is returned as is.

    >>> fix_mojibake("KÃ¶nig"), fix_mojibake("Itâ€™s"), fix_mojibake("König")
    ('König', 'It’s', 'König')
    """
    if not text or text.isascii():
        return text
    # Text garbled twice (Ã\x83Â¶) needs a second pass; every pass shortens the text.
    fixed = _MOJIBAKE.sub(_repair, text)
    while fixed != text:
        text, fixed = fixed, _MOJIBAKE.sub(_repair, fixed)
    return fixed


_ZERO_WIDTH_CHARS = ("\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff")


def _nfc(text: str) -> str:
    """NFC with zero-width characters and soft hyphens removed (cheap when there are none)."""
    if text.isascii():
        return text
    if any(ch in text for ch in _ZERO_WIDTH_CHARS):
        text = _ZERO_WIDTH.sub("", text)
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def squash(text: str) -> str:
    """One line: NFC, zero-width characters removed, all white space collapsed to one space."""
    if not text:
        return text
    text = _nfc(text)
    if "-\n" in text or "- \n" in text:
        text = _HYPHEN_BREAK.sub("", text)
    return " ".join(text.split())


def clean_text(text: str) -> str:
    """Paragraph text: NFC, hyphenated line breaks joined, spaces collapsed within each line,
    empty lines dropped; lines (paragraphs) kept, joined by ``\\n``.

    >>> clean_text("trans-\\nplantation  of   cells\\n\\n\\nin  stroke ")
    'transplantation of cells\\nin stroke'
    """
    if not text:
        return text
    if "\r" in text or "\u2028" in text or "\u2029" in text:
        text = _NEWLINES.sub("\n", text)
    text = _nfc(text)
    if "-" in text and "\n" in text:
        text = _HYPHEN_BREAK.sub("", text)
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def strip_furniture(text: str) -> str:
    """Remove lines and sentences that are page furniture (disclaimers, widgets, banners)."""
    if not text:
        return text
    for sentence in FURNITURE_SENTENCES:
        if sentence in text:
            text = text.replace(sentence, " ")
    lines = text.split("\n")
    kept = [
        line for line in lines if len(line) > _FURNITURE_MAX or " ".join(line.split()).casefold() not in FURNITURE_LINES
    ]
    return "\n".join(kept) if len(kept) != len(lines) else text


def drop_repeated_paragraphs(text: str) -> str:
    """Remove a paragraph repeated verbatim, and a paragraph that the next one repeats at its
    start (a copied summary followed by the full text).

    >>> summary = "Stroke is the main cause of adult health damage."
    >>> drop_repeated_paragraphs(f"{summary}\\n{summary} Stem cells may help.\\nNo.\\nNo.")
    'Stroke is the main cause of adult health damage. Stem cells may help.\\nNo.'
    """
    if not text or "\n" not in text:
        return text
    paragraphs = [p for p in (line.strip() for line in text.split("\n")) if p]
    seen: set[str] = set()
    kept: list[str] = []
    for i, para in enumerate(paragraphs):
        key = " ".join(para.split())
        nxt = " ".join(paragraphs[i + 1].split()) if i + 1 < len(paragraphs) else ""
        if key in seen or (len(key) >= MIN_REPEATED_PREFIX and nxt.startswith(key) and len(nxt) > len(key)):
            continue
        seen.add(key)
        kept.append(para)
    return "\n".join(kept)


def clean_title(title: str) -> str:
    """A title on one line, without a trailing period (``?``, ``!`` and ``...`` are kept)."""
    value = squash(title)
    return _TRAILING_PERIOD.sub("", value).rstrip() if value.endswith(".") else value


def _clean_list(values: list[str]) -> list[str]:
    cleaned = (squash(v).strip(" ;,") for v in values)
    return list(dict.fromkeys(v for v in cleaned if v))


def _clean_abstract(abstract: str) -> str | None:
    text = clean_text(strip_furniture(fix_mojibake(abstract)))
    return drop_repeated_paragraphs(text) or None


def normalize_text(record: Record, issues: list[ParseIssue]) -> Record:
    """Step: clean the title, abstract, keywords and MeSH terms; split a labelled abstract into
    ``abstract_sections`` when the parser left them empty."""
    update: dict[str, object] = {}
    if record.title:
        update["title"] = clean_title(fix_mojibake(record.title)) or None
    if record.alt_titles:
        update["alt_titles"] = [AltTitle(text=clean_title(a.text), language=a.language) for a in record.alt_titles]
    if record.abstract:
        abstract = _clean_abstract(record.abstract)
        update["abstract"] = abstract
        if not record.abstract_sections and abstract:
            update["abstract_sections"] = split_abstract(abstract)
    if record.abstract_sections and "abstract_sections" not in update:
        sections = [
            AbstractSection(label=squash(s.label) if s.label else s.label, text=clean_text(s.text))
            for s in record.abstract_sections
        ]
        update["abstract_sections"] = [s for s in sections if s.text]
    if record.keywords:
        update["keywords"] = _clean_list(record.keywords)
    if record.mesh_terms:
        update["mesh_terms"] = _clean_list(record.mesh_terms)
    changed = {key: value for key, value in update.items() if getattr(record, key) != value}
    return record.model_copy(update=changed) if changed else record
