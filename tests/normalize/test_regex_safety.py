"""Every regular expression of the normalization stack is free of catastrophic backtracking.

A static guard, independent of timing: no repeat may contain another unbounded repeat
(the ``(a+)+`` shape behind exponential backtracking), and every step runs over 100 KB of
adversarial input.
"""

from __future__ import annotations

import re
import signal
from collections.abc import Iterator
from importlib import import_module
from re import _constants as sre_constants  # type: ignore[attr-defined]  # the parser re itself uses (3.11+)
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

import pytest

from msc_citations.model import Funding, Person, Record
from msc_citations.normalize.stack import STEPS

MODULES = ["doi", "ids", "names", "names_cjk", "dates", "pages", "journals", "text", "abstract", "language"]
_REPEATS = {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT}


def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    found = []
    for name in MODULES:
        module = import_module(f"msc_citations.normalize.{name}")
        for attr, value in vars(module).items():
            if isinstance(value, re.Pattern):
                found.append((f"{name}.{attr}", value))
            elif isinstance(value, tuple):
                found.extend((f"{name}.{attr}", v) for v in value if isinstance(v, re.Pattern))
    return found


def _nested_unbounded(items: Any, inside_repeat: bool) -> bool:
    for op, arg in items:
        if op in _REPEATS:
            _low, high, sub = arg
            unbounded = high == sre_constants.MAXREPEAT
            if inside_repeat and unbounded:
                return True
            if _nested_unbounded(sub, inside_repeat or high > 1):
                return True
        elif op == sre_constants.SUBPATTERN:
            if _nested_unbounded(arg[-1], inside_repeat):
                return True
        elif op == sre_constants.BRANCH:
            if any(_nested_unbounded(branch, inside_repeat) for branch in arg[1]):
                return True
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT) and _nested_unbounded(arg[1], inside_repeat):
            return True
    return False


PATTERNS = _patterns()


def test_patterns_found() -> None:
    assert len(PATTERNS) > 30


@pytest.mark.parametrize(("name", "pattern"), PATTERNS, ids=[p[0] for p in PATTERNS])
def test_no_nested_unbounded_repeat(name: str, pattern: re.Pattern[str]) -> None:
    assert not _nested_unbounded(sre_parse.parse(pattern.pattern, pattern.flags), False), name


ADVERSARIAL = [
    "a" * 100_000,
    "1" * 100_000,
    "Results. " * 11_200,
    "NCT" * 34_000,
    "10.1234/" * 12_600,
    "(" * 100_000,
    "Kim, " * 20_000,
    "-\n" * 50_000,
    "Ã" * 100_000,
    "目的：" * 34_000,
    " " * 100_000,
    "\n" * 100_000,
    ". " * 50_000,
    "\t." * 50_000,
    "NCT01716481 " * 8_400,
]
GUARD_SECONDS = 30
"""Far above the ~0.1 s a linear pass takes; only quadratic or worse behaviour reaches it."""


@pytest.fixture
def guard() -> Iterator[None]:
    def _stop(signum: int, frame: object) -> None:
        raise TimeoutError(f"a step took over {GUARD_SECONDS} s on 100 KB: super-linear behaviour")

    previous = signal.signal(signal.SIGALRM, _stop)
    signal.alarm(GUARD_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("text", ADVERSARIAL, ids=[repr(t[:12]) for t in ADVERSARIAL])
@pytest.mark.usefixtures("guard")
def test_steps_on_100kb_adversarial_input(text: str) -> None:
    record = Record(
        title=text,
        abstract=text,
        doi=text,
        pages=text,
        journal=text,
        language=text,
        country=text,
        authors=[Person(literal=text)],
        funding=[Funding(award_ids=[text])],
    )
    for step in STEPS:
        record = step(record, [])
    assert isinstance(record, Record)
