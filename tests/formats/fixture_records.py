"""The records of the seeds and of every source fixture that states a title, DOI or PMID:
what the format tests export and read back."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from fixture_helpers import FIXTURES, expected_path, fixture_inputs, source_folders
from msc_citations import parse_file
from msc_citations.model import Record


def _options(path: Path) -> dict[str, str]:
    exp = expected_path(path)
    if not exp.exists():
        return {}
    data = json.loads(exp.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in (("source", data.get("_source")), ("url", data.get("_url"))) if v}


def fixture_inputs_all() -> list[Path]:
    """The seed pages and every source fixture input."""
    seeds = sorted((FIXTURES / "seeds").glob("*.txt"))
    return seeds + [p for folder in source_folders() for p in fixture_inputs(folder)]


@lru_cache(maxsize=1)
def fixture_records() -> tuple[Record, ...]:
    """Every record (top level) of every input that states a title, DOI or PMID, with ids
    made unique across the set (different fixtures may hold the same paper)."""
    out: list[Record] = []
    seen: dict[str, int] = {}
    for path in fixture_inputs_all():
        result = parse_file(path, errors="collect", **_options(path))  # type: ignore[arg-type]
        for rec in result.records:
            if not (rec.title or rec.doi or rec.pmid):
                continue
            key = rec.id or "rec"
            seen[key] = seen.get(key, 0) + 1
            out.append(rec if seen[key] == 1 else rec.model_copy(update={"id": f"{key}-{seen[key]}"}))
    return tuple(out)
