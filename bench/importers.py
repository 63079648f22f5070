"""Time our RIS and MEDLINE/.nbib readers against rispy and Bio.Medline, and our exports.

Importers: the real exports among the fixtures (PubMed .nbib files, RIS files from PubMed
and Web of Science) are repeated, each copy with distinct identifiers, into one RIS file
and one .nbib file of about ``--records`` records; then each reader reads the same text:

* ours: ``msc_citations.formats.loads(text, "ris" | "nbib")`` (records fully built);
* rispy: ``rispy.loads(text)`` (dicts); Bio.Medline: ``list(Medline.parse(StringIO(text)))``.

Exports: the records read from the .nbib file (with abstracts, authors and MeSH terms) are
written with ``msc_citations.formats.dumps`` in every format.

Each figure is the median of ``--repeats`` in-process runs after one warm-up (CPU time of
this process, so other load on the machine counts less), with the range. rispy and
biopython are needed only here (``pip install rispy biopython``).

    python bench/importers.py [--records 10000] [--repeats 5]
"""

from __future__ import annotations

import argparse
import functools
import gc
import io
import itertools
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from msc_citations.formats import dumps, loads

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
RIS_FILES = sorted((FIXTURES / "formats").glob("*.ris"))
NBIB_FILES = sorted((FIXTURES / "pubmed").glob("*.nbib"))
EXPORT_FORMATS = ("ris", "bibtex", "csl-json", "nbib", "jsonl", "csv", "refer")
RIS_RECORD_END = re.compile(r"^ER  -.*$", re.M)
NBIB_RECORD_START = re.compile(r"^PMID- ", re.M)
DIGITS = re.compile(r"\d{5,}")


def _records_of(text: str, fmt: str) -> list[str]:
    if fmt == "ris":
        parts = RIS_RECORD_END.split(text)
        return [p.strip("\r\n") + "\nER  - \n" for p in parts if p.strip()]
    starts = [m.start() for m in NBIB_RECORD_START.finditer(text)] + [len(text)]
    return [text[a:b].rstrip("\r\n") + "\n" for a, b in itertools.pairwise(starts)]


def _shifted(match: re.Match[str], by: int) -> str:
    return str(int(match.group()) + by)


def build_text(files: list[Path], fmt: str, n: int) -> str:
    """About ``n`` records from the fixture exports, identifiers varied per copy."""
    templates = [r for f in files for r in _records_of(f.read_text("utf-8"), fmt)]
    out = []
    for i in range(n):
        rec = templates[i % len(templates)]
        out.append(DIGITS.sub(functools.partial(_shifted, by=i), rec))
    return "\n".join(out)


def timed(fn: Callable[[], object], repeats: int) -> tuple[float, float, float, object]:
    """``(median, min, max)`` CPU seconds of ``fn`` and its last result."""
    result = fn()
    times = []
    for _ in range(repeats):
        result = None  # the previous result is freed before the clock starts
        start = time.process_time()
        result = fn()
        times.append(time.process_time() - start)
    return statistics.median(times), min(times), max(times), result


def _line(label: str, n: int, med: float, lo: float, hi: float) -> str:
    return f"{label:34s} {n:>6} records  median {med:6.3f} s ({lo:.3f}-{hi:.3f})  {n / med:>9,.0f} records/s"


def main() -> None:
    """Run the importer and export timings and print them."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--records", type=int, default=10_000)
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    import rispy  # type: ignore[import-untyped]
    from Bio import Medline

    ris = build_text(RIS_FILES, "ris", args.records)
    nbib = build_text(NBIB_FILES, "nbib", args.records)
    print(
        f"RIS {len(ris) / 1e6:.1f} MB from {len(RIS_FILES)} files,",
        f".nbib {len(nbib) / 1e6:.1f} MB from {len(NBIB_FILES)} files",
    )
    rows = [
        ("RIS: msc_citations loads", lambda: loads(ris, "ris")),
        ("RIS: rispy.loads", lambda: rispy.loads(ris)),
        (".nbib: msc_citations loads", lambda: loads(nbib, "nbib")),
        (".nbib: Bio.Medline.parse", lambda: list(Medline.parse(io.StringIO(nbib)))),  # type: ignore[no-untyped-call]
    ]
    ratios: dict[str, float] = {}
    for label, fn in rows:
        med, lo, hi, result = timed(fn, args.repeats)
        n = len(result)  # type: ignore[arg-type]
        # Freed before the next row: one reader's objects alive while the next is timed
        # would put the cost of collecting them on that reader.
        result = None
        gc.collect()
        ratios[label] = n / med
        print(_line(label, n, med, lo, hi))
    print(f"RIS: ours / rispy = {ratios['RIS: msc_citations loads'] / ratios['RIS: rispy.loads']:.2f}x")
    print(
        f".nbib: ours / Bio.Medline = {ratios['.nbib: msc_citations loads'] / ratios['.nbib: Bio.Medline.parse']:.2f}x"
    )
    records = loads(nbib, "nbib")
    for fmt in EXPORT_FORMATS:
        med, lo, hi, _ = timed(functools.partial(dumps, records, format=fmt), args.repeats)
        print(_line(f"export {fmt}", len(records), med, lo, hi))


if __name__ == "__main__":
    main()
