"""Export and import formats: ``dumps(records, format=...)`` and ``dump(records, path, format=...)``.

Each format is one module exposing ``NAME``, ``EXTENSIONS``, ``write(records) -> str`` and,
where the format is also read, ``read(text) -> list[Record]``. Formats are listed in
:data:`FORMAT_MODULES` and loaded on first use.
"""

from __future__ import annotations

import gc
import importlib
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import IO

from ..atomic_file import atomic_text_file
from ..errors import FormatError
from ..model import Record

FORMAT_MODULES: dict[str, str] = {
    "jsonl": "msc_citations.formats.jsonl",
    "csv": "msc_citations.formats.csv",
    "ris": "msc_citations.formats.ris",
    "bibtex": "msc_citations.formats.bibtex",
    "csl-json": "msc_citations.formats.csl_json",
    "nbib": "msc_citations.formats.nbib",
    "refer": "msc_citations.formats.refer",
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


def with_related(records: Iterable[Record]) -> list[Record]:
    """The records followed, each, by its ``related`` records as records of their own
    (depth first, ``related`` emptied), every one with a unique id, for the flat exports.

    >>> from msc_citations.model import Record
    >>> top = Record(id="a2020x", title="Top", related=[Record(title="Seen also", year=2019)])
    >>> [r.id for r in with_related([top])]
    ['a2020x', 'anon2019seen']
    """
    from ..record_ids import assign_ids

    out: list[Record] = []

    def visit(rec: Record) -> None:
        out.append(rec.model_copy(update={"related": []}) if rec.related else rec)
        for kid in rec.related:
            visit(kid)

    for rec in records:
        visit(rec)
    return assign_ids(out)


@contextmanager
def _collector_paused(*, keeps_made: bool = False) -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a whole file is written or read.

    Reading and writing make many small lists and dicts and no reference cycles; with the
    collector on, each of its passes walks every record built so far, which costs more
    than the reading itself on large files. Cycles made meanwhile are collected once it
    runs again.

    With ``keeps_made`` (reading: the records made meanwhile live on), the objects made
    meanwhile are then moved straight to the collector's oldest generation with
    ``gc.freeze()`` + ``gc.unfreeze()`` (two list splices), instead of being walked by the
    next young-generation pass: on 10k RIS records that pass alone took as long as a third
    of the reading. Unreachable cycles among them are still collected, at the next full
    collection. Skipped when the program has frozen objects of its own (``gc.freeze``
    before a fork, say), which ``unfreeze`` would release. Writing keeps nothing it makes
    but the text, so the program's own young objects are not promoted then."""
    if not gc.isenabled():
        yield
        return
    promote = keeps_made and gc.get_freeze_count() == 0
    gc.disable()
    try:
        yield
    finally:
        if promote:
            gc.freeze()
            gc.unfreeze()
        gc.enable()


def dumps(records: Iterable[Record], format: str = "jsonl") -> str:
    """The records in ``format`` as one string."""
    mod = _module(format)
    with _collector_paused():
        text: str = mod.write(list(records))
    return text


def loads(text: str, format: str) -> list[Record]:
    """Read records from ``text`` in ``format``."""
    mod = _module(format)
    if not hasattr(mod, "read"):
        raise FormatError(f"format {format!r} is written but not read")
    with _collector_paused(keeps_made=True):
        records: list[Record] = mod.read(text)
    return records


def dump(records: Iterable[Record], path_or_fp: str | os.PathLike[str] | IO[str], format: str = "jsonl") -> None:
    """Write the records to a path (atomically: temporary file then rename) or an open
    text stream."""
    text = dumps(records, format=format)
    if hasattr(path_or_fp, "write"):
        path_or_fp.write(text)
        return
    with atomic_text_file(path_or_fp) as fh:
        fh.write(text)
