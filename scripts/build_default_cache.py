"""Build the shipped ``data_cache/`` from the verbatim source copies in data_candidates.

Usage::

    python scripts/build_default_cache.py [--source ../shared/data_candidates] [--out data_cache]

Follows "Recommended shipped default dataset" in ``data_candidates/SOURCES.md``:

* A-shares 600111 600392 000831 300748 600010 600549: exchange return close/前收盘价-1 from
  the xbx files to 2015-12-29, then baostock ``pctChg``/100 (2015-12-30..2026-01-23), then
  the 2-decimal wenxuanwu closes to 2026-07-27 (600111: then hawchou to 2026-08-10).
* A-shares 600366 000970 600259 000795 600206 300224: xbx to 2021-07-27, then close-to-close
  returns of the 2-decimal wenxuanwu files from 2021-07-28.
* Benchmarks CSI300, SSE (baostock index closes, then csindex / willinxusheng closes to
  2026-08-21), CSI300TR (official H00300 closes).
* ASX LYC/ILU/ARU and ASX200 from asxgym (ILU 2020-10-23 demerger artefact -> NaN + flag).
* US MP/REMX/UUUU/USAR/SPY from Yahoo adjusted closes (USAR from 2025-03-14; the intraday
  2026-07-14 rows dropped), MP then financealerts (Yahoo) and SPY then zoomies (FMP) to
  2026-08-21; SPX from ^GSPC.
* Rare-earth ETFs 516780/159713 (3 dp to 2025-07-04, then fish-etf 3 dp to 2025-11-12) and
  516150 (3 dp, then 2 dp file).
* CNRE_EW: equal-weighted mean of the basket constituents' returns, each counted from its
  ``rare_earth_from`` (derived, constituents listed in the manifest).

Sources are joined by :func:`reequity.data.stitch.stitch` (overlap check of daily returns
with a stated tolerance; the earlier source wins; a disagreement stops the build). A source
whose last row was written before that session's close loses that row
(``cache_sources.drop_intraday_tail``). Everything is cut to 2009-01-01 onwards and keeps
only date, close, adj_close, volume, ret, suspended, source and flag. Provenance (repo,
path, commit, licence, write time), the overlap checks, the return basis and the licence
status go into the manifest. Readers and frame helpers live in ``cache_frames.py``, the
provenance tables and the intraday check in ``cache_sources.py`` (sibling modules).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from reequity.data.cache import CacheLayer
from reequity.data.normalize import add_flag, align_to_calendar
from reequity.data.stitch import (
    CROSS_VENDOR,
    SAME_VENDOR,
    rounding_tolerance,
)
from reequity.data.universe import BASKET_CONSTITUENTS, load_universe

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cache_frames import (  # sibling modules of this script
    CHECKS,
    DROPPED,
    PROV,
    QFQ_2DP_RELATIVE,
    RECENT,
    _exchange,
    back_adjust,
    basket,
    close_series,
    finish,
    forward_extend,
    joined,
    mark_listing_day,
    on_sessions,
    read_baostock,
    read_checked,
    read_xbx,
    two_dp_extension,
)
from cache_sources import (
    DROPPED_INTRADAY,
    NEWER,
    drop_intraday_tail,
    licence_status,
    read_sources,
)

BAOSTOCK_FROM = pd.Timestamp("2015-12-30")
WENXUANWU_FROM = pd.Timestamp("2021-07-28")
ETF_3DP_LAST = pd.Timestamp("2025-07-04")
USAR_FROM = pd.Timestamp("2025-03-14")
BAOSTOCK_CODES = ["600111", "600392", "000831", "300748", "600010", "600549"]
WENXUANWU_CODES = ["600366", "000970", "600259", "000795", "600206", "300224"]


def a_share_baostock(code: str, src: Path) -> pd.DataFrame:
    xbx = read_xbx(src / f"cn_{code}_daily_raw_xbx_to2022-01.csv")
    xbx = xbx.loc[xbx["date"] < BAOSTOCK_FROM].assign(source="xbx", suspended=False)
    xbx["ret"] = xbx["close"] / xbx["prev_close"] - 1.0
    bao_file = f"cn_{code}_daily_qfq_baostock_2015-2026.csv"
    bao = read_baostock(src / bao_file).assign(source="baostock")
    bao = drop_intraday_tail(bao, bao_file, PROV, exchange=_exchange(code))
    both = on_sessions(pd.concat([xbx, bao], ignore_index=True), code)
    listed = both["date"].min()
    both = align_to_calendar(both, exchange=_exchange(code), price="close", fill_suspensions=True)
    both = mark_listing_day(both, listed)
    both.loc[both["suspended"], "ret"] = np.nan
    both["adj_close"] = back_adjust(both, "qfq_close")
    both["close"] = both["close"].where(both["source"].eq("xbx"))  # raw close only where known
    bao_last = both["date"].max()
    rule = f"2-decimal rounding bound + {QFQ_2DP_RELATIVE:.0%} of |ret|, last {RECENT} sessions"
    prev_file = bao_file
    for file, source in EXTENSIONS[code]:
        new = two_dp_extension(code, src, file, both, source)
        tol = new.set_index("date")["tol"]
        if prev_file != bao_file:  # same vendor numbers as the previous 2-dp file
            tol, rule = SAME_VENDOR, "same vendor: 1e-6"
        both = joined(code, both, new.drop(columns="tol").assign(close=np.nan), tolerance=tol,
                      files=(prev_file, file), rule=rule, recent=RECENT)  # fmt: skip
        prev_file = file
    both["adj_close"] = forward_extend(both, bao_last)
    both["source"] = both["source"].fillna("calendar")
    return finish(both)


#: 2-decimal extensions after baostock's 2026-01-23, in order
EXTENSIONS: dict[str, list[tuple[str, str]]] = {
    code: [(f"cn_{code}_daily_wenxuanwu_2021-2026.csv", "wenxuanwu_2dp")] for code in BAOSTOCK_CODES
}
EXTENSIONS["600111"].append((f"{NEWER}/cn_600111_daily_2dp_hawchou_2022-2026.csv", "hawchou_2dp"))


def a_share_wenxuanwu(code: str, src: Path) -> pd.DataFrame:
    xbx = read_xbx(src / f"cn_{code}_daily_raw_xbx_to2022-01.csv")
    xbx = xbx.loc[xbx["date"] < WENXUANWU_FROM].assign(source="xbx", suspended=False)
    xbx["ret"] = xbx["close"] / xbx["prev_close"] - 1.0
    xbx = on_sessions(xbx, code)
    listed = xbx["date"].min()
    xbx = align_to_calendar(xbx, exchange=_exchange(code), price="close", fill_suspensions=True)
    xbx = mark_listing_day(xbx, listed)
    file = f"cn_{code}_daily_wenxuanwu_2021-2026.csv"
    wen = on_sessions(read_checked(src, file, code), code)
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


def etf_series(ticker: str, src: Path) -> pd.DataFrame:
    file3 = f"cn_etf_{ticker}_rare_earth_daily_2021-2025.csv"
    three = close_series(src, file3, ticker, date_col="datetime", source="chenkx612_3dp",
                         fill=True)  # fmt: skip
    three = three.loc[three["date"] <= ETF_3DP_LAST]
    if ticker != "516150":
        file = f"{NEWER}/cn_etf_{ticker}_rare_earth_daily_3dp_fishetf_2024-2025.csv"
        fish = close_series(src, file, ticker, date_col="日期", close_col="收盘",
                            source="fishetf_3dp", fill=True)  # fmt: skip
        # the file lacks a session (2025-10-24): a gap in the source, not a suspension
        fish["flag"] = add_flag(fish["flag"], fish["suspended"], "missing_in_source")
        both = joined(ticker, three, fish, tolerance=SAME_VENDOR, files=(file3, file),
                      rule="same vendor: 1e-6")  # fmt: skip
        return finish(both.assign(adj_close=both["close"]))
    file2 = "cn_etf_516150_rare_earth_daily_2022-2026_2dp.csv"
    two = close_series(src, file2, ticker, source="hawchou1995_2dp", fill=True)
    two["flag"] = add_flag(two["flag"], two["suspended"].eq(False), "2dp_rounding")
    tol = rounding_tolerance(two.set_index("date")["close"], 2)
    both = joined(ticker, three, two, tolerance=tol, files=(file3, file2),
                  rule="2-decimal rounding bound")  # fmt: skip
    return finish(both.assign(adj_close=both["close"]))


# ------------------------------------------------------------------ plan
class Shipment(NamedTuple):
    """One series to ship: its frame, the source files and how it was made."""

    ticker: str
    frame: pd.DataFrame
    files: list[str]
    adjustment: str
    notes: str
    ex_dividends: list[dict[str, Any]] | None = None


def china_stocks(src: Path) -> Iterator[Shipment]:
    for code in BAOSTOCK_CODES:
        ext = [f for f, _ in EXTENSIONS[code]]
        yield Shipment(
            code, a_share_baostock(code, src),
            [f"cn_{code}_daily_raw_xbx_to2022-01.csv", f"cn_{code}_daily_qfq_baostock_2015-2026.csv",
             *ext],
            "prevclose_qfq",
            "ret = close/前收盘价-1 (xbx) to 2015-12-29, baostock pctChg/100 2015-12-30.."
            "2026-01-23, then close-to-close of 2-decimal adjusted closes ("
            + " then ".join(s for _, s in EXTENSIONS[code]) + "; flag 2dp_rounding; the vendor "
            "subtracts later dividends, so returns can be up to ~2% of themselves too large), "
            "joined after an overlap check (see stitches); close = unadjusted (xbx rows only); "
            "adj_close = baostock qfq close extended back and forward by returns; sessions "
            "missing inside the listed life are suspended rows",
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
    for ticker, file, newer, note in [
        ("CSI300", "cn_idx_000300_csi300_daily_2005-2026.csv",
         f"{NEWER}/cn_idx_000300_csi300_daily_2015-2026_csindex_cateatcatx.csv",
         "CSI 300 price index; baostock closes, then official csindex closes"),
        ("SSE", "cn_idx_000001_sse_composite_daily_1990-2026.csv",
         f"{NEWER}/cn_idx_000001_sse_composite_daily_2021-2026_willinxusheng.csv",
         "SSE Composite price index; baostock closes, then willinxusheng closes"),
        ("CSI300TR", "cn_idx_H00300_csi300_total_return_daily_2005-2026.csv", None,
         "official H00300 total-return index (dividends reinvested)"),
    ]:  # fmt: skip
        frame = close_series(src, file, ticker, source="index")
        files = [file]
        if newer is not None:
            later = close_series(src, newer, ticker, source="index")
            tol = rounding_tolerance(later.set_index("date")["close"], 2)
            frame = joined(ticker, frame, later, tolerance=tol, files=(file, newer),
                           rule="2-decimal rounding bound")  # fmt: skip
            files.append(newer)
        yield Shipment(ticker, finish(frame), files, "price", note)
    file = "us_idx_GSPC_sp500_daily_close_1927-2026.csv"
    spx = close_series(src, file, "SPX", date_col="Date", close_col="Close", source="yahoo")
    yield Shipment("SPX", finish(spx), [file], "price", "S&P 500 price index")


def ex_dividends(src: Path, ticker: str) -> list[dict[str, Any]]:
    """Ex-dividend dates and amounts from the yfinance cross-check file (2024-01..2026-01)."""
    file = f"au_{ticker}_daily_yfinance_2024-2026.csv"
    raw = pd.read_csv(src / file)
    paid = raw.loc[raw["Dividends"] > 0]
    dates = pd.to_datetime(paid["Date"].str[:10])
    return [{"date": d.date().isoformat(), "amount": float(a), "file": file}
            for d, a in zip(dates, paid["Dividends"], strict=True)]  # fmt: skip


def asx(src: Path) -> Iterator[Shipment]:
    for ticker, file in [("LYC.AX", "au_LYC_daily_asxgym_1990-2026.csv"),
                         ("ILU.AX", "au_ILU_daily_asxgym_1990-2026.csv"),
                         ("ARU.AX", "au_ARU_daily_asxgym_2003-2026.csv"),
                         ("ASX200", "au_idx_XJO_asx200_daily_2000-2026.csv")]:  # fmt: skip
        frame = close_series(src, file, ticker, source="asxgym")
        note = "split-adjusted closes, not dividend-adjusted; returns after missing sessions NaN"
        if ticker == "ILU.AX":
            bad = frame["date"].eq(pd.Timestamp("2020-10-23"))
            frame.loc[bad, "ret"] = np.nan
            frame["flag"] = add_flag(frame["flag"], bad, "demerger_artefact")
            note += "; 2020-10-23 Deterra demerger artefact (-48%) set to NaN and flagged"
        divs = None
        if ticker != "ASX200":
            divs = ex_dividends(src, ticker)
            hit = frame["date"].isin(pd.to_datetime([d["date"] for d in divs]))
            frame["flag"] = add_flag(frame["flag"], hit, "ex_dividend")
            note += (
                "; ex-dividend days (price-only return drops by the dividend) flagged "
                "ex_dividend where the yfinance file gives them (2024-01-02..2026-01-02)"
            )
        yield Shipment(ticker, finish(frame), [file], "split_only", note, divs)


def us(src: Path) -> Iterator[Shipment]:
    newer = {"MP": (f"{NEWER}/us_MP_daily_ohlcv_yfinance_financealerts_2024-2026.csv", "Date",
                    "Close", SAME_VENDOR, "same vendor (Yahoo): 1e-6"),
             "SPY": (f"{NEWER}/us_SPY_daily_adjclose_zoomies_2024-2026.csv", "date",
                     "adj_close", CROSS_VENDOR, "Yahoo vs FMP adjusted closes: 1e-4")}  # fmt: skip
    for ticker in ["MP", "REMX", "UUUU", "USAR", "SPY"]:
        file = f"us_{ticker}_daily_adjclose_yahoo_to2026-07.csv"
        frame = close_series(src, file, ticker, date_col="Date", close_col="Close",
                             adjusted=True, source="yahoo")  # fmt: skip
        files = [file]
        note = "Yahoo auto-adjusted closes (splits and dividends); the 2026-07-14 row of the "
        note += "dsturdy file is an intraday snapshot and is dropped"
        if ticker in newer:
            later_file, dcol, ccol, tol, rule = newer[ticker]
            later = close_series(src, later_file, ticker, date_col=dcol, close_col=ccol,
                                 adjusted=True, source=later_file.split("_")[-2])  # fmt: skip
            frame = joined(ticker, frame, later, tolerance=tol, files=(file, later_file),
                           rule=rule)  # fmt: skip
            files.append(later_file)
            note += f"; from 2026-07-14 {later_file.split('/')[-1]}"
        if ticker == "USAR":
            frame = frame.loc[frame["date"] >= USAR_FROM].copy()
            frame.iloc[0, frame.columns.get_loc("ret")] = np.nan  # first real trading day
            note += "; SPAC-shell rows before 2025-03-14 dropped"
        if ticker == "MP":
            note += "; rows before 2020-11-18 are the SPAC Fortress Value Acquisition Corp"
        yield Shipment(ticker, finish(frame), files, "yahoo_auto_adjust", note)


def etfs(src: Path) -> Iterator[Shipment]:
    for ticker in ["516780", "159713", "516150"]:
        files = [f"cn_etf_{ticker}_rare_earth_daily_2021-2025.csv"]
        note = "3-decimal closes to 2025-07-04 (fund distributions not adjusted)"
        if ticker == "516150":
            files.append("cn_etf_516150_rare_earth_daily_2022-2026_2dp.csv")
            note += "; from 2025-07-07 the 2-decimal file (flag 2dp_rounding, ~0.3% noise)"
        else:
            files.append(f"{NEWER}/cn_etf_{ticker}_rare_earth_daily_3dp_fishetf_2024-2025.csv")
            note += (
                "; from 2025-07-07 the fish-etf 3-decimal file (identical values on the "
                "overlap); 2025-10-24 is missing in it (flag missing_in_source)"
            )
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


def ship(layer: CacheLayer, item: Shipment, built_at: str,
         statuses: dict[str, str]) -> dict[str, Any]:  # fmt: skip
    """Flag rows before rare_earth_from, attach provenance and write the series."""
    row = load_universe().loc[item.ticker]
    frame = item.frame
    if row["kind"] == "stock" and pd.notna(row["rare_earth_from"]):
        early = frame["date"] < row["rare_earth_from"]
        frame["flag"] = add_flag(frame["flag"], early, "before_rare_earth_from")
    origin: list[dict[str, Any]] = [PROV[f] for f in item.files]  # KeyError: undocumented file
    licences = sorted({o["licence"] for o in origin})
    status = licence_status(licences)
    if item.ticker in BASKET_CONSTITUENTS:
        members = list(BASKET_CONSTITUENTS[item.ticker])
        origin = [{"derived_from": members}]
        ranks = ["non_commercial", "none_stated", "permissive"]
        status = min((statuses[m] for m in members), key=ranks.index)
    meta = {"ticker": item.ticker, "name": row["name"], "description": row["note"],
            "provider": "snapshot", "adjustment": item.adjustment,
            "return_basis": row["return_basis"], "licence_status": status,
            "origin": origin, "fetched_at": built_at, "notes": item.notes,
            "licences": licences, "stitches": CHECKS.get(item.ticker, [])}  # fmt: skip
    if item.ex_dividends is not None:
        meta["ex_dividends"] = item.ex_dividends
    statuses[item.ticker] = status
    return layer.write(frame, meta)


def build(src: Path, out: Path, *, built_at: str) -> list[dict[str, Any]]:
    """Build every shipped series from ``src`` into the cache folder ``out``."""
    PROV.clear()
    PROV.update(read_sources(src))
    CHECKS.clear()
    layer = CacheLayer(out, writable=True)
    built: dict[str, pd.DataFrame] = {}
    statuses: dict[str, str] = {}
    entries = []
    for group in (china_stocks, benchmarks, asx, us, etfs):
        for item in group(src):
            built[item.ticker] = item.frame
            entries.append(ship(layer, item, built_at, statuses))
    entries.append(ship(layer, basket_shipment(built), built_at, statuses))
    return entries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    root = Path(__file__).resolve().parents[1]
    guesses = [p / "shared" / "data_candidates" for p in (root.parent, root.parent.parent)]
    default = next((p for p in guesses if p.is_dir()), guesses[0])
    parser.add_argument("--source", type=Path, default=default)
    parser.add_argument("--out", type=Path, default=root / "data_cache")
    parser.add_argument("--built-at", default=datetime.now(UTC).date().isoformat())
    args = parser.parse_args()
    entries = build(args.source, args.out, built_at=args.built_at)
    (args.out / ".manifest.lock").unlink(missing_ok=True)
    print("dropped non-session rows:", ", ".join(DROPPED) or "none")
    print("dropped intraday last rows:", ", ".join(DROPPED_INTRADAY) or "none")
    for e in entries:
        print(f"{e['ticker']:9s} {e['first']} {e['last']} {e['rows']:5d} {e['file']}")
        for c in e["stitches"]:
            print(f"          join after {c['join_after']}: {c['shared_returns']} shared, "
                  f"max |diff| {c['max_abs_diff']:.2e} ({c['tolerance_rule']})")  # fmt: skip


if __name__ == "__main__":
    main()
