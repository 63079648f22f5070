"""The generated export-mapping page: where each record field lands in each export format.

The tables are not copied from the field maps by hand: a probe record whose every field holds
a distinct marker value is written with each format's own writer, and the page lists the
tags, fields, variables or columns in which each marker appears. Whatever the writers do
today is what the page says.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from .formats import dumps
from .model import (
    RECORD_TYPES,
    AltTitle,
    Funding,
    MergedFrom,
    Outcome,
    Person,
    Record,
    RegistryId,
    StudyLink,
    TrialInfo,
)

FORMATS: tuple[tuple[str, str], ...] = (
    ("ris", "RIS tag"),
    ("bibtex", "BibTeX field"),
    ("csl-json", "CSL-JSON variable"),
    ("nbib", "MEDLINE tag"),
    ("refer", "Refer tag"),
    ("csv", "CSV column"),
)
"""(format, what its locations are called), in page order."""

NOTE_LINE = re.compile(r"^([A-Z][A-Za-z ()]{1,40}): ")
RIS_LINE = re.compile(r"^([A-Z][A-Z0-9])  - ?(.*)$")
NBIB_LINE = re.compile(r"^([A-Z]{2,4}) {0,2}- (.*)$")
REFER_LINE = re.compile(r"^%(\S) ?(.*)$")
BIBTEX_FIELD = re.compile(r"^\s{1,8}([a-z]{1,30}) = [{\"]?(.*?)[}\"]?,?$")
BIBTEX_HEAD = re.compile(r"^@(\w{1,30})\{([^,]{0,200}),$")

# (row label, marker pattern): every marker value below occurs once in the probe record.
ROWS: tuple[tuple[str, str], ...] = (
    ("id", "probeid"),
    ("title", "Probetitle"),
    ("alt_titles", "Alttitleprobe"),
    ("authors (family, given)", "Famprobe"),
    ("authors[].affiliations", "Affprobe"),
    ("authors[].email", "mail@probe\\.org"),
    ("authors[].orcid", "0000-0002-1825-0097"),
    ("journal", "Journalprobe"),
    ("journal_abbrev", "Jabbrprobe"),
    ("issn", "1234-5678"),
    ("publisher", "Publisherprobe"),
    ("year", "1987"),
    ("month", "11|[Nn]ov"),
    ("day", "23"),
    ("volume", "77"),
    ("issue", "88"),
    ("pages, page_first", "101"),
    ("page_last", "109"),
    ("article_number", "e5555"),
    ("page_count", "9"),
    ("doi", "10\\.9999/doiprobe"),
    ("pmid", "99999999"),
    ("pmcid", "PMC7777777"),
    ("registry_ids", "NCT09999999"),
    ("abstract", "Abstractprobe"),
    ("keywords", "Kwprobe"),
    ("mesh_terms", "Meshprobe"),
    ("publication_types", "Ptprobe"),
    ("language", "Langprobe"),
    ("country", "Countryprobe"),
    ("funding", "Funderprobe"),
    ("cited_by_count", "4321"),
    ("classification", "Classprobe"),
    ("url", "https://probe\\.example/x"),
    ("trial.status", "Statusprobe"),
    ("trial.study_type", "Stypeprobe"),
    ("trial.phase", "Phaseprobe"),
    ("trial.allocation", "Allocprobe"),
    ("trial.masking", "Maskprobe"),
    ("trial.purpose", "Purpprobe"),
    ("trial.intervention_model", "Imodelprobe"),
    ("trial.enrollment", "6543"),
    ("trial.conditions", "Condprobe"),
    ("trial.interventions", "Intprobe"),
    ("trial.sponsor", "Sponsorprobe"),
    ("trial.collaborators", "Collabprobe"),
    ("trial.sites", "Siteprobe"),
    ("trial.start_date", "2001-02-03"),
    ("trial.completion_date", "2002-03-04"),
    ("trial.registration_date", "2000-01-02"),
    ("trial.outcomes", "Primprobe"),
    ("extra", "Extraprobe"),
    ("study_id", "Studyprobe"),
    ("links", "Linkprobe"),
    ("merged_from", "Mergedprobe"),
)


def probe_record() -> Record:
    """A clinical-trial record whose every field holds a distinct, searchable value."""
    trial = TrialInfo(
        status="Statusprobe", study_type="Stypeprobe", phase="Phaseprobe", allocation="Allocprobe",
        masking="Maskprobe", purpose="Purpprobe", intervention_model="Imodelprobe", enrollment=6543,
        conditions=["Condprobe"], interventions=["Intprobe"], sponsor="Sponsorprobe",
        collaborators=["Collabprobe"], sites=["Siteprobe"], start_date="2001-02-03",
        completion_date="2002-03-04", registration_date="2000-01-02",
        outcomes=[Outcome(kind="primary", measure="Primprobe", time_frame="3 months")],
    )  # fmt: skip
    author = Person(
        family="Famprobe", given="Givprobe", affiliations=["Affprobe"], email="mail@probe.org",
        orcid="0000-0002-1825-0097",
    )  # fmt: skip
    return Record(
        id="probeid", type="clinical-trial", title="Probetitle", alt_titles=[AltTitle(text="Alttitleprobe")],
        authors=[author], journal="Journalprobe", journal_abbrev="Jabbrprobe", issn=["1234-5678"],
        publisher="Publisherprobe", year=1987, month=11, day=23, volume="77", issue="88", pages="101-109",
        page_first="101", page_last="109", article_number="e5555", page_count=9, doi="10.9999/doiprobe",
        pmid="99999999", pmcid="PMC7777777", registry_ids=[RegistryId(registry="ClinicalTrials.gov", id="NCT09999999")],
        abstract="Abstractprobe", keywords=["Kwprobe"], mesh_terms=["Meshprobe"], publication_types=["Ptprobe"],
        language="Langprobe", country="Countryprobe", funding=[Funding(funder="Funderprobe", award_ids=["A1"])],
        cited_by_count=4321, classification="Classprobe", url="https://probe.example/x", trial=trial,
        extra={"probe": "Extraprobe"}, study_id="Studyprobe", links=[StudyLink(relation="Linkprobe", id="x")],
        merged_from=[MergedFrom(id="Mergedprobe")],
    )  # fmt: skip


def _noted(tag: str, value: str) -> tuple[str, str]:
    """A note line is located by its tag and its label (``N1`` ``Phase: ...``)."""
    label = NOTE_LINE.match(value)
    return (f"`{tag}` `{label[1]}: …`" if label else f"`{tag}`", value)


def _tagged(text: str, line_re: re.Pattern[str], note_tags: frozenset[str]) -> Iterator[tuple[str, str]]:
    tag = ""
    for line in text.splitlines():
        match = line_re.match(line)
        if match:
            tag, value = match[1], match[2]
        elif not line.strip() or not tag:
            continue
        else:
            value = line.strip()
        yield _noted(tag, value) if tag in note_tags else (f"`{tag}`", value)


def _ris(text: str) -> Iterator[tuple[str, str]]:
    return _tagged(text, RIS_LINE, frozenset({"N1"}))


def _nbib(text: str) -> Iterator[tuple[str, str]]:
    return _tagged(text, NBIB_LINE, frozenset({"GN"}))


def _refer(text: str) -> Iterator[tuple[str, str]]:
    return (("`%" + loc.strip("`") + "`", value) for loc, value in _tagged(text, REFER_LINE, frozenset({"Z"})))


def _bibtex(text: str) -> Iterator[tuple[str, str]]:
    field = ""
    for line in text.splitlines():
        head, match = BIBTEX_HEAD.match(line), BIBTEX_FIELD.match(line)
        if head:
            yield ("entry key", head[2])
        elif match:
            field = match[1]
            yield _noted(field, match[2]) if field == "note" else (f"`{field}`", match[2])
        elif field == "note" and line.strip() not in ("", "}"):
            yield _noted(field, line.strip().rstrip("}"))


def _json_items(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _json_items(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for item in value:
            yield from _json_items(item, path)
    elif path == "note":
        yield from (_noted("note", line) for line in str(value).splitlines())
    else:
        yield (f"`{path}`", str(value))


def _csl(text: str) -> Iterator[tuple[str, str]]:
    return _json_items(json.loads(text)[0], "")


def _csv(text: str) -> Iterator[tuple[str, str]]:
    row = next(csv.DictReader(io.StringIO(text)))
    return ((f"`{column}`", value or "") for column, value in row.items())


READERS: dict[str, Callable[[str], Iterator[tuple[str, str]]]] = {
    "ris": _ris,
    "bibtex": _bibtex,
    "csl-json": _csl,
    "nbib": _nbib,
    "refer": _refer,
    "csv": _csv,
}


def locations(fmt: str, record: Record) -> dict[str, list[str]]:
    """Row label -> where that field's marker appears when ``record`` is written in ``fmt``."""
    items = list(READERS[fmt](dumps([record], format=fmt)))
    out: dict[str, list[str]] = {}
    for label, marker in ROWS:
        pattern = re.compile(rf"(?<![\w.])(?:{marker})(?![\w])")
        found = [where for where, value in items if pattern.search(value)]
        out[label] = list(dict.fromkeys(found))
    return out


def _type_cell(fmt: str, kind: str) -> str:
    record = Record(type=kind, title="Probetitle")
    items = list(READERS[fmt](dumps([record], format=fmt)))
    wanted = {"ris": "`TY`", "nbib": "`PT`", "refer": "`%0`", "csv": "`ENTRYTYPE`", "csl-json": "`type`"}
    if fmt == "bibtex":
        head = BIBTEX_HEAD.match(dumps([record], format=fmt).splitlines()[0])
        return f"`@{head[1]}`" if head else "—"
    values = [value for where, value in items if where == wanted[fmt]]
    return ", ".join(f"`{v}`" for v in values) or "—"


def exports_page() -> str:
    """The export mapping as Markdown tables, measured on the writers themselves."""
    record = probe_record()
    found = {fmt: locations(fmt, record) for fmt, _ in FORMATS}
    header = "| record field | " + " | ".join(title for _, title in FORMATS) + " |"
    rule = "|---" * (len(FORMATS) + 1) + "|"
    out = [
        "# Export mapping",
        "",
        "<!-- generated by `python -m msc_citations.docgen docs/reference`; do not edit -->",
        "",
        "Where each record field lands in each format. Measured, not copied: a clinical-trial",
        "record with a distinct value in every field is written with each format's writer and the",
        "page lists where each value appears. `N1` `Phase: …` means a note line starting",
        "`Phase: `, which the library's own readers turn back into the field. — means the",
        "format does not carry the field.",
        "",
        "## Fields",
        "",
        header,
        rule,
    ]
    for label, _ in ROWS:
        cells = [", ".join(found[fmt][label]) or "—" for fmt, _ in FORMATS]
        out.append(f"| `{label}` | " + " | ".join(cells) + " |")
    type_header = (
        "| record type | RIS `TY` | BibTeX entry type | CSL-JSON `type` | MEDLINE `PT` | Refer `%0` | CSV `ENTRYTYPE` |"
    )
    out += ["", "## Record types", "", type_header, rule]
    for kind in RECORD_TYPES:
        out.append(f"| `{kind}` | " + " | ".join(_type_cell(fmt, kind) for fmt, _ in FORMATS) + " |")
    return "\n".join(out) + "\n"
