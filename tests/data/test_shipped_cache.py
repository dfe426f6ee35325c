"""The committed data_cache/ alone (always runs): coverage, integrity and spot values."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from reequity.data.cache import CacheLayer, snapshot_dir
from reequity.data.calendars import sessions
from reequity.data.prices import load_prices, load_returns
from reequity.data.universe import load_universe

ACCEPT = ["600111", "600392", "LYC.AX", "CSI300", "ASX200", "SPX", "MP"]


def test_snapshot_is_found_and_every_file_verifies() -> None:
    snap = snapshot_dir()
    assert snap is not None
    layer = CacheLayer(snap, writable=False)
    manifest = layer.manifest()
    assert len(manifest) >= 25
    for entry in manifest.values():
        frame = layer.read(entry)  # checksums and parquet integrity
        assert len(frame) == entry["rows"]
        assert entry["origin"], entry["ticker"]
    total = sum(p.stat().st_size for p in snap.iterdir())
    assert total < 5_000_000  # "a few MB at most"


def test_every_universe_row_but_the_online_index_is_shipped() -> None:
    snap = CacheLayer(snapshot_dir(), writable=False)  # type: ignore[arg-type]
    shipped = {e["ticker"] for e in snap.manifest().values()}
    assert set(load_universe().index) - shipped == {"930598"}


def test_coverage_2010_to_2026() -> None:
    r = load_returns(ACCEPT)
    for ticker in ACCEPT:
        first = r[ticker].first_valid_index()
        last = r[ticker].last_valid_index()
        assert last >= pd.Timestamp("2026-01-23"), ticker
        if ticker != "MP":
            assert first <= pd.Timestamp("2010-01-05"), ticker
    assert r["MP"].first_valid_index() <= pd.Timestamp("2020-07-01")
    days = sessions("XSHG", "2012-08-01", "2026-01-23")
    assert r["600392"].reindex(days).notna().mean() > 0.95


#: issue 13: every series reaches the newest date its sources support
LAST_DATES = {
    "600111": "2026-08-10", "600392": "2026-07-27", "300748": "2026-07-27",
    "000831": "2026-07-27", "600010": "2026-07-27", "600549": "2026-07-27",
    "CSI300": "2026-08-21", "SSE": "2026-08-21", "MP": "2026-08-21", "SPY": "2026-08-21",
    "516780": "2025-11-12", "159713": "2025-11-12", "REMX": "2026-07-13", "CSI300TR": "2026-07-31",
}  # fmt: skip


@pytest.mark.parametrize(("ticker", "last"), sorted(LAST_DATES.items()))
def test_shipped_last_dates(ticker: str, last: str) -> None:
    snap = CacheLayer(snapshot_dir(), writable=False)  # type: ignore[arg-type]
    (entry,) = snap.entries(ticker)
    assert entry["last"] == last
    r = load_returns([ticker])[ticker]
    assert r.last_valid_index() == pd.Timestamp(last)
    # provenance: every source file with repo and commit, and the return basis
    assert entry["origin"] and all(len(o["commit"]) == 40 for o in entry["origin"])
    assert entry["return_basis"] in ("total_return", "price_only")
    assert entry["licence_status"] in ("permissive", "non_commercial", "none_stated")


def test_stitched_series_record_their_overlap_checks() -> None:
    snap = CacheLayer(snapshot_dir(), writable=False)  # type: ignore[arg-type]
    (mp,) = snap.entries("MP")
    (check,) = mp["stitches"]
    assert check["join_after"] == "2026-07-13" and check["agrees"]
    assert check["shared_returns"] > 300 and check["max_abs_diff"] < 1e-6
    # the intraday 2026-07-14 dsturdy row was dropped before stitching
    assert "10:09" in mp["origin"][0]["written_at"]


@pytest.mark.parametrize(
    ("ticker", "date", "expected"),
    [
        ("SPX", "2025-10-10", -0.0271),  # SOURCES.md spot check: 6552.51, -2.71%
        ("SPX", "2025-04-04", -0.0597),
        ("CSI300", "2025-04-07", -0.0705),
        ("600392", "2025-04-07", -0.0710),
        ("LYC.AX", "2025-04-04", 0.0339),
    ],
)
def test_spot_values(ticker: str, date: str, expected: float) -> None:
    r = load_returns([ticker], start=date, end=date)
    assert r.iloc[0, 0] == pytest.approx(expected, abs=6e-5)


def test_known_artefacts_are_flagged_and_nan() -> None:
    ilu = load_prices(["ILU.AX"], start="2020-10-23", end="2020-10-23")
    assert np.isnan(ilu["ret"].iloc[0]) and "demerger_artefact" in ilu["flag"].iloc[0]
    usar = load_prices(["USAR"])
    assert usar["date"].min() == pd.Timestamp("2025-03-14")
    early = load_prices(["600392"], start="2011-01-01", end="2011-01-31")
    assert early["flag"].str.contains("before_rare_earth_from").all()


def test_basket_is_labelled_and_counts_only_rare_earth_members() -> None:
    b = load_prices(["CNRE_EW"], start="2010-09-01", end="2010-09-30")
    assert b["source"].eq("derived").all()
    n = b["flag"].str.extract(r"n=(\d+)")[0].astype(int)
    # 600392 (from 2012) and 000831 (from 2013) are not counted in 2010
    assert n.max() <= 9 and n.min() >= 3
    members = load_returns(
        ["600111", "600259", "600366", "000970", "600549"], start="2010-09-01", end="2010-09-30"
    )
    np.testing.assert_allclose(b["ret"].to_numpy()[: len(members)][n.to_numpy()[: len(members)] == 5],
                               members.mean(axis=1).to_numpy()[n.to_numpy()[: len(members)] == 5])  # fmt: skip
