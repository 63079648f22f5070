"""Progress on standard error: a live bar on a terminal, plain periodic lines otherwise."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from ..folder.report import FileReport

BAR_WIDTH = 24
PLAIN_EVERY_SECONDS = 5.0


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    return (
        f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
        if seconds >= 3600
        else f"{seconds // 60}:{seconds % 60:02d}"
    )


class Progress:
    """Counts files, records and errors; shows rate and ETA."""

    def __init__(self, stream: TextIO | None = None, *, enabled: bool = True, interactive: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.interactive = self.stream.isatty() if interactive is None else interactive
        self.start = time.monotonic()
        self.last_plain = self.start
        self.records = 0
        self.failed = 0
        self._drawn = False

    def __call__(self, report: FileReport, done: int, total: int) -> None:
        """Record one finished file and redraw when due."""
        self.records += report.records
        self.failed += report.status == "failed"
        if not self.enabled:
            return
        now = time.monotonic()
        if self.interactive:
            if done == total or now - getattr(self, "_last_draw", 0.0) > 0.1:
                self._last_draw = now
                self.stream.write("\r" + self.line(done, total, now))
                self.stream.flush()
                self._drawn = True
        elif now - self.last_plain >= PLAIN_EVERY_SECONDS or done == total:
            self.last_plain = now
            self.stream.write(self.line(done, total, now) + "\n")
            self.stream.flush()

    def line(self, done: int, total: int, now: float) -> str:
        """One status line: bar, counts, rate and ETA."""
        elapsed = max(now - self.start, 1e-9)
        rate = done / elapsed
        eta = (total - done) / rate if rate > 0 else 0.0
        filled = int(BAR_WIDTH * done / total) if total else BAR_WIDTH
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        return (
            f"[{bar}] {done}/{total} files, {self.records} records, {self.failed} errors, "
            f"{rate:.0f} files/s, ETA {_duration(eta)}"
        )

    def close(self) -> None:
        """End the live line (once: closing again writes nothing)."""
        if self.enabled and self.interactive and self._drawn:
            self.stream.write("\n")
            self.stream.flush()
            self._drawn = False
