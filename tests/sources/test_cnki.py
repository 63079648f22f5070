"""The Chinese database record source (CNKI, Wanfang, VIP, SinoMed, Chinese journal sites)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fixture_helpers import check_case, fixture_inputs
from msc_citations.document import Document
from msc_citations.sources.cnki import CnkiSource

CASES = fixture_inputs("cnki")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fixture_matches_expected(case: Path) -> None:
    assert check_case(case) == []


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from msc_citations import parse_file  # noqa: E402
from msc_citations.sources.chinese_citation import parse_reference  # noqa: E402
from msc_citations.sources.chinese_cnki_parts import parse_chinese_funding  # noqa: E402
from msc_citations.sources.chinese_common import FIELD_LABELS, cut_sections, read_label, split_inline  # noqa: E402

FOLDER = Path(__file__).parent.parent / "fixtures" / "cnki"


def test_gb18030_file_gives_the_same_record_as_utf8() -> None:
    utf8 = parse_file(FOLDER / "life_sci_2007_cord_blood_pdf_copy.txt").records[0]
    gb = parse_file(FOLDER / "life_sci_2007_cord_blood_gb18030.txt").records[0]
    assert Document.from_path(FOLDER / "life_sci_2007_cord_blood_gb18030.txt").encoding == "gb18030"
    exclude = {"id", "source"}
    assert utf8.model_dump(exclude=exclude) == gb.model_dump(exclude=exclude)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "中图分类号: 文献标识码:A 文章编号:1000-6729(2010)012-0887-06",
            [("classification", ""), ("document_code", "A"), ("article_id", "1000-6729(2010)012-0887-06")],
        ),
        (
            "〔中圖分類號〕G250252〔文獻標識碼〕A〔文章編號〕1008-0821(2018)11-0095-10",
            [("classification", "G250252"), ("document_code", "A"), ("article_id", "1008-0821(2018)11-0095-10")],
        ),
        ("中图分类号 G353.1 文献标识码 A", [("classification", "G353.1"), ("document_code", "A")]),
        (
            "作者单位:中山大学附属第二医院急诊科 【摘要】 【目的】 探索。",
            [("affiliations", "中山大学附属第二医院急诊科"), ("abstract", "【目的】 探索。")],
        ),
    ],
)
def test_several_labels_on_one_line(line: str, expected: list[tuple[str, str]]) -> None:
    found = read_label(line)
    assert found is not None
    assert split_inline(*found) == expected


def test_words_that_start_like_labels_are_not_labels() -> None:
    assert read_label("期待的结果") is None
    assert read_label("Abstract thinking is hard") is None
    assert read_label("年龄 45 岁") is None
    assert read_label("D O I") == ("doi", "")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "重庆市医学科研计划项目(No.20141014), 重庆市卫生局妇科微创诊治特色专科项目(No.2013-46)资助",
            [("重庆市医学科研计划项目", ["20141014"]), ("重庆市卫生局妇科微创诊治特色专科项目", ["2013-46"])],
        ),
        (
            "西安市社会科学规划基金项目(项目编号:17W90);中央高校基本科研业务费专项资金资助项目(项目编号:310833170103)。",
            [("西安市社会科学规划基金项目", ["17W90"]), ("中央高校基本科研业务费专项资金资助项目", ["310833170103"])],
        ),
        ("内蒙古自治区自然科学基金面上项目 2020MS08022", [("内蒙古自治区自然科学基金面上项目", ["2020MS08022"])]),
        ("国家自然科学基金", [("国家自然科学基金", [])]),
    ],
)
def test_chinese_funding_lines(text: str, expected: list[tuple[str, list[str]]]) -> None:
    assert [(f.funder, f.award_ids) for f in parse_chinese_funding(text)] == expected


def test_reference_of_another_article_does_not_set_the_title() -> None:
    case = FOLDER / "cjbw_2024_ucmsc_exosomes_stray_citation.txt"
    record = CnkiSource().parse(Document.from_path(case)).records[0]
    assert record.pages == "314-322"
    assert "早期清创" not in record.model_dump_json()


def test_seed_pages_are_left_to_their_own_sources() -> None:
    source = CnkiSource()
    for name in ("000_38dd110a39ae33e6.txt", "001_a2d08c43e8f002ca.txt"):
        doc = Document.from_path(Path(__file__).parent.parent / "fixtures" / "seeds" / name)
        assert source.detect(doc) < 0.5


def test_page_without_title_gives_an_error_issue() -> None:
    result = CnkiSource().parse(Document.from_text("关键词:干细胞\n中图分类号:R74\n"))
    assert result.records == []
    assert result.issues[0].severity == "error"


def test_reference_line_parts() -> None:
    ref = parse_reference(
        "黄子睿,程雁. 1990—2019年中国新生儿脑病疾病负担分析[J]. 医学新知, 2024, 34(8): 843-851. DOI: 10.12173/j.issn.1004-5511.202403040."
    )
    assert ref is not None
    assert (ref["journal"], ref["year"], ref["volume"], ref["issue"], ref["pages"]) == (
        "医学新知",
        "2024",
        "34",
        "8",
        "843-851",
    )


@settings(max_examples=200, deadline=500)
@given(
    st.lists(
        st.text(alphabet="摘要关键词中图分类号文献标识码:：【】〔〕 ;；,，()（）DOIabc0123456789\n-", max_size=80),
        max_size=30,
    )
)
def test_cutting_arbitrary_lines_never_raises(lines: list[str]) -> None:
    sections = cut_sections(lines)
    assert {s.name for s in sections.items} <= set(FIELD_LABELS)
    assert all(line.strip() for line in [*sections.head, *sections.tail])


@settings(max_examples=100, deadline=1000)
@given(st.text(max_size=3000))
def test_parser_never_raises_on_arbitrary_text(text: str) -> None:
    if not text.strip():
        return
    result = CnkiSource().parse(Document.from_text(text))
    assert result.records or result.issues
