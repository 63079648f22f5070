"""Merge a cluster of duplicate records into one, keeping field-level provenance.

Per field the value comes from the most authoritative member that has one (PubMed for
MeSH and publication types, a registry for trial fields, the page in the original
language for the original title), or the most complete value (the longest abstract, the
longest author list, structured names over literal ones). ``source.fields`` records
which parser supplied each merged value and ``merged_from`` lists every input record.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..model import MergedFrom, Provenance, Record

# Higher wins; matched as substrings of the parser name.
PARSER_AUTHORITY = (
    ("pubmed", 50),
    ("medline", 45),
    ("nbib", 45),
    ("trial", 40),
    ("registry", 40),
    ("crossref", 35),
    ("koreamed", 30),
    ("chinese", 30),
    ("wprim", 30),
    ("ris", 20),
    ("bibtex", 20),
    ("csl", 20),
    ("csv", 10),
)
FIELD_AUTHORITY = {
    "mesh_terms": ("pubmed", "medline", "nbib"),
    "publication_types": ("pubmed", "medline", "nbib"),
    "trial": ("trial", "registry"),
    "registry_ids": ("trial", "registry"),
}
LONGEST = frozenset({"abstract", "abstract_sections", "authors", "keywords", "funding", "alt_titles"})
SKIP = frozenset({"id", "source", "merged_from", "related", "links", "study_id", "extra"})


def _parser(rec: Record) -> str:
    return (rec.source.parser if rec.source and rec.source.parser else "") or ""


def authority(rec: Record) -> int:
    """Rank of a record's source (PubMed first, generic exports last)."""
    name = _parser(rec).lower()
    return max((score for key, score in PARSER_AUTHORITY if key in name), default=0)


def _filled(value: Any) -> bool:
    return value not in (None, "", [], {})


def _completeness(rec: Record) -> int:
    return sum(1 for name in type(rec).model_fields if name not in SKIP and _filled(getattr(rec, name)))


def _size(name: str, value: Any) -> int:
    if name == "authors":
        return len(value) * 2 + sum(1 for p in value if p.family)
    return len(value)


def _pick(name: str, members: Sequence[Record]) -> Record | None:
    having = [r for r in members if _filled(getattr(r, name))]
    if not having:
        return None
    preferred = FIELD_AUTHORITY.get(name)
    if preferred:
        for rec in having:
            if any(key in _parser(rec).lower() for key in preferred):
                return rec
    if name in LONGEST:
        return max(having, key=lambda r: _size(name, getattr(r, name)))
    return having[0]


def _extra(members: Sequence[Record]) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for rec in reversed(members):
        merged.update(rec.extra)
    return merged


def merge_cluster(members: Sequence[Record]) -> Record:
    """One record for a cluster of duplicates; a single member is returned unchanged."""
    return merge_with_sources(members)[0]


def merge_with_sources(members: Sequence[Record]) -> tuple[Record, dict[str, str]]:
    """The merged record and, per merged field, the id of the input record it came from."""
    if len(members) == 1:
        return members[0], {}
    ordered = sorted(members, key=lambda r: (-authority(r), -_completeness(r)))
    values: dict[str, Any] = {}
    fields: dict[str, str] = {}
    donors: dict[str, str] = {}
    for name in type(ordered[0]).model_fields:
        if name in SKIP:
            continue
        chosen = _pick(name, ordered)
        if chosen is not None:
            values[name] = getattr(chosen, name)
            fields[name] = _parser(chosen) or "unknown"
            donors[name] = chosen.id or ""
    lead = members[0]
    base = ordered[0].source
    values["id"] = lead.id
    values["extra"] = _extra(ordered)
    # model_construct: every value here comes from already validated records.
    values["source"] = Provenance.model_construct(
        parser=base.parser if base else None,
        path=base.path if base else None,
        url=base.url if base else None,
        input_kind=base.input_kind if base else None,
        confidence=None,
        fields=fields,
    )
    values["merged_from"] = [
        MergedFrom.model_construct(id=r.id, parser=_parser(r) or None, path=r.source.path if r.source else None)
        for r in members
    ]
    values["links"] = [link for r in members for link in r.links]
    values["study_id"] = next((r.study_id for r in members if r.study_id), None)
    values["related"] = [rel for r in members for rel in r.related]
    return lead.model_copy(update=values), donors
