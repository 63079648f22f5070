"""Texts kept on disk instead of in memory: a temporary file read back by row number.

The file has no name on disk (``tempfile.TemporaryFile``), so it disappears when closed,
when the process ends, or when it is killed.
"""

from __future__ import annotations

import tempfile
from array import array
from pathlib import Path
from types import TracebackType
from typing import BinaryIO


class Spool:
    """Append-only rows of bytes in a temporary file; ``row(i)`` reads row ``i`` back."""

    def __init__(self, directory: str | Path | None = None) -> None:
        self._file: BinaryIO = tempfile.TemporaryFile(dir=directory)  # noqa: SIM115 (closed by close())
        self._ends = array("q", [0])
        self._at_end = True

    def __len__(self) -> int:
        return len(self._ends) - 1

    def append(self, data: bytes) -> int:
        """Store ``data`` as the next row; returns its row number."""
        if not self._at_end:
            self._file.seek(self._ends[-1])
            self._at_end = True
        self._file.write(data)
        self._ends.append(self._ends[-1] + len(data))
        return len(self._ends) - 2

    def row(self, index: int) -> bytes:
        """The bytes stored as row ``index``."""
        start = self._ends[index]
        self._at_end = False
        self._file.seek(start)
        return self._file.read(self._ends[index + 1] - start)

    def close(self) -> None:
        """Remove the file (closing it removes it)."""
        self._file.close()

    def __enter__(self) -> Spool:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
