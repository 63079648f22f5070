"""Deduplication quality and speed on labelled benchmark sets, through the CLI.

For every dataset folder (one holding ``records_pre_merged*.csv[.gz]``) it runs, as a
whole process, ``msc-citations dedup RECORDS --clusters clusters.csv --maybe maybe.csv``,
scores the clusters with the folder's ``evaluate.py`` and prints per set the per-record
sensitivity / specificity (the ASySD paper's convention), pairwise precision / recall /
F1, records per second and the process's peak memory. Timings are medians of
``--repeats`` runs.

    python bench/dedup.py [BENCH_DIR] [--repeats 3] [--gold auto|asysd|bibdedupe] [--only srsr] [--records]

With ``--records`` the merged records are written as well (``-o merged.jsonl``: merging
and the normalization stack included), i.e. the path end to end.

BENCH_DIR defaults to $MSC_CITATIONS_DEDUP_BENCH, else ../shared/benchmarks/dedup beside
the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_BENCH = ROOT.parent / "shared" / "benchmarks" / "dedup"
ENV_VAR = "MSC_CITATIONS_DEDUP_BENCH"


def bench_dir(arg: str | None) -> Path:
    """The benchmark folder from the argument, the environment or the default."""
    return Path(arg or os.environ.get(ENV_VAR) or DEFAULT_BENCH)


def datasets(root: Path, only: list[str]) -> list[tuple[str, list[Path]]]:
    """(name, record files) of every dataset folder under ``root``."""
    out = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        files = sorted(folder.glob("records_pre_merged*.csv*"))
        if files and (not only or folder.name in only):
            out.append((folder.name, files))
    return out


def run_once(files: list[Path], work: Path, records: bool = False) -> tuple[float, int, Path]:
    """Run the CLI once: (wall seconds, peak RSS bytes, clusters file). With ``records``
    the merged, normalized records are written too (``-o``): the whole path, end to end."""
    clusters = work / "clusters.csv"
    cmd = [sys.executable, "-m", "msc_citations", "dedup", *map(str, files)]
    cmd += ["--clusters", str(clusters), "--maybe", str(work / "maybe.csv")]
    if records:
        cmd += ["-o", str(work / "merged.jsonl")]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"dedup failed ({proc.returncode}): {err}")
    return wall, usage.ru_maxrss * 1024, clusters


def score(root: Path, name: str, clusters: Path, gold: str) -> dict[str, object]:
    """The evaluate.py JSON for a clusters file."""
    cmd = [sys.executable, str(root / "evaluate.py"), str(root / name), str(clusters), "--json", "--gold", gold]
    result: dict[str, object] = json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)
    return result


def main() -> int:
    """Run every set and print one line per set plus the pooled per-record figures."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("bench", nargs="?", help=f"benchmark folder (default: ${ENV_VAR} or ../shared/benchmarks/dedup)")
    ap.add_argument("--repeats", type=int, default=1)
    ap.add_argument("--gold", default="auto", choices=["auto", "asysd", "bibdedupe"])
    ap.add_argument("--only", nargs="*", default=[])
    ap.add_argument("--records", action="store_true", help="also write the merged records (end to end)")
    a = ap.parse_args()
    root = bench_dir(a.bench)
    if not root.is_dir():
        print(f"no benchmark folder at {root}", file=sys.stderr)
        return 2
    header = f"{'set':<13}{'records':>8} {'sens':>7} {'spec':>7} {'p_prec':>7} {'p_rec':>7} {'p_f1':>7}"
    print(header + f" {'wall_s':>7} {'rec/s':>7} {'peak_MB':>8}")
    pooled = {"TP": 0, "FN": 0, "TN": 0, "FP": 0}
    for name, files in datasets(root, a.only):
        with tempfile.TemporaryDirectory() as tmp:
            runs = [run_once(files, Path(tmp), a.records) for _ in range(max(1, a.repeats))]
            wall = statistics.median(r[0] for r in runs)
            peak = max(r[1] for r in runs)
            res = score(root, name, runs[-1][2], a.gold)
        rec, pair = res["per_record"], res["pairwise"]
        assert isinstance(rec, dict) and isinstance(pair, dict)
        for key in pooled:
            pooled[key] += int(rec[key])
        n = int(str(res["records"]))
        print(
            f"{name:<13}{n:>8} {rec['sensitivity']:>7.4f} {rec['specificity']:>7.4f} {pair['precision']:>7.4f} "
            f"{pair['recall']:>7.4f} {pair['f1']:>7.4f} {wall:>7.2f} {n / wall:>7.0f} {peak / 2**20:>8.0f}"
        )
    sens = pooled["TP"] / max(1, pooled["TP"] + pooled["FN"])
    spec = pooled["TN"] / max(1, pooled["TN"] + pooled["FP"])
    print(f"pooled per-record: sensitivity {sens:.4f} specificity {spec:.4f} ({pooled})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
