"""Text clean-up: titles, abstracts, furniture, repeated paragraphs, mojibake."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from msc_citations.model import AbstractSection, Record
from msc_citations.normalize.text import (
    clean_text,
    drop_repeated_paragraphs,
    fix_mojibake,
    normalize_text,
    split_abstract,
    squash,
    strip_furniture,
)

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"


def _seed(name: str) -> str:
    return (SEEDS / name).read_text("utf-8")


def _between(text: str, start: str, end: str) -> str:
    return text.split(start, 1)[1].split(end, 1)[0]


# (abstract as written, expected labels, where it was written)
STRUCTURED = [
    (
        _between(_seed("000_38dd110a39ae33e6.txt"), "摘要\n", "\n引用"),
        ["Objective", "Methods", "Results", "Conclusions", "Classification of Evidence"],
        "Chinese index copy of Neurology 2021 (seed 000), labels without colons",
    ),
    (
        _between(_seed("001_a2d08c43e8f002ca.txt"), "索取更多资源\n\n", "\n\n作者"),
        ["Background", "Methods", "Results", "Conclusion"],
        "rating site (seed 001): summary paragraph, then 'Background:'; 'Results showed' is a sentence",
    ),
    (
        _seed("004_b9c5321cb88d8b13.txt").split("Abstract:\n", 1)[1],
        ["BACKGROUND", "METHODS", "RESULTS", "CONCLUSIONS"],
        "KoreaMed (seed 004), capitals with colons",
    ),
    (
        "Background and Purpose. BM-MNC transplantation improves recovery in experimental models. Methods. We "
        "performed a pooling data analysis. Results. Twenty-two patients were included. Conclusions. Similar to "
        "preclinical studies, a higher dose was related to better outcome.",
        ["Background and Purpose", "Methods", "Results", "Conclusions"],
        "PMC4972913 abstract (BM-MNC dose pooling analysis), labels followed by a period",
    ),
    (
        "Background and Purpose— Stroke is a leading cause. Methods— We enrolled patients. Results— Outcomes "
        "improved. Conclusions— Treatment was safe.",
        ["Background and Purpose", "Methods", "Results", "Conclusions"],
        "Stroke journal style with em dashes",
    ),
    (
        "目的 通过对现阶段干细胞治疗技术的安全状况进行系统评价。\n方法 采用卫生技术评估方法。\n"
        "结果 无论是自体还是异体来源的间充质干细胞移植，未见明显的毒性反应。\n结论 安全性良好。",
        ["目的", "方法", "结果", "结论"],
        "Chin Med Biotechnol 2013;8(5) abstract, labels on their own lines",
    ),
    (
        "目的：探讨骨髓间充质干细胞移植的疗效。方法：选取患者60例。结果：治疗组结果显示改善。结论：安全有效。",
        ["目的", "方法", "结果", "结论"],
        "CNKI-style abstract with full-width colons; 结果显示 inside a sentence",
    ),
    (
        "【目的】探讨疗效。【方法】随机分组。【结果】改善。【结论】有效。",
        ["目的", "方法", "结果", "结论"],
        "Wanfang-style bracketed labels",
    ),
    (
        "OBJECTIVE: To test. DESIGN, SETTING, AND PARTICIPANTS: This randomized trial. RESULTS: Outcomes. "
        "CONCLUSIONS AND RELEVANCE: Safe.",
        ["OBJECTIVE", "DESIGN, SETTING, AND PARTICIPANTS", "RESULTS", "CONCLUSIONS AND RELEVANCE"],
        "JAMA Neurology structured abstract",
    ),
    (
        "Mesenchymal stem cell (MSC) transplantation improves recovery from ischemic stroke in animals. We examined "
        "the feasibility. Results were compared between the groups.",
        [],
        "PubMed abstract of PMID 15929052 (seed 002): unstructured",
    ),
]


@pytest.mark.parametrize(("abstract", "labels", "origin"), STRUCTURED, ids=[c[2] for c in STRUCTURED])
def test_split_abstract(abstract: str, labels: list[str], origin: str) -> None:
    sections = split_abstract(clean_text(abstract))
    assert [s.label for s in sections if s.label is not None] == labels
    assert all(s.text for s in sections)


# (as written, cleaned title, where it was written)
TITLES = [
    (
        "Efficacy and Safety of Autologous Bone Marrow-derived Mesenchymal Stem Cell Treatment in Patients With "
        "Amyotrophic Lateral Sclerosis.",
        "Efficacy and Safety of Autologous Bone Marrow-derived Mesenchymal Stem Cell Treatment in Patients With "
        "Amyotrophic Lateral Sclerosis",
        "KoreaMed title (seed 004), trailing period dropped",
    ),
    (
        "Autologous mesenchymal stem cell\ntransplantation in stroke patients",
        "Autologous mesenchymal stem cell transplantation in stroke patients",
        "PubMed title wrapped over two lines",
    ),
    ("Stem cell therapy for stroke: what next?", "Stem cell therapy for stroke: what next?", "question mark kept"),
    ("Mesenchymal stem cells...", "Mesenchymal stem cells...", "ellipsis kept"),
    (
        "Intravenous  infusion\u00a0of auto serum-expanded MSCs",
        "Intravenous infusion of auto serum-expanded MSCs",
        "no-break and double spaces from a copied page",
    ),
]


@pytest.mark.parametrize(("written", "expected", "origin"), TITLES, ids=[c[2] for c in TITLES])
def test_title(written: str, expected: str, origin: str) -> None:
    assert normalize_text(Record(title=written), []).title == expected


def test_repeated_paragraph_of_seed_003_kept_once() -> None:
    text = _seed("003_6a96e5e6372cea76.txt").split("Study Type", 1)[0]
    cleaned = drop_repeated_paragraphs(clean_text(text))
    assert cleaned.count("Stroke is the main cause of adult health damage.") == 1
    assert cleaned.endswith("patients with neurological dysfunction.")


def test_furniture_is_removed() -> None:
    disclaimer = (
        "This platform is for informational purposes only and does not constitute medical advice. "
        "Always consult a qualified healthcare professional."
    )
    assert "informational" not in strip_furniture(f"Change of GDS scores\n{disclaimer}\nTime frame")
    assert strip_furniture("Abstract text.\nPubMed Disclaimer\nComment in") == "Abstract text."


def test_hyphenated_line_breaks_and_whitespace() -> None:
    assert clean_text("autologous trans-\nplantation of  MSCs\r\n\r\nin stroke") == (
        "autologous transplantation of MSCs\nin stroke"
    )
    assert squash("  one\n two\tthree ") == "one two three"


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        ("KÃ¶nig", "König"),
        ("Itâ€™s", "It’s"),
        ("SchÃ¤bitz", "Schäbitz"),
        ("MÃ¼nster", "Münster"),
        ("KÃ\u0083Â¶nig", "König"),
        ("König", "König"),
        ("é", "é"),
        ("中文", "中文"),
    ],
)
def test_fix_mojibake(broken: str, fixed: str) -> None:
    assert fix_mojibake(broken) == fixed


def test_step_fills_sections_and_cleans_lists() -> None:
    record = Record(
        abstract="BACKGROUND: This study. METHODS: Twenty-two patients. RESULTS: Slower decline.",
        keywords=["Efficacy;", " Safety ", "Efficacy"],
    )
    out = normalize_text(record, [])
    assert [s.label for s in out.abstract_sections] == ["BACKGROUND", "METHODS", "RESULTS"]
    assert out.keywords == ["Efficacy", "Safety"]
    given_sections = Record(abstract="x", abstract_sections=[AbstractSection(label="Aim", text=" a  b ")])
    assert normalize_text(given_sections, []).abstract_sections == [AbstractSection(label="Aim", text="a b")]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_and_idempotent(text: str) -> None:
    record = normalize_text(Record(title=text or None, abstract=text or None, keywords=[text]), [])
    assert normalize_text(record, []) == record
    assert fix_mojibake(fix_mojibake(text)) == fix_mojibake(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["BACKGROUND:", "Methods", "Results.", "目的：", "a b.", "\n", " ", "X"]), max_size=40))
def test_label_soup(parts: list[str]) -> None:
    text = " ".join(parts)
    for section in split_abstract(text):
        assert section.text


def test_large_adversarial_input() -> None:
    soup = "Results. " * 12_000
    assert len(soup) > 100_000
    assert split_abstract(soup) == [] or all(s.text for s in split_abstract(soup))
    assert clean_text("a-\n" * 40_000).startswith("a")
    assert fix_mojibake("Ã" * 100_000) == "Ã" * 100_000
