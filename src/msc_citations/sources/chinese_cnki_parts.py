"""Pieces of a Chinese database record that are not plain labelled fields: the page head
(title, author line, affiliations, journal and issue lines, the English title block), the
structured Chinese abstract, keyword lists and funding lines."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import AbstractSection, Funding
from .chinese_citation import parse_issue_line, parse_journal_line, parse_reference
from .chinese_common import FURNITURE, HAN, Section, Sections, is_latin_text, read_label, split_keywords
from .chinese_people import looks_like_author_line

CN_ABSTRACT_LABELS: tuple[str, ...] = (
    "目的", "目 的", "方法", "方 法", "结果", "结 果", "结论", "结 论", "背景", "目标", "对象", "对象与方法",
    "材料与方法", "资料与方法", "设计", "干预措施", "主要结局指标", "意义", "局限性", "目的與方法",
    "目的", "方法", "結果", "結論", "背景", "對象與方法", "資料與方法",
)  # fmt: skip
"""Section labels of structured Chinese abstracts (simplified and traditional)."""

_CN_LABEL_AT_START = re.compile(
    "^(?P<label>" + "|".join(sorted({re.escape(x) for x in CN_ABSTRACT_LABELS}, key=len, reverse=True)) + r")"
    r"(?:\s{0,2}[:：]\s{0,2}|\s{1,4}|$)(?P<rest>.*)$"
)
HEAD_NOISE = re.compile(
    r"^(?:ISSN\b|CN\s?\d|·.{1,8}·$|\d{4}年创刊|APP下载|全\s?文\s?[:：]|来源[:：]|发布于|您当前的位置|当前位置|首页|当前页面)"
    r"|\s[>›»]\s"
)
"""Head lines that are site furniture or masthead, never a title."""

SITE_PREFIX = re.compile(r"^全\s?文\s?[:：]\s?")
"""A prefix some full-text mirror sites put before the copied first page."""
JOURNAL_NAME = re.compile(
    r"^(?:《[^《》]{2,40}》|[\u4e00-\u9fff]{2,14}(?:学报|學報|杂志|雜誌|科学|科學|研究|医学|醫學|期刊|通报|通報|进展|進展|医师|醫師|卫生|衛生|情报|情報))$"
)
DATE_LINE = re.compile(r"^\s{0,3}(?:19|20)\d\d\s?年|(?:19|20)\d\d-\d{1,2}-\d{1,2}|^第\s?\d{1,4}\s?卷")
"""A date or issue line (``2007年 4月``, ``2018-01-07 09:41``, ``第 19卷 第 2期``), never a title."""
COLUMN = re.compile(r"^·\s{0,2}([^·]{1,10}?)\s{0,2}·$")
"""A column marker printed above the title (``·综 述·``, ``·講座·``)."""
"""A masthead line naming a Chinese journal (``生命科学``, ``中国社区医师``)."""
AFFILIATION_WORDS = re.compile(
    r"大学|醫院|医院|研究所|學院|学院|中心|实验室|實驗室|研究院|University|Hospital|Institute|College|Center|Centre|"
    r"Laboratory|Academy|Department"
)
FUNDER_PAREN = re.compile(
    r"(?P<funder>[^;；()（）]{2,200}?)\s{0,2}[(（]\s{0,2}(?:No\.?|NO\.?|项目编号|项目号|编号|批准号|合同号|Grant\s?No\.?)?"
    r"\s{0,2}[:：]?\s{0,2}(?P<ids>[A-Za-z0-9][^()（）\u4e00-\u9fff]{1,200}?)\s{0,2}[)）]"
)
FUNDER_TRAILING_ID = re.compile(
    r"^(?P<funder>.{2,200}?)\s{1,4}(?P<ids>[A-Za-z0-9][A-Za-z0-9\-/.]{3,40}(?:\s{0,2}[,，、]\s{0,2}[A-Za-z0-9][A-Za-z0-9\-/.]{3,40}){0,9})$"
)
_OPEN_END = re.compile(r"\b(?:of|and|in|with|for|the|a|an|to|on|by|after|from|versus|vs\.?|or)$", re.I)
"""A wrapped English title line ends with a word that cannot end a title."""
_CJK_CHAR = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
ENGLISH_AUTHOR_WINDOW = 8
"""How many lines after the English title the English author line may come (Chinese
authors and affiliations may stand between them)."""
_ID_SPLIT = re.compile(r"\s*[,，、;；]\s*")
_LIST_SEPARATOR = re.compile(r"[;；,，、]")
_SEMICOLON_SPLIT = re.compile(r"\s*[;；]\s*")
_COMMA_SPLIT = re.compile(r"\s*,\s*")
_LATIN_NAMES_CHARS = re.compile(r"[A-Za-z'.\-\s\d,*#†]*")
"""Every character a line of Latin names (``_LATIN_NAME`` parts split at commas) can hold."""
_NUMBERED_START = re.compile(r"^\d{1,2}\s?[.．、]?\s?\D")
_NUMBERED_LATIN = re.compile(r"^\d{1,2}\s?[.]?\s?[A-Z]")
_NOT_TITLE_START = re.compile(r"^(?:Vol|No|Received|Supported|Corresponding|Citation|Cite|doi|DOI|http)")
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z'.\-]{0,30}(?:\s{1,2}[A-Z][A-Za-z'.\-]{0,30}){0,3}\s?[\d,*#†]{0,10}$")


@dataclass
class Head:
    """What the unlabelled lines of a page say."""

    lines: list[str] = field(default_factory=list)
    title: str | None = None
    author_line: str | None = None
    affiliation_lines: list[str] = field(default_factory=list)
    journal_line: dict[str, str | None] | None = None
    issue_line: dict[str, str | None] | None = None
    journal_name: str | None = None
    column: str | None = None
    citation: str | None = None
    citation_en: str | None = None
    title_en: str | None = None
    authors_en: list[str] = field(default_factory=list)
    affiliations_en: list[str] = field(default_factory=list)
    references: dict[str, dict[str, str | None] | None] = field(default_factory=dict)
    """Each of ``lines`` read as a GB/T 7714 reference (``None`` when it is not one)."""


class _LineTests:
    """The line tests the head reading repeats (a line is tried as title, author line and
    affiliation), each worked out once per page for the page's unlabelled lines."""

    def __init__(self, lines: list[str]) -> None:
        self.journal: dict[str, dict[str, str | None] | None] = {line: parse_journal_line(line) for line in lines}
        self.reference: dict[str, dict[str, str | None] | None] = {line: parse_reference(line) for line in lines}
        self._author: dict[str, bool] = {}

    def author(self, line: str) -> bool:
        """:func:`looks_like_author_line`, remembered."""
        found = self._author.get(line)
        if found is None:
            found = self._author[line] = looks_like_author_line(line)
        return found

    def candidate(self, line: str) -> bool:
        """A line that can be the Chinese title (the cheap tests first)."""
        return (
            5 <= len(line) <= 200
            and not line.startswith(("(", "（", "1 ", "1.", "1、"))
            and not line.endswith(("。", "!", "！"))
            and line not in FURNITURE
            and HAN.search(line) is not None
            and not HEAD_NOISE.search(line)
            and not JOURNAL_NAME.match(line)
            and not DATE_LINE.search(line)
            and not self.author(line)
            and self.journal[line] is None
            and self.reference[line] is None
        )


def read_head(head: list[str], tail: list[str]) -> Head:
    """Read the head lines (before the first label) and the loose tail lines."""
    head = [SITE_PREFIX.sub("", line) if "全" in line else line for line in head]
    out = Head(lines=[*head, *tail])
    tests = _LineTests(out.lines)
    out.references = tests.reference
    for line in out.lines:
        if out.journal_line is None and (jl := tests.journal[line]):
            out.journal_line = jl
        elif len(line) <= 80 and (il := parse_issue_line(line)):
            merged = dict(out.issue_line or {})
            merged.update({k: v for k, v in il.items() if v and not merged.get(k)})
            out.issue_line = merged
        if tests.reference[line]:
            if HAN.search(line):
                if out.citation is None:
                    out.citation = line
            elif out.citation_en is None:
                out.citation_en = line
    # The title is looked for in the head first; on pages whose DOI or journal line is
    # labelled above the title, the title block follows that label (in the tail).
    lines = out.lines
    title_at = _title_index(lines, len(head), tests)
    if title_at is None:
        return out
    out.title = lines[title_at]
    out.journal_name = next((ln.strip("《》") for ln in reversed(lines[:title_at]) if JOURNAL_NAME.match(ln)), None)
    out.column = next((m.group(1) for ln in lines[:title_at] if (m := COLUMN.match(ln))), None)
    _people(out, lines, title_at, tests)
    _english_block(out, lines[title_at + 1 :], tests)
    return out


def _title_index(lines: list[str], head_size: int, tests: _LineTests) -> int | None:
    """The title: the candidate line followed (within two lines) by an author line, else
    the first candidate of the head, else of the tail."""
    first: int | None = None
    for i, line in enumerate(lines):
        if tests.candidate(line):
            if first is None or (first >= head_size > i):
                first = i
            if any(tests.author(x) for x in lines[i + 1 : i + 3]):
                return i
    return first


def _people(out: Head, head: list[str], title_at: int, tests: _LineTests) -> None:
    """The author line after the title and the affiliation lines after it."""
    i = title_at + 1
    while i < len(head) and (head[i] == out.title or (is_latin_text(head[i]) and not tests.author(head[i]))):
        i += 1
    if i < len(head) and tests.author(head[i]):
        out.author_line = head[i]
        i += 1
    open_paren = False
    while i < len(head):
        line = head[i]
        starts = line.startswith(("(", "（")) or _NUMBERED_START.match(line) is not None
        if not (open_paren or starts or (AFFILIATION_WORDS.search(line) and HAN.search(line) and len(line) < 200)):
            break
        if not HAN.search(line):
            break
        out.affiliation_lines.append(line)
        open_paren = (open_paren or line.startswith(("(", "（"))) and not line.endswith((")", "）"))
        i += 1


def _english_block(out: Head, lines: list[str], tests: _LineTests) -> None:
    """English title (continued over lines starting in lower case), authors and affiliations."""
    for i, line in enumerate(lines):
        if not _english_title_line(line, tests):
            continue
        title = line
        j = i + 1
        while j < len(lines) and is_latin_text(lines[j]) and (lines[j][:1].islower() or _OPEN_END.search(title)):
            title += " " + lines[j]
            j += 1
        out.title_en = title.strip()
        at = next(
            (k for k in range(j, min(j + ENGLISH_AUTHOR_WINDOW, len(lines))) if _latin_author_line(lines[k])), None
        )
        if at is None:
            return
        names = (n.strip().rstrip("0123456789,*#† ") for n in _COMMA_SPLIT.split(lines[at]))
        out.authors_en = [n for n in names if n]
        j = at + 1
        open_paren = False
        while j < len(lines) and is_latin_text(lines[j]) and read_label(lines[j]) is None:
            line = lines[j]
            numbered = _NUMBERED_LATIN.match(line) is not None
            if not (open_paren or numbered or line.startswith("(") or AFFILIATION_WORDS.search(line)):
                break
            out.affiliations_en.append(line)
            open_paren = (open_paren or line.startswith("(")) and not line.endswith(")")
            j += 1
        return


def _english_title_line(line: str, tests: _LineTests) -> bool:
    return (
        is_latin_text(line)
        and len(line.split()) >= 3
        and not _NOT_TITLE_START.match(line)
        and read_label(line) is None
        and tests.reference[line] is None
        and tests.journal[line] is None
        and not _latin_author_line(line)
    )


def _latin_author_line(line: str) -> bool:
    if not _LATIN_NAMES_CHARS.fullmatch(line):
        return False
    parts = [p.strip() for p in _COMMA_SPLIT.split(line.strip()) if p.strip(" *#†")]
    return len(parts) >= 1 and all(_LATIN_NAME.match(p) for p in parts) and ("," in line or len(parts[0].split()) <= 3)


def _join_lines(lines: list[str]) -> str:
    """Join wrapped lines: no space where either side of the break is Han or CJK punctuation
    (Chinese text has no spaces at line wraps), one space between Latin words."""
    text = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if text and not (_CJK_CHAR.match(text[-1]) or _CJK_CHAR.match(line[0])):
            text += " "
        text += line
    return text


def abstract_parts(section: Section | None) -> tuple[str | None, list[AbstractSection]]:
    """The Chinese abstract and its sections when labels stand at line starts (``目的`` ...)."""
    if section is None or not section.lines:
        return None, []
    parts: list[AbstractSection] = []
    current: tuple[str, list[str]] | None = None
    loose: list[str] = []
    for line in section.lines:
        m = _CN_LABEL_AT_START.match(line.strip())
        if m:
            if current:
                parts.append(AbstractSection(label=current[0], text=_join_lines(current[1])))
            current = (m.group("label").replace(" ", ""), [m.group("rest")] if m.group("rest") else [])
        elif current:
            current[1].append(line)
        else:
            loose.append(line)
    if current:
        parts.append(AbstractSection(label=current[0], text=_join_lines(current[1])))
    if len(parts) < 2:
        return _join_lines(section.lines) or None, []
    lead = [AbstractSection(label=None, text=_join_lines(loose))] if loose else []
    text = "\n".join([*(s.text for s in lead), *(f"{s.label} {s.text}" for s in parts)])
    return text, [*lead, *parts]


def split_keywords_section(section: Section | None) -> list[str]:
    """Keywords of the ``关键词`` field: separated by ；/;/，/、, one per line, or by spaces."""
    if section is None or not section.lines:
        return []
    lines = [ln for ln in section.lines if ln and not is_latin_text(ln)]
    if len(lines) > 1 and not any(_LIST_SEPARATOR.search(ln) for ln in lines):
        return list(dict.fromkeys(ln.strip() for ln in lines))
    text = " ".join(lines)
    if not _LIST_SEPARATOR.search(text) and HAN.search(text):
        return list(dict.fromkeys(text.split()))
    return split_keywords(text)


def english_keywords(sections: Sections) -> list[str]:
    """English keywords: the ``Key words`` field, or Latin lines inside the ``关键词`` list."""
    text = sections.text("keywords_en")
    if text:
        return split_keywords(text)
    section = sections.first("keywords")
    latin = [ln for ln in (section.lines if section else []) if is_latin_text(ln)]
    if len(latin) > 1:
        return list(dict.fromkeys(latin))
    return split_keywords(latin[0]) if latin else []


def _ids(text: str) -> list[str]:
    return [p.strip(" .") for p in _ID_SPLIT.split(text) if p.strip(" .")]


def _paren_awards(part: str) -> list[re.Match[str]]:
    """The ``funder(No.123)`` pairs of a funding line whose ids hold a digit."""
    return [m for m in FUNDER_PAREN.finditer(part) if any(ch.isdigit() for ch in m.group("ids"))]


def parse_chinese_funding(text: str) -> list[Funding]:
    """``项目A(No.123)；项目B(项目编号:17W90)`` or ``项目C 2018ZX-01S-001S01`` -> funding entries.

    >>> [(f.funder, f.award_ids) for f in parse_chinese_funding("重庆市医学科研计划项目(No.20141014)资助")]
    [('重庆市医学科研计划项目', ['20141014'])]
    """
    out: list[Funding] = []
    for part in _SEMICOLON_SPLIT.split(text.strip(" 。.")):
        part = part.strip(" ,，、")
        if not part:
            continue
        pairs = _paren_awards(part) if "(" in part or "（" in part else []
        if pairs:
            for m in pairs:
                out.append(Funding(funder=m.group("funder").strip(" ,，、"), award_ids=_ids(m.group("ids"))))
            continue
        trailing = FUNDER_TRAILING_ID.match(part)
        if trailing and any(ch.isdigit() for ch in trailing.group("ids")) and HAN.search(trailing.group("funder")):
            out.append(Funding(funder=trailing.group("funder").strip(), award_ids=_ids(trailing.group("ids"))))
        else:
            out.append(Funding(funder=part))
    return out


def funding_entries(sections: Sections) -> list[Funding]:
    """Funding from the ``基金项目`` field: one project per line or several per line."""
    section = sections.first("funding")
    out: list[Funding] = []
    for line in section.lines if section else []:
        if line.strip() and line.strip() not in FURNITURE:
            out.extend(parse_chinese_funding(line.strip()))
    return out
