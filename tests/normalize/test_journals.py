"""Journal titles, abbreviations and ISSNs as real pages write them."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from msc_citations.model import Record
from msc_citations.normalize.journals import (
    abbreviation_of,
    load_journal_file,
    lookup_journal,
    normalize_issn,
    normalize_journal_title,
    normalize_journals,
)

# (as written, expected, where it was written)
TITLES = [
    ("INTERNATIONAL JOURNAL OF MEDICAL SCIENCES", "International Journal of Medical Sciences", "seed 000 related [10]"),
    ("BMC NEUROLOGY", "BMC Neurology", "seed 000 related [3]"),
    ("BMC Neurology", "BMC Neurology", "seed 000 related [2], already cased"),
    ("STROKE", "Stroke", "seed 000 related [1]"),
    ("NEUROTHERAPEUTICS", "Neurotherapeutics", "seed 000 related [6]"),
    ("MEDICINE", "Medicine", "seed 000 related [8]"),
    ("CURRENT MEDICINAL CHEMISTRY", "Current Medicinal Chemistry", "seed 000 related [9]"),
    ("NEUROLOGY ASIA", "Neurology Asia", "seed 000 related [7]"),
    ("ANNALS OF INDIAN ACADEMY OF NEUROLOGY", "Annals of Indian Academy of Neurology", "seed 000 related [4]"),
    ("CLINICAL NEUROLOGY AND NEUROSURGERY", "Clinical Neurology and Neurosurgery", "rating-site page (seed 001)"),
    ("Journal of the Korean Neurological Association", "Journal of the Korean Neurological Association", "seed 004"),
    ("STEM CELL RESEARCH & THERAPY", "Stem Cell Research & Therapy", "WoS record of a Stem Cell Res Ther paper"),
    ("CNS NEUROSCIENCE & THERAPEUTICS", "CNS Neuroscience & Therapeutics", "WoS source title with an acronym"),
    ("JAMA NEUROLOGY", "JAMA Neurology", "WoS source title JAMA NEUROLOGY"),
    ("JOURNAL OF NEUROSURGERY: SPINE", "Journal of Neurosurgery: Spine", "WoS source title with a subtitle"),
    ("ALZHEIMER'S & DEMENTIA", "Alzheimer's & Dementia", "apostrophe kept lower after it"),
    ("ACTA NEUROLOGICA SCANDINAVICA", "Acta Neurologica Scandinavica", "Latin title word"),
    ("NEUROCHEMISTRY INTERNATIONAL", "Neurochemistry International", "WoS source title"),
]
# (abbreviation or ISSN, full title, where it was written)
LOOKUPS = [
    ("Ann Neurol", "Annals of Neurology", "PubMed 'Ann Neurol. 2005 Jun.' (seed 002)"),
    ("Ann. Neurol.", "Annals of Neurology", "ISO abbreviation with periods"),
    ("0364-5134", "Annals of Neurology", "print ISSN"),
    ("1449-1907", "International Journal of Medical Sciences", "electronic ISSN"),
    ("J Stroke", "Journal of Stroke", "PMC page of PMC5066440"),
    ("Stem Cells Transl Med", "Stem Cells Translational Medicine", "Oh 2015 citation"),
    ("Medicine (Baltimore)", "Medicine", "NLM abbreviation with place qualifier"),
    ("1526632x", "Neurology", "ISSN without hyphen, lower-case check digit"),
    ("Nope J", None, "unknown abbreviation"),
]


@pytest.mark.parametrize(("written", "expected", "origin"), TITLES, ids=[c[2] for c in TITLES])
def test_normalize_journal_title(written: str, expected: str, origin: str) -> None:
    assert normalize_journal_title(written) == expected


@pytest.mark.parametrize(("written", "expected", "origin"), LOOKUPS, ids=[c[2] for c in LOOKUPS])
def test_lookup_journal(written: str, expected: str | None, origin: str) -> None:
    assert lookup_journal(written) == expected


def test_issn_and_abbreviation() -> None:
    assert normalize_issn("0022510x") == "0022-510X"
    assert normalize_issn("ISSN 123") is None
    assert abbreviation_of("Annals of Neurology") == "Ann Neurol"


def test_step_fills_title_from_abbreviation() -> None:
    out = normalize_journals(Record(journal_abbrev="Ann Neurol"), [])
    assert (out.journal, out.journal_abbrev) == ("Annals of Neurology", "Ann Neurol")
    moved = normalize_journals(Record(journal="Ann Neurol"), [])
    assert (moved.journal, moved.journal_abbrev) == ("Annals of Neurology", "Ann Neurol")
    recased = normalize_journals(Record(journal="BMC NEUROLOGY", issn=["14712377"]), [])
    assert (recased.journal, recased.issn) == ("BMC Neurology", ["1471-2377"])


def test_table_is_extendable(tmp_path: Path) -> None:
    table = tmp_path / "extra.tsv"
    table.write_text("title\tabbrev\tissn_print\tissn_electronic\nJournal of Examples\tJ Ex\t\t0000-0019\n", "utf-8")
    load_journal_file(table)
    assert lookup_journal("J Ex") == "Journal of Examples"
    assert lookup_journal("0000-0019") == "Journal of Examples"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120), st.text(max_size=30))
def test_never_raises_and_idempotent(title: str, abbrev: str) -> None:
    record = normalize_journals(Record(journal=title or None, journal_abbrev=abbrev or None, issn=[abbrev]), [])
    assert normalize_journals(record, []) == record


def test_long_input_is_bounded() -> None:
    long_title = "JOURNAL OF " * 10_000
    assert normalize_journal_title(long_title).startswith("Journal of Journal")
    assert lookup_journal("1" * 100_000) is None
