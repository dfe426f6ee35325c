"""Issue 2/13 acceptance: shipped returns equal the source CSVs to 1e-6 on every shared date.

Each expected series is computed here from the raw files, independently of the build
script: the older source up to its last date, then the newer source (issue 13).

Needs the verbatim source copies in ``../shared/data_candidates`` (or
``$REEQUITY_SOURCES_DIR``); skips cleanly when they are absent (e.g. on CI).
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from reequity.data.prices import load_returns

ROOT = Path(__file__).resolve().parents[2]
_GUESSES = [p / "shared" / "data_candidates" for p in (ROOT.parent, ROOT.parent.parent)]
SOURCES = Path(
    os.environ.get("REEQUITY_SOURCES_DIR") or next((p for p in _GUESSES if p.is_dir()), _GUESSES[0])
)
NEWER = SOURCES / "newer_2026-12"
TICKERS = ["600111", "600392", "LYC.AX", "CSI300", "SSE", "ASX200", "SPX", "MP", "SPY", "516780"]

pytestmark = pytest.mark.skipif(
    not (SOURCES / "SOURCES.md").is_file(),
    reason=f"source copies not found at {SOURCES} (set REEQUITY_SOURCES_DIR)",
)


def _close_ret(file: str | Path, date_col: str = "date", close_col: str = "close") -> pd.Series:
    raw = pd.read_csv(SOURCES / file)
    s = raw.set_index(pd.to_datetime(raw[date_col]))[close_col].sort_index()
    return s.pct_change()


def _a_share(code: str) -> pd.Series:
    xbx = pd.read_csv(SOURCES / f"cn_{code}_daily_raw_xbx_to2022-01.csv", skiprows=1)
    xbx = xbx.set_index(pd.to_datetime(xbx["交易日期"]))
    early = (xbx["收盘价"] / xbx["前收盘价"] - 1).loc[:"2015-12-29"]
    bao = pd.read_csv(SOURCES / f"cn_{code}_daily_qfq_baostock_2015-2026.csv")
    bao = bao.set_index(pd.to_datetime(bao["date"]))
    late = (bao["pctChg"] / 100).where(bao["tradestatus"] == 1).loc["2015-12-30":]
    joined = pd.concat([early, late])
    joined = _then(joined, _close_ret(f"cn_{code}_daily_wenxuanwu_2021-2026.csv"))
    if code == "600111":
        joined = _then(joined, _close_ret(NEWER / "cn_600111_daily_2dp_hawchou_2022-2026.csv"))
    return joined


def _then(old: pd.Series, new: pd.Series) -> pd.Series:
    """``old``, then the returns of ``new`` after old's last date."""
    return pd.concat([old, new.loc[new.index > old.index.max()]])


def _us(ticker: str, newer: str, date_col: str, close_col: str) -> pd.Series:
    old = _close_ret(f"us_{ticker}_daily_adjclose_yahoo_to2026-07.csv", "Date", "Close")
    old = old.loc[: pd.Timestamp("2026-07-13")]  # the 2026-07-14 row is intraday
    return _then(old, _close_ret(NEWER / newer, date_col, close_col))


def _expected() -> dict[str, pd.Series]:
    return {
        "600111": _a_share("600111"),
        "600392": _a_share("600392"),
        "LYC.AX": _close_ret("au_LYC_daily_asxgym_1990-2026.csv"),
        "CSI300": _then(
            _close_ret("cn_idx_000300_csi300_daily_2005-2026.csv"),
            _close_ret(NEWER / "cn_idx_000300_csi300_daily_2015-2026_csindex_cateatcatx.csv"),
        ),
        "SSE": _then(
            _close_ret("cn_idx_000001_sse_composite_daily_1990-2026.csv"),
            _close_ret(NEWER / "cn_idx_000001_sse_composite_daily_2021-2026_willinxusheng.csv"),
        ),
        "ASX200": _close_ret("au_idx_XJO_asx200_daily_2000-2026.csv"),
        "SPX": _close_ret("us_idx_GSPC_sp500_daily_close_1927-2026.csv", "Date", "Close"),
        "MP": _us("MP", "us_MP_daily_ohlcv_yfinance_financealerts_2024-2026.csv", "Date", "Close"),
        "SPY": _us("SPY", "us_SPY_daily_adjclose_zoomies_2024-2026.csv", "date", "adj_close"),
        "516780": _then(
            _close_ret("cn_etf_516780_rare_earth_daily_2021-2025.csv", "datetime"),
            _close_ret(NEWER / "cn_etf_516780_rare_earth_daily_3dp_fishetf_2024-2025.csv",
                       "日期", "收盘"),
        ),
    }  # fmt: skip


def test_mp_2026_07_14_is_the_final_close_not_the_intraday_row() -> None:
    mp = load_returns(["MP"], start="2026-07-14", end="2026-07-14")["MP"].iloc[0]
    assert mp == pytest.approx(50.79 / 49.5 - 1, abs=2e-6)  # final close 50.79, not 51.19


def test_returns_match_source_files_on_every_shared_date() -> None:
    got = load_returns(TICKERS)
    for ticker, want in _expected().items():
        mine = got[ticker].dropna()
        shared = mine.index.intersection(want.dropna().index)
        # every return we report exists in the source, and they agree to 1e-6
        assert len(shared) == len(mine), (ticker, mine.index.difference(shared)[:5])
        diff = np.abs(mine.loc[shared].to_numpy() - want.loc[shared].to_numpy())
        assert diff.max() < 1e-6, (ticker, shared[diff.argmax()], diff.max())
        # and we drop a source return only for a listed reason (gap, suspension, listing)
        assert len(shared) >= 0.97 * len(want.dropna().loc["2009-01-01":]), ticker


def test_build_script_reproduces_the_committed_cache(tmp_path: Path) -> None:
    """Rebuilding from the sources gives byte-identical series (same sha256 per file)."""
    import importlib.util
    import json

    spec = importlib.util.spec_from_file_location(
        "build_cache", ROOT / "scripts" / "build_default_cache.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    committed = json.loads((ROOT / "data_cache" / "manifest.json").read_text())["series"]
    built_at = next(iter(committed.values()))["fetched_at"]
    module.build(SOURCES, tmp_path, built_at=built_at)
    rebuilt = json.loads((tmp_path / "manifest.json").read_text())["series"]
    assert rebuilt.keys() == committed.keys()
    for key, entry in committed.items():
        assert rebuilt[key]["sha256"] == entry["sha256"], key
