"""Enrichment under failure: a service down, slow or answering garbage costs only the
lookups that needed it (one issue line each); nothing raises, nothing parsed is lost."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

from msc_citations.fetch import HttpClient, enrich_records
from msc_citations.fetch.enrich import trial_query
from msc_citations.model import Person, Provenance, Record, TrialInfo

if TYPE_CHECKING:
    from conftest import MockServices


def article_002() -> Record:
    """What a copied PubMed page states (seed 002 style): DOI, one author, et al."""
    return Record(
        id="bang2005autologous",
        title="Autologous mesenchymal stem cell transplantation in stroke patients",
        authors=[Person(family="Bang", given="Oh Young")],
        authors_complete=False,
        journal_abbrev="Ann Neurol",
        year=2005,
        volume="57",
        doi="10.1002/ana.20501",
        source=Provenance(parser="pubmed"),
    )


def article_000() -> Record:
    return Record(
        id="chung2021efficacy",
        title="Efficacy and Safety of Intravenous Mesenchymal Stem Cells for Ischemic Stroke",
        doi="10.1212/WNL.0000000000011440",
        page_first="E1012",
        page_last="E1023",
        source=Provenance(parser="wos_cn"),
    )


def trial_003() -> Record:
    return Record(
        id="trial003",
        type="clinical-trial",
        trial=TrialInfo(
            status="RECRUITING",
            enrollment=60,
            interventions=["Different doses of it-hMSC"],
            sites=["Peking University Third Hospital, Beijin, China"],
        ),
        source=Provenance(parser="trial_mirror"),
    )


def run(
    mock: MockServices, records: list[Record], fault: object = None, **settings: object
) -> tuple[list[Record], list[str], int]:
    client = HttpClient(mock.settings(**settings), transport=mock.transport(fault))
    with client:
        result = enrich_records(records, client=client)
    return result.records, [f"{i.where}: {i.message}" for i in result.issues], result.network_requests


def test_all_services_up(mock_services: MockServices) -> None:
    records, issues, _ = run(mock_services, [article_002(), article_000(), trial_003()])
    a, b, t = records
    assert a.pmid == "15929052" and len(a.authors) == 4
    assert a.source is not None and a.source.fields["pmid"] == "pubmed"
    assert b.journal == "Neurology" and b.year == 2021
    assert b.source is not None and b.source.fields["journal"] == "crossref"
    assert t.registry_ids[0].id == "NCT04953663" and t.title == "Clinical Plan of Ischemic Stroke"
    # the WNL DOI has no recorded PubMed answer: one line, the Crossref part still done
    assert issues == [
        "chung2021efficacy: pubmed: DOI search 10.1212/WNL.0000000000011440 failed: "
        "esearch answered HTTP 404; nothing filled from pubmed"
    ]


def test_crossref_down_costs_only_crossref(mock_services: MockServices) -> None:
    def fault(path: str, query: dict[str, str]) -> httpx.Response | None:
        return httpx.Response(503) if path.startswith("/crossref") else None

    before = [article_002(), article_000(), trial_003()]
    records, issues, _ = run(mock_services, before, fault)
    a, b, t = records
    assert a.pmid == "15929052"  # PubMed still answered
    assert b.journal is None and b.title == before[1].title  # nothing lost
    assert t.registry_ids[0].id == "NCT04953663"
    crossref_lines = [i for i in issues if "crossref:" in i]
    assert len(crossref_lines) == 2
    assert all("HTTP 503 service unavailable (gave up after 2 attempts)" in i for i in crossref_lines)


def test_slow_service_times_out_cleanly(mock_services: MockServices) -> None:
    def fault(path: str, query: dict[str, str]) -> httpx.Response | None:
        if path.startswith("/api/v2"):
            raise httpx.ReadTimeout("timed out")
        return None

    records, issues, _ = run(mock_services, [trial_003()], fault)
    assert records[0] == trial_003()
    assert issues == [
        "trial003: clinicaltrials.gov: study search failed: timed out waiting for the answer "
        "(gave up after 2 attempts); nothing filled from clinicaltrials.gov"
    ]


def test_garbage_answers(mock_services: MockServices) -> None:
    def fault(path: str, query: dict[str, str]) -> httpx.Response | None:
        if path.startswith("/api/v2"):
            return httpx.Response(200, content=b'{"totalCount": 1, "studies": [{"protocolSect')
        if path.endswith("efetch.fcgi"):
            return httpx.Response(200, content=b"<html><body>Temporarily unavailable</body></html>")
        return None

    records, issues, _ = run(mock_services, [article_002(), trial_003()], fault)
    assert records[1] == trial_003()
    assert records[0].pmid is None and records[0].journal == "Annals of Neurology"  # Crossref still filled
    assert any("clinicaltrials.gov: study search failed: the answer is not valid JSON" in i for i in issues)
    assert any(i.startswith("bang2005autologous: pubmed: PMID 15929052 failed") for i in issues)


def test_ambiguous_study_search_is_not_taken(mock_services: MockServices) -> None:
    study = json.loads((Path(__file__).parent.parent / "fixtures/http/ctgov/study_NCT04953663.json").read_text())

    def fault(path: str, query: dict[str, str]) -> httpx.Response | None:
        if path == "/api/v2/studies":
            return httpx.Response(200, json={"totalCount": 2, "studies": [study, study]})
        return None

    records, issues, _ = run(mock_services, [trial_003()], fault)
    assert records[0] == trial_003()
    assert issues == [
        "trial003: clinicaltrials.gov: 2 studies match (intervention='Different doses of it-hMSC'; "
        "location='Peking University Third Hospital'); none taken (only a single match is used)"
    ]


def test_offline_without_cache_makes_no_request(mock_services: MockServices) -> None:
    records, issues, requests = run(mock_services, [article_002(), trial_003()], offline=True)
    assert requests == 0 and records == [article_002(), trial_003()]
    assert len(issues) == 3 and all("offline, not in the cache" in i for i in issues)


def test_batch_runs_concurrently_and_keeps_order(mock_services: MockServices) -> None:
    lock = threading.Lock()
    state = {"now": 0, "peak": 0}
    gate = threading.Barrier(2, timeout=5)

    def fault(path: str, query: dict[str, str]) -> httpx.Response | None:
        with lock:
            state["now"] += 1
            state["peak"] = max(state["peak"], state["now"])
        try:
            if path.endswith("esearch.fcgi"):
                gate.wait()  # two records' first lookups are in flight together
        finally:
            with lock:
                state["now"] -= 1
        return None

    batch = [article_002(), trial_003(), article_002().model_copy(update={"id": "copy"})]
    records, _, _ = run(mock_services, batch, fault, max_workers=3)
    assert [r.id for r in records] == ["bang2005autologous", "trial003", "copy"]
    assert state["peak"] >= 2
    assert records[2].pmid == "15929052"


def test_trial_query_needs_two_distinctive_facts() -> None:
    assert trial_query(trial_003()) == {
        "intervention": "Different doses of it-hMSC",
        "location": "Peking University Third Hospital",
    }
    lonely = Record(type="clinical-trial", trial=TrialInfo(interventions=["MSC"]))
    assert trial_query(lonely) == {}


def test_a_dead_service_is_not_asked_forever(mock_services: MockServices) -> None:
    calls: list[str] = []

    def fault(path: str, query: dict[str, str]) -> httpx.Response | None:
        if path.startswith("/crossref"):
            calls.append(path)
            return httpx.Response(503)
        return None

    batch = [article_000().model_copy(update={"id": f"r{n}"}) for n in range(8)]
    records, issues, _ = run(mock_services, batch, fault, breaker_threshold=3, max_workers=1)
    assert records == batch
    crossref_lines = [i for i in issues if "crossref:" in i]
    assert len(crossref_lines) == 8  # one line per record that needed Crossref
    assert len(calls) == 3 * 2  # three lookups of two attempts, then no more requests
    assert crossref_lines[-1].endswith(
        "not asked: crossref failed 3 times in a row in this run (down?); nothing filled from crossref"
    )


def test_a_trial_registered_elsewhere_is_not_searched(mock_services: MockServices) -> None:
    from msc_citations.model import RegistryId

    chictr = trial_003().model_copy(update={"registry_ids": [RegistryId(registry="ChiCTR", id="ChiCTR2000029990")]})
    records, issues, requests = run(mock_services, [chictr])
    assert records == [chictr] and requests == 0
    assert issues == [
        "trial003: clinicaltrials.gov: not searched (the trial is registered in ChiCTR, not by an NCT id)"
    ]
