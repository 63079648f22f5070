"""Transitive clusters with a chaining guard.

Duplicate links are applied strongest first. Each cluster keeps the identifiers, first
pages and years of its members; two clusters whose members disagree (two DOIs, two
PMIDs, two first pages, years more than one apart) are never joined, so a record with
few fields cannot chain two different papers into one cluster through two weak matches.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .table import KeyTable
from .text import related_dois


@dataclass(slots=True)
class _Facts:
    doi: set[str] = field(default_factory=set)
    pmid: set[str] = field(default_factory=set)
    page: set[str] = field(default_factory=set)
    volume: set[str] = field(default_factory=set)
    low: int = 0
    high: int = 0


def _disjoint(a: set[str], b: set[str]) -> bool:
    return bool(a) and bool(b) and a.isdisjoint(b)


class GuardedUnion:
    """Union-find over table rows that refuses joins between conflicting clusters."""

    def __init__(self, t: KeyTable) -> None:
        self.parent = list(range(len(t)))
        self.t = t
        self.facts: dict[int, _Facts] = {}
        self.refused: list[tuple[int, int, str]] = []

    def find(self, x: int) -> int:
        """The root of ``x``'s cluster."""
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def _facts(self, root: int) -> _Facts:
        facts = self.facts.get(root)
        if facts is None:
            t = self.t
            facts = _Facts(
                doi=set(t.dois[root]),
                pmid={t.pmid[root]} - {""},
                page={t.page1[root]} - {""},
                volume={t.volume[root]} - {""},
                low=t.year[root],
                high=t.year[root],
            )
            self.facts[root] = facts
        return facts

    def conflict(
        self, ra: int, rb: int, strong: bool = False, doi_alias: bool = False, page_slip: bool = False
    ) -> str | None:
        """Why clusters ``ra`` and ``rb`` must stay apart, or None. A ``strong`` link
        (backed by a shared identifier) is only stopped by identifier conflicts; a
        ``doi_alias`` link (one article under two DOIs) is not stopped by DOIs, a
        ``page_slip`` link (one article, a misprinted page range) not by first pages."""
        fa, fb = self._facts(ra), self._facts(rb)
        names = ("doi", "pmid") if strong or page_slip else ("doi", "pmid", "page")
        for name in names[1:] if doi_alias else names:
            a, b = getattr(fa, name), getattr(fb, name)
            if _disjoint(a, b) and not (name == "doi" and related_dois(tuple(a), tuple(b))):
                return f"members already hold a different {name}"
        if not strong and fa.low and fb.low and max(fa.high, fb.high) - min(fa.low, fb.low) > 1:
            return "members' years would be more than one apart"
        return None

    def union(self, a: int, b: int, strong: bool = False, doi_alias: bool = False, page_slip: bool = False) -> bool:
        """Join the clusters of ``a`` and ``b``; False (and recorded) when refused."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        reason = self.conflict(ra, rb, strong, doi_alias, page_slip)
        if reason:
            self.refused.append((a, b, reason))
            return False
        fa, fb = self._facts(ra), self._facts(rb)
        if rb < ra:
            ra, rb, fa, fb = rb, ra, fb, fa
        self.parent[rb] = ra
        fa.doi |= fb.doi
        fa.pmid |= fb.pmid
        fa.page |= fb.page
        fa.volume |= fb.volume
        if fb.low:
            fa.low = min(fa.low, fb.low) if fa.low else fb.low
            fa.high = max(fa.high, fb.high)
        del self.facts[rb]
        return True

    def clusters(self) -> list[list[int]]:
        """Rows grouped by cluster, each group and the list in first-row order."""
        groups: dict[int, list[int]] = {}
        for row in range(len(self.parent)):
            groups.setdefault(self.find(row), []).append(row)
        return list(groups.values())
