"""``msc-citations parse FILE...``: parse files (or ``-`` for standard input) to records."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..api import parse_bytes, parse_file
from ..errors import InputError, MscCitationsError
from ..model import Record
from ..record_ids import assign_ids
from .common import add_output_options, error_line, write_records
from .fetch_cmd import add_enrich_options, enrich_from_args


def register(sub: Any) -> None:
    """Add the ``parse`` command."""
    p = sub.add_parser("parse", help="parse saved pages or exports into records", description=__doc__)
    p.add_argument("files", nargs="+", metavar="FILE", help="files to parse; - reads standard input")
    p.add_argument("--source", metavar="NAME", help="force this source instead of auto-detection")
    p.add_argument("--url", help="the page's address (gives ids such as an NCT number from the URL)")
    add_enrich_options(p)
    add_output_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Parse every file; one stderr line per file that gave nothing. Exit 1 only when no
    file gave a record."""
    if args.source:
        from ..sources import get_source

        get_source(args.source)  # unknown name: a usage error before any work
    records: list[Record] = []
    for name in args.files:
        try:
            if name == "-":
                result = parse_bytes(
                    sys.stdin.buffer.read(), source=args.source, url=args.url, path="<stdin>", assign=False
                )
            else:
                result = parse_file(name, source=args.source, url=args.url, assign=False)
        except InputError as exc:
            error_line(name, exc.reason)
            continue
        except MscCitationsError as exc:
            error_line(name, getattr(exc, "reason", str(exc)))
            continue
        records.extend(result.records)
    records = enrich_from_args(assign_ids(records), args)
    if records:
        write_records(records, args)
    return 0 if records else 1
