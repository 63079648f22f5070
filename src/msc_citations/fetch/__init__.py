"""Fetching and enrichment over HTTP: PubMed E-utilities, Crossref, ClinicalTrials.gov
API v2 and saved-page URLs, through one rate-limited, retrying, cached client.

>>> from msc_citations.fetch import FetchSettings
>>> FetchSettings.from_env({}, cache_dir=False).eutils_url
'https://eutils.ncbi.nlm.nih.gov/entrez/eutils'
"""

from __future__ import annotations

from .client import HttpClient, OfflineError, build_httpx_client, user_agent
from .enrich import EnrichResult, enrich_record, enrich_records
from .fill import fill_record
from .lookup import fetch_identifier, parse_identifier
from .settings import FetchSettings

__all__ = [
    "EnrichResult",
    "FetchSettings",
    "HttpClient",
    "OfflineError",
    "build_httpx_client",
    "enrich_record",
    "enrich_records",
    "fetch_identifier",
    "fill_record",
    "parse_identifier",
    "user_agent",
]
