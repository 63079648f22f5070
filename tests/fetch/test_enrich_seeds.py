"""Acceptance: the five seed pages, parsed by their real sources, enriched against the
recorded service answers served on 127.0.0.1 through the real client."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from msc_citations.api import parse_file
from msc_citations.errors import MscCitationsError
from msc_citations.fetch import HttpClient, enrich_records
from msc_citations.model import Record

if TYPE_CHECKING:
    from conftest import FixtureServer

SEEDS = Path(__file__).parent.parent / "fixtures" / "seeds"
SEED_000 = "000_38dd110a39ae33e6.txt"
SEED_002 = "002_f8f8bcaaa6009524.txt"
SEED_003 = "003_6a96e5e6372cea76.txt"


def parse_seed(name: str) -> Record:
    try:
        return parse_file(SEEDS / name).records[0]
    except MscCitationsError as exc:
        pytest.skip(f"seed {name} is not readable by any source in this tree yet: {exc}")


def parse_all() -> list[Record]:
    records = []
    for path in sorted(SEEDS.glob("*.txt")):
        try:
            records.extend(parse_file(path).records[:1])
        except MscCitationsError:
            continue
    return records


def enrich(server: FixtureServer, records: list[Record], cache: Path) -> tuple[list[Record], list[str], int]:
    with HttpClient(server.settings(cache)) as client:
        result = enrich_records(records, client=client)
    return result.records, [f"{i.where}: {i.message}" for i in result.issues], result.network_requests


def test_seed_002_gets_its_pmid_and_full_author_list(fixture_server: FixtureServer, tmp_path: Path) -> None:
    page = parse_seed(SEED_002)
    assert page.pmid is None and len(page.authors) == 1 and page.authors_complete is False
    (rec,), _, _ = enrich(fixture_server, [page], tmp_path)
    assert rec.pmid == "15929052"
    assert [(a.family, a.given) for a in rec.authors] == [
        ("Bang", "Oh Young"),
        ("Lee", "Jin Soo"),
        ("Lee", "Phil Hyu"),
        ("Lee", "Gwang"),
    ]
    assert rec.authors_complete is True
    assert rec.source is not None
    assert rec.source.fields["pmid"] == "pubmed" and rec.source.fields["authors"] == "pubmed"
    # what the page stated is untouched
    assert rec.title == page.title and rec.doi == page.doi and rec.volume == page.volume
    assert rec.abstract == page.abstract


def test_seed_000_gets_journal_and_year(fixture_server: FixtureServer, tmp_path: Path) -> None:
    page = parse_seed(SEED_000)
    assert page.journal is None and page.year is None
    (rec,), issues, _ = enrich(fixture_server, [page], tmp_path)
    assert rec.journal == "Neurology" and rec.year == 2021
    assert rec.source is not None
    assert rec.source.fields["journal"] == "crossref" and rec.source.fields["year"] == "crossref"
    assert (rec.volume, rec.issue) == ("96", "7")
    assert [a.family for a in rec.authors] == [a.family for a in page.authors]  # the page's own list stays
    assert len([i for i in issues if "crossref" in i]) == 0


def test_seed_003_is_found_by_a_unique_study_search(fixture_server: FixtureServer, tmp_path: Path) -> None:
    page = parse_seed(SEED_003)
    assert page.title is None and not page.registry_ids
    (rec,), issues, _ = enrich(fixture_server, [page], tmp_path)
    assert [r.id for r in rec.registry_ids] == ["NCT04953663"]
    assert rec.title == "Clinical Plan of Ischemic Stroke"
    assert rec.source is not None
    assert rec.source.fields["registry_ids"] == "clinicaltrials.gov"
    assert rec.source.fields["title"] == "clinicaltrials.gov"
    assert rec.trial is not None and page.trial is not None
    assert rec.trial.outcomes == page.trial.outcomes and rec.trial.interventions == page.trial.interventions
    searches = [q for p, q in fixture_server.requests if p == "/api/v2/studies"]
    assert len(searches) == 1 and "it-hMSC" in searches[0]["query.intr"]
    assert not issues


def test_all_seeds_then_a_second_run_makes_no_request(fixture_server: FixtureServer, tmp_path: Path) -> None:
    pages = parse_all()
    if len(pages) < 3:
        pytest.skip("fewer than three seeds are readable in this tree yet")
    first, issues, requests = enrich(fixture_server, pages, tmp_path / "cache")
    assert requests > 0 and len(first) == len(pages)
    for before, after in zip(pages, first, strict=True):
        for name in ("title", "doi", "volume", "abstract"):
            if getattr(before, name):
                assert getattr(after, name) == getattr(before, name)  # never overwritten
    served = len(fixture_server.requests)
    second, issues_again, requests_again = enrich(fixture_server, pages, tmp_path / "cache")
    assert requests_again == 0 and len(fixture_server.requests) == served
    assert second == first and issues_again == issues
