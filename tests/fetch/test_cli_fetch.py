"""The ``fetch`` command and ``parse --enrich/--offline`` against the recorded answers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from msc_citations.cli import main

if TYPE_CHECKING:
    from conftest import FixtureServer

SEEDS = Path(__file__).parent.parent / "fixtures" / "seeds"


@pytest.fixture
def env(fixture_server: FixtureServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FixtureServer:
    for key, value in fixture_server.env(tmp_path / "cache").items():
        monkeypatch.setenv(key, value)
    monkeypatch.delenv("NCBI_API_KEY", raising=False)
    return fixture_server


def jsonl(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_fetch_identifiers(env: FixtureServer, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["fetch", "pmid:15929052", "doi:10.1212/WNL.0000000000011440", "nct:NCT04953663"])
    out = jsonl(capsys.readouterr().out)
    assert code == 0
    assert [r["pmid"] for r in out] == ["15929052", None, None]
    assert out[1]["journal"] == "Neurology" and out[1]["year"] == 2021
    assert out[2]["type"] == "clinical-trial" and out[2]["title"] == "Clinical Plan of Ischemic Stroke"


def test_fetch_a_saved_page_url(env: FixtureServer, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["fetch", env.base + "/pages/seed-002"])
    out = jsonl(capsys.readouterr().out)
    assert code == 0 and out[0]["doi"] == "10.1002/ana.20501"


def test_fetch_reports_each_failure_on_one_line(env: FixtureServer, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["fetch", "doi:10.9999/unknown", "nct:NCT04953663"])
    captured = capsys.readouterr()
    assert code == 0 and len(jsonl(captured.out)) == 1
    assert captured.err.strip() == "doi:10.9999/unknown: Crossref does not know DOI 10.9999/unknown"


def test_fetch_offline_is_a_clear_error(env: FixtureServer, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["fetch", "--offline", "doi:10.1002/ana.20501"])
    err = capsys.readouterr().err
    assert code == 1 and "network use is disabled (--offline)" in err
    assert env.requests == []


def test_fetch_rejects_what_is_not_an_identifier(env: FixtureServer, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["fetch", "ftp://example.org/x"]) == 2
    assert "not a pmid:, doi:, nct: identifier or an http(s) URL" in capsys.readouterr().err
    assert env.requests == []


def test_parse_enrich_then_offline_rerun(env: FixtureServer, capsys: pytest.CaptureFixture[str]) -> None:
    files = [str(SEEDS / n) for n in ("000_38dd110a39ae33e6.txt", "002_f8f8bcaaa6009524.txt")]
    assert main(["parse", "--enrich", *files]) == 0
    first = capsys.readouterr()
    records = jsonl(first.out)
    assert records[0]["journal"] == "Neurology" and records[0]["id"] == "chung2021efficacy"
    assert records[1]["pmid"] == "15929052"
    assert records[1]["source"]["fields"]["pmid"] == "pubmed"  # type: ignore[index]
    assert "enrich: 2 records" in first.err
    served = len(env.requests)
    assert main(["parse", "--enrich", "--offline", *files]) == 0
    again = capsys.readouterr()
    assert jsonl(again.out) == records and len(env.requests) == served
    assert "0 requests" in again.err


def test_parse_without_enrich_makes_no_request(env: FixtureServer, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(SEEDS / "002_f8f8bcaaa6009524.txt")]) == 0
    assert jsonl(capsys.readouterr().out)[0]["pmid"] is None
    assert env.requests == []
