"""Shared trial pieces: vocabularies, label splitting, outcome blocks; never raising on odd text."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from msc_citations.sources.trial_common import (
    map_phase,
    map_status,
    map_term,
    parse_outcome_lines,
    registry_id,
    split_labelled,
    unique_paragraphs,
    vocab,
)

ENUM_STATUSES = {
    "RECRUITING", "NOT_YET_RECRUITING", "ACTIVE_NOT_RECRUITING", "COMPLETED", "TERMINATED", "WITHDRAWN",
    "SUSPENDED", "ENROLLING_BY_INVITATION", "UNKNOWN",
}  # fmt: skip


def test_every_status_word_maps_to_a_clinicaltrials_enum() -> None:
    assert set(vocab()["status"].values()) <= ENUM_STATUSES


@pytest.mark.parametrize(
    ("text", "phase"),
    [
        ("Phase 1/Phase 2", "PHASE1|PHASE2"),
        ("Phase I,II", "PHASE1|PHASE2"),
        ("Ⅱ期", "PHASE2"),
        ("Ⅲ期临床试验", "PHASE3"),
        ("1-2", "PHASE1|PHASE2"),
        ("N/A", "NA"),
        ("Early Phase 1", "EARLY_PHASE1"),
        ("第I/Ⅱ相試験", "PHASE1|PHASE2"),
        ("제 2상", "PHASE2"),
        ("PHASE4", "PHASE4"),
        ("Others", None),
    ],
)
def test_phase_wordings(text: str, phase: str | None) -> None:
    assert map_phase(text) == phase


def test_terms_keep_unknown_words_unmapped() -> None:
    assert map_term("masking", "Double Blind (Subject, Caregiver)") == "DOUBLE"
    assert map_term("allocation", "by coin toss") is None
    assert map_status("") is None


def test_split_labelled_handles_label_pairs_and_inner_labels() -> None:
    labels = {"注册号": "id", "Registration number": "id", "Study Design": "design", "Allocation": "allocation"}
    head, fields = split_labelled(
        ["intro", "注册号: Registration number: |", "ChiCTR1 |", "Study Design: Allocation: Randomized"], labels
    )
    assert head == ["intro"]
    assert [(f.key, f.lines) for f in fields] == [("id", ["ChiCTR1"]), ("allocation", ["Randomized"])]


def test_outcome_blocks_with_and_without_description() -> None:
    outcomes = parse_outcome_lines(
        ["mRS", "Time frame: 90 days", "NIHSS", "change from baseline", "Time frame: 1 year"]
    )
    assert [(o.measure, o.description, o.time_frame) for o in outcomes] == [
        ("mRS", None, "90 days"),
        ("NIHSS", "change from baseline", "1 year"),
    ]


def test_outcome_headings_set_the_kind_of_the_blocks_under_them() -> None:
    lines = [
        "Primary Outcome Measures",
        "mRS",
        "Time frame: 90 days",
        "Secondary outcomes:",
        "NIHSS",
        "Time frame: 1 year",
    ]
    assert [(o.kind, o.measure) for o in parse_outcome_lines(lines)] == [("primary", "mRS"), ("secondary", "NIHSS")]


def test_repeated_paragraph_is_held_once() -> None:
    assert unique_paragraphs(["A.", "A. B.", "A. B."]) == ["A. B."]


def test_registry_names() -> None:
    assert registry_id("KCT0003417") is not None
    assert [registry_id(x).registry for x in ("ChiCTR2500110889", "jRCTb010250024", "UMIN000041461", "KCT0003417")] == [  # type: ignore[union-attr]
        "ChiCTR",
        "jRCT",
        "UMIN-CTR",
        "CRiS",
    ]
    assert registry_id("   ") is None


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_vocabulary_and_splitting_never_raise(text: str) -> None:
    map_phase(text)
    map_status(text)
    split_labelled(text.splitlines(), {"Phase": "phase", "Status": "status"}, inline_space=True)
    parse_outcome_lines(text.splitlines())


def test_long_hostile_lines_are_fast() -> None:
    line = "Time frame: " + "[" * 20000 + " x" * 20000
    start = time.perf_counter()
    parse_outcome_lines([line, "a" * 50000, "Time frame: " + " " * 50000 + "x", "Time frame:" + " " * 50000])
    map_phase("phase " + "i" * 50000)
    assert time.perf_counter() - start < 1.0


TRIAL_SOURCES = ("trial_mirror", "clinicaltrials", "chictr", "jrct", "umin", "cris")
LABEL_SOUP = st.sampled_from(
    [
        "Study Type", "Phase", "Status", "Time frame: 1 year", "RECRUITINGx", "注册号:", "研究类型:", "样本量:",
        "UMIN試験ID", "Recruitment status", "CRIS Registration Number", "ClinicalTrials.gov Identifier:",
        "詳細情報です。", "令和7年7月23日", "Primary Outcome Measures:", "[ Time Frame: x ]", "Beijin, China", "|",
    ]
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(LABEL_SOUP, st.text(max_size=40)), max_size=40))
def test_trial_sources_never_raise_on_odd_pages(lines: list[str]) -> None:
    from msc_citations.document import Document
    from msc_citations.errors import InputError
    from msc_citations.sources import get_source

    try:
        doc = Document.from_text("\n".join(lines))
    except InputError:
        return
    for name in TRIAL_SOURCES:
        source = get_source(name)
        if doc.kind in source.input_kinds:
            source.detect(doc)
            source.parse(doc)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=20,
)
MODULE_NAMES = (
    "identificationModule", "statusModule", "designModule", "outcomesModule", "armsInterventionsModule",
    "contactsLocationsModule", "referencesModule", "sponsorCollaboratorsModule", "conditionsModule",
)  # fmt: skip
MODULES = st.fixed_dictionaries({}, optional=dict.fromkeys(MODULE_NAMES, JSON_VALUES))


@settings(max_examples=150, deadline=None)
@given(MODULES)
def test_api_v2_reader_never_raises_on_odd_modules(modules: dict[str, object]) -> None:
    from msc_citations.sources.clinicaltrials import record_from_api_v2

    record = record_from_api_v2({"protocolSection": modules})
    assert record.type == "clinical-trial"
