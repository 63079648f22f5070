"""``msc-citations dedup`` end to end on small files, and the CSV format."""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

import pytest

from msc_citations.cli import main
from msc_citations.formats import csv as csv_format
from msc_citations.formats import dumps, loads

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "dedup"
SAMPLE = FIXTURES / "diabetes_sample.csv"


def _clusters(path: Path) -> dict[str, str]:
    with path.open(newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == ["record_id", "cluster_id"]
        return {row["record_id"]: row["cluster_id"] for row in reader}


def test_clusters_file_lists_every_input_id(tmp_path: Path) -> None:
    out = tmp_path / "clusters.csv"
    assert main(["dedup", str(SAMPLE), "--clusters", str(out)]) == 0
    clusters = _clusters(out)
    ids = {r.id for r in csv_format.read(SAMPLE.read_text(encoding="utf-8"))}
    assert set(clusters) == ids
    assert clusters["id_0000001"] == clusters["id_0000699"]


def test_gzip_input_and_record_path_agree(tmp_path: Path) -> None:
    gz = tmp_path / "sample.csv.gz"
    gz.write_bytes(gzip.compress(SAMPLE.read_bytes()))
    fast, full = tmp_path / "fast.csv", tmp_path / "full.csv"
    assert main(["dedup", str(gz), "--clusters", str(fast)]) == 0
    # Asking for records too takes the record path: the clusters must be the same.
    assert main(["dedup", str(SAMPLE), "--clusters", str(full), "-o", str(tmp_path / "out.jsonl")]) == 0
    assert _clusters(fast) == _clusters(full)


def test_normalization_split_over_a_worker_keeps_order_and_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from msc_citations.cli import dedup_cmd

    serial, split = tmp_path / "serial.jsonl", tmp_path / "split.jsonl"
    assert main(["dedup", str(SAMPLE), "-o", str(serial)]) == 0
    monkeypatch.setattr(dedup_cmd, "PARALLEL_MIN", 2)
    assert main(["dedup", str(SAMPLE), "-o", str(split)]) == 0
    assert split.read_bytes() == serial.read_bytes()
    records = loads(split.read_text(encoding="utf-8"), "jsonl")
    assert len(records) > 2 and len({r.id for r in records}) == len(records)


def test_merged_records_carry_provenance(tmp_path: Path) -> None:
    out = tmp_path / "merged.jsonl"
    assert main(["dedup", str(SAMPLE), "-o", str(out), "--no-normalize"]) == 0
    records = loads(out.read_text(encoding="utf-8"), "jsonl")
    first = next(r for r in records if r.id == "id_0000001")
    assert {m.id for m in first.merged_from} >= {"id_0000001", "id_0000699"}
    assert first.source is not None and first.source.fields["title"] == "csv"


def test_maybe_and_explain(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    maybe = tmp_path / "maybe.csv"
    assert main(["dedup", str(SAMPLE), "--maybe", str(maybe)]) == 0
    with maybe.open(newline="") as fh:
        assert next(csv.reader(fh)) == ["record_a", "record_b", "title_score", "evidence"]
    capsys.readouterr()
    assert main(["dedup", str(SAMPLE), "--explain", "id_0000001"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("id_0000001: cluster of")
    assert "joined" in text and "field title: from csv" in text


def test_jsonl_input_and_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    records = csv_format.read(SAMPLE.read_text(encoding="utf-8"))[:6]
    src = tmp_path / "in.jsonl"
    src.write_text(dumps(records, "jsonl"), encoding="utf-8")
    out = tmp_path / "c.csv"
    assert main(["dedup", str(src), str(tmp_path / "missing.csv"), "--clusters", str(out)]) == 0
    assert set(_clusters(out)) == {r.id for r in records}
    assert "missing.csv" in capsys.readouterr().err


def test_csv_round_trip() -> None:
    records = csv_format.read(SAMPLE.read_text(encoding="utf-8"))
    again = csv_format.read(csv_format.write(records))
    assert [r.id for r in again] == [r.id for r in records]
    assert [r.title for r in again] == [r.title for r in records]
    assert [len(r.authors) for r in again] == [len(r.authors) for r in records]
    assert csv_format.write(records).splitlines()[0].split(",")[:4] == ["ID", "ENTRYTYPE", "author", "year"]


def test_csv_read_fields_and_extra() -> None:
    text = (
        "ID,ENTRYTYPE,author,year,title,journal,volume,number,pages,doi,isbn,ID_old\n"
        "id_1,article,Adeli K.Lewis G. F.,2008,Intestinal lipoproteins,Curr Opin Lipidol,19,3,221-8,"
        "10.1097/MOL.0b013e3282ffaf82,,UNKNOWN\n"
        'id_2,inproceedings,"Soden, Robert and Palen, Leysia",2016,Infrastructure in the wild,UNKNOWN,,,,,,old7\n'
    )
    first, second = csv_format.read(text)
    assert [p.literal for p in first.authors] == ["Adeli K.", "Lewis G. F."]
    assert (first.year, first.issue, first.pages, first.type) == (2008, "3", "221-8", "journal-article")
    assert first.extra == {}
    assert second.type == "conference-paper" and second.journal is None
    assert second.extra == {"ID_old": "old7"}
    assert json.loads(second.model_dump_json())["authors"][1]["literal"] == "Palen, Leysia"


def test_same_file_twice_gets_fresh_ids_and_merges_copies(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "c.csv"
    assert main(["dedup", str(SAMPLE), str(SAMPLE), "--clusters", str(out)]) == 0
    clusters = _clusters(out)
    assert clusters["id_0000616"] == clusters["id_0000616-2"]
    assert "id used by more than one input record" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["ris", "bibtex", "csl-json", "nbib", "refer"])
def test_export_formats_are_read_by_extension(fmt: str, tmp_path: Path) -> None:
    import importlib

    from msc_citations.formats import FORMAT_MODULES, readable_formats

    if fmt not in readable_formats():
        pytest.skip(f"{fmt} is not readable in this build")
    ext = importlib.import_module(FORMAT_MODULES[fmt]).EXTENSIONS[0]
    records = csv_format.read(SAMPLE.read_text(encoding="utf-8"))
    pair = [r for r in records if r.id in ("id_0000001", "id_0000699")]
    src = tmp_path / f"pair{ext}"
    src.write_text(dumps(pair, fmt), encoding="utf-8")
    out = tmp_path / "c.csv"
    assert main(["dedup", str(src), "--clusters", str(out)]) == 0
    assert len(set(_clusters(out).values())) == 1


def test_scopus_csv_and_web_of_science_export_of_one_paper_merge(tmp_path: Path) -> None:
    fixtures = FIXTURES.parent
    scopus = fixtures / "scopus_csv" / "scopus_bang2005_chung2021.csv"
    wos = fixtures / "wos_export" / "chung2021_neurology_full_record.txt"
    clusters_only, out = tmp_path / "scopus-clusters.csv", tmp_path / "merged.jsonl"
    assert main(["dedup", str(scopus), "--clusters", str(clusters_only)]) == 0  # Scopus's layout, not ours
    assert len(_clusters(clusters_only)) == 2
    assert main(["dedup", str(scopus), str(wos), "--to", "jsonl", "-o", str(out)]) == 0
    records = loads(out.read_text(encoding="utf-8"), "jsonl")
    assert sorted(r.doi or "" for r in records) == ["10.1002/ana.20501", "10.1212/WNL.0000000000011440"]
    (chung,) = [r for r in records if r.doi == "10.1212/WNL.0000000000011440"]
    assert chung.cited_by_count == 125 and chung.page_count == 12
