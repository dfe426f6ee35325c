"""Cost of the specification curve of the headline study on the shipped cache.

Times ``specification_curve`` over the default grid (``reequity/study/spec_grid.csv``) for
the 2025-10-09 export controls on the default universe, and the same specifications run one
``event_study`` call each, to show what computing all event windows in one fit saves.

Run: ``python benchmarks/bench_robustness.py [--event-id ID] [--repeat 3]``
"""

from __future__ import annotations

import argparse
import dataclasses
import time
import warnings

from reequity.events.catalogue import load_catalogue
from reequity.study.engine import EventStudy
from reequity.study.robustness import specification_curve
from reequity.study.windows import parse_window
from reequity.workflows import catalogue_event_study, catalogue_robustness, prepare_study_inputs


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


def best_of(k: int, fn) -> float:
    times = []
    for _ in range(k):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--event-id", default="cn_export_controls_2025_10_09")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    study = headline_study(args.event_id)
    curve = specification_curve(study)
    n = len(curve.specs)
    joint = best_of(args.repeat, lambda: specification_curve(study))
    # the CLI's --robustness: the default catalogue study with the price-index alternative
    results = catalogue_event_study(event_ids=[args.event_id])
    full = catalogue_robustness(results)
    cli = best_of(1, lambda: catalogue_robustness(results))

    def one_by_one() -> None:
        for spec in curve.specs.itertuples(index=False):
            dataclasses.replace(
                study,
                model=spec.model,
                estimation=parse_window(spec.estimation),
                windows=[parse_window(spec.window)],
                tests=list(curve.tests),
            ).fit()

    single = best_of(1, one_by_one)
    print(f"headline study {args.event_id}: {len(study.events)} firm-events")
    print(f"specification curve, {n} specifications: {joint:.2f} s (best of {args.repeat})")
    print(f"same specifications, one fit each:      {single:.2f} s ({single / joint:.1f}x)")
    print(
        f"event-study --robustness grid (catalogue study, {len(full.specs)} specifications): "
        f"{cli:.2f} s"
    )


if __name__ == "__main__":
    main()
