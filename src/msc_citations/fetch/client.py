"""The one HTTP client every lookup goes through.

:func:`build_httpx_client` makes the ``httpx.Client`` (explicit connect/read timeouts, a
User-Agent naming the library, its version and the user's contact e-mail, no automatic
redirects, an injectable ``transport``). :class:`HttpClient` wraps it with what the
services ask of a well-behaved client:

- only ``http``/``https`` URLs, checked again at every redirect hop;
- per-service (or per-host) rate limits, shared by all threads (:mod:`.ratelimit`);
- retries with exponential backoff and jitter on connection errors, timeouts, 429 and
  5xx, honouring ``Retry-After`` (seconds or an HTTP date);
- a cap on the size of an answer (checked on ``Content-Length`` and while reading, after
  decompression);
- the on-disk cache (:mod:`.cache`), consulted first, so a re-run makes no requests;
- ``offline``: the cache only, and a clear :class:`OfflineError` for anything else.

Batch work runs this synchronous client from a thread pool (see :mod:`.enrich`): one code
path for retries and caching, and the limiter keeps every thread inside the budget.
"""

from __future__ import annotations

import json
import random
import sqlite3
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

import httpx

from .. import __version__
from ..errors import FetchError
from .cache import CachedResponse, ResponseCache, cache_key
from .ratelimit import RateLimiter
from .settings import FetchSettings

ALLOWED_SCHEMES = frozenset({"http", "https"})
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
RETRYABLE_ERRORS: tuple[type[Exception], ...] = (
    httpx.TimeoutException,
    httpx.NetworkError,
    httpx.RemoteProtocolError,
)


class OfflineError(FetchError):
    """Network use is disabled and the answer is not in the cache."""


def user_agent(settings: FetchSettings) -> str:
    """``msc-citations/0.1.0 (mailto:EMAIL) httpx/0.28.1``: the form Crossref's etiquette
    asks for (tool/version, contact, underlying library)."""
    contact = f" (mailto:{settings.email})" if settings.email else ""
    return f"msc-citations/{__version__}{contact} httpx/{httpx.__version__}"


def build_httpx_client(settings: FetchSettings, transport: httpx.BaseTransport | None = None) -> httpx.Client:
    """The configured ``httpx.Client`` (redirects are followed by :class:`HttpClient`)."""
    timeout = httpx.Timeout(
        connect=settings.connect_timeout,
        read=settings.read_timeout,
        write=settings.read_timeout,
        pool=settings.connect_timeout,
    )
    return httpx.Client(
        timeout=timeout,
        headers={"User-Agent": user_agent(settings)},
        follow_redirects=False,
        transport=transport,
        limits=httpx.Limits(max_connections=settings.max_workers * 2, max_keepalive_connections=settings.max_workers),
    )


@dataclass(frozen=True)
class FetchedResponse:
    """An answer, from the network or the cache."""

    url: str
    status: int
    content_type: str | None
    body: bytes
    from_cache: bool = False
    headers: Mapping[str, str] = field(default_factory=dict)

    def json(self) -> Any:
        """The body as JSON; a :class:`FetchError` for a truncated or garbled answer."""
        try:
            return json.loads(self.body)
        except (ValueError, UnicodeDecodeError) as exc:
            raise FetchError(self.url, f"the answer is not valid JSON ({exc.__class__.__name__}: {exc})") from None


def check_scheme(url: str) -> None:
    """Refuse anything but ``http``/``https`` (``file:``, ``ftp:``, ``javascript:`` ...)."""
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        raise FetchError(url, f"only http and https URLs are fetched, not {scheme or 'a relative'} URL")


def parse_retry_after(value: str | None, now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now()).total_seconds())


class HttpClient:
    """Rate-limited, retrying, size-capped, cached GETs. Thread-safe."""

    def __init__(
        self,
        settings: FetchSettings | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self.settings = settings or FetchSettings.from_env()
        self._http = build_httpx_client(self.settings, transport)
        self._sleep = sleep
        self._rng = rng or random.Random()
        self.limiter = RateLimiter(self.settings.rate_for, clock=clock, sleep=sleep)
        self.cache: ResponseCache | None = None
        self.cache_problem: str | None = None
        """Why the cache could not be opened (the client then works without one)."""
        if self.settings.cache_dir:
            try:
                self.cache = ResponseCache(self.settings.cache_dir, ttl=self.settings.cache_ttl)
            except (OSError, sqlite3.Error) as exc:
                self.cache_problem = f"cache folder {self.settings.cache_dir} unusable ({exc}); answers are not cached"
        self.network_requests = 0
        self.cache_hits = 0
        self._count_lock = threading.Lock()
        self._failures: dict[str, int] = {}

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection pool and the cache."""
        self._http.close()
        if self.cache is not None:
            self.cache.close()

    def get(self, url: str, *, params: Mapping[str, str] | None = None, service: str | None = None) -> FetchedResponse:
        """GET ``url``; returns 200 and 404 answers, raises :class:`FetchError` otherwise.

        ``service`` names the rate-limit budget (``pubmed``, ``crossref``,
        ``clinicaltrials.gov``); without it the URL's host is the budget.
        """
        check_scheme(url)
        key = cache_key(url, params)
        if self.cache is not None and (hit := self.cache.get(key)) is not None:
            with self._count_lock:
                self.cache_hits += 1
            return FetchedResponse(hit.url, hit.status, hit.content_type, hit.body, from_cache=True)
        if self.settings.offline:
            raise OfflineError(url, "not in the cache, and network use is disabled (--offline)")
        budget = service or urlsplit(url).netloc
        self._check_breaker(url, budget)
        try:
            response = self._get_with_retries(url, params, budget)
        except FetchError:
            self._record_outcome(budget, failed=True)
            raise
        self._record_outcome(budget, failed=False)
        if self.cache is not None:
            self.cache.put(key, CachedResponse(response.url, response.status, response.content_type, response.body))
        if response.status not in (200, 404):
            raise FetchError(url, f"HTTP {response.status} {_reason(response.status)}")
        return response

    def _check_breaker(self, url: str, budget: str) -> None:
        failures = self._failures.get(budget, 0)
        if self.settings.breaker_threshold and failures >= self.settings.breaker_threshold:
            raise FetchError(url, f"not asked: {budget} failed {failures} times in a row in this run (down?)")

    def _record_outcome(self, budget: str, *, failed: bool) -> None:
        with self._count_lock:
            self._failures[budget] = self._failures.get(budget, 0) + 1 if failed else 0

    def _backoff(self, attempt: int) -> float:
        cap = min(self.settings.backoff_max, self.settings.backoff_base * float(2**attempt))
        return cap / 2 + self._rng.uniform(0, cap / 2)

    def _get_with_retries(self, url: str, params: Mapping[str, str] | None, budget: str) -> FetchedResponse:
        attempts = max(1, self.settings.max_attempts)
        for attempt in range(attempts):
            last = attempt + 1 == attempts
            self.limiter.acquire(budget)
            try:
                response = self._send(url, params, budget)
            except RETRYABLE_ERRORS as exc:
                if last:
                    raise FetchError(url, f"{_describe(exc)} (gave up after {attempts} attempts)") from None
                self._sleep(self._backoff(attempt))
                continue
            if response.status not in RETRY_STATUSES:
                return response
            wait = parse_retry_after(response.headers.get("retry-after"))
            status = f"HTTP {response.status} {_reason(response.status)}"
            if wait is not None and wait > self.settings.max_retry_after:
                raise FetchError(url, f"{status}; the service asks to wait {wait:.0f} s (Retry-After), too long")
            if last:
                raise FetchError(url, f"{status} (gave up after {attempts} attempts)")
            if wait is not None:
                self.limiter.pause(budget, wait)  # every thread waits, not only this one
            else:
                self._sleep(self._backoff(attempt))
        raise AssertionError("unreachable")  # pragma: no cover

    def _send(self, url: str, params: Mapping[str, str] | None, budget: str) -> FetchedResponse:
        current = httpx.URL(url, params=dict(params) if params else None)
        for _ in range(self.settings.max_redirects + 1):
            with self._count_lock:
                self.network_requests += 1
            try:
                answer, current = self._send_once(url, current, budget)
            except httpx.InvalidURL as exc:  # httpx reads a redirect's Location eagerly
                raise FetchError(url, f"redirected to a non-http(s) or malformed URL ({exc})") from None
            if answer is not None:
                return answer
        raise FetchError(url, f"more than {self.settings.max_redirects} redirects")

    def _send_once(self, url: str, current: httpx.URL, budget: str) -> tuple[FetchedResponse | None, httpx.URL]:
        """One hop: the answer, or ``None`` and where a redirect leads."""
        with self._http.stream("GET", current) as response:
            location = response.headers.get("location")
            if response.status_code in REDIRECT_STATUSES and location:
                return None, _redirect_target(url, current, location)
            self._adapt_rate(budget, response.headers)
            body = self._read_capped(url, response)
            ctype = response.headers.get("content-type")
            return FetchedResponse(
                str(response.url), response.status_code, ctype, body, headers=dict(response.headers)
            ), current

    def _read_capped(self, url: str, response: httpx.Response) -> bytes:
        cap = self.settings.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise FetchError(url, f"answer too large ({int(declared):,} bytes; the limit is {cap:,})")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > cap:
                raise FetchError(url, f"answer too large (over {cap:,} bytes)")
            chunks.append(chunk)
        return b"".join(chunks)

    def _adapt_rate(self, budget: str, headers: httpx.Headers) -> None:
        """Follow a stricter limit announced in ``x-rate-limit-limit``/``-interval`` (Crossref)."""
        limit, interval = headers.get("x-rate-limit-limit", ""), headers.get("x-rate-limit-interval", "")
        seconds = interval.rstrip("s")
        if limit.isdigit() and int(limit) > 0 and seconds.replace(".", "", 1).isdigit():
            self.limiter.slow_down(budget, float(seconds) / int(limit))


def _redirect_target(url: str, current: httpx.URL, location: str) -> httpx.URL:
    """Where a redirect leads; only to http(s), checked before the URL is even parsed."""
    scheme = urlsplit(location.strip()).scheme.lower()
    try:
        target = current.join(location.strip())
    except httpx.InvalidURL:
        target = None
    if (scheme and scheme not in ALLOWED_SCHEMES) or target is None or target.scheme not in ALLOWED_SCHEMES:
        raise FetchError(url, f"redirected to a non-http(s) URL ({location.strip()[:80]})")
    return target


def _reason(status: int) -> str:
    try:
        return httpx.codes(status).name.replace("_", " ").lower()
    except ValueError:
        return ""


def _describe(exc: Exception) -> str:
    if isinstance(exc, httpx.ConnectTimeout):
        return "connection timed out"
    if isinstance(exc, httpx.TimeoutException):
        return "timed out waiting for the answer"
    if isinstance(exc, httpx.ConnectError):
        return f"could not connect ({exc})"
    return f"connection failed ({exc.__class__.__name__}: {exc})"
