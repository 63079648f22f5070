"""A per-key (service or host) rate limiter with an injectable clock.

Each key gets evenly spaced slots: a request may start no earlier than ``1/rate`` seconds
after the previous slot for that key. :meth:`RateLimiter.reserve` books a slot and returns
how long the caller must wait; :meth:`RateLimiter.acquire` also sleeps. Booking is
thread-safe, so a pool of worker threads shares one budget per service.

>>> now = [0.0]
>>> limiter = RateLimiter(lambda key: 2.0, clock=lambda: now[0], sleep=lambda s: None)
>>> [limiter.reserve("pubmed") for _ in range(3)]
[0.0, 0.5, 1.0]
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

Clock = Callable[[], float]
Sleep = Callable[[float], None]


class RateLimiter:
    """Evenly spaced request slots per key; ``rate_for(key)`` gives requests per second."""

    def __init__(
        self,
        rate_for: Callable[[str], float],
        *,
        clock: Clock = time.monotonic,
        sleep: Sleep = time.sleep,
    ) -> None:
        self._rate_for = rate_for
        self._clock = clock
        self._sleep = sleep
        self._next: dict[str, float] = {}
        self._slow: dict[str, float] = {}
        self._lock = threading.Lock()

    def interval(self, key: str) -> float:
        """Seconds between two requests for ``key`` (0 for an unlimited key)."""
        rate = self._rate_for(key)
        base = 1.0 / rate if rate > 0 else 0.0
        return max(base, self._slow.get(key, 0.0))

    def slow_down(self, key: str, interval: float) -> None:
        """Never go faster than one request per ``interval`` seconds for ``key`` (used when a
        service announces a stricter limit than the documented one)."""
        with self._lock:
            self._slow[key] = max(self._slow.get(key, 0.0), interval)

    def pause(self, key: str, seconds: float) -> None:
        """Book no slot for ``key`` before ``seconds`` from now (after a ``Retry-After``)."""
        with self._lock:
            self._next[key] = max(self._next.get(key, 0.0), self._clock() + seconds)

    def reserve(self, key: str) -> float:
        """Book the next slot for ``key``; returns the seconds to wait before using it."""
        with self._lock:
            now = self._clock()
            slot = max(now, self._next.get(key, now))
            self._next[key] = slot + self.interval(key)
            return slot - now

    def acquire(self, key: str) -> float:
        """Book a slot and sleep until it starts; returns the time slept."""
        wait = self.reserve(key)
        if wait > 0:
            self._sleep(wait)
        return wait
