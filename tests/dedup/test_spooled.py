"""Deduplication through temporary files (``SpooledDedup``, what ``normalize`` uses) gives
the records ``deduplicate`` gives, and leaves no file or open handle behind."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from fixture_helpers import FIXTURES
from msc_citations.dedup import deduplicate
from msc_citations.dedup.spool import Spool
from msc_citations.dedup.spooled import SpooledDedup, deduplicate_spooled
from msc_citations.formats import csv as csv_format
from msc_citations.formats import dumps
from msc_citations.formats.chunked import iter_text
from msc_citations.model import Record, RegistryId

SAMPLES = sorted((FIXTURES / "dedup").glob("*_sample.csv"))
FORMATS = ("jsonl", "ris", "csl-json", "bibtex", "csv", "nbib", "refer")


def _json(records: list[Record]) -> list[str]:
    return [r.model_dump_json() for r in records]


def _open_handles() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_spooled_records_are_the_deduplicated_records(path: Path) -> None:
    records = csv_format.read(path.read_text(encoding="utf-8"))
    assert _json(deduplicate_spooled(records)) == _json(deduplicate(records).records)


def test_studies_and_records_without_ids_match_deduplicate() -> None:
    reg = Record(
        title="Stem cells after stroke",
        type="clinical-trial",
        registry_ids=[RegistryId(registry="clinicaltrials.gov", id="NCT01716481")],
        related=[Record(title="Reported paper", pmid="123")],
    )
    paper = Record(title="Mesenchymal cells in ischemic stroke, a trial", pmid="123", year=2019)
    copy = paper.model_copy(update={"doi": "10.1000/x1"})
    other = Record(id="x", title="Unrelated", abstract="NCT01716481 was followed up", year=2020)
    records = [reg, paper, copy, other]
    expected = deduplicate(records).records
    assert _json(deduplicate_spooled(records)) == _json(expected)
    assert any(r.study_id for r in expected)


def test_summary_counts_clusters_and_removed_records() -> None:
    records = csv_format.read(SAMPLES[0].read_text(encoding="utf-8"))
    result = deduplicate(records)
    with SpooledDedup() as dedup:
        for rec in records:
            dedup.add(rec)
        out = list(dedup.records())
    assert dedup.records_out == len(out) == len(result.records)
    assert dedup.summary["clusters_merged"] == sum(1 for c in result.clusters if len(c) > 1)
    assert dedup.summary["records_removed"] == len(records) - len(out)
    assert dedup.summary["maybe_pairs"] == len(result.maybe_pairs)


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="counts open files through /proc")
def test_temporary_files_are_removed_when_the_writer_fails(tmp_path: Path) -> None:
    records = csv_format.read(SAMPLES[0].read_text(encoding="utf-8"))
    before = _open_handles()
    with pytest.raises(OSError, match="disk full"), SpooledDedup(tmp_path) as dedup:
        for rec in records:
            dedup.add(rec)
        for n, _ in enumerate(dedup.records()):
            if n == 3:
                raise OSError("disk full")
    assert _open_handles() == before
    assert list(tmp_path.iterdir()) == []


def test_spool_reads_rows_back_between_appends(tmp_path: Path) -> None:
    with Spool(tmp_path) as spool:
        assert [spool.append(b"one"), spool.append(b"")] == [0, 1]
        assert spool.row(0) == b"one"
        assert spool.append("drei ü".encode()) == 2
        assert [spool.row(i) for i in (2, 1, 0)] == ["drei ü".encode(), b"", b"one"]
        assert len(spool) == 3


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("count", [0, 1, 5])
def test_chunked_text_is_the_whole_text(fmt: str, count: int) -> None:
    records = csv_format.read(SAMPLES[0].read_text(encoding="utf-8"))[:count]
    assert "".join(iter_text(records, fmt, chunk=2)) == dumps(records, format=fmt)


@pytest.mark.parametrize("fmt", ["bibtex", "csl-json"])
def test_chunked_writers_that_number_records_want_ids(fmt: str) -> None:
    with pytest.raises(ValueError, match="need ids"):
        "".join(iter_text([Record(title="No id")], fmt))
    assert "".join(iter_text([Record(title="No id")], "ris")) == dumps([Record(title="No id")], format="ris")


def test_normalize_writes_what_parse_folder_and_deduplicate_give(tmp_path: Path) -> None:
    from msc_citations.cli import main
    from msc_citations.folder import parse_folder

    folder = tmp_path / "in"
    folder.mkdir()
    for page in sorted(FIXTURES.glob("*/*")):
        if page.is_file() and not page.name.endswith(".json") and page.parent.name not in ("http", "dedup"):
            (folder / f"{page.parent.name}_{page.name}").write_bytes(page.read_bytes())
    collected = parse_folder(folder, jobs=2)
    result = deduplicate(collected.records)
    for fmt in ("ris", "csl-json"):
        out, report = tmp_path / f"library.{fmt}", tmp_path / "report.json"
        main(["normalize", str(folder), "--jobs", "2", "--to", fmt, "--quiet", "-o", str(out), "--report", str(report)])
        assert out.read_text("utf-8") == dumps(result.records, format=fmt)
        summary = json.loads(report.read_text("utf-8"))["summary"]
        assert summary["records_out"] == len(result.records)
        assert summary["clusters_merged"] == sum(1 for c in result.clusters if len(c) > 1)
