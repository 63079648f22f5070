"""Writing records a chunk at a time: the text :func:`~msc_citations.formats.dumps` gives
for the whole list, without holding the list or the text.

Every format's ``write`` is a fixed head, the records' texts joined by a fixed separator,
and a fixed tail (or a fixed text for no records), with nothing carried from one record
to the next; so each chunk is written by the format's own ``write`` and its head and tail
are cut off. BibTeX and CSL-JSON records must have ids: those writers give missing ids by
numbering within the list they are given, which a chunk is not.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import IO

from ..atomic_file import atomic_text_file
from ..model import Record
from . import _module, dumps

CHUNK_RECORDS = 500


@dataclass(frozen=True, slots=True)
class Frame:
    """``head + joiner.join(record texts) + tail``, or ``empty`` for no records."""

    head: str = ""
    joiner: str = ""
    tail: str = ""
    empty: str = ""
    needs_ids: bool = False


def _frame(fmt: str) -> Frame | None:
    name = fmt.lower()
    if name in ("jsonl", "ris", "nbib", "refer"):
        return Frame()
    if name == "bibtex":
        return Frame(joiner="\n", needs_ids=True)
    if name == "csl-json":
        return Frame("[\n", ",\n", "\n]\n", "[]\n", needs_ids=True)
    if name == "csv":
        header: str = _module(name).write([])
        return Frame(head=header, empty=header)
    return None


def _body(text: str, frame: Frame) -> str:
    if not (text.startswith(frame.head) and text.endswith(frame.tail)):
        raise ValueError("a format's output is not framed as expected")
    return text[len(frame.head) : len(text) - len(frame.tail)]


def iter_text(records: Iterable[Record], format: str = "jsonl", chunk: int = CHUNK_RECORDS) -> Iterator[str]:
    """Pieces whose concatenation is ``dumps(records, format=format)``."""
    frame = _frame(format)
    if frame is None:  # a format not known to be framed: written whole
        yield dumps(records, format=format)
        return
    items = iter(records)
    first = True
    while batch := list(islice(items, chunk)):
        if frame.needs_ids and not all(r.id for r in batch):
            raise ValueError(f"{format} records written in chunks need ids")
        body = _body(dumps(batch, format=format), frame)
        yield (frame.head if first else frame.joiner) + body
        first = False
    yield frame.empty if first else frame.tail


def dump_chunked(
    records: Iterable[Record], path_or_fp: str | os.PathLike[str] | IO[str], format: str = "jsonl"
) -> None:
    """:func:`~msc_citations.formats.dump` for records that come one at a time: written
    as they come (to a path atomically: a temporary file renamed once complete)."""
    if hasattr(path_or_fp, "write"):
        for piece in iter_text(records, format):
            path_or_fp.write(piece)
        return
    with atomic_text_file(path_or_fp) as fh:
        for piece in iter_text(records, format):
            fh.write(piece)
