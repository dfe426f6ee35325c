"""Figures of event-study results: the CAAR path and the ticker x event CAR heatmap.

The functions read only the tidy frames of an ``EventStudyResults`` object (``aar``,
``caar``, ``car`` and, if present, ``ar``), so any object with those attributes works.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from reequity.plots._base import frame_attr, new_axes, pick
from reequity.study.windows import parse_window

if TYPE_CHECKING:
    from matplotlib.axes import Axes


def plot_caar(
    results: Any,
    *,
    event_id: str = "ALL",
    window: str | None = None,
    level: float = 0.95,
    ax: Axes | None = None,
) -> Axes:
    """Plot the cumulative average abnormal return (CAAR) path with a confidence band.

    Parameters
    ----------
    results : EventStudyResults
        Any object with ``aar`` (event_id, tau, n_firms, aar, caar) and ``caar``
        (event_id, window, n_firms, caar, ci_lower, ci_upper); ``ar`` (event_id, ticker,
        tau, ar) is used for the band when present.
    event_id : str, default "ALL"
        One event, or ``"ALL"`` for the average over events.
    window : str, optional
        An event window label such as ``"-1:1"``: the path is cumulated from its first
        day and the window's CAAR with its confidence interval (from ``caar``: the
        dependence-robust CDA interval where there is one) is drawn at its last day. None plots the whole ``aar`` path as given.
    level : float, default 0.95
        Level of the cross-sectional band (only with ``ar``).
    ax : matplotlib Axes, optional
        Axes to draw on; a new figure otherwise.

    Returns
    -------
    matplotlib.axes.Axes

    Notes
    -----
    The band at each tau is ``CAAR +- t_q sd(CAR_i) / sqrt(N)``, the cross-sectional
    spread of the firms' cumulative abnormal returns (as in the ``t_cs`` test); it needs
    the ``ar`` frame, else only the window interval from ``caar`` is drawn.
    """
    aar = frame_attr(results, "aar", {"event_id", "tau", "aar", "caar"})
    path = aar[pick(aar["event_id"], event_id, name="event_id")].sort_values("tau")
    start = None
    if window is not None:
        start, end = parse_window(window)
        # the path runs over the widest window studied (a one-day window is not a lone
        # point); it is cumulated from the window's first day and the window is shaded
        lo, hi = min(start - 1, _widest(results)[0]), max(end, _widest(results)[1])
        path = path[(path["tau"] >= lo) & (path["tau"] <= hi)]
        path = path.assign(caar=path["aar"].where(path["tau"] >= start, 0.0).cumsum())
        path = path.assign(caar=path["caar"].where(path["tau"] >= start - 1))
    ax = new_axes(ax)
    ax.plot(path["tau"], 100 * path["caar"], marker="o", ms=3, lw=1.8, label="CAAR")
    band = _band(results, event_id, start, path["tau"], level)
    if band is not None:
        ax.fill_between(band.index, 100 * band["lower"], 100 * band["upper"], alpha=0.25,
                        label=f"{level:.0%} cross-sectional band")  # fmt: skip
    if window is not None:
        ax.axvspan(start - 0.5, end + 0.5, color="C1", alpha=0.12, label=f"window {window}")
        _window_interval(ax, results, event_id, window)
    ax.axhline(0.0, color="0.4", lw=0.8)
    ax.axvline(0.0, color="0.4", lw=0.8, ls="--")
    _integer_ticks(ax)
    ax.set_xlabel("event day (tau, trading days)")
    ax.set_ylabel("cumulative average abnormal return (%)")
    label = "all events" if str(event_id) == "ALL" else str(event_id)
    ax.set_title(f"CAAR, {label}" + (f", window {window} shaded" if window else ""))
    ax.legend(loc="best", fontsize="small")
    return ax


def _widest(results: Any) -> tuple[int, int]:
    """The span covering every window in ``results.caar`` (the path's x range)."""
    caar = getattr(results, "caar", None)
    if not isinstance(caar, pd.DataFrame) or "window" not in caar:
        return (0, 0)
    spans = [parse_window(w) for w in dict.fromkeys(caar["window"].astype(str))]
    return min(a for a, _ in spans), max(b for _, b in spans)


def _integer_ticks(ax: Axes) -> None:
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True))


def _band(
    results: Any, event_id: str, start: int | None, taus: pd.Series, level: float
) -> pd.DataFrame | None:
    ar = getattr(results, "ar", None)
    if not isinstance(ar, pd.DataFrame) or not {"event_id", "ticker", "tau", "ar"} <= set(ar):
        return None
    from scipy import stats

    rows = ar if str(event_id) == "ALL" else ar[ar["event_id"].astype(str) == str(event_id)]
    wide = rows.pivot_table(index="tau", columns=["event_id", "ticker"], values="ar")
    wide = wide.loc[wide.index >= (start if start is not None else wide.index.min())]
    wide = wide.reindex(sorted(set(taus))).cumsum()
    n = wide.notna().sum(axis=1)
    half = stats.t.ppf(0.5 + level / 2, np.maximum(n - 1, 1)) * wide.std(axis=1) / np.sqrt(n)
    centre = wide.mean(axis=1)
    return pd.DataFrame({"lower": centre - half, "upper": centre + half}).dropna()


def _window_interval(ax: Axes, results: Any, event_id: str, window: str) -> None:
    """The window's CAAR with its dependence-robust interval (the CDA's) where the study
    has one, else the cross-sectional one, named as such."""
    caar = getattr(results, "caar", None)
    if not isinstance(caar, pd.DataFrame) or not {"ci_lower", "ci_upper"} <= set(caar):
        return
    rows = caar[(caar["event_id"].astype(str) == str(event_id)) & (caar["window"] == window)]
    if rows.empty:
        return
    row = rows.iloc[0]
    lo, hi, kind = row["ci_lower"], row["ci_upper"], "cross-sectional CI"
    if np.isfinite(row.get("robust_ci_lower", np.nan)):
        lo, hi, kind = row["robust_ci_lower"], row["robust_ci_upper"], "CDA 95% CI"
    end = parse_window(window)[1]
    err = [[100 * (row["caar"] - lo)], [100 * (hi - row["caar"])]]
    ax.errorbar(
        [end],
        [100 * row["caar"]],
        yerr=err,
        fmt="s",
        color="C3",
        capsize=4,
        label=f"CAAR[{window}] with {kind}",
    )


def plot_car_heatmap(
    results: Any,
    *,
    window: str | None = None,
    value: str = "car",
    event_labels: Mapping[str, str] | None = None,
    ticker_labels: Mapping[str, str] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Heatmap of cumulative abnormal returns, tickers x events, for one window.

    Parameters
    ----------
    results : EventStudyResults
        Any object with a ``car`` frame (event_id, ticker, window, car, bhar, ...).
    window : str, optional
        Window label such as ``"-1:1"``; default the first window in ``car``.
    value : {"car", "bhar", "scar"}, default "car"
        Which column to show.
    event_labels, ticker_labels : mapping of str to str, optional
        Short names to show instead of event ids (e.g. date and short title) and tickers
        (e.g. company names); ids without a label are shown as they are.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        Cells in percent (``scar`` unscaled), diverging colours centred on zero; empty
        (grey) cells are ticker-event combinations without a CAR (e.g. not yet listed),
        drawn without grid lines. The figure is at most 16 x 10 inches.
    """
    import matplotlib.pyplot as plt
    from matplotlib.colors import TwoSlopeNorm

    car = frame_attr(results, "car", {"event_id", "ticker", "window", value})
    window = str(car["window"].iloc[0]) if window is None else window
    rows = car[pick(car["window"], window, name="window")]
    grid = rows.pivot_table(index="ticker", columns="event_id", values=value, sort=False)
    scale = 1.0 if value == "scar" else 100.0
    n_tickers, n_events = grid.shape
    size = (min(16.0, 0.32 * n_events + 7.0), min(10.0, 0.3 * n_tickers + 3.5))
    ax = new_axes(ax, figsize=size)
    events, tickers = dict(event_labels or {}), dict(ticker_labels or {})
    # plain imshow (not seaborn's heatmap, which draws the figure once more to place
    # its labels): NaN cells stay transparent over the grey face
    cells = np.ma.masked_invalid(grid.to_numpy(dtype=float) * scale)
    bound = float(np.nanmax(np.abs(cells.filled(np.nan)))) if cells.count() else 1.0
    norm = TwoSlopeNorm(vcenter=0.0, vmin=-bound or -1.0, vmax=bound or 1.0)
    image = ax.imshow(cells, cmap="RdBu_r", norm=norm, aspect="auto", interpolation="nearest")
    if grid.size <= 150:
        for (i, j), v in np.ndenumerate(cells.filled(np.nan)):
            if np.isfinite(v):
                ax.text(j, i, f"{v:.1f}", ha="center", va="center", fontsize="x-small")
    ax.set_xticks(range(n_events), [events.get(str(e), str(e)) for e in grid.columns])
    ax.set_yticks(range(n_tickers), [tickers.get(str(t), str(t)) for t in grid.index])
    plt.colorbar(image, ax=ax, label=value.upper() + (" (%)" if scale > 1 else ""))
    ax.grid(False)  # the style's grid would cross the empty cells
    ax.set_facecolor("0.92")
    ax.tick_params(axis="x", labelrotation=90, labelsize="small")
    ax.tick_params(axis="y", labelsize="small")
    ax.set_xlabel("event (grey: no CAR for that firm and event)")
    ax.set_ylabel("firm")
    ax.set_title(f"{value.upper()} (%) by firm and event, window {window}")
    return ax
