"""One day 0 per event and exchange across the study and the correlation code (synthetic)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from reequity.correlation.conditional import event_correlation
from reequity.correlation.reaction import first_reaction
from reequity.study.engine import event_study

# Friday 2025-04-04 18:00 Beijing: after the Sydney close (20:00 AEDT), before the New York
# open (06:00 EDT), and a Shanghai holiday (Qingming). Day 0: XSHG and XASX 04-07, XNYS 04-04.
EVENT = pd.DataFrame(
    {"event_id": ["SYN-EVENING"], "date": ["2025-04-04"], "time": ["18:00"],
     "timezone": ["Asia/Shanghai"]}
)  # fmt: skip
EXCHANGES = {"CN": "XSHG", "AU": "XASX", "US": "XNYS", "MKT": "XNYS"}


def _returns() -> pd.DataFrame:
    """Synthetic weekday returns 2024-2025 for three markets and a market index."""
    idx = pd.bdate_range("2024-01-01", "2025-06-30", name="date")
    rng = np.random.default_rng(5)
    mkt = rng.normal(0, 0.01, len(idx))
    frame = pd.DataFrame(
        {t: 0.8 * mkt + rng.normal(0, 0.01, len(idx)) for t in ("CN", "AU", "US")} | {"MKT": mkt},
        index=idx,
    )
    frame.loc[pd.Timestamp("2025-04-04"), "CN"] = np.nan  # Shanghai is closed
    return frame


def test_study_and_correlation_share_day0_for_an_evening_announcement() -> None:
    returns = _returns()
    study = event_study(
        returns, EVENT, benchmark="MKT", calendars=EXCHANGES, estimation=(-200, -11),
        windows=[(0, 0)], tests=["t_cs"],
    )  # fmt: skip
    study_day0 = study.ar[study.ar["tau"] == 0].set_index("ticker")["date"]
    expect = {"CN": "2025-04-07", "AU": "2025-04-07", "US": "2025-04-04"}
    assert {t: f"{d:%Y-%m-%d}" for t, d in study_day0.items()} == expect

    reaction = first_reaction(returns, EVENT, exchanges=EXCHANGES, estimation=(-120, -11))
    reaction_day0 = reaction.set_index("ticker")["day0"]
    for ticker, day in expect.items():
        assert f"{reaction_day0[ticker]:%Y-%m-%d}" == day

    pairs = [("CN", "US"), ("AU", "US"), ("CN", "AU")]
    corr = event_correlation(returns, EVENT, pairs=pairs, exchanges=EXCHANGES, market="MKT")
    # a pair starts on the first common day both closes can reflect: the later day 0
    got = {(r.ticker_a, r.ticker_b): f"{r.day0:%Y-%m-%d}" for r in corr.table.itertuples()}
    assert got == {p: "2025-04-07" for p in pairs}


def test_without_exchanges_the_calendar_date_is_used() -> None:
    returns = _returns()
    corr = event_correlation(returns, EVENT, pairs=[("AU", "US")])
    assert f"{corr.table['day0'].iloc[0]:%Y-%m-%d}" == "2025-04-04"


def test_an_offset_in_the_date_is_the_event_time() -> None:
    # 18:00 Beijing given as the same instant with an offset: same day 0s, not the date
    returns = _returns()
    instant = EVENT.drop(columns=["time", "timezone"]).assign(date=["2025-04-04T10:00:00+00:00"])
    pairs = [("AU", "US"), ("CN", "US")]
    a = event_correlation(returns, EVENT, pairs=pairs, exchanges=EXCHANGES)
    b = event_correlation(returns, instant, pairs=pairs, exchanges=EXCHANGES)
    assert list(b.table["day0"]) == list(a.table["day0"])


def test_first_reaction_abnormal_return_is_the_studys_market_adjusted_ar() -> None:
    returns = _returns()
    study = event_study(
        returns, EVENT, benchmark="MKT", calendars=EXCHANGES, estimation=(-200, -11),
        windows=[(0, 5)], tests=["t_cs"], model="market_adjusted",
    )  # fmt: skip
    ar = study.ar.set_index(["ticker", "date"])["ar"]
    firms = {t: x for t, x in EXCHANGES.items() if t != "MKT"}
    # a low level so every ticker has a "first move" whose AR can be compared
    reaction = first_reaction(
        returns, EVENT, exchanges=firms, benchmark=dict.fromkeys(firms, "MKT"), level=0.2
    )
    assert reaction["first_date"].notna().all()
    for row in reaction.itertuples(index=False):
        assert row.ret == ar[(row.ticker, row.first_date)]  # bit for bit: one definition
