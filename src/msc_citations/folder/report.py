"""The per-file report of a folder run and its summary (usable for a PRISMA flow diagram)."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from ..model import Record

FileStatus = Literal["parsed", "partial", "skipped", "failed"]
STATUSES: tuple[FileStatus, ...] = ("parsed", "partial", "skipped", "failed")


@dataclass(slots=True)
class FileReport:
    """What happened to one input file."""

    path: str
    status: FileStatus
    source: str | None = None
    score: float | None = None
    records: int = 0
    issues: list[str] = field(default_factory=list)
    reason: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The report entry as written to ``report.json``."""
        return asdict(self)


@dataclass(slots=True)
class FolderResult:
    """Records and per-file reports of a folder run."""

    records: list[Record] = field(default_factory=list)
    files: list[FileReport] = field(default_factory=list)
    dedup: dict[str, int] = field(default_factory=dict)
    records_written: int | None = None
    """Set when the records were written as they came instead of being kept in ``records``."""

    @property
    def failed(self) -> list[FileReport]:
        """Files that could not be read or parsed."""
        return [f for f in self.files if f.status == "failed"]

    def summary(self) -> dict[str, Any]:
        """Counts by status, records by source, and deduplication figures."""
        by_status = Counter(f.status for f in self.files)
        by_source: Counter[str] = Counter()
        files_by_source: Counter[str] = Counter()
        for f in self.files:
            if f.source and f.records:
                by_source[f.source] += f.records
                files_by_source[f.source] += 1
        return {
            "files": len(self.files),
            "by_status": {s: by_status.get(s, 0) for s in STATUSES},
            "records_parsed": sum(f.records for f in self.files),
            "records_by_source": dict(sorted(by_source.items())),
            "files_by_source": dict(sorted(files_by_source.items())),
            "records_out": len(self.records) if self.records_written is None else self.records_written,
            **self.dedup,
        }

    def to_json(self) -> dict[str, Any]:
        """``{"files": [...], "summary": {...}}`` as written by ``--report``."""
        return {"files": [f.to_json() for f in self.files], "summary": self.summary()}


def summary_lines(result: FolderResult) -> list[str]:
    """The human summary printed at the end of a run."""
    s = result.summary()
    st = s["by_status"]
    lines = [
        f"files: {s['files']} ({st['parsed']} parsed, {st['partial']} partial, "
        f"{st['skipped']} skipped, {st['failed']} failed)",
        f"records: {s['records_parsed']} parsed, {s['records_out']} written",
    ]
    if s["records_by_source"]:
        parts = ", ".join(f"{k} {v}" for k, v in s["records_by_source"].items())
        lines.append(f"records by source: {parts}")
    if "clusters_merged" in s:
        lines.append(
            f"deduplication: {s['clusters_merged']} clusters merged "
            f"({s.get('records_removed', 0)} duplicates removed), "
            f"{s.get('maybe_pairs', 0)} maybe-pairs to check, {s.get('studies_linked', 0)} studies linked"
        )
    return lines
