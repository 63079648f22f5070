"""Building blocks shared by the Chinese sources (the WoS-style index page, the rating site, and
CNKI/Wanfang/VIP/SinoMed records and journal sites).

These pages print a record as labelled fields: a label alone on its line with the value on
the next lines (``关键词`` / ``CLINICALLY IMPORTANT DIFFERENCE; ...``), a label with a colon
(``页码:E1012 / E1023``, ``关键词：干细胞；卒中``), a bracketed label (``【摘要】``,
``〔中圖分類號〕G250252〔文獻標識碼〕A``) or, for a few short codes, a label and a space
(``中图分类号 G353.1 文献标识码 A``). The label table is data
(``data/chinese_labels.json``), read once at import. Everything here is pure and never raises.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from ..model import Funding

_TABLE: dict[str, Any] = json.loads(
    resources.files("msc_citations").joinpath("data", "chinese_labels.json").read_text(encoding="utf-8")
)
FIELD_LABELS: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in _TABLE["fields"].items()}
"""Internal field name -> the label variants pages print for it."""

FURNITURE: frozenset[str] = frozenset(_TABLE["furniture"])
"""Lines that are page furniture (buttons, widgets) on Chinese index pages."""

SPACE_SEPARATED: frozenset[str] = frozenset(
    {"abstract", "abstract_en", "keywords", "keywords_en", "classification", "document_code", "article_id", "doi"}
)
"""Fields whose label may be followed by a plain space instead of a colon."""

INLINE_FIELDS: frozenset[str] = frozenset({"classification", "document_code", "article_id", "doi"})
"""Fields printed several to a line (``中图分类号 R74 文献标识码 A 文章编号 ...``)."""

MULTILINE_FIELDS: frozenset[str] = frozenset(
    {"abstract", "abstract_en", "authors", "affiliations", "funding", "funding_en", "related", "keywords"}
)
"""Fields whose value may continue on the lines after the label line."""

CONTINUED_AFTER_VALUE: frozenset[str] = frozenset({"abstract", "abstract_en", "authors", "affiliations"})
"""Multi-line fields that continue after a value on the label line itself (a wrapped
abstract); the others (a keyword list) end with their line when it carries a value."""

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_NO_HAN = re.compile(r"[\x00-\u33ff\u4dc0-\u4dff\ua000-\uf8ff\ufb00-\U0010ffff]*")
"""Text of characters outside HAN (its complement): matching a whole page without Han
characters against it is about twice as fast as searching the page for one."""
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
DOI_IN_TEXT = re.compile(r"10\.\d{4,9}/[^\s\"<>，。；]{1,300}")
KEYWORD_SPLIT = re.compile(r"\s*[;；,，、]\s*")
SEMICOLON_SPLIT = re.compile(r"\s*[;；]\s*")
CLC_SPLIT = re.compile(r"\s*[;；,，]\s*")
CLC_CODE = re.compile(r"^([A-Z][A-Z0-9.\-+/:]{0,30})\s*(?:[\[［(（]\s*([^\]］)）]{1,80})\s*[\]］)）])?$")
AWARD_SPLIT = re.compile(r"[,，;；]")
CHINESE_AWARD_SPLIT = re.compile(r"[,，、;；]")
WHOLE_NUMBER = re.compile(r"\d{1,9}")
NUMBERED_ITEM = re.compile(r"^[\[［(（]?\s{0,2}(\d{1,3})\s{0,2}[\]］)）.．、]?\s{0,3}(\S.*)$")
FUNDER_AWARDS = re.compile(r"^(?P<funder>.*?)\s*\[(?P<ids>[^\[\]]{1,400})\]\s*(?P<rest>.*)$")
FUNDING_SOURCE = re.compile(r"\s*Funding Source:\s*(?P<source>.+)$", re.I)
CHINESE_AWARD = re.compile(
    r"[(（]\s*(?:(?:项目)?编号|項目編號|No\.?|批准号|批准號)?\s*[:：]?\s*([A-Za-z0-9][A-Za-z0-9\-/.]{2,40}(?:\s*[,，、;；]\s*[A-Za-z0-9][A-Za-z0-9\-/.]{2,40}){0,9})\s*[)）]"
)
_SPACES = re.compile(r"[ \t\u3000]+")
_BRACKETS_OPEN = "【〔[［"
_BRACKETS_CLOSE = "】〕]］"


def _label_regex(label: str) -> str:
    """A label as a regex: spaces inside it optional, Han characters maybe spaced out."""
    compact = label.replace(" ", "")
    parts = [re.escape(ch) for ch in compact]
    return _LABEL_GAP.join(parts)


_LABEL_GAP = r"(?:[ \t]|\u3000{1}){0,4}"
"""Up to four spaces, tabs or ideographic spaces between the characters of a label. Written
as ``[ \t\u3000]{0,4}`` it matches the same, but each of the ~1,000 copies in the label
patterns then compiles to a large character table: the patterns took about three times as
long to compile (most of the cost of importing this module)."""


def _label_key(text: str) -> str:
    return _SPACES.sub("", text).strip(_BRACKETS_OPEN + _BRACKETS_CLOSE + ":：").casefold()


LABEL_FIELDS: dict[str, str] = {_label_key(lab): name for name, labs in FIELD_LABELS.items() for lab in labs}
"""Normalised label (no spaces or brackets, case-folded) -> field name."""

_ALL_LABELS = sorted({lab.replace(" ", "") for labs in FIELD_LABELS.values() for lab in labs}, key=len, reverse=True)


def _label_at_start(labels: list[str]) -> re.Pattern[str]:
    """A label of ``labels`` at the start of a line (after bullets, in brackets or not),
    with its separator and value."""
    alternation = "|".join(_label_regex(lab) for lab in labels)
    return re.compile(
        rf"^[•·\u2022\s]{{0,4}}(?P<open>[【〔\[［]\s{{0,2}})?(?P<label>{alternation})(?P<close>\s{{0,2}}[】〕\]］])?"
        rf"(?P<ws>[ \t\u3000]{{0,8}})(?P<sep>[:：])?[ \t\u3000]{{0,8}}(?P<value>.*)$",
        re.I,
    )


# What a label at a line start needs before the long alternation of labels: a lead of
# bullets or spaces, maybe a bracket, then a character some label starts with. Most lines
# fail here, at the cost of one short match. No label starts with a bullet, a bracket or a
# space, so the character the gate finds is where the label must start, and only the
# labels starting with it need trying (``_label_pattern``).
_LABEL_FIRST = "".join(sorted({re.escape(lab[0]) for lab in _ALL_LABELS}))
_LABEL_GATE = re.compile(rf"^[•·\u2022\s]{{0,4}}(?:[【〔\[［]\s{{0,2}})?([{_LABEL_FIRST}])", re.I)
_INLINE_LABELS = sorted(
    {lab.replace(" ", "") for name in INLINE_FIELDS for lab in FIELD_LABELS[name]}, key=len, reverse=True
)
INLINE_LABEL = re.compile(
    r"(?:^|(?<=[\s】〕\]］;；])|(?=[【〔\[［]))[【〔\[［]?(?P<label>"
    + "|".join(_label_regex(lab) for lab in _INLINE_LABELS)
    + r")[】〕\]］]?[ \t\u3000]{0,4}[:：]?[ \t\u3000]{0,4}"
)


@cache
def _label_pattern(first: str) -> re.Pattern[str]:
    """A label at the start of a line, for the labels whose first character matches
    ``first``: tried in the table's order, the same label wins as among all labels.
    Compiled on first use (the pattern of all labels takes a while to compile)."""
    labels = [lab for lab in _ALL_LABELS if re.match(re.escape(lab[0]), first, re.I)]
    return _label_at_start(labels or _ALL_LABELS)


@cache
def _bracketed_label() -> re.Pattern[str]:
    """A bracketed label anywhere in a line (``作者单位:... 【摘要】 ...``), compiled on first use."""
    alternation = "|".join(_label_regex(lab) for lab in _ALL_LABELS)
    return re.compile(r"[【〔]\s{0,2}(?P<label>" + alternation + r")\s{0,2}[】〕]")


def field_of(label: str) -> str | None:
    """The field a printed label names (``D O I`` -> ``doi``, ``關鍵詞`` -> ``keywords``)."""
    return LABEL_FIELDS.get(_label_key(label))


_FIELD_OF_LABEL: dict[str, str | None] = {lab: field_of(lab) for lab in _ALL_LABELS}
"""``field_of`` of each label as the table prints it, the spelling pages mostly use."""


def read_label(line: str) -> tuple[str, str] | None:
    """``(field, value)`` when ``line`` starts with a field label, else ``None``.

    >>> read_label("页码:E1012 / E1023"), read_label("D O I"), read_label("期待的结果")
    (('pages', 'E1012 / E1023'), ('doi', ''), None)
    """
    if line in _TABLE_SPELLINGS:  # a label alone on its line, as most pages print them
        if line not in _LABEL_LINES:
            _LABEL_LINES[line] = _read_label(line)
        return _LABEL_LINES[line]
    return _read_label(line)


_TABLE_SPELLINGS: frozenset[str] = frozenset({lab for labs in FIELD_LABELS.values() for lab in labs} | set(_ALL_LABELS))
"""The labels as the table spells them (and without their spaces)."""
_LABEL_LINES: dict[str, tuple[str, str] | None] = {}
""":func:`read_label` of a line that is one of ``_TABLE_SPELLINGS``, worked out once."""


def _read_label(line: str) -> tuple[str, str] | None:
    gate = _LABEL_GATE.match(line)
    if gate is None:
        return None
    m = _label_pattern(gate.group(1)).match(line)
    if not m:
        return None
    label = m.group("label")
    name = _FIELD_OF_LABEL.get(label) or field_of(label)
    if name is None:
        return None
    value = m.group("value").strip()
    bracketed = bool(m.group("open") and m.group("close"))
    if bracketed or m.group("sep") or not value:
        return name, value
    if name in SPACE_SEPARATED and m.group("ws"):
        latin = m.group("label")[:1].isascii()
        # An English label followed by a space must be followed by a capital or a digit
        # ("Abstract The research ..."), so a sentence that merely starts with the word is kept.
        if not latin or value[:1].isupper() or value[:1].isdigit():
            return name, value
    return None


def split_inline(name: str, value: str) -> list[tuple[str, str]]:
    """Split a value that carries further inline labels (``R74 文献标识码 A``); bracketed
    labels (``【摘要】``) split any value, bare ones only the short code fields."""
    inline = name in INLINE_FIELDS
    if not inline and "【" not in value and "〔" not in value:
        return [(name, value.strip(" ;；"))]
    out: list[tuple[str, str]] = []
    current, start = name, 0
    pattern = INLINE_LABEL if inline else _bracketed_label()
    for m in pattern.finditer(value):
        found = field_of(m.group("label"))
        if found is None or (found == current and m.start() == 0):
            continue
        out.append((current, value[start : m.start()].strip(" ;；")))
        current, start = found, m.end()
    out.append((current, value[start:].strip(" ;；")))
    return out


@dataclass
class Section:
    """A labelled field and the lines of its value."""

    name: str
    lines: list[str] = field(default_factory=list)
    at: int = 0

    @property
    def text(self) -> str:
        """The value lines joined by a space."""
        lines = self.lines
        # Cut sections hold no empty line: joined as they are, without a generator.
        return " ".join(lines if all(lines) else [line for line in lines if line]).strip()


@dataclass
class Sections:
    """A page cut at its labels: unlabelled lines before the first label (``head``), the
    labelled sections in order, and unlabelled lines after single-line fields (``tail``)."""

    head: list[str] = field(default_factory=list)
    items: list[Section] = field(default_factory=list)
    tail: list[str] = field(default_factory=list)

    def first(self, name: str) -> Section | None:
        """The first section of a field."""
        return next((s for s in self.items if s.name == name), None)

    def text(self, name: str) -> str | None:
        """The first non-empty value of a field, or ``None``."""
        for s in self.items:
            if s.name == name and (text := s.text):
                return text
        return None


def cut_sections(lines: list[str], stop: frozenset[str] = frozenset()) -> Sections:
    """Cut lines at their labels. A furniture line is skipped and closes the open section
    (a button row ends an abstract); a field in ``stop`` ends the page."""
    out = Sections()
    current: Section | None = None
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        if line in FURNITURE:
            current = None
            continue
        found = read_label(line)
        if found is not None:
            name, value = found
            if name in stop:
                break
            parts = split_inline(name, value) if value else [(name, value)]
            for part_name, part_value in parts:
                current = Section(part_name, [part_value] if part_value else [], i)
                out.items.append(current)
            if value and current is not None and current.name not in CONTINUED_AFTER_VALUE:
                current = None
            continue
        if current is None:
            (out.tail if out.items else out.head).append(line)
        elif current.name in MULTILINE_FIELDS or not current.lines:
            current.lines.append(line)
        else:
            current = None
            out.tail.append(line)
    return out


def split_keywords(text: str | None) -> list[str]:
    """``a; b ;c;`` or ``干细胞；卒中、移植`` -> the keywords (empty parts dropped, each kept once).

    >>> split_keywords("STROMAL CELLS; RECOVERY; CORD;")
    ['STROMAL CELLS', 'RECOVERY', 'CORD']
    """
    if not text:
        return []
    splitter = SEMICOLON_SPLIT if ";" in text or "；" in text else KEYWORD_SPLIT
    parts = (p.strip(" .。") for p in splitter.split(text.strip()))
    return list(dict.fromkeys(p for p in parts if p))


def has_han(text: str | None) -> bool:
    """True when ``text`` contains a Han character."""
    return bool(text and HAN.search(text))


def holds_han(text: str) -> bool:
    """True when ``text`` holds a Han character (as :func:`has_han`); constant time for ASCII
    text and quicker than it on long text without any, as a detector meets most pages."""
    return not text.isascii() and _NO_HAN.fullmatch(text) is None


def is_latin_text(text: str | None) -> bool:
    """True for a line written in Latin script (no Han characters, some Latin words)."""
    return bool(text and not HAN.search(text) and LATIN_WORD.search(text))


def clc_codes(text: str) -> tuple[list[str], list[str]]:
    """The CLC codes of a ``中图分类号`` value and the subject labels printed beside them.

    >>> clc_codes("R74 [神经病学与精神病学];")
    (['R74'], ['神经病学与精神病学'])
    """
    codes: list[str] = []
    names: list[str] = []
    for part in CLC_SPLIT.split(text.strip()):
        m = CLC_CODE.match(part.strip())
        if m:
            codes.append(m.group(1))
            if m.group(2):
                names.append(m.group(2).strip())
    return codes, names


def first_doi(text: str | None) -> str | None:
    """The first DOI written in ``text`` (trailing punctuation removed)."""
    if not text:
        return None
    m = DOI_IN_TEXT.search(text)
    return m.group(0).rstrip(".,;)") if m else None


def parse_funding_line(line: str) -> tuple[Funding, str | None]:
    """``Funder [id1, id2] Funding Source: KAKEN`` -> the funding entry and the source named.

    >>> parse_funding_line("AMED Program [16lm01030003j0005]")[0].award_ids
    ['16lm01030003j0005']
    """
    source: str | None = None
    text = line.strip()
    if m := FUNDING_SOURCE.search(text):
        source = m.group("source").strip()
        text = text[: m.start()].strip()
    if m := FUNDER_AWARDS.match(text):
        ids = [p.strip() for p in AWARD_SPLIT.split(m.group("ids")) if p.strip()]
        funder = (m.group("funder") + " " + m.group("rest")).strip() or None
        return Funding(funder=funder, award_ids=ids), source
    ids = []
    for found in CHINESE_AWARD.finditer(text):
        ids.extend(p.strip() for p in CHINESE_AWARD_SPLIT.split(found.group(1)) if p.strip())
    funder = CHINESE_AWARD.sub("", text).strip(" ;；。.") if ids else text.strip(" ;；。.")
    return Funding(funder=funder or None, award_ids=ids), source


def strip_number(line: str) -> tuple[str | None, str]:
    """``[3] text`` / ``1. text`` / ``2 text`` -> ``('3', 'text')``; other lines -> ``(None, line)``."""
    m = NUMBERED_ITEM.match(line.strip())
    if m:
        return m.group(1), m.group(2).strip()
    return None, line.strip()


def to_int(text: str | None) -> int | None:
    """The first whole number in ``text`` (``被引:125`` -> 125), else ``None``."""
    if not text:
        return None
    m = WHOLE_NUMBER.search(text.replace(",", ""))
    return int(m.group(0)) if m else None
