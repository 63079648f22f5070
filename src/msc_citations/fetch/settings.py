"""Settings for fetching: base URLs, contact e-mail, API key, cache, limits.

Every value comes from an argument, else from an environment variable, else from a
default, so a mirror or a local test server can stand in for a service::

    MSC_CITATIONS_EUTILS_URL    E-utilities base (ends in /entrez/eutils)
    MSC_CITATIONS_CROSSREF_URL  Crossref REST API base
    MSC_CITATIONS_CTGOV_URL     ClinicalTrials.gov API base (ends in /api/v2)
    MSC_CITATIONS_CACHE_DIR     where the response cache lives
    MSC_CITATIONS_EMAIL         the user's contact e-mail (Crossref polite pool, NCBI ``email``)
    NCBI_API_KEY                an NCBI API key (10 requests/s instead of 3)
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

DEFAULT_EUTILS_URL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"
DEFAULT_CROSSREF_URL = "https://api.crossref.org"
DEFAULT_CTGOV_URL = "https://clinicaltrials.gov/api/v2"

ENV_EUTILS_URL = "MSC_CITATIONS_EUTILS_URL"
ENV_CROSSREF_URL = "MSC_CITATIONS_CROSSREF_URL"
ENV_CTGOV_URL = "MSC_CITATIONS_CTGOV_URL"
ENV_CACHE_DIR = "MSC_CITATIONS_CACHE_DIR"
ENV_EMAIL = "MSC_CITATIONS_EMAIL"
ENV_NCBI_API_KEY = "NCBI_API_KEY"

NCBI_TOOL = "msc_citations"
"""The ``tool`` parameter NCBI asks every E-utilities client to send."""

# Requests per second each service's documentation asks for:
# - NCBI E-utilities: 3/s, 10/s with an API key (NCBI "API keys" policy).
# - Crossref: limits are announced per pool in x-rate-limit-* headers; the public pool is
#   the slower one, the polite pool (a mailto) the faster; the client also slows down to
#   whatever the headers announce.
# - ClinicalTrials.gov data API: about 50 requests per minute per IP address.
NCBI_RATE = 3.0
NCBI_RATE_WITH_KEY = 10.0
CROSSREF_RATE_PUBLIC = 5.0
CROSSREF_RATE_POLITE = 10.0
CTGOV_RATE = 50.0 / 60.0
OTHER_HOST_RATE = 1.0
"""Saved-page URLs on any other host: one request per second, like a polite crawler."""


def default_cache_dir(env: Mapping[str, str]) -> Path:
    """The per-user cache folder (``$XDG_CACHE_HOME/msc-citations`` or ``~/.cache/...``)."""
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "msc-citations"


@dataclass(frozen=True)
class FetchSettings:
    """Everything the HTTP layer needs to know. Build with :meth:`from_env`."""

    eutils_url: str = DEFAULT_EUTILS_URL
    crossref_url: str = DEFAULT_CROSSREF_URL
    ctgov_url: str = DEFAULT_CTGOV_URL
    email: str | None = None
    ncbi_api_key: str | None = None
    cache_dir: Path | None = None
    """``None`` disables the on-disk cache."""
    offline: bool = False
    """Forbid all network use; answers come from the cache or not at all."""
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    max_bytes: int = 20 * 1024 * 1024
    max_attempts: int = 4
    backoff_base: float = 0.5
    backoff_max: float = 30.0
    max_retry_after: float = 120.0
    """A ``Retry-After`` longer than this is not waited for: the lookup fails instead."""
    max_redirects: int = 5
    breaker_threshold: int = 5
    """After this many failed lookups in a row, a service is not asked again in this run
    (its remaining lookups fail at once, each with its own issue line)."""
    cache_ttl: float = 30 * 24 * 3600.0
    max_workers: int = 4
    rates: dict[str, float] = field(default_factory=dict)
    """Requests per second by service name; filled by :meth:`from_env`."""

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: object) -> FetchSettings:
        """Settings from ``overrides`` (arguments; ``None`` means not given), then the
        environment, then defaults."""
        env = os.environ if env is None else env
        given = {k: v for k, v in overrides.items() if v is not None}
        cache = given.pop("cache_dir", env.get(ENV_CACHE_DIR) or default_cache_dir(env))
        settings = cls(
            eutils_url=str(given.pop("eutils_url", env.get(ENV_EUTILS_URL) or DEFAULT_EUTILS_URL)).rstrip("/"),
            crossref_url=str(given.pop("crossref_url", env.get(ENV_CROSSREF_URL) or DEFAULT_CROSSREF_URL)).rstrip("/"),
            ctgov_url=str(given.pop("ctgov_url", env.get(ENV_CTGOV_URL) or DEFAULT_CTGOV_URL)).rstrip("/"),
            email=_opt_str(given.pop("email", env.get(ENV_EMAIL))),
            ncbi_api_key=_opt_str(given.pop("ncbi_api_key", env.get(ENV_NCBI_API_KEY))),
            cache_dir=Path(str(cache)) if cache not in (False, "") else None,
        )
        settings = replace(settings, **given)  # type: ignore[arg-type]
        if not settings.rates:
            settings = replace(settings, rates=settings.default_rates())
        return settings

    def default_rates(self) -> dict[str, float]:
        """Requests per second for each service, given the key and e-mail."""
        return {
            "pubmed": NCBI_RATE_WITH_KEY if self.ncbi_api_key else NCBI_RATE,
            "crossref": CROSSREF_RATE_POLITE if self.email else CROSSREF_RATE_PUBLIC,
            "clinicaltrials.gov": CTGOV_RATE,
        }

    def rate_for(self, key: str) -> float:
        """Requests per second for a service name or a host."""
        return self.rates.get(key, OTHER_HOST_RATE)

    def service_hosts(self) -> dict[str, str]:
        """The host of each configured service base URL."""
        return {
            "pubmed": urlsplit(self.eutils_url).netloc,
            "crossref": urlsplit(self.crossref_url).netloc,
            "clinicaltrials.gov": urlsplit(self.ctgov_url).netloc,
        }


def _opt_str(value: object) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text or None
