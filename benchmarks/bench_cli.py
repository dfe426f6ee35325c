"""Time the two main CLI jobs warm, in-process: ``python benchmarks/bench_cli.py``.

Runs the default ``reequity event-study`` and ``reequity correlate`` (offline, shipped
cache) once to warm imports and caches, then ``--repeat`` times each, and prints the best
wall time with and without figures (the gap is what the figures cost). Goals on one core
(``taskset -c 0``): event-study <= 3 s, correlate <= 5 s. Not a timed test.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from typer.testing import CliRunner

from reequity.cli.app import app

JOBS = {"event-study": ["event-study"], "correlate": ["correlate"]}


def _best(args: list[str], out: Path, repeat: int) -> float:
    runner, best = CliRunner(), float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = runner.invoke(app, [*args, "-q", "-o", str(out)])
        best = min(best, time.perf_counter() - t0)
        if result.exit_code != 0:
            raise SystemExit(f"{' '.join(args)} failed: {result.output}")
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for name, args in JOBS.items():
            out = Path(tmp) / name
            _best(args, out, 1)  # warm: imports, the cache's memo, matplotlib fonts
            full = _best(args, out, opts.repeat)
            bare = _best([*args, "--no-figures"], out, opts.repeat)
            print(f"{name}: {full:.2f} s with figures, {bare:.2f} s without "
                  f"(figures {full - bare:.2f} s), best of {opts.repeat}")  # fmt: skip


if __name__ == "__main__":
    main()
