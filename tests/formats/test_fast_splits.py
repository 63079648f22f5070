"""The MEDLINE and RIS readers' one-pass splits give the fields their line-by-line splits give."""

from __future__ import annotations

import random

import pytest

from formats.fixture_records import fixture_records
from msc_citations.formats import dumps
from msc_citations.formats.ris import _entries, _entries_by_line
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
