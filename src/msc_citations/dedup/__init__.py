"""Deduplication: exact identifiers, then fuzzy matching on a compact key table, guarded
transitive clusters, merging with field-level provenance, and study linking.

>>> from msc_citations.model import Record, Person
>>> a = Record(id="a", title="Autologous mesenchymal stem cell transplantation in stroke patients",
...            authors=[Person(family="Bang", given="Oh Young")], year=2005, volume="57", pages="874-82",
...            journal="Annals of Neurology")
>>> b = Record(id="b", title="AUTOLOGOUS MESENCHYMAL STEM CELL TRANSPLANTATION IN STROKE PATIENTS.",
...            authors=[Person(literal="Bang OY")], year=2005, volume="57", pages="874-882",
...            journal="Ann Neurol")
>>> deduplicate([a, b]).clusters
[['a', 'b']]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model import Record
from .engine import Matching, match_table
from .fuzzy import Windows
from .merge import merge_with_sources
from .spooled import SpooledDedup, deduplicate_spooled
from .studies import link_studies
from .table import KeyTable, build_table

__all__ = [
    "DedupResult",
    "KeyTable",
    "MaybePair",
    "MergeInfo",
    "SpooledDedup",
    "Windows",
    "build_table",
    "deduplicate",
    "deduplicate_spooled",
    "match_table",
]


@dataclass(slots=True)
class MaybePair:
    """An uncertain pair for a human to look at, with the evidence."""

    a: str
    b: str
    title_score: float
    evidence: str


@dataclass(slots=True)
class MergeInfo:
    """How one output record was built: its input ids and the links that joined them."""

    id: str
    members: list[str]
    links: list[tuple[str, str, str]] = field(default_factory=list)
    refused: list[tuple[str, str, str]] = field(default_factory=list)
    field_sources: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class DedupResult:
    """``records``: one per cluster (merged), in input order; ``clusters``: input ids per
    cluster (singletons included; a record without an id is named ``#<its index>``);
    ``merges``: clusters of two or more with their evidence and which input gave each
    merged field; ``maybe_pairs``: uncertain pairs left unmerged."""

    records: list[Record]
    clusters: list[list[str]]
    merges: list[MergeInfo]
    maybe_pairs: list[MaybePair]


def _merge_infos(t: KeyTable, m: Matching, root_of: dict[int, int]) -> dict[int, MergeInfo]:
    infos: dict[int, MergeInfo] = {}
    for group in m.clusters:
        if len(group) > 1:
            infos[group[0]] = MergeInfo(id=t.ids[group[0]], members=[t.ids[r] for r in group])
    for d in m.links:
        if d.joined:
            info = infos.get(root_of[d.a])
            if info is not None:
                info.links.append((t.ids[d.a], t.ids[d.b], d.evidence.describe()))
    for a, b, reason in m.refused:
        info = infos.get(root_of[a])
        if info is not None:
            info.refused.append((t.ids[a], t.ids[b], reason))
    return infos


def deduplicate(
    records: Sequence[Record],
    *,
    windows: Windows | None = None,
    merge: bool = True,
    link: bool = True,
) -> DedupResult:
    """Find duplicate records, merge each cluster into one record, link studies.

    ``windows`` sets the sorted-neighbourhood sizes (default :class:`Windows`); with
    ``merge=False`` the first record of each cluster is returned unchanged; with
    ``link=False`` registrations and publications are not grouped into studies.
    """
    table = build_table(records)
    matching = match_table(table, windows)
    root_of = {row: group[0] for group in matching.clusters for row in group}
    infos = _merge_infos(table, matching, root_of)
    out: list[Record] = []
    for group in matching.clusters:
        members = [records[r] for r in group]
        if merge and len(members) > 1:
            record, donors = merge_with_sources(members)
            infos[group[0]].field_sources = donors
            out.append(record)
        else:
            out.append(members[0])
    if link:
        out = link_studies(out)
    maybe = [
        MaybePair(table.ids[d.a], table.ids[d.b], round(d.evidence.title, 1), d.evidence.describe())
        for d in matching.maybe
        if root_of[d.a] != root_of[d.b]
    ]
    clusters = [[table.ids[r] for r in group] for group in matching.clusters]
    return DedupResult(out, clusters, list(infos.values()), maybe)
