"""Citation lines printed by Chinese databases and journal sites, read as written.

* GB/T 7714 references (``引用本文``, ``引用格式``, ``Citation``)::

    王晓月, 等. 骨髓间充质干细胞促小鼠皮肤烫伤修复研究[J]. 职业卫生与应急救援, 2020, 38(5): 443-446, 451.

* journal lines of Magtech/Xingyun sites: ``科学观察, 2016, 11(5): 1-17`` and
  ``中国癌症杂志 ›› 2014, Vol. 24 ›› Issue (10): 732-737.doi: ...``;
* issue lines: ``2015年第32期5-6,共2页`` (VIP), ``第 19卷 第 2期`` / ``2007年 4月`` (PDF page heads),
  ``2009年 11月第 3卷第 4期``, Wanfang's ``年，卷(期)`` value ``2015，32(5)``.
"""

from __future__ import annotations

import re

GBT_REFERENCE = re.compile(
    r"^(?P<authors>(?:[^.\[\]]|(?<=\b[A-Z])\.){1,400})\.\s{0,3}(?P<title>[^\[\]]{2,600}?)\s{0,2}\[(?P<kind>[A-Z]{1,2})(?:/OL)?\]\s{0,2}[.．]\s{0,3}"
    r"(?P<journal>[^,，\d][^,，]{0,200}?)\s{0,2}[,，]\s{0,3}(?P<year>(?:19|20)\d\d)"
    r"(?:\s{0,2}[,，]\s{0,3}(?P<volume>[^(（:：,，.\s]{1,12}))?\s{0,2}(?:[(（]\s{0,2}(?P<issue>[^)）]{1,12}?)\s{0,2}[)）])?"
    r"(?:\s{0,2}[:：]\s{0,3}(?P<pages>[^.。]{1,60}?))?\s{0,2}(?:[.。]\s{0,3}(?:DOI|doi)\s{0,2}[:：]\s{0,3}(?P<doi>\S{6,300}?))?"
    r"[.。]?(?:\s{0,3}\[Article in Chinese\])?\s{0,3}$"
)
"""A GB/T 7714 journal reference (``Authors. Title[J]. Journal, Year, Vol(Issue): Pages. DOI: ...``).
The author list holds no period except after an initial (``Barbara M. Kehm``), so the
split between authors and title is found in one pass."""

KIND_MARK = re.compile(r"\[[A-Z]{1,2}(?:/OL)?\]\s{0,2}[.．]")
"""The document-kind mark every GB/T 7714 reference carries (``[J].``, ``[EB/OL].``): a line
without one is not searched with the longer pattern."""

MAX_REFERENCE_LENGTH = 1200
"""Longer lines are article text, not a reference or journal line (and are not scanned)."""

JOURNAL_LINE = re.compile(
    r"^(?P<journal>[^\d,，›»]{2,80}?)\s{0,3}(?:[,，]|››|»)\s{0,3}(?P<year>(?:19|20)\d\d)\s{0,3}[,，]\s{0,3}"
    r"(?:Vol\.?\s{0,2})?(?P<volume>\d{1,5})?\s{0,3}(?:››\s{0,3})?(?:Issue\s{0,2})?(?:[(（]\s{0,2}(?P<issue>[^)）]{1,12}?)\s{0,2}[)）])?"
    r"\s{0,2}[:：]\s{0,3}(?P<pages>[A-Za-z]{0,2}\d{1,6}(?:\s{0,2}[-–~]\s{0,2}[A-Za-z]{0,2}\d{1,6})?(?:\s{0,2},\s{0,2}\d{1,6})?)"
    r"\s{0,3}[.。]?\s{0,3}(?:(?:doi|DOI)\s{0,2}[:：]\s{0,3}(?P<doi>\S{6,300}))?$"
)
"""``科学观察, 2016, 11(5): 1-17`` or ``中国癌症杂志 ›› 2014, Vol. 24 ›› Issue (10): 732-737.doi: ...``."""

ISSUE_LINE = re.compile(
    r"(?P<year>(?:19|20)\d\d)\s{0,2}年\s{0,2}(?:(?P<month>\d{1,2})\s{0,2}月)?\s{0,2}"
    r"(?:第\s{0,2}(?P<volume>\d{1,5})\s{0,2}卷)?\s{0,2}(?:第\s{0,2}(?P<issue>\d{1,4})\s{0,2}期)?"
    r"(?:\s{0,2}(?P<pages>\d{1,6}(?:\s{0,2}[-–~]\s{0,2}\d{1,6})?))?(?:\s{0,2}[,，]\s{0,2}共\s{0,2}(?P<count>\d{1,4})\s{0,2}页)?"
)
"""``2015年第32期5-6,共2页``, ``2009年 11月第 3卷第 4期``, ``2007年 4月``."""

VOLUME_ISSUE = re.compile(r"第\s{0,2}(?P<volume>\d{1,5})\s{0,2}卷\s{0,3}(?:第\s{0,2}(?P<issue>\d{1,4})\s{0,2}期)?")
"""``第 19卷 第 2期`` (a PDF page head)."""

YEAR_VOLUME_ISSUE = re.compile(
    r"^(?P<year>(?:19|20)\d\d)\s{0,2}[,，]?\s{0,3}(?P<volume>[^(（\s]{1,10})?\s{0,2}(?:[(（]\s{0,2}(?P<issue>[^)）]{1,12}?)\s{0,2}[)）])?\s*$"
)
"""Wanfang's ``年，卷(期)`` value: ``2015，32(5)`` or ``2015,(32)``."""


def parse_reference(text: str) -> dict[str, str | None] | None:
    """The parts of a GB/T 7714 journal reference, as written; ``None`` when it is not one.

    >>> ref = parse_reference("王晓月. 骨髓间充质干细胞促小鼠皮肤烫伤修复研究[J]. 职业卫生与应急救援, 2020, 38(5): "
    ...                       "443-446, 451. DOI: 10.16369/j.oher.issn.1007-1326.2020.05.002")
    >>> ref["journal"], ref["volume"], ref["issue"], ref["pages"], ref["doi"]
    ('职业卫生与应急救援', '38', '5', '443-446, 451', '10.16369/j.oher.issn.1007-1326.2020.05.002')
    """
    if len(text) > MAX_REFERENCE_LENGTH or "[" not in text or "]" not in text or not KIND_MARK.search(text):
        return None
    m = GBT_REFERENCE.match(text.strip())
    if not m:
        return None
    return {k: (v.strip() if v else None) for k, v in m.groupdict().items()}


def parse_journal_line(text: str) -> dict[str, str | None] | None:
    """The parts of a journal line (``科学观察, 2016, 11(5): 1-17``); ``None`` otherwise."""
    if len(text) > MAX_REFERENCE_LENGTH or not _has_comma_and_colon(text):
        return None
    m = JOURNAL_LINE.match(text.strip())
    if not m:
        return None
    return {k: (v.strip() if v else None) for k, v in m.groupdict().items()}


def _has_comma_and_colon(text: str) -> bool:
    """What every journal line holds: a comma after the year, a colon before the pages."""
    return ("," in text or "，" in text) and (":" in text or "：" in text)


def parse_issue_line(text: str) -> dict[str, str | None] | None:
    """Year, month, volume, issue, pages and page count from a Chinese issue line."""
    m = ISSUE_LINE.search(text) if "年" in text else None
    if m and (m.group("volume") or m.group("issue") or m.group("month")):
        return {k: (v.strip() if v else None) for k, v in m.groupdict().items()}
    v = VOLUME_ISSUE.search(text) if "卷" in text else None
    if v:
        return {"volume": v.group("volume"), "issue": v.group("issue")}
    return None


def parse_year_volume_issue(text: str) -> dict[str, str | None] | None:
    """Wanfang's ``年，卷(期)`` value."""
    m = YEAR_VOLUME_ISSUE.match(text.strip())
    if not m:
        return None
    return {k: (v.strip() if v else None) for k, v in m.groupdict().items()}
