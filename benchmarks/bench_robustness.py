"""Cost of the specification curve: the headline study in-process, the CLI end to end.

Before/after, in the same run:

* **headline curve, in-process**: ``specification_curve`` over the default grid
  (``reequity/study/spec_grid.csv``) for the 2025-10-09 export controls on the default
  universe (after: the shared path of :mod:`reequity.study.curve_fits`), against one full
  ``EventStudy.fit()`` per combination of the choices other than the event window (before:
  what the curve did until the shared path);
* **CLI end to end**: ``reequity event-study --robustness --no-figures`` (the default
  catalogue study, the 960-specification grid with the price-index benchmark) and the same
  without ``--robustness``, each a fresh ``python -m reequity.cli.app`` of this checkout;
  with ``--before-src DIR`` also of an older source tree (e.g.
  ``git archive b5269f4 | tar -x -C /tmp/before``).

Run: ``python benchmarks/bench_robustness.py [--repeat 3] [--before-src DIR] [--one-by-one]``
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from reequity.events.catalogue import load_catalogue
from reequity.study.engine import EventStudy
from reequity.study.robustness import specification_curve
from reequity.study.spec_choices import ChoiceContext, apply_choices
from reequity.study.windows import parse_window
from reequity.workflows import prepare_study_inputs

ROOT = Path(__file__).resolve().parents[1]


def headline_study(event_id: str) -> EventStudy:
    """The default catalogue study of one event (own benchmarks and calendars)."""
    inputs = prepare_study_inputs(load_catalogue(include_confounders=True), event_ids=[event_id])
    return EventStudy(
        inputs.returns,
        inputs.events,
        inputs.benchmark,
        calendars=inputs.calendars,
        price_limits=inputs.price_limits,
        confounders=inputs.confounders,
    )


def best_of(k: int, fn: Callable[[], object]) -> tuple[float, float]:
    """Best wall and best CPU seconds of ``k`` runs of ``fn``."""
    wall, cpu = [], []
    for _ in range(k):
        w, c = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - w)
        cpu.append(time.process_time() - c)
    return min(wall), min(cpu)


def full_fits(study: EventStudy, curve) -> tuple[int, Callable[[], None]]:
    """The curve before the shared path: one full fit per combination of the choices
    other than the event window (``curve.specs``), every window of the grid in that fit.
    Returns the number of fits and a function running them."""
    base = dataclasses.replace(study, tests=list(curve.tests))
    fit = base.fit()
    pairs = fit.params[["event_id", "ticker"]].drop_duplicates()
    benchmarks = {"own": study.benchmark, **(curve._benchmarks or {})}
    ctx = ChoiceContext(benchmarks=benchmarks, confounded=_flagged(fit), pairs=pairs)
    others = [c for c in curve.choices if c != "window"]
    combos = list(curve.specs[others].drop_duplicates().itertuples(index=False, name=None))
    windows = list(dict.fromkeys(curve.specs["window"]))
    variants = [
        v for v in apply_choices(base, combos, others, windows, ctx) if not isinstance(v, str)
    ]

    def run() -> None:
        for v in variants:
            v.fit()

    return len(variants), run


def _flagged(fit) -> frozenset[tuple[str, str]]:
    issues = fit.issues[fit.issues["kind"] == "confounder"]
    pairs = zip(issues["event_id"], issues["ticker"], strict=True)
    return frozenset((str(e), str(t)) for e, t in pairs if t)


def cli_seconds(src: Path, args: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one ``python -m reequity.cli.app`` run on source tree ``src``."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    with tempfile.TemporaryDirectory() as out:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "reequity.cli.app", *args, "-q", "--no-figures", "-o", out],
            env=env, cwd=out, check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--event-id", default="cn_export_controls_2025_10_09")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--before-src", type=Path, help="an older source tree for the CLI")
    parser.add_argument("--one-by-one", action="store_true", help="also one fit per spec")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    study = headline_study(args.event_id)
    curve = specification_curve(study)
    n = len(curve.specs)
    wall, cpu = best_of(args.repeat, lambda: specification_curve(study))
    combos, run = full_fits(study, curve)
    old_wall, old_cpu = best_of(1, run)
    print(f"headline study {args.event_id}: {len(study.events)} firm-events, {n} specifications")
    print(f"  shared: {curve.shared}")
    print(f"  after  (shared path):          {wall:6.2f} s wall, {cpu:6.2f} s CPU")
    print(f"  before ({combos} full fits):       {old_wall:6.2f} s wall, {old_cpu:6.2f} s CPU "
          f"({old_cpu / cpu:.0f}x the CPU)")  # fmt: skip
    if args.one_by_one:

        def one_by_one() -> None:
            for spec in curve.specs.itertuples(index=False):
                dataclasses.replace(
                    study,
                    model=spec.model,
                    estimation=parse_window(spec.estimation),
                    windows=[parse_window(spec.window)],
                    tests=list(curve.tests),
                ).fit()

        single, _ = best_of(1, one_by_one)
        print(f"  one event_study per specification: {single:.2f} s wall")
    trees = [("after", ROOT)] + ([("before", args.before_src)] if args.before_src else [])
    print("CLI end to end, event-study --no-figures (a fresh process each):")
    for label, src in trees:
        with_wall, with_cpu = cli_seconds(src, ["event-study", "--robustness"])
        bare_wall, bare_cpu = cli_seconds(src, ["event-study"])
        print(f"  {label:6s} {src}: --robustness {with_wall:6.1f} s wall ({with_cpu:.1f} s CPU), "
              f"without {bare_wall:.1f} s ({bare_cpu:.1f} s CPU): the curve "
              f"{with_cpu - bare_cpu:.1f} s CPU")  # fmt: skip


if __name__ == "__main__":
    main()
