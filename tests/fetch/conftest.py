"""A local HTTP server on 127.0.0.1 serving the recorded answers of tests/fixtures/http/,
and settings that point the library at it (no network is ever touched)."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import httpx
import pytest

from msc_citations.fetch import FetchSettings

HTTP_FIXTURES = Path(__file__).parent.parent / "fixtures" / "http"
SEEDS = Path(__file__).parent.parent / "fixtures" / "seeds"
EUTILS = "/entrez/eutils"
CROSSREF = "/crossref"
CTGOV = "/api/v2"
XML = "text/xml; charset=UTF-8"
JSON = "application/json"

Query = dict[str, str]
Match = Callable[[str, Query], bool]


def _route(path: str, **params: str) -> Match:
    """Match a path exactly and each parameter by substring."""

    def match(p: str, q: Query) -> bool:
        return p == path and all(v in q.get(k, "") for k, v in params.items())

    return match


def _ctgov_search(p: str, q: Query) -> bool:
    place = q.get("query.spons", "") + q.get("query.locn", "")
    return p == CTGOV + "/studies" and "it-hMSC" in q.get("query.intr", "") and "Peking University Third" in place


ROUTES: list[tuple[Match, str, str]] = [
    (_route(EUTILS + "/esearch.fcgi", term="10.1002/ana.20501[doi]"), "eutils/esearch_doi_10.1002_ana.20501.xml", XML),
    (
        _route(EUTILS + "/esearch.fcgi", term="Amyotrophic Lateral Sclerosis[ti]"),
        "eutils/esearch_title_kim_2009_als.xml",
        XML,
    ),
    (_route(EUTILS + "/efetch.fcgi", id="15929052"), "eutils/efetch_15929052.xml", XML),
    (_route(CROSSREF + "/works/10.1002/ana.20501"), "crossref/works_10.1002_ana.20501.json", JSON),
    (
        _route(CROSSREF + "/works/10.1212/WNL.0000000000011440"),
        "crossref/works_10.1212_WNL.0000000000011440.json",
        JSON,
    ),
    (_route(CTGOV + "/studies/NCT04953663"), "ctgov/study_NCT04953663.json", JSON),
    (_ctgov_search, "ctgov/search_it-hMSC.json", JSON),
]
"""Which recorded answer serves which request; anything else gets the service's own
'not found' answer."""


@dataclass
class FixtureServer:
    """The running server: its base URL and every request it received."""

    base: str
    requests: list[tuple[str, Query]] = field(default_factory=list)

    def settings(self, cache_dir: Path | None, **overrides: object) -> FetchSettings:
        """Settings pointing every service at this server (fast rates: no real service)."""
        host = urlsplit(self.base).netloc
        fast = {"pubmed": 500.0, "crossref": 500.0, "clinicaltrials.gov": 500.0, host: 500.0}
        values: dict[str, object] = {
            "eutils_url": self.base + EUTILS,
            "crossref_url": self.base + CROSSREF,
            "ctgov_url": self.base + CTGOV,
            "cache_dir": cache_dir if cache_dir is not None else False,
            "email": "reviewer@example.org",
            "rates": fast,
            "backoff_base": 0.01,
        }
        values.update(overrides)
        return FetchSettings.from_env({}, **values)

    def env(self, cache_dir: Path) -> dict[str, str]:
        """Environment variables for the CLI."""
        return {
            "MSC_CITATIONS_EUTILS_URL": self.base + EUTILS,
            "MSC_CITATIONS_CROSSREF_URL": self.base + CROSSREF,
            "MSC_CITATIONS_CTGOV_URL": self.base + CTGOV,
            "MSC_CITATIONS_CACHE_DIR": str(cache_dir),
            "MSC_CITATIONS_EMAIL": "reviewer@example.org",
        }


def _not_found(path: str) -> tuple[int, bytes, str]:
    if path.startswith(CROSSREF):
        return 404, b"Resource not found.", "text/plain"
    if path == CTGOV + "/studies":
        return 200, json.dumps({"totalCount": 0, "studies": []}).encode(), JSON
    return 404, b"Not Found", "text/plain"


def _answer(path: str, query: Query) -> tuple[int, bytes, str]:
    if path == "/pages/seed-002":
        return 200, (SEEDS / "002_f8f8bcaaa6009524.txt").read_bytes(), "text/plain; charset=utf-8"
    for match, name, ctype in ROUTES:
        if match(path, query):
            return 200, (HTTP_FIXTURES / name).read_bytes(), ctype
    return _not_found(path)


MOCK_BASE = "https://services.test"


def recorded_transport(fault: Callable[[str, Query], httpx.Response | None] | None = None) -> httpx.MockTransport:
    """A MockTransport answering from the recorded files (base :data:`MOCK_BASE`), after
    ``fault(path, query)`` had the chance to answer (or raise) first: fault injection."""

    def handler(request: httpx.Request) -> httpx.Response:
        path = unquote(request.url.path)
        query = dict(request.url.params)
        injected = fault(path, query) if fault else None
        if injected is not None:
            return injected
        status, body, ctype = _answer(path, query)
        return httpx.Response(status, content=body, headers={"Content-Type": ctype})

    return httpx.MockTransport(handler)


def mock_settings(cache_dir: Path | None = None, **overrides: object) -> FetchSettings:
    """Settings pointing every service at :data:`MOCK_BASE` (no spacing between requests)."""
    values: dict[str, object] = {
        "eutils_url": MOCK_BASE + EUTILS,
        "crossref_url": MOCK_BASE + CROSSREF,
        "ctgov_url": MOCK_BASE + CTGOV,
        "cache_dir": cache_dir if cache_dir is not None else False,
        "rates": {"pubmed": 0.0, "crossref": 0.0, "clinicaltrials.gov": 0.0},
        "backoff_base": 0.001,
        "max_attempts": 2,
    }
    values.update(overrides)
    return FetchSettings.from_env({}, **values)


@pytest.fixture
def fixture_server() -> Iterator[FixtureServer]:
    """The recorded answers served on 127.0.0.1 (an ephemeral port)."""
    state = FixtureServer(base="")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            path = unquote(parts.path)
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            state.requests.append((path, query))
            status, body, ctype = _answer(path, query)
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


@dataclass(frozen=True)
class MockServices:
    """The recorded answers behind an ``httpx.MockTransport``, for fault injection."""

    transport: Callable[..., httpx.MockTransport]
    settings: Callable[..., FetchSettings]
    base: str = MOCK_BASE


@pytest.fixture
def mock_services() -> MockServices:
    """Factories for a fault-injecting transport over the recorded answers and its settings."""
    return MockServices(transport=recorded_transport, settings=mock_settings)
