"""Build the shipped ``data_cache/`` from the verbatim source copies in data_candidates.

Usage::

    python scripts/build_default_cache.py [--source ../shared/data_candidates] [--out data_cache]

Follows "Recommended shipped default dataset" in ``data_candidates/SOURCES.md``:

* A-shares 600111 600392 000831 300748 600010 600549: exchange return close/前收盘价-1 from
  the xbx files to 2015-12-29, then baostock ``pctChg``/100 (2015-12-30..2026-01-23).
* A-shares 600366 000970 600259 000795 600206 300224: xbx to 2021-07-27, then close-to-close
  returns of the 2-decimal wenxuanwu files from 2021-07-28.
* Benchmarks CSI300, SSE (baostock index closes), CSI300TR (official H00300 closes).
* ASX LYC/ILU/ARU and ASX200 from asxgym (ILU 2020-10-23 demerger artefact -> NaN + flag).
* US MP/REMX/UUUU/USAR from Yahoo adjusted closes (USAR from 2025-03-14), SPX from ^GSPC.
* Rare-earth ETFs 516780/159713 (3 dp to 2025-07-04) and 516150 (3 dp, then 2 dp file).
* CNRE_EW: equal-weighted mean of the basket constituents' returns, each counted from its
  ``rare_earth_from`` (derived, constituents listed in the manifest).

Everything is cut to 2009-01-01 onwards and keeps only date, close, adj_close, volume, ret,
suspended, source and flag. Provenance (repo, path, commit, licence) is parsed from
SOURCES.md into the manifest.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from reequity.data.cache import CacheLayer
from reequity.data.calendars import sessions
from reequity.data.normalize import add_flag, align_to_calendar
from reequity.data.universe import BASKET_CONSTITUENTS, load_universe

CUT = pd.Timestamp("2009-01-01")
BAOSTOCK_FROM = pd.Timestamp("2015-12-30")
WENXUANWU_FROM = pd.Timestamp("2021-07-28")
ETF_3DP_LAST = pd.Timestamp("2025-07-04")
USAR_FROM = pd.Timestamp("2025-03-14")
KEEP = ["date", "close", "adj_close", "volume", "ret", "suspended", "source", "flag"]
BAOSTOCK_CODES = ["600111", "600392", "000831", "300748", "600010", "600549"]
WENXUANWU_CODES = ["600366", "000970", "600259", "000795", "600206", "300224"]


# ------------------------------------------------------------------ provenance
def read_sources(source: Path) -> dict[str, dict[str, str]]:
    """File name -> {repo, path, commit, licence} parsed from the SOURCES.md tables."""
    out: dict[str, dict[str, str]] = {}
    for line in (source / "SOURCES.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 5 and re.fullmatch(r"[0-9a-f]{40}", cells[3]):
            out[cells[0]] = {"file": cells[0], "repo": cells[1], "path": cells[2],
                             "commit": cells[3], "licence": cells[4]}  # fmt: skip
    return out


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


def a_share_baostock(code: str, src: Path) -> pd.DataFrame:
    xbx = read_xbx(src / f"cn_{code}_daily_raw_xbx_to2022-01.csv")
    xbx = xbx.loc[xbx["date"] < BAOSTOCK_FROM].assign(source="xbx", suspended=False)
    xbx["ret"] = xbx["close"] / xbx["prev_close"] - 1.0
    bao = read_baostock(src / f"cn_{code}_daily_qfq_baostock_2015-2026.csv").assign(
        source="baostock"
    )
    both = on_sessions(pd.concat([xbx, bao], ignore_index=True), code)
    listed = both["date"].min()
    both = align_to_calendar(both, exchange=_exchange(code), price="close", fill_suspensions=True)
    both = mark_listing_day(both, listed)
    both.loc[both["suspended"], "ret"] = np.nan
    both["adj_close"] = back_adjust(both, "qfq_close")
    both["close"] = both["close"].where(both["source"].eq("xbx"))  # raw close only where known
    both["source"] = both["source"].fillna("calendar")
    return finish(both)


def a_share_wenxuanwu(code: str, src: Path) -> pd.DataFrame:
    xbx = read_xbx(src / f"cn_{code}_daily_raw_xbx_to2022-01.csv")
    xbx = xbx.loc[xbx["date"] < WENXUANWU_FROM].assign(source="xbx", suspended=False)
    xbx["ret"] = xbx["close"] / xbx["prev_close"] - 1.0
    xbx = on_sessions(xbx, code)
    listed = xbx["date"].min()
    xbx = align_to_calendar(xbx, exchange=_exchange(code), price="close", fill_suspensions=True)
    xbx = mark_listing_day(xbx, listed)
    wen = on_sessions(
        read_simple(src / f"cn_{code}_daily_wenxuanwu_2021-2026.csv", "date", "close"), code
    )
    overlap = xbx.merge(wen, on="date", suffixes=("", "_w")).dropna(subset=["volume"])
    scale = float(np.round((overlap["volume"] / overlap["volume_w"]).median()))  # lots vs shares
    wen = wen.assign(volume=wen["volume"] * scale, qfq_close=wen["close"], source="wenxuanwu_2dp")
    wen = align_to_calendar(wen, exchange=_exchange(code), price="qfq_close", fill_suspensions=True)
    wen["flag"] = add_flag(wen["flag"], wen["suspended"].eq(False), "2dp_rounding")
    wen = wen.loc[wen["date"] >= WENXUANWU_FROM].assign(close=np.nan)
    both = pd.concat([xbx, wen], ignore_index=True).sort_values("date").reset_index(drop=True)
    # first wenxuanwu return uses its own 2021-07-27 close: adjacent session, kept
    both["adj_close"] = back_adjust(both, "qfq_close")
    both["source"] = both["source"].fillna("calendar")
    return finish(both)


def _exchange(ticker: str) -> str:
    return str(load_universe().loc[ticker, "exchange"])


def close_series(
    path: Path, ticker: str, *, date_col: str = "date", close_col: str = "close",
    adjusted: bool = False, source: str, fill: bool = False,
) -> pd.DataFrame:  # fmt: skip
    frame = on_sessions(read_simple(path, date_col, close_col), ticker).assign(source=source)
    price = "adj_close" if adjusted else "close"
    frame[price] = frame.pop("close")
    if adjusted:
        frame["close"] = np.nan
    elif load_universe().loc[ticker, "kind"] == "index":
        frame["adj_close"] = frame["close"]  # a price index needs no adjustment
    frame = align_to_calendar(frame, exchange=_exchange(ticker), price=price, fill_suspensions=fill)
    frame["source"] = frame["source"].fillna("calendar")
    return frame


def etf_series(ticker: str, src: Path) -> pd.DataFrame:
    three = close_series(
        src / f"cn_etf_{ticker}_rare_earth_daily_2021-2025.csv", ticker,
        date_col="datetime", source="chenkx612_3dp", fill=True,
    )  # fmt: skip
    three = three.loc[three["date"] <= ETF_3DP_LAST]
    if ticker != "516150":
        return finish(three.assign(adj_close=three["close"]))
    two = close_series(
        src / "cn_etf_516150_rare_earth_daily_2022-2026_2dp.csv", ticker,
        source="hawchou1995_2dp", fill=True,
    )  # fmt: skip
    two["flag"] = add_flag(two["flag"], two["suspended"].eq(False), "2dp_rounding")
    two = two.loc[two["date"] > ETF_3DP_LAST]
    both = pd.concat([three, two], ignore_index=True)
    return finish(both.assign(adj_close=both["close"]))


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


# ------------------------------------------------------------------ plan
class Shipment(NamedTuple):
    """One series to ship: its frame, the source files and how it was made."""

    ticker: str
    frame: pd.DataFrame
    files: list[str]
    adjustment: str
    notes: str


def china_stocks(src: Path) -> Iterator[Shipment]:
    for code in BAOSTOCK_CODES:
        yield Shipment(
            code, a_share_baostock(code, src),
            [f"cn_{code}_daily_raw_xbx_to2022-01.csv", f"cn_{code}_daily_qfq_baostock_2015-2026.csv"],
            "prevclose_qfq",
            "ret = close/前收盘价-1 (xbx) to 2015-12-29, baostock pctChg/100 from 2015-12-30; "
            "close = unadjusted (xbx rows only); adj_close = baostock qfq close extended back by "
            "returns; sessions missing inside the listed life are suspended rows",
        )  # fmt: skip
    for code in WENXUANWU_CODES:
        yield Shipment(
            code, a_share_wenxuanwu(code, src),
            [f"cn_{code}_daily_raw_xbx_to2022-01.csv", f"cn_{code}_daily_wenxuanwu_2021-2026.csv"],
            "prevclose_2dp",
            "ret = close/前收盘价-1 (xbx) to 2021-07-27, then close-to-close of 2-decimal adjusted "
            "closes (rounding noise up to ~1%); no suspension status after 2021-07-27: missing "
            "sessions are treated as suspensions",
        )  # fmt: skip


def benchmarks(src: Path) -> Iterator[Shipment]:
    for ticker, file, note in [
        ("CSI300", "cn_idx_000300_csi300_daily_2005-2026.csv", "CSI 300 price index"),
        ("SSE", "cn_idx_000001_sse_composite_daily_1990-2026.csv", "SSE Composite price index"),
        ("CSI300TR", "cn_idx_H00300_csi300_total_return_daily_2005-2026.csv", "official H00300"),
    ]:
        yield Shipment(
            ticker, finish(close_series(src / file, ticker, source="index")), [file], "price", note
        )
    file = "us_idx_GSPC_sp500_daily_close_1927-2026.csv"
    spx = close_series(src / file, "SPX", date_col="Date", close_col="Close", source="yahoo")
    yield Shipment("SPX", finish(spx), [file], "price", "S&P 500 price index")


def asx(src: Path) -> Iterator[Shipment]:
    for ticker, file in [("LYC.AX", "au_LYC_daily_asxgym_1990-2026.csv"),
                         ("ILU.AX", "au_ILU_daily_asxgym_1990-2026.csv"),
                         ("ARU.AX", "au_ARU_daily_asxgym_2003-2026.csv"),
                         ("ASX200", "au_idx_XJO_asx200_daily_2000-2026.csv")]:  # fmt: skip
        frame = close_series(src / file, ticker, source="asxgym")
        note = "split-adjusted closes, not dividend-adjusted; returns after missing sessions NaN"
        if ticker == "ILU.AX":
            bad = frame["date"].eq(pd.Timestamp("2020-10-23"))
            frame.loc[bad, "ret"] = np.nan
            frame["flag"] = add_flag(frame["flag"], bad, "demerger_artefact")
            note += "; 2020-10-23 Deterra demerger artefact (-48%) set to NaN and flagged"
        yield Shipment(ticker, finish(frame), [file], "split_only", note)


def us(src: Path) -> Iterator[Shipment]:
    for ticker in ["MP", "REMX", "UUUU", "USAR"]:
        file = f"us_{ticker}_daily_adjclose_yahoo_to2026-07.csv"
        frame = close_series(src / file, ticker, date_col="Date", close_col="Close",
                             adjusted=True, source="yahoo")  # fmt: skip
        note = "Yahoo auto-adjusted closes (splits and dividends)"
        if ticker == "USAR":
            frame = frame.loc[frame["date"] >= USAR_FROM].copy()
            frame.iloc[0, frame.columns.get_loc("ret")] = np.nan  # first real trading day
            note += "; SPAC-shell rows before 2025-03-14 dropped"
        if ticker == "MP":
            note += "; rows before 2020-11-18 are the SPAC Fortress Value Acquisition Corp"
        yield Shipment(ticker, finish(frame), [file], "yahoo_auto_adjust", note)


def etfs(src: Path) -> Iterator[Shipment]:
    for ticker in ["516780", "159713", "516150"]:
        files = [f"cn_etf_{ticker}_rare_earth_daily_2021-2025.csv"]
        note = "3-decimal closes to 2025-07-04 (fund distributions not adjusted)"
        if ticker == "516150":
            files.append("cn_etf_516150_rare_earth_daily_2022-2026_2dp.csv")
            note += "; from 2025-07-07 the 2-decimal file (flag 2dp_rounding, ~0.3% noise)"
        yield Shipment(ticker, etf_series(ticker, src), files, "none", note)


def basket_shipment(built: dict[str, pd.DataFrame]) -> Shipment:
    members = BASKET_CONSTITUENTS["CNRE_EW"]
    end = min(built[c]["date"].max() for c in BAOSTOCK_CODES)
    return Shipment(
        "CNRE_EW", basket({c: built[c] for c in members}, end), [], "derived",
        "DERIVED equal-weighted mean of constituents' daily returns, each from its "
        f"rare_earth_from; constituents: {', '.join(members)}; flag n=<count>; "
        "adj_close is an index (100 at the start)",
    )  # fmt: skip


def ship(
    layer: CacheLayer, item: Shipment, prov: dict[str, dict[str, str]], built_at: str
) -> dict[str, Any]:
    """Flag rows before rare_earth_from, attach provenance and write the series."""
    row = load_universe().loc[item.ticker]
    frame = item.frame
    if row["kind"] == "stock" and pd.notna(row["rare_earth_from"]):
        early = frame["date"] < row["rare_earth_from"]
        frame["flag"] = add_flag(frame["flag"], early, "before_rare_earth_from")
    origin: list[dict[str, Any]] = [prov.get(f, {"file": f}) for f in item.files]
    if item.ticker in BASKET_CONSTITUENTS:
        origin = [{"derived_from": list(BASKET_CONSTITUENTS[item.ticker])}]
    meta = {"ticker": item.ticker, "name": row["name"], "description": row["note"],
            "provider": "snapshot", "adjustment": item.adjustment,
            "origin": origin, "fetched_at": built_at, "notes": item.notes,
            "licences": sorted({o.get("licence", "unknown") for o in origin})}  # fmt: skip
    return layer.write(frame, meta)


def build(src: Path, out: Path, *, built_at: str) -> list[dict[str, Any]]:
    """Build every shipped series from ``src`` into the cache folder ``out``."""
    prov = read_sources(src)
    layer = CacheLayer(out, writable=True)
    built: dict[str, pd.DataFrame] = {}
    entries = []
    for group in (china_stocks, benchmarks, asx, us, etfs):
        for item in group(src):
            built[item.ticker] = item.frame
            entries.append(ship(layer, item, prov, built_at))
    entries.append(ship(layer, basket_shipment(built), prov, built_at))
    return entries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    root = Path(__file__).resolve().parents[1]
    parser.add_argument("--source", type=Path, default=root.parent / "shared" / "data_candidates")
    parser.add_argument("--out", type=Path, default=root / "data_cache")
    parser.add_argument("--built-at", default=datetime.now(UTC).date().isoformat())
    args = parser.parse_args()
    entries = build(args.source, args.out, built_at=args.built_at)
    (args.out / ".manifest.lock").unlink(missing_ok=True)
    print("dropped non-session rows:", ", ".join(DROPPED) or "none")
    for e in entries:
        print(f"{e['ticker']:9s} {e['first']} {e['last']} {e['rows']:5d} {e['file']}")


if __name__ == "__main__":
    main()
