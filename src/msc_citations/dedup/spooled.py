"""Deduplication without holding the records: :func:`~msc_citations.dedup.deduplicate`'s
output, one record at a time.

Each added record leaves three things behind: its row of the key table, the few keys study
linking needs, and its JSON text in a temporary file. Matching runs on the table alone.
The merged records of clusters are built once, from their members read back from the
file, and kept in a second temporary file until their turn; every other output record is
rebuilt from its text when it is written. Only one cluster's members are held at a time.

>>> from msc_citations.model import Person, Record
>>> a = Record(id="a", title="Autologous mesenchymal stem cell transplantation in stroke patients",
...            authors=[Person(family="Bang", given="Oh Young")], year=2005, pages="874-82")
>>> b = Record(id="b", title="AUTOLOGOUS MESENCHYMAL STEM CELL TRANSPLANTATION IN STROKE PATIENTS.",
...            authors=[Person(literal="Bang OY")], year=2005, pages="874-882")
>>> with SpooledDedup() as dedup:
...     dedup.add(a)
...     dedup.add(b)
...     [(r.id, len(r.merged_from)) for r in dedup.records()]
[('a', 2)]
"""

from __future__ import annotations

import pickle
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType

from ..model import Record
from .engine import match_table
from .fuzzy import Windows
from .merge import merge_with_sources
from .spool import Spool
from .studies import StudyFacts, StudyPlan, plan_studies, study_facts
from .table import KeyTable, add_record


class SpooledDedup:
    """Add records in order with :meth:`add`, then iterate :meth:`records` once: the
    records :func:`~msc_citations.dedup.deduplicate` would return, in the same order.

    Temporary files go to ``directory`` (default: the system's); they are removed by
    :meth:`close` (or leaving the ``with`` block), whatever happened.
    """

    def __init__(
        self,
        directory: str | Path | None = None,
        *,
        windows: Windows | None = None,
        merge: bool = True,
        link: bool = True,
    ) -> None:
        self._directory = directory
        self._windows = windows
        self._merge = merge
        self._link = link
        self._texts = Spool(directory)
        self._merged: Spool | None = None
        self._table = KeyTable()
        self._has_id = array("b")
        self._facts: list[StudyFacts] = []
        self.summary: dict[str, int] = {}
        """Once :meth:`records` is exhausted: ``clusters_merged``, ``records_removed``,
        ``maybe_pairs``, ``studies_linked`` (as ``normalize`` reports them)."""
        self.records_out = 0
        self._read = False

    def add(self, record: Record, text: str | None = None) -> None:
        """Add the next record. ``text``, when given, is JSON that
        ``Record.model_validate_json`` turns into ``record`` apart from its id (the text
        the record was validated from); by default the record's own JSON."""
        add_record(self._table, record)
        self._has_id.append(1 if record.id else 0)
        self._facts.append(study_facts(record))
        self._texts.append((record.model_dump_json() if text is None else text).encode("utf-8"))

    def __len__(self) -> int:
        return len(self._table)

    def _record(self, row: int) -> Record:
        rec = Record.model_validate_json(self._texts.row(row))
        wanted = self._table.ids[row] if self._has_id[row] else None
        return rec if rec.id == wanted else rec.model_copy(update={"id": wanted})

    def records(self) -> Iterator[Record]:
        """The deduplicated records, merged and linked into studies, in input order (once)."""
        if self._read:
            raise RuntimeError("SpooledDedup.records() can be read only once")
        self._read = True
        matching = match_table(self._table, self._windows)
        clusters = matching.clusters
        root_of = {row: group[0] for group in clusters for row in group}
        maybe = sum(1 for d in matching.maybe if root_of[d.a] != root_of[d.b])
        del matching, root_of
        merged = self._merge_clusters(clusters)
        plan = StudyPlan()
        if self._link:
            plan = plan_studies(
                [merged[i][1] if i in merged else self._facts[group[0]] for i, group in enumerate(clusters)]
            )
        self._facts = []
        studies: Counter[str] = Counter()
        for index, group in enumerate(clusters):
            rec = self._merged_record(merged[index][0]) if index in merged else self._record(group[0])
            rec = plan.apply(index, rec)
            if rec.study_id:
                studies[rec.study_id] += 1
            self.records_out += 1
            yield rec
        self.summary = {
            "clusters_merged": sum(1 for group in clusters if len(group) > 1),
            "records_removed": len(self._table) - len(clusters),
            "maybe_pairs": maybe,
            "studies_linked": sum(1 for n in studies.values() if n > 1),
        }

    def _merge_clusters(self, clusters: list[list[int]]) -> dict[int, tuple[int, StudyFacts]]:
        """Merge every cluster of two or more into the second file: cluster index -> (row
        there, the merged record's study facts)."""
        merged: dict[int, tuple[int, StudyFacts]] = {}
        if not self._merge:
            return merged
        self._merged = Spool(self._directory)
        for index, group in enumerate(clusters):
            if len(group) > 1:
                record, _ = merge_with_sources([self._record(r) for r in group])
                # Pickled, not JSON: the record read back is exactly the one merged.
                row = self._merged.append(pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))
                merged[index] = row, study_facts(record)
        return merged

    def _merged_record(self, row: int) -> Record:
        assert self._merged is not None
        rec: Record = pickle.loads(self._merged.row(row))
        return rec

    def close(self) -> None:
        """Remove the temporary files."""
        self._texts.close()
        if self._merged is not None:
            self._merged.close()

    def __enter__(self) -> SpooledDedup:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def deduplicate_spooled(records: Iterable[Record], directory: str | Path | None = None) -> list[Record]:
    """``deduplicate(records).records`` computed through :class:`SpooledDedup` (for checks
    and small inputs; large runs iterate :meth:`SpooledDedup.records` instead)."""
    with SpooledDedup(directory) as dedup:
        for rec in records:
            dedup.add(rec)
        return list(dedup.records())
