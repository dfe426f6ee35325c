"""Return computation across gaps and the canonical-schema validator."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reequity.data.normalize import align_to_calendar, finish_canonical, validate_canonical
from reequity.errors import ProviderError

DATES = pd.to_datetime(["2025-09-26", "2025-09-29", "2025-10-09", "2025-10-13"])


def test_closes_only_never_span_a_missing_session() -> None:
    frame = pd.DataFrame({"date": DATES, "adj_close": [10.0, 11.0, 12.0, 13.0]})
    out = align_to_calendar(frame, exchange="XSHG")
    assert np.isnan(out["ret"].iloc[0])
    assert out["ret"].iloc[1] == pytest.approx(0.1)
    assert np.isnan(out["ret"].iloc[2])  # 09-30 missing
    assert np.isnan(out["ret"].iloc[3])  # 10-10 missing
    assert list(out["flag"]) == ["", "", "gap_before", "gap_before"]


def test_suspensions_are_inserted_and_never_zero_filled() -> None:
    frame = pd.DataFrame({"date": DATES, "adj_close": [10.0, 11.0, 12.0, 13.0]})
    out = align_to_calendar(frame, exchange="XSHG", fill_suspensions=True)
    assert out["date"].dt.strftime("%m-%d").tolist() == ["09-26", "09-29", "09-30", "10-09", "10-10", "10-13"]  # fmt: skip
    assert out["suspended"].tolist() == [False, False, True, False, True, False]
    assert out.loc[out["suspended"], "ret"].isna().all()
    assert (out["ret"].fillna(1.0) != 0.0).all()


def test_exchange_prev_close_is_kept_after_a_gap_and_flagged() -> None:
    frame = pd.DataFrame(
        {"date": DATES, "close": [10.0, 11.0, 12.0, 13.0], "prev_close": [9.0, 10.0, 11.0, 12.5]}
    )
    out = align_to_calendar(frame, exchange="XSHG", price="close", fill_suspensions=True)
    kept = out.set_index("date")
    assert kept.loc["2025-10-09", "ret"] == pytest.approx(12 / 11 - 1)
    assert kept.loc["2025-10-13", "ret"] == pytest.approx(13 / 12.5 - 1)
    assert kept.loc["2025-10-13", "flag"] == "prev_close_after_gap"


def test_validator_rejects_defects() -> None:
    good = finish_canonical(
        align_to_calendar(
            pd.DataFrame({"date": DATES, "adj_close": [1.0, 2, 3, 4]}), exchange="XSHG"
        ),
        ticker="X",
        source="t",
    )
    validate_canonical(good, ticker="X", source="t")
    with pytest.raises(ProviderError, match="columns"):
        validate_canonical(good.drop(columns="ret"), ticker="X", source="t")
    with pytest.raises(ProviderError, match="duplicate"):
        validate_canonical(pd.concat([good, good]), ticker="X", source="t")
    weekend = good.copy()
    weekend.loc[3, "date"] = pd.Timestamp("2025-10-18")
    with pytest.raises(ProviderError, match="weekend"):
        validate_canonical(weekend, ticker="X", source="t")
    bad = good.copy()
    bad.loc[1, "suspended"] = True
    with pytest.raises(ProviderError, match="suspended"):
        validate_canonical(bad, ticker="X", source="t")


@settings(max_examples=60, deadline=None)
@given(
    keep=st.lists(st.booleans(), min_size=20, max_size=20),
    prices=st.lists(st.floats(0.5, 500.0), min_size=20, max_size=20),
    fill=st.booleans(),
)
def test_returns_only_between_adjacent_sessions(
    keep: list[bool], prices: list[float], fill: bool
) -> None:
    """Property: a reported return always links two consecutive sessions; never a zero-fill."""
    from reequity.data.calendars import sessions

    days = sessions("XSHG", "2025-09-01", "2025-11-28")[:20]
    mask = np.array(keep)
    if mask.sum() < 2:
        return
    frame = pd.DataFrame({"date": days[mask], "adj_close": np.array(prices)[mask]})
    out = align_to_calendar(frame, exchange="XSHG", fill_suspensions=fill)
    pos = {d: i for i, d in enumerate(days)}
    price = dict(zip(frame["date"], frame["adj_close"], strict=True))
    for row in out.itertuples():
        if np.isnan(row.ret):
            continue
        i = pos[row.date]
        assert i > 0 and days[i - 1] in price  # the previous session traded
        assert row.ret == pytest.approx(price[row.date] / price[days[i - 1]] - 1)
    assert out.loc[out["suspended"], "ret"].isna().all()
    if fill:
        assert len(out) == pos[frame["date"].iloc[-1]] - pos[frame["date"].iloc[0]] + 1
