"""ChiCTR study pages: bilingual label pairs, table layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from fixture_helpers import check_case, fixture_inputs
from msc_citations.document import Document
from msc_citations.sources.chictr import ChictrSource

CASES = fixture_inputs("chictr")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fixture_matches_expected(case: Path) -> None:
    assert check_case(case) == []


def test_design_labels_map_onto_the_shared_vocabulary() -> None:
    page = "\n".join(
        [
            "注册号:", "Registration number:", "ChiCTR2000038923",
            "注册题目:", "干细胞治疗研究",
            "研究类型:", "干预性研究", "Study type:", "Interventional study",
            "研究所处阶段:", "Ⅰ期", "Study phase:", "1",
            "征募研究对象情况:", "正在进行", "Recruiting status:", "Recruiting",
            "样本量:", "40",
        ]
    )  # fmt: skip
    rec = ChictrSource().parse(Document.from_text(page)).records[0]
    assert rec.trial is not None
    assert (rec.trial.study_type, rec.trial.phase, rec.trial.status) == ("INTERVENTIONAL", "PHASE1", "RECRUITING")
    assert rec.trial.enrollment == 40
    assert rec.title == "干细胞治疗研究"


def test_not_claimed_without_chinese_registry_labels() -> None:
    assert ChictrSource().detect(Document.from_text("Registration number: ChiCTR2000038923")) == 0.0


GROUPED_PAGE = """注册号:
Registration number:
ChiCTR2000038923
注册题目:
干细胞治疗研究
Public title:
Stem cell study
干预措施:
Interventions:
组别:
试验组
Group:
Experimental group
样本量:
Sample size:
20
干预措施:
间充质干细胞
Intervention:
MSC infusion
组别:
对照组
Group:
Control group
样本量:
Sample size:
18
干预措施:
安慰剂
Intervention:
Placebo
测量指标:
Outcomes:
指标中文名:
改良Rankin量表
Outcome:
mRS
指标类型:
主要指标
Type:
Primary indicator
测量时间点:
90天
Measure time point of outcome:
90 days
指标中文名:
不良事件
Outcome:
Adverse events
指标类型:
次要指标
Type:
Secondary indicator
"""


def test_group_sizes_are_summed_and_outcome_groups_read_with_their_kind() -> None:
    rec = ChictrSource().parse(Document.from_text(GROUPED_PAGE)).records[0]
    assert rec.trial is not None
    assert rec.trial.enrollment == 38
    assert rec.extra["enrollment_by_group"] == [20, 18]
    assert rec.trial.interventions == ["MSC infusion", "Placebo"]
    assert rec.extra["interventions_local"] == ["间充质干细胞", "安慰剂"]
    assert [(o.kind, o.measure, o.time_frame) for o in rec.trial.outcomes] == [
        ("primary", "mRS", "90 days"),
        ("secondary", "Adverse events", None),
    ]
