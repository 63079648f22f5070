"""Shared helpers for fixture-driven tests.

A fixture case is ``tests/fixtures/<source>/<case>.<ext>`` with a hand-written
``<case>.expected.json`` beside it. The expected file is either one record (the first
record parsed from the input must match it) or ``{"records": [...]}`` (every record, in
order). Matching is by subset: every key present in the expected record must match;
keys absent are not checked. Keys starting with ``_`` are notes or options:
``_source`` forces a source, ``_url`` passes the page's address, ``_note`` is prose.

Comparison rules: strings after collapsing white space; lists element by element with
equal length; dicts recursively by subset; ``null`` means the record must not state it
(``None`` or an empty list/dict).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).parent / "fixtures"
NON_SOURCE_FOLDERS = frozenset({"seeds", "malformed", "http", "formats", "dedup", "encodings", "folders"})
_WS = re.compile(r"\s+")


def expected_path(case: Path) -> Path:
    """The ``.expected.json`` beside a fixture input."""
    return case.with_name(case.name.split(".", 1)[0] + ".expected.json")


def fixture_inputs(source: str) -> list[Path]:
    """Every input file of a source's fixture folder (expected files excluded)."""
    folder = FIXTURES / source
    return sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and not p.name.endswith(".expected.json") and not p.name.startswith(".")
    )


def source_folders() -> list[str]:
    """Fixture folders that belong to a source (folder name = source name)."""
    return sorted(p.name for p in FIXTURES.iterdir() if p.is_dir() and p.name not in NON_SOURCE_FOLDERS)


def load_expected(case: Path) -> dict[str, Any]:
    """The expected data of a fixture input."""
    data: dict[str, Any] = json.loads(expected_path(case).read_text(encoding="utf-8"))
    return data


def _norm(value: Any) -> Any:
    if isinstance(value, str):
        return _WS.sub(" ", value).strip()
    return value


def mismatches(actual: Any, expected: Any, where: str = "") -> list[str]:
    """Differences between an actual JSON value and an expected one (subset semantics)."""
    out: list[str] = []
    if expected is None:
        if actual not in (None, [], {}, ""):
            out.append(f"{where}: expected nothing, got {actual!r}")
        return out
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{where}: expected an object, got {actual!r}"]
        for key, exp in expected.items():
            if key.startswith("_"):
                continue
            out += mismatches(actual.get(key), exp, f"{where}.{key}" if where else key)
        return out
    if isinstance(expected, list):
        if not isinstance(actual, list):
            return [f"{where}: expected a list, got {actual!r}"]
        if len(actual) != len(expected):
            out.append(f"{where}: expected {len(expected)} items, got {len(actual)}: {actual!r}"[:600])
        for i, (a, e) in enumerate(zip(actual, expected, strict=False)):
            out += mismatches(a, e, f"{where}[{i}]")
        return out
    if _norm(actual) != _norm(expected):
        out.append(f"{where}: expected {expected!r}, got {actual!r}")
    return out


def check_case(case: Path) -> list[str]:
    """Parse a fixture with the library and compare with its expected file."""
    from msc_citations import parse_file

    expected = load_expected(case)
    result = parse_file(case, source=expected.get("_source"), url=expected.get("_url"))
    records = [r.to_json_dict() for r in result.records]
    if "records" in expected:
        return mismatches(records, expected["records"], "records")
    if not records:
        return ["no record parsed"]
    return mismatches(records[0], expected)


def check_shuffled_lines(source: Any, lines: list[str]) -> None:
    """A source given its labels and noise in any order scores in [0, 1] and gives records
    or an error issue, never an exception (for a hypothesis test per source)."""
    from msc_citations.document import Document
    from msc_citations.errors import InputError

    try:
        doc = Document.from_text("\n".join(lines))
    except InputError:  # only white space and invisible characters: nothing to parse
        return
    assert 0.0 <= source.detect(doc) <= 1.0
    result = source.parse(doc)
    assert result.records or any(i.severity == "error" for i in result.issues)
