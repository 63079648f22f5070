"""Deduplication scaling on synthetic records (../shared/benchmarks/perf_scripts/gen_records.py).

For each size N it generates the records once (cached as JSONL in ``--work``), then in a
fresh process per run streams them into the compact key table (no record models are
held; JSON decoding is not timed, building the keys is) and runs the default matching.
It prints the median time of the key table, of the
matching and of both, records per second, the process's peak RSS and the extra memory
above the loaded interpreter, and pairwise precision / recall against the injected
duplicates.

    python bench/dedup_synthetic.py --sizes 10000 100000 1000000 [--repeats 3] [--work DIR]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PERF = Path(os.environ.get("MSC_CITATIONS_PERF_SCRIPTS", ROOT.parent / "shared" / "benchmarks" / "perf_scripts"))

CHILD = r"""
import json, resource, sys, time
from collections import Counter
from msc_citations.dedup.engine import match_table
from msc_citations.dedup.table import KeyTable, add_plain_row, gc_paused
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
table = KeyTable()
truth = []
keys = 0.0
clock = time.perf_counter
with open(sys.argv[1], "rb") as fh, gc_paused():
    for line in fh:  # JSON decoding is loading, not the method: only key building is timed
        r = json.loads(line)
        truth.append(r["dup_of"] if r["dup_of"] >= 0 else r["id"])
        r["id"] = str(r["id"])
        t = clock()
        add_plain_row(table, r)
        keys += clock() - t
t1 = clock()
m = match_table(table)
t2 = clock()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
pred = [0] * len(table)
for c in m.clusters:
    for r in c:
        pred[r] = c[0]
pairs = lambda c: sum(v * (v - 1) // 2 for v in c.values())
tp, pp, tt = pairs(Counter(zip(pred, truth))), pairs(Counter(pred)), pairs(Counter(truth))
print(json.dumps(dict(keys=keys, match=t2 - t1, peak_kb=peak, base_kb=base,
                      precision=tp / pp if pp else 1.0, recall=tp / tt if tt else 1.0)))
"""


def generate(n: int, work: Path) -> Path:
    """Records from gen_records.py (seed 1), cached as JSONL, written by a separate process
    so that this one stays small (a child inherits its parent's peak RSS figure)."""
    out = work / f"synthetic_{n}.jsonl"
    if not out.exists():
        subprocess.run([sys.executable, __file__, "--generate", str(n), str(out)], check=True)
    return out


def _write_generated(n: int, out: Path) -> None:
    shim = types.ModuleType("orjson")  # gen_records imports orjson only to write JSON
    shim.dumps = lambda obj: json.dumps(obj).encode()  # type: ignore[attr-defined]
    sys.modules.setdefault("orjson", shim)
    spec = importlib.util.spec_from_file_location("gen_records", PERF / "gen_records.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with out.open("w", encoding="utf-8") as fh:
        for rec in module.generate(n):
            fh.write(json.dumps(rec) + "\n")


def run(path: Path) -> dict[str, float]:
    """One measurement in a fresh process."""
    res = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, check=True)
    out: dict[str, float] = json.loads(res.stdout)
    return out


def main() -> int:
    """Print one line per size."""
    if len(sys.argv) == 4 and sys.argv[1] == "--generate":
        _write_generated(int(sys.argv[2]), Path(sys.argv[3]))
        return 0
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--work", type=Path, default=Path("/tmp/msc_dedup_synthetic"))
    a = ap.parse_args()
    a.work.mkdir(parents=True, exist_ok=True)
    columns = ("N", "keys_s", "match_s", "total_s", "rec/s", "peak_MiB", "extra_MiB")
    print(" ".join(f"{c:>9}" for c in columns) + " prec   recall")
    for n in a.sizes:
        path = generate(n, a.work)
        runs = [run(path) for _ in range(a.repeats)]
        keys = statistics.median(r["keys"] for r in runs)
        match = statistics.median(r["match"] for r in runs)
        total = statistics.median(r["keys"] + r["match"] for r in runs)
        peak = max(r["peak_kb"] for r in runs) / 1024
        extra = max(r["peak_kb"] - r["base_kb"] for r in runs) / 1024
        last = runs[-1]
        print(
            f"{n:>9} {keys:>9.2f} {match:>9.2f} {total:>9.2f} {n / total:>9.0f} {peak:>9.0f} {extra:>9.0f} "
            f"{last['precision']:.4f} {last['recall']:.4f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
