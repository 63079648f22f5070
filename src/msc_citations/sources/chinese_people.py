"""Author lines and affiliation blocks of Chinese journal records.

Author lines: ``吴海江1,朱德琳2,韩忠朝1*``, ``洪冬玲1#, 吴燕峰2``, ``王宏宇 巴特 周彪`` (spaces),
``黄子睿 1 程雁 1 陈果 1 杨旻 2`` (numbers spaced), ``Ding Jielan1, Yue Ting1``.
Affiliations: ``(1 中国医学科学院..., 天津 300020; 2 细胞产品..., 天津 300457)`` over one or more
lines, ``1. 安徽医科大学...(合肥 230601) 2. ...`` on one line, or one numbered line each.
"""

from __future__ import annotations

import re

from ..model import Person
from .chinese_common import HAN

MARKS = "*#△▲☆★†‡§¶※"
NAME_WITH_REFS = re.compile(
    rf"^(?P<name>.*?[^\d\s,，{re.escape(MARKS)}])\s{{0,2}}(?P<refs>[\d,，\s{re.escape(MARKS)}]{{0,40}})$"
)
HAN_NAME = re.compile(r"^[\u3400-\u9fff][\u3400-\u9fff·]{0,6}[\u3400-\u9fff]$")
NUMBERED_SPLIT = re.compile(r"(?:^|(?<=[;；\s。.)）]))\s{0,2}(\d{1,2})\s{0,2}[.．、]?\s{0,2}(?=\D)")
AUTHOR_SEPARATORS = re.compile(r"\s*[,，、;；]\s*")
MAX_AUTHORS = 60
_SEMICOLON_SPLIT = re.compile(r"\s*[;；]\s*")
_REF_NUMBERS = re.compile(r"\d{1,2}")
_LONE_REF = re.compile(rf"[\d{re.escape(MARKS)}]{{1,6}}")
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z.\- ]{1,40}$")
_AUTHOR_LINE_CHARS = re.compile(rf"[\u3400-\u9fff·A-Za-z.\-\s\d,，、;；。{re.escape(MARKS)}]*")
"""Every character an author line can hold: name characters, reference numbers and marks,
separators, and the stops stripped from its ends. A line with any other character, or with
five Han characters in a row (a Han name has at most four), is not an author line."""
_LONG_HAN_RUN = re.compile(r"[\u3400-\u9fff]{5}")


def split_name_refs(token: str) -> tuple[str, list[str]]:
    """``韩忠朝1*`` -> ``('韩忠朝', ['1'])``; ``Ding Jielan1,2`` -> ``('Ding Jielan', ['1', '2'])``."""
    token = token.strip()
    m = NAME_WITH_REFS.match(token)
    if not m:
        return token.strip(MARKS + " "), []
    return m.group("name").strip(), _REF_NUMBERS.findall(m.group("refs"))


def looks_like_author_line(line: str) -> bool:
    """True for a line of Chinese personal names (2-4 Han characters each, with markers)."""
    # Most lines fail one of these tests, which cost less than splitting the line into names.
    if not HAN.search(line) or _LONG_HAN_RUN.search(line) or not _AUTHOR_LINE_CHARS.fullmatch(line):
        return False
    tokens = _tokens(line)
    if not tokens or len(tokens) > MAX_AUTHORS:
        return False
    names = [n for n in (split_name_refs(t)[0] for t in tokens) if n]
    if not names:
        return False
    return all((HAN_NAME.match(n) and len(n) <= 4) or _is_latin_name(n) for n in names) and any(
        HAN.search(n) for n in names
    )


def _is_latin_name(name: str) -> bool:
    return bool(_LATIN_NAME.match(name)) and len(name.split()) <= 4


def _tokens(line: str) -> list[str]:
    text = line.strip().strip("。.")
    if AUTHOR_SEPARATORS.search(text):
        return [t for t in AUTHOR_SEPARATORS.split(text) if t.strip()]
    # Space-separated Han names; a lone number after a name is its reference.
    raw = text.split()
    out: list[str] = []
    for tok in raw:
        if out and _LONE_REF.fullmatch(tok):
            out[-1] += tok
        else:
            out.append(tok)
    return out


def parse_author_line(line: str) -> list[tuple[str, list[str]]]:
    """The names of an author line with their affiliation numbers; a name marked ``*``
    (the corresponding author in Chinese journals) gets the reference ``*``.

    >>> parse_author_line("丁洁兰1, 杨立英1,*,")
    [('丁洁兰', ['1']), ('杨立英', ['1', '*'])]
    """
    out: list[tuple[str, list[str]]] = []
    for tok in _tokens(line):
        name, refs = split_name_refs(tok)
        if name:
            out.append((name, [*refs, "*"] if "*" in tok else refs))
        elif "*" in tok and out and "*" not in out[-1][1]:
            out[-1][1].append("*")
    return out


def parse_affiliations(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """Numbered affiliations (number -> text) and unnumbered ones from affiliation lines."""
    text = " ".join(line.strip() for line in lines).strip()
    if text.startswith(("(", "（")) and text.endswith((")", "）")):
        text = text[1:-1].strip()
    numbered: dict[str, str] = {}
    marks = list(NUMBERED_SPLIT.finditer(text))
    if not marks or marks[0].start() > 2:
        parts = [p.strip() for p in _SEMICOLON_SPLIT.split(text) if p.strip()]
        return {}, parts
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        body = text[m.end() : end].strip(" ;；,，")
        if body:
            numbered.setdefault(m.group(1), body)
    return numbered, []


def people_with_affiliations(
    names: list[tuple[str, list[str]]], numbered: dict[str, str], unnumbered: list[str]
) -> list[Person]:
    """Persons (name as written, ``literal``) with their affiliation texts resolved."""
    people: list[Person] = []
    for name, marked in names:
        refs = [r for r in marked if r != "*"]
        affs = [numbered[r] for r in refs if r in numbered]
        if not refs and not numbered and len(unnumbered) == 1:
            affs = list(unnumbered)
        elif not refs and len(numbered) == 1:
            affs = list(numbered.values())
        people.append(Person(literal=name, affiliations=affs, corresponding=True if "*" in marked else None))
    return people
