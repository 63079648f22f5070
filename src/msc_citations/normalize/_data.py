"""Loading the bundled data tables under ``msc_citations/data`` (read once, cached)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def load_json(name: str) -> Any:
    """The parsed JSON file ``msc_citations/data/<name>``."""
    text = resources.files("msc_citations").joinpath("data", name).read_text(encoding="utf-8")
    return json.loads(text)


@cache
def load_tsv(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of the TSV file ``msc_citations/data/<name>`` without its header and ``#`` comments."""
    text = resources.files("msc_citations").joinpath("data", name).read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return tuple(tuple(cell.strip() for cell in row) for row in rows[1:])


def word_set(name: str, key: str) -> frozenset[str]:
    """The list ``key`` of JSON file ``name`` as a set of case-folded words."""
    return frozenset(str(word).casefold() for word in load_json(name)[key])
