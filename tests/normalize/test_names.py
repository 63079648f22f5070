"""Person names as real pages and exports write them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from msc_citations.model import Person, Record
from msc_citations.normalize.names import normalize_names, parse_name, recase_family

# (as written, family, given, literal, where it was written)
CASES = [
    ("Chung, Jong-Won [1 ,2 ]", "Chung", "Jong-Won", None, "Chinese index author list (seed 000)"),
    ("Moon, Gyeong Joon [2 ,3 ,5 ,9 ,10 ]", "Moon", "Gyeong Joon", None, "seed 000, five affiliation marks"),
    ("Hyun Young KIM", "Kim", "Hyun Young", None, "KoreaMed author line (seed 004)"),
    ("Jin Young PAEK", "Paek", "Jin Young", None, "seed 004"),
    ("KIM Hyun Young", "Kim", "Hyun Young", None, "KoreaMed search list, family first in capitals"),
    ("Bang OY", "Bang", "O. Y.", None, "MEDLINE AU of PMID 15929052"),
    ("Bang, O. Y.", "Bang", "O. Y.", None, "Vancouver-style reference"),
    ("Chung J-W", "Chung", "J.-W.", None, "MEDLINE AU with hyphenated initials"),
    ("Huanjia Huang", "Huang", "Huanjia", None, "seed 000 related entry [2], given name first"),
    ("Hu, YinQin", "Hu", "YinQin", None, "seed 000 related entry [7]"),
    ("Levy, Michael L.", "Levy", "Michael L.", None, "seed 000 related entry [5]"),
    ("Ferri, Anna Lucia Maria", "Ferri", "Anna Lucia Maria", None, "seed 000 related entry [9]"),
    ("Oh Young Bang", "Bang", "Oh Young", None, "PubMed 'Oh Young Bang et al.' line (seed 002)"),
    ("Zhang Xiaoming", "Zhang", "Xiaoming", None, "pinyin, family name first"),
    ("Kim Yun-Hee", "Kim", "Yun-Hee", None, "romanised Korean, family name first"),
    ("欧阳娜娜", "欧阳", "娜娜", None, "compound surname 欧阳"),
    ("司马光", "司马", "光", None, "compound surname 司马"),
    ("诸葛亮", "诸葛", "亮", None, "compound surname 诸葛"),
    ("王小明", "王", "小明", None, "single-character surname"),
    ("김현영", "김", "현영", None, "Hangul, family name first"),
    ("남궁민수", "남궁", "민수", None, "Korean two-syllable surname 남궁"),
    ("Ludwig van Beethoven", "van Beethoven", "Ludwig", None, "particle van"),
    ("Maria de la Cruz", "de la Cruz", "Maria", None, "particles de la"),
    ("Martin Luther King Jr.", "King", "Martin Luther, Jr.", None, "suffix Jr."),
    ("Hyun Young Kim, MD, PhD", "Kim", "Hyun Young", None, "byline with degrees"),
    ("Seung Hyun KIM1*", "Kim", "Seung Hyun", None, "affiliation mark and corresponding star"),
    ("MCDONALD, JOHN", "McDonald", "John", None, "WoS all-caps export"),
    ("O'BRIEN, PATRICK", "O'Brien", "Patrick", None, "all-caps apostrophe name"),
    ("VAN DER BERG, J", "van der Berg", "J.", None, "all-caps name with particles"),
    ("ZHANG, LI", "Zhang", "Li", None, "all-caps pinyin given name is a name, not initials"),
    ("ALS Study Group", None, None, "ALS Study Group", "group author"),
    ("中华医学会神经病学分会", None, None, "中华医学会神经病学分会", "Chinese society as author"),
]


@pytest.mark.parametrize(("written", "family", "given", "literal", "origin"), CASES, ids=[c[4] for c in CASES])
def test_parse_name(written: str, family: str | None, given: str | None, literal: str | None, origin: str) -> None:
    person = parse_name(written)
    assert (person.family, person.given, person.literal) == (family, given, literal)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("KIM", "Kim"),
        ("MCDONALD", "McDonald"),
        ("O'BRIEN", "O'Brien"),
        ("KIM-LEE", "Kim-Lee"),
        ("Kim", "Kim"),
        ("MACDONALD", "MacDonald"),
        ("VAN DER BERG", "van der Berg"),
        ("de la Cruz", "de la Cruz"),
    ],
)
def test_recase_family(written: str, expected: str) -> None:
    assert recase_family(written) == expected


def test_step_splits_literals_and_recases_structured_names() -> None:
    record = Record(
        authors=[
            Person(literal="Hyun Young KIM", affiliations=["Department of Neurology, Hanyang University Hospital"]),
            Person(family="PAEK", given="Jin Young"),
            Person(family="Bang", given="Oh Young"),
            Person(literal="ALS Study Group"),
        ]
    )
    out = normalize_names(record, [])
    assert [(p.family, p.given, p.literal) for p in out.authors] == [
        ("Kim", "Hyun Young", None),
        ("Paek", "Jin Young", None),
        ("Bang", "Oh Young", None),
        (None, None, "ALS Study Group"),
    ]
    assert out.authors[0].affiliations == ["Department of Neurology, Hanyang University Hospital"]
    assert out.authors[2] is record.authors[2]
    assert normalize_names(out, []) == out


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=80))
def test_never_raises_and_step_idempotent(text: str) -> None:
    parse_name(text)
    record = normalize_names(Record(authors=[Person(literal=text)]), [])
    assert normalize_names(record, []) == record


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40), st.text(max_size=40))
def test_structured_names_idempotent(family: str, given_name: str) -> None:
    record = normalize_names(Record(authors=[Person(family=family or None, given=given_name or None)]), [])
    assert normalize_names(record, []) == record


def test_long_input_is_bounded() -> None:
    assert parse_name("A" * 100_000).literal is not None
    assert parse_name("Kim, " + "[1 ," * 30_000).family == "Kim"
