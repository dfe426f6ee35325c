"""`reequity correlate`: rolling and event-conditional co-movement, and lead-lag.

Loads returns from the cache, correlates each pair (by default each Chinese ticker
with each non-Chinese one) before and after each catalogue event, prints that table,
and writes CSVs, PNG figures and a Markdown report into ``--out``.
"""

from __future__ import annotations

import re
import warnings
from enum import StrEnum
from itertools import combinations
from pathlib import Path
from typing import Annotated, Any

import pandas as pd
import typer

from reequity.cli._common import (
    CacheDirOption,
    FormatOption,
    NoFiguresOption,
    OutOption,
    OutputFormat,
    QuietOption,
    console,
    emit_frame,
    err_console,
    handle_errors,
    parse_date,
    parse_span,
    read_events_option,
)
from reequity.cli._guards import MAX_LAG, check_against_data, check_days, refuse_empty_list
from reequity.cli._write import record_run, write_csv
from reequity.cli.brief import (
    check_writable,
    correlation_headline_lines,
    files_line,
    warning_lines,
)
from reequity.correlation._frames import check_returns, resolve_pairs
from reequity.correlation.pipeline import CorrelationStudy, correlation_study, cross_pairs
from reequity.errors import ConfigurationError, ReequityWarning

DEFAULT_TICKERS = "600111,600392,CNRE_EW,LYC.AX,MP,ILU.AX"
DEFAULT_OUT = Path("reequity-output") / "correlate"
SHOWN = ["event_id", "ticker_a", "ticker_b", "n_pre", "n_post", "rho_pre", "rho_post",
         "fisher_z", "pvalue", "rho_post_adj", "fr_pvalue"]  # fmt: skip
REACTION = ["event_id", "ticker", "exchange", "first_date", "tau", "z", "close_utc", "rank", "note"]
MAX_HEATMAPS = 6  # heatmap figures per run; the CSV has every event
# the terminal table: short names so it fits 100 columns
COMPACT = {"event_id": "event", "pair": "pair", "n_pre": "n_pre", "n_post": "n_post",
           "rho_pre": "rho_pre", "rho_post": "rho_post", "pvalue": "p",
           "rho_post_adj": "rho_fr", "fr_pvalue": "p_fr"}  # fmt: skip


class PairsMode(StrEnum):
    """Which pairs to correlate: across countries (Chinese vs others) or all."""

    cross = "cross"
    all = "all"


@handle_errors
def correlate(
    tickers: Annotated[
        str, typer.Option("--tickers", "-t", help="Comma-separated tickers of the universe.")
    ] = DEFAULT_TICKERS,
    window: Annotated[
        int, typer.Option("--rolling", help="Rolling window in common trading days (>= 2).")
    ] = 60,
    old_window: Annotated[
        int | None, typer.Option("--window", "-w", hidden=True, help="Deprecated: --rolling.")
    ] = None,
    events: Annotated[
        str,
        typer.Option("--events", "-e", help="'catalogue', 'none', or a path to an events file."),
    ] = "catalogue",
    event_ids: Annotated[
        str | None, typer.Option("--event-ids", help="Comma-separated event ids to keep.")
    ] = None,
    pairs: Annotated[
        PairsMode, typer.Option("--pairs", help="cross: pairs across countries; all: every pair.")
    ] = PairsMode.cross,
    pre: Annotated[
        str, typer.Option("--pre", help="Pre-event window A:B in trading days.")
    ] = "-120:-1",
    post: Annotated[str, typer.Option("--post", help="Post-event window A:B.")] = "0:59",
    max_lag: Annotated[int, typer.Option("--max-lag", help="Largest lead/lag in days.")] = 5,
    start: Annotated[str | None, typer.Option("--start", help="First date (YYYY-MM-DD).")] = None,
    end: Annotated[str | None, typer.Option("--end", help="Last date (YYYY-MM-DD).")] = None,
    out: OutOption = None,
    fmt: FormatOption = OutputFormat.table,
    cache_dir: CacheDirOption = None,
    quiet: QuietOption = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Print the full pre/post-event table.")
    ] = False,
    no_figures: NoFiguresOption = False,
) -> None:
    """Correlations of returns: rolling, before/after events (Fisher z, Forbes-Rigobon), lead-lag.

    Prints the pre/post-event table and writes CSVs, PNG figures and report.md into --out
    (default ./reequity-output/correlate).
    """
    names = _split(tickers, "--tickers", minimum=2)
    start, end = parse_date(start, option="--start"), parse_date(end, option="--end")
    spans = (
        parse_span(pre, option="--pre", example="-120:-1"),
        parse_span(post, option="--post", example="0:59"),
    )
    deprecated = []
    if old_window is not None:  # --window was this command's rolling length until 0.x
        window, option = old_window, "--window"
        deprecated.append(
            "--window is deprecated in correlate (an event window elsewhere); use --rolling"
        )
    else:
        option = "--rolling"
    _check_ints(window=window, max_lag=max_lag, option=option)
    if events == "none" and event_ids is not None:
        raise typer.BadParameter(
            f"--event-ids {event_ids!r} needs events; drop --events none or --event-ids",
            param_hint="--event-ids",
        )
    out = out or DEFAULT_OUT
    check_writable(out)
    info = _universe(names)
    benchmark = {t: b for t, b in info["benchmark"].items() if isinstance(b, str) and b}
    wanted = list(dict.fromkeys([*names, *benchmark.values()]))
    returns = check_returns(_load_returns(wanted, start=start, end=end, cache_dir=cache_dir))
    check_against_data(returns, window=window, max_lag=max_lag, start=start, end=end)
    chosen = _choose_events(events, event_ids)
    if pairs is PairsMode.cross:
        pair_list = cross_pairs(names, info["country"].to_dict())
    else:
        pair_list = resolve_pairs(returns, list(combinations(names, 2)))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ReequityWarning)
        study = correlation_study(
            returns, chosen, pairs=pair_list, window=window, pre=spans[0], post=spans[1],
            max_lag=max_lag, exchanges=info["exchange"].to_dict(), benchmark=benchmark,
        )  # fmt: skip
    settings = {
        "tickers": names, "pairs": pairs.value, "rolling": window, "events": events,
        "event_ids": event_ids or "all", "pre": pre, "post": post, "max_lag": max_lag,
        "dates": f"{returns.index.min():%Y-%m-%d}..{returns.index.max():%Y-%m-%d}",
        "data": _as_of(wanted, cache_dir),
    }  # fmt: skip
    written = write_outputs(study, out=out, settings=settings, figures=not no_figures)
    if not quiet:
        _print(study, fmt, verbose=verbose, spans=(pre, post))
    n_csv = sum(p.suffix == ".csv" for p in written)
    n_fig = sum(p.suffix == ".png" for p in written)
    err_console.print(files_line(out, n_csv=n_csv, n_figures=n_fig), highlight=False,
                      soft_wrap=True, markup=False)  # fmt: skip
    if not quiet:
        for line in warning_lines([*deprecated, *caught]):
            err_console.print(line, highlight=False, soft_wrap=True, markup=False)
        err_console.print(settings["data"], highlight=False, soft_wrap=True, markup=False)


def _as_of(tickers: list[str], cache_dir: Any) -> str:
    from reequity.data.status import data_as_of

    return data_as_of(tickers, cache_dir=cache_dir)


def _print(
    study: CorrelationStudy, fmt: OutputFormat, *, verbose: bool, spans: tuple[str, str]
) -> None:
    if study.events is None:
        emit_frame(study.peaks(), fmt, title="Lead-lag peaks (no events in the data range)")
        return
    table = study.events.table
    if fmt is OutputFormat.table and not verbose:
        for line in correlation_headline_lines(table, pre=spans[0], post=spans[1]):
            console.print(line, highlight=False, soft_wrap=True, markup=False)
    elif fmt is OutputFormat.table:
        title = "Correlation before/after events (Fisher z; Forbes-Rigobon adjusted)"
        # pairs with no overlapping data around an event stay in the CSV, not on screen
        shown = table.loc[(table["n_pre"] > 0) & (table["n_post"] > 0)]
        compact = shown.assign(pair=shown["ticker_a"] + "/" + shown["ticker_b"])[list(COMPACT)]
        floats = compact.select_dtypes("float").columns
        compact[floats] = compact[floats].map(lambda v: "" if pd.isna(v) else f"{v:.3f}")
        emit_frame(compact.rename(columns=COMPACT), fmt, title=title)
        if len(shown) < len(table):
            err_console.print(
                f"{len(table) - len(shown)} event-pair rows without data on both sides are "
                "only in event_correlation.csv"
            )
    else:
        emit_frame(table, fmt)


def _choose_events(spec: str, event_ids: str | None) -> pd.DataFrame | None:
    if spec == "none":
        return None
    events = _load_events(spec)
    if event_ids is not None:  # "--event-ids ''" names nothing: refused, not "all"
        wanted = _split(event_ids, "--event-ids")
        refuse_empty_list(event_ids, wanted, option="--event-ids")  # and no 10 MB id
        unknown = [e for e in wanted if e not in set(events["event_id"].astype(str))]
        if unknown:
            raise ConfigurationError(
                f"unknown event id(s) {', '.join(unknown)}; run `reequity events list` for ids."
            )
        return events[events["event_id"].astype(str).isin(wanted)]
    if "confounder" in events:  # confounders are context, not events to correlate around
        return events[~events["confounder"].fillna(False).astype(bool)]
    return events


def write_outputs(
    study: CorrelationStudy, *, out: Path, settings: dict, figures: bool = True
) -> list[Path]:
    """Write the CSVs, PNG figures and ``report.md`` of ``study`` into ``out``."""
    from reequity.report import write_report

    out.mkdir(parents=True, exist_ok=True)
    tables = {
        "rolling_correlation": study.rolling,
        "lead_lag": study.lead_lag_frame(),
        "lead_lag_peaks": study.peaks(),
        "skipped_events": study.skipped,
    }
    if study.events is not None:
        tables = {"event_correlation": study.events.table, **tables}
    if study.reaction is not None:
        tables["first_reaction"] = study.reaction
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


def _figures(study: CorrelationStudy, folder: Path) -> dict[str, Path]:
    import matplotlib

    matplotlib.use("Agg")  # the CLI never opens windows

    from reequity import plots
    from reequity.plots._base import save_figure

    folder.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}

    def save(caption: str, figure: Any, name: str) -> None:
        paths[caption] = save_figure(figure, folder / (_slug(name) + ".png"))

    marks = None
    if study.events is not None:
        marks = study.events.table[["event_id", "event_date"]].drop_duplicates()
        marks = marks.rename(columns={"event_date": "date"})
    facets = plots.plot_rolling_correlation_facets(study.rolling, events=marks)
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


HEATMAP_RULE = (
    "heatmaps: every China export-control event with a test, then the events with the "
    f"smallest Fisher z p-value, {MAX_HEATMAPS} at most"
)


def heatmap_events(study: CorrelationStudy, *, limit: int = MAX_HEATMAPS) -> list[str]:
    """Events that get a before/after heatmap, in table order: those with a Fisher test,
    the headline ones first (ids naming China's export controls, ``cn_export_control*``),
    then the ones with the smallest p-value (the clearest change), ``limit`` at most."""
    if study.events is None:
        return []
    table = study.events.table.dropna(subset=["pvalue"])
    best = table.groupby("event_id", sort=False)["pvalue"].min()
    headline = [e for e in best.index if str(e).startswith("cn_export_control")][:limit]
    rest = best.drop(headline).nsmallest(limit - len(headline), keep="first").index
    keep = {*headline, *rest}
    return [e for e in study.events.event_ids if e in keep]


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("_").lower()


def _load_returns(
    tickers: list[str], *, start: str | None, end: str | None, cache_dir: Path | None
) -> pd.DataFrame:
    from reequity.data.prices import load_returns
    from reequity.data.universe import mask_before_rare_earth

    # a company's returns from before it was a rare-earth business say nothing here
    returns = load_returns(tickers, start=start, end=end, cache_dir=cache_dir)
    return mask_before_rare_earth(returns)


def _load_events(spec: str) -> pd.DataFrame:
    if spec != "catalogue" and not Path(spec).is_file():
        raise ConfigurationError(
            f"--events {spec!r} is neither 'catalogue', 'none' nor an existing file; "
            "pass an events file with event_id and date columns."
        )
    return read_events_option(spec, include_confounders=False)


def _universe(tickers: list[str]) -> pd.DataFrame:
    """Country, exchange and benchmark of each ticker (universe rows, in ticker order)."""
    from reequity.data.universe import load_universe, validate_tickers

    universe = load_universe()
    return universe.loc[validate_tickers(tickers), ["country", "exchange", "benchmark"]]


def _split(value: str, option: str, *, minimum: int = 1) -> list[str]:
    items = list(dict.fromkeys(v.strip() for v in value.split(",") if v.strip()))
    if len(items) < minimum:
        raise typer.BadParameter(
            f"{value!r} names {len(items)} item(s); give at least {minimum}, e.g. 600111,LYC.AX",
            param_hint=option,
        )
    return items


def _check_ints(*, window: int, max_lag: int, option: str = "--rolling") -> None:
    check_days(window, option=option, minimum=2, example="60")
    check_days(max_lag, option="--max-lag", minimum=0, maximum=MAX_LAG, example="5")
