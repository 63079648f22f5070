"""A small on-disk response cache (SQLite), so re-runs make no repeat requests.

Why not an HTTP cache library: those follow the services' ``Cache-Control`` headers, and
E-utilities and Crossref answers are mostly marked uncacheable or short-lived, so a second
run would go back to the network. A bibliographic record changes rarely, and the point
here is to avoid asking again, so entries are kept for a fixed time (30 days by default)
whatever the headers say. One file, one table, standard library only.

Only definitive answers are stored: 200 and 404 (a DOI that does not exist stays
non-existent for a re-run). Keys leave out credentials (``api_key``) and the contact
e-mail, so changing them does not empty the cache.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

CACHE_FILE = "http-cache.sqlite3"
CACHEABLE_STATUSES = frozenset({200, 404})
KEY_EXCLUDED_PARAMS = frozenset({"api_key", "email", "tool", "mailto"})

_SCHEMA = """
CREATE TABLE IF NOT EXISTS responses (
    key TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    status INTEGER NOT NULL,
    content_type TEXT,
    body BLOB NOT NULL,
    stored_at REAL NOT NULL
)
"""


@dataclass(frozen=True)
class CachedResponse:
    """A stored answer."""

    url: str
    status: int
    content_type: str | None
    body: bytes


def cache_key(url: str, params: Mapping[str, str] | None = None) -> str:
    """The cache key of a GET: the URL and its parameters, sorted, without credentials."""
    kept = sorted((k, v) for k, v in (params or {}).items() if k not in KEY_EXCLUDED_PARAMS)
    return f"GET {url}?{urlencode(kept)}" if kept else f"GET {url}"


class ResponseCache:
    """SQLite-backed store of GET answers; thread-safe."""

    def __init__(self, folder: Path, *, ttl: float, clock: Callable[[], float] = time.time) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / CACHE_FILE
        self._ttl = ttl
        self._clock = clock
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(self.path), check_same_thread=False, timeout=30)
        with self._lock, self._db:
            self._db.execute(_SCHEMA)

    def get(self, key: str) -> CachedResponse | None:
        """The stored answer for ``key`` if it is younger than the TTL."""
        with self._lock:
            row = self._db.execute(
                "SELECT url, status, content_type, body, stored_at FROM responses WHERE key = ?", (key,)
            ).fetchone()
        if row is None or self._clock() - float(row[4]) > self._ttl:
            return None
        return CachedResponse(url=row[0], status=int(row[1]), content_type=row[2], body=bytes(row[3]))

    def put(self, key: str, response: CachedResponse) -> None:
        """Store an answer (only statuses in :data:`CACHEABLE_STATUSES`)."""
        if response.status not in CACHEABLE_STATUSES:
            return
        with self._lock, self._db:
            self._db.execute(
                "INSERT OR REPLACE INTO responses VALUES (?, ?, ?, ?, ?, ?)",
                (key, response.url, response.status, response.content_type, response.body, self._clock()),
            )

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM responses").fetchone()[0])

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self._db.close()

    def describe(self) -> str:
        """One line for logs: where the cache is and how many answers it holds."""
        return json.dumps({"path": str(self.path), "entries": len(self)})
