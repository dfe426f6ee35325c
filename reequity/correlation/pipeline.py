"""One call for the usual co-movement analysis: rolling, event-conditional and lead-lag.

Pure: takes frames, returns a results object; the CLI and notebooks load the data and
write the files.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations, product

import pandas as pd

from reequity.correlation.conditional import event_correlation
from reequity.correlation.lead_lag import lead_lag
from reequity.correlation.reaction import first_reaction
from reequity.correlation.results import EventCorrelationResults, LeadLagResults
from reequity.correlation.rolling import rolling_correlation
from reequity.errors import ConfigurationError


@dataclass(frozen=True, slots=True)
class CorrelationStudy:
    """Results of :func:`correlation_study`.

    Attributes
    ----------
    pairs : list of (str, str)
    rolling : DataFrame
        :func:`rolling_correlation` output.
    events : EventCorrelationResults or None
        None when no event was given or none lies inside the data.
    lead_lag : dict of (str, str) to LeadLagResults
    skipped : DataFrame
        ``event_id, date, reason`` for events left out.
    reaction : DataFrame or None
        :func:`first_reaction` output (which market moved first), when exchanges were given.
    """

    pairs: list[tuple[str, str]]
    rolling: pd.DataFrame
    events: EventCorrelationResults | None
    lead_lag: dict[tuple[str, str], LeadLagResults]
    skipped: pd.DataFrame
    reaction: pd.DataFrame | None = None

    def lead_lag_frame(self) -> pd.DataFrame:
        """All lead-lag tables stacked, with ``ticker_a, ticker_b`` columns first."""
        parts = [r.table.assign(ticker_a=a, ticker_b=b) for (a, b), r in self.lead_lag.items()]
        frame = pd.concat(parts, ignore_index=True)
        return frame[["ticker_a", "ticker_b", *parts[0].columns.drop(["ticker_a", "ticker_b"])]]

    def peaks(self) -> pd.DataFrame:
        """Per pair: the lag of largest |correlation|, that correlation and the lag-0 one."""
        rows = []
        for (a, b), res in self.lead_lag.items():
            table = res.table.set_index("lag")
            peak = res.peak_lag
            rows.append({"ticker_a": a, "ticker_b": b, "peak_lag": peak,
                         "peak_correlation": table.at[peak, "correlation"],
                         "peak_pvalue": table.at[peak, "pvalue"],
                         "lag0_correlation": table.at[0, "correlation"],
                         "n_obs": int(table.at[0, "n_obs"])})  # fmt: skip
        return pd.DataFrame(rows)


def cross_pairs(tickers: Sequence[str], countries: Mapping[str, str]) -> list[tuple[str, str]]:
    """Pairs of tickers from different countries, Chinese ticker first where there is one.

    Raises :class:`ConfigurationError` when no two tickers differ in country.
    """
    unknown = [t for t in tickers if t not in countries]
    if unknown:
        raise ConfigurationError(
            f"no country known for {', '.join(unknown)}; use pairs='all' or universe tickers."
        )
    home = [t for t in tickers if countries[t] == "CN"]
    abroad = [t for t in tickers if countries[t] != "CN"]
    pairs = list(product(home, abroad)) + [
        (a, b) for a, b in combinations(abroad, 2) if countries[a] != countries[b]
    ]
    if not pairs:
        raise ConfigurationError(
            f"tickers {', '.join(tickers)} are all from one country; add a ticker from another "
            "market or use pairs='all'."
        )
    return pairs


def correlation_study(
    returns: pd.DataFrame,
    events: pd.DataFrame | None,
    *,
    pairs: Sequence[tuple[str, str]],
    window: int = 60,
    pre: tuple[int, int] = (-120, -1),
    post: tuple[int, int] = (0, 59),
    max_lag: int = 5,
    exchanges: Mapping[str, str] | None = None,
    benchmark: Mapping[str, str] | None = None,
) -> CorrelationStudy:
    """Rolling, pre/post-event and lead-lag correlations for ``pairs`` in one go.

    Events whose date is outside the returns' date range are left out and listed in
    ``skipped``. Parameters are those of :func:`rolling_correlation`,
    :func:`event_correlation`, :func:`lead_lag` and (with ``exchanges``: ticker ->
    exchange, and optionally ``benchmark``) :func:`first_reaction`.
    """
    pairs = list(pairs)
    rolling = rolling_correlation(returns, pairs=pairs, window=window)
    inside, skipped = _events_in_range(events, returns.index)
    conditional = (
        None
        if inside.empty
        else event_correlation(
            returns, inside, pairs=pairs, pre=pre, post=post, exchanges=exchanges
        )
    )
    lags = {(a, b): lead_lag(returns, a=a, b=b, max_lag=max_lag) for a, b in pairs}
    reaction = None
    if exchanges and not inside.empty:
        reaction = first_reaction(returns, inside, exchanges=exchanges, benchmark=benchmark)
    return CorrelationStudy(pairs, rolling, conditional, lags, skipped, reaction)


def _events_in_range(
    events: pd.DataFrame | None, index: pd.DatetimeIndex
) -> tuple[pd.DataFrame, pd.DataFrame]:
    columns = ["event_id", "date", "reason"]
    if events is None or events.empty:
        return pd.DataFrame(columns=["event_id", "date"]), pd.DataFrame(columns=columns)
    dates = pd.to_datetime(events["date"])
    first, last = index.min(), index.max()
    inside = (dates > first) & (dates <= last)
    skipped = events.loc[~inside, ["event_id"]].assign(
        date=dates[~inside], reason=f"outside the returns' dates {first:%Y-%m-%d}..{last:%Y-%m-%d}"
    )
    kept = [c for c in ("event_id", "date", "time", "timezone", "title") if c in events]
    return events.loc[inside, kept].reset_index(drop=True), skipped.reset_index(drop=True)
