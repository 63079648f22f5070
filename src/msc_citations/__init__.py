"""msc_citations: turn messy citation pages into clean, deduplicated references.

>>> from msc_citations import parse_file, dumps
"""

from __future__ import annotations

__version__ = "0.1.0"

from .api import parse_bytes, parse_document, parse_file, parse_text
from .document import Document
from .errors import (
    DecodeError,
    FetchError,
    FormatError,
    InputError,
    InputTooLarge,
    MscCitationsError,
    ParseError,
    UnknownSourceError,
)
from .formats import dump, dumps, loads
from .model import (
    AbstractSection,
    AltTitle,
    Funding,
    Outcome,
    Person,
    Provenance,
    Record,
    RegistryId,
    TrialInfo,
)
from .normalize import normalize_record
from .results import ParseIssue, ParseResult
from .sources import all_sources, get_source, register_source

__all__ = [
    "AbstractSection",
    "AltTitle",
    "DecodeError",
    "Document",
    "FetchError",
    "FormatError",
    "Funding",
    "InputError",
    "InputTooLarge",
    "MscCitationsError",
    "Outcome",
    "ParseError",
    "ParseIssue",
    "ParseResult",
    "Person",
    "Provenance",
    "Record",
    "RegistryId",
    "TrialInfo",
    "UnknownSourceError",
    "__version__",
    "all_sources",
    "dump",
    "dumps",
    "get_source",
    "loads",
    "normalize_record",
    "parse_bytes",
    "parse_document",
    "parse_file",
    "parse_text",
    "register_source",
]
