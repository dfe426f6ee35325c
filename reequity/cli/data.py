"""`reequity data` commands: list the cached series, fetch series from the vendors."""

from __future__ import annotations

import warnings
from typing import Annotated

import pandas as pd
import typer
from rich.progress import BarColumn, Progress, TextColumn

from reequity.cli._common import (
    CacheDirOption,
    FormatOption,
    OutputFormat,
    emit_frame,
    err_console,
    handle_errors,
    parse_date,
)
from reequity.cli.brief import warning_lines
from reequity.data.cache_decision import STALE_AFTER_DAYS

app = typer.Typer(
    help="List the cached price series or fetch them from the vendors.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)

TickersOption = Annotated[
    str,
    typer.Option(
        "--tickers",
        "-t",
        help="Comma-separated ticker ids, e.g. 600111,LYC.AX,MP (see `data list`).",
    ),
]
DateOption = Annotated[str | None, typer.Option(help="Date YYYY-MM-DD (inclusive).")]


def cached_series_table(cache_dir: str | None = None) -> pd.DataFrame:
    """One row per cached series over both layers (see :func:`reequity.data_status`)."""
    from reequity.data.status import data_status

    return data_status(cache_dir)


#: columns of the on-screen table (csv/json give every column of ``data_status``)
_SCREEN = [
    "ticker",
    "first",
    "last",
    "stale",
    "rows",
    "return_basis",
    "licence_status",
    "layer",
    "sources",
]


@app.command("list")
@handle_errors
def list_cmd(fmt: FormatOption = OutputFormat.table, cache_dir: CacheDirOption = None) -> None:
    """Cached series: first/last date, rows, return basis, sources, licence, layer."""
    table = cached_series_table(None if cache_dir is None else str(cache_dir))
    if fmt is OutputFormat.table:
        emit_frame(table[_SCREEN], fmt, title="Cached series")
        latest = table["last"].dropna().max() if len(table) else "unknown"
        err_console.print(
            f"data as of {latest}; shipped = read-only snapshot, writable = your cache "
            "(it shadows the snapshot); licence none_stated/non_commercial: research use only",
            highlight=False,
            soft_wrap=True,
        )
        stale = table.loc[table["stale"], "ticker"].drop_duplicates().tolist()
        if stale:
            err_console.print(
                f"{len(stale)} of {table['ticker'].nunique()} series end more than "
                f"{STALE_AFTER_DAYS} days before today (stale: served as they are); "
                "`reequity data fetch --tickers T --refresh` adds the new days",
                highlight=False,
                soft_wrap=True,
            )
    else:
        emit_frame(table, fmt)


@app.command("fetch")
@handle_errors
def fetch_cmd(
    tickers: TickersOption,
    start: DateOption = None,
    end: DateOption = None,
    refresh: Annotated[
        bool,
        typer.Option(
            help="Fetch the days since shortly before the last cached date and append them "
            "when the shared days agree (refuses, keeping the cache, when they do not)."
        ),
    ] = False,
    replace: Annotated[
        bool,
        typer.Option(
            help="With --refresh: fetch the whole history and replace your writable copy "
            "instead of merging (e.g. when --refresh refuses)."
        ),
    ] = False,
    cache_dir: CacheDirOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Fetch series (cache first; --refresh forces the vendor) and summarise them."""
    from reequity.data.prices import load_prices
    from reequity.data.universe import validate_tickers
    from reequity.errors import OfflineFallbackWarning, ReequityWarning

    lo, hi = parse_date(start, option="--start"), parse_date(end, option="--end")
    if lo is not None and hi is not None and pd.Timestamp(lo) > pd.Timestamp(hi):
        raise typer.BadParameter(
            f"--start {lo} is after --end {hi}; swap them", param_hint="--start/--end"
        )
    wanted = validate_tickers(tickers)
    rows, said = [], []
    progress = Progress(
        TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
        console=err_console, transient=True,
    )  # fmt: skip
    with progress:
        task = progress.add_task("fetching", total=len(wanted))
        for ticker in wanted:
            progress.update(task, description=f"fetching {ticker}")
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", OfflineFallbackWarning)
                frame = load_prices(
                    [ticker], start=lo, end=hi, cache_dir=cache_dir,
                    refresh="replace" if refresh and replace else refresh,
                )  # fmt: skip
            # vendor libraries warn too (pandas deprecations): show and count only ours
            ours = [w for w in caught if issubclass(w.category, ReequityWarning)]
            said.extend(ours)
            if frame.empty:  # dates outside the series: say so, not just "0 rows"
                said.append(
                    f"no rows of {ticker} between --start {lo or '(none)'} and --end "
                    f"{hi or '(none)'}; `reequity data list` shows the cached dates"
                )
            fallback = any(issubclass(w.category, OfflineFallbackWarning) for w in ours)
            rows.append(_summary(ticker, frame, fallback=fallback))
            progress.advance(task)
    emit_frame(pd.DataFrame(rows), fmt, title="Fetched series")
    for line in warning_lines(said, width=None):  # after the results, counted
        err_console.print(line, highlight=False, soft_wrap=True, markup=False)


def _summary(ticker: str, frame: pd.DataFrame, *, fallback: bool) -> dict:
    return {
        "ticker": ticker,
        "first": frame["date"].min().date().isoformat() if len(frame) else "",
        "last": frame["date"].max().date().isoformat() if len(frame) else "",
        "rows": len(frame),
        "suspended": int(frame["suspended"].sum()),
        "source": ", ".join(dict.fromkeys(frame["source"].astype(str))),
        "from_cache_offline": fallback,
    }
