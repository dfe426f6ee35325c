"""Universe loader and ticker validation."""

from __future__ import annotations

import pandas as pd
import pytest

from reequity.data.universe import (
    BASKET_CONSTITUENTS,
    get_ticker_info,
    load_universe,
    validate_tickers,
)
from reequity.errors import UnknownTickerError

REQUIRED = [
    "600111", "600392", "000831", "300748", "600366", "000970", "600259", "600010", "600549",
    "LYC.AX", "ILU.AX", "ARU.AX", "MP", "REMX", "UUUU", "516780", "516150", "159713",
    "CNRE_EW", "CSI300", "SSE", "ASX200", "SPX",
]  # fmt: skip


def test_required_tickers_and_columns() -> None:
    u = load_universe()
    assert set(REQUIRED) <= set(u.index)
    for col in ["name", "name_zh", "kind", "exchange", "currency", "country", "benchmark",
                "akshare_symbol", "yahoo_symbol", "rare_earth_from", "price_limit", "is_benchmark"]:  # fmt: skip
        assert col in u.columns
    assert u.index.name == "ticker"
    assert pd.api.types.is_datetime64_any_dtype(u["rare_earth_from"])


def test_benchmarks_follow_the_market() -> None:
    u = load_universe()
    assert u.loc["600111", "benchmark"] == "CSI300"
    assert u.loc["516780", "benchmark"] == "CSI300"
    assert u.loc["CNRE_EW", "benchmark"] == "CSI300"
    assert u.loc["ILU.AX", "benchmark"] == "ASX200"
    assert u.loc["MP", "benchmark"] == "SPX"
    assert u.loc[["CSI300", "SSE", "ASX200", "SPX"], "is_benchmark"].all()
    assert not u.loc["600111", "is_benchmark"]
    # every benchmark named is itself a benchmark row
    named = set(u["benchmark"]) - {""}
    assert named <= set(u.index[u["is_benchmark"]])


def test_rare_earth_dates_and_price_limits() -> None:
    u = load_universe()
    assert u.loc["600392", "rare_earth_from"].year == 2012
    assert u.loc["000831", "rare_earth_from"] >= pd.Timestamp("2013-04-01")
    assert u.loc["300748", "price_limit"] == pytest.approx(0.20)
    assert u.loc["600111", "price_limit"] == pytest.approx(0.10)
    assert pd.isna(u.loc["LYC.AX", "price_limit"])


def test_basket_constituents_are_chinese_stocks() -> None:
    u = load_universe()
    members = BASKET_CONSTITUENTS["CNRE_EW"]
    assert set(u.loc[list(members), "country"]) == {"CN"}
    assert "600010" not in members


def test_validate_dedups_and_keeps_order() -> None:
    assert validate_tickers(["MP", "600111", "MP"]) == ["MP", "600111"]
    assert validate_tickers("600111,LYC.AX") == ["600111", "LYC.AX"]


def test_validate_is_case_insensitive_and_returns_universe_ids() -> None:
    assert validate_tickers("lyc.ax, mp ,Lyc.Ax") == ["LYC.AX", "MP"]


def test_unknown_ticker_suggests_close_matches() -> None:
    with pytest.raises(UnknownTickerError, match=r"'LYC'.*LYC\.AX"):
        validate_tickers(["LYC"])
    with pytest.raises(KeyError):  # also a KeyError for callers who do not know us
        get_ticker_info("NOPE")


@pytest.mark.parametrize("bad", ["../../etc/passwd", "/etc/passwd", "..", "a/b", "", "C:\\x"])
def test_path_like_tickers_are_rejected(bad: str) -> None:
    with pytest.raises(UnknownTickerError, match="valid ticker"):
        validate_tickers([bad])


def test_get_ticker_info_returns_row() -> None:
    row = get_ticker_info("LYC.AX")
    assert row.name == "LYC.AX"
    assert row["exchange"] == "XASX"


def test_mask_before_rare_earth_blanks_only_the_early_rows() -> None:
    import numpy as np

    from reequity.data.universe import mask_before_rare_earth

    dates = pd.to_datetime(["2011-06-01", "2012-07-31", "2012-08-01", "2013-05-02"])
    frame = pd.DataFrame(
        {"600392": [0.01, 0.02, 0.03, 0.04], "000831": [0.1, 0.2, 0.3, 0.4], "X": 1.0},
        index=dates,
    )
    masked = mask_before_rare_earth(frame)
    assert masked["600392"].isna().tolist() == [True, True, False, False]
    assert masked["000831"].isna().tolist() == [True, True, True, False]
    assert (masked["X"] == 1.0).all()  # not a universe ticker: untouched
    assert not np.isnan(frame.to_numpy()).any()  # the input is not modified


def test_price_limit_schedule_knows_the_chinext_reform() -> None:
    from reequity.data.universe import price_limit_schedule

    assert price_limit_schedule("600111") == pytest.approx(0.10)
    assert price_limit_schedule("LYC.AX") is None
    steps = price_limit_schedule("300748")
    assert steps.asof(pd.Timestamp("2020-08-21")) == pytest.approx(0.10)
    assert steps.asof(pd.Timestamp("2020-08-24")) == pytest.approx(0.20)


def test_every_security_has_a_kind_and_a_group(tmp_path) -> None:
    from reequity.data.universe import GROUP_LABELS, UNIVERSE_CSV, load_universe
    from reequity.errors import ConfigurationError

    u = load_universe()
    assert set(u["group"]) == set(GROUP_LABELS)
    assert (u["group"] == u["country"].map(lambda c: "CN" if c == "CN" else "ex-CN")).all()
    assert u.loc[["516150", "516780", "159713", "REMX"], "kind"].eq("etf").all()
    assert u.at["CNRE_EW", "kind"] == "basket" and u.at["REMX", "group"] == "ex-CN"
    bad = tmp_path / "universe.csv"
    raw = pd.read_csv(UNIVERSE_CSV, dtype=str, keep_default_na=False)
    raw.loc[0, "group"] = "Mars"
    raw.to_csv(bad, index=False)
    with pytest.raises(ConfigurationError, match="Mars"):
        load_universe(bad)
