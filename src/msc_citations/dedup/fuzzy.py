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
from .text import ranges_overlap

TITLE_CUTOFF = 0.75
ABSTRACT_CUTOFF = 0.9
ABSTRACT_SORT_CHARS = 60


@dataclass(frozen=True, slots=True)
class Windows:
    """Neighbourhood size per sort order (1 turns a pass off)."""

    title: int = 10
    reversed_title: int = 6
    author_year: int = 5
    pages: int = 5
    abstract: int = 4


def _title_order(t: KeyTable, by_title: list[int]) -> list[int]:
    return by_title


def _reversed_order(t: KeyTable, by_title: list[int]) -> list[int]:
    rev = [s[::-1] for s in t.title]
    return sorted(range(len(t)), key=rev.__getitem__)


def _author_year_order(t: KeyTable, by_title: list[int]) -> list[int]:
    # Rows come in title order, and sorting is stable: ties stay sorted by title.
    author, year = t.author1, t.year
    rows = [r for r in by_title if author[r]]
    keys = {r: f"{author[r]}\x01{year[r]:04d}" for r in rows}
    return sorted(rows, key=keys.__getitem__)


def _pages_order(t: KeyTable, by_title: list[int]) -> list[int]:
    page, volume, year = t.page1, t.volume, t.year
    rows = [r for r in by_title if page[r]]
    keys = {r: f"{page[r]}\x01{volume[r]}\x01{year[r]:04d}" for r in rows}
    return sorted(rows, key=keys.__getitem__)


def _abstract_order(t: KeyTable, by_title: list[int]) -> list[int]:
    rows = [r for r in range(len(t)) if len(t.abstract[r]) >= ABSTRACT_SORT_CHARS]
    return sorted(rows, key=lambda r: t.abstract[r][:ABSTRACT_SORT_CHARS])


def _scan(order: list[int], window: int, t: KeyTable, out: set[int], mode: str) -> None:
    """Compare each row of ``order`` with the next ``window - 1`` and keep pairs with
    similar titles; in ``pages`` mode also pairs sharing year, volume and first page (a
    title in another language), in ``abstract`` mode pairs whose abstracts open alike."""
    n = len(t)
    # Columns laid out in sort order: the inner loop then walks memory sequentially.
    years = [t.year[i] for i in order]
    pages = [t.page1[i] for i in order]
    lasts = [t.page2[i] for i in order]
    titles = [t.title[i] for i in order]
    volumes = [t.volume[i] for i in order] if mode == "pages" else []
    authors = [t.author1[i] for i in order] if mode == "pages" else []
    abstracts = [t.abstract[i] for i in order] if mode == "abstract" else []
    sim = Indel.normalized_similarity
    for k in range(1, window):
        for x in range(len(order) - k):
            y = x + k
            # Years more than one apart or two different first pages rule a pair out
            # unless an identifier is shared, and those pairs come from exact keys.
            yx, yy = years[x], years[y]
            px, py = pages[x], pages[y]
            if yx and yy and (yx - yy > 1 or yy - yx > 1) and (px or py or titles[x] != titles[y]):
                # (Editions of an updated chapter share the title, without pages.)
                continue
            # Different first pages rule a pair out, unless the titles are the same and
            # the ranges overlap (one misprinted range).
            if px and py and px != py and (titles[x] != titles[y] or not ranges_overlap(px, lasts[x], py, lasts[y])):
                continue
            if not (
                sim(titles[x], titles[y], score_cutoff=TITLE_CUTOFF)
                or (volumes and px == py and volumes[x] == volumes[y] and yx == yy and authors[x] == authors[y])
                or (abstracts and sim(abstracts[x], abstracts[y], score_cutoff=ABSTRACT_CUTOFF))
            ):
                continue
            i, j = order[x], order[y]
            out.add(i * n + j if i < j else j * n + i)


def neighbour_pairs(t: KeyTable, windows: Windows, out: set[int]) -> None:
    """Add candidate pair codes from every sorted-neighbourhood pass to ``out``."""
    by_title = sorted(range(len(t)), key=t.title.__getitem__)
    passes: list[tuple[int, Callable[[KeyTable, list[int]], list[int]], str]] = [
        (windows.title, _title_order, "title"),
        (windows.reversed_title, _reversed_order, "title"),
        (windows.author_year, _author_year_order, "title"),
        (windows.pages, _pages_order, "pages"),
        (windows.abstract, _abstract_order, "abstract"),
    ]
    for window, make_order, mode in passes:
        if window > 1:
            _scan(make_order(t, by_title), window, t, out, mode)
