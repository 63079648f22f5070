"""The rate limiter, tested deterministically with a fake clock."""

from __future__ import annotations

import threading

import httpx
import pytest

from msc_citations.fetch import FetchSettings, HttpClient
from msc_citations.fetch.ratelimit import RateLimiter
from msc_citations.fetch.settings import CTGOV_RATE, NCBI_RATE, NCBI_RATE_WITH_KEY


class FakeClock:
    """A clock that only moves when somebody sleeps."""

    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_slots_are_evenly_spaced_per_key() -> None:
    clock = FakeClock()
    limiter = RateLimiter({"pubmed": 3.0, "crossref": 10.0}.__getitem__, clock=clock, sleep=clock.sleep)
    assert [limiter.reserve("pubmed") for _ in range(4)] == pytest.approx([0.0, 1 / 3, 2 / 3, 1.0])
    # another service has its own budget
    assert limiter.reserve("crossref") == 0.0
    assert limiter.reserve("crossref") == pytest.approx(0.1)


def test_acquire_sleeps_until_the_slot_and_idle_time_is_not_banked() -> None:
    clock = FakeClock()
    limiter = RateLimiter(lambda key: 2.0, clock=clock, sleep=clock.sleep)
    for _ in range(3):
        limiter.acquire("pubmed")
    assert clock.slept == pytest.approx([0.5, 0.5])
    clock.now += 10  # a long pause does not allow a burst afterwards
    assert limiter.reserve("pubmed") == 0.0
    assert limiter.reserve("pubmed") == pytest.approx(0.5)


def test_pause_and_slow_down() -> None:
    clock = FakeClock()
    limiter = RateLimiter(lambda key: 10.0, clock=clock, sleep=clock.sleep)
    limiter.pause("crossref", 7.0)
    assert limiter.reserve("crossref") == pytest.approx(7.0)
    limiter.slow_down("crossref", 1.0)  # from now on one per second, not ten
    assert limiter.reserve("crossref") == pytest.approx(7.1)
    assert limiter.reserve("crossref") == pytest.approx(8.1)


def test_threads_get_distinct_slots() -> None:
    clock = FakeClock()
    limiter = RateLimiter(lambda key: 4.0, clock=clock, sleep=clock.sleep)
    waits: list[float] = []
    lock = threading.Lock()

    def book() -> None:
        w = limiter.reserve("pubmed")
        with lock:
            waits.append(w)

    threads = [threading.Thread(target=book) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(waits) == pytest.approx([i * 0.25 for i in range(20)])


def test_documented_rates() -> None:
    plain = FetchSettings.from_env({}, cache_dir=False)
    keyed = FetchSettings.from_env({"NCBI_API_KEY": "k"}, cache_dir=False)
    assert plain.rate_for("pubmed") == NCBI_RATE == 3.0
    assert keyed.rate_for("pubmed") == NCBI_RATE_WITH_KEY == 10.0
    assert plain.rate_for("clinicaltrials.gov") == CTGOV_RATE
    assert plain.rate_for("crossref") < FetchSettings.from_env({}, cache_dir=False, email="a@b.org").rate_for(
        "crossref"
    )


def test_client_keeps_ncbi_to_three_requests_per_second() -> None:
    clock = FakeClock()
    settings = FetchSettings.from_env({}, cache_dir=False)
    transport = httpx.MockTransport(lambda request: httpx.Response(200, text="<eSearchResult/>"))
    with HttpClient(settings, transport=transport, clock=clock, sleep=clock.sleep) as client:
        start = clock.now
        for n in range(7):
            client.get(settings.eutils_url + "/esearch.fcgi", params={"term": str(n)}, service="pubmed")
        # 7 requests at 3/s: the last starts 2 s after the first
        assert clock.now - start == pytest.approx(2.0)
        assert client.network_requests == 7


def test_client_follows_a_stricter_announced_limit() -> None:
    clock = FakeClock()
    settings = FetchSettings.from_env({}, cache_dir=False, email="a@b.org")
    headers = {"x-rate-limit-limit": "2", "x-rate-limit-interval": "1s"}
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json={}, headers=headers))
    with HttpClient(settings, transport=transport, clock=clock, sleep=clock.sleep) as client:
        for n in range(3):
            client.get(settings.crossref_url + f"/works/10.1/{n}", service="crossref")
    assert clock.slept[-1] == pytest.approx(0.5)
