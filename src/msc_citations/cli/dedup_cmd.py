"""``msc-citations dedup INPUT...``: find and merge duplicate records across inputs.

Inputs are CSV exports (``ID, author, year, title, journal, ...``), JSON Lines of this
library's schema, any export format the library reads (chosen by file extension), or
saved pages (parsed like ``msc-citations parse``).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import importlib
import io
import multiprocessing as mp
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from ..api import parse_file
from ..dedup import DedupResult, KeyTable, MaybePair, deduplicate, match_table
from ..dedup.explain import explain
from ..dedup.table import add_plain_row, gc_paused
from ..errors import InputError, MscCitationsError, ParseError
from ..formats import FORMAT_MODULES, loads, readable_formats
from ..model import Record
from ..normalize import normalize_record
from ..record_ids import assign_ids
from .common import add_output_options, error_line, write_records

TABULAR = {"csv": "csv", "jsonl": "jsonl", "ndjson": "jsonl"}
AMBIGUOUS = frozenset({".json", ".xml", ".txt", ".html", ".htm"})
# Below this many output records a second process costs more than it saves.
PARALLEL_MIN = 5000


def register(sub: Any) -> None:
    """Add the ``dedup`` command."""
    p = sub.add_parser("dedup", help="find and merge duplicate records", description=__doc__)
    p.add_argument(
        "inputs", nargs="+", metavar="INPUT", help="CSV, JSONL, export files or saved pages (.gz read transparently)"
    )
    add_output_options(p)
    p.add_argument("--clusters", metavar="CSV", help="write record_id,cluster_id for every input record")
    p.add_argument("--maybe", metavar="CSV", help="write uncertain pairs with their evidence")
    p.add_argument("--explain", metavar="ID", help="explain the cluster of this input record and stop")
    p.add_argument("--no-normalize", action="store_true", help="write merged records without the normalization stack")
    p.set_defaults(func=run)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _plain_path(path: Path) -> Path:
    """``x.csv.gz`` is read as ``x.csv``."""
    return path.with_suffix("") if path.suffix.lower() == ".gz" else path


def _read_bytes(path: Path) -> bytes:
    try:
        data = path.read_bytes()
        return gzip.decompress(data) if path.suffix.lower() == ".gz" else data
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise InputError(str(path), getattr(exc, "strerror", None) or str(exc) or "cannot read") from exc


def _format_for(path: Path) -> str | None:
    """The export format an input's name announces, or None for a page to parse. A bare
    ``.json`` is left to page detection (an API answer is JSON too); ``.csl.json`` is not."""
    path = _plain_path(path)
    ext = path.suffix.lower().lstrip(".")
    if ext in TABULAR:
        return TABULAR[ext]
    name_lower = path.name.lower()
    for name in readable_formats():
        module = importlib.import_module(FORMAT_MODULES[name])
        for suffix in getattr(module, "EXTENSIONS", ()):
            if suffix not in AMBIGUOUS and name_lower.endswith(suffix):
                return name
    return None


def _fallback_format(path: Path) -> str | None:
    for name in readable_formats():
        if path.suffix.lower() in getattr(importlib.import_module(FORMAT_MODULES[name]), "EXTENSIONS", ()):
            return name
    return None


def _read_input(name: str) -> list[Record]:
    path = Path(name)
    fmt = _format_for(path)
    if fmt is None:
        try:
            return list(parse_file(path).records)
        except ParseError:
            # No page source reads it: a ``.json`` export (CSL-JSON) and the like.
            fmt = _fallback_format(path)
            if fmt is None:
                raise
    if fmt == "csv" and not _own_csv(path):
        return list(parse_file(path).records)  # a database's own CSV layout: its source reads it
    text = _decode(_read_bytes(path))
    if fmt == "csv":
        from ..formats import csv as csv_format

        return csv_format.read(text, path=str(path))
    return loads(text, fmt)


def _fresh_id(rid: str, seen: set[str]) -> str:
    """``rid``, or ``rid-2``, ``rid-3``... when an earlier input record already uses it."""
    if rid not in seen:
        seen.add(rid)
        return rid
    n = 2
    while f"{rid}-{n}" in seen:
        n += 1
    error_line(rid, f"id used by more than one input record; this one is {rid}-{n}")
    seen.add(f"{rid}-{n}")
    return f"{rid}-{n}"


def _unique_ids(records: list[Record]) -> list[Record]:
    seen: set[str] = set()
    out: list[Record] = []
    for rec in assign_ids(records):
        rid = _fresh_id(rec.id or "", seen)
        out.append(rec if rid == rec.id else rec.model_copy(update={"id": rid}))
    return out


def _write_csv(path: str, header: list[str], rows: list[list[str]]) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header)
    writer.writerows(rows)
    Path(path).write_text(buf.getvalue(), encoding="utf-8")


def _write_side_files(result: DedupResult, args: argparse.Namespace) -> None:
    if args.clusters:
        rows = [[member, cluster[0]] for cluster in result.clusters for member in cluster]
        _write_csv(args.clusters, ["record_id", "cluster_id"], rows)
    if args.maybe:
        rows = [[p.a, p.b, f"{p.title_score:g}", p.evidence] for p in result.maybe_pairs]
        _write_csv(args.maybe, ["record_a", "record_b", "title_score", "evidence"], rows)


def _fast_path(args: argparse.Namespace) -> bool:
    """Only clusters / uncertain pairs of CSV inputs are asked for: match on the key table
    straight from the CSV rows, without building (or normalizing) a record per row."""
    wants_records = args.output or args.explain or not (args.clusters or args.maybe)
    return not wants_records and all(
        _plain_path(Path(n)).suffix.lower() == ".csv" and _own_csv(Path(n)) for n in args.inputs
    )


def _own_csv(path: Path) -> bool:
    """True when this library's CSV reader reads the file (its header names the columns
    the reader needs); an unreadable file counts as ours, so that reading it reports why."""
    from ..formats.csv import has_readable_header

    try:
        with (
            gzip.open(path, "rt", encoding="utf-8-sig", errors="replace")
            if path.suffix.lower() == ".gz"
            else open(path, encoding="utf-8-sig", errors="replace") as fh
        ):
            return has_readable_header(fh.readline())
    except (OSError, EOFError, gzip.BadGzipFile):
        return True


def _run_fast(args: argparse.Namespace, start: float) -> int:
    from ..formats.csv import plain_rows

    table = KeyTable()
    for name in args.inputs:
        try:
            with gc_paused():
                for row in plain_rows(_decode(_read_bytes(Path(name)))):
                    add_plain_row(table, row)
        except MscCitationsError as exc:
            error_line(name, getattr(exc, "reason", str(exc)))
    if not len(table):
        return 1
    seen: set[str] = set()
    table.ids[:] = [_fresh_id(rid, seen) for rid in table.ids]
    matching = match_table(table)
    ids = table.ids
    result = DedupResult(
        records=[],
        clusters=[[ids[r] for r in group] for group in matching.clusters],
        merges=[],
        maybe_pairs=[
            MaybePair(ids[d.a], ids[d.b], round(d.evidence.title, 1), d.evidence.describe()) for d in matching.maybe
        ],
    )
    _write_side_files(result, args)
    merged = sum(1 for c in result.clusters if len(c) > 1)
    print(
        f"dedup: {len(table)} records -> {len(result.clusters)} ({merged} merged clusters, "
        f"{len(result.maybe_pairs)} uncertain pairs) in {time.perf_counter() - start:.1f} s",
        file=sys.stderr,
    )
    return 0


def _normalize_part(start: int, stop: int) -> list[Record]:
    return [normalize_record(r) for r in _PENDING[start:stop]]


_PENDING: list[Record] = []


def _normalize_all(records: list[Record]) -> None:
    """Put every record through the normalization stack, in place (each original is
    released as its normalized copy arrives). With many records and a second core, a
    forked worker takes the second half: it inherits the records, only its results
    travel back."""
    global _PENDING
    half = len(records)
    pool = None
    if len(records) >= PARALLEL_MIN and (os.cpu_count() or 1) >= 2 and "fork" in mp.get_all_start_methods():
        half = len(records) // 2
        _PENDING = records
        pool = ProcessPoolExecutor(max_workers=1, mp_context=mp.get_context("fork"))
    try:
        second = pool.submit(_normalize_part, half, len(records)) if pool else None
        for i in range(half):
            records[i] = normalize_record(records[i])
        if second is not None:
            records[half:] = second.result()
    finally:
        _PENDING = []
        if pool is not None:
            pool.shutdown()


def run(args: argparse.Namespace) -> int:
    """Read every input, deduplicate, write the merged records and side files."""
    start = time.perf_counter()
    if _fast_path(args):
        return _run_fast(args, start)
    # Tens of thousands of records stay alive to the end and hold no reference cycles:
    # collector passes over them would only cost time.
    with gc_paused():
        return _run(args, start)


def _run(args: argparse.Namespace, start: float) -> int:
    records: list[Record] = []
    for name in args.inputs:
        try:
            records.extend(_read_input(name))
        except MscCitationsError as exc:
            error_line(name, getattr(exc, "reason", str(exc)))
    if not records:
        return 1
    records = _unique_ids(records)
    result = deduplicate(records)
    count = len(records)
    del records  # the merged-away inputs are no longer needed
    if args.explain:
        print(explain(result, args.explain))
        return 0
    _write_side_files(result, args)
    if args.output or not (args.clusters or args.maybe):
        # Matching runs on its own fast keys; the full normalization stack is only
        # needed for the records written out (one per cluster, not one per input).
        if not args.no_normalize:
            _normalize_all(result.records)
        write_records(result.records, args)
    merged = sum(1 for c in result.clusters if len(c) > 1)
    print(
        f"dedup: {count} records -> {len(result.records)} ({merged} merged clusters, "
        f"{len(result.maybe_pairs)} uncertain pairs) in {time.perf_counter() - start:.1f} s",
        file=sys.stderr,
    )
    return 0
