"""The Chinese database record source (CNKI, Wanfang, VIP, SinoMed, Chinese journal sites)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fixture_helpers import check_case, fixture_inputs
from msc_citations import parse_file
from msc_citations.document import Document
from msc_citations.errors import InputError
from msc_citations.sources.chinese_citation import parse_reference
from msc_citations.sources.chinese_cnki_parts import parse_chinese_funding
from msc_citations.sources.chinese_common import FIELD_LABELS, cut_sections, read_label, split_inline
from msc_citations.sources.cnki import CnkiSource

CASES = fixture_inputs("cnki")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fixture_matches_expected(case: Path) -> None:
    assert check_case(case) == []


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
    try:
        doc = Document.from_text(text)
    except InputError:  # empty once zero-width characters are removed
        return
    result = CnkiSource().parse(doc)
    assert result.records or result.issues


WANFANG_STYLE = """不同途径应用人脐带间充质干细胞外泌体治疗小鼠全层皮肤缺损创面的效果
摘要
目的 探讨不同途径应用人脐带间充质干细胞外泌体治疗小鼠全层皮肤缺损创面的效果。
作者
王宏宇 巴特 欧阳娜娜
作者单位
1. 内蒙古医科大学附属医院烧伤科,呼和浩特 010050 2. 内蒙古医科大学,呼和浩特 010110
刊名
中华烧伤与创面修复杂志
Journal
Chinese Journal of Burns and Wounds
年，卷(期)
2024，40(4)
分类号
R644
关键词
外泌体；间充质干细胞；伤口愈合
基金项目
内蒙古自治区自然科学基金面上项目(2020MS08022)
DOI
10.3760/cma.j.cn501225-20231123-00203
页数
9
页码
314-322
"""


def test_labelled_database_fields() -> None:
    record = CnkiSource().parse(Document.from_text(WANFANG_STYLE)).records[0]
    assert record.title == "不同途径应用人脐带间充质干细胞外泌体治疗小鼠全层皮肤缺损创面的效果"
    assert (record.journal, record.year, record.volume, record.issue) == ("中华烧伤与创面修复杂志", 2024, "40", "4")
    assert (record.pages, record.page_count, record.classification) == ("314-322", 9, "R644")
    assert record.doi == "10.3760/cma.j.cn501225-20231123-00203"
    assert record.keywords == ["外泌体", "间充质干细胞", "伤口愈合"]
    assert record.funding[0].award_ids == ["2020MS08022"]
    assert record.extra["journal_en"] == "Chinese Journal of Burns and Wounds"
    assert [p.literal for p in record.authors] == ["王宏宇", "巴特", "欧阳娜娜"]
    assert record.extra["affiliations"][1] == "内蒙古医科大学,呼和浩特 010110"


def test_compound_surnames_are_split_by_normalization() -> None:
    from msc_citations import parse_text

    record = parse_text(WANFANG_STYLE, source="cnki").records[0]
    assert [(p.family, p.given) for p in record.authors] == [("王", "宏宇"), ("巴", "特"), ("欧阳", "娜娜")]


def test_labelled_trial_registration() -> None:
    page = WANFANG_STYLE + "临床试验注册号\nChiCTR2000030944\n"
    record = CnkiSource().parse(Document.from_text(page)).records[0]
    assert [(r.registry, r.id) for r in record.registry_ids] == [("ChiCTR", "ChiCTR2000030944")]


def test_meta_tags_fill_what_the_visible_page_leaves_out() -> None:
    page = (
        "<html><head><meta charset='utf-8'>"
        "<meta name='citation_journal_title' content='职业卫生与应急救援'>"
        "<meta name='citation_date' content='2020-10-30'><meta name='citation_volume' content='38'>"
        "<meta name='citation_issue' content='5'><meta name='citation_firstpage' content='443'>"
        "<meta name='citation_lastpage' content='446'></head><body>"
        "<h1>骨髓间充质干细胞促小鼠皮肤烫伤修复研究</h1><p>王晓月, 陈东真</p>"
        "<p>摘要:探讨骨髓间充质干细胞对小鼠皮肤烫伤的促修复作用。</p><p>关键词:骨髓间充质干细胞;烫伤</p>"
        "<p>中图分类号: R135</p></body></html>"
    )
    record = CnkiSource().parse(Document.from_text(page)).records[0]
    assert (record.journal, record.year, record.volume, record.issue, record.pages) == (
        "职业卫生与应急救援",
        2020,
        "38",
        "5",
        "443-446",
    )


def test_initials_stay_in_the_author_list() -> None:
    ref = parse_reference(
        "包艳华, 唐倩, Barbara M. KEHM. 德国高校跨学科科研平台建设研究——以3D制造集群为例[J]. "
        "北京航空航天大学学报社会科学版, 2022, 35(5): 177-182. DOI: 10.13766/j.bhsk.1008-2204.2021.0067"
    )
    assert ref is not None
    assert ref["authors"] == "包艳华, 唐倩, Barbara M. KEHM"
    assert ref["title"] == "德国高校跨学科科研平台建设研究——以3D制造集群为例"


def test_long_article_text_is_read_quickly() -> None:
    import time

    body = "\n".join(
        ["a. " * 300 + "[J]", "A. " * 390 + "[J]", "作者. " * 200 + "[J]. x", "中图分类号 " + "R7 " * 2000] * 20
    )
    started = time.perf_counter()
    CnkiSource().parse(Document.from_text("骨髓间充质干细胞研究\n王晓月\n摘要:探讨。\n关键词:干细胞\n" + body))
    assert time.perf_counter() - started < 2.0


def test_unlabelled_reference_of_another_article_is_ignored() -> None:
    case = FOLDER / "cjbw_2024_ucmsc_exosomes_stray_citation.txt"
    text = case.read_text(encoding="utf-8").replace("引用本文: ", "")
    text = "\n".join(line for line in text.splitlines() if not line.startswith(("王宏宇, 巴特", "Citation")))
    record = CnkiSource().parse(Document.from_text(text)).records[0]
    assert record.pages is None
    assert record.doi == "10.3760/cma.j.cn501225-20231123-00203"
