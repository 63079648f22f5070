"""The HTTP client under injected faults (httpx.MockTransport): timeouts, resets, 429 with
Retry-After, 5xx then success, truncated JSON, oversized answers, bad redirects, offline,
and the cache."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from msc_citations import __version__
from msc_citations.errors import FetchError
from msc_citations.fetch import FetchSettings, HttpClient, OfflineError, crossref, pubmed, user_agent
from msc_citations.fetch.client import parse_retry_after

BASE = "https://api.crossref.org"
Handler = Callable[[httpx.Request], httpx.Response]


class Recorder:
    """A MockTransport handler that plays a script of answers and records requests."""

    def __init__(self, *steps: httpx.Response | Exception) -> None:
        self.steps = list(steps)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        step = self.steps.pop(0) if len(self.steps) > 1 else self.steps[0]
        if isinstance(step, Exception):
            raise step
        return step


def make_client(handler: Handler, tmp_path: Path | None = None, **overrides: object) -> tuple[HttpClient, list[float]]:
    slept: list[float] = []
    unlimited = {"crossref": 0.0, "pubmed": 0.0, "api.crossref.org": 0.0}  # 0: no spacing, so only retries sleep
    values: dict[str, object] = {"cache_dir": tmp_path if tmp_path else False, "rates": unlimited}
    values.update(overrides)
    settings = FetchSettings.from_env({}, **values)
    client = HttpClient(settings, transport=httpx.MockTransport(handler), sleep=slept.append, rng=random.Random(1))
    return client, slept


@pytest.fixture
def work_json() -> Iterator[bytes]:
    path = Path(__file__).parent.parent / "fixtures" / "http" / "crossref" / "works_10.1002_ana.20501.json"
    yield path.read_bytes()


def test_timeouts_are_retried_with_growing_backoff_then_reported() -> None:
    rec = Recorder(httpx.ReadTimeout("read timed out"))
    client, slept = make_client(rec, max_attempts=4, backoff_base=1.0)
    with pytest.raises(FetchError, match="timed out waiting for the answer \\(gave up after 4 attempts\\)"):
        client.get(BASE + "/works/10.1/x", service="crossref")
    assert len(rec.requests) == 4
    # exponential with jitter: attempt n waits within [2**n / 2, 2**n]
    assert len(slept) == 3
    for n, wait in enumerate(slept):
        assert 2**n / 2 <= wait <= 2**n


def test_connection_reset_then_success(work_json: bytes) -> None:
    rec = Recorder(httpx.ReadError("[Errno 104] Connection reset by peer"), httpx.Response(200, content=work_json))
    client, _ = make_client(rec)
    record = crossref.fetch_work(client, "10.1002/ana.20501")
    assert record is not None and record.journal == "Annals of Neurology"
    assert len(rec.requests) == 2


def test_connect_error_is_retried() -> None:
    rec = Recorder(httpx.ConnectError("connection refused"), httpx.Response(200, json={"ok": 1}))
    client, slept = make_client(rec)
    assert client.get(BASE + "/x").json() == {"ok": 1}
    assert len(slept) == 1


def test_429_honours_retry_after(work_json: bytes) -> None:
    rec = Recorder(httpx.Response(429, headers={"Retry-After": "7"}), httpx.Response(200, content=work_json))
    client, slept = make_client(rec)
    assert crossref.fetch_work(client, "10.1002/ana.20501") is not None
    assert slept and slept[-1] == pytest.approx(7.0, abs=0.05)


def test_retry_after_as_http_date() -> None:
    from datetime import UTC, datetime

    now = datetime(2026, 1, 1, 12, 0, 0, tzinfo=UTC)
    assert parse_retry_after("Thu, 01 Jan 2026 12:00:30 GMT", now=lambda: now) == pytest.approx(30.0)
    assert parse_retry_after("soon") is None


def test_retry_after_too_long_fails_at_once() -> None:
    rec = Recorder(httpx.Response(503, headers={"Retry-After": "3600"}))
    client, slept = make_client(rec)
    with pytest.raises(FetchError, match="asks to wait 3600 s"):
        client.get(BASE + "/x")
    assert len(rec.requests) == 1 and not slept


def test_500_then_success(work_json: bytes) -> None:
    rec = Recorder(httpx.Response(500), httpx.Response(502), httpx.Response(200, content=work_json))
    client, slept = make_client(rec)
    assert crossref.fetch_work(client, "10.1002/ana.20501") is not None
    assert len(rec.requests) == 3 and len(slept) == 2


def test_persistent_5xx_is_reported() -> None:
    client, _ = make_client(Recorder(httpx.Response(503)), max_attempts=3)
    with pytest.raises(FetchError, match="HTTP 503 service unavailable \\(gave up after 3 attempts\\)"):
        client.get(BASE + "/x")


def test_400_is_not_retried() -> None:
    rec = Recorder(httpx.Response(400, text="bad query"))
    client, _ = make_client(rec)
    with pytest.raises(FetchError, match="HTTP 400 bad request"):
        client.get(BASE + "/x")
    assert len(rec.requests) == 1


def test_truncated_json_is_a_clear_error(work_json: bytes) -> None:
    client, _ = make_client(Recorder(httpx.Response(200, content=work_json[:300])))
    with pytest.raises(FetchError, match="not valid JSON"):
        crossref.fetch_work(client, "10.1002/ana.20501")


def test_json_that_is_not_a_work_is_a_clear_error() -> None:
    client, _ = make_client(Recorder(httpx.Response(200, json={"status": "failed", "message": "nope"})))
    with pytest.raises(FetchError, match="not a Crossref work"):
        crossref.fetch_work(client, "10.1002/ana.20501")


def test_garbage_xml_from_esearch_is_a_clear_error() -> None:
    client, _ = make_client(Recorder(httpx.Response(200, text="<html><body>Service unavailable</body></html>")))
    with pytest.raises(FetchError, match="not an eSearchResult"):
        pubmed.pmids_for_doi(client, "10.1002/ana.20501")


def test_oversized_body_declared() -> None:
    rec = Recorder(httpx.Response(200, content=b"x" * 5000))
    client, _ = make_client(rec, max_bytes=1000)
    with pytest.raises(FetchError, match="answer too large \\(5,000 bytes; the limit is 1,000\\)"):
        client.get(BASE + "/x")


def test_oversized_body_streamed_without_length() -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(100):
            yield b"y" * 100

    client, _ = make_client(Recorder(httpx.Response(200, content=chunks())), max_bytes=1000)
    with pytest.raises(FetchError, match="answer too large \\(over 1,000 bytes\\)"):
        client.get(BASE + "/x")


@pytest.mark.parametrize("location", ["ftp://example.org/file", "file:///etc/passwd", "javascript:alert(1)"])
def test_redirect_to_a_non_http_scheme_is_refused(location: str) -> None:
    rec = Recorder(httpx.Response(302, headers={"Location": location}))
    client, _ = make_client(rec)
    with pytest.raises(FetchError, match="redirected to a non-http\\(s\\)"):
        client.get(BASE + "/x")
    assert len(rec.requests) == 1


def test_http_redirects_are_followed() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/old":
            return httpx.Response(301, headers={"Location": "/new"})
        return httpx.Response(200, text="here")

    client, _ = make_client(handler)
    response = client.get(BASE + "/old")
    assert response.body == b"here" and response.url.endswith("/new")


def test_redirect_loops_end() -> None:
    client, _ = make_client(lambda r: httpx.Response(302, headers={"Location": "/again"}), max_redirects=3)
    with pytest.raises(FetchError, match="more than 3 redirects"):
        client.get(BASE + "/loop")


@pytest.mark.parametrize("url", ["ftp://example.org/x", "file:///etc/passwd", "/relative/path"])
def test_only_http_urls(url: str) -> None:
    rec = Recorder(httpx.Response(200))
    client, _ = make_client(rec)
    with pytest.raises(FetchError, match="only http and https"):
        client.get(url)
    assert not rec.requests


def test_offline_makes_no_request(tmp_path: Path) -> None:
    rec = Recorder(httpx.Response(200, json={}))
    client, _ = make_client(rec, tmp_path, offline=True)
    with pytest.raises(OfflineError, match="--offline"):
        client.get(BASE + "/x")
    assert not rec.requests and client.network_requests == 0


def test_cache_answers_a_second_time_without_a_request(tmp_path: Path) -> None:
    rec = Recorder(httpx.Response(200, json={"n": 1}))
    client, _ = make_client(rec, tmp_path)
    assert client.get(BASE + "/x", params={"q": "a"}).json() == {"n": 1}
    client.close()
    again, _ = make_client(rec, tmp_path, offline=True)  # a new run, even offline
    cached = again.get(BASE + "/x", params={"q": "a"})
    assert cached.from_cache and cached.json() == {"n": 1}
    assert len(rec.requests) == 1 and again.network_requests == 0


def test_cache_keeps_404_but_not_errors(tmp_path: Path) -> None:
    rec = Recorder(httpx.Response(404), httpx.Response(500), httpx.Response(500))
    client, _ = make_client(rec, tmp_path, max_attempts=1)
    assert client.get(BASE + "/missing").status == 404
    assert client.get(BASE + "/missing").status == 404
    with pytest.raises(FetchError):
        client.get(BASE + "/broken")
    assert [r.url.path for r in rec.requests] == ["/missing", "/broken"]


def test_user_agent_and_ncbi_parameters() -> None:
    rec = Recorder(httpx.Response(200, text="<eSearchResult><IdList><Id>15929052</Id></IdList></eSearchResult>"))
    client, _ = make_client(rec, email="reviewer@example.org", ncbi_api_key="KEY123")
    assert pubmed.pmids_for_doi(client, "10.1002/ana.20501") == ["15929052"]
    sent = rec.requests[0]
    assert sent.headers["user-agent"] == user_agent(client.settings)
    assert f"msc-citations/{__version__}" in sent.headers["user-agent"]
    assert "mailto:reviewer@example.org" in sent.headers["user-agent"]
    assert sent.url.params["tool"] == "msc_citations"
    assert sent.url.params["email"] == "reviewer@example.org"
    assert sent.url.params["api_key"] == "KEY123"
    assert sent.url.params["term"] == "10.1002/ana.20501[doi]"
    assert sent.url.path.endswith("/entrez/eutils/esearch.fcgi")


def test_timeouts_are_explicit() -> None:
    from msc_citations.fetch import build_httpx_client

    settings = FetchSettings.from_env({}, cache_dir=False, connect_timeout=3.0, read_timeout=9.0)
    with build_httpx_client(settings) as http:
        assert http.timeout.connect == 3.0 and http.timeout.read == 9.0
        assert http.follow_redirects is False


def test_settings_from_environment(tmp_path: Path) -> None:
    env = {
        "MSC_CITATIONS_EUTILS_URL": "http://mirror.example/entrez/eutils/",
        "MSC_CITATIONS_CROSSREF_URL": "http://mirror.example/crossref",
        "MSC_CITATIONS_CTGOV_URL": "http://mirror.example/api/v2",
        "MSC_CITATIONS_CACHE_DIR": str(tmp_path),
        "MSC_CITATIONS_EMAIL": "me@example.org",
        "NCBI_API_KEY": "abc",
    }
    s = FetchSettings.from_env(env)
    assert s.eutils_url == "http://mirror.example/entrez/eutils"
    assert (s.crossref_url, s.ctgov_url) == ("http://mirror.example/crossref", "http://mirror.example/api/v2")
    assert (s.cache_dir, s.email, s.ncbi_api_key) == (tmp_path, "me@example.org", "abc")
    assert FetchSettings.from_env(env, email="other@example.org").email == "other@example.org"
    defaults = FetchSettings.from_env({"HOME": str(tmp_path)})
    assert defaults.ctgov_url == "https://clinicaltrials.gov/api/v2"
    assert defaults.crossref_url == "https://api.crossref.org"


def test_unusable_cache_folder_degrades_to_no_cache(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    rec = Recorder(httpx.Response(200, json={}))
    client, _ = make_client(rec, blocker / "cache")
    assert client.cache is None and client.cache_problem and "unusable" in client.cache_problem
    assert client.get(BASE + "/x").status == 200
