"""Reference-manager exports as input: RIS, BibTeX, CSL-JSON, Refer, CSV and JSON Lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from fixture_helpers import check_case, fixture_inputs
from msc_citations import Record, dumps, parse_file
from msc_citations.document import Document
from msc_citations.model import Person, Provenance, RegistryId
from msc_citations.sources.library_export import LibraryExportSource

CASES = fixture_inputs("library_export")
SOURCE = LibraryExportSource()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_fixture_matches_expected(case: Path) -> None:
    assert check_case(case) == []


def _library() -> list[Record]:
    return [
        Record(
            id="bang2005autologous",
            title="Autologous mesenchymal stem cell transplantation in stroke patients",
            authors=[Person(family="Bang", given="Oh Young"), Person(family="Lee", given="Jin Soo")],
            journal="Annals of Neurology",
            year=2005,
            volume="57",
            issue="6",
            pages="874-882",
            doi="10.1002/ana.20501",
            source=Provenance(parser="pubmed", path="pages/bang.txt", input_kind="text"),
        ),
        Record(
            id="nct04953663",
            type="clinical-trial",
            title="Clinical Plan of Ischemic Stroke",
            registry_ids=[RegistryId(registry="ClinicalTrials.gov", id="NCT04953663")],
            source=Provenance(parser="clinicaltrials", path="trials/nct.json", input_kind="json"),
        ),
    ]


@pytest.mark.parametrize("fmt", ["ris", "bibtex", "csl-json", "refer", "csv", "jsonl"])
def test_every_written_export_is_read_back_as_its_records(fmt: str, tmp_path: Path) -> None:
    path = tmp_path / f"library.{fmt}"
    path.write_text(dumps(_library(), format=fmt), encoding="utf-8")
    result = parse_file(path)
    assert result.source == "library_export"
    assert [r.title for r in result.records] == [r.title for r in _library()]
    assert result.records[0].doi == "10.1002/ana.20501"
    assert result.records[0].authors[0].family == "Bang"


def test_json_lines_keep_the_page_each_record_was_first_read_from(tmp_path: Path) -> None:
    path = tmp_path / "earlier-run.jsonl"
    path.write_text(dumps(_library(), format="jsonl"), encoding="utf-8")
    records = parse_file(path).records
    assert [r.source.path for r in records if r.source] == ["pages/bang.txt", "trials/nct.json"]


def test_one_registration_exported_twice_is_merged_on_its_registry_id(tmp_path: Path) -> None:
    from msc_citations.dedup import deduplicate

    trial = _library()[1]
    (tmp_path / "a.ris").write_text(dumps([trial], format="ris"), encoding="utf-8")
    (tmp_path / "b.json").write_text(dumps([trial], format="csl-json"), encoding="utf-8")
    records = [r for name in ("a.ris", "b.json") for r in parse_file(tmp_path / name).records]
    assert len(deduplicate(records).records) == 1


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("PMID- 15929052\nTI  - A title\n", "medline.nbib"),  # PubMed's own export: the pubmed source
        ('{"protocolSection": {"identificationModule": {"nctId": "NCT04953663"}}}', "study.json"),
        ("title\nnot a csv export\n", "notes.txt"),
        ('[{"type": "not-a-csl-type", "title": "x"}]', "other.json"),
        ("Efficacy of MSC in stroke\nAbstract\nText.\n", "page.txt"),
    ],
)
def test_other_inputs_are_not_claimed(text: str, name: str) -> None:
    assert SOURCE.detect(Document.from_text(text, path=name)) == 0.0


@pytest.mark.parametrize(
    ("text", "name", "reason"),
    [
        ('[{"type": "article-journal", "title": "x", "author": 5}]', "bad.json", "unreadable csl-json export"),
        ("@article{x,\n title = {unclosed\n", "bad.bib", "unreadable bibtex export: line 2: unterminated value"),
    ],
)
def test_a_broken_export_is_one_clear_error_not_a_traceback(text: str, name: str, reason: str) -> None:
    result = SOURCE.parse(Document.from_text(text, path=name))
    assert result.records == []
    assert [i.severity for i in result.issues] == ["error"]
    assert reason in result.issues[0].message
