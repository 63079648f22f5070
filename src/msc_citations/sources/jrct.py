"""jRCT (Japan Registry of Clinical Trials) ``latest-detail`` pages.

Copied from the browser, the page's summary table loses its header cells: the values come
in a fixed order after ``...詳細情報です。`` (class, dates in the Japanese era, title, short
title, institution, investigator, purpose, phase, condition, status, committee, committee
number). The detailed section that follows repeats the titles with their English forms.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import ClassVar

from ..document import Document, DocumentKind
from ..results import ParseIssue, ParseResult
from .base import BaseSource
from .trial_common import map_phase, map_status
from .trial_record import TrialFacts, build_trial_record

ID_PATTERN = re.compile(r"jRCT[a-z]?\d{9,10}")
MARKERS: tuple[str, ...] = ("jRCT", "臨床研究等提出・公開システム", "詳細情報です")
INTRO = re.compile(r"詳細情報です。?$")
ERA_DATE = re.compile(r"^(令和|平成)(元|\d{1,2})年(\d{1,2})月(\d{1,2})日$")
ERA_START = {"令和": 2018, "平成": 1988}
CLASS_LINE = re.compile(r"^第[一二三]種$")
SECTION_START = re.compile(r"^\d+\s+\S")
ORDER: tuple[str, ...] = (
    "title",
    "short_title",
    "institution",
    "investigator",
    "purpose_text",
    "phase",
    "conditions",
    "status",
    "committee",
    "committee_number",
)
"""The summary table's values after the class and date lines, in page order."""
TITLE_LABEL = "(1)再生医療等の名称及び分類"
ENGLISH_TAIL = re.compile(r"^(?P<ja>.{1,500}[\u3040-\u9fff）)])\s(?P<en>[A-Za-z][\x20-\x7e]{10,1000})$")


def era_to_iso(text: str) -> str | None:
    """``令和7年7月23日`` -> ``2025-07-23``.

    >>> era_to_iso("令和7年7月23日"), era_to_iso("平成31年4月1日")
    ('2025-07-23', '2019-04-01')
    """
    m = ERA_DATE.match(text.strip())
    if not m:
        return None
    year = 1 if m.group(2) == "元" else int(m.group(2))
    return f"{ERA_START[m.group(1)] + year:04d}-{int(m.group(3)):02d}-{int(m.group(4)):02d}"


class JrctSource(BaseSource):
    """jRCT ``latest-detail`` pages (Japanese)."""

    name: ClassVar[str] = "jrct"
    label: ClassVar[str] = "Japan Registry of Clinical Trials (jRCT) page"
    priority: ClassVar[int] = 60
    input_kinds: ClassVar[tuple[DocumentKind, ...]] = ("text", "html")
    max_score: ClassVar[float] = 0.95

    def detect(self, doc: Document) -> float:
        """jRCT's system name, its intro line and a jRCT id."""
        head = doc.visible_text[:20000]
        found = sum(1 for m in MARKERS if m in head)
        if found < 2:
            return 0.0
        return min(0.95, 0.5 + 0.1 * found + (0.15 if ID_PATTERN.search(head) else 0.0))

    def parse(self, doc: Document) -> ParseResult:
        """One clinical-trial record."""
        lines = [x for x in doc.lines if x]
        facts = _summary_table(lines)
        m = ID_PATTERN.search(doc.visible_text) or ID_PATTERN.search(doc.canonical_url or "")
        facts.trial_id = m.group(0) if m else None
        _english_title(lines, facts)
        facts.url = doc.canonical_url or (f"https://jrct.mhlw.go.jp/latest-detail/{facts.trial_id}" if m else None)
        facts.language = "Japanese"
        if not facts.trial_id and not facts.title:
            return ParseResult(issues=[ParseIssue("no jRCT id or title on the page", severity="error")])
        issues = []
        if "summary_values" in facts.extra:
            issues.append(ParseIssue("the summary table is not in the expected order; its values kept in extra"))
        return ParseResult(records=[build_trial_record(facts, self.provenance(doc))], issues=issues)


def _summary_table(lines: Sequence[str]) -> TrialFacts:
    facts = TrialFacts()
    start = next((i + 1 for i, x in enumerate(lines) if INTRO.search(x)), None)
    if start is None:
        return facts
    i = start
    if i < len(lines) and CLASS_LINE.match(lines[i]):
        facts.extra["regenerative_medicine_class"] = lines[i]
        i += 1
    dates: list[str] = []
    while i < len(lines) and era_to_iso(lines[i]):
        dates.append(lines[i])
        i += 1
    if dates:
        facts.registration_date = era_to_iso(dates[0])
        facts.extra["dates_as_written"] = dates
    values: dict[str, str] = {}
    for key, line in zip(ORDER, lines[i:], strict=False):
        if SECTION_START.match(line) and key != "phase":
            break
        values[key] = line
    facts.title = values.get("title")
    if values.get("short_title") and values["short_title"] != facts.title:
        facts.alt_titles.append((values["short_title"], "ja"))
    facts.sponsor = values.get("institution")
    facts.extra["investigator"] = values.get("investigator")
    facts.summary = values.get("purpose_text")
    # The order is only trusted where the values read as what they should be.
    facts.phase = values.get("phase") if map_phase(values.get("phase")) else None
    facts.conditions = [values["conditions"]] if values.get("conditions") else []
    facts.status = values.get("status") if map_status(values.get("status")) else None
    if values and (facts.phase is None or facts.status is None):
        facts.extra["summary_values"] = list(values.values())
    facts.extra["committee"] = values.get("committee")
    facts.extra["committee_number"] = values.get("committee_number")
    return facts


def _english_title(lines: Sequence[str], facts: TrialFacts) -> None:
    """The detailed section writes ``日本語題名 English title``: keep the English form."""
    for i, line in enumerate(lines[:-1]):
        if line == TITLE_LABEL:
            m = ENGLISH_TAIL.match(lines[i + 1])
            if m and m.group("ja").strip() == (facts.title or "").strip():
                # The English form is the title every export can show; the Japanese is kept.
                facts.alt_titles.insert(0, (m.group("ja").strip(), "ja"))
                facts.title = m.group("en").strip()
            return
