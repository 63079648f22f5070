"""Comparison keys: text, DOIs, pages, author strings."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from msc_citations.dedup.authors import signature, split_authors
from msc_citations.dedup.compare import journal_match
from msc_citations.dedup.table import split_title
from msc_citations.dedup.text import doi_keys, page_keys, text_key
from msc_citations.model import Person


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("KÃ¶nig R. &amp; <i>Müller</i>", "konig r and muller"),
        ("Ｓｔｅｍ　ｃｅｌｌｓ（ＭＳＣ）", "stem cells msc"),
        ("间充质干细胞：一项研究", "间充质干细胞 一项研究"),
        ("Stem Cell Research & Therapy", "stem cell research and therapy"),
        ("  ", ""),
    ],
)
def test_text_key(raw: str, key: str) -> None:
    assert text_key(raw) == key


@given(st.text(max_size=300))
def test_text_key_never_raises_and_is_idempotent(text: str) -> None:
    key = text_key(text)
    assert text_key(key) == key


@pytest.mark.parametrize(
    ("raw", "keys"),
    [
        ("10.1002/ANA.20501", ("10.1002/ana.20501",)),
        ("https://doi.org/10.1002/ana.20501.", ("10.1002/ana.20501",)),
        (
            "10.1002/(SICI)1096-8628(19970221)74:1&lt;73::AID-AJMG16&gt;3.0.CO;2-O",
            ("10.1002/(sici)1096-8628(19970221)74:1<73::aid-ajmg16>3.0.co;2-o",),
        ),
        ("ARTN 15193\n10.1038/ncomms15193", ("10.1038/ncomms15193",)),
        ("49695", ()),
        (None, ()),
    ],
)
def test_doi_keys(raw: str | None, keys: tuple[str, ...]) -> None:
    assert doi_keys(raw) == keys


@pytest.mark.parametrize(
    ("raw", "pair"),
    [
        ("221-8", ("221", "228")),
        ("06-Oct", ("6", "10")),
        ("Oct-15", ("10", "15")),
        ("S7-S10", ("7", "10")),
        ("e0182879", ("182879", "")),
        ("681 - 681", ("681", "")),
        (None, ("", "")),
    ],
)
def test_page_keys(raw: str | None, pair: tuple[str, str]) -> None:
    assert page_keys(raw) == pair


@pytest.mark.parametrize(
    ("raw", "names"),
    [
        ("Adeli K.Lewis G. F.", ["Adeli K.", "Lewis G. F."]),
        ("Zhang DanWang CunZhou Zongguang", ["Zhang Dan", "Wang Cun", "Zhou Zongguang"]),
        ("Basaria SWahlstrom JTDobs A", ["Basaria S.", "Wahlstrom JT.", "Dobs A"]),
        ("Zuurbier C. J.van Beek J. H.", ["Zuurbier C. J.", "van Beek J. H."]),
        ("Bruschi MLde Freitas O", ["Bruschi ML.", "de Freitas O"]),
        ("LeRouge C. M.McDonald A.", ["LeRouge C. M.", "McDonald A."]),
        ("Ziegler, T. R. and Zhou, X.", ["Ziegler, T. R.", "Zhou, X."]),
        ("Bang OY; Lee JS", ["Bang OY", "Lee JS"]),
        ("", []),
    ],
)
def test_split_authors(raw: str, names: list[str]) -> None:
    assert split_authors(raw) == names


@pytest.mark.parametrize(
    ("person", "sig"),
    [
        (Person(literal="Adeli K."), "adeli k"),
        (Person(literal="Ziegler, T. R."), "ziegler t"),
        (Person(literal="SmithJ.A."), "smith j"),
        (Person(family="van der Heijden", given="Hans"), "heijden h"),
        (Person(family="Manthei S.", given="A."), "manthei s"),
        (Person(literal="KÃ¶nig R."), "konig r"),
    ],
)
def test_signature(person: Person, sig: str) -> None:
    assert signature(person) == sig


def test_split_title_keeps_the_bracketed_original() -> None:
    assert split_title("Crowdwork: a theory [Arbeiten in der Crowd: eine Theorie]") == (
        "crowdwork a theory",
        "arbeiten in der crowd eine theorie",
    )
    assert split_title("[A study on mycobacterium vaccine]") == ("a study on mycobacterium vaccine", "")


def test_split_title_keeps_the_original_on_the_line_after_its_language() -> None:
    title = "Myocardial protection by volatile anaesthetics. German\nMyokardprotektion durch Inhalationsanasthetika"
    assert split_title(title) == (
        "myocardial protection by volatile anaesthetics",
        "myokardprotektion durch inhalationsanasthetika",
    )
    # A title that merely runs onto a second line stays whole.
    assert split_title("Stem cells in stroke\na review")[0] == "stem cells in stroke a review"


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("j cardiovasc pharmacol ther", "journal of cardiovascular pharmacology and therapeutics", True),
        ("icis transforming society", "international conference on information systems", True),
        # The acronym side may have more words than the spelled-out name.
        ("icis transforming society with digital innovation", "international conference on information systems", True),
        ("stroke", "neurology", False),
        ("", "stroke", None),
    ],
)
def test_journal_match(a: str, b: str, same: bool | None) -> None:
    assert journal_match(a, b) is same
