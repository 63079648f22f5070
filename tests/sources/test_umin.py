"""UMIN-CTR pages in Japanese (bilingual blocks) and English (label and value on one line)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fixture_helpers import check_case, fixture_inputs
from msc_citations.document import Document
from msc_citations.sources.umin import UminSource

CASES = fixture_inputs("umin")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fixture_matches_expected(case: Path) -> None:
    assert check_case(case) == []


def test_umin_status_words_map_to_enums() -> None:
    for word, enum in [
        ("Open public recruiting", "RECRUITING"),
        ("Preinitiation", "NOT_YET_RECRUITING"),
        ("Enrolling by invitation", "ENROLLING_BY_INVITATION"),
        ("No longer recruiting", "ACTIVE_NOT_RECRUITING"),
        ("Completed", "COMPLETED"),
        ("Terminated", "TERMINATED"),
        ("Suspended", "SUSPENDED"),
        ("Main results already published", "COMPLETED"),
    ]:
        page = f"Unique ID issued by UMIN UMIN000040503\nRecruitment status {word}\nPublic title A study"
        rec = UminSource().parse(Document.from_text(page)).records[0]
        assert rec.trial is not None and rec.trial.status == enum, word
        assert rec.extra["status_text"] == word
