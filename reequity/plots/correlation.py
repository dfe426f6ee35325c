"""Figures of co-movement: rolling correlations, before/after heatmaps, lead-lag bars."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from reequity.errors import ConfigurationError
from reequity.plots._base import frame_attr, new_axes, new_axes_row

if TYPE_CHECKING:
    from matplotlib.axes import Axes

ROLLING_COLUMNS = {"date", "ticker_a", "ticker_b", "correlation"}
MAX_EVENT_LABELS = 12


def plot_rolling_correlation(
    frame: pd.DataFrame, *, events: pd.DataFrame | None = None, ax: Axes | None = None
) -> Axes:
    """Rolling correlation of each pair over time, with event dates marked.

    Parameters
    ----------
    frame : DataFrame
        Output of :func:`reequity.rolling_correlation` (date, ticker_a, ticker_b,
        correlation, ...).
    events : DataFrame, optional
        Events with ``event_id`` and ``date`` (e.g. :func:`reequity.load_catalogue`);
        those inside the plotted dates are drawn as vertical lines, labelled when there
        are at most 12 of them.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    import seaborn as sns

    if not isinstance(frame, pd.DataFrame) or not set(frame.columns) >= ROLLING_COLUMNS:
        raise ConfigurationError(
            f"frame must be the output of rolling_correlation with columns {sorted(ROLLING_COLUMNS)}."
        )
    data = frame.dropna(subset=["correlation"]).assign(
        pair=lambda d: d["ticker_a"].astype(str) + " / " + d["ticker_b"].astype(str)
    )
    ax = new_axes(ax, figsize=(10.0, 4.8))
    sns.lineplot(data=data, x="date", y="correlation", hue="pair", ax=ax, lw=1.2)
    if events is not None and not data.empty:
        _mark_events(ax, events, data["date"].min(), data["date"].max())
    ax.axhline(0.0, color="0.4", lw=0.8)
    ax.set_ylim(-1.05, 1.05)
    ax.set_xlabel("date")
    ax.set_ylabel("rolling correlation")
    ax.set_title("Rolling correlation of daily returns")
    ax.legend(loc="lower left", fontsize="small", ncols=2)
    return ax


def plot_rolling_correlation_facets(
    frame: pd.DataFrame, *, events: pd.DataFrame | None = None, ncols: int = 2
) -> Any:
    """Rolling correlation, one small panel per pair (shared axes), event dates numbered.

    Parameters
    ----------
    frame : DataFrame
        Output of :func:`reequity.rolling_correlation`.
    events : DataFrame, optional
        Events with ``event_id`` and ``date``; each one inside the plotted dates is a
        vertical line in every panel, numbered in the first row of panels, with the key
        (number, date, event id) beside the panels.
    ncols : int, default 2
        Panels per row.

    Returns
    -------
    matplotlib.figure.Figure
        Facets instead of overplotted lines: each pair is readable on its own.
    """
    import matplotlib.pyplot as plt
    import seaborn as sns

    if not isinstance(frame, pd.DataFrame) or not set(frame.columns) >= ROLLING_COLUMNS:
        raise ConfigurationError(
            f"frame must be the output of rolling_correlation with columns {sorted(ROLLING_COLUMNS)}."
        )
    data = frame.dropna(subset=["correlation"]).assign(
        pair=lambda d: d["ticker_a"].astype(str) + " / " + d["ticker_b"].astype(str)
    )
    pairs = list(dict.fromkeys(data["pair"])) or ["(no data)"]
    nrows = -(-len(pairs) // ncols)
    with sns.axes_style("whitegrid"):
        fig, axes = plt.subplots(
            nrows, ncols, figsize=(13.0, 1.9 * nrows + 1.2), sharex=True, sharey=True,
            layout="constrained", squeeze=False,
        )  # fmt: skip
    inside = _events_inside(events, data)
    for i, ax in enumerate(axes.ravel()):
        if i >= len(pairs):
            ax.set_visible(False)
            continue
        rows = data[data["pair"] == pairs[i]]
        ax.plot(rows["date"], rows["correlation"], lw=1.0, color="C0")
        ax.axhline(0.0, color="0.4", lw=0.7)
        if len(inside):  # one collection of lines per panel, not one artist per event
            ax.vlines(inside["date"], -1.05, 1.05, colors="0.45", lw=0.6, ls=":")
        for n, row in enumerate(inside.itertuples(index=False), start=1):
            if i < ncols:
                ax.text(row.date, 1.0, str(n), transform=ax.get_xaxis_transform(),
                        fontsize=6, ha="center", va="bottom", color="0.25")  # fmt: skip
        ax.set_ylim(-1.05, 1.05)
        ax.set_title(pairs[i], fontsize="small", loc="left")
    fig.supylabel("rolling correlation")
    fig.suptitle("Rolling correlation of daily returns, one panel per pair (dotted: events)")
    if len(inside):  # the key as an "outside" legend: constrained layout makes room for it
        from matplotlib.lines import Line2D

        keys = [f"{n:>2} {row.date:%Y-%m-%d} {_short_id(row.event_id)}"
                for n, row in enumerate(inside.itertuples(index=False), start=1)]  # fmt: skip
        blank = [Line2D([], [], ls="none")] * len(keys)
        fig.legend(blank, keys, loc="outside right upper", fontsize=6, handlelength=0,
                   prop={"family": "monospace", "size": 6}, title="events")  # fmt: skip
    return fig


def _short_id(event_id: object, width: int = 28) -> str:
    """An event id without its trailing ``_YYYY_MM_DD`` (the key shows the date), cut."""
    import re

    return re.sub(r"_\d{4}_\d{2}_\d{2}$", "", str(event_id))[:width]


def _events_inside(events: pd.DataFrame | None, data: pd.DataFrame) -> pd.DataFrame:
    if events is None or data.empty:
        return pd.DataFrame(columns=["event_id", "date"])
    if not {"event_id", "date"} <= set(events.columns):
        raise ConfigurationError("events must have columns 'event_id' and 'date' to be marked.")
    dates = pd.to_datetime(events["date"])
    first, last = data["date"].min(), data["date"].max()
    return events.assign(date=dates)[(dates >= first) & (dates <= last)].sort_values("date")


def _mark_events(ax: Axes, events: pd.DataFrame, first: pd.Timestamp, last: pd.Timestamp) -> None:
    if not {"event_id", "date"} <= set(events.columns):
        raise ConfigurationError("events must have columns 'event_id' and 'date' to be marked.")
    dates = pd.to_datetime(events["date"])
    inside = events.assign(date=dates)[(dates >= first) & (dates <= last)]
    transform = ax.get_xaxis_transform()
    label = len(inside) <= MAX_EVENT_LABELS  # beyond that the labels only overlap
    for i, row in enumerate(inside.itertuples(index=False)):
        ax.axvline(row.date, color="0.25", lw=0.8, ls=":")
        if label:
            ax.text(row.date, 0.98 - 0.06 * (i % 3), f" {row.event_id}", transform=transform,
                    fontsize="x-small", va="top", color="0.25")  # fmt: skip


def plot_correlation_heatmaps(
    event_corr_results: Any,
    *,
    event_id: str,
    adjusted: bool = False,
    axes: Sequence[Axes] | None = None,
) -> tuple[Axes, Axes]:
    """Correlation matrices before and after one event, side by side.

    Parameters
    ----------
    event_corr_results : EventCorrelationResults
        Output of :func:`reequity.event_correlation` (uses its ``matrix`` method).
    event_id : str
        The event to show.
    adjusted : bool, default False
        Show the Forbes-Rigobon adjusted post-event correlations instead of raw ones.
    axes : pair of matplotlib Axes, optional
        Where to draw "before" and "after"; a new two-panel figure otherwise.

    Returns
    -------
    tuple of matplotlib.axes.Axes
        The "before" and "after" axes.
    """

    before = event_corr_results.matrix(event_id, which="pre")
    after = event_corr_results.matrix(event_id, which="post_adj" if adjusted else "post")
    n = len(before)
    if axes is None:
        axes = new_axes_row(2, figsize=(1.3 * n * 2 + 3, 1.1 * n + 1.5))
    if len(axes) != 2:
        raise ConfigurationError(f"axes must hold two Axes (before, after), got {len(axes)}.")
    pre, post = event_corr_results.pre, event_corr_results.post
    titles = [
        f"before {event_id} (days {pre[0]}..{pre[1]})",
        f"after {event_id} (days {post[0]}..{post[1]})" + (", FR-adjusted" if adjusted else ""),
    ]
    import matplotlib.pyplot as plt
    import numpy as np

    for ax, matrix, title, cbar in zip(axes, (before, after), titles, (False, True), strict=True):
        # plain imshow (seaborn's heatmap draws the figure an extra time to place labels);
        # NaN cells stay transparent, so the hatched face below shows through
        cells = np.ma.masked_invalid(matrix.to_numpy(dtype=float))
        image = ax.imshow(cells, cmap="RdBu_r", vmin=-1, vmax=1, interpolation="nearest")
        if n <= 10:
            for (i, j), v in np.ndenumerate(cells.filled(np.nan)):
                if np.isfinite(v):
                    ax.text(j, i, f"{v:.2f}", ha="center", va="center", fontsize="small")
        ax.set_xticks(range(n), [str(c) for c in matrix.columns], rotation=45, ha="right")
        ax.set_yticks(range(n), [str(r) for r in matrix.index])
        ax.grid(False)
        if cbar:
            plt.colorbar(image, ax=ax, label="correlation", shrink=0.8)
        if matrix.isna().to_numpy().any():
            # NaN cells are transparent: hatch the face so "not estimated" cannot
            # be read as a weak correlation
            ax.patch.set(hatch="///", edgecolor="0.75", facecolor="white")
            title += "\n(hatched: pair not estimated)"
        ax.set_title(title, fontsize="medium")
        ax.set_xlabel("ticker")
        ax.set_ylabel("ticker")
    return axes[0], axes[1]


def plot_lead_lag(lead_lag_results: Any, *, ax: Axes | None = None) -> Axes:
    """Cross-correlation bars by lag with confidence intervals and the null band.

    Parameters
    ----------
    lead_lag_results : LeadLagResults
        Output of :func:`reequity.lead_lag` (``table`` with lag, correlation, ci_lower,
        ci_upper and optionally band; attributes ``a``, ``b``, ``level``).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        Bars at each lag (positive: ``a`` leads ``b``), Fisher-z error bars, and the
        shaded band ``+-band`` within which a correlation is not significant.
    """
    table = frame_attr(lead_lag_results, "table", {"lag", "correlation", "ci_lower", "ci_upper"})
    a, b = getattr(lead_lag_results, "a", "a"), getattr(lead_lag_results, "b", "b")
    level = getattr(lead_lag_results, "level", 0.95)
    ax = new_axes(ax, figsize=(8.0, 4.2))
    err = [table["correlation"] - table["ci_lower"], table["ci_upper"] - table["correlation"]]
    ax.bar(table["lag"], table["correlation"], color="C0", alpha=0.8, label="correlation")
    ax.errorbar(
        table["lag"],
        table["correlation"],
        yerr=err,
        fmt="none",
        ecolor="0.2",
        capsize=3,
        label=f"{level:.0%} CI",
    )
    if "band" in table:
        ax.fill_between(
            table["lag"],
            -table["band"],
            table["band"],
            color="0.6",
            zorder=0,
            alpha=0.3,
            step="mid",
            label=f"{level:.0%} band under no correlation",
        )
    ax.axhline(0.0, color="0.4", lw=0.8)
    ax.set_xticks(list(table["lag"]))
    ax.set_xlabel(f"lag in trading days (positive: {a} leads {b})")
    ax.set_ylabel(f"corr({a}[t], {b}[t+lag])")
    ax.set_title(f"Lead-lag cross-correlation, {a} vs {b}")
    ax.legend(loc="best", fontsize="small")
    return ax


def plot_lead_lag_grid(results: Mapping[tuple[str, str], Any], *, ncols: int = 3) -> Any:
    """Lead-lag cross-correlations of several pairs, one panel each (shared y axis).

    Parameters
    ----------
    results : mapping of (ticker_a, ticker_b) to LeadLagResults
        E.g. ``CorrelationResults.lead_lag``.
    ncols : int, default 3

    Returns
    -------
    matplotlib.figure.Figure
        Each panel as :func:`plot_lead_lag`, titled with its pair; one legend.
    """
    import matplotlib.pyplot as plt
    import seaborn as sns

    items = list(results.items())
    if not items:
        raise ConfigurationError("no lead-lag results to plot; give at least one pair.")
    ncols = min(ncols, len(items))
    nrows = -(-len(items) // ncols)
    with sns.axes_style("whitegrid"):
        fig, axes = plt.subplots(nrows, ncols, figsize=(4.6 * ncols, 2.8 * nrows + 0.8),
                                 sharey=True, layout="constrained", squeeze=False)  # fmt: skip
    for ax, ((a, b), res) in zip(axes.ravel(), items, strict=False):
        plot_lead_lag(res, ax=ax)
        ax.set_title(f"{a} vs {b} (positive lag: {a} leads)", fontsize="small")
        ax.set_xlabel("lag (trading days)", fontsize="small")
        ax.set_ylabel("correlation", fontsize="small")
        ax.get_legend().remove()
    for ax in axes.ravel()[len(items) :]:
        ax.set_visible(False)
    handles, labels = axes.ravel()[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncols=3, fontsize="small")
    fig.suptitle("Lead-lag cross-correlation of daily returns, one panel per pair")
    return fig
