"""Identifiers written in free text: DOI, PMID, PMCID and trial registry ids.

Titles, abstracts, funding lines and notes quote registrations (``NCT01716481``,
``ChiCTR-ONRC-12002929``, ``JMA-IIA00154``). :func:`find_registry_ids` finds them with the
registry named; the :func:`normalize_ids` step adds them to ``record.registry_ids``.
Registry names are short and stable; they are the keys deduplication relies on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..model import Record, RegistryId
from ..results import ParseIssue
from .doi import find_dois

# (registry, pattern, canonical prefix or None). Order matters: longer, more specific
# forms first (a JPRN-prefixed UMIN id is reported once, as JPRN). Patterns are bounded.
REGISTRY_PATTERNS: tuple[tuple[str, str, str | None], ...] = (
    ("JPRN", r"JPRN-(?:UMIN\d{9}|jRCT[a-z]?\d{9,10}|JapicCTI-\d{6}|JMA-IIA\d{5}|C\d{9}|UMIN-CTR\d{9})", "JPRN"),
    ("ClinicalTrials.gov", r"NCT\s?\d{8}", "NCT"),
    ("ISRCTN", r"ISRCTN\s?\d{8}", "ISRCTN"),
    ("ChiCTR", r"ChiCTR(?:-[A-Z]{2,5}-\d{8}|\d{10,12}|-\d{8,10})", "ChiCTR"),
    ("ChiMCTR", r"ChiMCTR\d{10}", "ChiMCTR"),
    ("UMIN-CTR", r"UMIN(?:-CTR)?\s?\d{9}", None),
    ("jRCT", r"jRCT[a-z]?\d{9,10}", None),
    ("JapicCTI", r"JapicCTI-\d{6}", "JapicCTI"),
    ("JMA-IIA", r"JMA-IIA-?\d{5}", None),
    ("CRiS", r"KCT\d{7}", "KCT"),
    ("ANZCTR", r"ACTRN\s?\d{14}", "ACTRN"),
    ("CTIS", r"(?<!\d-)(?:19|20)\d{2}-5\d{5}-\d{2}-\d{2}", None),
    ("EudraCT", r"(?<![-\d])(?:19|20)\d{2}-\d{6}-\d{2}(?![-\d])", None),
    ("CTRI", r"CTRI/\d{4}/\d{2,3}/\d{6}", "CTRI"),
    ("DRKS", r"DRKS\s?\d{8}", "DRKS"),
    ("IRCT", r"IRCT\d{8,14}N\d{1,3}", "IRCT"),
    ("TCTR", r"TCTR\d{11}", "TCTR"),
    ("PACTR", r"PACTR\d{15}", "PACTR"),
    ("ReBEC", r"RBR-[0-9a-z]{6,8}", "RBR"),
    ("SLCTR", r"SLCTR/\d{4}/\d{3}", "SLCTR"),
    ("NTR", r"(?:NTR\d{3,5}|NL-OMON\d{4,6}|NL\d{4,5})", None),
)

# Each registry's pattern, compiled in lower case and matched against the lower-cased text:
# a case-sensitive pattern that starts with a literal is scanned far faster than IGNORECASE.
_LOWER_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(f"(?:{pattern.lower()})(?![a-z0-9])") for _, pattern, _ in REGISTRY_PATTERNS
)
# Lower-case strings one of which every id of a registry contains: a text without any of
# them is not searched for that registry at all (most abstracts quote no registration).
REGISTRY_HINTS: dict[str, tuple[str, ...]] = {
    "JPRN": ("jprn",),
    "ClinicalTrials.gov": ("nct",),
    "ISRCTN": ("isrctn",),
    "ChiCTR": ("chictr",),
    "ChiMCTR": ("chimctr",),
    "UMIN-CTR": ("umin",),
    "jRCT": ("jrct",),
    "JapicCTI": ("japic",),
    "JMA-IIA": ("jma-iia",),
    "CRiS": ("kct",),
    "ANZCTR": ("actrn",),
    "CTIS": ("ctis", "eu ct", "euct"),
    "EudraCT": ("eudra",),
    "CTRI": ("ctri/",),
    "DRKS": ("drks",),
    "IRCT": ("irct",),
    "TCTR": ("tctr",),
    "PACTR": ("pactr",),
    "ReBEC": ("rbr-",),
    "SLCTR": ("slctr",),
}
_NTR_HINT = re.compile(r"N(?:TR|L)-?(?:OMON)?\d")


def _hint_index() -> dict[str, tuple[int, ...]]:
    index: dict[str, tuple[int, ...]] = {}
    for i, row in enumerate(REGISTRY_PATTERNS):
        for hint in REGISTRY_HINTS.get(row[0], ()):
            index[hint] = (*index.get(hint, ()), i)
    return index


_HINT_INDEX = _hint_index()
_HINTS: tuple[tuple[str, tuple[int, ...]], ...] = tuple(_HINT_INDEX.items())
_NTR_INDEX = next(i for i, (name, _, _) in enumerate(REGISTRY_PATTERNS) if name == "NTR")


def _present(lower: str, text: str) -> tuple[int, ...]:
    """Indices of the registries whose hints occur in the text (one scan of it)."""
    present = {i for hint, indices in _HINTS if hint in lower for i in indices}
    if ("NTR" in text or "NL" in text) and _NTR_HINT.search(text):
        present.add(_NTR_INDEX)
    return tuple(sorted(present))


_FULL: dict[str, re.Pattern[str]] = {name: re.compile(pattern, re.IGNORECASE) for name, pattern, _ in REGISTRY_PATTERNS}
# Registries whose ids are all digits (EudraCT/CTIS): only reported near their own label,
# so "2012-003232-37" in a dosage table is not taken for a registration.
_NEEDS_LABEL = {"EudraCT": re.compile(r"eudra\s?ct", re.IGNORECASE), "CTIS": re.compile(r"\b(?:CTIS|EU\s?CT)\b")}
_LABEL_WINDOW = 40
_SPACE = re.compile(r"\s")
_PMID = re.compile(
    r"(?:PMID|PubMed\s?ID)\s{0,3}[:：]?\s{0,3}(\d{1,8})(?!\d)|pubmed(?:\.ncbi\.nlm\.nih\.gov)?/(\d{1,8})(?!\d)",
    re.IGNORECASE,
)
_PMCID = re.compile(r"(?<![A-Za-z0-9])PMC\s?(\d{4,9})(?!\d)", re.IGNORECASE)


def _canonical(registry: str, raw: str, prefix: str | None) -> str:
    value = _SPACE.sub("", raw)
    if prefix is not None:
        return prefix + value[len(prefix) :] if value[: len(prefix)].upper() == prefix.upper() else value
    if registry == "UMIN-CTR":
        return "UMIN" + value[-9:]
    if registry == "jRCT":
        return "jRCT" + value[4:].lower()
    if registry == "JMA-IIA":
        return "JMA-IIA" + value[-5:]
    return value.upper() if registry == "NTR" else value


def find_registry_ids(text: str) -> list[RegistryId]:
    """Every trial registration id written in ``text``, in order of first appearance.

    >>> [(r.registry, r.id) for r in find_registry_ids("registered with the JMA (JMA-IIA00154) and NCT01716481")]
    [('JMA-IIA', 'JMA-IIA00154'), ('ClinicalTrials.gov', 'NCT01716481')]
    """
    if not text or len(text) < 5:
        return []
    lower = text.lower()
    if len(lower) != len(text):  # a few non-ASCII letters change length when lower-cased
        lower = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    present = _present(lower, text)
    if not present:
        return []
    spans: list[tuple[int, int, int]] = []
    for index in present:
        label = _NEEDS_LABEL.get(REGISTRY_PATTERNS[index][0])
        for match in _LOWER_PATTERNS[index].finditer(lower):
            start, end = match.span()
            if start and lower[start - 1].isascii() and lower[start - 1].isalnum():
                continue
            if label is not None and not label.search(text[max(0, start - _LABEL_WINDOW) : end + _LABEL_WINDOW]):
                continue
            spans.append((start, index, end))
    # Left to right; at one position the earlier (more specific) registry wins, and an id
    # inside another one (UMIN000012345 in JPRN-UMIN000012345) is not reported twice.
    spans.sort()
    found: list[RegistryId] = []
    seen: set[tuple[int, str]] = set()
    last_end = -1
    for start, index, end in spans:
        if start < last_end:
            continue
        last_end = end
        registry, _, prefix = REGISTRY_PATTERNS[index]
        key = (index, text[start:end].casefold())
        if key not in seen:
            seen.add(key)
            found.append(RegistryId(registry=registry, id=_canonical(registry, text[start:end], prefix)))
    return dedupe_registry_ids(found)


def dedupe_registry_ids(ids: Iterable[RegistryId]) -> list[RegistryId]:
    """``ids`` without repeats (same registry and id, compared case-insensitively), order kept."""
    seen: set[tuple[str, str]] = set()
    out: list[RegistryId] = []
    for reg in ids:
        key = (reg.registry.casefold(), reg.id.casefold())
        if key not in seen:
            seen.add(key)
            out.append(reg)
    return out


def registry_of(identifier: str) -> str | None:
    """The registry an id belongs to, or ``None`` when the id has no known form.

    >>> registry_of("ChiCTR-ONRC-12002929"), registry_of("UMIN000040503"), registry_of("hello")
    ('ChiCTR', 'UMIN-CTR', None)
    """
    value = identifier.strip() if identifier else ""
    if not value or len(value) > 40:
        return None
    for registry, pattern in _FULL.items():
        if pattern.fullmatch(value):
            return registry
    return None


def find_identifiers(text: str) -> dict[str, list[str]]:
    """DOIs, PMIDs and PMCIDs written in ``text``: ``{"doi": [...], "pmid": [...], "pmcid": [...]}``.

    A PMID is only taken after its label (``PMID: 15880600``) or in a PubMed URL.

    >>> find_identifiers("PMID: 15880600 PMCID: PMC1234567 doi:10.1002/ana.20501")
    {'doi': ['10.1002/ana.20501'], 'pmid': ['15880600'], 'pmcid': ['PMC1234567']}
    """
    if not text:
        return {"doi": [], "pmid": [], "pmcid": []}
    pmids = [m.group(1) or m.group(2) for m in _PMID.finditer(text)]
    pmcids = ["PMC" + m.group(1) for m in _PMCID.finditer(text)]
    return {"doi": find_dois(text), "pmid": list(dict.fromkeys(pmids)), "pmcid": list(dict.fromkeys(pmcids))}


def _texts(record: Record) -> Iterable[str]:
    if record.title:
        yield record.title
    if record.abstract:
        yield record.abstract
    else:
        yield from (section.text for section in record.abstract_sections)
    for fund in record.funding:
        yield from fund.award_ids
        if fund.funder:
            yield fund.funder
    for key in ("notes", "note", "trial_registration", "registration", "secondary_ids", "other_ids"):
        value = record.extra.get(key)
        if isinstance(value, str):
            yield value
        elif isinstance(value, list):
            yield from (item for item in value if isinstance(item, str))


def normalize_ids(record: Record, issues: list[ParseIssue]) -> Record:
    """Step: add registry ids quoted in the title, abstract, funding and notes; fill a missing
    PMCID/PMID only from an explicit label. Existing ids are kept first and deduplicated."""
    found: list[RegistryId] = []
    for text in _texts(record):
        found.extend(find_registry_ids(text))
    cleaned = [
        RegistryId(registry=r.registry, id=r.id.strip()) if r.id != r.id.strip() else r for r in record.registry_ids
    ]
    merged = dedupe_registry_ids([*cleaned, *found])
    if merged == record.registry_ids:
        return record
    return record.model_copy(update={"registry_ids": merged})
