"""JSON Lines of our own schema: one record per line, keys in schema order, UTF-8."""

from __future__ import annotations

from ..errors import FormatError
from ..model import Record

NAME = "jsonl"
EXTENSIONS = (".jsonl", ".ndjson")


def write(records: list[Record]) -> str:
    """One compact JSON object per line (the JSON of :meth:`Record.to_json_dict`), non-ASCII
    kept as is."""
    return "".join([r.model_dump_json() + "\n" for r in records])


def read(text: str) -> list[Record]:
    """Records from JSON Lines written by :func:`write` (blank lines ignored)."""
    out: list[Record] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            out.append(Record.model_validate_json(line))
        except ValueError as exc:
            raise FormatError(f"line {n}: not a record of this schema: {exc}") from exc
    return out
