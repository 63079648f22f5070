"""Helpers shared by CLI commands: output writing, ``--to`` and ``--with-related``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

from ..formats import available_formats, dump, dumps, with_related
from ..formats.chunked import dump_chunked
from ..model import Record


def add_output_options(parser: argparse.ArgumentParser, default_format: str = "jsonl") -> None:
    """``-o/--output``, ``--to`` and ``--with-related``."""
    parser.add_argument("-o", "--output", metavar="OUT", help="write here instead of standard output")
    parser.add_argument(
        "--to",
        metavar="FORMAT",
        default=default_format,
        choices=available_formats(),
        help=f"output format: {', '.join(available_formats())} (default {default_format})",
    )
    parser.add_argument(
        "--with-related",
        action="store_true",
        help="also export each record's related papers as records of their own (with ids)",
    )


def output_records(records: Iterable[Record], args: argparse.Namespace) -> list[Record]:
    """The records an export holds: the top-level records, plus (``--with-related``) each
    one's related papers flattened after it."""
    if getattr(args, "with_related", False):
        return with_related(records)
    return list(records)


def write_records(records: Iterable[Record], args: argparse.Namespace) -> None:
    """Write records to ``args.output`` (atomically) or standard output."""
    records = output_records(records, args)
    if args.output and args.output != "-":
        dump(records, Path(args.output), format=args.to)
    else:
        sys.stdout.write(dumps(records, format=args.to))
        sys.stdout.flush()


def write_records_as_they_come(records: Iterable[Record], args: argparse.Namespace) -> None:
    """:func:`write_records` for records that come one at a time: written as they come
    (the same bytes), unless ``--with-related`` needs them all first."""
    if getattr(args, "with_related", False):
        write_records(records, args)
    elif args.output and args.output != "-":
        dump_chunked(records, Path(args.output), format=args.to)
    else:
        dump_chunked(records, sys.stdout, format=args.to)
        sys.stdout.flush()


def error_line(where: str, reason: str) -> None:
    """One clear line on standard error: ``FILE: reason``."""
    print(f"{where}: {reason}", file=sys.stderr)
