"""Label/value registry pages (ChiCTR, jRCT, UMIN-CTR, CRIS) read through one table-driven core.

Each registry module gives its labels (Chinese, Japanese, Korean and English forms mapped
onto the shared keys below), its detection markers and its id pattern; :func:`parse_registry_page`
cuts the page into fields and builds the record. Shared keys:

``id``, ``title``, ``title_local``, ``scientific_title``, ``acronym``, ``status``, ``phase``,
``study_type``, ``allocation``, ``masking``, ``purpose``, ``intervention_model``,
``enrollment``, ``conditions``, ``interventions``, ``sponsor``, ``leader``, ``applicant``,
``registration_date``, ``start_date``, ``completion_date``, ``primary_outcome``,
``secondary_outcome``, ``summary``, ``country``, ``secondary_ids``, ``registration_status``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..document import Document
from ..model import Outcome, Provenance
from ..results import ParseIssue, ParseResult
from .trial_common import Field, map_term, outcome, split_labelled, to_int
from .trial_record import TrialFacts, build_trial_record

CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]")
NOISE_LINES = frozenset({"日本語", "英語", "|", "Japanese", "English"})
"""Language tags of bilingual blocks: not values."""
OUTCOME_PARTS = ("outcome_name", "outcome_type", "outcome_time", "outcome_method")
OUTCOME_PARTS_SET = frozenset(OUTCOME_PARTS)
"""Keys of outcomes written as small label groups (ChiCTR)."""
NOTICE_PREFIXES = ("※", "* ")
"""Registry notices under the header (not part of any field)."""
HANDLED_KEYS = frozenset(
    {
        "id", "title", "title_local", "secondary_ids", "status", "study_type", "allocation", "masking", "purpose",
        "intervention_model", "phase", "enrollment", "conditions", "interventions", "sponsor", "registration_date",
        "start_date", "completion_date", "summary", "country", "primary_outcome", "secondary_outcome", "furniture",
        *("outcome_name", "outcome_type", "outcome_time", "outcome_method"),
    }
)  # fmt: skip
"""Keys read into record fields; every other labelled field goes to ``extra`` under its key."""
FIRST_TEXT_KEYS = frozenset({"sponsor", "registration_date", "start_date", "completion_date", "country"})
"""Keys whose first value is the record's."""


@dataclass(frozen=True)
class RegistryPage:
    """What differs between registries: labels, id form, language and URL of a record."""

    registry: str
    labels: Mapping[str, str]
    id_pattern: re.Pattern[str]
    language: str
    language_code: str
    inline_space: bool = False
    notices: tuple[str, ...] = ()
    """Starts of the registry's own notice lines (not part of any field)."""
    url_template: str | None = None


def _is_local(text: str) -> bool:
    return bool(CJK.search(text))


Values = dict[str, list[str]]
"""Every value line of the fields of each key, keys in page order (``all_values`` of each)."""


def _values_by_key(fields: Sequence[Field]) -> Values:
    values: Values = {}
    for x in fields:
        lines = x.lines
        values.setdefault(x.key, []).extend(lines if all(lines) else [line for line in lines if line])
    return values


def _titles(values: Values) -> tuple[str | None, list[tuple[str, str | None]], str | None]:
    """The English title (else the local one), the other-language titles, and the local one."""
    titles = values.get("title", []) + values.get("title_local", [])
    local = next((v for v in titles if _is_local(v)), None)
    english = next((v for v in titles if not _is_local(v)), None)
    title = english or local
    alts: list[tuple[str, str | None]] = [(v, None) for v in titles if v != title]
    return title, alts, local


def facts_from_fields(page: RegistryPage, fields: Sequence[Field], doc: Document) -> TrialFacts:
    """Shared fields to :class:`TrialFacts` (values as written)."""
    f = TrialFacts()
    values = _values_by_key(fields)
    ids = [m.group(0) for v in values.get("id", ()) if (m := page.id_pattern.search(v))]
    f.trial_id = ids[0] if ids else None
    if f.trial_id is None:
        m = page.id_pattern.search(f"{doc.canonical_url or ''} {doc.name or ''} {doc.visible_text[:300]}")
        f.trial_id = m.group(0) if m else None
    f.title, alts, local = _titles(values)
    f.alt_titles = [(t, page.language_code if _is_local(t) else "en") for t, _ in alts]
    f.secondary_ids = [(v, None) for v in values.get("secondary_ids", ())]
    for key in ("status", "study_type", "allocation", "masking", "purpose", "intervention_model"):
        setattr(f, key, _local_or_first(values, key))
    f.phase = _local_or_first(values, "phase")
    f.conditions = _bilingual(values, "conditions", f.extra)
    f.interventions = _bilingual(values, "interventions", f.extra)
    texts = _first_texts(fields, FIRST_TEXT_KEYS)
    f.sponsor = texts.get("sponsor")
    f.registration_date = texts.get("registration_date")
    f.start_date = texts.get("start_date")
    f.completion_date = texts.get("completion_date")
    f.summary = "\n\n".join(x.text for x in fields if x.key == "summary" and x.text) or None
    f.country = texts.get("country")
    f.language = page.language if (local or not f.title) else None
    for kind in ("primary", "secondary"):
        for line in values.get(f"{kind}_outcome", ()):
            o = outcome(kind, line, None, None)
            if o is not None:
                f.outcomes.append(o)
    if OUTCOME_PARTS_SET.intersection(values):
        f.outcomes.extend(outcome_groups(fields))
    _enrollment(fields, f)
    for key, lines in values.items():
        if key in HANDLED_KEYS:
            continue
        unique = list(dict.fromkeys(lines))
        if unique:
            f.extra[key] = unique if len(unique) > 1 else unique[0]
    if page.url_template and f.trial_id:
        f.url = doc.canonical_url or page.url_template.format(id=f.trial_id)
    else:
        f.url = doc.canonical_url
    return f


def _first_texts(fields: Sequence[Field], keys: frozenset[str]) -> dict[str, str]:
    """The text of the first field of each of ``keys`` that has a value (``first_value``)."""
    texts: dict[str, str] = {}
    for x in fields:
        if x.key in keys and x.key not in texts and x.lines and (text := x.text):
            texts[x.key] = text
    return texts


def _local_or_first(values: Values, key: str) -> str | None:
    """A bilingual field's value: the English line when there is one (it maps onto the
    enums), else the first."""
    lines = values.get(key, [])
    english = next((v for v in lines if not _is_local(v)), None)
    return english or (lines[0] if lines else None)


def parse_registry_page(page: RegistryPage, doc: Document, provenance: Provenance) -> ParseResult:
    """The record of one registry page, with ``provenance`` as its source block."""
    notices = NOTICE_PREFIXES + page.notices
    lines = [x for x in doc.lines if x and x not in NOISE_LINES and not x.startswith(notices)]
    _, fields = split_labelled(lines, page.labels, inline_space=page.inline_space)
    facts = facts_from_fields(page, fields, doc)
    if not facts.trial_id and not facts.title:
        return ParseResult(issues=[ParseIssue(f"no {page.registry} id or title on the page", severity="error")])
    issues: list[ParseIssue] = []
    if not facts.trial_id:
        issues.append(ParseIssue(f"no {page.registry} id on the page", "registry_ids"))
    return ParseResult(records=[build_trial_record(facts, provenance)], issues=issues)


def marker_score(doc: Document, markers: Sequence[str], id_pattern: re.Pattern[str]) -> float:
    """Detection: the share of a registry's own labels present, plus its id form."""
    head = doc.visible_text[:30000]
    found = sum(1 for m in markers if m in head)
    if not found:
        return 0.0
    score = 0.4 + 0.1 * min(found, 4)
    if id_pattern.search(head) or id_pattern.search(doc.canonical_url or ""):
        score += 0.15
    return min(0.95, score)


def _enrollment(fields: Sequence[Field], f: TrialFacts) -> None:
    """The sample size; a page stating one per group (ChiCTR's intervention table) gives
    their sum, with the group sizes kept in ``extra``."""
    sizes = [n for x in fields if x.key == "enrollment" and (n := to_int(x.text)) is not None]
    if len(sizes) > 1:
        f.extra["enrollment_by_group"] = sizes
        f.enrollment = sum(sizes)
    else:
        f.enrollment = sizes[0] if sizes else None


def outcome_groups(fields: Sequence[Field]) -> list[Outcome]:
    """Outcomes written as small label groups (ChiCTR: 指标中文名 / Outcome, 指标类型 / Type,
    测量时间点, 测量方法); a group starts at each outcome name in the page's language."""
    groups: list[dict[str, list[str]]] = []
    for x in fields:
        if x.key not in OUTCOME_PARTS or not x.text:
            continue
        current = groups[-1] if groups else None
        if current is None or (x.key == "outcome_name" and _starts_group(current, x.text)):
            current = {}
            groups.append(current)
        current.setdefault(x.key, []).append(x.text)
    out: list[Outcome] = []
    for g in groups:
        names = g.get("outcome_name", [])
        name = next((n for n in names if not _is_local(n)), names[0] if names else "")
        kind = next((k for t in g.get("outcome_type", []) if (k := map_term("outcome_kind", t))), None)
        o = outcome(kind, name, _pick(g.get("outcome_method")), _pick(g.get("outcome_time")))
        if o is not None:
            out.append(o)
    return out


def _starts_group(current: dict[str, list[str]], name: str) -> bool:
    names = current.get("outcome_name", [])
    if not names:
        return len(current) > 0
    # A bilingual pair (local name, then its English form) belongs to one outcome.
    return _is_local(name) or not _is_local(names[-1]) or len(names) > 1


def _pick(values: list[str] | None) -> str | None:
    if not values:
        return None
    return next((v for v in values if not _is_local(v)), values[0])


def _bilingual(values: Values, key: str, extra: dict[str, object]) -> list[str]:
    """A list field of a bilingual page: the English values (the local ones kept in
    ``extra`` as ``<key>_local``), or the values as they are on a one-language page."""
    lines = values.get(key, [])
    english = [v for v in lines if not _is_local(v)]
    local = [v for v in lines if _is_local(v)]
    if english and local:
        extra[f"{key}_local"] = local
        return english
    return list(lines)
