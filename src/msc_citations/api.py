"""The library's entry points: parse a text, bytes or a file into normalized records."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from .document import DEFAULT_MAX_BYTES, Document
from .errors import InputError, MscCitationsError, ParseError
from .normalize import normalize_record
from .record_ids import assign_ids
from .results import ParseIssue, ParseResult
from .sources import detect_source, get_source

Errors = Literal["strict", "collect", "ignore"]


def parse_document(
    doc: Document,
    *,
    source: str | None = None,
    normalize: bool = True,
    errors: Errors = "strict",
    assign: bool = True,
) -> ParseResult:
    """Detect (or use the named) source, parse ``doc`` and normalize its records.

    With ``errors="strict"`` a document no source reads raises :class:`ParseError`; with
    ``"collect"`` the failure is returned as an error issue; ``"ignore"`` drops it.
    """
    try:
        if source:
            parser = get_source(source)
            if doc.kind not in parser.input_kinds:
                kinds = ", ".join(parser.input_kinds)
                raise ParseError(
                    doc.path or "<input>", f"source {parser.name} does not read {doc.kind} input ({kinds})"
                )
            score = float(parser.detect(doc))
        else:
            parser, score = detect_source(doc)
        result = parser.parse(doc)
    except MscCitationsError as exc:
        if errors == "strict":
            raise
        issues = [ParseIssue(str(getattr(exc, "reason", exc)), severity="error")] if errors == "collect" else []
        return ParseResult(records=[], issues=issues)
    result.source = parser.name
    result.score = score
    records = []
    confidence = round(score, 3)
    # The parser's records are new and this call's alone: confidence is set in place, no
    # copies; a provenance object a related entry shares is copied instead (related
    # entries keep no confidence).
    related_sources = {id(rel.source) for rec in result.records for rel in rec.related if rel.source is not None}
    for rec in result.records:
        if rec.source is not None and rec.source.confidence is None:
            if id(rec.source) in related_sources:
                rec.source = rec.source.model_copy(update={"confidence": confidence})
            else:
                rec.source.confidence = confidence
        records.append(normalize_record(rec, issues=result.issues) if normalize else rec)
    result.records = assign_ids(records, copy=False) if assign else records
    if not result.records and errors == "strict":
        raise ParseError(doc.path or "<input>", f"{parser.name} found no record in this input")
    return result


def parse_text(
    text: str,
    *,
    source: str | None = None,
    url: str | None = None,
    path: str | None = None,
    normalize: bool = True,
    errors: Errors = "strict",
) -> ParseResult:
    """Parse a pasted page or export given as text.

    >>> from pathlib import Path
    >>> text = Path("tests/fixtures/seeds/002_f8f8bcaaa6009524.txt").read_text()
    >>> parse_text(text).records[0].doi  # doctest: +SKIP
    '10.1002/ana.20501'
    """
    return parse_document(
        Document.from_text(text, path=path, url=url), source=source, normalize=normalize, errors=errors
    )


def parse_bytes(
    data: bytes,
    *,
    source: str | None = None,
    url: str | None = None,
    path: str | None = None,
    normalize: bool = True,
    errors: Errors = "strict",
    max_bytes: int = DEFAULT_MAX_BYTES,
    assign: bool = True,
) -> ParseResult:
    """Parse raw bytes (any encoding); see :func:`parse_document`."""
    try:
        doc = Document.from_bytes(data, path=path, url=url, max_bytes=max_bytes)
    except InputError as exc:
        if errors == "strict":
            raise
        return ParseResult(issues=[ParseIssue(exc.reason, severity="error")] if errors == "collect" else [])
    return parse_document(doc, source=source, normalize=normalize, errors=errors, assign=assign)


def parse_file(
    path: str | Path,
    *,
    source: str | None = None,
    url: str | None = None,
    normalize: bool = True,
    errors: Errors = "strict",
    max_bytes: int = DEFAULT_MAX_BYTES,
    assign: bool = True,
) -> ParseResult:
    """Parse one file. Strict by default: raises :class:`InputError` or :class:`ParseError`
    naming the file and the reason."""
    try:
        doc = Document.from_path(path, url=url, max_bytes=max_bytes)
    except InputError as exc:
        if errors == "strict":
            raise
        return ParseResult(issues=[ParseIssue(exc.reason, severity="error")] if errors == "collect" else [])
    return parse_document(doc, source=source, normalize=normalize, errors=errors, assign=assign)
