"""PubMed through NCBI E-utilities: ``esearch`` (a DOI or a title to PMIDs) and ``efetch``
(PMIDs to records, read by the PubMed source from the PubmedArticleSet XML).

Every request carries NCBI's ``tool`` and ``email`` parameters and the API key when one is
set; the client keeps to 3 (or 10) requests per second.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml import etree

from ..document import Document
from ..errors import FetchError, MscCitationsError
from ..model import Record
from .client import HttpClient

SERVICE = "pubmed"
ESEARCH_PATH = "/esearch.fcgi"
EFETCH_PATH = "/efetch.fcgi"
ESEARCH_RETMAX = "5"
EFETCH_BATCH = 200
"""NCBI asks for at most 200 ids per GET."""
PMID_RE = re.compile(r"^\d{1,9}$")
TITLE_QUERY_CHARS = re.compile(r"[\[\]\"()]")

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _params(client: HttpClient, **query: str) -> dict[str, str]:
    settings = client.settings
    params = {"db": "pubmed", **query, "tool": "msc_citations"}
    if settings.email:
        params["email"] = settings.email
    if settings.ncbi_api_key:
        params["api_key"] = settings.ncbi_api_key
    return params


def esearch(client: HttpClient, term: str) -> list[str]:
    """PMIDs matching an E-utilities query ``term`` (at most a handful: callers want one)."""
    url = client.settings.eutils_url + ESEARCH_PATH
    response = client.get(url, params=_params(client, term=term, retmax=ESEARCH_RETMAX), service=SERVICE)
    if response.status != 200:
        raise FetchError(url, f"esearch answered HTTP {response.status}")
    try:
        root = etree.fromstring(response.body, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise FetchError(url, f"esearch answer is not XML ({exc})") from None
    if root.tag != "eSearchResult":
        raise FetchError(url, f"esearch answer is not an eSearchResult (root <{root.tag}>)")
    errors = [e.text or "" for e in root.iter("ERROR")]
    if errors:
        raise FetchError(url, f"esearch error: {'; '.join(errors)}")
    return [(i.text or "").strip() for i in root.iterfind("IdList/Id") if PMID_RE.match((i.text or "").strip())]


def pmids_for_doi(client: HttpClient, doi: str) -> list[str]:
    """PMIDs whose record carries ``doi`` (``10.1002/ana.20501[doi]``)."""
    return esearch(client, f"{doi}[doi]")


def pmids_for_title(client: HttpClient, title: str) -> list[str]:
    """PMIDs whose title matches ``title`` (a ``[ti]`` search on the title's words)."""
    cleaned = " ".join(TITLE_QUERY_CHARS.sub(" ", title).split()).rstrip(".")
    return esearch(client, f"{cleaned}[ti]") if cleaned else []


def efetch(client: HttpClient, pmids: Sequence[str]) -> list[Record]:
    """Records for ``pmids``, parsed by the PubMed source from efetch XML."""
    records: list[Record] = []
    for start in range(0, len(pmids), EFETCH_BATCH):
        batch = [p for p in pmids[start : start + EFETCH_BATCH] if PMID_RE.match(p)]
        if batch:
            records.extend(_efetch_batch(client, batch))
    return records


def _efetch_batch(client: HttpClient, pmids: Sequence[str]) -> list[Record]:
    from ..sources import get_source

    url = client.settings.eutils_url + EFETCH_PATH
    params = _params(client, id=",".join(pmids), retmode="xml", rettype="abstract")
    response = client.get(url, params=params, service=SERVICE)
    if response.status != 200:
        raise FetchError(url, f"efetch answered HTTP {response.status}")
    try:
        source = get_source("pubmed")
        doc = Document.from_bytes(response.body, url=response.url)
        result = source.parse(doc)
    except MscCitationsError as exc:
        raise FetchError(url, f"efetch answer could not be read: {exc}") from None
    except Exception as exc:  # a reader bug on odd data must not escape as a crash
        raise FetchError(url, f"efetch answer could not be read ({exc.__class__.__name__}: {exc})") from None
    if not result.records:
        reasons = "; ".join(i.message for i in result.issues[:3]) or "no PubmedArticle in the answer"
        raise FetchError(url, f"efetch gave no record ({reasons})")
    return [r for r in result.records if r.pmid is None or r.pmid in pmids or _strip(r.pmid) in pmids]


def _strip(pmid: str) -> str:
    return pmid.strip().removeprefix("PMID:").strip()
