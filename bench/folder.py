"""Time ``msc-citations normalize`` on generated folders against a bare baseline.

For each size N it writes a corpus (bench/make_corpus.py), then runs, as whole processes,
alternately and ``--repeats`` times:

* the baseline: read + decode + parse the same files in ``--jobs`` processes, doing nothing
  else: lxml for HTML/XML, ``json.loads`` for JSON, and for text a bare line-dispatch parse
  (split lines, look labels up in a set, a DOI and a year regex on candidate lines), i.e.
  the cheapest parse that still reads every line;
* ``msc-citations normalize DIR --jobs J --to jsonl --no-dedup`` (and once with dedup).

It prints medians of wall time, files/s, records/s, the peak RSS of the largest process and
the ratio baseline/normalize (1.0 = as fast as bare parsing).

    python bench/folder.py --sizes 1000 10000 50000 [--jobs 2] [--repeats 3] [--work DIR]
    python bench/folder.py --sizes 10000 --corpus pubmed-pages --repeats 3
    python bench/folder.py --sizes 10000 --only .txt        # copied-text pages only

Wall times on a shared machine move with the load; the CPU seconds (the process and its
workers, from ``getrusage``) move much less and are printed beside them, with ranges.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BASELINE = r"""
import json, re, sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from lxml import etree, html

# A bare line-dispatch parse of copied text, as in the measured ceiling (splitlines, a label
# set, two regexes only on candidate lines): what "parsing" a text file costs at the least.
LABELS = frozenset({
    "abstract", "authors", "author", "affiliations", "doi", "pmid", "pmcid", "keywords", "title",
    "journal", "source", "year", "volume", "issue", "pages", "publication types", "mesh terms",
    "摘要", "关键词", "作者", "机构", "页码", "中图分类号", "基金项目",
})
DOI = re.compile(r'10\.\d{4,9}/[^\s"<>]+')
YEAR = re.compile(r"\b(?:18|19|20)\d\d\b")

def text_parse(text):
    fields = {}
    label = None
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        key = line.rstrip(":：").lower()
        if key in LABELS:
            label = key
            continue
        head, sep, rest = line.partition(":")
        if sep and head.strip().lower() in LABELS:
            fields.setdefault(head.strip().lower(), rest.strip())
            continue
        if "10." in line and (m := DOI.search(line)):
            fields.setdefault("doi", m.group())
        if "year" not in fields and (m := YEAR.search(line)):
            fields["year"] = m.group()
        if label:
            fields.setdefault(label, line)
        elif "title" not in fields:
            fields["title"] = line
    return fields

def work(paths):
    n = 0
    for p in paths:
        data = Path(p).read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("gb18030", "replace")
        s = text.lstrip()[:200].lower()
        try:
            if s.startswith("<?xml"):
                etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
            elif s.startswith("<"):
                html.document_fromstring(text)
            elif s.startswith(("{", "[")):
                json.loads(text)
            else:
                text_parse(text)
        except Exception:
            pass
        n += 1
    return n

if __name__ == "__main__":
    files = sorted(str(p) for p in Path(sys.argv[1]).rglob("*") if p.is_file())
    jobs = int(sys.argv[2])
    chunks = [files[i::jobs] for i in range(jobs)]
    with ProcessPoolExecutor(jobs) as ex:
        print(sum(ex.map(work, chunks)))
"""


def _cpu(usage: resource.struct_rusage) -> float:
    return usage.ru_utime + usage.ru_stime


def _timed(cmd: list[str], ok_codes: tuple[int, ...] = (0, 1)) -> tuple[float, float, float, str]:
    """``(wall s, CPU s of the process and its workers, peak RSS MiB, stdout)``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in ok_codes:
        raise SystemExit(f"{cmd[:4]} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    # ru_maxrss of children is the largest child so far: only a rise is attributable.
    return wall, _cpu(after) - _cpu(before), max(after.ru_maxrss, before.ru_maxrss) / 1024, proc.stdout


def _spread(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} ({min(values):.2f}-{max(values):.2f})"


def _verdict(ok: bool) -> str:
    return "ok" if ok else "SHORT"


def _targets(n: int, args: argparse.Namespace, wall: float, ratio: float, peak: float) -> list[str]:
    """The issue's folder targets that this run measures, each with its figure and verdict.

    Time targets are stated for 10,000 files; other sizes are scaled linearly (marked)."""
    scaled = wall * 10_000 / n
    note = "" if n == 10_000 else f" (scaled from {n:,} files)"
    out = []
    if args.corpus == "pubmed-pages" and args.jobs == 2:
        out.append(
            f"TARGET 10,000 saved ~200 KB PubMed pages <= 50 s with 2 processes: {scaled:.1f} s{note}"
            f" -> {_verdict(scaled <= 50)}"
        )
    if args.corpus == "mixed" and args.only == ".txt":
        out.append(
            f"TARGET 10,000 small copied-text files read + parsed + validated <= 5 s: {scaled:.2f} s{note}"
            f" -> {_verdict(scaled <= 5)}"
        )
    out.append(f"TARGET >= 50 % of the bare read+decode+parse baseline: {ratio:.2f} -> {_verdict(ratio >= 0.5)}")
    if n >= 50_000:
        out.append(f"TARGET peak memory < 1 GB for {n:,} files: {peak:.0f} MiB -> {_verdict(peak < 1024)}")
    return out


def main() -> None:
    """Run the benchmark and print the table."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--work", type=Path, default=ROOT / ".bench-data")
    ap.add_argument("--only")
    ap.add_argument("--pubmed-html-kb", type=int, default=0)
    ap.add_argument(
        "--corpus",
        choices=("mixed", "pubmed-pages"),
        default="mixed",
        help="mixed: bench/make_corpus.py; pubmed-pages: bench/make_pubmed_pages.py (~200 KB saved pages)",
    )
    ap.add_argument("--keep-corpus", action="store_true", help="reuse a corpus already written")
    ap.add_argument("--no-dedup", dest="dedup", action="store_false", help="skip the run with deduplication")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    baseline_py = args.work / "baseline.py"
    baseline_py.write_text(BASELINE)
    print(
        "N | normalize wall s median (range) | CPU s | files/s | records/s | peak MiB (largest process)"
        " | baseline wall s | baseline CPU s | ratio baseline/normalize wall (CPU)"
    )
    for n in args.sizes:
        corpus = args.work / f"corpus_{args.corpus}_{n}"
        if args.corpus == "pubmed-pages":
            gen = [sys.executable, str(ROOT / "bench" / "make_pubmed_pages.py"), str(corpus), str(n)]
            gen += ["--kb", str(args.pubmed_html_kb or 200)]
        else:
            gen = [sys.executable, str(ROOT / "bench" / "make_corpus.py"), str(corpus), str(n)]
            if args.only:
                gen += ["--only", args.only]
            if args.pubmed_html_kb:
                gen += ["--pubmed-html-kb", str(args.pubmed_html_kb)]
        if not args.keep_corpus or not corpus.exists():
            subprocess.run(gen, check=True, capture_output=True)
        out = args.work / f"out_{n}.jsonl"
        common = [sys.executable, "-m", "msc_citations", "normalize", str(corpus), "--jobs", str(args.jobs), "--quiet"]
        norm_cmd = [*common, "--to", "jsonl", "--no-dedup", "-o", str(out)]
        base_cmd = [sys.executable, str(baseline_py), str(corpus), str(args.jobs)]
        walls, cpus, bases, base_cpus, peaks = [], [], [], [], []
        for _ in range(args.repeats):
            b, bc, _, _ = _timed(base_cmd, ok_codes=(0,))
            w, c, peak, _ = _timed(norm_cmd)
            walls.append(w)
            cpus.append(c)
            bases.append(b)
            base_cpus.append(bc)
            peaks.append(peak)
        records = sum(1 for _ in out.open(encoding="utf-8"))
        med, base = statistics.median(walls), statistics.median(bases)
        cpu_ratio = statistics.median(base_cpus) / statistics.median(cpus)
        print(
            f"{n} | {_spread(walls)} | {_spread(cpus)} | {n / med:.0f} | {records / med:.0f} | {max(peaks):.0f}"
            f" | {_spread(bases)} | {_spread(base_cpus)} | {base / med:.2f} ({cpu_ratio:.2f})",
            flush=True,
        )
        for line in _targets(n, args, med, base / med, max(peaks)):
            print(line, flush=True)
        if args.dedup:
            dedup_out = args.work / f"out_{n}.ris"
            w, c, peak, _ = _timed([*common, "--to", "ris", "-o", str(dedup_out)])
            print(f"{n} | with deduplication and RIS export: {w:.2f} s wall, {c:.2f} s CPU, peak {peak:.0f} MiB")


if __name__ == "__main__":
    main()
