"""A guarded process pool: parallel parsing where a file that hangs or explodes costs only
itself.

Each worker runs under an address-space limit, tells the parent which file it is on, and is
killed and replaced when one file takes longer than the time limit or the worker dies; the
rest of its batch is handed to another worker.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import queue
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.sharedctypes import Synchronized
from typing import Any, Generic, TypeVar

from ..model import Record
from ..record_ids import KeyedJson, keyed_json
from .report import FileReport
from .worker import ParseOptions, parse_one

BATCH_SIZE = 8
POLL_SECONDS = 0.2


@dataclass(frozen=True, slots=True)
class Guards:
    """Per-file limits: wall seconds and the worker's address space in bytes (0 = none)."""

    timeout: float = 120.0
    memory_bytes: int = 4 * 1024**3


P = TypeVar("P")


@dataclass(frozen=True, slots=True)
class Codec(Generic[P]):
    """How a record travels from a worker to the parent: ``encode`` in the worker (to
    something cheap to pickle), ``decode`` in the parent; ``local`` when there is no worker;
    ``record`` back to the model (for the parse cache)."""

    encode: Callable[[Record], Any]
    decode: Callable[[Any], P]
    local: Callable[[Record], P]
    record: Callable[[P], Record]


def _same(value: P) -> P:
    return value


def _dump(record: Record) -> str:
    return record.model_dump_json()


def _keyed_record(item: KeyedJson) -> Record:
    return Record.model_validate_json(item[1])


RECORDS: Codec[Record] = Codec(_dump, Record.model_validate_json, _same, _same)
"""Records as models (sent as JSON text, validated again in the parent)."""
TEXT: Codec[str] = Codec(_dump, _same, _dump, Record.model_validate_json)
"""Records as their JSON text, validated by the parent when it needs the model: a record
rebuilt from the same text later is the model the parent built first (for spooling)."""
KEYED: Codec[KeyedJson] = Codec(keyed_json, _same, keyed_json, _keyed_record)
"""Records as ``(base key, JSON text)`` without ids: for writers of JSON Lines, which need
no model in the parent (see :func:`~msc_citations.record_ids.json_with_id`)."""

Outcome = tuple[int, FileReport, list[Record]]


def _limit_memory(limit: int) -> None:
    if limit <= 0:
        return
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # not on this platform, or not allowed
        pass


@dataclass(frozen=True, slots=True)
class _WorkerArgs:
    tasks: Any
    results: Any
    current: Any
    started: Any
    options: ParseOptions
    memory_bytes: int
    encode: Callable[[Record], Any]


def _worker_main(w: _WorkerArgs) -> None:
    _limit_memory(w.memory_bytes)
    while True:
        batch = w.tasks.get()
        if batch is None:  # sent only when the parent has every result
            return
        w.results.put(("batch", [i for i, _ in batch]))
        # Results go back once per batch (one message, not one per file: the parent's
        # per-message cost is a poll and an unpickle). If this worker is stopped mid-batch,
        # the parent re-queues every file of the batch it has no result for.
        done = []
        for index, path in batch:
            w.started.value = time.monotonic()
            w.current.value = index
            report, records = parse_one(path, w.options)
            done.append((index, report, [w.encode(r) for r in records]))
        w.current.value = -1
        w.results.put(("done", done))


@dataclass(slots=True)
class _Shared:
    ctx: Any
    tasks: Any
    results: Any
    options: ParseOptions
    guards: Guards
    paths: Sequence[str]
    pending: set[int]
    batches: dict[int, list[int]]
    encode: Callable[[Record], Any]


class _Slot:
    def __init__(self, shared: _Shared) -> None:
        self.current: Synchronized[int] = shared.ctx.Value("i", -1)
        self.started: Synchronized[float] = shared.ctx.Value("d", 0.0)
        args = _WorkerArgs(
            shared.tasks,
            shared.results,
            self.current,
            self.started,
            shared.options,
            shared.guards.memory_bytes,
            shared.encode,
        )
        self.process = shared.ctx.Process(target=_worker_main, args=(args,), daemon=True)
        self.process.start()


def run_pool(
    paths: Sequence[str],
    options: ParseOptions,
    jobs: int,
    guards: Guards,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> Iterator[Outcome]:
    """Parse ``paths`` in ``jobs`` processes; yields ``(index, report, records)`` as files
    finish (in completion order). ``jobs <= 0`` parses in this process, unguarded."""
    return run_pool_as(paths, options, jobs, guards, RECORDS)


def run_pool_as(
    paths: Sequence[str], options: ParseOptions, jobs: int, guards: Guards, codec: Codec[P]
) -> Iterator[tuple[int, FileReport, list[P]]]:
    """:func:`run_pool` with each file's records given as ``codec`` makes them."""
    if jobs <= 0 or len(paths) <= 1:
        for index, path in enumerate(paths):
            report, records = parse_one(path, options)
            yield index, report, [codec.local(r) for r in records]
        return
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    _preload()
    tasks, results = ctx.Queue(), ctx.Queue()
    for start in range(0, len(paths), BATCH_SIZE):
        tasks.put([(i, paths[i]) for i in range(start, min(start + BATCH_SIZE, len(paths)))])
    pending = set(range(len(paths)))
    batches: dict[int, list[int]] = {}
    shared = _Shared(ctx, tasks, results, options, guards, paths, pending, batches, codec.encode)
    slots = [_Slot(shared) for _ in range(min(jobs, len(paths)))]
    try:
        while pending:
            try:
                msg = results.get(timeout=POLL_SECONDS)
            except queue.Empty:
                msg = None
            if msg is not None and msg[0] == "done":
                for index, report, payload in msg[1]:
                    if index in pending:
                        pending.discard(index)
                        yield index, report, [codec.decode(p) for p in payload]
                continue
            if msg is not None and msg[0] == "batch":
                for i in msg[1]:
                    batches[i] = msg[1]
                continue
            yield from _reap(slots, shared)
    finally:
        for _ in slots:
            tasks.put(None)
        for slot in slots:
            slot.process.join(timeout=2)
            if slot.process.is_alive():
                slot.process.kill()
            slot.process.join(timeout=1)
        with contextlib.suppress(Exception):
            tasks.close()
            results.close()


def _preload() -> None:
    """Load every source and the normalization stack once, before forking, so that the
    workers share them instead of each importing them again (about 0.2 s of CPU each)."""
    from .. import api  # noqa: F401  (imported for its side effect: loaded before the fork)
    from ..sources import all_sources

    all_sources()


def _reap(slots: list[_Slot], shared: _Shared) -> Iterator[tuple[int, FileReport, list[Any]]]:
    """Kill workers stuck on one file past the time limit, replace dead ones, and hand the
    rest of their batch to a new worker."""
    guards, paths, pending = shared.guards, shared.paths, shared.pending
    now = time.monotonic()
    for n, slot in enumerate(slots):
        index = slot.current.value
        overdue = index >= 0 and guards.timeout > 0 and now - slot.started.value > guards.timeout
        if not overdue and slot.process.is_alive():
            continue
        if overdue:
            slot.process.kill()
            slot.process.join(timeout=5)
            reason = f"parsing took longer than {guards.timeout:g} s and was stopped"
        else:
            reason = f"the parser process died (exit code {slot.process.exitcode}; out of memory?)"
        if index in pending:
            pending.discard(index)
            yield index, FileReport(paths[index], "failed", reason=reason), []
        rest = [i for i in shared.batches.get(index, []) if i in pending and i != index]
        if rest:
            shared.tasks.put([(i, paths[i]) for i in rest])
        slots[n] = _Slot(shared)
