"""Every plot function draws without error, labels its axes and titles the plot."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from matplotlib.axes import Axes

from reequity.correlation import conditional, lead_lag, rolling
from reequity.errors import ConfigurationError
from reequity.plots import (
    plot_caar,
    plot_car_heatmap,
    plot_correlation_heatmaps,
    plot_lead_lag,
    plot_rolling_correlation,
)


def _labelled(ax: Axes) -> None:
    assert ax.get_xlabel() and ax.get_ylabel() and ax.get_title()


def _synthetic_returns(n: int = 260) -> pd.DataFrame:
    rng = np.random.default_rng(11)
    common = rng.normal(scale=0.01, size=n)
    idx = pd.bdate_range("2025-01-01", periods=n, name="date")
    frame = pd.DataFrame(
        {
            f"SYN_{k}": w * common + rng.normal(scale=0.01, size=n)
            for k, w in zip("ABC", (1, 0.5, 0), strict=True)
        },
        index=idx,
    )
    frame.iloc[::10, 0] = np.nan
    return frame


EVENTS = pd.DataFrame({"event_id": ["SYN-E1", "SYN-E2"], "date": ["2025-05-02", "2025-08-01"]})


def test_plot_caar_full_path_with_band(study_results: SimpleNamespace) -> None:
    ax = plot_caar(study_results)
    _labelled(ax)
    assert "all events" in ax.get_title()
    assert len(ax.collections) >= 1  # the band from the ar frame
    np.testing.assert_allclose(  # in percent, as in the terminal and the report
        ax.lines[0].get_ydata(),
        100 * study_results.aar.query("event_id == 'ALL'").sort_values("tau")["caar"],
    )
    assert "(%)" in ax.get_ylabel()


def test_plot_caar_window_and_event(study_results: SimpleNamespace) -> None:
    ax = plot_caar(study_results, event_id="SYN-E1", window="-1:1")
    _labelled(ax)
    assert "SYN-E1" in ax.get_title() and "-1:1" in ax.get_title()
    path = study_results.aar.query("event_id == 'SYN-E1' and -1 <= tau <= 1")["aar"].cumsum()
    y = pd.Series(ax.lines[0].get_ydata(), index=ax.lines[0].get_xdata())
    # anchored at 0 the day before the window, cumulated from its first day, in percent
    assert y.loc[-2] == 0.0
    np.testing.assert_allclose(y.loc[-1:1], 100 * path.to_numpy())
    without_ar = SimpleNamespace(aar=study_results.aar, caar=study_results.caar)
    _labelled(plot_caar(without_ar, window="-1:1"))
    with pytest.raises(ConfigurationError, match="NOPE"):
        plot_caar(study_results, event_id="NOPE")
    with pytest.raises(ConfigurationError, match="aar"):
        plot_caar(SimpleNamespace(aar=None))


def test_plot_caar_of_a_one_day_window_is_a_path(study_results: SimpleNamespace) -> None:
    ax = plot_caar(study_results, event_id="SYN-E1", window="0:0")
    y = np.asarray(ax.lines[0].get_ydata(), dtype=float)
    assert np.isfinite(y).sum() > 2  # not a lone point: the path runs on past the window
    shaded = [p for p in ax.patches if "window 0:0" in str(p.get_label())]
    assert shaded, "the window is shaded"
    ticks = ax.get_xticks()
    assert np.allclose(ticks, np.round(ticks)), ticks  # tau ticks at integers


def test_plot_car_heatmap(study_results: SimpleNamespace) -> None:
    ax = plot_car_heatmap(study_results, window="0:0")
    _labelled(ax)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["SYN_A", "SYN_B", "SYN_C"]
    assert "0:0" in ax.get_title()
    _labelled(plot_car_heatmap(study_results))
    with pytest.raises(ConfigurationError, match="window"):
        plot_car_heatmap(study_results, window="-9:9")


def test_car_heatmap_names_missing_cells_and_bounded_size() -> None:
    """40 synthetic events x 30 tickers, one CAR missing: masked (not 0), no grid lines
    through it, short labels used, figure at most 1600 px wide at 100 dpi."""
    events = [f"SYN-E{i}" for i in range(40)]
    tickers = [f"SYN_{i}" for i in range(30)]
    car = pd.DataFrame(
        [(e, t, "0:0", 0.01, 0.01, 1.0) for e in events for t in tickers],
        columns=["event_id", "ticker", "window", "car", "bhar", "scar"],
    ).iloc[1:]  # SYN-E0 / SYN_0 has no CAR
    ax = plot_car_heatmap(
        SimpleNamespace(car=car), event_labels={"SYN-E1": "2025-04-04 short title"},
        ticker_labels={"SYN_1": "Synthetic Co (SYN_1)"},
    )  # fmt: skip
    cells = ax.images[0].get_array()
    rows = [t.get_text() for t in ax.get_yticklabels()]
    cols = [t.get_text() for t in ax.get_xticklabels()]
    assert cells.mask.sum() == 1 and cells.mask[rows.index("SYN_0"), cols.index("SYN-E0")]
    assert not any(line.get_visible() for line in ax.get_xgridlines() + ax.get_ygridlines())
    assert "2025-04-04 short title" in [t.get_text() for t in ax.get_xticklabels()]
    assert "Synthetic Co (SYN_1)" in [t.get_text() for t in ax.get_yticklabels()]
    width, height = ax.figure.get_size_inches()
    assert width * 100 <= 1600 and height * 100 <= 1000


def test_plot_rolling_correlation_with_events() -> None:
    frame = rolling.rolling_correlation(_synthetic_returns(), window=40)
    ax = plot_rolling_correlation(frame, events=EVENTS)
    _labelled(ax)
    assert len(ax.get_legend().get_texts()) == 3
    assert {t.get_text().strip() for t in ax.texts} == {"SYN-E1", "SYN-E2"}


def test_plot_correlation_heatmaps() -> None:
    res = conditional.event_correlation(_synthetic_returns(), EVENTS, pre=(-60, -1), post=(0, 59))
    before, after = plot_correlation_heatmaps(res, event_id="SYN-E1")
    for ax in (before, after):
        _labelled(ax)
    assert "before SYN-E1" in before.get_title() and "after SYN-E1" in after.get_title()
    _, adjusted = plot_correlation_heatmaps(res, event_id="SYN-E2", adjusted=True)
    assert "FR-adjusted" in adjusted.get_title()
    assert "not estimated" not in before.get_title()  # every pair estimated: no hatching


def test_plot_correlation_heatmaps_marks_unestimated_pairs() -> None:
    frame = _synthetic_returns()
    pairs = [(frame.columns[0], frame.columns[1]), (frame.columns[0], frame.columns[2])]
    res = conditional.event_correlation(frame, EVENTS, pre=(-60, -1), post=(0, 59), pairs=pairs)
    before, _ = plot_correlation_heatmaps(res, event_id="SYN-E1")
    assert "hatched: pair not estimated" in before.get_title()
    assert before.patch.get_hatch() == "///"
    # the annotations hold the 3 diagonal and 4 estimated cells, never a 0.00 for the rest
    texts = [t.get_text() for t in before.texts]
    assert len(texts) == 7 and "0.00" not in texts


def test_plot_lead_lag() -> None:
    res = lead_lag.lead_lag(_synthetic_returns(), a="SYN_A", b="SYN_B", max_lag=3)
    ax = plot_lead_lag(res)
    _labelled(ax)
    assert len(ax.patches) == 7
    assert "SYN_A leads SYN_B" in ax.get_xlabel()
    _labelled(res.plot())


def test_draws_on_a_given_axes(study_results: SimpleNamespace) -> None:
    import matplotlib.pyplot as plt

    _, given = plt.subplots()
    assert plot_caar(study_results, ax=given) is given


def test_many_events_are_marked_without_labels() -> None:
    frame = rolling.rolling_correlation(_synthetic_returns(), window=40)
    dates = pd.bdate_range("2025-04-01", periods=13, freq="5B")
    many = pd.DataFrame({"event_id": [f"SYN-{i}" for i in range(13)], "date": dates})
    ax = plot_rolling_correlation(frame, events=many)
    assert not ax.texts and len(ax.lines) >= 13 + 3


def test_rolling_correlation_is_faceted_with_numbered_events() -> None:
    from reequity.correlation import rolling
    from reequity.plots import plot_rolling_correlation_facets

    frame = _synthetic_returns()
    roll = rolling.rolling_correlation(frame, window=20)
    events = pd.DataFrame({"event_id": ["SYN-E1_2024_01_02"], "date": [frame.index[150]]})
    fig = plot_rolling_correlation_facets(roll, events=events)
    pairs = roll[["ticker_a", "ticker_b"]].drop_duplicates()
    shown = [ax for ax in fig.axes if ax.get_visible() and ax.get_title(loc="left")]
    assert len(shown) == len(pairs)  # one panel per pair, nothing overplotted
    assert all(len(ax.lines) == 2 for ax in shown)  # the pair's line and the zero line
    key = [t.get_text() for t in fig.legends[0].get_texts()]
    assert key == [f" 1 {frame.index[150]:%Y-%m-%d} SYN-E1"]


@pytest.mark.parametrize("kind", ["heatmaps", "facets", "lead_lag_grid"])
def test_save_figure_draws_once_and_writes_the_same_pixels(tmp_path, kind: str) -> None:
    """save_figure lays a constrained figure out itself (skipping savefig's dry-run
    draw); the PNG must be the one plain savefig writes, pixel for pixel."""
    from PIL import Image

    from reequity.plots import plot_lead_lag_grid, plot_rolling_correlation_facets
    from reequity.plots._base import DPI, save_figure

    frame = _synthetic_returns()

    def figure():
        if kind == "heatmaps":
            res = conditional.event_correlation(frame, EVENTS, pre=(-60, -1), post=(0, 59))
            return plot_correlation_heatmaps(res, event_id="SYN-E1")[0].figure
        if kind == "facets":
            return plot_rolling_correlation_facets(
                rolling.rolling_correlation(frame, window=20), events=EVENTS
            )
        pairs = [("SYN_A", "SYN_B"), ("SYN_A", "SYN_C"), ("SYN_B", "SYN_C")]
        return plot_lead_lag_grid({p: lead_lag.lead_lag(frame, a=p[0], b=p[1]) for p in pairs})

    plain = figure()
    assert plain.get_layout_engine() is not None  # the case the shortcut is for
    plain.savefig(tmp_path / "plain.png", dpi=DPI, format="png")
    fast = figure()
    draws: list[object] = []
    fast.canvas.mpl_connect("draw_event", draws.append)
    save_figure(fast, tmp_path / "fast.png")
    assert len(draws) == 1  # savefig's dry run skipped
    a = np.asarray(Image.open(tmp_path / "plain.png"))
    b = np.asarray(Image.open(tmp_path / "fast.png"))
    assert a.shape == b.shape and (a == b).all()
