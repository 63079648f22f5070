"""Crossref REST API: ``/works/{doi}`` JSON to a :class:`Record` (values as Crossref gives
them; the normalization stack cleans them like any parsed record).

The field map is data (:data:`TYPE_MAP`, :data:`DATE_KEYS`); :func:`record_from_work` is
pure, so it is tested on recorded answers without a network.
"""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import quote

from ..errors import FetchError
from ..model import Funding, Person, Provenance, Record, RecordType, RegistryId
from .client import HttpClient

SERVICE = "crossref"
WORKS_PATH = "/works/"

TYPE_MAP: dict[str, RecordType] = {
    "journal-article": "journal-article",
    "proceedings-article": "conference-paper",
    "book-chapter": "chapter",
    "book-section": "chapter",
    "book": "book",
    "monograph": "book",
    "edited-book": "book",
    "reference-book": "book",
    "dissertation": "thesis",
    "posted-content": "preprint",
}
"""Crossref work types to record types; anything else is ``other``."""

DATE_KEYS = ("published-print", "published", "issued", "published-online")
"""Where the publication date is read, in order: the print date first, because a citation's
year goes with its volume and issue (an article online in December and printed in
February is cited with the February year)."""

REGISTRY_PREFIXES = (("NCT", "ClinicalTrials.gov"), ("ISRCTN", "ISRCTN"), ("ChiCTR", "ChiCTR"), ("ACTRN", "ANZCTR"))
_TAG = re.compile(r"<[^<>]{0,300}>")
_WS = re.compile(r"\s+")


def work_url(base: str, doi: str) -> str:
    """The ``/works/{doi}`` URL (the DOI's slash kept, everything else escaped)."""
    return base + WORKS_PATH + quote(doi.strip(), safe="/")


def fetch_work(client: HttpClient, doi: str) -> Record | None:
    """The Crossref record of ``doi``; ``None`` when Crossref does not know the DOI."""
    params = {"mailto": client.settings.email} if client.settings.email else None
    url = work_url(client.settings.crossref_url, doi)
    response = client.get(url, params=params, service=SERVICE)
    if response.status == 404:
        return None
    data = response.json()
    if not isinstance(data, dict) or data.get("status") != "ok" or not isinstance(data.get("message"), dict):
        raise FetchError(url, "the answer is not a Crossref work (no 'message' object)")
    return record_from_work(data["message"], url=url)


def record_from_work(work: dict[str, Any], *, url: str | None = None) -> Record:
    """Map one Crossref work (the ``message`` object) to a record."""
    year, month, day = _date(work)
    crossref_type = _str(work.get("type"))
    extra: dict[str, Any] = {"crossref_type": crossref_type} if crossref_type else {}
    if isinstance(work.get("is-referenced-by-count"), int):
        extra["crossref_cited_by_count"] = work["is-referenced-by-count"]
    if subjects := _strings(work.get("subject")):
        extra["crossref_subjects"] = subjects
    return Record(
        type=TYPE_MAP.get(crossref_type or "", "other"),
        title=_title(work),
        authors=[p for p in map(_person, _dicts(work.get("author"))) if p is not None],
        journal=_first(work.get("container-title")),
        journal_abbrev=_first(work.get("short-container-title")),
        issn=_strings(work.get("ISSN")),
        publisher=_str(work.get("publisher")),
        year=year,
        month=month,
        day=day,
        volume=_str(work.get("volume")),
        issue=_str(work.get("issue")),
        pages=_str(work.get("page")),
        article_number=_str(work.get("article-number")),
        doi=_str(work.get("DOI")),
        abstract=_text(work.get("abstract")),
        language=_str(work.get("language")),
        funding=[_funding(f) for f in _dicts(work.get("funder"))],
        registry_ids=_registry_ids(work),
        url=_str(work.get("URL")),
        extra=extra,
        source=Provenance(parser=SERVICE, url=url, input_kind="json"),
    )


def _title(work: dict[str, Any]) -> str | None:
    title = _text(_first(work.get("title")))
    subtitle = _text(_first(work.get("subtitle")))
    if title and subtitle and subtitle.lower() not in title.lower():
        return f"{title}: {subtitle}"
    return title


def _person(author: dict[str, Any]) -> Person | None:
    family, given, name = _str(author.get("family")), _str(author.get("given")), _str(author.get("name"))
    if not (family or given or name):
        return None
    orcid = _str(author.get("ORCID"))
    affiliations = [a for a in (_str(x.get("name")) for x in _dicts(author.get("affiliation"))) if a]
    if family or given:
        return Person(family=family, given=given, orcid=orcid, affiliations=affiliations)
    return Person(literal=name, orcid=orcid, affiliations=affiliations)


def _date(work: dict[str, Any]) -> tuple[int | None, int | None, int | None]:
    for key in DATE_KEYS:
        parts = (work.get(key) or {}).get("date-parts") if isinstance(work.get(key), dict) else None
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
            first = [p if isinstance(p, int) else None for p in parts[0][:3]] + [None, None]
            if first[0]:
                return first[0], first[1], first[2]
    return None, None, None


def _funding(funder: dict[str, Any]) -> Funding:
    return Funding(funder=_str(funder.get("name")), award_ids=_strings(funder.get("award")))


def _registry_ids(work: dict[str, Any]) -> list[RegistryId]:
    out: list[RegistryId] = []
    for entry in _dicts(work.get("clinical-trial-number")):
        number = _str(entry.get("clinical-trial-number"))
        if not number:
            continue
        registry = next((name for prefix, name in REGISTRY_PREFIXES if number.upper().startswith(prefix.upper())), None)
        out.append(RegistryId(registry=registry or _str(entry.get("registry")) or "unknown", id=number))
    return out


def _text(value: object) -> str | None:
    """Text without JATS/HTML tags, entities decoded, white space collapsed."""
    if not isinstance(value, str):
        return None
    text = _WS.sub(" ", html.unescape(_TAG.sub(" ", value))).strip()
    return text or None


def _str(value: object) -> str | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value.strip() or None if isinstance(value, str) else None


def _first(value: object) -> str | None:
    return next(iter(_strings(value)), None)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        value = [value]
    return [s for s in (_str(v) for v in value) if s] if isinstance(value, list) else []


def _dicts(value: object) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []
