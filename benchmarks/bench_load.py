"""Time the shipped-cache loaders (no network): ``python benchmarks/bench_load.py``."""

from __future__ import annotations

import time

from reequity.data.prices import load_returns
from reequity.data.universe import load_universe


def main(repeat: int = 5) -> None:
    tickers = [t for t in load_universe().index if t != "930598"]
    for label, names in [("7 acceptance tickers", ["600111", "600392", "LYC.AX", "CSI300", "ASX200", "SPX", "MP"]),
                         (f"all {len(tickers)} shipped tickers", tickers)]:  # fmt: skip
        best = float("inf")
        for _ in range(repeat):
            t0 = time.perf_counter()
            wide = load_returns(names)
            best = min(best, time.perf_counter() - t0)
        print(f"load_returns({label}): {best * 1000:.0f} ms best of {repeat}, shape {wide.shape}")


if __name__ == "__main__":
    main()
