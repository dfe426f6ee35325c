"""The specification-curve figure (Simonsohn, Simmons and Nelson 2020, Fig. 2 layout)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from reequity.errors import ConfigurationError

if TYPE_CHECKING:
    from matplotlib.axes import Axes


def plot_specification_curve(
    curve: Any,
    *,
    event_id: str = "ALL",
    axes: Sequence[Axes] | None = None,
    label: str | None = None,
) -> tuple[Axes, Axes]:
    """Sorted CAARs with robust intervals above, the choices of each specification below.

    Parameters
    ----------
    curve : SpecificationCurve
        Output of :func:`reequity.study.robustness.specification_curve`.
    event_id : str, default "ALL"
        The event (or the pooled ``ALL``) to draw.
    axes : pair of matplotlib Axes, optional
        Where to draw the estimates and the choice indicators; a new figure otherwise.
    label : str, optional
        What the title calls the row (default ``event_id``; e.g. the pool a curve of a
        pooled finding re-ran, ``ALL export_control (12)``).

    Returns
    -------
    tuple of matplotlib.axes.Axes
        The estimates axes (one point per estimated specification) and the indicator axes.
    """
    import matplotlib.pyplot as plt

    part = curve.table[curve.table["event_id"] == event_id]
    part = part[np.isfinite(part["caar"].astype(float))].sort_values("caar", kind="stable")
    if part.empty:
        raise ConfigurationError(
            f"no estimated specification for event_id {event_id!r}; valid: "
            f"{', '.join(dict.fromkeys(curve.table['event_id']))}"
        )
    levels = [(c, v) for c in curve.choices for v in dict.fromkeys(curve.specs[c])]
    if axes is None:
        height = 3.2 + 0.22 * len(levels)
        _, axes = plt.subplots(
            2,
            1,
            figsize=(8.0, height),
            sharex=True,
            layout="constrained",
            gridspec_kw={"height_ratios": [3.2, 0.22 * len(levels) + 0.3]},
        )
    if len(axes) != 2:
        raise ConfigurationError(f"axes must hold two Axes (estimates, choices), got {len(axes)}.")
    top, bottom = axes
    x = np.arange(len(part))
    caar = part["caar"].to_numpy(float) * 100
    sig = (part["robust_p"] < curve.alpha).to_numpy()
    colours = np.where(sig, "tab:red", "0.55")
    if {"robust_ci_lower", "robust_ci_upper"} <= set(part.columns):
        lo = part["robust_ci_lower"].to_numpy(float) * 100
        hi = part["robust_ci_upper"].to_numpy(float) * 100
        top.vlines(x, lo, hi, colors=colours, lw=0.8, alpha=0.6)
    top.scatter(x, caar, c=colours, s=12, zorder=3)
    top.axhline(0.0, color="0.3", lw=0.8)
    base = np.logical_and.reduce([part[c] == v for c, v in curve.baseline.items() if c in part])
    if base.any():
        i = int(np.flatnonzero(base)[0])
        top.scatter(
            [x[i]],
            [caar[i]],
            marker="D",
            s=40,
            facecolors="none",
            edgecolors="k",
            zorder=4,
            label="baseline",
        )
        top.legend(loc="upper left", fontsize="small", frameon=False)
    top.set_ylabel("CAAR (%)")
    top.set_title(  # two lines: the row, then how to read the marks (fits the figure)
        f"{label or event_id}: {len(part)} specifications, sorted by CAAR\n"
        f"red = robust p < {curve.alpha:g} ({', '.join(curve.tests)}); bars: 95% CDA interval",
        fontsize="small",
    )
    for row, (choice, value) in enumerate(levels):
        used = (part[choice] == value).to_numpy()
        bottom.scatter(x[used], np.full(used.sum(), row), c=colours[used], s=6, marker="|")
    bottom.set_yticks(range(len(levels)), [f"{c}: {v}" for c, v in levels], fontsize="x-small")
    bottom.set_ylim(len(levels) - 0.5, -0.5)
    bottom.set_xlabel("specification (sorted by CAAR)")
    bottom.set_ylabel("choice")
    return top, bottom
