"""Figures: each function takes results (or a tidy frame) and an optional ``ax``, and
returns the matplotlib Axes it drew on. matplotlib and seaborn are imported lazily.
"""

from __future__ import annotations

from reequity.plots.correlation import (
    plot_correlation_heatmaps,
    plot_lead_lag,
    plot_lead_lag_grid,
    plot_rolling_correlation,
    plot_rolling_correlation_facets,
)
from reequity.plots.robustness import plot_specification_curve
from reequity.plots.study import plot_caar, plot_car_heatmap

__all__ = [
    "plot_caar",
    "plot_car_heatmap",
    "plot_correlation_heatmaps",
    "plot_lead_lag",
    "plot_lead_lag_grid",
    "plot_rolling_correlation",
    "plot_rolling_correlation_facets",
    "plot_specification_curve",
]
