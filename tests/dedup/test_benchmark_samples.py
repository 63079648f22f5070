"""Labelled samples copied from public deduplication benchmark sets (ASySD's diabetes,
neuroimaging and cardiac sets, Rathbone's respiratory set, Wagner's digital-work set):
each ``*_sample.csv`` has a ``*_sample.gold.csv`` with the manual cluster labels, and the
clusters found must reproduce them exactly."""

from __future__ import annotations

import csv
from itertools import combinations
from pathlib import Path

import pytest

from msc_citations.dedup import deduplicate
from msc_citations.formats import csv as csv_format

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "dedup"
SAMPLES = sorted(FIXTURES.glob("*_sample.csv"))


def _gold(path: Path) -> dict[str, str]:
    with path.with_name(path.stem + ".gold.csv").open(newline="") as fh:
        return {row["record_id"]: row["cluster_id"] for row in csv.DictReader(fh)}


@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_sample_clusters_match_manual_labels(path: Path) -> None:
    records = csv_format.read(path.read_text(encoding="utf-8"))
    gold = _gold(path)
    assert {r.id for r in records} == set(gold)
    found = {rid: n for n, cluster in enumerate(deduplicate(records).clusters) for rid in cluster}
    wrong = [(a, b) for a, b in combinations(sorted(gold), 2) if (found[a] == found[b]) != (gold[a] == gold[b])]
    assert wrong == []
    assert any(list(gold.values()).count(c) > 1 for c in gold.values())


def test_samples_present() -> None:
    assert len(SAMPLES) >= 5
