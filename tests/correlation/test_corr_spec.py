"""CorrelationSpec -> CorrelationResults, and the workflow the CLI and notebooks share
(synthetic frames; the shipped-data case runs the catalogue)."""

from __future__ import annotations

import dataclasses

import matplotlib
import numpy as np
import pandas as pd
import pytest

from reequity.correlation.conditional import event_correlation
from reequity.correlation.lead_lag import lead_lag
from reequity.correlation.pipeline import correlation_study
from reequity.correlation.rolling import rolling_correlation
from reequity.correlation.spec import CorrelationSpec
from reequity.correlation.study_results import CorrelationResults
from reequity.errors import ConfigurationError

matplotlib.use("Agg")

EVENTS = pd.DataFrame(
    {"event_id": ["SYN-E1", "SYN-OLD"], "date": ["2024-08-01", "2019-01-01"]}
)  # fmt: skip
COUNTRIES = {"SYN_A": "CN", "SYN_B": "AU", "SYN_C": "US"}


def test_spec_is_frozen_normalised_and_validated() -> None:
    spec = CorrelationSpec(pairs=[["SYN_A", "SYN_B"]], pre=[-60, -1])  # type: ignore[arg-type]
    assert spec.pairs == (("SYN_A", "SYN_B"),) and spec.pre == (-60, -1)
    hash(spec)  # frozen and hashable: usable as a key of a comparison
    with pytest.raises(dataclasses.FrozenInstanceError):
        spec.window = 10  # type: ignore[misc]
    assert dataclasses.replace(spec, window=30).window == 30
    for bad, match in [
        ({"pairs": "some"}, "pairs"),
        ({"window": 1}, "window"),
        ({"pre": (-1, -10)}, "swap"),
        ({"pre": (-10, 5), "post": (0, 9)}, "must end before"),
        ({"max_lag": -1}, "max_lag"),
        ({"level": 1.5}, "level"),
    ]:
        with pytest.raises(ConfigurationError, match=match):
            CorrelationSpec(**bad)


def test_fit_equals_the_single_functions_and_holds_its_spec(returns: pd.DataFrame) -> None:
    spec = CorrelationSpec(window=40, pre=(-60, -1), post=(0, 29), max_lag=3)
    res = spec.fit(returns, EVENTS, countries=COUNTRIES)
    assert isinstance(res, CorrelationResults) and res.spec is spec
    # cross pairs: the Chinese ticker with each foreign one, then AU x US
    assert res.pairs == [("SYN_A", "SYN_B"), ("SYN_A", "SYN_C"), ("SYN_B", "SYN_C")]
    pd.testing.assert_frame_equal(
        res.rolling, rolling_correlation(returns, pairs=res.pairs, window=40)
    )
    inside = EVENTS.iloc[:1].reset_index(drop=True)
    direct = event_correlation(returns, inside, pairs=res.pairs, pre=(-60, -1), post=(0, 29))
    pd.testing.assert_frame_equal(res.events.table, direct.table)
    pd.testing.assert_frame_equal(
        res.lead_lag[("SYN_B", "SYN_C")].table,
        lead_lag(returns, a="SYN_B", b="SYN_C", max_lag=3).table,
    )
    assert res.skipped["event_id"].tolist() == ["SYN-OLD"] and res.reaction is None
    pd.testing.assert_frame_equal(res.to_frame(), direct.table)
    assert res.to_frame() is not res.events.table  # a copy


def test_pairs_modes_and_the_old_entry_point(returns: pd.DataFrame) -> None:
    every = CorrelationSpec(pairs="all").fit(returns)
    assert every.pairs == [("SYN_A", "SYN_B"), ("SYN_A", "SYN_C"), ("SYN_B", "SYN_C")]
    assert every.events is None and every.to_frame().columns[0] == "ticker_a"  # peaks
    with pytest.raises(ConfigurationError, match="needs countries"):
        CorrelationSpec().fit(returns)
    old = correlation_study(returns, EVENTS, pairs=[("SYN_A", "SYN_C")], window=40)
    new = CorrelationSpec(pairs=(("SYN_A", "SYN_C"),), window=40).fit(returns, EVENTS)
    pd.testing.assert_frame_equal(old.events.table, new.events.table)
    assert old.spec == new.spec


def test_correlation_study_name_is_a_deprecated_alias() -> None:
    import reequity.correlation.pipeline as pipeline

    with pytest.warns(DeprecationWarning, match="CorrelationResults"):
        assert pipeline.CorrelationStudy is CorrelationResults


def test_summary_repr_and_plots(returns: pd.DataFrame) -> None:
    res = CorrelationSpec(window=40, pre=(-60, -1), post=(0, 29)).fit(
        returns, EVENTS, countries=COUNTRIES
    )
    text = res.summary()
    assert text == res.summary()  # deterministic
    assert text.startswith("Correlation study: 3 pair(s) (cross), rolling 40 days")
    assert "SYN-E1" in text and "Lead-lag peaks" in text and "SYN-OLD" in text
    html = res._repr_html_()
    assert html.startswith("<h4>Correlation study") and "<table" in html
    import matplotlib.pyplot as plt

    figure = res.plot()
    assert len(figure.axes) >= len(res.pairs)
    before, after = res.plot("heatmap", event_id="SYN-E1")
    assert before.figure is after.figure
    assert len(res.plot("lead_lag").axes) >= len(res.pairs)
    with pytest.raises(ConfigurationError, match="event_id"):
        res.plot("heatmap")
    with pytest.raises(ConfigurationError, match="kind"):
        res.plot("pie")  # type: ignore[arg-type]
    plt.close("all")


def test_day0_of_the_spec_is_the_studys_for_a_friday_evening() -> None:
    # Friday 2025-04-04 18:00 Beijing, a Shanghai holiday: day 0 is Monday 04-07 in
    # Shanghai and Sydney (after their closes), Friday 04-04 in New York
    idx = pd.bdate_range("2024-06-03", "2025-06-30", name="date")
    rng = np.random.default_rng(3)
    returns = pd.DataFrame(rng.normal(0, 0.01, (len(idx), 3)), index=idx,
                           columns=["CN", "AU", "US"])  # fmt: skip
    returns.loc["2025-04-04", "CN"] = np.nan
    event = pd.DataFrame({"event_id": ["SYN-EVENING"], "date": ["2025-04-04"],
                          "time": ["18:00"], "timezone": ["Asia/Shanghai"]})  # fmt: skip
    exchanges = {"CN": "XSHG", "AU": "XASX", "US": "XNYS"}
    res = CorrelationSpec(pairs="all", pre=(-60, -1), post=(0, 9)).fit(
        returns, event, exchanges=exchanges
    )
    day0 = res.reaction.set_index("ticker")["day0"].dt.strftime("%Y-%m-%d").to_dict()
    assert day0 == {"CN": "2025-04-07", "AU": "2025-04-07", "US": "2025-04-04"}
    assert set(res.events.table["day0"].dt.strftime("%Y-%m-%d")) == {"2025-04-07"}


def test_the_workflow_on_the_shipped_data_is_what_the_cli_fits() -> None:
    from reequity.workflows import catalogue_correlation

    spec = CorrelationSpec(window=40, pre=(-60, -1), post=(0, 29))
    run = catalogue_correlation(
        ["600111", "LYC.AX", "MP"], spec, event_ids=["cn_export_controls_2025_10_09"]
    )
    assert run.results.spec is spec and run.loaded[:3] == ["600111", "LYC.AX", "MP"]
    assert run.results.pairs == [("600111", "LYC.AX"), ("600111", "MP"), ("LYC.AX", "MP")]
    assert run.results.events.event_ids == ["cn_export_controls_2025_10_09"]
    assert run.data_as_of.startswith("data as of")
    # first reactions are market-adjusted against each ticker's universe benchmark
    assert set(run.results.reaction["ticker"]) == {"600111", "LYC.AX", "MP"}
    with pytest.raises(ConfigurationError, match="unknown event id"):
        catalogue_correlation(["600111", "MP"], event_ids=["nope"])
    with pytest.raises(ConfigurationError, match="between start"):
        catalogue_correlation(["600111", "MP"], end="2001-01-01")
