"""Detection skips the detectors that cannot beat the best score already found: the
winner is still the first of every source's score, best first."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from hypothesis import given
from hypothesis import strategies as st

from msc_citations.document import Document, DocumentKind
from msc_citations.results import ParseResult
from msc_citations.sources import _best_source, _registry, all_sources, register_source, score_sources

DOC = Document.from_text("Some pasted text\nwith two lines")
SCORES = st.sampled_from([0.0, 0.2, 0.3, 0.45, 0.8, 0.85, 0.9, 0.95, 1.0])


@dataclass
class _Fixed:
    """A source whose detector returns a fixed score, capped by its ``max_score``."""

    name: str
    priority: int
    score: float
    max_score: float
    label: ClassVar[str] = "fixed"
    input_kinds: ClassVar[tuple[DocumentKind, ...]] = ("text",)

    def detect(self, doc: Document) -> float:
        return self.score

    def parse(self, doc: Document) -> ParseResult:
        return ParseResult()


@st.composite
def _sources(draw: st.DrawFn) -> list[_Fixed]:
    out = []
    for i in range(draw(st.integers(min_value=0, max_value=8))):
        cap = draw(SCORES)
        score = min(cap, draw(SCORES))
        out.append(_Fixed(f"s{draw(st.integers(0, 3))}{i}", draw(st.sampled_from([30, 55, 60, 70])), score, cap))
    return out


@given(_sources())
def test_pruned_detection_picks_the_best_of_all_scores(sources: list[_Fixed]) -> None:
    scored = score_sources(DOC, sources)
    expected = scored[0] if scored else None
    assert _best_source(DOC, sources) == expected == _best_source(DOC, sources, prune=False)


@given(
    st.lists(
        st.tuples(st.sampled_from(["add", "pop"]), st.sampled_from(["t_a", "t_b", "t_c"]), st.integers(-5, 80)),
        max_size=12,
    )
)
def test_sources_are_in_priority_order_whatever_changed_the_registry(ops: list[tuple[str, str, int]]) -> None:
    # The sorted order is kept between calls: it must follow registrations, replacements
    # (same name, other priority; equal dataclasses too) and entries removed directly.
    saved = dict(_registry)
    try:
        for op, name, priority in ops:
            if op == "add":
                register_source(_Fixed(name, priority, 0.5, 0.5))
            else:
                _registry.pop(name, None)
            expected = sorted(_registry.values(), key=lambda s: (-s.priority, s.name))
            assert [id(s) for s in all_sources()] == [id(s) for s in expected]
    finally:
        _registry.clear()
        _registry.update(saved)
