"""Files of `reequity correlate`: CSVs, PNG figures and ``report.md`` in ``--out``.

Which tables and which heatmaps a run writes is chosen by
:mod:`reequity.workflows.correlation` (:func:`output_tables`, :func:`heatmap_events`);
this module writes them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd

from reequity.cli._write import record_run, write_csv
from reequity.correlation.study_results import CorrelationResults
from reequity.workflows.correlation import HEATMAP_RULE, heatmap_events, output_tables

__all__ = ["REACTION", "SHOWN", "write_outputs"]

SHOWN = ["event_id", "ticker_a", "ticker_b", "n_pre", "n_post", "rho_pre", "rho_post",
         "fisher_z", "pvalue", "rho_post_adj", "fr_pvalue", "fr_pvalue_holm"]  # fmt: skip
REACTION = ["event_id", "ticker", "exchange", "first_date", "tau", "z", "close_utc", "rank", "note"]


def write_outputs(
    study: CorrelationResults, *, out: Path, settings: dict, figures: bool = True
) -> list[Path]:
    """Write the CSVs, PNG figures and ``report.md`` of ``study`` into ``out``."""
    from reequity.report import write_report

    out.mkdir(parents=True, exist_ok=True)
    tables = output_tables(study)
    written = []
    for name, frame in tables.items():
        written.append(write_csv(frame, out / f"{name}.csv"))  # atomic, formula-safe
    drawn = _figures(study, out / "figures") if figures else {}
    full = tables.get("event_correlation", pd.DataFrame()).reindex(columns=SHOWN)
    # rows without data on both sides stay in the CSV; the heading counts them
    empty = full.empty or (full["n_pre"] > 0) & (full["n_post"] > 0)
    kept = full if full.empty else full[empty]
    heading = (
        f"Correlation before/after events ({len(full) - len(kept)} event-pair rows without "
        "data on both sides are only in event_correlation.csv)"
    )
    shown = {
        heading: kept,
        "Lead-lag peaks (positive lag: ticker_a leads)": tables["lead_lag_peaks"],
        "First significant market-adjusted move after each event (rank 1 = first close)": (
            tables.get("first_reaction", pd.DataFrame()).reindex(columns=REACTION)
        ),
        "Events left out": study.skipped,
    }  # fmt: skip
    notes = (
        "Pre/post windows count common trading days of each pair; Fisher z compares the two "
        "correlations as independent samples; rho_post_adj is the Forbes-Rigobon (2002) "
        "correlation adjusted for the change in ticker_a's variance. Lead-lag: Sydney closes "
        "before Shanghai, which closes before New York on the same date."
    )
    sources = {heading: "event_correlation.csv", "Events left out": "skipped_events.csv",
               "Lead-lag peaks (positive lag: ticker_a leads)": "lead_lag_peaks.csv"}  # fmt: skip
    links = {p.name: p.name for p in written}
    report = write_report(out, title="reequity correlate", settings=settings, tables=shown,
                          figures=drawn, notes=f"{notes} Figures: {HEATMAP_RULE}.",
                          links=links, sources=sources)  # fmt: skip
    html = report.with_name("report.html")
    produced = [*written, *drawn.values(), report, *([html] if html.is_file() else [])]
    record_run(out, produced)  # clears an earlier run's leftovers
    return [*written, *drawn.values(), report]


def _figures(study: CorrelationResults, folder: Path) -> dict[str, Path]:
    import matplotlib

    matplotlib.use("Agg")  # the CLI never opens windows

    from reequity import plots
    from reequity.plots._base import save_figure

    folder.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}

    def save(caption: str, figure: Any, name: str) -> None:
        paths[caption] = save_figure(figure, folder / (_slug(name) + ".png"))

    facets = plots.plot_rolling_correlation_facets(study.rolling, events=study.event_marks())
    save("Rolling correlation, one panel per pair (numbered lines: events)", facets,
         "Rolling correlation")  # fmt: skip
    chosen = heatmap_events(study)
    for event_id in chosen:
        before, _ = plots.plot_correlation_heatmaps(study.events, event_id=event_id)
        save(f"Correlation before/after {event_id} ({HEATMAP_RULE})", before.figure,
             f"Correlation before/after {event_id}")  # fmt: skip
    if study.lead_lag:  # one faceted figure, not one file per pair
        save("Lead-lag cross-correlation, one panel per pair",
             plots.plot_lead_lag_grid(study.lead_lag), "Lead-lag")  # fmt: skip
    return paths


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("_").lower()
