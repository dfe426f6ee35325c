"""Frame helpers of ``build_default_cache.py``: readers of the source files, the
calendar and adjustment helpers, and the build-wide records (provenance, overlap checks).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from cache_sources import drop_intraday_tail

from reequity.data.calendars import sessions
from reequity.data.normalize import add_flag, align_to_calendar
from reequity.data.stitch import OverlapCheck, rounding_tolerance, stitch
from reequity.data.universe import load_universe

CUT = pd.Timestamp("2009-01-01")
KEEP = ["date", "close", "adj_close", "volume", "ret", "suspended", "source", "flag"]


# ------------------------------------------------------------------ readers
def read_xbx(path: Path) -> pd.DataFrame:
    """xbx file (banner line, then Chinese headers): unadjusted close + exchange prev close."""
    raw = pd.read_csv(path, skiprows=1, encoding="utf-8")
    return pd.DataFrame({
        "date": pd.to_datetime(raw["交易日期"]),
        "close": raw["收盘价"].astype(float),
        "prev_close": raw["前收盘价"].astype(float),
        "volume": raw["成交量"].astype(float),
        "name_then": raw["股票名称"],
    })  # fmt: skip


def read_baostock(path: Path) -> pd.DataFrame:
    raw = pd.read_csv(path)
    return pd.DataFrame({
        "date": pd.to_datetime(raw["date"]),
        "qfq_close": raw["close"].astype(float),
        "ret": raw["pctChg"].astype(float) / 100.0,
        "volume": raw["volume"].astype(float),
        "suspended": raw["tradestatus"].eq(0),
    })  # fmt: skip


def read_simple(path: Path, date_col: str, close_col: str) -> pd.DataFrame:
    raw = pd.read_csv(path)
    out = pd.DataFrame({"date": pd.to_datetime(raw[date_col]), "close": raw[close_col]})
    out["volume"] = raw["volume"].astype(float) if "volume" in raw else np.nan
    if "Volume" in raw:
        out["volume"] = raw["Volume"].astype(float)
    return out.sort_values("date").reset_index(drop=True)


# ------------------------------------------------------------------ helpers
def back_adjust(frame: pd.DataFrame, anchor: str) -> pd.Series:
    """Forward-adjusted price path: ``anchor`` where given, extended backwards by returns.

    P_{t-1} = P_t / (1 + r_t) walking back from the first anchored row, so the whole
    series shares the base of the anchored (qfq) part. Suspended rows are NaN.
    """
    adj = frame[anchor].astype(float).to_numpy().copy()
    ret = frame["ret"].fillna(0.0).to_numpy()
    first = int(np.argmax(~np.isnan(adj)))
    for i in range(first - 1, -1, -1):
        adj[i] = adj[i + 1] / (1.0 + ret[i + 1])
    adj[frame["suspended"].to_numpy()] = np.nan
    return pd.Series(adj, index=frame.index)


DROPPED: list[str] = []


def on_sessions(frame: pd.DataFrame, ticker: str) -> pd.DataFrame:
    """Drop source rows dated on a non-session of the exchange (e.g. H00300 2018-06-18)."""
    exchange = _exchange(ticker)
    grid = sessions(exchange, frame["date"].min(), frame["date"].max())
    bad = ~frame["date"].isin(grid) & (frame["date"] >= CUT)
    DROPPED.extend(f"{ticker} {d.date()}" for d in frame.loc[bad, "date"])
    return frame.loc[~bad | (frame["date"] < CUT)].reset_index(drop=True)


def mark_listing_day(frame: pd.DataFrame, listed: pd.Timestamp) -> pd.DataFrame:
    """The first day's return is against the offer price, not a market close: NaN + flag."""
    hit = frame["date"].eq(listed) & (listed >= CUT)
    frame.loc[hit, "ret"] = np.nan
    frame["flag"] = add_flag(frame["flag"], hit, "listing_day")
    return frame


def finish(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.loc[frame["date"] >= CUT].copy()
    for col in KEEP:
        if col not in out:
            out[col] = np.nan if col not in ("source", "flag") else ""
    out["suspended"] = out["suspended"].astype(bool)
    return out[KEEP].reset_index(drop=True)


# build-wide records: provenance, overlap checks per ticker (filled by ``build``)
PROV: dict[str, dict[str, Any]] = {}
CHECKS: dict[str, list[dict[str, Any]]] = {}
#: the 2-decimal qfq vendor subtracts later dividends, scaling returns by up to ~2% (see
#: ``rounding_tolerance``); checked on the 60 sessions next to the join
QFQ_2DP_RELATIVE = 0.02
RECENT = 60


def read_checked(src: Path, file: str, ticker: str, date_col: str = "date",
                 close_col: str = "close") -> pd.DataFrame:  # fmt: skip
    """A simple source file, sorted, without an intraday last row."""
    frame = read_simple(src / file, date_col, close_col)
    return drop_intraday_tail(frame, file, PROV, exchange=_exchange(ticker))


def joined(ticker: str, primary: pd.DataFrame, newer: pd.DataFrame, *, tolerance: Any,
           files: tuple[str, str], rule: str, recent: int | None = None) -> pd.DataFrame:  # fmt: skip
    """``stitch`` the two frames and record the overlap check for the manifest."""
    out, check = stitch(primary, newer, tolerance=tolerance, what=f"{ticker} {files[0]} -> "
                        f"{files[1]}", recent=recent)  # fmt: skip
    CHECKS.setdefault(ticker, []).append(_check_record(check, files, rule, primary))
    return out


def _check_record(check: OverlapCheck, files: tuple[str, str], rule: str,
                  primary: pd.DataFrame) -> dict[str, Any]:  # fmt: skip
    return {"primary": files[0], "newer": files[1], "join_after": _day(primary["date"].max()),
            "shared_returns": check.n, "max_abs_diff": float(f"{check.max_abs_diff:.3g}"),
            "worst_date": _day(check.worst_date), "tolerance_rule": rule,
            "agrees": check.agrees}  # fmt: skip


def _day(value: Any) -> str | None:
    return None if value is None else pd.Timestamp(value).date().isoformat()


def volume_scale(old: pd.DataFrame, new: pd.DataFrame) -> float:
    """Factor that puts ``new`` volumes in ``old``'s unit (lots vs shares), by the overlap."""
    both = old.merge(new, on="date", suffixes=("", "_n")).dropna(subset=["volume", "volume_n"])
    both = both.loc[both["volume_n"] > 0]
    ratio = float((both["volume"] / both["volume_n"]).median())
    return float(10.0 ** np.round(np.log10(ratio))) if len(both) else 1.0


def forward_extend(frame: pd.DataFrame, after: pd.Timestamp) -> pd.Series:
    """adj_close after ``after``: the last adjusted close carried on by the returns (so the
    newer source keeps the primary's adjustment base); suspended rows NaN."""
    adj = frame["adj_close"].to_numpy(dtype=float).copy()
    ret = frame["ret"].fillna(0.0).to_numpy()
    new = (frame["date"] > after).to_numpy()
    level = adj[~new][~np.isnan(adj[~new])][-1]
    for i in np.flatnonzero(new):
        level *= 1.0 + ret[i]
        adj[i] = level
    adj[frame["suspended"].to_numpy()] = np.nan
    return pd.Series(adj, index=frame.index)


def two_dp_extension(code: str, src: Path, file: str, ref: pd.DataFrame,
                     source: str) -> pd.DataFrame:  # fmt: skip
    """A 2-decimal adjusted source aligned to the calendar, volumes in ``ref``'s unit."""
    new = on_sessions(read_checked(src, file, code), code)
    new = new.assign(volume=new["volume"] * volume_scale(ref, new), source=source)
    new = align_to_calendar(new, exchange=_exchange(code), price="close", fill_suspensions=True)
    new["flag"] = add_flag(new["flag"], new["suspended"].eq(False), "2dp_rounding")
    return new.assign(tol=rounding_tolerance(new.set_index("date")["close"], 2,
                                             relative=QFQ_2DP_RELATIVE).to_numpy())  # fmt: skip


def _exchange(ticker: str) -> str:
    return str(load_universe().loc[ticker, "exchange"])


def close_series(
    src: Path, file: str, ticker: str, *, date_col: str = "date", close_col: str = "close",
    adjusted: bool = False, source: str, fill: bool = False,
) -> pd.DataFrame:  # fmt: skip
    frame = read_checked(src, file, ticker, date_col, close_col)
    frame = on_sessions(frame, ticker).assign(source=source)
    price = "adj_close" if adjusted else "close"
    frame[price] = frame.pop("close")
    if adjusted:
        frame["close"] = np.nan
    elif load_universe().loc[ticker, "kind"] == "index":
        frame["adj_close"] = frame["close"]  # a price index needs no adjustment
    frame = align_to_calendar(frame, exchange=_exchange(ticker), price=price, fill_suspensions=fill)
    frame["source"] = frame["source"].fillna("calendar")
    return frame


def basket(members: dict[str, pd.DataFrame], end: pd.Timestamp) -> pd.DataFrame:
    """Equal-weighted mean return of the members, each from its rare_earth_from."""
    universe = load_universe()
    cols = {}
    for ticker, frame in members.items():
        since = universe.loc[ticker, "rare_earth_from"]
        s = frame.set_index("date")["ret"]
        cols[ticker] = s.loc[(s.index >= since) & (s.index <= end)]
    wide = pd.DataFrame(cols).sort_index()
    grid = align_to_calendar(
        pd.DataFrame({"date": wide.index, "close": 1.0}), exchange="XSHG", price="close"
    )["date"]
    wide = wide.reindex(pd.DatetimeIndex(grid))
    n = wide.notna().sum(axis=1)
    out = pd.DataFrame({"date": wide.index, "ret": wide.mean(axis=1, skipna=True).to_numpy()})
    out["suspended"] = False
    out["flag"] = [f"n={k}" for k in n.to_numpy()]
    out["adj_close"] = 100.0 * (1.0 + out["ret"].fillna(0.0)).cumprod()
    out["source"] = "derived"
    return finish(out)
