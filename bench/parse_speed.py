"""Per-source parse speed in one process, and the start-up cost of ``import msc_citations``.

For every fixture of every source (tests/fixtures/<source>/, plus the seed pages), the
file is read once into memory; each timed run then builds the Document from the bytes,
detects the source (every registered detector runs), parses and normalizes, exactly as
``parse_bytes`` does. Figures are CPU time of this process (other load on the shared
machine counts less), the median of ``--repeats`` runs after one warm-up, with the range;
each run parses every fixture of the group ``--batch`` times.

Three modes (see ``MODES``): ``full`` (what a folder run does per file), ``named`` (the
source given) and ``parse`` (the source given, no normalization: read + parse + validate).
Copied-text pages (``.txt``) are the headline: records per second per core.

    python bench/parse_speed.py [--repeats 7] [--batch 20] [--imports 7]
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

from msc_citations.api import parse_bytes
from msc_citations.errors import MscCitationsError

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SKIP_FOLDERS = frozenset({"http", "formats", "dedup", "malformed"})
IMPORT_CMD = [sys.executable, "-c", "import msc_citations"]


def _inputs() -> dict[str, list[tuple[str, bytes]]]:
    groups: dict[str, list[tuple[str, bytes]]] = defaultdict(list)
    for path in sorted(FIXTURES.rglob("*")):
        rel = path.relative_to(FIXTURES)
        if not path.is_file() or path.name.endswith(".json") or set(rel.parts) & SKIP_FOLDERS:
            continue
        groups[f"{rel.parts[0]} {path.suffix.lstrip('.') or 'file'}"].append((path.name, path.read_bytes()))
    return groups


Item = tuple[str, bytes, str | None]
"""File name, bytes, and the source that reads it (found once, outside the timing)."""
MODES: dict[str, dict[str, bool]] = {
    "full": {"detect": True, "normalize": True},
    "named": {"detect": False, "normalize": True},
    "parse": {"detect": False, "normalize": False},
}
"""full: detect among every source + parse + normalize (what a folder run does per file);
named: the source given (``--source``) + parse + normalize; parse: the source given, parse
and validate only."""


def _parse_all(items: list[Item], batch: int, mode: str) -> int:
    how = MODES[mode]
    records = 0
    for _ in range(batch):
        for name, data, source in items:
            with contextlib.suppress(MscCitationsError):
                result = parse_bytes(
                    data, path=name, source=None if how["detect"] else source, normalize=how["normalize"]
                )
                records += len(result.records)
    return records


def _rate(items: list[Item], batch: int, repeats: int, mode: str) -> tuple[int, float, float, float]:
    """``(records per run, median, min, max)`` of records/s."""
    records = _parse_all(items, 1, mode) * batch
    rates = []
    for _ in range(repeats):
        start = time.process_time()
        _parse_all(items, batch, mode)
        rates.append(records / max(time.process_time() - start, 1e-9))
    return records, statistics.median(rates), min(rates), max(rates)


def _with_sources(items: list[tuple[str, bytes]]) -> list[Item]:
    out: list[Item] = []
    for name, data in items:
        try:
            out.append((name, data, parse_bytes(data, path=name).source))
        except MscCitationsError:
            out.append((name, data, None))
    return out


def import_seconds(runs: int) -> list[float]:
    """Wall seconds of whole ``python -c "import msc_citations"`` processes."""
    out = []
    subprocess.run(IMPORT_CMD, capture_output=True, check=True)
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(IMPORT_CMD, capture_output=True, check=True)
        out.append(time.perf_counter() - start)
    return out


def main() -> None:
    """Print the per-source table, the copied-text headline and the import time."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--batch", type=int, default=20)
    ap.add_argument("--imports", type=int, default=7, help="whole-process import runs")
    args = ap.parse_args()
    groups = {key: _with_sources(items) for key, items in _inputs().items()}
    print(
        f"{'source and input':28s} {'files':>5} {'recs':>5}  records/s per core, median (range): " + " | ".join(MODES)
    )
    text_items: list[Item] = []
    for key in sorted(groups):
        items = groups[key]
        if key.endswith(" txt"):
            text_items += items
        cells = []
        for mode in MODES:
            n, med, lo, hi = _rate(items, args.batch, args.repeats, mode)
            cells.append(f"{med:>7,.0f} ({lo:,.0f}-{hi:,.0f})")
        print(f"{key:28s} {len(items):>5} {n // args.batch:>5}  " + " | ".join(cells))
    print(f"ALL copied-text pages (.txt): {len(text_items)} files")
    medians: dict[str, float] = {}
    for mode in MODES:
        n, med, lo, hi = _rate(text_items, args.batch, args.repeats, mode)
        medians[mode] = med
        print(
            f"  copied-text records/s per core [{mode}]: median {med:,.0f} (range {lo:,.0f}-{hi:,.0f}), {n} records/run"
        )
    for mode, what in (("full", "detect + parse + validate + normalize"), ("parse", "parse + validate")):
        print(
            f"TARGET a copied-text record parses at >= 5,000 records/s per core [{mode}: {what}]: "
            f"{medians[mode]:,.0f} -> {'ok' if medians[mode] >= 5000 else 'SHORT'}"
        )
    if args.imports:
        times = import_seconds(args.imports)
        med = statistics.median(times)
        print(
            f"import msc_citations (whole process, {len(times)} runs): median {med:.3f} s "
            f"(range {min(times):.3f}-{max(times):.3f})"
        )
        print(f"TARGET import msc_citations <= 0.4 s: {med:.3f} s -> {'ok' if med <= 0.4 else 'SHORT'}")


if __name__ == "__main__":
    main()
