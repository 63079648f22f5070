"""Every registered source's ``detect`` and ``parse`` survive arbitrary and mutated input:
no exception escapes except the library's own errors."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fixture_helpers import FIXTURES
from msc_citations.document import Document
from msc_citations.errors import MscCitationsError
from msc_citations.sources import _best_source, all_sources, score_sources

FIXTURE_FILES = sorted(
    p
    for p in FIXTURES.rglob("*")
    if p.is_file() and not p.name.endswith(".json") and "http" not in p.parts and p.stat().st_size < 400_000
)
MARKUP = st.sampled_from(
    ["<html>", "<body>", "<meta name='citation_title' content='x'>", "</div>", "<?xml version='1.0'?>"]
)
LABELS = st.sampled_from(
    ["PMID:", "Study Type", "D O I", "作者", "摘要", "- Author:", "From:", "TY  - ", "Time frame:", "doi:", "\n", "[1]"]
)


def _exercise(doc: Document) -> None:
    for source in all_sources():
        if doc.kind not in source.input_kinds:
            continue
        score = source.detect(doc)
        assert 0.0 <= score <= getattr(source, "max_score", 1.0) <= 1.0, source.name
        with contextlib.suppress(MscCitationsError):
            source.parse(doc)
    # Detection skips the detectors that cannot beat the best score found: same winner.
    scored = score_sources(doc)
    assert _best_source(doc) == (scored[0] if scored else None) == _best_source(doc, prune=False)


def _doc_from_bytes(data: bytes) -> Document | None:
    try:
        return Document.from_bytes(data, path="fuzz")
    except MscCitationsError:
        return None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(data: bytes) -> None:
    doc = _doc_from_bytes(data)
    if doc is not None:
        _exercise(doc)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.text(max_size=40), LABELS, MARKUP), max_size=60))
def test_label_soup(parts: list[str]) -> None:
    doc = _doc_from_bytes("\n".join(parts).encode("utf-8"))
    if doc is not None:
        _exercise(doc)


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=[str(p.relative_to(FIXTURES)) for p in FIXTURE_FILES])
@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_mutated_fixtures(path: Path, data: st.DataObject) -> None:
    raw = path.read_bytes()
    cut = data.draw(st.integers(min_value=0, max_value=len(raw)))
    noise = data.draw(st.binary(max_size=30))
    where = data.draw(st.integers(min_value=0, max_value=max(cut, 0)))
    mutated = raw[:where] + noise + raw[where:cut]
    lines = mutated.split(b"\n")
    if len(lines) > 3 and data.draw(st.booleans()):
        i = data.draw(st.integers(min_value=0, max_value=len(lines) - 2))
        lines[i], lines[i + 1] = lines[i + 1], lines[i]
        mutated = b"\n".join(lines)
    doc = _doc_from_bytes(mutated)
    if doc is not None:
        _exercise(doc)
