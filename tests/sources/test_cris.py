"""Korea CRIS records in English and Korean."""

from __future__ import annotations

from pathlib import Path

import pytest

from fixture_helpers import check_case, fixture_inputs
from msc_citations.document import Document
from msc_citations.sources.cris import CrisSource

CASES = fixture_inputs("cris")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fixture_matches_expected(case: Path) -> None:
    assert check_case(case) == []


def test_korean_status_and_phase_words() -> None:
    page = "CRIS등록번호 KCT0003417\n요약제목 줄기세포 연구\n전체 연구진행 상태 모집중\n연구단계 제 1상\n목표 연구대상자수 10"
    rec = CrisSource().parse(Document.from_text(page)).records[0]
    assert rec.trial is not None
    assert (rec.trial.status, rec.trial.phase, rec.trial.enrollment) == ("RECRUITING", "PHASE1", 10)
    assert rec.extra["status_text"] == "모집중"
