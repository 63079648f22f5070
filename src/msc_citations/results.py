"""Results of parsing: issues found along the way and what a parse produced."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .model import Record

Severity = Literal["info", "warning", "error"]


@dataclass(frozen=True, slots=True)
class ParseIssue:
    """Something a parser or normalization step could not read or had to guess.

    ``field`` names the record field concerned (if any); ``where`` says where in the input
    (a line number, a label or a selector).
    """

    message: str
    field: str | None = None
    where: str | None = None
    severity: Severity = "warning"

    def __str__(self) -> str:
        parts = [self.severity, self.message]
        if self.field:
            parts.append(f"field={self.field}")
        if self.where:
            parts.append(f"at {self.where}")
        return " ".join(parts)


@dataclass(slots=True)
class ParseResult:
    """What a source returns: the records it read and the issues it met."""

    records: list[Record] = field(default_factory=list)
    issues: list[ParseIssue] = field(default_factory=list)
    source: str | None = None
    score: float | None = None

    @property
    def ok(self) -> bool:
        """True when at least one record was produced."""
        return bool(self.records)
