"""Matching on the key table: candidates -> comparisons -> guarded clusters."""

from __future__ import annotations

from dataclasses import dataclass, field

from .cluster import GuardedUnion
from .compare import Evidence, Verdict, compare
from .fuzzy import Windows, neighbour_pairs
from .keys import exact_key_pairs
from .table import KeyTable, gc_paused


@dataclass(slots=True)
class PairDecision:
    """One compared pair of rows and what was decided."""

    a: int
    b: int
    verdict: Verdict
    evidence: Evidence
    joined: bool = False


@dataclass(slots=True)
class Matching:
    """Clusters of table rows plus the pairs behind them."""

    clusters: list[list[int]]
    links: list[PairDecision] = field(default_factory=list)
    maybe: list[PairDecision] = field(default_factory=list)
    refused: list[tuple[int, int, str]] = field(default_factory=list)
    candidates: int = 0


def _strength(d: PairDecision) -> tuple[int, float]:
    ev = d.evidence
    return (1 if ev.same_id else 0, ev.title + (ev.authors or 0) * 10)


def match_table(t: KeyTable, windows: Windows | None = None) -> Matching:
    """Cluster the rows of ``t``: exact keys and sorted neighbourhoods give candidates,
    :func:`~.compare.compare` decides, links join strongest first under the guard."""
    with gc_paused():
        return _match(t, windows or Windows())


def _match(t: KeyTable, windows: Windows) -> Matching:
    codes = exact_key_pairs(t)
    neighbour_pairs(t, windows, codes)
    n = len(t)
    links: list[PairDecision] = []
    maybe: list[PairDecision] = []
    for code in codes:
        a, b = divmod(code, n)
        verdict, ev = compare(t, a, b)
        if verdict is Verdict.DUPLICATE:
            links.append(PairDecision(a, b, verdict, ev))
        elif verdict is Verdict.MAYBE:
            maybe.append(PairDecision(a, b, verdict, ev))
    links.sort(key=_strength, reverse=True)
    uf = GuardedUnion(t)
    for d in links:
        ev = d.evidence
        strong = ev.same_id is not None or ev.version
        d.joined = uf.union(d.a, d.b, strong=strong, doi_alias=ev.doi_alias, page_slip=ev.page_slip)
    maybe.sort(key=lambda d: (d.a, d.b))
    return Matching(uf.clusters(), links, maybe, uf.refused, len(codes))
