"""Check our RIS, BibTeX, CSL-JSON and .nbib exports with independent real clients.

Parses the seed pages and every source fixture (tests/fixtures/<source>/) that states a
title, DOI or PMID, writes the four exports of those records, writes the expected values
(from the records themselves) and runs the export checker over them, which reads the
files back with rispy, bibtexparser, pybtex, citeproc-py, Citation.js, pandoc, the
official CSL-JSON schema and nbib, and renders them in APA and Vancouver.

The checker is not part of this repository. Point at it with ``--checker PATH`` or the
``MSC_EXPORT_CHECKER`` environment variable, and at a Python that has the clients
installed with ``--python`` or ``EXPORTCHECK_PYTHON`` (the checker's ``--install-hint``
prints the install commands). Arguments after ``--`` go to the checker::

    python bench/exports.py --checker ../shared/tools/check_exports.py \\
        --python /tmp/exportcheck-venv/bin/python -- --require-all

The checker runs three times: over RIS, BibTeX and CSL-JSON with one expected file, over
.nbib with its own (see :func:`expected`), and over the RIS that the README quick start's
main command writes from the seed pages. Then ``bench/citeproc_warnings.py`` renders the
CSL-JSON in APA and Vancouver with citeproc-py and lists any warning, which the checker does
not report. The last line printed is the sum of the checker runs, ``N passed, M failed``;
the exit status is the worst of the runs.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from msc_citations import parse_file
from msc_citations.formats import dumps, with_related
from msc_citations.formats.common import export_person
from msc_citations.model import Record

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
NOT_SOURCES = frozenset({"malformed", "http", "formats", "dedup", "encodings", "folders"})
FORMATS = {"ris": "ris", "bibtex": "bibtex", "csljson": "csl-json"}
"""Checker option -> our format name, for the formats that carry names and types alike."""
JOURNAL_TYPES = frozenset({"journal-article", "review", "preprint", "other"})
"""Record types whose container is a journal. For a chapter or a conference paper it is a
book or proceedings title (BibTeX ``booktitle``), which the checker does not read as a
journal, so it is not expected there."""

EXPECTED_TYPES: dict[str, list[str]] = {
    "journal-article": ["journal-article"],
    "review": ["journal-article"],
    "clinical-trial": ["report"],
    "conference-paper": ["conference-paper"],
    "book": ["book"],
    "chapter": ["chapter"],
    "thesis": ["thesis"],
    "preprint": ["preprint", "misc"],
    "other": ["misc"],
}
"""Our record type -> the checker's canonical types a client may read it as."""


def _inputs() -> list[tuple[Path, dict[str, Any]]]:
    """Every fixture input with its parse options (``_source``, ``_url``)."""
    out: list[tuple[Path, dict[str, Any]]] = [(p, {}) for p in sorted((FIXTURES / "seeds").glob("*.txt"))]
    for folder in sorted(p for p in FIXTURES.iterdir() if p.is_dir() and p.name not in NOT_SOURCES | {"seeds"}):
        for path in sorted(folder.iterdir()):
            if not path.is_file() or path.name.endswith(".expected.json") or path.name.startswith("."):
                continue
            exp_path = path.with_name(path.name.split(".", 1)[0] + ".expected.json")
            expected = json.loads(exp_path.read_text(encoding="utf-8")) if exp_path.exists() else {}
            opts = (
                {"source": expected.get("_source"), "url": expected.get("_url")} if isinstance(expected, dict) else {}
            )
            out.append((path, opts))
    return out


def collect_records(related: bool = False) -> tuple[list[Record], list[str]]:
    """Records of every fixture that states a title, DOI or PMID (ids unique across the
    set), and one line per input that gave none."""
    records: list[Record] = []
    skipped: list[str] = []
    for path, opts in _inputs():
        result = parse_file(path, errors="collect", **{k: v for k, v in opts.items() if v})
        found = [r for r in (with_related(result.records) if related else result.records) if r.title or r.doi or r.pmid]
        if not found:
            skipped.append(f"{path.relative_to(ROOT)}: no record with a title, DOI or PMID")
        records.extend(found)
    return _unique_ids(records), skipped


def _unique_ids(records: list[Record]) -> list[Record]:
    seen: dict[str, int] = {}
    out = []
    for rec in records:
        key = rec.id or "rec"
        n = seen.get(key, 0)
        seen[key] = n + 1
        out.append(rec if n == 0 else rec.model_copy(update={"id": f"{key}-{n + 1}"}))
    return out


def _names(rec: Record, medline: bool) -> list[dict[str, str]]:
    """Authors as a client must read them. Name-based exports write Han, Hangul and kana
    names whole; MEDLINE writes them split in ``FAU`` and writes organisations and lone
    family names as ``CN``, which MEDLINE readers (the ``nbib`` package) do not list as
    authors."""
    if medline:
        return [{"family": p.family, "given": p.given} for p in rec.authors if p.family and p.given]
    people = [export_person(p) for p in rec.authors]
    return [
        {"family": p.family, "given": p.given} if p.family and p.given else {"family": p.display_name(), "given": ""}
        for p in people
    ]


def expected(rec: Record, medline: bool = False) -> dict[str, Any]:
    """What a client must read back: the checker's simple form of ``rec``. MEDLINE readers
    take the type from the publication types, which say "Journal Article" for journal
    articles and nothing the checker maps for other records."""
    exp: dict[str, Any] = {"id": rec.id}
    if not medline or rec.type in ("journal-article", "review"):
        exp["type"] = EXPECTED_TYPES[rec.type]
    if rec.authors:
        exp["authors"] = _names(rec, medline)
    keys = ["title", "volume", "issue", "doi", "pmid"]
    if rec.type in JOURNAL_TYPES:
        keys += ["journal", "journal_abbrev"]
    for key in keys:
        value = getattr(rec, key)
        if value:
            exp[key] = str(value)
    if rec.year:
        exp["year"] = str(rec.year)
    if rec.page_first:
        exp["pages"] = f"{rec.page_first}-{rec.page_last}" if rec.page_last else rec.page_first
    elif rec.pages:
        exp["pages"] = rec.pages
    return exp


def _quick_start_run(python: str, checker: str, out: Path) -> list[str]:
    """Run the README quick start's main command (``msc-citations parse
    tests/fixtures/seeds/*.txt --to ris -o seeds.ris``) into ``out`` and return the checker
    command for its RIS, expecting every record of the seed pages."""
    seeds = sorted((FIXTURES / "seeds").glob("*.txt"))
    ris = out / "seeds.ris"
    cli = [sys.executable, "-m", "msc_citations", "parse", *map(str, seeds), "--to", "ris", "-o", str(ris)]
    subprocess.run(cli, check=True)
    records = [rec for path in seeds for rec in parse_file(path, errors="collect").records]
    (out / "expected-seeds.json").write_text(json.dumps([expected(r) for r in records], ensure_ascii=False, indent=1))
    return [python, checker, "--expect", str(out / "expected-seeds.json"), "--ris", str(ris)]


def _run(cmd: list[str]) -> tuple[int, int, int]:
    """Run the checker; (exit status, passed, failed) from its last line."""
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    sys.stdout.write(proc.stdout)
    sys.stderr.write(proc.stderr)
    last = (proc.stdout.strip().splitlines() or [""])[-1].split()
    ok = len(last) == 4 and last[1] == "passed,"
    return proc.returncode, int(last[0]) if ok else 0, int(last[2]) if ok else 0


def main(argv: list[str] | None = None) -> int:
    """Write the exports and run the checker; returns its exit status."""
    args_in = sys.argv[1:] if argv is None else argv
    extra: list[str] = []
    if "--" in args_in:
        cut = args_in.index("--")
        args_in, extra = args_in[:cut], args_in[cut + 1 :]
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--checker", default=os.environ.get("MSC_EXPORT_CHECKER"), help="path to check_exports.py")
    ap.add_argument("--python", default=os.environ.get("EXPORTCHECK_PYTHON", sys.executable))
    ap.add_argument("--out", type=Path, help="keep the exports in this folder (default: a temporary one)")
    ap.add_argument("--with-related", action="store_true", help="also export the pages' related papers")
    args = ap.parse_args(args_in)
    if not args.checker:
        ap.error("name the checker with --checker PATH or MSC_EXPORT_CHECKER")
    records, skipped = collect_records(args.with_related)
    for line in skipped:
        print(f"skipped {line}", file=sys.stderr)
    print(f"{len(records)} records from the seeds and source fixtures", file=sys.stderr)
    out = args.out or Path(tempfile.mkdtemp(prefix="msc-exports-"))
    out.mkdir(parents=True, exist_ok=True)
    runs = []
    (out / "expected.json").write_text(json.dumps([expected(r) for r in records], ensure_ascii=False, indent=1))
    cmd = [args.python, args.checker, "--expect", str(out / "expected.json")]
    for option, fmt in FORMATS.items():
        path = out / f"export.{option}"
        path.write_text(dumps(records, format=fmt), encoding="utf-8")
        cmd += [f"--{option}", str(path)]
    runs.append(cmd + extra)
    medline = [expected(r, medline=True) for r in records]
    (out / "expected-nbib.json").write_text(json.dumps(medline, ensure_ascii=False, indent=1))
    (out / "export.nbib").write_text(dumps(records, format="nbib"), encoding="utf-8")
    runs.append([args.python, args.checker, "--expect", str(out / "expected-nbib.json")])
    runs[-1] += ["--nbib", str(out / "export.nbib"), *extra]
    runs.append(_quick_start_run(args.python, args.checker, out) + extra)
    results = [_run(cmd) for cmd in runs]
    warn = subprocess.run(
        [args.python, str(ROOT / "bench" / "citeproc_warnings.py"), str(out / "export.csljson")],
        capture_output=True,
        text=True,
        check=False,
    )
    sys.stdout.write(f"== citeproc-py render warnings (APA, Vancouver) over export.csljson\n{warn.stdout}{warn.stderr}")
    print(f"exports in {out}", file=sys.stderr)
    print(f"{sum(r[1] for r in results)} passed, {sum(r[2] for r in results)} failed")
    return max([r[0] for r in results] + [warn.returncode])


if __name__ == "__main__":
    raise SystemExit(main())
