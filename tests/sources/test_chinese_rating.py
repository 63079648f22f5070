"""The Chinese rating-site paper page (seed 001 layout)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fixture_helpers import FIXTURES, check_case, fixture_inputs
from msc_citations import parse_bytes
from msc_citations.document import Document
from msc_citations.sources.chinese_rating import ChineseRatingSource

CASES = fixture_inputs("chinese_rating")
SEED = FIXTURES / "seeds" / "001_a2d08c43e8f002ca.txt"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fixture_matches_expected(case: Path) -> None:
    assert check_case(case) == []


WIDGET_WORDS = (
    "主要评分",
    "次要评分",
    "新颖性",
    "重要性",
    "科学严谨性",
    "评价这篇论文",
    "评分不足",
    "我是这篇论文的作者",
    "点击您的名字",
    "向作者/读者索取更多资源",
    "暂无数据",
    "推荐",
)


def _record_without_origin(data: bytes) -> dict[str, object]:
    record = parse_bytes(data, source="chinese_rating").records[0]
    return record.model_dump(mode="json", exclude={"id", "source"})


def test_utf8_and_gb18030_copies_give_the_same_record() -> None:
    text = SEED.read_text(encoding="utf-8")
    assert _record_without_origin(text.encode("utf-8")) == _record_without_origin(text.encode("gb18030"))


@pytest.mark.parametrize("case", [SEED, *CASES], ids=["seed", *[c.name for c in CASES]])
def test_widget_and_claim_text_never_leak(case: Path) -> None:
    record = ChineseRatingSource().parse(Document.from_path(case)).records[0]
    dumped = record.model_dump_json()
    leaked = [w for w in WIDGET_WORDS if w in dumped]
    assert not leaked


def test_values_as_written() -> None:
    record = ChineseRatingSource().parse(Document.from_path(SEED)).records[0]
    assert (record.volume, record.issue, record.pages) == ("203", None, None)
    assert record.extra["rating"] == 4.3
    assert record.extra["summary"].startswith("This study investigated")
    assert record.abstract is not None and record.abstract.startswith("Background:")
    assert record.authors == []
    assert [f.award_ids for f in record.funding][3] == ["20390388"]
    assert record.extra["funding_sources"] == {"Grants-in-Aid for Scientific Research": "KAKEN"}


def test_rating_read_from_the_widget_when_the_head_has_none() -> None:
    page = "Article\nA title\n期刊\nSTROKE\n卷 50, 期 10, 页码 2835-2841\n评论\n主要评分\n3.8\n次要评分\n"
    record = ChineseRatingSource().parse(Document.from_text(page)).records[0]
    assert record.extra["rating"] == 3.8
    assert (record.volume, record.issue, record.pages) == ("50", "10", "2835-2841")


def test_listed_authors_are_kept() -> None:
    page = "Article\nA title\n期刊\nSTROKE\n卷 50, 期 10, 页码 -\n作者\nMichael L. Levy\nSteven C. Cramer\n我是这篇论文的作者\n评论\n"
    record = ChineseRatingSource().parse(Document.from_text(page)).records[0]
    assert [p.literal for p in record.authors] == ["Michael L. Levy", "Steven C. Cramer"]


def test_index_page_is_not_claimed() -> None:
    doc = Document.from_path(FIXTURES / "seeds" / "000_38dd110a39ae33e6.txt")
    assert ChineseRatingSource().detect(doc) < 0.3
