"""Every figure of issue 15 in one run (not a test; run by hand, about 3 minutes).

    taskset -c 0 python benchmarks/bench_issue15.py

Runs, one after another in fresh processes (so one's memory does not tax the next):

1. ``bench_floor.py``: the main case against the plain-numpy floor (both malloc settings),
   1,000 firm-events as 50 dates against 5, and 100,000 firm-events against 1,000;
2. ``bench_engine.py --quick``: the main case with every test, and the bootstrap alone
   (999 resamples; the issue's "today" was 0.36-0.40 s on 2026-11-28, README row);
3. ``bench_blocks.py``: 1,000,000 SYNTHETIC firm-events (5,000 firms x 200 dates) through
   ``event_study_blocks`` with its wall time and peak memory, after checking it equals
   ``event_study`` on a small panel.

Each script prints its own figures and the goal beside each; this one only frames them.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
STEPS = [
    ("engine vs floor, 50 vs 5 dates, 100k vs 1k (goals <= 1.25x, <= 1.3x, <= 100x)",
     ["bench_floor.py"]),
    ("every test and the bootstrap alone (goal: bootstrap <= 1/2 of 0.36-0.40 s)",
     ["bench_engine.py", "--quick"]),
    ("1,000,000 firm-events in blocks (goals <= 60 s, <= 8 GB)", ["bench_blocks.py"]),
]  # fmt: skip


def main() -> int:
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1",
           "MKL_NUM_THREADS": "1"}  # fmt: skip
    failed = 0
    for title, args in STEPS:
        print(f"\n=== {title}: python benchmarks/{' '.join(args)}", flush=True)
        start = time.perf_counter()
        code = subprocess.call([sys.executable, str(HERE / args[0]), *args[1:]], env=env)
        print(f"=== ({time.perf_counter() - start:.0f} s wall, exit {code})", flush=True)
        failed += code != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
