"""The normalization stack: pure ``Record -> Record`` steps, one job per module.

A step is a callable ``step(record, issues) -> Record``. It returns a new record (it never
mutates its input), leaves a value it cannot handle unchanged, appends a
:class:`~msc_citations.results.ParseIssue` to ``issues`` saying why, and never raises on
data. :data:`DEFAULT_STACK` is the order the library applies; callers pass their own list
to :func:`normalize_record` to replace or extend it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..model import Record
from ..results import ParseIssue

Step = Callable[[Record, list[ParseIssue]], Record]
"""A normalization step: ``(record, issues) -> record``."""

DEFAULT_STACK: list[Step] = []
"""The default steps, in order. Filled in by :mod:`msc_citations.normalize.stack`."""


def normalize_record(
    record: Record,
    stack: Sequence[Step] | None = None,
    issues: list[ParseIssue] | None = None,
) -> Record:
    """Apply ``stack`` (default :data:`DEFAULT_STACK`) to ``record`` and to each of its
    ``related`` records; issues are appended to ``issues`` when given."""
    from . import stack as _stack  # noqa: F401  (fills DEFAULT_STACK on first use)

    steps = DEFAULT_STACK if stack is None else stack
    sink: list[ParseIssue] = issues if issues is not None else []
    out = record
    for step in steps:
        out = step(out, sink)
    if out.related:
        out = out.model_copy(update={"related": [normalize_record(r, steps, sink) for r in out.related]})
    return out
