"""Identifiers in free text: registry ids with their registry, DOIs, PMIDs, PMCIDs."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from msc_citations.model import Funding, Record, RegistryId
from msc_citations.normalize.ids import find_identifiers, find_registry_ids, normalize_ids, registry_of

# (text as written, expected [(registry, id)], where it was written)
CASES = [
    (
        "The trial was registered with the Japan Medical Association (JMA-IIA00154). Results:",
        [("JMA-IIA", "JMA-IIA00154")],
        "abstract of Clin Neurol Neurosurg 2021;203:106565 (seed 001)",
    ),
    ("[07060011, JMA-IIA00154, 15lm0103003j0004]", [("JMA-IIA", "JMA-IIA00154")], "seed 001 funding line"),
    (
        "ClinicalTrials.gov Identifier: NCT01716481",
        [("ClinicalTrials.gov", "NCT01716481")],
        "STARTING-2, Neurology 2021",
    ),
    (
        "Clinical Trial Registration—URL: http://www.clinicaltrials.gov. Unique identifier: NCT01297413.",
        [("ClinicalTrials.gov", "NCT01297413")],
        "Levy 2019 Stroke abstract",
    ),
    (
        "MASTERS ClinicalTrials.gov, number NCT01436487.",
        [("ClinicalTrials.gov", "NCT01436487")],
        "Hess 2017 Lancet Neurol",
    ),
    ("Trial registration: ChiCTR-ONRC-12002929", [("ChiCTR", "ChiCTR-ONRC-12002929")], "ChiCTR legacy id form"),
    ("注册号：ChiCTR2600119523", [("ChiCTR", "ChiCTR2600119523")], "ChiCTR current id form on a Chinese page"),
    ("UMIN Clinical Trials Registry (UMIN000040503)", [("UMIN-CTR", "UMIN000040503")], "UMIN-CTR record id"),
    ("jRCT2013230003", [("jRCT", "jRCT2013230003")], "jRCT id of a clinical trial under the Act"),
    (
        "Japan Registry of Clinical Trials (jRCTb051200014)",
        [("jRCT", "jRCTb051200014")],
        "jRCT regenerative-medicine id",
    ),
    ("JPRN-UMIN000012345", [("JPRN", "JPRN-UMIN000012345")], "WHO ICTRP id of a UMIN record"),
    ("Clinical Research Information Service (KCT0001234)", [("CRiS", "KCT0001234")], "Korea CRIS id form"),
    (
        "Australian New Zealand Clinical Trials Registry ACTRN12610000123456",
        [("ANZCTR", "ACTRN12610000123456")],
        "ANZCTR id form (14 digits)",
    ),
    ("EudraCT number 2012-003232-37", [("EudraCT", "2012-003232-37")], "EudraCT number after its label"),
    ("EU CT number: 2022-500014-26-00", [("CTIS", "2022-500014-26-00")], "CTIS EU CT number"),
    ("CTRI/2017/04/008377", [("CTRI", "CTRI/2017/04/008377")], "Clinical Trials Registry - India id form"),
    ("German Clinical Trials Register (DRKS00012345)", [("DRKS", "DRKS00012345")], "DRKS id form"),
    ("IRCT20170501033777N1", [("IRCT", "IRCT20170501033777N1")], "Iranian registry id form"),
    ("Thai Clinical Trials Registry TCTR20170519001", [("TCTR", "TCTR20170519001")], "TCTR id form"),
    ("PACTR201702002022351", [("PACTR", "PACTR201702002022351")], "Pan African registry id form"),
    ("Netherlands Trial Register NTR1234 / NL7368", [("NTR", "NTR1234"), ("NTR", "NL7368")], "NTR old and new ids"),
    ("ISRCTN registry: ISRCTN12345678.", [("ISRCTN", "ISRCTN12345678")], "ISRCTN id form"),
    ("at a dose of 2012-003232-37 cells", [], "digits alone are not an EudraCT number"),
    ("p<0.01; 22 patients; ALSFRS-R", [], "KoreaMed abstract (seed 004): no registration"),
]


@pytest.mark.parametrize(("text", "expected", "origin"), CASES, ids=[c[2] for c in CASES])
def test_find_registry_ids(text: str, expected: list[tuple[str, str]], origin: str) -> None:
    assert [(r.registry, r.id) for r in find_registry_ids(text)] == expected


@pytest.mark.parametrize(
    ("identifier", "registry"),
    [
        ("NCT01716481", "ClinicalTrials.gov"),
        ("ChiCTR-ONRC-12002929", "ChiCTR"),
        ("UMIN000040503", "UMIN-CTR"),
        ("jRCTb051200014", "jRCT"),
        ("JMA-IIA00154", "JMA-IIA"),
        ("KCT0001234", "CRiS"),
        ("2012-003232-37", "EudraCT"),
        ("hello", None),
        ("", None),
    ],
)
def test_registry_of(identifier: str, registry: str | None) -> None:
    assert registry_of(identifier) == registry


def test_find_identifiers() -> None:
    text = "Oh Young Bang ... PMCID: PMC5066440  PMID: 27733032 doi: 10.5853/jos.2016.01263"
    assert find_identifiers(text) == {"doi": ["10.5853/jos.2016.01263"], "pmid": ["27733032"], "pmcid": ["PMC5066440"]}
    assert find_identifiers("27733032 alone is not a PMID")["pmid"] == []


def test_step_adds_quoted_ids_once() -> None:
    record = Record(
        abstract="The trial was registered with the Japan Medical Association (JMA-IIA00154).",
        funding=[Funding(funder="MEXT", award_ids=["07060011", "JMA-IIA00154"])],
        registry_ids=[RegistryId(registry="ClinicalTrials.gov", id="NCT01716481")],
    )
    out = normalize_ids(record, [])
    assert [r.id for r in out.registry_ids] == ["NCT01716481", "JMA-IIA00154"]
    assert normalize_ids(out, []) == out


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_and_idempotent(text: str) -> None:
    record = normalize_ids(Record(title=text or None, abstract=text or None), [])
    assert normalize_ids(record, []) == record
    find_identifiers(text)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="NCTChiRjUMI-0123456789 /", max_size=400))
def test_ids_found_are_known_forms(text: str) -> None:
    for reg in find_registry_ids(text):
        assert registry_of(reg.id) is not None


def test_large_adversarial_input() -> None:
    assert find_registry_ids("NCT" * 40_000) == []
    assert find_registry_ids("ChiCTR-" + "1" * 100_000) == []
    assert len(find_registry_ids("NCT01716481 " * 9_000)) == 1
    assert find_identifiers("PMID:" + " " * 100_000)["pmid"] == []
