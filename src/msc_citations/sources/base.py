"""The source plug-in contract.

A source is one class (or object) with ``name``, ``label``, ``priority``, ``input_kinds``,
``detect(doc) -> float`` and ``parse(doc) -> ParseResult``. ``detect`` is cheap and pure,
keyed on the page's own labels and structure; ``parse`` is pure (no I/O) and returns values
as written, leaving clean-up to the normalization stack.
"""

from __future__ import annotations

from typing import ClassVar, Protocol, runtime_checkable

from ..document import Document, DocumentKind
from ..model import Provenance, Record
from ..results import ParseResult


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


class BaseSource:
    """Convenience base class: stores the contract's attributes and builds provenance."""

    name: ClassVar[str] = ""
    label: ClassVar[str] = ""
    priority: ClassVar[int] = 50
    input_kinds: ClassVar[tuple[DocumentKind, ...]] = ("text", "html")

    def detect(self, doc: Document) -> float:  # pragma: no cover - overridden
        raise NotImplementedError

    def parse(self, doc: Document) -> ParseResult:  # pragma: no cover - overridden
        raise NotImplementedError

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
