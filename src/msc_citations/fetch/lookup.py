"""Fetch records by identifier (``pmid:``, ``doi:``, ``nct:``) or by a page's URL.

>>> parse_identifier("pmid:15929052")
('pmid', '15929052')
>>> parse_identifier("https://doi.org/10.1002/ana.20501")
('doi', '10.1002/ana.20501')
>>> parse_identifier("NCT04953663")
('nct', 'NCT04953663')
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from ..errors import FetchError, MscCitationsError
from ..model import Record
from . import clinicaltrials, crossref, pubmed
from .client import HttpClient

IDENTIFIER_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("pmid", re.compile(r"^(?:pmid:\s{0,3})?(\d{1,9})$", re.I)),
    (
        "pmid",
        re.compile(r"^https?://(?:pubmed\.ncbi\.nlm\.nih\.gov|www\.ncbi\.nlm\.nih\.gov/pubmed)/(\d{1,9})/?$", re.I),
    ),
    ("nct", re.compile(r"^(?:nct:\s{0,3})?(NCT\d{8})$", re.I)),
    ("nct", re.compile(r"^https?://(?:www\.)?clinicaltrials\.gov/(?:study|ct2/show)/(NCT\d{8})\b", re.I)),
    ("doi", re.compile(r"^(?:doi:\s{0,3})?(10\.\d{4,9}/\S{1,300})$", re.I)),
    ("doi", re.compile(r"^https?://(?:dx\.)?doi\.org/(10\.\d{4,9}/\S{1,300})$", re.I)),
    ("url", re.compile(r"^(https?://\S{1,2000})$", re.I)),
)
"""Accepted forms, tried in order: the first match decides."""


def parse_identifier(text: str) -> tuple[str, str]:
    """``(kind, value)`` for a command-line item; kind is pmid, doi, nct or url."""
    item = text.strip()
    for kind, pattern in IDENTIFIER_PATTERNS:
        m = pattern.match(item)
        if m:
            value = m.group(1)
            if kind == "doi":
                value = unquote(value)
            return kind, value.upper() if kind == "nct" else value
    raise FetchError(None, f"not a pmid:, doi:, nct: identifier or an http(s) URL: {text!r}")


def fetch_identifier(client: HttpClient, text: str) -> list[Record]:
    """The records an identifier or URL stands for; :class:`FetchError` when none."""
    kind, value = parse_identifier(text)
    if kind == "pmid":
        records = pubmed.efetch(client, [value])
        if not records:
            raise FetchError(None, f"PubMed has no record with PMID {value}")
        return records
    if kind == "doi":
        work = crossref.fetch_work(client, value)
        if work is None:
            raise FetchError(None, f"Crossref does not know DOI {value}")
        return [work]
    if kind == "nct":
        study = clinicaltrials.fetch_study(client, value)
        if study is None:
            raise FetchError(None, f"ClinicalTrials.gov has no study {value}")
        return [study]
    return _fetch_page(client, value)


def _fetch_page(client: HttpClient, url: str) -> list[Record]:
    from ..api import parse_bytes

    response = client.get(url)
    if response.status != 200:
        raise FetchError(url, f"HTTP {response.status}")
    try:
        result = parse_bytes(response.body, url=response.url, path=url, normalize=False)
    except MscCitationsError as exc:
        raise FetchError(url, getattr(exc, "reason", str(exc))) from None
    return result.records
