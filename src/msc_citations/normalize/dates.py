"""Dates as pages write them, read into ``(year, month, day)`` integers.

Forms: ``2005 Jun``, ``2005 Jun 3``, ``Jun 3, 2005``, ``3 June 2005``, ``2009;27(2):163-169``,
``2021-03-09``, ``09/03/2021`` (day or month first by the page's convention),
``2026年3月5日``, ``Spring 2019``. When a text gives several dates (print and epub), the
first one is read.
"""

from __future__ import annotations

import calendar
import re

from ..model import Record
from ..results import ParseIssue

DateParts = tuple[int | None, int | None, int | None]

MONTHS: dict[str, int] = {
    **{name.lower(): i for i, name in enumerate(calendar.month_name) if name},
    **{name.lower(): i for i, name in enumerate(calendar.month_abbr) if name},
    "sept": 9,
}
MIN_YEAR = 1000
MAX_YEAR = 2100
MAX_DATE_TEXT = 400
"""Only the start of a longer text is searched for its date."""

_ISO = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?(?!\d)")
_CJK = re.compile(r"(\d{4})\s?年(?:\s?(\d{1,2})\s?月(?:\s?(\d{1,2})\s?[日号])?)?")
_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})(?!\d)")
_YEAR_MONTH_NAME = re.compile(r"(?<!\d)(\d{4}),?\s{0,3}([A-Za-z]{3,9})\.?(?:\s{0,3}(\d{1,2})(?!\d))?")
_MONTH_NAME_YEAR = re.compile(r"\b([A-Za-z]{3,9})\.?\s{0,3}(?:(\d{1,2})(?:st|nd|rd|th)?,?\s{0,3})?(\d{4})(?!\d)")
_DAY_MONTH_YEAR = re.compile(r"(?<!\d)(\d{1,2})(?:st|nd|rd|th)?[\s\-]{1,3}([A-Za-z]{3,9})\.?[\s\-,]{1,3}(\d{4})(?!\d)")
_YEAR = re.compile(r"(?<!\d)(1[0-9]{3}|20[0-9]{2}|2100)(?!\d)")
# The label before an electronic-publication date: PubMed "Epub 2020 Dec 31", publishers'
# "Published online: 12 March 2021", Chinese indexes' 网络出版 (online first).
_EPUB_LABEL = re.compile(
    r"\b(?:Epub(?:\s{1,3}ahead\s{1,3}of\s{1,3}print)?|(?:First\s{1,3})?Published\s{1,3}online|Online\s{1,3}first)"
    r"\s{0,3}[:：]?|网络出版(?:日期|时间)?\s{0,3}[:：]?",
    re.IGNORECASE,
)
_PLAIN_ISO = re.compile(r"\s*(\d{4})[-/.](\d{2})[-/.](\d{2})(?: \d{2}:\d{2}(?::\d{2})?)?\s*")
"""``2023-05-24`` or ``2019/01/09`` (or with ``00:00:00``) alone: the form most registries
write."""
_PLAIN_MONTH_NAME = re.compile(r"\s*([A-Za-z]{3,9})\.?\s{0,3}(?:(\d{1,2}),?\s{0,3})?(\d{4})\s*")
"""``May 2016`` or ``June 12, 2014`` alone (ClinicalTrials.gov): the shape of
``_MONTH_NAME_YEAR``, so both read the same parts."""
DATE_EXTRA_KEYS = ("date", "publication_date", "published", "print_date", "epub_date", "date_as_written")


def _month(word: str) -> int | None:
    return MONTHS.get(word.lower())


def _valid(year: int | None, month: int | None, day: int | None) -> DateParts:
    if year is None or not MIN_YEAR <= year <= MAX_YEAR:
        return (None, None, None)
    if month is None or not 1 <= month <= 12:
        return (year, None, None)
    if day is None or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return (year, month, None)
    return (year, month, day)


def _int(text: str | None) -> int | None:
    return int(text) if text else None


def _numeric(match: re.Match[str], dayfirst: bool | None) -> DateParts:
    a, b, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
    if dayfirst is None:
        if a > 12 >= b:
            dayfirst = True
        elif b > 12 >= a:
            dayfirst = False
        elif a == b:
            dayfirst = True
        else:
            return _valid(year, None, None)
    day, month = (a, b) if dayfirst else (b, a)
    return _valid(year, month, day)


def _candidates(text: str, dayfirst: bool | None) -> list[tuple[int, DateParts]]:
    found: list[tuple[int, DateParts]] = []
    for m in _CJK.finditer(text):
        found.append((m.start(), _valid(int(m.group(1)), _int(m.group(2)), _int(m.group(3)))))
    for m in _ISO.finditer(text):
        found.append((m.start(), _valid(int(m.group(1)), int(m.group(2)), _int(m.group(3)))))
    for m in _NUMERIC.finditer(text):
        found.append((m.start(), _numeric(m, dayfirst)))
    for m in _YEAR_MONTH_NAME.finditer(text):
        if (month := _month(m.group(2))) is not None:
            found.append((m.start(), _valid(int(m.group(1)), month, _int(m.group(3)))))
    for m in _MONTH_NAME_YEAR.finditer(text):
        if (month := _month(m.group(1))) is not None:
            found.append((m.start(), _valid(int(m.group(3)), month, _int(m.group(2)))))
    for m in _DAY_MONTH_YEAR.finditer(text):
        if (month := _month(m.group(2))) is not None:
            found.append((m.start(), _valid(int(m.group(3)), month, int(m.group(1)))))
    return [item for item in found if item[1][0] is not None]


def parse_date(text: str, *, dayfirst: bool | None = None) -> DateParts:
    """``(year, month, day)`` of the first date in ``text``; unknown parts are ``None``.

    ``dayfirst`` gives the page's convention for ``09/03/2021``; when ``None``, an ambiguous
    numeric date gives the year only.

    >>> parse_date("2005 Jun;57(6):874-82"), parse_date("2026年3月5日"), parse_date("Spring 2019")
    ((2005, 6, None), (2026, 3, 5), (2019, None, None))
    >>> parse_date("09/03/2021", dayfirst=True)
    (2021, 3, 9)
    """
    if not text:
        return (None, None, None)
    if dayfirst is None and (plain := _plain_date(text)) is not None:
        return plain
    return _first_date(text, dayfirst)


def _plain_date(text: str) -> DateParts | None:
    """The parts of a date written alone in one of the two most common forms, read without
    trying every pattern; ``None`` for anything else or a year or month out of range (the
    general reading then decides)."""
    if len(text) > MAX_DATE_TEXT:
        return None
    if (m := _PLAIN_ISO.fullmatch(text)) is not None:
        year, month, day = int(m.group(1)), int(m.group(2)), _int(m.group(3))
    elif (m := _PLAIN_MONTH_NAME.fullmatch(text)) is not None and (month := _month(m.group(1)) or 0):
        year, day = int(m.group(3)), _int(m.group(2))
    else:
        return None
    if not (MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12):
        return None
    return _valid(year, month, day)


def _first_date(text: str, dayfirst: bool | None) -> DateParts:
    """:func:`parse_date` by trying every form on the start of ``text``."""
    head = text[:MAX_DATE_TEXT]
    found = _candidates(head, dayfirst)
    if found:
        # The earliest date wins; at one position the most complete reading wins.
        found.sort(key=lambda item: (item[0], -sum(part is not None for part in item[1])))
        return found[0][1]
    year = _YEAR.search(head)
    return (int(year.group(1)), None, None) if year else (None, None, None)


def print_and_epub_dates(text: str) -> tuple[DateParts, DateParts]:
    """The print (issue) date and the electronic-publication date a citation line gives.

    >>> print_and_epub_dates("Neurology. 2021 Feb 16;96(7):e1012-e1023. Epub 2020 Dec 31.")
    ((2021, 2, 16), (2020, 12, 31))
    """
    none: DateParts = (None, None, None)
    if not text:
        return none, none
    head = text[:MAX_DATE_TEXT]
    label = _EPUB_LABEL.search(head)
    if label is None:
        return parse_date(head), none
    before = head[: label.start()]
    return (parse_date(before) if before.strip() else none), parse_date(head[label.end() :])


def normalize_dates(record: Record, issues: list[ParseIssue]) -> Record:
    """Step: fill ``year/month/day`` from a date the parser kept as text in ``extra``; drop an
    impossible month or day (keeping what is valid) with an issue."""
    year, month, day = record.year, record.month, record.day
    if year is None:
        for key in DATE_EXTRA_KEYS:
            value = record.extra.get(key)
            if isinstance(value, str) and value.strip():
                year, month, day = parse_date(value)
                if year is not None:
                    break
    checked = _valid(year, month, day) if year is not None else (None, None, None)
    if year is None and (month is not None or day is not None):
        checked = (None, month if month and 1 <= month <= 12 else None, None)
    if checked != (year, month, day):
        issues.append(
            ParseIssue(f"impossible date {year}-{month}-{day} trimmed", field="year", where="normalize.dates")
        )
    if checked == (record.year, record.month, record.day):
        return record
    return record.model_copy(update={"year": checked[0], "month": checked[1], "day": checked[2]})
