"""`reequity correlate`: rolling and event-conditional co-movement, and lead-lag.

A thin adapter: parses the options into a
:class:`~reequity.correlation.spec.CorrelationSpec`, calls
:func:`reequity.workflows.correlation.catalogue_correlation` (loading, pairing, fitting:
the call notebooks make too), prints the pre/post-event table and writes CSVs, PNG
figures and a Markdown report into ``--out`` (:mod:`reequity.cli.correlate_outputs`).
"""

from __future__ import annotations

import warnings
from enum import StrEnum
from pathlib import Path
from typing import Annotated

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
)
from reequity.cli._guards import MAX_LAG, check_days, refuse_empty_list
from reequity.cli.brief import check_writable, correlation_headline_lines, files_line, warning_lines
from reequity.cli.correlate_outputs import write_outputs
from reequity.correlation.spec import CorrelationSpec
from reequity.correlation.study_results import CorrelationResults
from reequity.errors import ReequityWarning
from reequity.workflows.correlation import catalogue_correlation

DEFAULT_TICKERS = "600111,600392,CNRE_EW,LYC.AX,MP,ILU.AX"
DEFAULT_OUT = Path("reequity-output") / "correlate"
# the terminal table: short names so it fits 100 columns
COMPACT = {"event_id": "event", "pair": "pair", "n_pre": "n_pre", "n_post": "n_post",
           "rho_pre": "rho_pre", "rho_post": "rho_post", "pvalue": "p",
           "rho_post_adj": "rho_fr", "fr_pvalue": "p_fr", "fr_pvalue_holm": "p_fr_holm"}  # fmt: skip


#: the library's defaults are the CLI's: one place (CorrelationSpec) spells them
DEFAULTS = CorrelationSpec()
PRE, POST = (f"{a}:{b}" for a, b in (DEFAULTS.pre, DEFAULTS.post))


class PairsMode(StrEnum):
    """Which pairs to correlate: across countries (Chinese vs others) or all."""

    cross = "cross"
    all = "all"


DEFAULT_PAIRS = PairsMode(DEFAULTS.pairs)


@handle_errors
def correlate(
    tickers: Annotated[
        str, typer.Option("--tickers", "-t", help="Comma-separated tickers of the universe.")
    ] = DEFAULT_TICKERS,
    window: Annotated[
        int, typer.Option("--rolling", help="Rolling window in common trading days (>= 2).")
    ] = DEFAULTS.window,
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
    ] = DEFAULT_PAIRS,
    pre: Annotated[str, typer.Option("--pre", help="Pre-event window A:B in trading days.")] = PRE,
    post: Annotated[str, typer.Option("--post", help="Post-event window A:B.")] = POST,
    max_lag: Annotated[
        int, typer.Option("--max-lag", help="Largest lead/lag in days.")
    ] = DEFAULTS.max_lag,
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
        parse_span(pre, option="--pre", example=PRE),
        parse_span(post, option="--post", example=POST),
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
    ids = None
    if event_ids is not None:  # "--event-ids ''" names nothing: refused, not "all"
        ids = _split(event_ids, "--event-ids")
        refuse_empty_list(event_ids, ids, option="--event-ids")  # and no 10 MB id
    out = out or DEFAULT_OUT
    check_writable(out)
    spec = CorrelationSpec(pairs=pairs.value, window=window, pre=spans[0], post=spans[1],
                           max_lag=max_lag)  # fmt: skip
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ReequityWarning)
        run = catalogue_correlation(
            names, spec, events=None if events == "none" else events, event_ids=ids,
            start=start, end=end, cache_dir=cache_dir,
            dates_label=f"--start {start or '(none)'} --end {end or '(none)'}",
        )  # fmt: skip
    settings = {
        "tickers": names, "pairs": pairs.value, "rolling": window, "events": events,
        "event_ids": event_ids or "all", "pre": pre, "post": post, "max_lag": max_lag,
        "dates": run.dates, "data": run.data_as_of,
    }  # fmt: skip
    written = write_outputs(run.results, out=out, settings=settings, figures=not no_figures)
    if not quiet:
        _print(run.results, fmt, verbose=verbose, spans=(pre, post))
    n_csv = sum(p.suffix == ".csv" for p in written)
    n_fig = sum(p.suffix == ".png" for p in written)
    err_console.print(files_line(out, n_csv=n_csv, n_figures=n_fig), highlight=False,
                      soft_wrap=True, markup=False)  # fmt: skip
    if not quiet:
        for line in warning_lines([*deprecated, *caught]):
            err_console.print(line, highlight=False, soft_wrap=True, markup=False)
        err_console.print(run.data_as_of, highlight=False, soft_wrap=True, markup=False)


def _print(
    study: CorrelationResults, fmt: OutputFormat, *, verbose: bool, spans: tuple[str, str]
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


def _split(value: str, option: str, *, minimum: int = 1) -> list[str]:
    items = list(dict.fromkeys(v.strip() for v in value.split(",") if v.strip()))
    if len(items) < minimum:
        raise typer.BadParameter(
            f"{value!r} names {len(items)} item(s); give at least {minimum}, e.g. 600111,LYC.AX",
            param_hint=option,
        )
    return items


def _check_ints(*, window: int, max_lag: int, option: str = "--rolling") -> None:
    check_days(window, option=option, minimum=2, example=str(DEFAULTS.window))
    check_days(
        max_lag, option="--max-lag", minimum=0, maximum=MAX_LAG, example=str(DEFAULTS.max_lag)
    )
