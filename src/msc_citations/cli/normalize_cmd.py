"""Turn folders of saved pages and exports into one clean,
deduplicated library and a report that accounts for every file."""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import fields
from pathlib import Path
from typing import Any

from ..document import DEFAULT_MAX_BYTES
from ..errors import MscCitationsError
from ..folder import FolderOptions, FolderResult, iter_folder_keyed, iter_folder_texts, parse_folder, summary_lines
from ..model import Record
from .common import add_output_options, write_records
from .fetch_cmd import add_enrich_options
from .progress import Progress
from .stream_output import can_stream, write_streamed

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


def register(sub: Any) -> None:
    """Add the ``normalize`` command."""
    p = sub.add_parser(
        "normalize", help="turn folders of saved pages and exports into one deduplicated library", description=__doc__
    )
    p.add_argument("dirs", nargs="+", metavar="DIR", help="folders (searched recursively) or files")
    add_output_options(p, default_format="ris")
    p.add_argument("--report", metavar="FILE", help="write the per-file report (JSON) here")
    p.add_argument("--no-dedup", action="store_true", help="keep duplicates (no merging)")
    p.add_argument("--jobs", type=int, default=None, metavar="N", help="parser processes (default: number of cores)")
    add_enrich_options(p)
    p.add_argument("--include", action="append", default=[], metavar="GLOB", help="only files matching (repeatable)")
    p.add_argument("--exclude", action="append", default=[], metavar="GLOB", help="skip matching files (repeatable)")
    p.add_argument("--source", metavar="NAME", help="force one source for every file")
    p.add_argument("--max-size", type=int, default=DEFAULT_MAX_BYTES, metavar="BYTES", help="skip larger files")
    p.add_argument("--timeout", type=float, default=120.0, metavar="SECONDS", help="per-file time limit")
    p.add_argument("--cache", metavar="DIR", help="content-hash cache: re-runs parse only changed files")
    p.add_argument("--quiet", action="store_true", help="no progress or summary")
    p.set_defaults(func=run)


def _check_args(args: argparse.Namespace) -> str | None:
    for d in args.dirs:
        if not Path(d).exists():
            return f"{d}: no such file or folder"
    if args.jobs is not None and args.jobs < 0:
        return "--jobs must be 0 or more"
    if args.output and args.output != "-":
        out = Path(args.output).resolve()
        for d in args.dirs:
            root = Path(d).resolve()
            if out == root or (root.is_file() and out == root):
                return f"{args.output}: refusing to write over an input"
            if root.is_dir() and out.is_relative_to(root) and out.exists():
                return f"{args.output}: refusing to write over a file inside an input folder"
    return None


def run(args: argparse.Namespace) -> int:
    """Parse, deduplicate, (optionally) enrich and export; exit 1 when any file failed."""
    problem = _check_args(args)
    if problem:
        print(f"msc-citations normalize: {problem}", file=sys.stderr)
        return EXIT_USAGE
    if args.source:
        from ..sources import get_source

        get_source(args.source)
    progress = Progress(enabled=not args.quiet)
    options = FolderOptions(
        source=args.source,
        jobs=args.jobs,
        include=args.include,
        exclude=args.exclude,
        max_bytes=args.max_size,
        timeout=args.timeout,
        cache_dir=args.cache,
    )
    try:
        if can_stream(args):  # each file's records written as they come: nothing held
            files, written = write_streamed(iter_folder_keyed(args.dirs, options, progress), args)
            result = FolderResult(files=files, records_written=written)
        elif not args.no_dedup and not args.enrich:  # records kept on disk, not in memory
            from .dedup_output import write_deduplicated

            result = write_deduplicated(iter_folder_texts(args.dirs, options, progress), args, progress.close)
        else:
            result = parse_folder(args.dirs, **_folder_kwargs(options), progress=progress)
    finally:
        progress.close()
    if args.output and args.output != "-":
        out = str(Path(args.output).resolve())
        result.files = [f for f in result.files if f.path != out]  # our own earlier output
    if result.records_written is None:
        if args.enrich:
            result.records = _enrich(result.records, args)
        if not args.no_dedup:
            _deduplicate(result)
        write_records(result.records, args)
    if args.report:
        _write_report(result, Path(args.report))
    if not args.quiet:
        for line in summary_lines(result):
            print(line, file=sys.stderr)
        for f in result.failed[:20]:
            print(f"failed: {f.path}: {f.reason}", file=sys.stderr)
        if len(result.failed) > 20:
            print(f"... and {len(result.failed) - 20} more failed files (see --report)", file=sys.stderr)
    return EXIT_SOME_FAILED if result.failed else EXIT_OK


def _folder_kwargs(options: FolderOptions) -> dict[str, Any]:
    return {f.name: getattr(options, f.name) for f in fields(options)}


def _deduplicate(result: FolderResult) -> None:
    from ..dedup import deduplicate

    before = len(result.records)
    dedup = deduplicate(result.records)
    result.records = list(dedup.records)
    merged = [c for c in dedup.clusters if len(c) > 1]
    studies: dict[str, int] = {}
    for rec in result.records:
        if rec.study_id:
            studies[rec.study_id] = studies.get(rec.study_id, 0) + 1
    result.dedup = {
        "clusters_merged": len(merged),
        "records_removed": before - len(result.records),
        "maybe_pairs": len(dedup.maybe_pairs),
        "studies_linked": sum(1 for n in studies.values() if n > 1),
    }


def _enrich(records: list[Record], args: argparse.Namespace) -> list[Record]:
    from .fetch_cmd import enrich_from_args

    try:
        return enrich_from_args(records, args)
    except MscCitationsError as exc:
        print(f"msc-citations normalize: enrichment skipped: {exc}", file=sys.stderr)
        return records


def _write_report(result: FolderResult, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(result.to_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, path)
