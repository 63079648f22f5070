"""The ``msc-citations`` command line. Thin: arguments, progress, report; logic lives in
the library. Each command is one module in this package exposing ``register(subparsers)``
that sets ``func`` on its parser; :data:`COMMAND_MODULES` lists them."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from .. import __version__
from ..errors import MscCitationsError

COMMAND_MODULES: tuple[str, ...] = (
    "msc_citations.cli.parse_cmd",
    "msc_citations.cli.normalize_cmd",
    "msc_citations.cli.sources_cmd",
    "msc_citations.cli.dedup_cmd",
    "msc_citations.cli.fetch_cmd",
)

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser (also used to generate the CLI reference)."""
    parser = _Parser(
        prog="msc-citations",
        description="Turn messy citation pages into clean, deduplicated references.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        code: int = args.func(args)
    except MscCitationsError as exc:
        print(f"msc-citations: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("msc-citations: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    return code
