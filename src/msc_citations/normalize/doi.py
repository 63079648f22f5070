"""DOI clean-up: one bare ``10.<registrant>/<suffix>`` string, case kept as printed.

Pages write DOIs as ``doi: 10.1002/ana.20501.``, ``D O I 10.1212/...``, ``https://doi.org/...``,
``http://dx.doi.org/...`` or URL-encoded. :func:`clean_doi` strips those wrappers and trailing
punctuation but never deletes characters inside the DOI itself; :func:`doi_key` gives the
case-folded key DOIs are compared by (DOIs are case-insensitive).
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote

from ..model import Record
from ..results import ParseIssue

MAX_DOI_LENGTH = 300
"""Longer strings are not DOIs (Crossref's longest are well under this)."""

# A leading label or resolver URL, possibly repeated ("DOI: https://doi.org/...").
_PREFIX = re.compile(
    r"^(?:(?:https?://)?(?:www\.|dx\.)?doi\.org/{1,2}"
    r"|(?:https?://)?(?:www\.)?(?:onlinelibrary\.wiley\.com|link\.springer\.com|journals\.plos\.org)/"
    r"(?:doi/(?:abs/|full/|pdf/)?|article/)?"
    r"|(?:d\s?o\s?i|digital\s+object\s+identifier|urn:doi|info:doi)\s{0,3}[:：/]?\s{0,3})",
    re.IGNORECASE,
)
_DOI = re.compile(r"^10\.\d{3,9}(?:\.\d{1,9}){0,3}/\S{1,290}$")
_DOI_CHAR = r"[^\s\"<>{}|\\^`\u3000-\u303f\uff08\uff09\uff0c\uff1b]"
# A DOI in running text; one longer than the limit is not taken (no truncated match).
_FIND = re.compile(rf"(?<![\w.])10\.\d{{3,9}}(?:\.\d{{1,9}}){{0,3}}/{_DOI_CHAR}{{1,290}}(?!{_DOI_CHAR})")
_TRAILING = ".,;:!?'\"*\u3002\uff0c\uff1b\uff1a"
_WRAPPERS = {"(": ")", "[": "]", "{": "}", "<": ">", '"': '"', "'": "'", "\u201c": "\u201d", "\u300a": "\u300b"}
_CLOSERS = {")": "(", "]": "[", "}": "{", ">": "<"}


def _strip_trailing(doi: str) -> str:
    """Drop trailing punctuation and closing brackets that are not balanced inside the DOI."""
    while doi:
        last = doi[-1]
        if last in _TRAILING or (last in _CLOSERS and doi.count(last) > doi.count(_CLOSERS[last])):
            doi = doi[:-1]
        else:
            break
    return doi


def clean_doi(text: str) -> str | None:
    """The bare DOI in ``text`` (case as printed), or ``None`` when it is not a DOI.

    >>> clean_doi("doi: 10.1002/ana.20501.")
    '10.1002/ana.20501'
    >>> clean_doi("https://doi.org/10.1212%2FWNL.0000000000011440")
    '10.1212/WNL.0000000000011440'
    >>> clean_doi("not a doi") is None
    True
    """
    if not text or len(text) > 4 * MAX_DOI_LENGTH:
        return None
    value = unicodedata.normalize("NFKC", text).strip()
    for opener, closer in _WRAPPERS.items():
        if len(value) > 2 and value[0] == opener and value[-1] == closer:
            value = value[1:-1].strip()
    for _ in range(3):
        stripped = _PREFIX.sub("", value, count=1).strip()
        if stripped == value:
            break
        value = stripped
    if "%" in value:
        value = unquote(value)
    value = _strip_trailing(value.strip())
    if len(value) > MAX_DOI_LENGTH or not _DOI.match(value):
        return None
    return value


def find_dois(text: str) -> list[str]:
    """Every DOI written anywhere in ``text``, in order, without duplicates (case-insensitive)."""
    if not text or "10." not in text:
        return []
    seen: set[str] = set()
    out: list[str] = []
    for match in _FIND.finditer(text):
        doi = clean_doi(match.group(0))
        if doi and doi.casefold() not in seen:
            seen.add(doi.casefold())
            out.append(doi)
    return out


def doi_key(doi: str | None) -> str:
    """The key two DOIs are compared by: cleaned and case-folded ("" when there is none).

    >>> doi_key("DOI: 10.1002/ANA.20501") == doi_key("https://doi.org/10.1002/ana.20501")
    True
    """
    if not doi:
        return ""
    cleaned = clean_doi(doi)
    return (cleaned or doi.strip()).casefold()


def normalize_doi(record: Record, issues: list[ParseIssue]) -> Record:
    """Step: replace ``record.doi`` by its bare form; an unreadable value is kept with an issue."""
    if not record.doi:
        return record
    cleaned = clean_doi(record.doi)
    if cleaned is None:
        issues.append(ParseIssue(f"not a DOI: {record.doi[:80]!r}", field="doi", where="normalize.doi"))
        return record
    if cleaned == record.doi:
        return record
    return record.model_copy(update={"doi": cleaned})
