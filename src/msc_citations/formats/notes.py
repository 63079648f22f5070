"""Labelled note lines (``Label: value``) that carry record fields a format has no tag for.

Every tagged format (RIS ``N1``, BibTeX ``note``, CSL-JSON ``note``, MEDLINE ``GN``,
Refer ``%Z``) writes the same lines, so a reviewer sees the trial design in any
reference manager, and our readers turn them back into fields. :data:`NOTE_FIELDS` is the
one table both directions use.

>>> from msc_citations.model import Record, TrialInfo
>>> lines = note_lines(Record(trial=TrialInfo(phase="PHASE2", enrollment=30)))
>>> lines
['Phase: PHASE2', 'Enrollment: 30']
>>> data: dict = {}
>>> all(read_note_line(line, data) for line in lines)
True
>>> data
{'trial': {'phase': 'PHASE2', 'enrollment': 30}}
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from itertools import compress
from operator import itemgetter
from typing import Any

from ..model import Record
from .common import canonical_pages

NOTE_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("PMID", "pmid", "str"),
    ("Citation key", "id", "str"),
    ("Record type", "type", "str"),
    ("PMCID", "pmcid", "str"),
    ("DOI", "doi", "str"),
    ("Trial registration", "registry_ids", "registry"),
    ("Study type", "trial.study_type", "str"),
    ("Trial status", "trial.status", "str"),
    ("Phase", "trial.phase", "str"),
    ("Allocation", "trial.allocation", "str"),
    ("Masking", "trial.masking", "str"),
    ("Purpose", "trial.purpose", "str"),
    ("Intervention model", "trial.intervention_model", "str"),
    ("Enrollment", "trial.enrollment", "int"),
    ("Condition", "trial.conditions", "list"),
    ("Intervention", "trial.interventions", "list"),
    ("Sponsor", "trial.sponsor", "str"),
    ("Collaborator", "trial.collaborators", "list"),
    ("Site", "trial.sites", "list"),
    ("Start date", "trial.start_date", "str"),
    ("Completion date", "trial.completion_date", "str"),
    ("Registration date", "trial.registration_date", "str"),
    ("Primary outcome", "trial.outcomes", "outcome:primary"),
    ("Secondary outcome", "trial.outcomes", "outcome:secondary"),
    ("Other outcome", "trial.outcomes", "outcome:other"),
    ("Outcome", "trial.outcomes", "outcome:"),
    ("Journal", "journal", "str"),
    ("Journal abbreviation", "journal_abbrev", "str"),
    ("Publisher", "publisher", "str"),
    ("ISSN", "issn", "list"),
    ("Volume", "volume", "str"),
    ("Issue", "issue", "str"),
    ("Pages", "pages", "str"),
    ("Article number", "article_number", "str"),
    ("Page count", "page_count", "int"),
    ("Month", "month", "int"),
    ("Day", "day", "int"),
    ("Alternative title", "alt_titles", "alt_title"),
    ("Keyword", "keywords", "list"),
    ("MeSH", "mesh_terms", "list"),
    ("Publication type", "publication_types", "list"),
    ("Language", "language", "str"),
    ("Country", "country", "str"),
    ("Funding", "funding", "funding"),
    ("Cited by", "cited_by_count", "int"),
    ("Classification", "classification", "str"),
    ("URL", "url", "str"),
)
"""(label, field path, kind), in the order written. A path ``trial.x`` is a field of the
record's trial design. The PMID comes first: Citation.js joins RIS notes into one string
and finds ``PMID: n`` only where no letter runs into it."""

OUTCOME_LABELS: dict[str | None, str] = {
    kind.split(":", 1)[1] or None: label for label, _, kind in NOTE_FIELDS if kind.startswith("outcome:")
}
"""Outcome kind -> its note label."""

TOP_FIELD: dict[str, str] = {label: path.split(".", 1)[0] for label, path, _ in NOTE_FIELDS}
"""Label -> the top-level record field it fills (``trial`` for design fields)."""

_BY_LABEL: dict[str, tuple[str, str]] = {label.casefold(): (path, kind) for label, path, kind in NOTE_FIELDS}
_LINE = re.compile(r"^([A-Za-z][A-Za-z ]{0,30}?)(?: \(([^()]{1,40})\))?: (.+)$", re.S)
TIME_FRAME = " | Time frame: "
DESCRIPTION = " | Description: "


def _outcome_line(label: str, outcome: Any) -> str:
    text = f"{label}: {outcome.measure}"
    if outcome.time_frame:
        text += TIME_FRAME + outcome.time_frame
    if outcome.description:
        text += DESCRIPTION + outcome.description
    return text


def _lines_for(label: str, value: Any, kind: str) -> list[str]:
    if kind == "list":
        return [f"{label}: {item}" for item in value]
    if kind == "registry":
        return [f"{label}: {reg.registry}/{reg.id}" for reg in value]
    if kind == "outcome:primary":
        # All outcomes are written at the first outcome label, in their own order.
        return [_outcome_line(OUTCOME_LABELS[o.kind], o) for o in value]
    if kind == "alt_title":
        return [f"{label} ({t.language}): {t.text}" if t.language else f"{label}: {t.text}" for t in value]
    if kind == "funding":
        out = []
        for fund in value:
            awards = f"[{'; '.join(fund.award_ids)}]" if fund.award_ids else ""
            out.append(f"{label}: {' '.join(p for p in (fund.funder or '', awards) if p)}")
        return out
    raise ValueError(f"unknown note kind {kind!r}")


Entries = tuple[tuple[str, str, str, str], ...]
"""(label, attribute, kind, ``"label: "`` prefix) per note field to write."""
Getter = Callable[[dict[str, Any]], tuple[Any, ...]]
Part = tuple[Entries, Getter, Getter]
"""Entries, the getter of their values and the getter of their ``int`` values."""


def _getter(entries: Entries) -> Getter:
    """A function returning, from a model's ``__dict__``, the values of ``entries`` in order."""
    attrs = [attr for _, attr, _, _ in entries]
    if not attrs:
        return lambda _values: ()
    if len(attrs) == 1:
        one = itemgetter(attrs[0])
        return lambda values: (one(values),)
    return itemgetter(*attrs)


def _part(entries: list[tuple[str, str, str, str]]) -> Part:
    # Only values of kind ``int`` can be 0, the one falsy value that is written.
    return tuple(entries), _getter(tuple(entries)), _getter(tuple(e for e in entries if e[2] == "int"))


@lru_cache(maxsize=256)
def _plan(skip: frozenset[str]) -> tuple[Part, Part]:
    """The record's and its trial design's entries to write when ``skip`` fields are native."""
    top: list[tuple[str, str, str, str]] = []
    trial: list[tuple[str, str, str, str]] = []
    for label, path, kind in NOTE_FIELDS:
        head, _, tail = path.partition(".")
        if kind.startswith("outcome:") and kind != "outcome:primary":
            continue
        if path == "pages" and "pages" in skip:
            top.append((label, head, "pages-native", ""))
        elif head not in skip:
            (trial if tail else top).append((label, tail or head, kind, f"{label}: "))
    return _part(top), _part(trial)


def _pages_line(label: str, record: Record) -> list[str]:
    # Pages are written natively from page_first/page_last; pages stated otherwise
    # ("443-446, 451", or not split at all) also go to a note so nothing is lost.
    pages = record.pages
    if pages and (not record.page_first or pages != canonical_pages(record.page_first, record.page_last)):
        return [f"{label}: {pages}"]
    return []


def note_lines(record: Record, skip: Iterable[str] = ()) -> list[str]:
    """The ``Label: value`` lines for every field of ``record`` not in ``skip`` (top-level
    field names the format carries natively; ``trial`` skips every design field)."""
    top, trial = _plan(skip if isinstance(skip, frozenset) else frozenset(skip))
    out: list[str] = []
    _add_lines(record, record, top, out)
    if record.trial is not None:
        _add_lines(record, record.trial, trial, out)
    return out


def _add_lines(record: Record, source: Any, part: Part, out: list[str]) -> None:
    """Append the lines of ``source``'s (the record's or its trial's) entries to ``out``."""
    entries, values_of, ints_of = part
    # Field values straight from the model's ``__dict__``: this runs for every record of
    # every tagged export.
    values = values_of(source.__dict__)
    present: Iterable[tuple[tuple[str, str, str, str], Any]]
    if 0 in ints_of(source.__dict__):
        present = ((entry, value) for entry, value in zip(entries, values, strict=True) if value or value == 0)
    else:
        # Most fields are empty (None, "" or []): only the others are looked at.
        present = zip(compress(entries, values), compress(values, values), strict=True)
    for (label, attr, kind, prefix), value in present:
        if kind == "str" or kind == "int":  # noqa: PLR1714  (the common case, kept cheap)
            if attr == "type" and value == "journal-article":
                continue
            out.append(prefix + str(value))
        elif kind == "list":
            out += [prefix + item for item in value]
        elif kind == "pages-native":
            # Most pages are the split pages as written natively: no line, and no call.
            first, last = record.page_first, record.page_last
            if not first or value != (f"{first}-{last}" if last and last != first else first):
                out += _pages_line(label, record)
        else:
            out += _lines_for(label, value, kind)


def _set(data: dict[str, Any], path: str, value: Any, append: bool) -> None:
    head, _, tail = path.partition(".")
    target = data.setdefault("trial", {}) if tail else data
    key = tail or head
    if append:
        target.setdefault(key, []).append(value)
    else:
        target[key] = value


def _parse_outcome(kind: str, text: str) -> dict[str, Any]:
    outcome: dict[str, Any] = {"kind": kind.split(":", 1)[1] or None}
    text, _, outcome["description"] = text.partition(DESCRIPTION)
    text, _, outcome["time_frame"] = text.partition(TIME_FRAME)
    outcome["measure"] = text
    return {k: v for k, v in outcome.items() if v or k == "kind"}


def _parse_funding(text: str) -> dict[str, Any]:
    funder, awards = text, ""
    if text.endswith("]") and "[" in text:
        funder, _, awards = text[:-1].rpartition("[")
    funder = funder.strip()
    return {"funder": funder or None, "award_ids": [a.strip() for a in awards.split(";") if a.strip()]}


def read_note_line(line: str, data: dict[str, Any]) -> bool:
    """Put one ``Label: value`` line into ``data`` (a record as a dict); False when the line
    is no note of ours (the caller keeps it as free text)."""
    m = _LINE.match(line.strip())
    if not m:
        return False
    found = _BY_LABEL.get(m.group(1).casefold())
    if found is None:
        return False
    path, kind = found
    qualifier, value = m.group(2), m.group(3).strip()
    if kind == "int":
        if not value.isdigit():
            return False
        _set(data, path, int(value), False)
    elif kind == "str":
        _set(data, path, value, False)
    elif kind == "list":
        _set(data, path, value, True)
    elif kind == "registry":
        registry, sep, ident = value.partition("/")
        if not sep:
            return False
        _set(data, path, {"registry": registry, "id": ident}, True)
    elif kind.startswith("outcome:"):
        _set(data, path, _parse_outcome(kind, value), True)
    elif kind == "alt_title":
        _set(data, path, {"text": value, "language": qualifier}, True)
    elif kind == "funding":
        _set(data, path, _parse_funding(value), True)
    return True


def split_notes(lines: Iterable[str], data: dict[str, Any]) -> list[str]:
    """Read every note line into ``data``; return the lines that are not ours."""
    lines = list(lines)
    pages = data.get("pages")
    rest = [line for line in lines if line.strip() and not read_note_line(line, data)]
    noted = data.get("pages") != pages or any(line.startswith("Pages: ") for line in lines)
    # A pages note means the pages were not written split: the start page the format's own
    # page tag gave is not a split start page.
    if noted and pages and not data.get("page_last") and data.get("page_first") == pages:
        data.pop("page_first", None)
    return rest
