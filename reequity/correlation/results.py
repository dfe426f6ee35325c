"""Results objects of the correlation functions: frozen dataclasses around tidy frames."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd

from reequity.errors import ConfigurationError

if TYPE_CHECKING:
    from matplotlib.axes import Axes


@dataclass(frozen=True, slots=True)
class EventCorrelationResults:
    """Pre/post-event correlations of pairs of returns (see :func:`event_correlation`).

    Attributes
    ----------
    table : DataFrame
        One row per event and pair (columns documented in :func:`event_correlation`).
    pre, post : tuple of int
        The windows in trading days relative to day 0.
    forbes_rigobon : bool
        Whether the Forbes-Rigobon columns were computed.
    market : str or None
        The source-market column of the Forbes-Rigobon adjustment (None: ``ticker_a``).
    """

    table: pd.DataFrame
    pre: tuple[int, int]
    post: tuple[int, int]
    forbes_rigobon: bool = True
    market: str | None = None

    def to_frame(self) -> pd.DataFrame:
        """A copy of the tidy table."""
        return self.table.copy()

    @property
    def event_ids(self) -> list[str]:
        """Event ids in table order."""
        return list(dict.fromkeys(self.table["event_id"]))

    def matrix(self, event_id: str, *, which: Literal["pre", "post", "post_adj"]) -> pd.DataFrame:
        """Symmetric ticker x ticker correlation matrix of one event and window.

        The diagonal is 1 by definition; a pair these results never estimated (for
        example two Chinese names under ``pairs="cross"``) is NaN, not 0.
        """
        column = {"pre": "rho_pre", "post": "rho_post", "post_adj": "rho_post_adj"}.get(which)
        if column is None:
            raise ConfigurationError(f"which must be 'pre', 'post' or 'post_adj', got {which!r}.")
        rows = self.table[self.table["event_id"] == str(event_id)]
        if rows.empty:
            raise ConfigurationError(
                f"event_id {event_id!r} is not in these results; valid: {', '.join(self.event_ids)}."
            )
        tickers = list(dict.fromkeys([*rows["ticker_a"], *rows["ticker_b"]]))
        # start from NaN: an identity start would draw unestimated pairs as rho = 0
        grid = np.full((len(tickers), len(tickers)), np.nan)
        np.fill_diagonal(grid, 1.0)
        out = pd.DataFrame(grid, index=tickers, columns=tickers)
        for row in rows.itertuples(index=False):
            value = getattr(row, column)
            out.loc[row.ticker_a, row.ticker_b] = value
            out.loc[row.ticker_b, row.ticker_a] = value
        out.index.name = out.columns.name = "ticker"
        return out

    def summary(self) -> str:
        """Deterministic plain-text summary: windows and the table's key columns."""
        cols = ["event_id", "ticker_a", "ticker_b", "n_pre", "n_post", "rho_pre", "rho_post"]
        cols += ["fisher_z", "pvalue"] + (
            ["rho_post_adj", "fr_pvalue"] if self.forbes_rigobon else []
        )
        head = (
            f"Event-conditional correlation: pre={self.pre}, post={self.post}, "
            f"Forbes-Rigobon source={self.market or 'ticker_a'}"
        )
        body = self.table[cols].to_string(index=False, float_format=lambda v: f"{v:.4f}")
        return f"{head}\n{body}"

    def _repr_html_(self) -> str:
        head = f"<h4>Event-conditional correlation (pre={self.pre}, post={self.post})</h4>"
        return head + self.table.to_html(index=False, float_format=lambda v: f"{v:.4f}")

    def plot(self, *, event_id: str, axes: Any = None) -> tuple[Axes, Axes]:
        """Before/after correlation heatmaps; see :func:`reequity.plots.plot_correlation_heatmaps`."""
        from reequity.plots.correlation import plot_correlation_heatmaps

        return plot_correlation_heatmaps(self, event_id=event_id, axes=axes)


@dataclass(frozen=True, slots=True)
class LeadLagResults:
    """Cross-correlations of two return series at leads and lags (see :func:`lead_lag`).

    Attributes
    ----------
    table : DataFrame
        Columns ``lag, correlation, ci_lower, ci_upper, band, pvalue, n_obs``; positive
        ``lag`` means ``a`` leads ``b`` (``corr(a_t, b_{t+lag})``).
    a, b : str
        The two tickers.
    level : float
        Confidence level of ``ci_lower/ci_upper`` and of the null band ``+-band``.
    """

    table: pd.DataFrame
    a: str
    b: str
    level: float = 0.95

    def to_frame(self) -> pd.DataFrame:
        """A copy of the tidy table."""
        return self.table.copy()

    @property
    def peak_lag(self) -> int:
        """The lag with the largest absolute correlation (ties: the smallest |lag|)."""
        valid = self.table.dropna(subset=["correlation"])
        if valid.empty:
            raise ConfigurationError(
                f"no lag of ({self.a}, {self.b}) has a correlation; check that the series overlap."
            )
        order = valid.assign(_abs=-valid["correlation"].abs(), _lag=valid["lag"].abs())
        return int(order.sort_values(["_abs", "_lag"]).iloc[0]["lag"])

    def summary(self) -> str:
        """Deterministic plain-text summary of the cross-correlations."""
        head = (
            f"Lead-lag of {self.a} and {self.b} (positive lag: {self.a} leads), "
            f"{self.level:.0%} bands; peak at lag {self.peak_lag}"
        )
        body = self.table.to_string(index=False, float_format=lambda v: f"{v:.4f}")
        return f"{head}\n{body}"

    def _repr_html_(self) -> str:
        head = f"<h4>Lead-lag of {self.a} and {self.b} (positive lag: {self.a} leads)</h4>"
        return head + self.table.to_html(index=False, float_format=lambda v: f"{v:.4f}")

    def plot(self, *, ax: Axes | None = None) -> Axes:
        """Bars with confidence bands; see :func:`reequity.plots.plot_lead_lag`."""
        from reequity.plots.correlation import plot_lead_lag

        return plot_lead_lag(self, ax=ax)
