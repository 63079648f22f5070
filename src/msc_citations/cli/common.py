"""Helpers shared by CLI commands: output writing and the ``--to`` option."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

from ..formats import available_formats, dump, dumps
from ..model import Record


def add_output_options(parser: argparse.ArgumentParser, default_format: str = "jsonl") -> None:
    """``-o/--output`` and ``--to``."""
    parser.add_argument("-o", "--output", metavar="OUT", help="write here instead of standard output")
    parser.add_argument(
        "--to",
        metavar="FORMAT",
        default=default_format,
        choices=available_formats(),
        help=f"output format: {', '.join(available_formats())} (default {default_format})",
    )


def write_records(records: Iterable[Record], args: argparse.Namespace) -> None:
    """Write records to ``args.output`` (atomically) or standard output."""
    if args.output and args.output != "-":
        dump(records, Path(args.output), format=args.to)
    else:
        sys.stdout.write(dumps(records, format=args.to))
        sys.stdout.flush()


def error_line(where: str, reason: str) -> None:
    """One clear line on standard error: ``FILE: reason``."""
    print(f"{where}: {reason}", file=sys.stderr)
