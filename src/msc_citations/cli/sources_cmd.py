"""``msc-citations sources``: list every registered source."""

from __future__ import annotations

import argparse
from typing import Any

from ..sources import all_sources


def register(sub: Any) -> None:
    """Add the ``sources`` command."""
    p = sub.add_parser("sources", help="list the sources (site parsers) and their input kinds")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print one line per source: name, input kinds, priority, label."""
    rows = [(s.name, ",".join(s.input_kinds), str(s.priority), s.label) for s in all_sources()]
    widths = [max(len(r[i]) for r in [*rows, ("name", "inputs", "priority", "")]) for i in range(3)]
    print(f"{'name':<{widths[0]}}  {'inputs':<{widths[1]}}  {'priority':>{widths[2]}}  label")
    for name, kinds, prio, label in rows:
        print(f"{name:<{widths[0]}}  {kinds:<{widths[1]}}  {prio:>{widths[2]}}  {label}")
    return 0
