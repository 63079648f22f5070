"""Fill a parsed record's empty fields from a service's record, never overwriting.

Rules (data below, logic in :func:`fill_record`):

- a field is filled only when the page left it empty; the service's name goes into
  ``record.source.fields[field]``;
- where both have a value, the values are compared (case, spacing and punctuation
  ignored); a difference is a conflict, kept in ``extra["enrichment_conflicts"]`` with both
  values, and the page's value stays;
- month and day are taken only with a year that agrees;
- an author list the page marks incomplete (``et al.``, ``authors_complete: false``) is
  replaced by the service's longer list when the first authors agree: the page did not
  state the others, it only pointed to them;
- registry ids the service knows are added; trial design fields fill the empty ones.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from ..model import Provenance, Record

SCALAR_FIELDS: tuple[str, ...] = (
    "title",
    "journal",
    "journal_abbrev",
    "publisher",
    "year",
    "volume",
    "issue",
    "pages",
    "page_first",
    "page_last",
    "article_number",
    "page_count",
    "doi",
    "pmid",
    "pmcid",
    "abstract",
    "language",
    "country",
    "url",
)
DATE_DETAIL_FIELDS: tuple[str, ...] = ("month", "day")
LIST_FIELDS: tuple[str, ...] = (
    "issn",
    "keywords",
    "mesh_terms",
    "publication_types",
    "funding",
    "abstract_sections",
    "alt_titles",
)
COMPARED_FIELDS = frozenset({"title", "year", "volume", "issue", "page_first", "doi", "pmid", "pmcid"})
"""Fields whose disagreement is reported; others (journal spellings, URLs) differ harmlessly."""
TRIAL_SCALARS: tuple[str, ...] = (
    "status",
    "study_type",
    "phase",
    "allocation",
    "masking",
    "purpose",
    "intervention_model",
    "enrollment",
    "sponsor",
    "start_date",
    "completion_date",
    "registration_date",
)
TRIAL_LISTS: tuple[str, ...] = ("conditions", "interventions", "collaborators", "sites", "outcomes")
TRIAL_COMPARED = frozenset({"study_type", "allocation", "masking", "enrollment", "status"})
CONFLICTS_KEY = "enrichment_conflicts"
_NOT_ALNUM = re.compile(r"[\W_]+")


@dataclass
class FillOutcome:
    """What :func:`fill_record` did: the new record, the fields filled, the conflicts."""

    record: Record
    filled: list[str] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)


def comparable(value: object) -> object:
    """A value reduced for comparison: text case-folded without punctuation or spacing."""
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).casefold()
        text = text.removeprefix("https://doi.org/").removeprefix("doi:")
        return _NOT_ALNUM.sub("", text).lstrip("0") or "0"
    return value


def _empty(value: object) -> bool:
    return value is None or value in ("", [], {})


class _Filler:
    def __init__(self, record: Record, found: Record, service: str) -> None:
        self.record, self.found, self.service = record, found, service
        self.updates: dict[str, Any] = {}
        self.outcome = FillOutcome(record)

    def conflict(self, name: str, page: object, theirs: object) -> None:
        self.outcome.conflicts.append({"field": name, "page": page, "service": self.service, "value": theirs})

    def take(self, name: str, value: object) -> None:
        self.updates[name] = value
        self.outcome.filled.append(name)

    def scalars(self) -> None:
        for name in SCALAR_FIELDS:
            mine, theirs = getattr(self.record, name), getattr(self.found, name)
            if _empty(theirs):
                continue
            if _empty(mine):
                self.take(name, theirs)
            elif name in COMPARED_FIELDS and comparable(mine) != comparable(theirs):
                self.conflict(name, mine, theirs)
        if self.record.year is None or self.record.year == self.found.year:
            for name in DATE_DETAIL_FIELDS:
                if getattr(self.record, name) is None and getattr(self.found, name) is not None:
                    self.take(name, getattr(self.found, name))

    def lists(self) -> None:
        for name in LIST_FIELDS:
            if _empty(getattr(self.record, name)) and not _empty(getattr(self.found, name)):
                self.take(name, getattr(self.found, name))

    def authors(self) -> None:
        mine, theirs = self.record.authors, self.found.authors
        if not theirs:
            return
        if not mine:
            self.take("authors", theirs)
        elif self.record.authors_complete is False and len(theirs) > len(mine) and _same_person(mine[0], theirs[0]):
            self.take("authors", theirs)
            self.take("authors_complete", True if self.found.authors_complete is None else self.found.authors_complete)

    def registry_ids(self) -> None:
        known = {comparable(r.id) for r in self.record.registry_ids}
        new = [r for r in self.found.registry_ids if comparable(r.id) not in known]
        if new:
            self.take("registry_ids", [*self.record.registry_ids, *new])

    def trial(self) -> None:
        theirs = self.found.trial
        if theirs is None:
            return
        mine = self.record.trial
        if mine is None:
            self.take("trial", theirs)
            return
        changes: dict[str, Any] = {}
        for name in (*TRIAL_SCALARS, *TRIAL_LISTS):
            a, b = getattr(mine, name), getattr(theirs, name)
            if _empty(b):
                continue
            if _empty(a):
                changes[name] = b
                self.outcome.filled.append(f"trial.{name}")
            elif name in TRIAL_COMPARED and comparable(a) != comparable(b):
                self.conflict(f"trial.{name}", a, b)
        if changes:
            self.updates["trial"] = mine.model_copy(update=changes)

    def finish(self) -> FillOutcome:
        if not self.outcome.filled and not self.outcome.conflicts:
            return self.outcome
        source = self.record.source or Provenance()
        fields = dict(source.fields)
        for name in self.outcome.filled:
            fields[name] = self.service
        extra = dict(self.record.extra)
        if self.outcome.conflicts:
            extra[CONFLICTS_KEY] = [*extra.get(CONFLICTS_KEY, []), *self.outcome.conflicts]
        self.updates["source"] = source.model_copy(update={"fields": fields})
        self.updates["extra"] = extra
        self.outcome.record = self.record.model_copy(update=self.updates)
        return self.outcome


def fill_record(record: Record, found: Record, service: str) -> FillOutcome:
    """``record`` with its empty fields filled from ``found`` (see the module rules)."""
    filler = _Filler(record, found, service)
    filler.scalars()
    filler.lists()
    filler.authors()
    filler.registry_ids()
    filler.trial()
    return filler.finish()


def _same_person(a: Any, b: Any) -> bool:
    def key(p: Any) -> str:
        if p.family:
            return str(comparable(p.family))
        words = (p.literal or p.given or "").split()
        return str(comparable(words[0] if words else ""))

    ka, kb = key(a), key(b)
    if ka and ka == kb:
        return True
    literal = str(comparable(a.literal or ""))
    return bool(kb) and kb in literal
