"""Export and import formats: ``dumps(records, format=...)`` and ``dump(records, path, format=...)``.

Each format is one module exposing ``NAME``, ``EXTENSIONS``, ``write(records) -> str`` and,
where the format is also read, ``read(text) -> list[Record]``. Formats are listed in
:data:`FORMAT_MODULES` and loaded on first use.
"""

from __future__ import annotations

import importlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType
from typing import IO

from ..errors import FormatError
from ..model import Record

FORMAT_MODULES: dict[str, str] = {
    "jsonl": "msc_citations.formats.jsonl",
    "csv": "msc_citations.formats.csv",
}
"""Format name -> module implementing it."""


def _module(fmt: str) -> ModuleType:
    try:
        return importlib.import_module(FORMAT_MODULES[fmt.lower()])
    except KeyError:
        raise FormatError(f"unknown format {fmt!r} (known: {', '.join(sorted(FORMAT_MODULES))})") from None


def available_formats() -> list[str]:
    """Names accepted by ``format=`` and ``--to``."""
    return sorted(FORMAT_MODULES)


def readable_formats() -> list[str]:
    """Formats that can also be read back."""
    return [name for name in available_formats() if hasattr(_module(name), "read")]


def dumps(records: Iterable[Record], format: str = "jsonl") -> str:
    """The records in ``format`` as one string."""
    text: str = _module(format).write(list(records))
    return text


def loads(text: str, format: str) -> list[Record]:
    """Read records from ``text`` in ``format``."""
    mod = _module(format)
    if not hasattr(mod, "read"):
        raise FormatError(f"format {format!r} is written but not read")
    records: list[Record] = mod.read(text)
    return records


def dump(records: Iterable[Record], path_or_fp: str | os.PathLike[str] | IO[str], format: str = "jsonl") -> None:
    """Write the records to a path (atomically: temporary file then rename) or an open
    text stream."""
    text = dumps(records, format=format)
    if hasattr(path_or_fp, "write"):
        path_or_fp.write(text)
        return
    target = Path(path_or_fp)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
