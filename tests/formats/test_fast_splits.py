"""The MEDLINE and RIS readers' one-pass splits give the fields their line-by-line splits give."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from formats.fixture_records import fixture_records
from msc_citations.formats import dumps
from msc_citations.formats.common import people_fields, person_fields
from msc_citations.formats.ris import (
    _READ_NAMES,
    _SAME_NAMES,
    _SPACED_TAG_LINE,
    Indexed,
    _entries,
    _entries_by_line,
    _indexed,
    _indexed_entries,
    _split_indexed,
)
from msc_citations.sources.pubmed_medline import _split_lines, split_records

ODD_LINES = [
    "",
    "   ",
    "\t",
    "garbage line",
    "  continued",
    "\tcontinued  ",
    "AB- short",
    "TI-x",
    "AB  -",
    "AB  -   ",
    "ab  - lower",
    "X1  - v",
    "PMID- 99",
    "PMID-   ",
    "\u3000ideographic space",
    "\xa0no-break space",
    "\x1f",
    "ÄB  - x",
    "FAU - Lone",
    "AU  - Smith JA",
    "AD  - x@y.org.",
    "      ",
    "TY  - JOUR",
    "ER  -",
    "ER  - ",
    "TY  -\tJOUR",
    "AU  -\t",
    "AU  -x",
    "TY - JOUR",
    "   Stroke",
    "A1  - Smith, J",
    "KW  - a; b",
]


def _mangled(text: str, seed: int) -> str:
    rnd = random.Random(seed)
    lines = text.split("\n")
    for _ in range(60):
        i = rnd.randrange(len(lines))
        op = rnd.random()
        if op < 0.5:
            lines.insert(i, rnd.choice(ODD_LINES))
        elif op < 0.7:
            del lines[i]
        else:
            lines[i] += rnd.choice(["  ", " x", "\t", "-", "\xa0"])
    return "\n".join(lines)


@pytest.mark.parametrize(
    "text",
    [
        "PMID- 1\nTI  - A long\n      title\n      \tcontinued.\nAB  -\n      Only a continuation.\nPMID- 2\nTI  - B\n",
        "PMID- 1\r\nTI  - A\r\n      b\r\n\r\nPMID- 2\r\nTI  - C\r\n",
        "PMID- 1\rTI  - A\r\rPMID- 2\n",
        "PMID- 1\nTI  - A\x0bTI  - B\n",
        "\n\n   \nPMID- 1\nTI  - A  \n   \n\x1f\nPMID- 2\nTI  -   B\n      \n",
        "lead\nPMID- 1\nTI- short tag\nAUID- ORCID: 1\nPMID- 2\nPMID- 3\n",
        "PMID- 1\nTI  - A\n      ",
        "",
        "\n",
    ],
)
def test_split_edge_cases(text: str) -> None:
    assert split_records(text) == _split_lines(text)


@pytest.mark.parametrize(
    "text",
    [
        "TY  - JOUR\nTI  - A\n   long title\n\n  more\nAU  - X, Y\nER  - \n\nTY  - GEN\nER  -\n",
        "\ufeffTY  - JOUR\r\nTI  - A\r\nER  - \r\n",
        "TY  - JOUR\rTI  - A\rER  - \r",
        "TY  - JOUR\nTI  -\tA\nAU  -\t\nER  - \n",
        "junk\n  more junk\nAU  - before\nTY  - JOUR\nTI  -   \n   b  \nER  -\n   after\nKW  - k\n",
        "TY  - JOUR\nTI  - x\x0bER  - \n",
        "",
        "\n",
    ],
)
def test_ris_split_edge_cases(text: str) -> None:
    assert _entries(text) == _entries_by_line(text.lstrip("\ufeff"))


@pytest.mark.parametrize("fmt", ["nbib", "ris"])
@pytest.mark.parametrize("seed", range(20))
def test_split_of_mangled_exports(fmt: str, seed: int) -> None:
    records = list(fixture_records())
    text = dumps(records[seed % len(records) :][:8], format=fmt)
    fast, by_line = (split_records, _split_lines) if fmt == "nbib" else (_entries, _entries_by_line)
    for variant in (text, _mangled(text, seed)):
        for form in (variant, variant.replace("\n", "\r\n")):
            assert fast(form) == by_line(form)


_RIS_TAG_LINES = st.builds(
    "".join,
    st.tuples(
        st.sampled_from(["TY", "TY", "ER", "AU", "A1", "TI", "T1", "JF", "KW", "N1", "Z9", "", " "]),
        st.sampled_from(["  - ", "  - ", " - ", "  -", " -", "  -  ", "", " "]),
        st.text(st.sampled_from("ab ,;\t\xa0-"), max_size=6),
    ),
)
_RIS_LINES = st.one_of(
    _RIS_TAG_LINES,
    _RIS_TAG_LINES,
    st.sampled_from([*ODD_LINES, "ER  - x", "TY  - ", "AU  - ", "AU -", "T1  - old", "N2 - abs", "TY - GEN", "KW  -"]),
)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(_RIS_LINES, max_size=30), read_names=st.booleans(), block=st.integers(1, 200))
def test_ris_index_while_splitting(lines: list[str], read_names: bool, block: int) -> None:
    """The one-pass split groups each entry's fields by tag as :func:`_indexed` does, its
    continuation lines included, whichever line ends the text is split at."""
    text = "\n" + "\n".join(lines)
    assume(not any(map(_SPACED_TAG_LINE.match, lines)))
    tags = _READ_NAMES if read_names else _SAME_NAMES
    by_line = [[(tags.names[tag], value) for tag, value in fields] for fields in _entries_by_line(text)]
    fast = list(_split_indexed(text, tags, block))
    assert [_ordered(entry) for entry in fast] == [_ordered(_indexed(fields)) for fields in by_line]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(_RIS_LINES, max_size=30), read_names=st.booleans())
def test_ris_indexed_entries_after_a_spaced_tag_line(lines: list[str], read_names: bool) -> None:
    """The entries before a tag line with a tab (say) after its dash come from the one-pass
    split, the rest from the line-by-line reader: together, the line-by-line reader's."""
    text = "\n".join(lines)
    tags = _READ_NAMES if read_names else _SAME_NAMES
    by_line = [[(tags.names[tag], value) for tag, value in fields] for fields in _entries_by_line("\n" + text)]
    assert [_ordered(entry) for entry in _indexed_entries(text, tags)] == [
        _ordered(_indexed(fields)) for fields in by_line
    ]


def _ordered(entry: Indexed) -> tuple[object, ...]:
    """The entry with its dicts as item lists: the order of ``first`` counts."""
    fields, by_tag, first = entry
    return fields, list(by_tag.items()), list(first.items())


def _person_fields_one_by_one(text: str) -> dict[str, str] | None:
    # The rule for one name as first written, step by step: the reference the one-loop
    # reading is checked against.
    text = text.strip()
    if not text:
        return None
    if text.endswith(","):
        return {"literal": text[:-1].strip()}
    family, sep, given = text.partition(",")
    if sep:
        family, given = family.strip(), given.strip()
        if family and given:
            return {"family": family, "given": given}
    return {"literal": text.strip(" ,")}


@given(st.lists(st.text(st.sampled_from("ab ,\t\xa0."), max_size=8), max_size=8))
def test_people_fields_reads_each_name_as_person_fields(texts: list[str]) -> None:
    expected = [p for p in map(_person_fields_one_by_one, texts) if p is not None]
    assert people_fields(texts) == expected
    assert [p for p in map(person_fields, texts) if p is not None] == expected
