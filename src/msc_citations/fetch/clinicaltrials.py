"""ClinicalTrials.gov data API v2: one study by NCT id (``/studies/{nct}``) and the study
search (``/studies?query.term=...``); studies are read by the registry source's
``record_from_api_v2``.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import FetchError
from ..model import Provenance, Record
from .client import HttpClient

SERVICE = "clinicaltrials.gov"
STUDIES_PATH = "/studies"
NCT_RE = re.compile(r"^NCT\d{8}$")
SEARCH_PAGE_SIZE = "3"
"""Enough to tell one match from several."""

SEARCH_FIELDS: dict[str, str] = {
    "term": "query.term",
    "condition": "query.cond",
    "intervention": "query.intr",
    "sponsor": "query.spons",
    "location": "query.locn",
    "title": "query.titles",
}
"""Search keywords to the API's query parameters."""


@dataclass(frozen=True)
class StudySearch:
    """What a study search found: the total count and the studies of the first page."""

    total: int
    studies: list[dict[str, Any]] = field(default_factory=list)


READER = "msc_citations.sources.clinicaltrials"
"""The registry source module whose ``record_from_api_v2(study, provenance) -> Record`` reads a study."""
READER_NAME = "clinicaltrials"


def _reader() -> Any:
    try:
        module = importlib.import_module(READER)
    except ImportError:
        return None
    return getattr(module, "record_from_api_v2", None)


def to_record(study: dict[str, Any], *, url: str) -> Record:
    """A record from one API v2 study object (read by the registry source)."""
    reader = _reader()
    if reader is None:
        raise FetchError(url, "the ClinicalTrials.gov API v2 reader is not available in this installation")
    if not isinstance(study.get("protocolSection"), dict):
        raise FetchError(url, "the answer is not an API v2 study (no protocolSection)")
    try:
        record = reader(study, Provenance(parser=READER_NAME, url=url, input_kind="json"))
    except Exception as exc:  # a reader bug on odd data must not escape as a crash
        raise FetchError(url, f"the study could not be read ({exc.__class__.__name__}: {exc})") from None
    if not isinstance(record, Record):
        raise FetchError(url, "the ClinicalTrials.gov reader returned no record")
    return record


def fetch_study(client: HttpClient, nct_id: str) -> Record | None:
    """The registry record of ``nct_id``; ``None`` when the registry does not know it."""
    nct = nct_id.strip().upper()
    if not NCT_RE.match(nct):
        raise FetchError(None, f"not a ClinicalTrials.gov id: {nct_id!r}")
    url = f"{client.settings.ctgov_url}{STUDIES_PATH}/{nct}"
    response = client.get(url, service=SERVICE)
    if response.status == 404:
        return None
    data = response.json()
    if not isinstance(data, dict):
        raise FetchError(url, "the answer is not a JSON object")
    return to_record(data, url=url)


def search_studies(client: HttpClient, query: Mapping[str, str]) -> StudySearch:
    """Search studies; ``query`` keys are those of :data:`SEARCH_FIELDS`."""
    unknown = set(query) - set(SEARCH_FIELDS)
    if unknown:
        raise ValueError(f"unknown study search fields: {sorted(unknown)}")
    params = {SEARCH_FIELDS[k]: v for k, v in query.items() if v}
    if not params:
        return StudySearch(total=0)
    params.update({"countTotal": "true", "pageSize": SEARCH_PAGE_SIZE})
    url = client.settings.ctgov_url + STUDIES_PATH
    response = client.get(url, params=params, service=SERVICE)
    if response.status != 200:
        raise FetchError(url, f"study search answered HTTP {response.status}")
    data = response.json()
    studies = data.get("studies") if isinstance(data, dict) else None
    if not isinstance(studies, list):
        raise FetchError(url, "the answer is not a study search result (no 'studies' list)")
    found = [s for s in studies if isinstance(s, dict)]
    total = data.get("totalCount")
    return StudySearch(total=total if isinstance(total, int) else len(found), studies=found)


def study_nct_id(study: dict[str, Any]) -> str | None:
    """The NCT id of an API v2 study object."""
    ident = (study.get("protocolSection") or {}).get("identificationModule") or {}
    nct = ident.get("nctId") if isinstance(ident, dict) else None
    return nct if isinstance(nct, str) and NCT_RE.match(nct) else None


def find_unique_study(client: HttpClient, query: Mapping[str, str]) -> tuple[Record | None, StudySearch]:
    """The record of the one study matching ``query``, or ``None`` when none or several
    match (the search result is returned too, so callers can say which)."""
    search = search_studies(client, query)
    if search.total != 1 or len(search.studies) != 1:
        return None, search
    url = client.settings.ctgov_url + STUDIES_PATH
    return to_record(search.studies[0], url=url), search
