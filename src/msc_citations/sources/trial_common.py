"""Pieces shared by the trial-registry sources.

Registries write the same design facts in their own words (``募集中``, ``Open public
recruiting``, ``Phase I,II``, ``Ⅱ期``). :func:`map_status`, :func:`map_phase` and
:func:`map_term` put them onto ClinicalTrials.gov's enums using the data table
``data/trial_vocab.json``; the registry's own wording is kept by :func:`keep_wording`.
:func:`split_labelled` cuts label/value page text into fields, :func:`parse_outcome_lines`
reads outcome blocks ending in ``Time frame: ...``, and :func:`registry_id` names the
registry of an id. Everything here is pure and never raises.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from ..model import Outcome, RegistryId

VOCAB_FILE = "trial_vocab.json"

NCT_ID = re.compile(r"(?<![A-Za-z0-9])NCT\s?(\d{8})(?!\d)", re.IGNORECASE)
"""A ClinicalTrials.gov id anywhere in a string (URL, file name, text)."""

TIME_FRAME = re.compile(r"^\[?\s{0,5}time\s?frame\s{0,5}[:：](?P<value>.*)$", re.IGNORECASE)
"""An outcome's ``Time frame: ...`` line."""

OUTCOME_HEADING = re.compile(
    r"^(Primary|Secondary|Other)\s+(?:Outcome\s+Measures?|Outcomes?|Endpoints?)\s*:?$", re.IGNORECASE
)
"""A heading naming the kind of the outcome blocks under it."""

INLINE_TIME_FRAME = re.compile(
    r"^(?P<measure>.{1,2000}?)\s*\[\s*Time\s?Frame\s*:\s*(?P<value>[^\]]{0,500})\]\s*(?P<rest>.*)$"
)
"""``Measure [ Time Frame: 12 months ] description`` (ClinicalTrials.gov classic pages)."""

BILINGUAL_SPLIT = re.compile(r"\s?/\s?")
"""The separator of a value written in two languages."""

_PHASE_TOKEN = re.compile(r"(?<![a-z])(iv|iii|ii|i|[1-4]|[ⅰⅱⅲⅳ]|[一二三四])(?![a-z])")
_PHASE_WORDS = re.compile(r"phase|第|期|相|臨床試験|临床试验|試験|임상|상", re.IGNORECASE)

REGISTRY_PREFIXES: tuple[tuple[str, str], ...] = (
    ("NCT", "ClinicalTrials.gov"),
    ("CHICTR", "ChiCTR"),
    ("JRCT", "jRCT"),
    ("UMIN", "UMIN-CTR"),
    ("KCT", "CRiS"),
    ("JAPICCTI", "JapicCTI"),
    ("ISRCTN", "ISRCTN"),
    ("ACTRN", "ANZCTR"),
    ("DRKS", "DRKS"),
    ("CTRI", "CTRI"),
)
"""Fallback registry names by id prefix (the ids step's :func:`registry_of` is asked first)."""

SECONDARY_DOMAINS: dict[str, str] = {
    "eudract": "EudraCT",
    "eudract number": "EudraCT",
    "eudract_number": "EudraCT",
    "eu clinical trials": "CTIS",
    "eu ct": "CTIS",
    "ctis": "CTIS",
    "jrct": "jRCT",
    "umin": "UMIN-CTR",
    "chictr": "ChiCTR",
    "cris": "CRiS",
}
"""API secondary-id domains (lower-cased) mapped to registry names."""


@cache
def vocab() -> dict[str, Any]:
    """The vocabulary table (loaded once)."""
    text = resources.files("msc_citations.data").joinpath(VOCAB_FILE).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _key(text: str) -> str:
    return " ".join(text.split()).strip(".。").strip().lower()


def map_term(table: str, text: str | None) -> str | None:
    """``text`` mapped through one vocabulary table (``status``, ``allocation``, ...);
    an enum-shaped value (``RANDOMIZED``) passes through; ``None`` when unknown.

    >>> map_term("allocation", "Randomized"), map_term("masking", "None (Open Label)")
    ('RANDOMIZED', 'NONE')
    >>> map_term("status", "一般募集中/Open public recruiting")
    'RECRUITING'
    """
    if not text or not text.strip():
        return None
    entries: Mapping[str, str] = vocab().get(table, {})
    key = _key(text)
    if key in entries:
        return entries[key]
    upper = key.upper().replace(" ", "_").replace(",", "")
    if upper in _enum_values(table):
        return upper
    head = key.split("(", 1)[0].strip()
    if head in entries:
        return entries[head]
    # Bilingual values: "一般募集中/Open public recruiting", "募集中 / Recruiting".
    for part in BILINGUAL_SPLIT.split(key) if BILINGUAL_SPLIT.search(key) else ():
        if part.strip() in entries:
            return entries[part.strip()]
    return None


@cache
def _enum_values(table: str) -> frozenset[str]:
    """The enums a vocabulary table maps onto."""
    return frozenset(vocab().get(table, {}).values())


def map_status(text: str | None) -> str | None:
    """A registry's recruitment status as a ClinicalTrials.gov enum.

    >>> map_status("募集中"), map_status("Open public recruiting"), map_status("Active, not recruiting")
    ('RECRUITING', 'RECRUITING', 'ACTIVE_NOT_RECRUITING')
    """
    return map_term("status", text)


def map_phase(text: str | Iterable[str] | None) -> str | None:
    """A phase (or several) as ``PHASE1``, ``PHASE1|PHASE2``, ``EARLY_PHASE1`` or ``NA``.

    >>> map_phase("Phase 1/Phase 2"), map_phase("Phase I,II"), map_phase("Ⅱ期"), map_phase(["PHASE2", "PHASE3"])
    ('PHASE1|PHASE2', 'PHASE1|PHASE2', 'PHASE2', 'PHASE2|PHASE3')
    """
    if text is None:
        return None
    if not isinstance(text, str):
        parts = [p for p in (map_phase(t) for t in text) if p]
        flat = sorted({x for p in parts for x in p.split("|")}, key=_phase_order)
        return "|".join(flat) or None
    key = _key(text)
    if not key:
        return None
    direct = vocab()["phase"].get(key)
    if direct:
        return str(direct)
    if key.upper().replace(" ", "") in {"PHASE1", "PHASE2", "PHASE3", "PHASE4", "EARLY_PHASE1", "NA"}:
        return key.upper().replace(" ", "")
    numerals: Mapping[str, str] = vocab()["phase_numerals"]
    stripped = _PHASE_WORDS.sub(" ", key)
    found = sorted({numerals[m.group(1)] for m in _PHASE_TOKEN.finditer(stripped)})
    return "|".join(f"PHASE{n}" for n in found) or None


def _phase_order(value: str) -> tuple[int, str]:
    return (0 if value.startswith("EARLY") else 1, value)


def keep_wording(extra: dict[str, Any], name: str, raw: str | None, mapped: str | None) -> None:
    """Keep a registry's own wording in ``extra`` (``status_text``, ``phase_text``, ...)
    whenever it differs from the enum it was mapped to."""
    if raw and raw.strip() and raw.strip() != mapped:
        extra[f"{name}_text"] = raw.strip()


def registry_id(identifier: str, domain: str | None = None) -> RegistryId | None:
    """``identifier`` with its registry's name (from the ids step when it knows the form,
    else the API's domain or the id's prefix); ``None`` for an empty id.

    >>> registry_id("NCT01849887").registry, registry_id("2012-003232-37", "EudraCT Number").registry
    ('ClinicalTrials.gov', 'EudraCT')
    """
    value = (identifier or "").strip()
    if not value:
        return None
    name = _known_registry(value)
    if name is None and domain:
        name = SECONDARY_DOMAINS.get(_key(domain))
    if name is None:
        upper = value.upper()
        name = next((reg for prefix, reg in REGISTRY_PREFIXES if upper.startswith(prefix)), None)
    if name is None:
        return None
    return RegistryId(registry=name, id=value)


def _known_registry(value: str) -> str | None:
    registry_of = _registry_of()
    return registry_of(value) if registry_of is not None else None


@cache
def _registry_of() -> Callable[[str], str | None] | None:
    """The ids step's registry lookup, imported once (``None`` without it)."""
    try:
        from ..normalize.ids import registry_of
    except ImportError:  # the ids step is optional here
        return None
    return registry_of


def nct_from(*texts: str | None) -> str | None:
    """The first NCT id in any of ``texts`` (a URL, a file name), canonical form."""
    for text in texts:
        m = NCT_ID.search(text or "")
        if m:
            return "NCT" + m.group(1)
    return None


@dataclass(slots=True)
class Field:
    """One labelled field of a page: its key, value lines and first line number."""

    key: str
    lines: list[str] = field(default_factory=list)
    line_no: int = 0

    @property
    def text(self) -> str:
        """The value lines joined with spaces."""
        lines = self.lines
        return " ".join(lines if all(lines) else [x for x in lines if x]).strip()


LabelIndex = dict[str, tuple[tuple[str, ...], list[tuple[str, str]]]]
"""Folded labels with their keys, bucketed by first character, longest first (and the
bucket's labels as one tuple, for a single ``startswith`` test of the whole bucket)."""

_INDEXES: dict[int, tuple[Mapping[str, str], LabelIndex]] = {}


def label_index(labels: Mapping[str, str]) -> LabelIndex:
    """The lookup table of a label map; built once per table."""
    cached = _INDEXES.get(id(labels))
    if cached is not None and cached[0] is labels:
        return cached[1]
    buckets: dict[str, list[tuple[str, str]]] = {}
    for label, key in sorted(labels.items(), key=lambda p: -len(p[0])):
        folded = _key(label)
        if folded:
            buckets.setdefault(folded[0], []).append((folded, key))
    index = {first: (tuple(label for label, _ in bucket), bucket) for first, bucket in buckets.items()}
    _INDEXES[id(labels)] = (labels, index)
    return index


LABEL_END = ":：|\t"


def match_label(line: str, index: LabelIndex, *, inline_space: bool = False) -> tuple[str, str] | None:
    """``(key, rest of line)`` when ``line`` starts with a known label; the label must be the
    whole line or be followed by a colon, bar or tab (or, with ``inline_space``, a space)."""
    low = line.lower()
    bucket = index.get(low[:1])
    if bucket is None or not low.startswith(bucket[0]):
        return None
    return _match_bucket(line, low, bucket[1], inline_space)


def _match_bucket(line: str, low: str, bucket: list[tuple[str, str]], inline_space: bool) -> tuple[str, str] | None:
    """:func:`match_label` among the labels of ``line``'s bucket."""
    for label, key in bucket:
        if not low.startswith(label):
            continue
        rest = line[len(label) :]
        if not rest.strip() or rest.strip() in (":", "：", "|"):
            return key, ""
        if rest[0] == " " and rest.lstrip(" ")[:1] in (":", "：", "|"):
            rest = rest.lstrip(" ")  # "Study Type : | Interventional"
        if rest[0] in LABEL_END or (inline_space and rest[0] == " "):
            return key, rest.lstrip(" " + LABEL_END).strip().rstrip("|").strip()
    return None


def split_labelled(
    lines: Sequence[str], labels: Mapping[str, str], *, inline_space: bool = False, start: int = 0
) -> tuple[list[str], list[Field]]:
    """Cut page lines into ``(lines before the first label, fields)``.

    A line may hold several labels of the same field (``注册号: Registration number:``);
    the value is the text after them plus the lines up to the next label.
    """
    index = label_index(labels)
    head: list[str] = []
    fields: list[Field] = []
    values = head
    for no, raw in enumerate(lines[start:], start=start + 1):
        line = raw.strip()
        if not line:
            continue
        if line[0] in "|•·" or line[-1] == "|":
            line = line.strip("|").strip().lstrip("•·").strip()
            if not line:
                continue
        low = line.lower()
        bucket = index.get(low[:1])
        # Most lines start with no label: one test of the whole bucket rejects them.
        hit = _match_bucket(line, low, bucket[1], inline_space) if bucket and low.startswith(bucket[0]) else None
        if hit is None:
            values.append(line)
            continue
        key, rest = hit
        while rest:  # "Study Design: Allocation: Randomized": the inner label names the value
            low = rest.lower()
            bucket = index.get(low[:1])
            if (
                not bucket
                or not low.startswith(bucket[0])
                or (again := _match_bucket(rest, low, bucket[1], False)) is None
            ):
                break
            key, rest = again
        if fields and fields[-1].key == key and not fields[-1].lines:
            current = fields[-1]
        else:
            current = Field(key=key, line_no=no)
            fields.append(current)
        values = current.lines
        if rest:
            values.append(rest)
    return head, fields


def first_value(fields: Iterable[Field], key: str) -> str | None:
    """The text of the first field called ``key`` that has a value."""
    for f in fields:
        if f.key == key and f.text:
            return f.text
    return None


def first_values(fields: Iterable[Field]) -> dict[str, str]:
    """:func:`first_value` of every key, in one pass."""
    texts: dict[str, str] = {}
    for f in fields:
        if f.key not in texts and (text := f.text):
            texts[f.key] = text
    return texts


def all_values(fields: Iterable[Field], key: str) -> list[str]:
    """Every value line of every field called ``key``."""
    return [line for f in fields if f.key == key for line in f.lines if line]


def parse_outcome_lines(lines: Sequence[str], kind: str | None = None) -> list[Outcome]:
    """Outcome blocks: a measure line, description lines, then ``Time frame: ...``.

    A heading line (``Primary Outcome Measures``, ``Secondary outcomes``) sets the kind of
    the blocks under it; without one the kind stays ``kind`` (null: the page does not say).
    A trailing block without a time frame is kept only when it is a single line.
    """
    outcomes: list[Outcome] = []
    block: list[str] = []
    for raw in lines:
        line = raw.strip()
        heading = OUTCOME_HEADING.match(line)
        if heading:
            if len(block) == 1:
                outcomes.append(_outcome(block, None, kind))
            kind, block = heading.group(1).lower(), []
            continue
        m = TIME_FRAME.match(line)
        if m is None:
            if line:
                block.append(line)
            continue
        if block:
            value = m.group("value").strip().rstrip("]").strip()
            outcomes.append(_outcome(block, value or None, kind))
        block = []
    if len(block) == 1:
        outcomes.append(_outcome(block, None, kind))
    return outcomes


def _outcome(block: Sequence[str], time_frame: str | None, kind: str | None) -> Outcome:
    description = " ".join(block[1:]).strip() or None
    return Outcome(kind=_kind(kind), measure=block[0], description=description, time_frame=time_frame)


def _kind(kind: str | None) -> Any:
    return kind if kind in ("primary", "secondary", "other") else None


def outcome(kind: str | None, measure: str, description: str | None, time_frame: str | None) -> Outcome | None:
    """An :class:`Outcome` from loose values (``None`` without a measure)."""
    if not measure or not measure.strip():
        return None
    return Outcome(
        kind=_kind(kind),
        measure=measure.strip(),
        description=(description or "").strip() or None,
        time_frame=(time_frame or "").strip() or None,
    )


def unique_paragraphs(paragraphs: Iterable[str]) -> list[str]:
    """Paragraphs without repeats: one contained verbatim in another is dropped.

    >>> unique_paragraphs(["A b.", "A b. C d.", "E."])
    ['A b. C d.', 'E.']
    """
    items = [" ".join(p.split()) for p in paragraphs if p and p.strip()]
    out: list[str] = []
    for p in items:
        if any(len(o) > len(p) and p in o for o in items):
            continue
        if p not in out:
            out.append(p)
    return out


def json_at(obj: Any, *path: str) -> Any:
    """The value at ``path`` in nested JSON objects, or None where a step is missing or not
    an object (registry APIs omit empty modules)."""
    for key in path:
        if not isinstance(obj, dict):
            return None
        obj = obj.get(key)
    return obj


def json_text(obj: Any, *path: str) -> str | None:
    """The non-blank string at ``path`` (stripped), else None."""
    value = json_at(obj, *path)
    return value.strip() if isinstance(value, str) and value.strip() else None


def json_list(obj: Any, *path: str) -> list[Any]:
    """The list at ``path`` (``{"ConditionList": {"Condition": [...]}}``), else empty."""
    value = json_at(obj, *path)
    return value if isinstance(value, list) else []


_WHOLE_NUMBER = re.compile(r"\d[\d,]{0,9}")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def to_int(text: str | None) -> int | None:
    """The first whole number in ``text`` (``"60 participants"`` -> 60)."""
    m = _WHOLE_NUMBER.search(text or "")
    if not m:
        return None
    try:
        return int(m.group(0).replace(",", ""))
    except ValueError:
        return None


def date_parts(text: str | None) -> tuple[int | None, int | None, int | None]:
    """``(year, month, day)`` of a registry date (``2023-05-24``, ``May 2016``, ``2012/12/05``)."""
    if not text or not text.strip():
        return (None, None, None)
    parse_date = _parse_date()
    if parse_date is None:  # the dates step is optional here
        m = re.search(r"(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?", text)
        if not m:
            return (None, None, None)
        return (int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None)
    return parse_date(text)


@cache
def _parse_date() -> Callable[[str], tuple[int | None, int | None, int | None]] | None:
    """The dates step's reader, imported once (``None`` without it)."""
    try:
        from ..normalize.dates import parse_date
    except ImportError:
        return None
    return parse_date


def iso_date(text: str | None) -> str | None:
    """A registry date as ISO text (``2016-05``, ``2014-06-12``); the text itself when it
    holds no readable date, ``None`` when empty.

    >>> iso_date("May 2016"), iso_date("June 12, 2014"), iso_date("2023-09-08")
    ('2016-05', '2014-06-12', '2023-09-08')
    """
    if not text or not text.strip():
        return None
    return iso_from_parts(text, date_parts(text))


def iso_from_parts(text: str, parts: tuple[int | None, int | None, int | None]) -> str:
    """:func:`iso_date` of ``text`` from its :func:`date_parts` (read once by a caller that
    needs both)."""
    year, month, day = parts
    if year is None:
        return text.strip()
    if month is None:
        return f"{year:04d}"
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")


def paragraphs(text: str | None) -> str | None:
    """Registry free text with each paragraph's white space collapsed (wrapped XML
    textblocks and API strings then compare equal)."""
    if not text or not text.strip():
        return None
    parts = [" ".join(p.split()) for p in _PARAGRAPH_BREAK.split(text.strip())]
    return "\n\n".join(p for p in parts if p) or None
