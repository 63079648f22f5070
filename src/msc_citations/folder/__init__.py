"""Folder runs: every file under a folder parsed in parallel, every file accounted for."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TypeVar

from ..document import DEFAULT_MAX_BYTES
from ..errors import ParseError
from ..model import Record
from ..record_ids import KeyedJson, assign_ids
from .cache import ParseCache
from .pool import KEYED, RECORDS, TEXT, Codec, Guards, run_pool_as
from .report import FileReport, FolderResult, summary_lines
from .walk import FoundFile, walk_inputs
from .worker import ParseOptions

__all__ = [
    "FileReport",
    "FolderOptions",
    "FolderResult",
    "Guards",
    "ParseOptions",
    "iter_folder",
    "iter_folder_keyed",
    "iter_folder_texts",
    "parse_folder",
    "summary_lines",
]

ProgressCallback = Callable[[FileReport, int, int], None]
"""Called after each file: ``(report, files_done, files_total)``."""


@dataclass(frozen=True, slots=True)
class FolderOptions:
    """How a folder run reads and guards its files (see :func:`parse_folder`)."""

    errors: Literal["strict", "collect", "ignore"] = "collect"
    source: str | None = None
    jobs: int | None = None
    include: Sequence[str] = ()
    exclude: Sequence[str] = ()
    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = 120.0
    memory_bytes: int = 4 * 1024**3
    cache_dir: str | Path | None = None


def parse_folder(
    paths: str | Path | Sequence[str | Path],
    *,
    errors: Literal["strict", "collect", "ignore"] = "collect",
    source: str | None = None,
    jobs: int | None = None,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = 120.0,
    memory_bytes: int = 4 * 1024**3,
    cache_dir: str | Path | None = None,
    progress: ProgressCallback | None = None,
) -> FolderResult:
    """Parse every file under the given folders (recursive) into normalized records.

    Every file ends in ``result.files`` exactly once, in path order, as parsed, partial,
    skipped or failed with the reason. Records come out in path order with ids unique across
    the whole run, so re-running on the same folder gives the same output. With
    ``errors="strict"`` the first failed file raises :class:`ParseError`; ``"ignore"`` leaves
    failed files out of the report.
    """
    options = FolderOptions(errors, source, jobs, include, exclude, max_bytes, timeout, memory_bytes, cache_dir)
    files: list[FileReport] = []
    per_file: list[list[Record]] = []
    for report, records in iter_folder(paths, options, progress):
        files.append(report)
        per_file.append(records)
    return FolderResult(records=assign_ids(_released(per_file)), files=files)


def iter_folder(
    paths: str | Path | Sequence[str | Path],
    options: FolderOptions | None = None,
    progress: ProgressCallback | None = None,
) -> Iterator[tuple[FileReport, list[Record]]]:
    """Every file's report and records (without ids), in path order, as soon as all files
    before it are done: the streaming core of :func:`parse_folder`, for writers that do not
    need every record at once (give ids with :class:`~msc_citations.record_ids.IdAssigner`).
    """
    opts = options or FolderOptions()
    return _stream(_found(paths, opts), opts, progress, RECORDS)


def iter_folder_keyed(
    paths: str | Path | Sequence[str | Path],
    options: FolderOptions | None = None,
    progress: ProgressCallback | None = None,
) -> Iterator[tuple[FileReport, list[KeyedJson]]]:
    """:func:`iter_folder` with each record as ``(base key, JSON text)`` (see
    :func:`~msc_citations.record_ids.keyed_json`) instead of a model: for writers of JSON
    Lines, which then build no model at all (give ids with
    :meth:`~msc_citations.record_ids.IdAssigner.key_for_base` and
    :func:`~msc_citations.record_ids.json_with_id`)."""
    opts = options or FolderOptions()
    return _stream(_found(paths, opts), opts, progress, KEYED)


def iter_folder_texts(
    paths: str | Path | Sequence[str | Path],
    options: FolderOptions | None = None,
    progress: ProgressCallback | None = None,
) -> Iterator[tuple[FileReport, list[str]]]:
    """:func:`iter_folder` with each record as the JSON text its model is validated from
    (``Record.model_validate_json(text)`` is the record :func:`iter_folder` gives): for
    runs that keep records on disk and rebuild them when needed."""
    opts = options or FolderOptions()
    return _stream(_found(paths, opts), opts, progress, TEXT)


def _found(paths: str | Path | Sequence[str | Path], opts: FolderOptions) -> list[FoundFile]:
    roots = [paths] if isinstance(paths, (str, Path)) else list(paths)
    # The folders are walked now, before the caller creates anything (an output) in them.
    return list(walk_inputs(roots, opts.include, opts.exclude))


P = TypeVar("P")


def _stream(
    found: list[FoundFile], opts: FolderOptions, progress: ProgressCallback | None, codec: Codec[P]
) -> Iterator[tuple[FileReport, list[P]]]:
    parse_options = ParseOptions(source=opts.source, max_bytes=opts.max_bytes)
    ready: dict[int, tuple[FileReport, list[P]]] = {}
    todo: list[int] = []
    cache = ParseCache(opts.cache_dir) if opts.cache_dir else None
    keys: dict[int, str] = {}
    done = 0
    for i, item in enumerate(found):
        hit: tuple[FileReport, list[P]] | None = None
        if item.skip_reason:
            hit = FileReport(str(_abs(item.path)), "skipped", reason=item.skip_reason), []
        elif cache and (key := ParseCache.key(str(_abs(item.path)), parse_options)) is not None:
            keys[i] = key
            if (stored := cache.get(key, str(_abs(item.path)))) is not None:
                hit = stored[0], [codec.local(r) for r in stored[1]]
        if hit is None:
            todo.append(i)
            continue
        ready[i] = hit
        done += 1
        if progress:
            progress(hit[0], done, len(found))
    next_out = 0
    work = [str(_abs(found[i].path)) for i in todo]
    n_jobs = (os.cpu_count() or 1) if opts.jobs is None else opts.jobs
    try:
        guards = Guards(opts.timeout, opts.memory_bytes)
        for j, report, records in run_pool_as(work, parse_options, n_jobs, guards, codec):
            i = todo[j]
            ready[i] = report, records
            if cache and i in keys:
                cache.put(keys[i], report, [codec.record(r) for r in records])
            done += 1
            if progress:
                progress(report, done, len(found))
            if opts.errors == "strict" and report.status == "failed":
                raise ParseError(report.path, report.reason or "failed")
            while next_out in ready:
                yield from _kept(ready.pop(next_out), opts)
                next_out += 1
        while next_out < len(found):
            yield from _kept(ready.pop(next_out), opts)
            next_out += 1
    finally:
        if cache:
            cache.close()


def _kept(outcome: tuple[FileReport, list[P]], options: FolderOptions) -> Iterator[tuple[FileReport, list[P]]]:
    if not (options.errors == "ignore" and outcome[0].status == "failed"):
        yield outcome


def _abs(path: Path) -> Path:
    return path if path.is_absolute() else Path.cwd() / path


def _released(per_file: list[list[Record]]) -> Iterator[Record]:
    """The records in path order without ids; each file's list is released as it is read,
    so the models are not held twice while ids are assigned."""
    for i, records in enumerate(per_file):
        per_file[i] = []
        for rec in records:
            yield rec.model_copy(update={"id": None}) if rec.id else rec


def found_files(paths: Sequence[str | Path]) -> list[FoundFile]:
    """The files a run over ``paths`` would consider (for dry runs and tests)."""
    return list(walk_inputs(paths))
