"""``msc-citations fetch ID|URL...``: records from PubMed (``pmid:``), Crossref (``doi:``),
ClinicalTrials.gov (``nct:``) or a page's address.

Also the ``--enrich``/``--offline``/``--email`` options other commands share
(:func:`add_enrich_options`, :func:`enrich_from_args`).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..errors import FetchError, MscCitationsError
from ..model import Record
from ..normalize import normalize_record
from ..record_ids import assign_ids
from .common import add_output_options, error_line, write_records

OFFLINE_HELP = "no network use at all: answers come from the cache only"
NO_EMAIL_HINT = (
    "enrich: no contact e-mail given (--email or MSC_CITATIONS_EMAIL); NCBI asks for one, "
    "and Crossref serves identified clients from a faster pool"
)
EMAIL_HELP = "your contact e-mail, sent to NCBI and Crossref as they ask (default $MSC_CITATIONS_EMAIL)"


def add_network_options(parser: argparse.ArgumentParser) -> None:
    """``--offline`` and ``--email``."""
    parser.add_argument("--offline", action="store_true", help=OFFLINE_HELP)
    parser.add_argument("--email", metavar="ADDRESS", help=EMAIL_HELP)


def add_enrich_options(parser: argparse.ArgumentParser) -> None:
    """``--enrich``, ``--offline`` and ``--email``."""
    parser.add_argument(
        "--enrich",
        action="store_true",
        help="fill missing fields from PubMed, Crossref and ClinicalTrials.gov (never overwriting the page)",
    )
    add_network_options(parser)


def _settings(args: argparse.Namespace) -> Any:
    from ..fetch import FetchSettings

    return FetchSettings.from_env(email=getattr(args, "email", None), offline=bool(getattr(args, "offline", False)))


def enrich_from_args(records: list[Record], args: argparse.Namespace) -> list[Record]:
    """Enrich ``records`` when ``args.enrich`` is set; one stderr line per issue and a
    summary line. Returns the records (unchanged without ``--enrich``)."""
    if not getattr(args, "enrich", False) or not records:
        return records
    from ..fetch import enrich_records

    settings = _settings(args)
    if not settings.email and not settings.offline:
        print(NO_EMAIL_HINT, file=sys.stderr)
    result = enrich_records(records, settings=settings)
    for issue in result.issues:
        error_line(issue.where or "enrich", f"{issue.severity}: {issue.message}")
    filled = sum(len(r.source.fields) for r in result.records if r.source) - sum(
        len(r.source.fields) for r in records if r.source
    )
    print(
        f"enrich: {len(records)} records, {filled} fields filled, "
        f"{result.network_requests} requests, {result.cache_hits} from cache",
        file=sys.stderr,
    )
    return refresh_ids(records, result.records)


def refresh_ids(before: list[Record], after: list[Record]) -> list[Record]:
    """Recompute automatic ids that enrichment made outdated (``chungndefficacy`` becomes
    ``chung2021efficacy`` once the year is known); ids set any other way are kept."""
    from ..record_ids import assign_ids, base_key

    cleared = [
        new.model_copy(update={"id": None}) if new.id and new.id == base_key(old) != base_key(new) else new
        for old, new in zip(before, after, strict=True)
    ]
    return assign_ids(cleared)


def register(sub: Any) -> None:
    """Add the ``fetch`` command."""
    p = sub.add_parser("fetch", help="fetch records by pmid:, doi:, nct: or URL", description=__doc__)
    p.add_argument("items", nargs="+", metavar="ID", help="pmid:N, doi:10.x/y, nct:NCT########, or an http(s) URL")
    add_network_options(p)
    add_output_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Fetch every item; one stderr line per item that gave nothing. Exit 1 only when no
    item gave a record."""
    from ..fetch import HttpClient, parse_identifier
    from ..fetch.lookup import fetch_identifier

    for item in args.items:
        try:
            parse_identifier(item)
        except FetchError as exc:
            raise MscCitationsError(exc.reason) from None  # a usage error before any request
    records: list[Record] = []
    with HttpClient(_settings(args)) as client:
        for item in args.items:
            try:
                found = fetch_identifier(client, item)
            except FetchError as exc:
                error_line(item, exc.reason)
                continue
            records.extend(normalize_record(r) for r in found)
    if records:
        write_records(assign_ids(records), args)
    return 0 if records else 1
