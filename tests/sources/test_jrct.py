"""jRCT pages: positional summary table, Japanese-era dates, English title from the detail part."""

from __future__ import annotations

from pathlib import Path

import pytest

from fixture_helpers import check_case, fixture_inputs
from msc_citations.document import Document
from msc_citations.sources.jrct import JrctSource, era_to_iso

CASES = fixture_inputs("jrct")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fixture_matches_expected(case: Path) -> None:
    assert check_case(case) == []


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("令和7年7月23日", "2025-07-23"),
        ("令和元年5月1日", "2019-05-01"),
        ("平成30年12月3日", "2018-12-03"),
        ("2025年", None),
    ],
)
def test_era_dates(text: str, iso: str | None) -> None:
    assert era_to_iso(text) == iso


def test_page_without_the_intro_line_gives_an_error_issue() -> None:
    doc = Document.from_text("jRCT\n臨床研究等提出・公開システム\nsome text")
    result = JrctSource().parse(doc)
    assert result.records == [] and result.issues[0].severity == "error"


def test_summary_values_out_of_the_expected_order_are_kept_but_not_placed() -> None:
    page = "\n".join(
        ["臨床研究等提出・公開システム", "jRCTs031180001", "臨床研究実施計画情報の詳細情報です。", "令和2年1月9日",
         "ある研究", "短い名称", "病院", "研究者", "目的の文。", "肝硬変", "募集中", "委員会", "CRB3180001"]
    )  # fmt: skip
    result = JrctSource().parse(Document.from_text(page))
    rec = result.records[0]
    assert rec.trial is not None
    assert rec.trial.phase is None and rec.trial.status is None
    assert "募集中" in rec.extra["summary_values"]
    assert result.issues
