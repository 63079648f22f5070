"""Fuzzy candidates by sorted neighbourhood: no all-pairs, no unbounded blocks.

Rows are sorted on several keys (the title, the title read backwards so an early typo
does not hide a pair, first author + year, pages + volume, the abstract's opening) and
each row is compared with the next few rows of each order. Cost grows as
``n * window`` per pass, i.e. linearly. A neighbour pair becomes a candidate only when its
titles are at least :data:`TITLE_CUTOFF` similar (rapidfuzz Indel, one C call), or when
both records' abstracts open alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz.distance import Indel

from .table import KeyTable

TITLE_CUTOFF = 0.75
ABSTRACT_CUTOFF = 0.9
ABSTRACT_SORT_CHARS = 60


@dataclass(frozen=True, slots=True)
class Windows:
    """Neighbourhood size per sort order (1 turns a pass off)."""

    title: int = 10
    reversed_title: int = 6
    author_year: int = 6
    pages: int = 6
    abstract: int = 4


def _title_order(t: KeyTable) -> list[int]:
    return sorted(range(len(t)), key=t.title.__getitem__)


def _reversed_order(t: KeyTable) -> list[int]:
    rev = [s[::-1] for s in t.title]
    return sorted(range(len(t)), key=rev.__getitem__)


def _author_year_order(t: KeyTable) -> list[int]:
    rows = [r for r in range(len(t)) if t.author1[r]]
    return sorted(rows, key=lambda r: (t.author1[r], t.year[r], t.title[r]))


def _pages_order(t: KeyTable) -> list[int]:
    rows = [r for r in range(len(t)) if t.page1[r]]
    return sorted(rows, key=lambda r: (t.page1[r], t.volume[r], t.year[r], t.title[r]))


def _abstract_order(t: KeyTable) -> list[int]:
    rows = [r for r in range(len(t)) if len(t.abstract[r]) >= ABSTRACT_SORT_CHARS]
    return sorted(rows, key=lambda r: t.abstract[r][:ABSTRACT_SORT_CHARS])


def _scan(order: list[int], window: int, t: KeyTable, out: set[int], mode: str) -> None:
    """Compare each row of ``order`` with the next ``window - 1`` and keep pairs with
    similar titles; in ``pages`` mode also pairs sharing year, volume and first page (a
    title in another language), in ``abstract`` mode pairs whose abstracts open alike."""
    n = len(t)
    title, abstract = t.title, t.abstract
    page, volume, year = t.page1, t.volume, t.year
    sim = Indel.normalized_similarity
    pages, abstracts = mode == "pages", mode == "abstract"
    for k in range(1, window):
        for i, j in zip(order, order[k:], strict=False):
            code = i * n + j if i < j else j * n + i
            if code in out:
                continue
            if (
                sim(title[i], title[j], score_cutoff=TITLE_CUTOFF)
                or (pages and page[i] == page[j] and volume[i] == volume[j] and year[i] == year[j])
                or (abstracts and sim(abstract[i], abstract[j], score_cutoff=ABSTRACT_CUTOFF))
            ):
                out.add(code)


def neighbour_pairs(t: KeyTable, windows: Windows, out: set[int]) -> None:
    """Add candidate pair codes from every sorted-neighbourhood pass to ``out``."""
    passes: list[tuple[int, Callable[[KeyTable], list[int]], str]] = [
        (windows.title, _title_order, "title"),
        (windows.reversed_title, _reversed_order, "title"),
        (windows.author_year, _author_year_order, "title"),
        (windows.pages, _pages_order, "pages"),
        (windows.abstract, _abstract_order, "abstract"),
    ]
    for window, make_order, mode in passes:
        if window > 1:
            _scan(make_order(t), window, t, out, mode)
