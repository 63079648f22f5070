"""Study linking: a trial registration and the papers reporting it are one study, not
duplicates. They keep separate records and share a ``study_id`` plus ``links``.

Records join a study when they share a registry id (``NCT01716481`` on the registration
and in a paper's abstract), or when a registration lists a paper among its references
(its ``related`` records, matched by PMID or DOI). Every member carries the study's
``study_id``; its ``links`` name the registrations and other reports, at most
:data:`LINKS_CAP` of them, so a study cited by thousands of records stays linear in size.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model import Record, StudyLink
from .text import doi_keys

STUDY_PREFIX = "study:"
# A study reported by thousands of records (a large trial cited everywhere, or one page
# saved many times) would otherwise give each of them thousands of links: k * k in all.
# The shared ``study_id`` names the whole group; ``links`` lists at most this many.
LINKS_CAP = 50


def _reg_keys(rec: Record) -> list[str]:
    return sorted({f"{r.registry.lower()}:{r.id.upper().replace(' ', '')}" for r in rec.registry_ids if r.id})


def _find(parent: list[int], x: int) -> int:
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


@dataclass(frozen=True, slots=True)
class StudyFacts:
    """What study linking needs of one record: a few keys instead of the record."""

    id: str | None
    registration: bool
    reg_keys: tuple[str, ...]
    id_keys: tuple[str, ...]
    """The record's PMID and DOI keys, by which a registration's references find it."""
    reference_keys: tuple[str, ...]
    """A registration's references' PMID and DOI keys, in order (empty for other records)."""


def study_facts(rec: Record) -> StudyFacts:
    """The :class:`StudyFacts` of ``rec``."""
    registration = rec.type == "clinical-trial"
    references: tuple[str, ...] = ()
    if registration:
        references = tuple(key for ref in rec.related for key in (ref.pmid, *doi_keys(ref.doi)) if key)
    return StudyFacts(
        id=rec.id,
        registration=registration,
        reg_keys=tuple(_reg_keys(rec)),
        id_keys=tuple(key for key in (rec.pmid, *doi_keys(rec.doi)) if key),
        reference_keys=references,
    )


@dataclass(slots=True)
class StudyPlan:
    """The studies of a list of records: for each record in a multi-record study, its
    ``study_id`` and the links it gets (see :meth:`apply`)."""

    group_of: dict[int, int] = field(default_factory=dict)
    studies: list[tuple[str, list[tuple[int, StudyLink]]]] = field(default_factory=list)

    def apply(self, index: int, rec: Record) -> Record:
        """Record ``index`` of the planned list with its study id and links set."""
        group = self.group_of.get(index)
        if group is None:
            return rec
        study, shared = self.studies[group]
        links = [link for o, link in shared if o != index][:LINKS_CAP]
        known = {(x.relation, x.id) for x in rec.links}
        merged = rec.links + [x for x in links if (x.relation, x.id) not in known]
        return rec.model_copy(update={"study_id": rec.study_id or study, "links": merged})


def _relation(f: StudyFacts) -> str:
    return "registration" if f.registration else "publication"


def _reference_edges(facts: Sequence[StudyFacts]) -> list[tuple[int, int]]:
    by_id: dict[str, int] = {}
    for i, f in enumerate(facts):
        for key in f.id_keys:
            by_id.setdefault(key, i)
    edges = []
    for i, f in enumerate(facts):
        for key in f.reference_keys:
            j = by_id.get(key)
            if j is not None and j != i:
                edges.append((i, j))
    return edges


def plan_studies(facts: Sequence[StudyFacts]) -> StudyPlan:
    """Group records (given by their facts, in order) into studies."""
    parent = list(range(len(facts)))
    first: dict[str, int] = {}
    for i, f in enumerate(facts):
        for key in f.reg_keys:
            j = first.setdefault(key, i)
            if j != i:
                parent[_find(parent, i)] = _find(parent, j)
    for i, j in _reference_edges(facts):
        parent[_find(parent, i)] = _find(parent, j)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(facts)):
        groups[_find(parent, i)].append(i)
    plan = StudyPlan()
    for members in groups.values():
        if len(members) < 2:
            continue
        regs = [k for m in members for k in facts[m].reg_keys]
        study = STUDY_PREFIX + (regs[0].split(":", 1)[1] if regs else (facts[members[0]].id or str(members[0])))
        # Registrations first: every record links to them, and to the first other reports.
        listed = sorted((o for o in members if facts[o].id), key=lambda o: not facts[o].registration)
        listed = listed[: LINKS_CAP + 1]
        # One link object per listed member, shared by every record that names it.
        shared = [(o, StudyLink(relation=_relation(facts[o]), id=facts[o].id or "")) for o in listed]
        for m in members:
            plan.group_of[m] = len(plan.studies)
        plan.studies.append((study, shared))
    return plan


def link_studies(records: Sequence[Record]) -> list[Record]:
    """The records with ``study_id`` and ``links`` set for every multi-record study."""
    plan = plan_studies([study_facts(rec) for rec in records])
    return [plan.apply(i, rec) for i, rec in enumerate(records)]
