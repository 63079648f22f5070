"""Folder runs: every file under a folder parsed in parallel, every file accounted for."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Literal

from ..document import DEFAULT_MAX_BYTES
from ..errors import ParseError
from ..model import Record
from ..record_ids import assign_ids
from .cache import ParseCache
from .pool import Guards, run_pool
from .report import FileReport, FolderResult, summary_lines
from .walk import FoundFile, walk_inputs
from .worker import ParseOptions

__all__ = [
    "FileReport",
    "FolderResult",
    "Guards",
    "ParseOptions",
    "parse_folder",
    "summary_lines",
]

ProgressCallback = Callable[[FileReport, int, int], None]
"""Called after each file: ``(report, files_done, files_total)``."""


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
    roots = [paths] if isinstance(paths, (str, Path)) else list(paths)
    found = list(walk_inputs(roots, include, exclude))
    options = ParseOptions(source=source, max_bytes=max_bytes)
    reports: list[FileReport | None] = [None] * len(found)
    per_file: list[list[Record]] = [[] for _ in found]
    todo: list[int] = []
    cache = ParseCache(cache_dir) if cache_dir else None
    keys: dict[int, str] = {}
    done = 0
    for i, item in enumerate(found):
        if item.skip_reason:
            reports[i] = FileReport(str(_abs(item.path)), "skipped", reason=item.skip_reason)
        elif cache and (key := ParseCache.key(str(_abs(item.path)), options)) is not None:
            keys[i] = key
            hit = cache.get(key, str(_abs(item.path)))
            if hit:
                reports[i], per_file[i] = hit
            else:
                todo.append(i)
        else:
            todo.append(i)
        if reports[i] is not None and progress:
            done += 1
            progress(reports[i], done, len(found))  # type: ignore[arg-type]
    work = [str(_abs(found[i].path)) for i in todo]
    n_jobs = (os.cpu_count() or 1) if jobs is None else jobs
    for j, report, records in run_pool(work, options, n_jobs, Guards(timeout, memory_bytes)):
        i = todo[j]
        reports[i], per_file[i] = report, records
        if cache and i in keys:
            cache.put(keys[i], report, records)
        done += 1
        if progress:
            progress(report, done, len(found))
        if errors == "strict" and report.status == "failed":
            raise ParseError(report.path, report.reason or "failed")
    if cache:
        cache.close()
    final = [r for r in reports if r is not None and not (errors == "ignore" and r.status == "failed")]
    records = assign_ids(_strip_ids(rec for recs in per_file for rec in recs))
    return FolderResult(records=records, files=final)


def _abs(path: Path) -> Path:
    return path if path.is_absolute() else Path.cwd() / path


def _strip_ids(records: Iterable[Record]) -> list[Record]:
    return [r.model_copy(update={"id": None}) if r.id else r for r in records]


def found_files(paths: Sequence[str | Path]) -> list[FoundFile]:
    """The files a run over ``paths`` would consider (for dry runs and tests)."""
    return list(walk_inputs(paths))
