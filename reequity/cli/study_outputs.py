"""What `reequity event-study` writes and prints: CSVs, figures, the report, the terminal.

The terminal gets the short headline (:mod:`reequity.cli.brief`) by default and the full
tables with ``--verbose``; the report leads with the same answer, then the issues that
qualify it, the figures, the linked full tables and the settings.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from reequity.cli._common import OutputFormat, console, emit_frame
from reequity.cli.study_tables import difference_view, display_table

__all__ = ["print_full_tables", "write_outputs"]

_FRAMES = ("ar", "car", "caar", "aar", "tests", "issues")
_GROUP_FRAMES = ("group_aar", "group_caar", "group_tests", "group_difference")
_POOL_FRAMES = ("pools", "pool_tests", "pool_aar", "pool_difference")
# rows per report table: every event of the catalogue and each pool's group rows fit;
# a longer table is cut with a sentence linking its CSV
_MAX_ROWS = 120


def write_outputs(
    results,
    tables: dict[str, pd.DataFrame],
    out: Path,
    settings: dict,
    *,
    curve=None,
    figures: bool = True,
) -> tuple[list[Path], list[Path]]:
    """Write every CSV, the figures (unless ``figures`` is False) and the report.

    Returns
    -------
    (csvs, figures) : tuple of lists of Path
    """
    from reequity.cli.study_report import event_study_sections
    from reequity.study.headline import headline
    from reequity.study.multiplicity import headline_fdr_line
    from reequity.study.pools import with_pool_column

    out.mkdir(parents=True, exist_ok=True)
    pools = results.settings.get("event_pools") or {}
    csvs: dict[str, Path] = {}
    for name in _FRAMES + _GROUP_FRAMES:
        frame = getattr(results, name)
        if name in _FRAMES or not frame.empty:  # each event's pool; the mixed ALL flagged
            csvs[name] = _csv(with_pool_column(frame, pools), out / f"{name}.csv")
    for name in _POOL_FRAMES:
        frame = getattr(results, name, pd.DataFrame())
        if not frame.empty:
            csvs[name] = _csv(frame, out / f"{name}.csv")
    csvs["summary"] = _csv(with_pool_column(tables["summary"], pools), out / "summary.csv")
    if not tables["groups"].empty:
        groups = with_pool_column(tables["groups"], pools)
        csvs["group_summary"] = _csv(groups, out / "group_summary.csv")
    if "cross_section" in tables:
        csvs["cross_section"] = _csv(tables["cross_section"], out / "cross_section.csv")
    drawn = _draw_figures(results, out) if figures else {}
    if curve is not None:
        csvs["robustness"] = _csv(curve.table, out / "robustness.csv")
        csvs["robustness_summary"] = _csv(tables["robustness"], out / "robustness_summary.csv")
        if figures:
            drawn.update(_curve_figure(curve, out, results))
    sections, links, sources = event_study_sections(results, tables, csvs=csvs, out=out)
    chance = headline_fdr_line(tables["summary"], str(results.caar["window"].iloc[0]))
    chance = (
        f"Multiplicity, headline window: {chance} (BH: Benjamini-Hochberg false discovery "
        "rate over the events; every test's q in summary.csv, `<test>_q`)."
        if chance
        else ""
    )
    from reequity.report import write_report

    report = write_report(
        out,
        title="reequity event study",
        settings=settings,
        tables=sections,
        figures=drawn,
        notes="\n\n".join([*headline(results, width=None).splitlines()[:2], chance]),
        links=links,
        sources=sources,  # a cut table says so and links its CSV
        max_rows=_MAX_ROWS,
    )
    from reequity.cli._write import record_run

    html = report.with_name("report.html")
    produced = [*csvs.values(), *drawn.values(), report, *([html] if html.is_file() else [])]
    record_run(out, produced)  # clears an earlier run's leftovers, nothing else
    return list(csvs.values()), list(drawn.values())


def _csv(frame: pd.DataFrame, path: Path) -> Path:
    from reequity.cli._write import write_csv

    return write_csv(frame, path)  # atomic, control characters and formulas escaped


def _curve_figure(curve, out: Path, results) -> dict[str, Path]:
    from reequity.plots._base import save_figure
    from reequity.study.pools import headline_pool_label

    path = out / "specification_curve_ALL.png"
    label = headline_pool_label(results)  # the pool the curve re-ran, if any
    top, _ = curve.plot(event_id="ALL", label=label)
    save_figure(top.figure, path)
    if label is None:
        return {"Specification curve, all events pooled (ALL)": path}
    return {f"Specification curve of the headline pool, {label}": path}


def _draw_figures(results, out: Path) -> dict[str, Path]:
    """The figures the report shows: the CAAR path of the main window (the path over the
    widest window, the main window shaded) and the CAR heatmap of that window.

    The path is the headline pool's (the largest pool of comparable events) when the
    study has pools, since the ALL row mixes pools; else the pooled path over all events.
    """
    from reequity import plots
    from reequity.plots._base import save_figure

    windows = list(dict.fromkeys(results.caar["window"]))
    main = windows[0]
    figures: dict[str, Path] = {}
    shown, event_id, name, caption = results, "ALL", "ALL", "all events pooled"
    if not getattr(results, "pools", pd.DataFrame()).empty:
        from reequity.study.pools import pool_as_event

        shown = pool_as_event(results)  # the largest pool first
        event_id, pool = shown.event_id, next(iter(results.settings["pools"]))
        name = "pool_" + re.sub(r"[^A-Za-z0-9_.-]+", "_", pool)
        n = results.settings["pools"][pool]
        caption = (
            f"headline pool {pool} ({n} events, the largest pool of "
            f"{results.settings.get('pool_by') or 'pools'}; stocks)"
        )
    ax = plots.plot_caar(shown, event_id=event_id, window=main)
    path = out / f"caar_{name}_{main.replace(':', '_')}.png"
    save_figure(ax.figure, path)
    figures[f"CAAR path, {caption}, window {main} shaded"] = path
    events, tickers = _labels(results)
    ax = plots.plot_car_heatmap(results, window=main, event_labels=events, ticker_labels=tickers)
    path = out / "car_heatmap.png"
    save_figure(ax.figure, path)
    figures[f"CAR (%) by firm and event, window {main}"] = path
    return figures


def _labels(results) -> tuple[dict[str, str], dict[str, str]]:
    """Short names for the heatmap: "YYYY-MM-DD short title" per catalogue event and the
    universe's company name per ticker (ids outside both are shown as they are)."""
    from reequity.cli.brief import clip
    from reequity.data.universe import load_universe
    from reequity.events.catalogue import load_catalogue

    catalogue = load_catalogue(include_confounders=True).set_index("event_id")
    events = {
        str(e): f"{row.date:%Y-%m-%d} {clip(str(row.title), 30)}" for e, row in catalogue.iterrows()
    }
    names = load_universe()["name"]
    tickers = {str(t): f"{clip(str(n), 22)} ({t})" for t, n in names.items()}
    return events, tickers


def print_full_tables(results, tables: dict[str, pd.DataFrame], section) -> None:
    """``--verbose``: pooled, group and pool tables, differences, regression, headline."""
    from reequity.study.headline import headline

    pool = results.settings.get("pool", "all firm-events")
    emit_frame(
        display_table(tables["summary"]),
        OutputFormat.table,
        title=f"CAAR with dependence-robust tests, pooled ({pool}): statistic (p-value)",
    )
    if not tables["groups"].empty:
        emit_frame(
            display_table(tables["groups"]),
            OutputFormat.table,
            title="CAAR by group (ETFs and baskets on their own): statistic (p-value)",
        )
    if not results.group_difference.empty:
        emit_frame(
            difference_view(results.group_difference),
            OutputFormat.table,
            title="Difference between groups, A - B (long-short portfolio): statistic (p-value)",
        )
    pools = getattr(results, "pools", pd.DataFrame())
    if not pools.empty:
        by = results.settings.get("pool_by") or "pool"
        view = display_table(pools.rename(columns={"pool": "event_id"}))
        emit_frame(
            view.rename(columns={"event": "pool"}),
            OutputFormat.table,
            title=f"CAAR per pool of events (by {by}) and group: statistic (p-value)",
        )
        diff = results.pool_difference.rename(columns={"pool": "event_id"})
        emit_frame(
            difference_view(diff).rename(columns={"event": "pool"}),
            OutputFormat.table,
            title="Difference between groups per pool, A - B: statistic (p-value)",
        )
    if section is not None:
        console.print(section.summary(), highlight=False, soft_wrap=True)
    console.print(headline(results), highlight=False, soft_wrap=True)
