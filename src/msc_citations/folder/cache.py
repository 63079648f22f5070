"""Content-hash cache for incremental folder runs: a re-run parses only changed files.

Keyed on the file's SHA-256, the library version and the parse options, so a changed file,
a new version or a different ``--source`` never reuses a stale result. Stored in SQLite.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

from .. import __version__
from ..model import Record
from .report import FileReport
from .worker import ParseOptions

_SCHEMA = "CREATE TABLE IF NOT EXISTS parsed (key TEXT PRIMARY KEY, report TEXT NOT NULL, records TEXT NOT NULL)"


class ParseCache:
    """Parse results by content hash."""

    def __init__(self, directory: str | Path) -> None:
        Path(directory).mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(Path(directory) / "parse-cache.sqlite3"))
        self._db.execute(_SCHEMA)

    @staticmethod
    def key(path: str, options: ParseOptions) -> str | None:
        """The cache key of a file, or None when it cannot be read."""
        try:
            digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        except OSError:
            return None
        return f"{digest}:{__version__}:{options.source}:{options.max_bytes}:{options.normalize}"

    def get(self, key: str, path: str) -> tuple[FileReport, list[Record]] | None:
        """A stored result, re-pointed at ``path`` (the same content may have moved)."""
        row = self._db.execute("SELECT report, records FROM parsed WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        data = json.loads(row[0])
        data["path"] = path
        records = [_repointed(Record.model_validate(r), path) for r in json.loads(row[1])]
        return FileReport(**data), records

    def put(self, key: str, report: FileReport, records: list[Record]) -> None:
        """Store a result (failures too: an unchanged broken file stays broken)."""
        payload = json.dumps([r.to_json_dict() for r in records], ensure_ascii=False)
        self._db.execute("INSERT OR REPLACE INTO parsed VALUES (?, ?, ?)", (key, json.dumps(report.to_json()), payload))

    def close(self) -> None:
        """Write everything to disk."""
        self._db.commit()
        self._db.close()


def _repointed(record: Record, path: str) -> Record:
    """``record`` and the related records it carries, with ``source.path`` set to ``path``:
    files with the same bytes share one cache entry, so the stored path may be another's."""
    update: dict[str, object] = {}
    if record.source is not None and record.source.path != path:
        update["source"] = record.source.model_copy(update={"path": path})
    if record.related:
        update["related"] = [_repointed(r, path) for r in record.related]
    return record.model_copy(update=update) if update else record
