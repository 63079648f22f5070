"""Parsing one file inside a worker: every outcome becomes a report entry, never a crash."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..document import DEFAULT_MAX_BYTES
from ..errors import InputError, InputTooLarge, MscCitationsError
from ..model import Record
from .report import FileReport


@dataclass(frozen=True, slots=True)
class ParseOptions:
    """What every worker needs to know to parse a file the same way."""

    source: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    normalize: bool = True


SKIPPED_INPUT_REASONS: tuple[str, ...] = ("a PDF file",)
"""Input errors that mean "not a citation file" (skipped) rather than "broken" (failed)."""


def parse_one(path: str, options: ParseOptions) -> tuple[FileReport, list[Record]]:
    """Parse one file into a report entry and its records; catches everything."""
    from ..api import parse_file

    try:
        result = parse_file(
            Path(path),
            source=options.source,
            normalize=options.normalize,
            errors="strict",
            max_bytes=options.max_bytes,
            assign=False,
        )
    except InputTooLarge as exc:
        return FileReport(path, "skipped", reason=exc.reason), []
    except InputError as exc:
        if exc.reason.startswith(SKIPPED_INPUT_REASONS):
            return FileReport(path, "skipped", reason=exc.reason), []
        return FileReport(path, "failed", reason=exc.reason), []
    except MscCitationsError as exc:
        return FileReport(path, "failed", reason=str(getattr(exc, "reason", exc))), []
    except MemoryError:
        return FileReport(path, "failed", reason="the parser ran out of memory on this file"), []
    except RecursionError:
        return FileReport(path, "failed", reason="the file is nested too deeply to parse"), []
    except Exception as exc:  # a parser bug must cost only this file
        return FileReport(path, "failed", reason=f"internal error in the parser: {type(exc).__name__}: {exc}"), []
    issues = [str(i) for i in result.issues]
    serious = any(i.severity in ("warning", "error") for i in result.issues)
    report = FileReport(
        path,
        "partial" if serious else "parsed",
        source=result.source,
        score=None if result.score is None else round(result.score, 3),
        records=len(result.records),
        issues=issues,
    )
    return report, result.records
