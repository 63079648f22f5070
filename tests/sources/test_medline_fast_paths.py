"""The MEDLINE reader's fast paths give what their plain versions give."""

from __future__ import annotations

from typing import Any
from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from msc_citations.formats import nbib
from msc_citations.model import Record
from msc_citations.sources.pubmed_common import ORCID, email_in
from msc_citations.sources.pubmed_medline import (
    _AUTHOR_TAGS,
    Fields,
    _au_fields,
    _au_fields_by_pattern,
    _authors,
    _by_tag,
    _fau_fields,
    _grouped_records,
    _split_lines,
    split_records,
)
from normalize.test_regex_safety import guard  # noqa: F401  # the time guard fixture

_NAME_PIECES = st.sampled_from(
    ["Smith", "Kim", "A", "JA", "ABCD", "ABCDE", "Ab", "É", "1", " ", "  ", "\t", "\n", "\xa0"]
)
_NAMES = st.lists(_NAME_PIECES, max_size=6).map("".join) | st.builds(lambda n: "x" * n + " JA", st.integers(140, 160))


@settings(max_examples=500, deadline=None)
@given(_NAMES)
def test_au_split_matches_the_pattern(value: str) -> None:
    assert _au_fields(value) == _au_fields_by_pattern(value)


def _authors_reference(fields: Fields) -> list[dict[str, Any]]:
    """The author walk written plainly: the last name tag decides whether an AU line is a
    new author."""
    people: list[dict[str, Any]] = []
    last_tag = ""
    for tag, value in fields:
        if tag not in _AUTHOR_TAGS:
            continue
        if tag == "FAU" or (tag == "AU" and last_tag != "FAU"):
            people.append(_fau_fields(value) if tag == "FAU" else _au_fields_by_pattern(value))
        elif tag == "CN":
            people.append({"literal": value})
        elif tag == "AD" and people:
            person = people[-1]
            person.setdefault("affiliations", []).append(value)
            if person.get("email") is None:
                person["email"] = email_in(value)
        elif tag == "AUID" and people:
            m = ORCID.search(value)
            if m:
                people[-1]["orcid"] = m.group(0)
        if tag in {"FAU", "AU", "CN", "FED", "ED"}:
            last_tag = tag
    return people


_AUTHOR_FIELDS = st.lists(
    st.tuples(
        st.sampled_from(["FAU", "AU", "CN", "AD", "AUID", "FED", "ED", "TI"]),
        st.sampled_from(["Bang, Oh Young", "Bang OY", "Dept x@y.org.", "ORCID: 0000-0002-1825-0097", ""]),
    ),
    max_size=10,
)


@settings(max_examples=1000, deadline=None)
@given(_AUTHOR_FIELDS)
def test_author_walk_matches_the_plain_walk(fields: Fields) -> None:
    assert _authors(fields) == _authors_reference(fields)


_LINES = st.sampled_from(
    [
        "PMID- 1",
        "PMID- 2",
        "TI  - A title",
        "TI  -  spaced  ",
        "AB  -",
        "      continued",
        "      ",
        "\tcontinued",
        "",
        " ",
        "\xa0",
        "FAU - Bang, Oh Young",
        "AU  - Bang OY",
        "AD  - Dept x@y.org.",
        "CN  - Group",
        "FED - Ed, A",
        "XYZ - unknown",
        "odd line",
        "TI- short",
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_LINES, max_size=16), st.sampled_from(["\n", "\r\n", "\r"]))
def test_grouped_records_match_grouping_the_split(lines: list[str], newline: str) -> None:
    text = newline.join(lines)
    expected = [(_by_tag(f), [x for x in f if x[0] in _AUTHOR_TAGS]) for f in split_records(text)]
    assert _grouped_records(text) == expected


_PAGES = st.lists(st.sampled_from(["874", "-", "82", "e1", ",", " ", "A", "0", "–", "\xa0"]), max_size=6).map("".join)


@settings(max_examples=300, deadline=None)
@given(_PAGES, st.lists(st.sampled_from(["Pages: 1-2", "Record type: book", "x"]), max_size=2))
def test_pages_split_without_validation_matches_validating(pages: str, notes: list[str]) -> None:
    rec = Record(pages=pages or None, extra={"general_notes": notes} if notes else {})
    fast = nbib._from_notes(rec)
    with patch.object(nbib, "_PAGE_KEYS", frozenset()):
        validated = nbib._from_notes(rec)
    assert fast.model_dump() == validated.model_dump()
    assert fast.model_fields_set == validated.model_fields_set


_SPLIT_LINES = _LINES | st.sampled_from(["   \xa0x", " \t", "\t\t", "  x  ", "TI  - x\xa0", "AU  -\t"])


@settings(max_examples=1000, deadline=None)
@given(st.lists(_SPLIT_LINES, max_size=16), st.sampled_from(["\n", "\r\n"]))
def test_split_in_one_pass_matches_line_by_line(lines: list[str], newline: str) -> None:
    text = newline.join(lines)
    assert split_records(text) == _split_lines(text)


ADVERSARIAL = [
    "\n" + " " * 100_000 + "x",
    "TI  - a" + "\n " * 50_000,
    "TI  - a" + "\n \t" * 33_000 + "\n",
    "\n\t" * 50_000,
    "PMID- 1\n" * 12_500,
    "TI  - " + " " * 100_000 + "\n      x",
    "\n" * 100_000,
    "A   -" * 20_000,
    "TI  - a\n" + "      " * 16_000 + "\xa0",
]


@pytest.mark.parametrize("text", ADVERSARIAL, ids=[repr(t[:12]) for t in ADVERSARIAL])
@pytest.mark.usefixtures("guard")
def test_split_on_100kb_adversarial_input(text: str) -> None:
    assert split_records(text) == _split_lines(text)
    assert _grouped_records(text) == [(_by_tag(f), [x for x in f if x[0] in _AUTHOR_TAGS]) for f in split_records(text)]
