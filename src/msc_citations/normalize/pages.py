"""Page ranges as written, read into first/last page, article number and a canonical range.

``874-82`` -> 874-882; ``E1012 / E1023`` -> E1012-E1023; ``e37414`` alone -> an article
number; ``681 - 681`` -> 681; ``S12-S19`` and ``S12-9`` -> S12-S19; roman numerals
(``xii-xv``); ``pp.`` and page counts (``12 pages``) are recognised.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..model import Record
from ..results import ParseIssue

MAX_PAGES_TEXT = 200
"""Longer page strings are not parsed (they are kept as written, with an issue)."""

_LABEL = re.compile(
    r"^(?:pp?(?:\.|\s)|pages?\b|页码|頁碼|页(?!数)|頁(?!數)|쪽|article\s?(?:no\.?|number)?|art\.?\s?no\.?)"
    r"\s{0,3}[:：]?\s{0,3}",
    re.I,
)
_PAGE = r"(?:[A-Za-z]{0,6}\d{1,12}[A-Za-z]?|[ivxlcdm]{1,10}|[IVXLCDM]{1,10})"
_RANGE = re.compile(rf"^({_PAGE})(?:\s*(?:[-‐‑‒–—―−~～]|to|/)\s*({_PAGE}))?$")
_SPLIT = re.compile(r"^([A-Za-z]{0,6})(\d{1,12})([A-Za-z]?)$")
# An electronic locator standing alone: e37414, E37414, mbcE22120560 (Mol Biol Cell).
_ARTICLE = re.compile(r"^[A-Za-z]{0,5}[eE]\d{1,12}$")
_ROMAN = re.compile(r"^(?:[ivxlcdm]{1,10}|[IVXLCDM]{1,10})$")
_COUNT = re.compile(r"[(\[;,]?\s{0,3}(\d{1,5})\s{0,2}(?:pages|pp\.?|p\.|页|頁)\s{0,3}[)\]]?$", re.I)
_COUNT_CHINESE = re.compile(r"(?:共|页数[:：]?)\s{0,2}(\d{1,5})\s{0,2}页?")
_SPACES = re.compile(r"\s+")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


@dataclass(frozen=True, slots=True)
class PageInfo:
    """What a page string says: the canonical range, its ends, an article number, a page count."""

    pages: str | None = None
    page_first: str | None = None
    page_last: str | None = None
    article_number: str | None = None
    page_count: int | None = None


def roman_to_int(text: str) -> int | None:
    """The value of a roman numeral (``xii`` -> 12), or ``None`` when it is not one."""
    if not text or not _ROMAN.match(text):
        return None
    total, prev = 0, 0
    for ch in reversed(text.lower()):
        value = _ROMAN_VALUES[ch]
        total = total - value if value < prev else total + value
        prev = max(prev, value)
    return total


def _expand_last(first: str, last: str) -> str:
    """Complete an abbreviated last page from the first: 874-82 -> 882, S12-9 -> S19."""
    f, l_ = _SPLIT.match(first), _SPLIT.match(last)
    if not f or not l_:
        return last
    prefix = l_.group(1) or f.group(1)
    fdigits, ldigits = f.group(2), l_.group(2)
    if len(ldigits) < len(fdigits):
        candidate = fdigits[: len(fdigits) - len(ldigits)] + ldigits
        if int(candidate) >= int(fdigits):
            ldigits = candidate
    if prefix and not l_.group(1) and f.group(1).lower() == "e" and prefix.isupper() != f.group(1).isupper():
        prefix = f.group(1)
    return prefix + ldigits + l_.group(3)


def _page_count(text: str) -> tuple[str, int | None]:
    for pattern in (_COUNT_CHINESE, _COUNT):
        match = pattern.search(text)
        if match:
            return text[: match.start()].strip(" ,;()"), int(match.group(1))
    return text, None


def _strip_labels(value: str) -> tuple[str, int | None]:
    """The page text without labels (``pp.``, ``页码:``) and page counts, and the first count."""
    count: int | None = None
    for _ in range(4):  # "页码: 12 pages": strip until nothing changes, keep the first count
        before = value
        value, found = _page_count(_LABEL.sub("", value.strip(" .,;:")))
        value = value.strip(" .,;:")
        count = count if count is not None else found
        if value == before:
            break
    return value, count


def parse_pages(text: str) -> PageInfo:
    """Read a page string as written.

    >>> parse_pages("874-82")
    PageInfo(pages='874-882', page_first='874', page_last='882', article_number=None, page_count=None)
    >>> parse_pages("e37414").article_number, parse_pages("681 - 681").pages
    ('e37414', '681')
    """
    if not text or len(text) > MAX_PAGES_TEXT:
        return PageInfo(pages=text or None)
    value, count = _strip_labels(_SPACES.sub(" ", unicodedata.normalize("NFKC", text)))
    head, sep, rest = value.partition(";") if ";" in value else value.partition(",")
    info = _parse_range(head.strip(), count)
    if sep and info.page_first is not None:
        return PageInfo(f"{info.pages}{sep} {rest.strip()}", info.page_first, info.page_last, None, count)
    if sep:
        return PageInfo(pages=value, page_count=count)
    return info


def _parse_range(value: str, count: int | None) -> PageInfo:
    match = _RANGE.match(value)
    if not match:
        return PageInfo(pages=value or None, page_count=count)
    first, last = match.group(1), match.group(2)
    if last is not None and not (_ROMAN.match(first) and _ROMAN.match(last)):
        last = _expand_last(first, last)
    if last is None or last == first:
        article = first if _ARTICLE.match(first) else None
        return PageInfo(pages=first, page_first=first, page_last=last, article_number=article, page_count=count)
    if _ROMAN.match(first) and _ROMAN.match(last):
        if (roman_to_int(first) or 0) > (roman_to_int(last) or 0):
            return PageInfo(pages=value, page_count=count)
        return PageInfo(pages=f"{first}-{last}", page_first=first, page_last=last, page_count=count)
    return PageInfo(pages=f"{first}-{last}", page_first=first, page_last=last, page_count=count)


def normalize_pages(record: Record, issues: list[ParseIssue]) -> Record:
    """Step: derive ``page_first``, ``page_last``, ``article_number`` and ``page_count`` from
    ``pages`` as written; values the parser set separately are kept."""
    if not record.pages:
        if record.page_first and record.page_last and not record.pages:
            info = parse_pages(f"{record.page_first}-{record.page_last}")
            return record.model_copy(update={"pages": info.pages, "page_last": info.page_last or record.page_last})
        return record
    info = parse_pages(record.pages)
    if info.page_first is None and info.page_count is None:
        issues.append(
            ParseIssue(f"page range not understood: {record.pages[:80]!r}", field="pages", where="normalize.pages")
        )
    update = {
        "pages": info.pages if info.pages or info.page_count is not None else record.pages,
        "page_first": record.page_first or info.page_first,
        "page_last": record.page_last or info.page_last,
        "article_number": record.article_number or info.article_number,
        "page_count": record.page_count if record.page_count is not None else info.page_count,
    }
    if all(getattr(record, key) == value for key, value in update.items()):
        return record
    return record.model_copy(update=update)
