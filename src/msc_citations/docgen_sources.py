"""The generated sources page: for each registered source, which sites and shapes it reads
(its module docstring), which fields its fixtures yield, and its first fixture's input with
the record the library makes of it.

Fixtures live in the source checkout (``tests/fixtures/<name>/``); from an installed copy
without them the page still lists every source, without fields and samples.
"""

from __future__ import annotations

import inspect
import json
from pathlib import Path
from typing import Any

from .model import Record, TrialInfo
from .sources import DETECTION_THRESHOLD, SourceParser, all_sources

REPO_ROOT = Path(__file__).resolve().parents[2]
FIXTURES = REPO_ROOT / "tests" / "fixtures"
EXCERPT_LINES = 14
EXCERPT_WIDTH = 110
VALUE_WIDTH = 160
LIST_ITEMS = 4
SKIPPED_KEYS = frozenset({"path"})
"""Keys left out of sample records: a fixture's path differs from one checkout to another."""


def _fixture_inputs(name: str) -> list[Path]:
    folder = FIXTURES / name
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.iterdir() if p.is_file() and not p.name.endswith(".expected.json") and p.name[0] != "."
    )


def _options(case: Path) -> dict[str, Any]:
    expected = case.with_name(case.name.split(".", 1)[0] + ".expected.json")
    if not expected.is_file():
        return {}
    data = json.loads(expected.read_text(encoding="utf-8"))
    return {"source": data.get("_source"), "url": data.get("_url")}


def _records(case: Path) -> list[Record]:
    from .api import parse_file

    try:
        return list(parse_file(case, **_options(case)).records)
    except Exception:  # a broken fixture shows as "no record" rather than stopping the page
        return []


def _yielded_fields(records: list[Record]) -> list[str]:
    """Fields (and ``trial.*`` fields) that hold a value in at least one record."""
    found: set[str] = set()
    for record in records:
        data = record.to_json_dict()
        for key, value in data.items():
            if key in ("source", "id") or value in (None, [], {}, ""):
                continue
            if key == "trial":
                found |= {f"trial.{k}" for k, v in value.items() if v not in (None, [], {}, "")}
            else:
                found.add(key)
    order = [*Record.model_fields, *(f"trial.{k}" for k in TrialInfo.model_fields)]
    return [f for f in order if f in found]


def _trim(value: Any) -> Any:
    """A record value shortened for display: empty values dropped, long text and lists cut."""
    if isinstance(value, dict):
        out = {k: _trim(v) for k, v in value.items() if k not in SKIPPED_KEYS and v not in (None, [], {}, "")}
        return {k: v for k, v in out.items() if v not in (None, [], {}, "")}
    if isinstance(value, list):
        kept = [_trim(v) for v in value[:LIST_ITEMS]]
        return [*kept, f"... ({len(value) - LIST_ITEMS} more)"] if len(value) > LIST_ITEMS else kept
    if isinstance(value, str) and len(value) > VALUE_WIDTH:
        return value[:VALUE_WIDTH] + " ..."
    return value


def _excerpt(case: Path) -> str:
    text = case.read_text(encoding="utf-8", errors="replace")
    lines = [line.rstrip() for line in text.splitlines() if line.strip()]
    cut = [line if len(line) <= EXCERPT_WIDTH else line[:EXCERPT_WIDTH] + " ..." for line in lines[:EXCERPT_LINES]]
    if len(lines) > EXCERPT_LINES:
        cut.append(f"... ({len(lines) - EXCERPT_LINES} more lines)")
    return "\n".join(cut).replace("```", "'''")


def _lang(case: Path) -> str:
    return {".html": "html", ".htm": "html", ".xml": "xml", ".json": "json"}.get(case.suffix.lower(), "text")


def _sites_and_shapes(src: SourceParser) -> str:
    module = inspect.getmodule(type(src))
    doc = inspect.getdoc(module) if module else None
    paragraph = " ".join((doc or src.label).split("\n\n")[0].split())
    # Module docstrings are reStructuredText: literal markers become Markdown code spans.
    paragraph = paragraph.replace("``", "`")
    return paragraph[:-2] + "." if paragraph.endswith("::") else paragraph


def source_section(src: SourceParser) -> list[str]:
    """One source's section of the page."""
    cases = _fixture_inputs(src.name)
    records = [r for case in cases for r in _records(case)]
    kinds = sorted({c.suffix for c in cases})
    out = [
        f"## `{src.name}`: {src.label} {{ #{src.name} }}",
        "",
        _sites_and_shapes(src),
        "",
        f"- **Reads**: {', '.join(src.input_kinds)} input; priority {src.priority}.",
        f"- **Fixtures**: {len(cases)} case(s) in `tests/fixtures/{src.name}/` ({', '.join(kinds) or 'none'}).",
    ]
    fields = _yielded_fields(records)
    if fields:
        out.append(f"- **Fields it yields**: {', '.join(f'`{f}`' for f in fields)}.")
    out.append("")
    if cases:
        first = cases[0]
        sample = _records(first)[:1]
        out += [f"Sample input (`{first.name}`, first lines):", "", f"```{_lang(first)}", _excerpt(first), "```", ""]
        if sample:
            body = json.dumps(_trim(sample[0].to_json_dict()), ensure_ascii=False, indent=2)
            out += ["The record it gives (empty fields left out, long values cut):", "", "```json", body, "```", ""]
    return out


def sources_page() -> str:
    """The sources reference as Markdown, from the registry and the fixtures."""
    sources = all_sources()
    out = [
        "# Sources",
        "",
        "<!-- generated by `python -m msc_citations.docgen docs/reference`; do not edit -->",
        "",
        "Each source is one module under `msc_citations/sources/` with its fixtures in",
        "`tests/fixtures/<name>/`. Auto-detection asks every source for a score from 0 to 1 and",
        f"takes the best one above {DETECTION_THRESHOLD}; `--source NAME` forces one. The fields listed",
        "for a source are those its fixtures yield after normalization; a page that states more",
        "gives more.",
        "",
        "| name | reads | priority | what it is |",
        "|---|---|---|---|",
    ]
    for src in sources:
        kinds = ", ".join(src.input_kinds)
        out.append(f"| [`{src.name}`](#{src.name}) | {kinds} | {src.priority} | {src.label} |")
    out.append("")
    for src in sources:
        out += source_section(src)
    return "\n".join(out).rstrip() + "\n"
