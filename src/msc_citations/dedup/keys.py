"""Exact-key candidates: records sharing a DOI, PMID, PMCID, registry id or the same
normalized title.

A shared key only makes two records *candidates*; :mod:`.compare` still checks title,
year and pages, so a container DOI shared by a book's chapters or a supplement's
abstracts merges nothing by itself. Groups larger than :data:`GROUP_CAP` (a container DOI,
a title such as "Editorial") are compared with their sorted neighbours only, so one huge
group cannot make the run quadratic.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from .table import KeyTable

GROUP_CAP = 24
LARGE_GROUP_WINDOW = 8
MIN_TITLE_KEY = 12


def _groups(keys: Iterable[tuple[int, str]]) -> dict[str, list[int]]:
    groups: dict[str, list[int]] = defaultdict(list)
    for row, key in keys:
        if key:
            groups[key].append(row)
    return groups


def _emit(rows: list[int], t: KeyTable, out: set[int], n: int) -> None:
    if len(rows) <= GROUP_CAP:
        for a, i in enumerate(rows):
            for j in rows[a + 1 :]:
                out.add(i * n + j if i < j else j * n + i)
        return
    rows = sorted(rows, key=lambda r: (t.title[r], t.year[r]))
    for k in range(1, LARGE_GROUP_WINDOW):
        for i, j in zip(rows, rows[k:], strict=False):
            out.add(i * n + j if i < j else j * n + i)


def exact_key_pairs(t: KeyTable) -> set[int]:
    """Pair codes ``i * n + j`` (``i < j``) of rows sharing an identifier or a title."""
    n = len(t)
    out: set[int] = set()
    columns: list[Iterable[tuple[int, str]]] = [
        ((r, d) for r, ds in enumerate(t.dois) for d in ds),
        enumerate(t.pmid),
        enumerate(t.pmcid),
        ((r, g) for r, gs in enumerate(t.registry) for g in gs),
        ((r, k) for r, k in enumerate(t.title) if len(k) >= MIN_TITLE_KEY),
    ]
    for column in columns:
        for rows in _groups(column).values():
            if len(rows) > 1:
                _emit(rows, t, out, n)
    return out
