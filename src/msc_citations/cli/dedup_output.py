"""``normalize`` with deduplication, without holding the library: each record parsed goes
to a :class:`~msc_citations.dedup.spooled.SpooledDedup` (its key row kept, its text put
on disk) and the deduplicated records are written as they are rebuilt.

The records, their ids and their order are those of ``parse_folder`` followed by
``deduplicate``: the parent validates each record from the text the worker sent, as
``parse_folder`` does, and the same text rebuilds it for writing.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable

from ..dedup.spooled import SpooledDedup
from ..folder import FileReport, FolderResult
from ..model import Record
from ..record_ids import IdAssigner
from .common import write_records_as_they_come


def spool_outcomes(outcomes: Iterable[tuple[FileReport, list[str]]], dedup: SpooledDedup) -> list[FileReport]:
    """Add every record of ``outcomes`` (JSON texts, in path order) to ``dedup`` with the id
    ``parse_folder`` gives it; returns the file reports."""
    ids = IdAssigner()
    files: list[FileReport] = []
    for report, texts in outcomes:
        files.append(report)
        for text in texts:
            rec = Record.model_validate_json(text)
            if rec.id:
                rec = rec.model_copy(update={"id": None})
            dedup.add(rec.model_copy(update={"id": ids.key(rec)}), text)
    return files


def write_deduplicated(
    outcomes: Iterable[tuple[FileReport, list[str]]],
    args: argparse.Namespace,
    parsed: Callable[[], None] = lambda: None,
) -> FolderResult:
    """Deduplicate the records of ``outcomes`` (each file's report and record texts, in
    path order) and write them to ``args.output`` or standard output; ``parsed()`` is
    called once every file is read, before anything is written (to end a progress line).
    Returns the file reports and deduplication figures. Temporary files are removed
    whatever happens."""
    with SpooledDedup() as dedup:
        result = FolderResult(files=spool_outcomes(outcomes, dedup))
        parsed()
        write_records_as_they_come(dedup.records(), args)
        result.records_written = dedup.records_out
        result.dedup = dedup.summary
    return result
