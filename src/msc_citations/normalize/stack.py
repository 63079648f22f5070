"""Assembles :data:`msc_citations.normalize.DEFAULT_STACK` from the step modules.

Order matters: text is cleaned first (the ids step then scans clean abstracts), DOIs before
identifiers, and names, dates, pages, journals and language are independent of each other.
"""

from __future__ import annotations

from . import DEFAULT_STACK, Step
from .dates import normalize_dates
from .doi import normalize_doi
from .ids import normalize_ids
from .journals import normalize_journals
from .language import normalize_language
from .names import normalize_names
from .pages import normalize_pages
from .text import normalize_text

STEPS: tuple[Step, ...] = (
    normalize_text,
    normalize_doi,
    normalize_ids,
    normalize_names,
    normalize_dates,
    normalize_pages,
    normalize_journals,
    normalize_language,
)
"""The default steps, in the order they run."""

if not DEFAULT_STACK:
    DEFAULT_STACK.extend(STEPS)
