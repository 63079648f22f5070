"""The three services through the real client against recorded answers served on
127.0.0.1 (tests/fixtures/http/)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from msc_citations.errors import UnknownSourceError
from msc_citations.fetch import HttpClient, clinicaltrials, crossref, pubmed
from msc_citations.fetch.lookup import fetch_identifier
from msc_citations.sources import get_source

if TYPE_CHECKING:
    from conftest import FixtureServer


def require_source(name: str) -> None:
    try:
        get_source(name)
    except UnknownSourceError:
        pytest.skip(f"the {name} source is not registered in this tree yet")


def test_esearch_by_doi_sends_ncbi_parameters(fixture_server: FixtureServer) -> None:
    with HttpClient(fixture_server.settings(None)) as client:
        assert pubmed.pmids_for_doi(client, "10.1002/ana.20501") == ["15929052"]
    path, query = fixture_server.requests[-1]
    assert path == "/entrez/eutils/esearch.fcgi"
    assert query["db"] == "pubmed" and query["term"] == "10.1002/ana.20501[doi]"
    assert query["tool"] == "msc_citations" and query["email"] == "reviewer@example.org"


def test_esearch_without_match(fixture_server: FixtureServer) -> None:
    title = (
        "Efficacy and Safety of Autologous Bone Marrow-derived Mesenchymal Stem Cell Treatment in Patients "
        "With Amyotrophic Lateral Sclerosis."
    )
    with HttpClient(fixture_server.settings(None)) as client:
        assert pubmed.pmids_for_title(client, title) == []


def test_efetch_is_read_by_the_pubmed_source(fixture_server: FixtureServer) -> None:
    require_source("pubmed")
    with HttpClient(fixture_server.settings(None)) as client:
        records = pubmed.efetch(client, ["15929052"])
    rec = records[0]
    assert rec.pmid == "15929052"
    assert [a.family for a in rec.authors] == ["Bang", "Lee", "Lee", "Lee"]
    assert rec.volume == "57" and rec.issue == "6"


def test_crossref_work_and_unknown_doi(fixture_server: FixtureServer) -> None:
    with HttpClient(fixture_server.settings(None)) as client:
        rec = crossref.fetch_work(client, "10.1212/WNL.0000000000011440")
        assert rec is not None and rec.journal == "Neurology" and rec.year == 2021
        assert crossref.fetch_work(client, "10.9999/does-not-exist") is None
    path, query = fixture_server.requests[0]
    assert path == "/crossref/works/10.1212/WNL.0000000000011440"
    assert query["mailto"] == "reviewer@example.org"


def test_study_by_nct_id(fixture_server: FixtureServer) -> None:
    with HttpClient(fixture_server.settings(None)) as client:
        rec = clinicaltrials.fetch_study(client, "nct04953663")
        assert clinicaltrials.fetch_study(client, "NCT00000000") is None
    assert rec is not None and rec.type == "clinical-trial"
    assert rec.title == "Clinical Plan of Ischemic Stroke"
    assert [r.id for r in rec.registry_ids] == ["NCT04953663"]
    assert rec.trial is not None and rec.trial.enrollment == 60 and len(rec.trial.outcomes) == 9


def test_study_search_takes_only_a_single_match(fixture_server: FixtureServer) -> None:
    query = {"intervention": "Different doses of it-hMSC", "location": "Peking University Third Hospital"}
    with HttpClient(fixture_server.settings(None)) as client:
        found, search = clinicaltrials.find_unique_study(client, query)
        none, empty = clinicaltrials.find_unique_study(client, {"intervention": "placebo", "sponsor": "Nobody"})
    assert found is not None and found.registry_ids[0].id == "NCT04953663"
    assert search.total == 1
    assert none is None and empty.total == 0
    _, params = fixture_server.requests[0]
    assert params["countTotal"] == "true" and params["query.intr"] == "Different doses of it-hMSC"


def test_fetch_identifiers_and_pages(fixture_server: FixtureServer, tmp_path: Path) -> None:
    with HttpClient(fixture_server.settings(tmp_path)) as client:
        assert fetch_identifier(client, "doi:10.1002/ana.20501")[0].journal == "Annals of Neurology"
        assert fetch_identifier(client, "nct:NCT04953663")[0].title == "Clinical Plan of Ischemic Stroke"
        with pytest.raises(Exception, match="Crossref does not know DOI"):
            fetch_identifier(client, "doi:10.9999/nothing")
