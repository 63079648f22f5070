"""Human-readable explanations of a deduplication result (``--explain ID``)."""

from __future__ import annotations

from . import DedupResult


def explain(result: DedupResult, record_id: str) -> str:
    """Why ``record_id`` ended in its cluster: members, the links that joined them,
    refused joins, which source gave each merged field, and open uncertain pairs."""
    lines: list[str] = []
    cluster = next((c for c in result.clusters if record_id in c), None)
    if cluster is None:
        return f"{record_id}: no such input record"
    lines.append(f"{record_id}: cluster of {len(cluster)}: {', '.join(cluster)}")
    info = next((m for m in result.merges if record_id in m.members), None)
    if info is not None:
        for a, b, why in info.links:
            lines.append(f"  joined {a} + {b}: {why}")
        for a, b, why in info.refused:
            lines.append(f"  kept apart {a} / {b}: {why}")
        merged = next((r for r in result.records if r.id == info.id), None)
        if merged is not None and merged.source is not None:
            for name, parser in sorted(merged.source.fields.items()):
                donor = info.field_sources.get(name)
                lines.append(f"  field {name}: from {parser}" + (f" ({donor})" if donor else ""))
    for pair in result.maybe_pairs:
        if record_id in (pair.a, pair.b):
            lines.append(f"  uncertain {pair.a} / {pair.b}: {pair.evidence}")
    return "\n".join(lines)
