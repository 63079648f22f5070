"""The source plug-in contract.

A source is one class (or object) with ``name``, ``label``, ``priority``, ``input_kinds``,
``detect(doc) -> float`` and ``parse(doc) -> ParseResult``. ``detect`` is cheap and pure,
keyed on the page's own labels and structure; ``parse`` is pure (no I/O) and returns values
as written, leaving clean-up to the normalization stack.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from typing import Any, ClassVar, Protocol, runtime_checkable

from ..document import Document, DocumentKind
from ..model import Provenance, Record
from ..results import ParseIssue, ParseResult


@runtime_checkable
class SourceParser(Protocol):
    """What every source provides."""

    name: str
    label: str
    priority: int
    input_kinds: tuple[DocumentKind, ...]

    def detect(self, doc: Document) -> float:
        """How sure this source is that it can read ``doc``: 0 (not at all) to 1."""
        ...

    def parse(self, doc: Document) -> ParseResult:
        """Read ``doc`` into records; pure, never raises on odd data (issues instead)."""
        ...


class BaseSource(ABC):
    """Convenience base class: stores the contract's attributes and builds provenance;
    a subclass must define ``detect`` and ``parse``."""

    name: ClassVar[str] = ""
    label: ClassVar[str] = ""
    priority: ClassVar[int] = 50
    input_kinds: ClassVar[tuple[DocumentKind, ...]] = ("text", "html")
    max_score: ClassVar[float] = 1.0
    """The highest score ``detect`` returns: detection skips a source that cannot beat the
    best score already found (a subclass whose detector is capped lower says so here)."""

    @abstractmethod
    def detect(self, doc: Document) -> float:
        """How sure this source is that it can read ``doc``: 0 (not at all) to 1."""

    @abstractmethod
    def parse(self, doc: Document) -> ParseResult:
        """Read ``doc`` into records; pure, never raises on odd data (issues instead)."""

    def provenance(self, doc: Document, confidence: float | None = None) -> Provenance:
        """The ``source`` block for a record read from ``doc``."""
        return Provenance(
            parser=self.name,
            path=doc.path,
            url=doc.canonical_url,
            input_kind=doc.kind,
            confidence=confidence,
        )

    def new_record(self, doc: Document, **fields: object) -> Record:
        """A record carrying this source's provenance."""
        return Record(source=self.provenance(doc), **fields)

    def records_from_entries(
        self, doc: Document, entries: Iterable[tuple[str, dict[str, Any]]], what: str
    ) -> ParseResult:
        """For exports of many records: one record per ``(where, fields)`` entry that has a
        title or a DOI; entries with neither are reported and skipped, and a file without
        any record is an error naming ``what`` was expected."""
        records: list[Record] = []
        issues: list[ParseIssue] = []
        for where, values in entries:
            if not values.get("title") and not values.get("doi"):
                issues.append(ParseIssue(f"{where}: no title and no DOI: skipped", where=where))
                continue
            records.append(self.new_record(doc, **values))
        if not records:
            issues.append(ParseIssue(f"no {what} in this file", severity="error"))
        return ParseResult(records=records, issues=issues)
