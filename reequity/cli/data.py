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
    """One row per cached series over both layers (the writable one shadows the snapshot)."""
    from reequity.data.cache import cache_layers
    from reequity.data.universe import load_universe

    names = load_universe()["name"]
    rows, seen = [], set()
    for layer in cache_layers(cache_dir):
        for entry in layer.manifest().values():
            if entry["ticker"] in seen:
                continue
            seen.add(entry["ticker"])
            rows.append(
                {
                    "ticker": entry["ticker"],
                    "name": names.get(entry["ticker"], ""),
                    "first": entry.get("first"),
                    "last": entry.get("last"),
                    "rows": int(entry.get("rows", 0)),
                    "source": _source_label(entry),
                    "layer": "writable" if layer.writable else "snapshot",
                }
            )
    columns = ["ticker", "name", "first", "last", "rows", "source", "layer"]
    order = {t: i for i, t in enumerate(load_universe().index)}
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values("ticker", key=lambda s: s.map(order).fillna(1e9)).reset_index(
        drop=True
    )


def _source_label(entry: dict) -> str:
    origin = entry.get("origin")
    if isinstance(origin, list) and origin:
        repos = [o.get("repo") for o in origin if o.get("repo")]
        if repos:
            return " + ".join(dict.fromkeys(repos))
        if origin[0].get("derived_from"):
            return "derived"
    if isinstance(origin, dict) and origin.get("vendor"):
        return str(origin["vendor"])
    return str(entry.get("provider", ""))


@app.command("list")
@handle_errors
def list_cmd(fmt: FormatOption = OutputFormat.table, cache_dir: CacheDirOption = None) -> None:
    """Table of cached series: ticker, name, first, last, rows, source."""
    table = cached_series_table(None if cache_dir is None else str(cache_dir))
    emit_frame(table, fmt, title="Cached series")


@app.command("fetch")
@handle_errors
def fetch_cmd(
    tickers: TickersOption,
    start: DateOption = None,
    end: DateOption = None,
    refresh: Annotated[bool, typer.Option(help="Fetch online even when cached.")] = False,
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
    rows = []
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
                    [ticker], start=lo, end=hi, cache_dir=cache_dir, refresh=refresh
                )
            # vendor libraries warn too (pandas deprecations): show and count only ours
            ours = [w for w in caught if issubclass(w.category, ReequityWarning)]
            for w in ours:
                err_console.print(
                    f"[yellow]warning:[/] {w.message}", highlight=False, soft_wrap=True
                )
            if frame.empty:  # dates outside the series: say so, not just "0 rows"
                err_console.print(
                    f"[yellow]warning:[/] no rows of {ticker} between --start {lo or '(none)'} "
                    f"and --end {hi or '(none)'}; `reequity data list` shows the cached dates",
                    highlight=False,
                    soft_wrap=True,
                )
            fallback = any(issubclass(w.category, OfflineFallbackWarning) for w in ours)
            rows.append(_summary(ticker, frame, fallback=fallback))
            progress.advance(task)
    emit_frame(pd.DataFrame(rows), fmt, title="Fetched series")


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
