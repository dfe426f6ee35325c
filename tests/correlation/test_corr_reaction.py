"""first_reaction: the first significant move, ordered by the UTC close of its session."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from reequity.correlation.reaction import first_reaction
from reequity.errors import ConfigurationError

EXCHANGES = {"SYN_SH": "XSHG", "SYN_SYD": "XASX", "SYN_NY": "XNYS"}


def _synthetic() -> pd.DataFrame:
    """Weekday rows; Shanghai closed 2025-04-04 (Qingming), a synthetic shock after the event."""
    rng = np.random.default_rng(2)
    idx = pd.bdate_range("2024-10-01", "2025-06-30", name="date")
    frame = pd.DataFrame(
        rng.normal(scale=0.005, size=(len(idx), 3)), index=idx, columns=list(EXCHANGES)
    )
    frame.loc["2025-04-04", "SYN_SH"] = np.nan
    frame.loc["2025-03-31":"2025-04-30"] = frame.loc["2025-03-31":"2025-04-30"].clip(-0.009, 0.009)
    frame.loc["2025-04-04", ["SYN_SYD", "SYN_NY"]] = [0.08, -0.07]
    frame.loc["2025-04-07", "SYN_SH"] = 0.09
    return frame


def test_order_follows_close_times() -> None:
    events = pd.DataFrame({"event_id": ["SYN-0404"], "date": ["2025-04-04"]})
    out = first_reaction(_synthetic(), events, exchanges=EXCHANGES).set_index("ticker")
    # Sydney 16:00 AEDT = 05:00 UTC, New York 16:00 EDT = 20:00 UTC on 04-04;
    # Shanghai was closed, so its first session is 04-07 15:00 CST = 07:00 UTC.
    assert out.loc["SYN_SYD", "close_utc"] == pd.Timestamp("2025-04-04 05:00", tz="UTC")
    assert out.loc["SYN_NY", "close_utc"] == pd.Timestamp("2025-04-04 20:00", tz="UTC")
    assert out.loc["SYN_SH", "close_utc"] == pd.Timestamp("2025-04-07 07:00", tz="UTC")
    assert out["rank"].to_dict() == {"SYN_SH": 3.0, "SYN_SYD": 1.0, "SYN_NY": 2.0}
    assert out.loc["SYN_SH", "tau"] == 0 and out.loc["SYN_SH", "day0"] == pd.Timestamp("2025-04-07")
    assert out.loc["SYN_NY", "z"] < -3


def test_no_move_and_market_adjustment() -> None:
    frame = _synthetic()
    events = pd.DataFrame({"event_id": ["SYN-0404"], "date": ["2025-04-04"]})
    # the NY shock is also in its "market": market-adjusted, it disappears
    frame["SYN_MKT"] = frame["SYN_NY"].where(frame.index == "2025-04-04", 0.0)
    out = first_reaction(frame, events, exchanges=EXCHANGES, benchmark={"SYN_NY": "SYN_MKT"})
    ny = out.set_index("ticker").loc["SYN_NY"]
    assert pd.isna(ny["first_date"]) and "no |z|" in ny["note"] and pd.isna(ny["rank"])


def test_bad_windows() -> None:
    events = pd.DataFrame({"event_id": ["SYN"], "date": ["2025-04-04"]})
    with pytest.raises(ConfigurationError, match="must end before"):
        first_reaction(_synthetic(), events, exchanges=EXCHANGES, estimation=(-20, 0))


def test_exchange_mapping_may_cover_more_tickers_than_returns() -> None:
    # a universe-wide mapping (extra tickers, benchmarks) studies only the loaded columns
    import reequity as rq

    returns = rq.load_returns(["LYC.AX", "MP", "ASX200", "SPX"], start="2024-06-01")
    exchanges = rq.load_universe()["exchange"].to_dict()
    events = pd.DataFrame({"event_id": ["e"], "date": [pd.Timestamp("2025-04-04")]})
    out = rq.first_reaction(
        returns, events, exchanges=exchanges, benchmark={"LYC.AX": "ASX200", "MP": "SPX"}
    )
    assert set(out["ticker"]) == {"LYC.AX", "MP"}
