"""Exact-key candidates: records sharing a DOI, PMID, PMCID or registry id. (Records with
the same normalized title sit next to each other in the title sort of :mod:`.fuzzy`.)

A shared key only makes two records *candidates*; :mod:`.compare` still checks title,
year and pages, so a container DOI shared by a book's chapters or a supplement's
abstracts merges nothing by itself. Groups larger than :data:`GROUP_CAP` (a container DOI,
a DOI pasted into every record of an export) are compared with their sorted neighbours only, so one huge
group cannot make the run quadratic.
"""

from __future__ import annotations

from collections.abc import Iterable

from .table import KeyTable

GROUP_CAP = 24
LARGE_GROUP_WINDOW = 8


def _groups(keys: Iterable[tuple[int, str]]) -> dict[str, list[int]]:
    groups: dict[str, list[int]] = {}
    for row, key in keys:
        if key:
            found = groups.get(key)
            if found is None:
                groups[key] = [row]
            else:
                found.append(row)
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


def _version_groups(t: KeyTable) -> list[list[int]]:
    """Rows naming one versioned document: its versions' rows plus the row whose DOI is
    the unversioned one (few rows have a work key, so the DOI column is only probed)."""
    groups = _groups(enumerate(t.work))
    if not groups:
        return []
    for r, ds in enumerate(t.dois):
        for d in ds:
            rows = groups.get(d)
            if rows is not None and rows[-1] != r and r not in rows:
                rows.append(r)
    return list(groups.values())


def exact_key_pairs(t: KeyTable) -> set[int]:
    """Pair codes ``i * n + j`` (``i < j``) of rows sharing an identifier, or naming
    versions of one document."""
    n = len(t)
    out: set[int] = set()
    for rows in _version_groups(t):
        if len(rows) > 1:
            _emit(rows, t, out, n)
    columns: list[Iterable[tuple[int, str]]] = [
        ((r, d) for r, ds in enumerate(t.dois) for d in ds),
        enumerate(t.pmid),
        enumerate(t.pmcid),
        ((r, g) for r, gs in enumerate(t.registry) for g in gs),
    ]
    for column in columns:
        for rows in _groups(column).values():
            if len(rows) > 1:
                _emit(rows, t, out, n)
    return out
