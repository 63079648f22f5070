"""The source registry: every parser the library knows, and auto-detection.

Built-in sources are listed in :data:`BUILTIN_SOURCES` (import paths, loaded on first
use); third-party sources register through the entry-point group
``msc_citations.sources`` or at run time with :func:`register_source`.

Built-ins are listed here rather than as entry points of our own distribution so that the
library works the same from a source checkout, a zipapp or a vendored copy (no installed
metadata needed), the order is fixed, and import does not scan every installed
distribution's metadata.
"""

from __future__ import annotations

import importlib
import operator
from collections.abc import Iterable
from importlib.metadata import entry_points

from ..document import Document
from ..errors import ParseError, UnknownSourceError
from .base import BaseSource, SourceParser

__all__ = [
    "BUILTIN_SOURCES",
    "DETECTION_THRESHOLD",
    "BaseSource",
    "SourceParser",
    "all_sources",
    "detect_source",
    "get_source",
    "register_source",
    "score_sources",
]

ENTRY_POINT_GROUP = "msc_citations.sources"
DETECTION_THRESHOLD = 0.3
"""A source must score above this to be chosen automatically."""

BUILTIN_SOURCES: tuple[str, ...] = (
    "msc_citations.sources.embedded_meta:EmbeddedMetadataSource",
    "msc_citations.sources.wprim:WprimSource",
    "msc_citations.sources.koreamed:KoreaMedSource",
    "msc_citations.sources.synapse:SynapseSource",
    "msc_citations.sources.korean_journal:KoreanJournalSource",
    "msc_citations.sources.trial_mirror:TrialMirrorSource",
    "msc_citations.sources.pubmed:PubMedSource",
    "msc_citations.sources.clinicaltrials:ClinicalTrialsSource",
    "msc_citations.sources.chictr:ChictrSource",
    "msc_citations.sources.jrct:JrctSource",
    "msc_citations.sources.umin:UminSource",
    "msc_citations.sources.cris:CrisSource",
    "msc_citations.sources.chinese_index:ChineseIndexSource",
    "msc_citations.sources.chinese_rating:ChineseRatingSource",
    "msc_citations.sources.cnki:CnkiSource",
    "msc_citations.sources.europepmc:EuropePmcSource",
    "msc_citations.sources.library_export:LibraryExportSource",
    "msc_citations.sources.wos_export:WosExportSource",
    "msc_citations.sources.scopus_csv:ScopusCsvSource",
)

_registry: dict[str, SourceParser] = {}
_loaded = False
_ordered: tuple[tuple[SourceParser, ...], tuple[SourceParser, ...]] = ((), ())
"""The registered sources as last sorted, and sorted highest priority first."""


def _load_builtins() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    for spec in BUILTIN_SOURCES:
        module_name, _, attr = spec.partition(":")
        cls = getattr(importlib.import_module(module_name), attr)
        _add(cls())
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        obj = ep.load()
        _add(obj() if isinstance(obj, type) else obj)


def _add(source: SourceParser) -> None:
    if not isinstance(source, SourceParser):
        raise TypeError(f"{source!r} does not meet the SourceParser contract")
    _registry[source.name] = source


def _priority_order(source: SourceParser) -> tuple[int, str]:
    """Sort key: highest priority first, then by name."""
    return -source.priority, source.name


def _by_priority() -> tuple[SourceParser, ...]:
    """Every registered source, highest priority first: sorted again only when the registry
    changed (whoever changed it), not once per document."""
    global _ordered
    _load_builtins()
    registered, last = tuple(_registry.values()), _ordered[0]
    if len(registered) != len(last) or not all(map(operator.is_, registered, last)):
        _ordered = (registered, tuple(sorted(registered, key=_priority_order)))
    return _ordered[1]


def register_source(source: SourceParser | type) -> SourceParser:
    """Register a source (an instance, or a class with a no-argument constructor).

    A source with the same ``name`` as an existing one replaces it.
    """
    _load_builtins()
    instance: SourceParser = source() if isinstance(source, type) else source
    _add(instance)
    return instance


def all_sources() -> list[SourceParser]:
    """Every registered source, highest priority first."""
    return list(_by_priority())


def get_source(name: str) -> SourceParser:
    """The source called ``name``; raises :class:`UnknownSourceError` listing the valid ones."""
    _load_builtins()
    try:
        return _registry[name]
    except KeyError:
        names = ", ".join(sorted(_registry))
        raise UnknownSourceError(f"unknown source {name!r} (known: {names})") from None


def _score(src: SourceParser, doc: Document) -> float:
    """``src``'s detection score for ``doc``, clamped to 0..1."""
    try:
        score = float(src.detect(doc))
    except Exception:  # a broken detector must not stop the others
        score = 0.0
    return max(0.0, min(1.0, score))


def score_sources(doc: Document, sources: Iterable[SourceParser] | None = None) -> list[tuple[float, SourceParser]]:
    """Every source's detection score for ``doc``, best first (ties: higher priority)."""
    scored = [
        (_score(src, doc), src)
        for src in (sources if sources is not None else all_sources())
        if doc.kind in src.input_kinds
    ]
    scored.sort(key=lambda pair: (-pair[0], *_priority_order(pair[1])))
    return scored


def _best_source(
    doc: Document, sources: Iterable[SourceParser] | None = None, *, prune: bool = True
) -> tuple[float, SourceParser] | None:
    """The first of :func:`score_sources` (``None`` when no source reads ``doc``'s kind).

    Sources are tried highest priority first, so a later one wins only with a strictly
    higher score: one whose ``max_score`` is no higher than the best found so far is not
    run (``prune=False`` runs every detector)."""
    ordered = _by_priority() if sources is None else sorted(sources, key=_priority_order)
    best: tuple[float, SourceParser] | None = None
    for src in ordered:
        if doc.kind not in src.input_kinds:
            continue
        if prune and best is not None and getattr(src, "max_score", 1.0) <= best[0]:
            continue
        score = _score(src, doc)
        if best is None or score > best[0]:
            best = (score, src)
    return best


def detect_source(doc: Document) -> tuple[SourceParser, float]:
    """The best source for ``doc`` above :data:`DETECTION_THRESHOLD`.

    Raises :class:`ParseError` ``no parser recognised this input (closest: NAME, score S)``.
    """
    found = _best_source(doc)
    if found is not None and found[0] > DETECTION_THRESHOLD:
        return found[1], found[0]
    if found is not None:
        reason = f"no parser recognised this input (closest: {found[1].name}, score {found[0]:.2f})"
    else:
        reason = f"no parser recognised this input (no source reads {doc.kind} input)"
    raise ParseError(doc.path or "<input>", reason)
