"""Writing a folder run's records as they come, for outputs that need no whole-library step.

With ``--no-dedup`` (and no enrichment or related-paper flattening), a record's output does
not depend on the records after it, so ``normalize`` writes each file's records in path
order as soon as the files before it are done, instead of holding the whole library: the
same bytes, without the memory. Only formats whose output is the concatenation of each
record's own text qualify.

JSON Lines is written without any model in this process: the workers send each record's
JSON text and the key its id is made from (:func:`~msc_citations.folder.iter_folder_keyed`),
and the id is put into the text here, giving the bytes ``formats.jsonl`` writes.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from typing import TextIO

from ..atomic_file import atomic_text_file
from ..folder import FileReport
from ..record_ids import IdAssigner, KeyedJson, json_with_id

STREAMED_FORMATS: frozenset[str] = frozenset({"jsonl"})
"""Formats written record by record (the text of a list is the texts of its records joined)."""
CHUNK_RECORDS = 500


def can_stream(args: argparse.Namespace) -> bool:
    """True when this run's output can be written as the records come."""
    return (
        bool(args.no_dedup)
        and not args.enrich
        and not getattr(args, "with_related", False)
        and args.to in STREAMED_FORMATS
    )


def write_streamed(
    outcomes: Iterable[tuple[FileReport, list[KeyedJson]]], args: argparse.Namespace
) -> tuple[list[FileReport], int]:
    """Write the records of ``outcomes`` (in path order, as ``(base key, JSON text)`` without
    ids, see :func:`~msc_citations.folder.iter_folder_keyed`) to ``args.output``
    (atomically: a temporary file renamed at the end) or standard output; returns the file
    reports and the number of records written."""
    if args.output and args.output != "-":
        with atomic_text_file(args.output) as fh:
            return _write(outcomes, fh, args.to)
    result = _write(outcomes, sys.stdout, args.to)
    sys.stdout.flush()
    return result


def _write(
    outcomes: Iterable[tuple[FileReport, list[KeyedJson]]], out: TextIO, fmt: str
) -> tuple[list[FileReport], int]:
    if fmt not in STREAMED_FORMATS:
        raise ValueError(f"{fmt!r} output cannot be written as the records come")
    ids = IdAssigner()
    reports: list[FileReport] = []
    chunk: list[str] = []
    written = 0
    for report, records in outcomes:
        reports.append(report)
        for base, text in records:
            chunk.append(json_with_id(text, ids.key_for_base(base)))
            chunk.append("\n")
        if len(chunk) >= 2 * CHUNK_RECORDS:
            out.write("".join(chunk))
            written += len(chunk) // 2
            chunk = []
    if chunk:
        out.write("".join(chunk))
        written += len(chunk) // 2
    return reports, written
