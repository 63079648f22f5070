"""Enrichment: fill what a page left empty from PubMed, Crossref and ClinicalTrials.gov.

For each record:

- an article with a PMID, or a DOI that PubMed knows, is completed from PubMed (efetch),
  then from Crossref by its DOI;
- an article with neither is searched in PubMed by its title and completed only when
  exactly one record matches and its title is the same;
- a trial with an NCT id is completed from ClinicalTrials.gov; a trial without one is
  searched there on the page's own text (intervention, sponsor or site, condition) and
  completed only when exactly one study matches.

Filling follows :mod:`.fill` (never overwrite; the service named per field; conflicts in
``extra``). A service that is down, slow or answers garbage costs only the lookups that
needed it: one issue line each, the record kept as parsed. Records are looked up
concurrently by a small thread pool; the client's limiter keeps every service within its
budget and the cache makes a second run free.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TypeVar

from ..errors import FetchError
from ..model import Record
from ..normalize import normalize_record
from ..results import ParseIssue, Severity
from . import clinicaltrials, crossref, pubmed
from .client import HttpClient, OfflineError
from .fill import comparable, fill_record
from .settings import FetchSettings

T = TypeVar("T")
NCT_ID = re.compile(r"^NCT\d{8}$", re.I)
SITE_NAME_SPLIT = re.compile(r"[,;\n]")
MAX_QUERY_CHARS = 200


@dataclass
class EnrichResult:
    """Enriched records (same order), the issues met, and what it cost."""

    records: list[Record]
    issues: list[ParseIssue] = field(default_factory=list)
    network_requests: int = 0
    cache_hits: int = 0


class _Lookups:
    """The lookups for one record, collecting one issue line per failure."""

    def __init__(self, record: Record, client: HttpClient) -> None:
        self.record = record
        self.client = client
        self.issues: list[ParseIssue] = []
        self.label = _label(record)

    def note(self, message: str, severity: Severity = "info") -> None:
        self.issues.append(ParseIssue(message, where=self.label, severity=severity))

    def attempt(self, service: str, what: str, call: Callable[[], T]) -> tuple[bool, T | None]:
        """Run one lookup; ``(False, None)`` and an issue line when it fails."""
        try:
            return True, call()
        except OfflineError:
            self.note(f"{service}: {what} not looked up (offline, not in the cache)")
        except FetchError as exc:
            self.note(f"{service}: {what} failed: {exc.reason}; nothing filled from {service}", "warning")
        except Exception as exc:  # a garbled answer must not stop the batch
            self.note(f"{service}: {what} failed: unreadable answer ({exc.__class__.__name__}: {exc})", "warning")
        return False, None

    def apply(self, found: Record, service: str) -> None:
        prepared = normalize_record(found, issues=[])
        outcome = fill_record(self.record, prepared, service)
        self.record = outcome.record
        for conflict in outcome.conflicts:
            self.note(
                f"{service} gives {conflict['field']} {conflict['value']!r} but the page states "
                f"{conflict['page']!r}; the page's value is kept",
                "warning",
            )


def _label(record: Record) -> str:
    if record.id:
        return record.id
    if record.title:
        return record.title[:60]
    return (record.source.path if record.source else None) or "<record>"


def _article(lk: _Lookups) -> None:
    rec = lk.record
    pmid = rec.pmid
    found: Record | None = None
    if not pmid and rec.doi:
        doi = rec.doi
        ok, ids = lk.attempt("pubmed", f"DOI search {doi}", lambda: pubmed.pmids_for_doi(lk.client, doi))
        pmid = _single(lk, "pubmed", f"DOI {doi}", ids) if ok else None
    elif not pmid and rec.title:
        found = _by_title(lk, rec.title)
    if pmid:
        wanted = pmid
        ok, fetched = lk.attempt("pubmed", f"PMID {wanted}", lambda: pubmed.efetch(lk.client, [wanted]))
        found = fetched[0] if ok and fetched else None
    if found is not None:
        lk.apply(found, "pubmed")
    if lk.record.doi:
        doi = lk.record.doi
        ok, work = lk.attempt("crossref", f"DOI {doi}", lambda: crossref.fetch_work(lk.client, doi))
        if ok and work is None:
            lk.note(f"crossref: DOI {doi} is not registered with Crossref")
        elif work is not None:
            lk.apply(work, "crossref")


def _single(lk: _Lookups, service: str, what: str, ids: Sequence[str] | None) -> str | None:
    if ids and len(ids) == 1:
        return ids[0]
    lk.note(f"{service}: {len(ids or [])} records match {what}; none taken (only a single match is used)")
    return None


def _by_title(lk: _Lookups, title: str) -> Record | None:
    """The PubMed record of the one article whose title is the page's title."""
    ok, ids = lk.attempt("pubmed", "title search", lambda: pubmed.pmids_for_title(lk.client, title))
    pmid = _single(lk, "pubmed", "the title", ids) if ok else None
    if pmid is None:
        return None
    ok, fetched = lk.attempt("pubmed", f"PMID {pmid}", lambda: pubmed.efetch(lk.client, [pmid]))
    if ok and fetched and comparable(fetched[0].title or "") == comparable(title):
        return fetched[0]
    if ok:
        lk.note(f"pubmed: the only title match (PMID {pmid}) has a different title; not taken")
    return None


def trial_query(record: Record) -> dict[str, str]:
    """Study-search fields from the page's own text: intervention, sponsor (or first site),
    condition. Empty when the page gives too little to search on."""
    trial = record.trial
    if trial is None:
        return {}
    query: dict[str, str] = {}
    if trial.interventions:
        query["intervention"] = trial.interventions[0][:MAX_QUERY_CHARS]
    if trial.sponsor:
        query["sponsor"] = trial.sponsor[:MAX_QUERY_CHARS]
    elif trial.sites:
        query["location"] = SITE_NAME_SPLIT.split(trial.sites[0])[0].strip()[:MAX_QUERY_CHARS]
    if trial.conditions:
        query["condition"] = trial.conditions[0][:MAX_QUERY_CHARS]
    return query if len(query) >= 2 else {}


def _trial(lk: _Lookups) -> None:
    nct = next((r.id.upper() for r in lk.record.registry_ids if NCT_ID.match(r.id)), None)
    if nct:
        ok, study = lk.attempt("clinicaltrials.gov", nct, lambda: clinicaltrials.fetch_study(lk.client, nct))
        if ok and study is None:
            lk.note(f"clinicaltrials.gov: {nct} is not a registered study")
        elif study is not None:
            lk.apply(study, "clinicaltrials.gov")
        return
    if lk.record.registry_ids:
        registries = ", ".join(sorted({r.registry for r in lk.record.registry_ids}))
        lk.note(f"clinicaltrials.gov: not searched (the trial is registered in {registries}, not by an NCT id)")
        return
    query = trial_query(lk.record)
    if not query:
        lk.note("clinicaltrials.gov: no NCT id and too little distinctive text to search on")
        return
    ok, answer = lk.attempt(
        "clinicaltrials.gov", "study search", lambda: clinicaltrials.find_unique_study(lk.client, query)
    )
    if not ok or answer is None:
        return
    found, search = answer
    if found is None:
        terms = "; ".join(f"{k}={v!r}" for k, v in query.items())
        lk.note(f"clinicaltrials.gov: {search.total} studies match ({terms}); none taken (only a single match is used)")
        return
    lk.apply(found, "clinicaltrials.gov")


def enrich_record(record: Record, client: HttpClient) -> tuple[Record, list[ParseIssue]]:
    """One record enriched, and the issue lines of its lookups. Never raises on a
    service's failure: the record comes back as it was."""
    lk = _Lookups(record, client)
    try:
        if record.type == "clinical-trial" or record.trial is not None:
            _trial(lk)
        else:
            _article(lk)
    except Exception as exc:  # last guard: whatever happens, the parsed record survives
        lk.note(f"enrichment stopped: {exc.__class__.__name__}: {exc}", "warning")
    return lk.record, lk.issues


def enrich_records(
    records: Iterable[Record],
    *,
    settings: FetchSettings | None = None,
    client: HttpClient | None = None,
    max_workers: int | None = None,
    email: str | None = None,
    offline: bool | None = None,
) -> EnrichResult:
    """Enrich ``records`` concurrently (order kept). Pass a ``client`` to share its cache
    and limiter, or ``settings`` to build one (closed again at the end); without either,
    settings come from the environment, with ``email``/``offline`` when given."""
    items = list(records)
    own = client is None
    if settings is None and client is None:
        settings = FetchSettings.from_env(email=email, offline=offline)
    http = client or HttpClient(settings)
    before_requests, before_hits = http.network_requests, http.cache_hits
    try:
        workers = max(1, min(max_workers or http.settings.max_workers, len(items) or 1))
        if workers == 1:
            pairs = [enrich_record(r, http) for r in items]
        else:
            with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="msc-enrich") as pool:
                pairs = list(pool.map(lambda r: enrich_record(r, http), items))
    finally:
        if own:
            http.close()
    problems = [ParseIssue(http.cache_problem, severity="warning")] if http.cache_problem else []
    return EnrichResult(
        records=[r for r, _ in pairs],
        issues=problems + [i for _, issues in pairs for i in issues],
        network_requests=http.network_requests - before_requests,
        cache_hits=http.cache_hits - before_hits,
    )
