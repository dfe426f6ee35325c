"""The correlation workflow: universe tickers -> cached returns + catalogue -> results.

:func:`catalogue_correlation` does what ``reequity correlate`` and notebook readers
would otherwise repeat: look the tickers up in the universe (country, exchange,
benchmark), load their returns and their benchmarks' from the cache (masking the days
before a company was a rare-earth business), pick the events, and fit a
:class:`~reequity.correlation.spec.CorrelationSpec`. :func:`output_tables` and
:func:`heatmap_events` choose what a run writes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from reequity.correlation._frames import check_returns
from reequity.correlation.spec import CorrelationSpec
from reequity.correlation.study_results import CorrelationResults
from reequity.errors import ConfigurationError

__all__ = [
    "HEATMAP_RULE",
    "MAX_HEATMAPS",
    "CorrelationRun",
    "catalogue_correlation",
    "heatmap_events",
    "output_tables",
]

MAX_HEATMAPS = 6  # heatmap figures per run; the CSV has every event
HEATMAP_RULE = (
    "heatmaps: every China export-control event with a test, then the events with the "
    f"smallest Fisher z p-value, {MAX_HEATMAPS} at most"
)


@dataclass(frozen=True, slots=True)
class CorrelationRun:
    """A fitted correlation study and what it was run on.

    Attributes
    ----------
    results : CorrelationResults
    tickers : list of str
        The tickers paired, in the order asked.
    loaded : list of str
        The tickers whose returns were loaded (``tickers`` and their benchmarks).
    returns : DataFrame
        The wide returns the spec was fitted to.
    data_as_of : str
        How recent the loaded data are (:func:`reequity.data.status.data_as_of`).
    """

    results: CorrelationResults
    tickers: list[str]
    loaded: list[str]
    returns: pd.DataFrame
    data_as_of: str

    @property
    def dates(self) -> str:
        """``first..last`` date of the returns."""
        return f"{self.returns.index.min():%Y-%m-%d}..{self.returns.index.max():%Y-%m-%d}"


def catalogue_correlation(
    tickers: Sequence[str],
    spec: CorrelationSpec | None = None,
    *,
    events: str | pd.DataFrame | None = "catalogue",
    event_ids: Sequence[str] | None = None,
    start: object = None,
    end: object = None,
    cache_dir: str | Path | None = None,
    dates_label: str | None = None,
) -> CorrelationRun:
    """Correlation study of universe ``tickers`` on the cached returns and the catalogue.

    Parameters
    ----------
    tickers : sequence of str
        Universe tickers (at least two).
    spec : CorrelationSpec, optional
        What to compute (default ``CorrelationSpec()``: cross-country pairs, 60-day
        rolling window, (-120, -1) and (0, 59) event windows, lags up to 5).
    events : "catalogue", path, DataFrame or None
        The policy catalogue (without confounders: they are context, not events to
        correlate around), an events file, a frame, or None for no events.
    event_ids : sequence of str, optional
        Keep only these events (an unknown id is an error).
    start, end : date-like, optional
        Date range of the returns.
    cache_dir : path, optional
        Writable cache folder (see :func:`reequity.data.prices.load_prices`).
    dates_label : str, optional
        How an error names the date range asked (the CLI names its options); default
        ``"start ... end ..."``.

    Returns
    -------
    CorrelationRun

    Examples
    --------
    >>> run = catalogue_correlation(["600111", "LYC.AX"], event_ids=["cn_export_controls_2025_10_09"])
    >>> run.results.pairs, run.results.events.event_ids
    ([('600111', 'LYC.AX')], ['cn_export_controls_2025_10_09'])
    """
    spec = spec or CorrelationSpec()
    names = list(dict.fromkeys(tickers))
    if len(names) < 2:
        raise ConfigurationError(f"tickers {names} name fewer than two; give at least two")
    info = _universe(names)
    benchmark = {t: b for t, b in info["benchmark"].items() if isinstance(b, str) and b}
    wanted = list(dict.fromkeys([*names, *benchmark.values()]))
    returns = check_returns(_load_returns(wanted, start=start, end=end, cache_dir=cache_dir))
    label = dates_label or f"start {start or '(none)'} end {end or '(none)'}"
    check_against_data(returns, window=int(spec.window), max_lag=int(spec.max_lag), dates=label)
    chosen = choose_events(events, event_ids)
    results = spec.fit(
        returns, chosen, tickers=names, countries=info["country"].to_dict(),
        exchanges=info["exchange"].to_dict(), benchmark=benchmark,
    )  # fmt: skip
    return CorrelationRun(results, names, wanted, returns, _as_of(wanted, cache_dir))


def check_against_data(
    returns: pd.DataFrame, *, window: int, max_lag: int, dates: str = "the dates asked"
) -> None:
    """Refuse a rolling window or lag the loaded returns cannot hold (no rows at all, or
    fewer rows than the window), naming the dates the data cover."""
    rows = int(returns.notna().any(axis=1).sum())
    if rows == 0:
        raise ConfigurationError(
            f"no returns of {', '.join(map(str, returns.columns))[:120]} between {dates}; "
            "pick dates inside the cached data (see `reequity data list`)"
        )
    first, last = returns.index[0], returns.index[-1]
    for name, value in (("rolling window", window), ("max lag", max_lag)):
        if value >= rows:
            raise ConfigurationError(
                f"{name} {value} needs more than the {rows:,} trading days of returns "
                f"({first:%Y-%m-%d}..{last:%Y-%m-%d}); lower it or widen the dates"
            )


def choose_events(
    events: str | pd.DataFrame | None, event_ids: Sequence[str] | None = None
) -> pd.DataFrame | None:
    """The events to correlate around: confounders dropped, ``event_ids`` kept."""
    if events is None or (isinstance(events, str) and events == "none"):
        return None
    table = _load_events(events) if isinstance(events, str | Path) else events
    if event_ids is not None:
        wanted = list(dict.fromkeys(str(e) for e in event_ids))
        unknown = [e for e in wanted if e not in set(table["event_id"].astype(str))]
        if unknown:
            raise ConfigurationError(
                f"unknown event id(s) {', '.join(unknown)}; run `reequity events list` for ids."
            )
        return table[table["event_id"].astype(str).isin(wanted)]
    if "confounder" in table:  # confounders are context, not events to correlate around
        return table[~table["confounder"].fillna(False).astype(bool)]
    return table


def output_tables(results: CorrelationResults) -> dict[str, pd.DataFrame]:
    """The tables a run writes, by file stem, in writing order."""
    tables = {
        "rolling_correlation": results.rolling,
        "lead_lag": results.lead_lag_frame(),
        "lead_lag_peaks": results.peaks(),
        "skipped_events": results.skipped,
    }
    if results.events is not None:
        tables = {"event_correlation": results.events.table, **tables}
    if results.reaction is not None:
        tables["first_reaction"] = results.reaction
    return tables


def heatmap_events(results: CorrelationResults, *, limit: int = MAX_HEATMAPS) -> list[str]:
    """Events that get a before/after heatmap, in table order: those with a Fisher test,
    the headline ones first (ids naming China's export controls, ``cn_export_control*``),
    then the ones with the smallest p-value (the clearest change), ``limit`` at most."""
    if results.events is None:
        return []
    table = results.events.table.dropna(subset=["pvalue"])
    best = table.groupby("event_id", sort=False)["pvalue"].min()
    headline = [e for e in best.index if str(e).startswith("cn_export_control")][:limit]
    rest = best.drop(headline).nsmallest(limit - len(headline), keep="first").index
    keep = {*headline, *rest}
    return [e for e in results.events.event_ids if e in keep]


def _as_of(tickers: list[str], cache_dir: str | Path | None) -> str:
    from reequity.data.status import data_as_of

    return data_as_of(tickers, cache_dir=cache_dir)


def _load_returns(
    tickers: list[str], *, start: object, end: object, cache_dir: str | Path | None
) -> pd.DataFrame:
    from reequity.data.prices import load_returns
    from reequity.data.universe import mask_before_rare_earth

    # a company's returns from before it was a rare-earth business say nothing here
    returns = load_returns(tickers, start=start, end=end, cache_dir=cache_dir)
    return mask_before_rare_earth(returns)


def _load_events(spec: str | Path) -> pd.DataFrame:
    if str(spec) == "catalogue":
        from reequity.events.catalogue import load_catalogue

        return load_catalogue(include_confounders=False)
    if not Path(spec).is_file():
        raise ConfigurationError(
            f"events {str(spec)!r} is neither 'catalogue', 'none' nor an existing file; "
            "pass an events file with event_id and date columns."
        )
    from reequity.events.io import load_events

    return load_events(Path(spec))


def _universe(tickers: list[str]) -> pd.DataFrame:
    """Country, exchange and benchmark of each ticker (universe rows, in ticker order)."""
    from reequity.data.universe import load_universe, validate_tickers

    universe = load_universe()
    return universe.loc[validate_tickers(tickers), ["country", "exchange", "benchmark"]]
