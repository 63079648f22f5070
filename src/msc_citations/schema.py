"""The record schema as JSON Schema, generated from the pydantic model.

``python -m msc_citations.schema docs/citation.schema.json`` rewrites the published copy; a
test fails when that copy is stale.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from .model import Record


def record_json_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of one record as the library writes it."""
    schema = Record.model_json_schema(mode="serialization")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def render_schema() -> str:
    """The schema as the text stored in ``docs/citation.schema.json``."""
    return json.dumps(record_json_schema(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the schema to the path given (default: standard output)."""
    args = sys.argv[1:] if argv is None else argv
    text = render_schema()
    if args:
        Path(args[0]).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
