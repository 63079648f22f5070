"""The WoS-style Chinese index page (seed 000 layout): fields, related papers, encodings."""

from __future__ import annotations

from pathlib import Path

import pytest

from fixture_helpers import FIXTURES, check_case, fixture_inputs
from msc_citations import parse_bytes
from msc_citations.document import Document
from msc_citations.sources.chinese_index import ChineseIndexSource
from msc_citations.sources.chinese_index_related import parse_source_line, person_of

CASES = fixture_inputs("chinese_index")
SEED = FIXTURES / "seeds" / "000_38dd110a39ae33e6.txt"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fixture_matches_expected(case: Path) -> None:
    assert check_case(case) == []


def _record_without_origin(data: bytes) -> dict[str, object]:
    record = parse_bytes(data, source="chinese_index").records[0]
    return record.model_dump(mode="json", exclude={"id", "source"})


def test_utf8_and_gb18030_copies_give_the_same_record() -> None:
    text = SEED.read_text(encoding="utf-8")
    utf8 = _record_without_origin(text.encode("utf-8"))
    gb = _record_without_origin(text.encode("gb18030"))
    assert utf8 == gb
    assert gb["extra"]["clc_label"] == "神经病学与精神病学"  # type: ignore[index]


def test_values_are_kept_as_written_before_normalization() -> None:
    record = ChineseIndexSource().parse(Document.from_path(SEED)).records[0]
    assert record.pages == "E1012 / E1023"
    assert record.page_count == 12
    assert record.cited_by_count == 125
    assert record.classification == "R74"
    assert record.extra["related_total"] == 50
    assert "subject_code" not in record.extra
    assert record.keywords[-1] == "CORD"
    assert (
        record.authors[3].affiliations[-1]
        == "Univ Ulsan, Asan Med Ctr, Coll Med, Dept Convergence Med, Seoul, South Korea"
    )
    assert record.abstract_sections[0].label == "Objective"
    assert record.abstract is not None and record.abstract.startswith("To test whether")
    assert len(record.related) == 10
    assert record.related[9].pages == "1155 - 1162"
    assert record.related[1].year is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("BMC Neurology, 24", {"journal": "BMC Neurology", "year": None, "volume": "24", "issue": None, "pages": None}),
        (
            "BMC NEUROLOGY, 2024, 24 (01)",
            {"journal": "BMC NEUROLOGY", "year": "2024", "volume": "24", "issue": "01", "pages": None},
        ),
        (
            "NEUROTHERAPEUTICS, 2015, 12 (03) : 681 - 681",
            {"year": "2015", "volume": "12", "issue": "03", "pages": "681 - 681"},
        ),
        ("MEDICINE, 2024, 103 (12) : E37414", {"volume": "103", "issue": "12", "pages": "E37414"}),
        (
            "INTERNATIONAL JOURNAL OF MEDICAL SCIENCES, 2022, 19 (07): : 1155 - 1162",
            {"issue": "07", "pages": "1155 - 1162"},
        ),
        ("STROKE, 2022, 53 (01) : 20 - 28", {"journal": "STROKE", "pages": "20 - 28"}),
    ],
)
def test_related_source_lines(line: str, expected: dict[str, str | None]) -> None:
    parts = parse_source_line(line)
    for key, value in expected.items():
        assert parts[key] == value, key


def test_related_names_in_both_orders() -> None:
    assert (person_of("Huanjia Huang").family, person_of("Huanjia Huang").given) == ("Huang", "Huanjia")
    assert (person_of("Lee, Jungsoo").family, person_of("Lee, Jungsoo").given) == ("Lee", "Jungsoo")
    assert person_of("Consortium").literal == "Consortium"


def test_unlisted_institution_number_is_reported() -> None:
    page = "A title\n作者\nKim, Min [1 ,3 ]\n机构\n[1] Seoul Natl Univ, Seoul, South Korea\nD O I\n10.1/x\n中图分类号\nR74 [神经病学与精神病学];\n"
    result = ChineseIndexSource().parse(Document.from_text(page))
    assert result.records[0].authors[0].affiliations == ["Seoul Natl Univ, Seoul, South Korea"]
    assert any("['3']" in issue.message for issue in result.issues)


def test_page_without_record_gives_an_error_issue() -> None:
    result = ChineseIndexSource().parse(Document.from_text("相关论文\n共 0 条\n"))
    assert result.records == []
    assert result.issues[0].severity == "error"


def test_chinese_journal_record_is_not_claimed() -> None:
    page = "骨髓间充质干细胞研究\n王晓月\n摘要:目的 探讨。\n关键词:干细胞;烫伤\n中图分类号: R135\n"
    assert ChineseIndexSource().detect(Document.from_text(page)) < 0.3


def test_institution_numbers_on_their_own_line() -> None:
    page = (
        "A title\n作者\nChung, Jong-Won\n[1 ,2 ]\nBang, Oh Young\n[2 ]\n机构\n[1] Sungkyunkwan Univ, Seoul, South Korea\n"
        "[2] Samsung Med Ctr, Seoul, South Korea\nD O I\n10.1212/WNL.0000000000011440\n中图分类号\nR74;\n"
    )
    record = ChineseIndexSource().parse(Document.from_text(page)).records[0]
    assert [(p.family, len(p.affiliations)) for p in record.authors] == [("Chung", 2), ("Bang", 1)]
