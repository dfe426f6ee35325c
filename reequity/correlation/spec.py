"""A correlation study as a frozen spec: what to compute, fitted to returns and events.

``CorrelationSpec(...)`` says which pairs, the rolling window, the event windows, the
tests and the lead-lag range; :meth:`CorrelationSpec.fit` runs
:func:`~reequity.correlation.rolling.rolling_correlation`,
:func:`~reequity.correlation.conditional.event_correlation`,
:func:`~reequity.correlation.lead_lag.lead_lag` and
:func:`~reequity.correlation.reaction.first_reaction` on plain frames and returns a
:class:`~reequity.correlation.study_results.CorrelationResults` holding the spec.
``dataclasses.replace(spec, window=120)`` makes a variant.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations, product

import pandas as pd

from reequity.correlation._frames import check_returns, resolve_pairs
from reequity.correlation.conditional import event_correlation
from reequity.correlation.lead_lag import lead_lag
from reequity.correlation.reaction import first_reaction
from reequity.correlation.rolling import rolling_correlation
from reequity.correlation.study_results import CorrelationResults
from reequity.errors import ConfigurationError

__all__ = ["CorrelationSpec", "cross_pairs"]

Pairs = str | tuple[tuple[str, str], ...]


def _span(value: Sequence[int], name: str) -> tuple[int, int]:
    try:
        lo, hi = (int(v) for v in value)
    except (TypeError, ValueError):
        raise ConfigurationError(
            f"{name}={value!r} is not a pair of integers, e.g. (-120, -1)"
        ) from None
    if lo > hi:
        raise ConfigurationError(f"{name}={value!r} starts after it ends; swap the two days")
    return lo, hi


@dataclass(frozen=True, slots=True)
class CorrelationSpec:
    """What a correlation study computes; :meth:`fit` applies it to returns and events.

    Parameters
    ----------
    pairs : {"cross", "all"} or tuple of (str, str)
        ``"cross"`` (default): pairs of tickers from different countries, Chinese ticker
        first (:func:`cross_pairs`); ``"all"``: every pair of the tickers; or the pairs.
    window : int, default 60
        Rolling window in common trading days of each pair (>= 2).
    pre, post : tuple of int
        Event windows in trading days relative to day 0 (default ``(-120, -1)`` and
        ``(0, 59)``).
    forbes_rigobon : bool, default True
        Test the post-event correlation also after the Forbes-Rigobon (2002) correction
        (Fisher z is always computed).
    market : str, optional
        Source column of the Forbes-Rigobon correction (default: ``ticker_a`` of a pair).
    max_lag : int, default 5
        Largest lead and lag of the cross-correlations.
    level : float, default 0.95
        Level of the lead-lag bands and of the first-reaction threshold.
    reaction_estimation, reaction_window : tuple of int
        Estimation days and search days of :func:`first_reaction`.

    Examples
    --------
    >>> import dataclasses
    >>> spec = CorrelationSpec(window=40)
    >>> dataclasses.replace(spec, pairs="all").pairs, spec.window
    ('all', 40)
    """

    pairs: Pairs = "cross"
    window: int = 60
    pre: tuple[int, int] = (-120, -1)
    post: tuple[int, int] = (0, 59)
    forbes_rigobon: bool = True
    market: str | None = None
    max_lag: int = 5
    level: float = 0.95
    reaction_estimation: tuple[int, int] = (-120, -11)
    reaction_window: tuple[int, int] = (0, 5)

    def __post_init__(self) -> None:
        # frozen: normalise through object.__setattr__ so lists become hashable tuples
        if not isinstance(self.pairs, str):
            pairs = tuple((str(a), str(b)) for a, b in self.pairs)
            object.__setattr__(self, "pairs", pairs)
        elif self.pairs not in ("cross", "all"):
            raise ConfigurationError(f"pairs={self.pairs!r} is not 'cross', 'all' or pairs")
        for name in ("pre", "post", "reaction_estimation", "reaction_window"):
            object.__setattr__(self, name, _span(getattr(self, name), name))
        if self.pre[1] >= self.post[0]:
            raise ConfigurationError(f"pre={self.pre} must end before post={self.post} starts")
        if int(self.window) < 2:
            raise ConfigurationError(f"window={self.window} must be at least 2 trading days")
        if int(self.max_lag) < 0:
            raise ConfigurationError(f"max_lag={self.max_lag} must be 0 or more")
        if not 0 < float(self.level) < 1:
            raise ConfigurationError(f"level={self.level} must lie between 0 and 1")

    def resolve_pairs(
        self,
        returns: pd.DataFrame,
        tickers: Sequence[str],
        countries: Mapping[str, str] | None = None,
    ) -> list[tuple[str, str]]:
        """The pairs this spec correlates among ``tickers`` (``countries`` for "cross")."""
        if self.pairs == "cross":
            if countries is None:
                raise ConfigurationError(
                    "pairs='cross' needs countries (ticker -> country, e.g. the universe's "
                    "country column); pass them or use pairs='all'"
                )
            return cross_pairs(tickers, countries)
        chosen = combinations(tickers, 2) if self.pairs == "all" else self.pairs
        return resolve_pairs(returns, list(chosen))

    def fit(
        self,
        returns: pd.DataFrame,
        events: pd.DataFrame | None = None,
        *,
        tickers: Sequence[str] | None = None,
        countries: Mapping[str, str] | None = None,
        exchanges: Mapping[str, str] | None = None,
        benchmark: Mapping[str, str] | None = None,
    ) -> CorrelationResults:
        """Rolling, pre/post-event, lead-lag correlations and first reactions.

        Parameters
        ----------
        returns : DataFrame
            Wide daily returns (DatetimeIndex ``date``), NaN where a market was closed.
        events : DataFrame, optional
            ``event_id, date`` (optionally ``time, timezone, title``); events outside the
            returns' dates are left out and listed in ``skipped``.
        tickers : sequence of str, optional
            Tickers to pair (default: the return columns that are no benchmark).
        countries : mapping, optional
            Ticker -> country, needed by ``pairs="cross"``.
        exchanges : mapping, optional
            Ticker -> exchange: day 0 follows the event study's rule
            (:func:`reequity.data.calendars.day_zero`) and first reactions are computed.
        benchmark : mapping, optional
            Ticker -> market column: first reactions are market-adjusted.

        Returns
        -------
        CorrelationResults
        """
        frame = check_returns(returns)
        marks = set((benchmark or {}).values())
        names = list(tickers) if tickers is not None else [c for c in frame if c not in marks]
        pairs = self.resolve_pairs(frame, names, countries)
        rolling = rolling_correlation(frame, pairs=pairs, window=int(self.window))
        inside, skipped = _events_in_range(events, frame.index)
        conditional = None
        if not inside.empty:
            conditional = event_correlation(
                frame, inside, pairs=pairs, pre=self.pre, post=self.post,
                forbes_rigobon=self.forbes_rigobon, market=self.market, exchanges=exchanges,
            )  # fmt: skip
        lags = {
            (a, b): lead_lag(frame, a=a, b=b, max_lag=int(self.max_lag), level=self.level)
            for a, b in pairs
        }
        reaction = None
        if exchanges and not inside.empty:
            reaction = first_reaction(
                frame, inside, exchanges=exchanges, benchmark=benchmark,
                estimation=self.reaction_estimation, window=self.reaction_window,
                level=self.level,
            )  # fmt: skip
        return CorrelationResults(self, pairs, rolling, conditional, lags, skipped, reaction)


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
