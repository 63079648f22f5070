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

from ..model import Record, StudyLink
from .text import doi_keys

STUDY_PREFIX = "study:"
# A study reported by thousands of records (a large trial cited everywhere, or one page
# saved many times) would otherwise give each of them thousands of links: k * k in all.
# The shared ``study_id`` names the whole group; ``links`` lists at most this many.
LINKS_CAP = 50


def _reg_keys(rec: Record) -> list[str]:
    return sorted({f"{r.registry.lower()}:{r.id.upper().replace(' ', '')}" for r in rec.registry_ids if r.id})


def _relation(rec: Record) -> str:
    return "registration" if rec.type == "clinical-trial" else "publication"


def _find(parent: list[int], x: int) -> int:
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def _reference_edges(records: Sequence[Record]) -> list[tuple[int, int]]:
    by_id: dict[str, int] = {}
    for i, rec in enumerate(records):
        for key in (rec.pmid, *doi_keys(rec.doi)):
            if key:
                by_id.setdefault(key, i)
    edges = []
    for i, rec in enumerate(records):
        if rec.type != "clinical-trial":
            continue
        for ref in rec.related:
            for key in (ref.pmid, *doi_keys(ref.doi)):
                j = by_id.get(key) if key else None
                if j is not None and j != i:
                    edges.append((i, j))
    return edges


def link_studies(records: Sequence[Record]) -> list[Record]:
    """The records with ``study_id`` and ``links`` set for every multi-record study."""
    parent = list(range(len(records)))
    keys: dict[int, list[str]] = {}
    first: dict[str, int] = {}
    for i, rec in enumerate(records):
        keys[i] = _reg_keys(rec)
        for key in keys[i]:
            j = first.setdefault(key, i)
            if j != i:
                parent[_find(parent, i)] = _find(parent, j)
    for i, j in _reference_edges(records):
        parent[_find(parent, i)] = _find(parent, j)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(records)):
        groups[_find(parent, i)].append(i)
    out = list(records)
    for members in groups.values():
        if len(members) < 2:
            continue
        regs = [k for m in members for k in keys[m]]
        study = STUDY_PREFIX + (regs[0].split(":", 1)[1] if regs else (records[members[0]].id or str(members[0])))
        # Registrations first: every record links to them, and to the first other reports.
        listed = sorted((o for o in members if records[o].id), key=lambda o: records[o].type != "clinical-trial")
        listed = listed[: LINKS_CAP + 1]
        # One link object per listed member, shared by every record that names it.
        shared = [(o, StudyLink(relation=_relation(records[o]), id=records[o].id or "")) for o in listed]
        for m in members:
            rec = records[m]
            links = [link for o, link in shared if o != m][:LINKS_CAP]
            known = {(x.relation, x.id) for x in rec.links}
            merged = rec.links + [x for x in links if (x.relation, x.id) not in known]
            out[m] = rec.model_copy(update={"study_id": rec.study_id or study, "links": merged})
    return out
