"""Export speed: records written per second by each format (median of several runs).

The records are the seeds' and source fixtures' records, repeated with unique ids up to
``--records`` (default 50,000), so the mix of fields (abstracts, author lists, trial
designs, CJK text) is the one real pages give. The floor is 50,000 records/s per format.
Times are the process's CPU time, so other work on a shared machine does not count.

    python bench/export_speed.py [--records 50000] [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from exports import collect_records

from msc_citations.formats import dumps

FORMATS = ("ris", "bibtex", "csl-json", "nbib", "refer", "jsonl")
FLOOR = 50_000
"""Records per second every export must reach."""


def main() -> int:
    """Time every format; exit 1 when one is below the floor."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--records", type=int, default=50_000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    base, _ = collect_records()
    records = [base[i % len(base)].model_copy(update={"id": f"r{i}"}) for i in range(args.records)]
    print(f"{len(records)} records ({len(base)} distinct fixture records), median of {args.runs} runs")
    slow = []
    for fmt in FORMATS:
        times = []
        for _ in range(args.runs):
            start = time.process_time()
            dumps(records, format=fmt)
            times.append(time.process_time() - start)
        rate = len(records) / statistics.median(times)
        print(f"{fmt:9} {rate:>10,.0f} records/s")
        if rate < FLOOR:
            slow.append(fmt)
    if slow:
        print(f"below {FLOOR:,} records/s: {', '.join(slow)}")
    return 1 if slow else 0


if __name__ == "__main__":
    raise SystemExit(main())
