"""Benchmark of the block engine on 1,000,000 SYNTHETIC firm-events (not a test; by hand).

    python benchmarks/bench_blocks.py                    # 5,000 firms x 200 dates
    python benchmarks/bench_blocks.py --firms 1000 --dates 40

Builds a SYNTHETIC whole-market panel (bench_engine.synthetic_panel: random returns,
betas around 1, 2,500 days), 5,000 firms x 200 event dates = 1,000,000 firm-events, and
runs ``event_study_blocks`` (market model, estimation -250..-11, window -5..5, the 13
block tests per event and pooled). Prints wall and CPU seconds and peak resident memory
(ru_maxrss; the input panel alone is printed beside it). Before timing, the block engine
is checked against ``event_study`` on 200 firms x 5 dates (1e-10). Goal (issue 15):
<= 60 s and <= 8 GB on one core (pin with ``taskset -c 0``).
"""

# ruff: noqa: E402  (BLAS threads are set before numpy is imported)
from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # one core: the goal is per core

import argparse
import resource
import sys
import time
import warnings

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_engine import synthetic_events, synthetic_panel

from reequity.errors import ReequityWarning
from reequity.study.blocks import BLOCK_TESTS, event_study_blocks
from reequity.study.engine import event_study

EST, WIN = (-250, -11), (-5, 5)


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def check() -> None:
    """The block engine equals event_study on a small synthetic case (several blocks)."""
    returns = synthetic_panel(200)
    events = synthetic_events(returns.index, 5)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ReequityWarning)
        res = event_study(
            returns, events, benchmark="MKT", estimation=EST, windows=[WIN],
            tests=list(BLOCK_TESTS), clean_estimation=False,
        )  # fmt: skip
    blk = event_study_blocks(
        returns, events, benchmark="MKT", estimation=EST, windows=[WIN], block_dates=2
    )
    keys = ["event_id", "window", "tau", "test"]
    eng = res.tests.astype({"window": str})
    m = eng.merge(blk.tests, on=keys, suffixes=("", "_b"), validate="1:1")
    assert len(m) == len(eng) == len(blk.tests)
    for col in ("statistic", "pvalue"):
        assert np.allclose(m[col], m[col + "_b"], rtol=1e-10, atol=1e-10), col
    assert np.allclose(res.car["car"], blk.car.sort_values(["event_id", "ticker"])["car"],
                       rtol=1e-10, atol=1e-10)  # fmt: skip
    print(f"block engine == event_study on 200 firms x 5 dates ({len(m):,} test rows, 1e-10)")


def main(firms: int, dates: int, block_dates: int | None) -> None:
    t0 = time.perf_counter()
    returns = synthetic_panel(firms)
    events = synthetic_events(returns.index, dates)
    print(f"SYNTHETIC panel {firms:,} firms x {len(returns):,} days, {dates} event dates = "
          f"{firms * dates:,} firm-events; built in {time.perf_counter() - t0:.1f} s, "
          f"input {returns.memory_usage().sum() / 2**20:,.0f} MB, peak RSS so far "
          f"{rss_mb():,.0f} MB")  # fmt: skip
    w0, c0 = time.perf_counter(), time.process_time()
    res = event_study_blocks(
        returns, events, benchmark="MKT", estimation=EST, windows=[WIN], block_dates=block_dates
    )
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    pooled = res.tests[(res.tests["event_id"] == "ALL") & res.tests["tau"].isna()]
    print(f"event_study_blocks: {wall:.1f} s wall, {cpu:.1f} s CPU, peak RSS {rss_mb():,.0f} MB "
          f"(goal <= 60 s, <= 8 GB); {len(res.car):,} CAR rows, {len(res.tests):,} test rows; "
          f"load {' '.join(f'{x:.2f}' for x in os.getloadavg())}")  # fmt: skip
    print(pooled[["test", "statistic", "pvalue", "n_firms"]].to_string(index=False))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--firms", type=int, default=5000)
    parser.add_argument("--dates", type=int, default=200)
    parser.add_argument("--block-dates", type=int, default=None)
    parser.add_argument("--no-check", action="store_true")
    args = parser.parse_args()
    if not args.no_check:
        check()
    main(args.firms, args.dates, args.block_dates)
