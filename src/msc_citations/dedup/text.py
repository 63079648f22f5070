"""Fast comparison keys for deduplication: titles, DOIs, pages, volumes, journals.

Keys are built once per record on the compact key table, so every helper here is written
for speed (``rapidfuzz.utils.default_process`` instead of regexes on the hot path, cheap
``str.isascii`` checks before any Unicode work). Mojibake repair and DOI keys come from
the normalization package, so matching and normalization agree.
"""

from __future__ import annotations

import html
import re
import unicodedata

from rapidfuzz.utils import default_process

from ..normalize.doi import doi_key
from ..normalize.text import fix_mojibake

# Characters that only appear in UTF-8 text wrongly decoded as cp1252/latin-1.
MOJIBAKE_MARKERS = frozenset("ÃÂâÅÄ")
# An export that pasted the prefix twice: "10.3779/10.3779/j.issn.1009-3419.2018.11.07".
DOUBLED_PREFIX = re.compile(r"(10\.\d{4,9}/)\1", re.IGNORECASE)
DOI_IN_TEXT = re.compile(r"10\.\d{4,9}/[^\s\"<>]{1,200}")
TAG = re.compile(r"<[^<>]{0,200}>")
DIGITS = re.compile(r"\d{1,12}")
# Excel turns page ranges such as "6-10" into dates written "06-Oct" or "Oct-15".
MONTHS = {
    m: str(i)
    for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)
}
EXCEL_DAY_MONTH = re.compile(r"^(\d{1,2})-([A-Za-z]{3})$")
EXCEL_MONTH_NUM = re.compile(r"^([A-Za-z]{3})-(\d{1,2})$")
PAGE_SPLIT = re.compile(r"\s{0,3}(?:-{1,2}|–|—|/)\s{0,3}")
# A numbered version of a continuously updated document: Cochrane's ``.pub2``, ``.pub3``
# after the review's DOI, or a ``.v2`` suffix.
DOI_VERSION = re.compile(r"\.(?:pub|v)\d{1,3}$")
# A Cochrane review's number (``CD001186``), which its DOI and page field both carry.
COCHRANE_NUMBER = re.compile(r"^\s*(cd\d{6})\b", re.IGNORECASE)
COCHRANE_DOI_PREFIX = "10.1002/14651858."


def _doi_key(value: str) -> str:
    key = doi_key(value)
    return key if key.startswith("10.") else ""


def repair(text: str) -> str:
    """Text with mojibake, HTML entities and tags undone (only when they occur)."""
    if not text.isascii() and any(c in MOJIBAKE_MARKERS for c in text):
        text = fix_mojibake(text)
    if "&" in text and ";" in text:
        text = html.unescape(text)
    if "<" in text:
        text = TAG.sub(" ", text)
    return text


def fold(text: str) -> str:
    """Compatibility forms (full width) unified and Latin accents removed; CJK kept."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def text_key(text: str | None) -> str:
    """Lower-case words separated by single spaces, ``&`` read as ``and``.

    >>> text_key("KÃ¶nig &amp; <i>Ärzte</i>: ＡＢＣ—a “test”")
    'konig and arzte abc a test'
    """
    if not text:
        return ""
    text = fold(repair(text))
    if "&" in text:
        text = text.replace("&", " and ")
    return " ".join(default_process(text).split())


def doi_keys(value: str | None) -> tuple[str, ...]:
    """Normalized DOIs in a field (a field may hold several, or a DOI URL).

    >>> doi_keys("http://dx.doi.org/10.1016/J.X.2010.01.001.")
    ('10.1016/j.x.2010.01.001',)
    """
    if not value:
        return ()
    if "/10." in value:
        value = DOUBLED_PREFIX.sub(r"\1", value)
    if value.startswith("10.") and value.isascii() and not any(c in value for c in " &%\n"):
        return (value.rstrip(".,;").lower(),)
    if "&" in value:
        value = html.unescape(value)
    if " " not in value.strip():
        key = (_doi_key(value) or "").lower()
        if key.startswith("10."):
            return (key,)
    found = []
    for m in DOI_IN_TEXT.findall(value):
        key = (_doi_key(m) or "").lower()
        if key.startswith("10."):
            found.append(key)
    return tuple(dict.fromkeys(found))


def number_key(value: str | None) -> str:
    """The first run of digits without leading zeros (``"88 Suppl 1"`` -> ``"88"``)."""
    if not value:
        return ""
    m = DIGITS.search(value)
    return m.group().lstrip("0") or "0" if m else ""


def _excel_pages(text: str) -> tuple[str, str] | None:
    m = EXCEL_DAY_MONTH.match(text)
    if m and m.group(2).lower() in MONTHS:
        return m.group(1), MONTHS[m.group(2).lower()]
    m = EXCEL_MONTH_NUM.match(text)
    if m and m.group(1).lower() in MONTHS:
        return MONTHS[m.group(1).lower()], m.group(2)
    return None


def page_keys(pages: str | None, first: str | None = None) -> tuple[str, str]:
    """(first page, last page) as digit strings; the last page expanded (``221-8`` -> 228).

    >>> page_keys("221-8"), page_keys("06-Oct"), page_keys("E1012 / E1023"), page_keys("e37414")
    (('221', '228'), ('6', '10'), ('1012', '1023'), ('37414', ''))
    """
    if first:
        pages = pages if pages else first
    if not pages:
        return "", ""
    text = pages.strip()
    head, dash, tail = text.partition("-")
    if head.isdigit() and (not dash or tail.isdigit()):
        return _expand(head.lstrip("0") or "0", (tail.lstrip("0") or "0") if tail else "")
    excel = _excel_pages(text)
    parts = list(excel) if excel else PAGE_SPLIT.split(text, maxsplit=1)
    return _expand(number_key(parts[0]), number_key(parts[1]) if len(parts) > 1 else "")


def _expand(start: str, end: str) -> tuple[str, str]:
    if start and end and len(end) < len(start):
        end = start[: len(start) - len(end)] + end
    return (start, "") if end == start else (start, end)


def component_doi(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether one DOI names a part of the other's article (a figure, table or
    supplement): ``10.1371/journal.pone.0094853.g001`` of ``10.1371/journal.pone.0094853``."""
    return any(x.startswith(y + ".") or y.startswith(x + ".") for x in a for y in b)


def work_doi(doi: str) -> str:
    """The DOI of the document without its version suffix (the DOI itself if it has none).

    >>> work_doi("10.1002/14651858.cd001186.pub2"), work_doi("10.1002/ana.20501")
    ('10.1002/14651858.cd001186', '10.1002/ana.20501')
    """
    m = DOI_VERSION.search(doi)
    return doi[: m.start()] if m else doi


def work_key(dois: tuple[str, ...], journal_key: str, pages: str | None) -> str:
    """The unversioned DOI of a versioned document, or "" for an ordinary record.

    Versions of one living review (a Cochrane review and its updates) carry DOIs that
    differ only in a ``.pubN`` suffix; a copy without a DOI still names the review by its
    number in the page field.

    >>> work_key(("10.1002/14651858.cd001186.pub2",), "cochrane database syst rev", "CD001186")
    '10.1002/14651858.cd001186'
    >>> work_key((), "cochrane database of systematic reviews online", "Cd001186")
    '10.1002/14651858.cd001186'
    >>> work_key(("10.1002/ana.20501",), "ann neurol", "874-82")
    ''
    """
    for doi in dois:
        base = work_doi(doi)
        if base != doi:
            return base
    if pages and "cochrane" in journal_key:
        m = COCHRANE_NUMBER.match(pages)
        if m:
            return COCHRANE_DOI_PREFIX + m.group(1).lower()
    return ""


def related_dois(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two DOI lists name parts or versions of one document, or one DOI with a
    punctuation slip (see :func:`component_doi`, :func:`same_doi_text`, :func:`work_doi`)."""
    if component_doi(a, b) or same_doi_text(a, b):
        return True
    return not {work_doi(x) for x in a}.isdisjoint({work_doi(y) for y in b})


def _doi_letters(doi: str) -> str:
    return "".join(c for c in doi if c.isalnum())


def same_doi_text(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two DOI lists share a DOI once punctuation is ignored: one database
    dropped or added a dot or slash (``10.3402/fnr.v57i0.21245`` / ``10.3402/fnrv57i0.21245``).
    """
    return not {_doi_letters(x) for x in a}.isdisjoint({_doi_letters(y) for y in b})


def ranges_overlap(first_a: str, last_a: str, first_b: str, last_b: str) -> bool:
    """Whether two page ranges share at least half of the shorter one (two pages or
    more): one article with a misprinted range, since two articles never share more than
    a boundary page.

    >>> ranges_overlap("678", "684", "676", "682"), ranges_overlap("60", "71", "72", "83")
    (True, False)
    """
    if not (first_a and last_a and first_b and last_b):
        return False
    if not (first_a.isdigit() and last_a.isdigit() and first_b.isdigit() and last_b.isdigit()):
        return False
    a1, a2, b1, b2 = int(first_a), int(last_a), int(first_b), int(last_b)
    if a2 < a1 or b2 < b1:
        return False
    shared = min(a2, b2) - max(a1, b1) + 1
    return shared >= 2 and 2 * shared >= min(a2 - a1, b2 - b1) + 1
