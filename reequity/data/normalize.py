"""Canonical price schema, its validation, and daily returns that respect the calendar.

Every vendor frame becomes one long frame with the columns of :data:`CANONICAL` plus a
``flag`` column (empty string, or ``;``-joined notes such as ``prev_close_after_gap``).
Returns are simple daily returns and are never spread across a gap: the first row after a
missing session has ``ret`` NaN unless the source gives the exchange's own previous close
for that row (then the return is kept and flagged). Suspended sessions have
``suspended=True`` and ``ret`` NaN; nothing is zero-filled.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from reequity.data.calendars import sessions
from reequity.errors import ProviderError

__all__ = [
    "CANONICAL",
    "COLUMNS",
    "add_flag",
    "align_to_calendar",
    "empty_canonical",
    "finish_canonical",
    "validate_canonical",
]

#: The canonical columns (DESIGN §3), in order.
CANONICAL: tuple[str, ...] = (
    "date",
    "ticker",
    "open",
    "high",
    "low",
    "close",
    "adj_close",
    "volume",
    "ret",
    "suspended",
    "source",
)
#: Canonical columns plus the ``flag`` column of data-quality notes.
COLUMNS: tuple[str, ...] = (*CANONICAL, "flag")
_FLOATS = ("open", "high", "low", "close", "adj_close", "volume", "ret")


def empty_canonical() -> pd.DataFrame:
    """An empty frame with the canonical columns and dtypes."""
    return finish_canonical(pd.DataFrame({"date": pd.DatetimeIndex([])}), ticker="", source="")


def add_flag(flags: pd.Series, mask: pd.Series | np.ndarray, note: str) -> pd.Series:
    """Append ``note`` to the ``;``-joined flags where ``mask`` holds."""
    mask = np.asarray(mask, dtype=bool)
    out = flags.copy()
    out[mask] = [f"{f};{note}" if f else note for f in out[mask]]
    return out


def align_to_calendar(
    frame: pd.DataFrame,
    *,
    exchange: str,
    price: str = "adj_close",
    fill_suspensions: bool = False,
) -> pd.DataFrame:
    """Compute ``ret`` from prices without spreading a return across a missing session.

    Parameters
    ----------
    frame : DataFrame
        Columns ``date`` and ``price``; optional ``prev_close`` (the exchange's reference
        previous close of each row), ``ret`` (a return the source computed from that
        reference, e.g. baostock ``pctChg``), ``suspended`` and ``flag``.
    exchange : str
        Exchange whose sessions define "the previous session".
    price : str
        Column used for close-to-close returns when the source gives no reference.
    fill_suspensions : bool
        Insert rows for sessions missing between the first and last row (A-shares: a
        missing session inside the listed life is a suspension).

    Returns
    -------
    DataFrame
        Sorted by date with ``ret``, ``suspended`` and ``flag`` filled in.

    Notes
    -----
    With a reference previous close :math:`P^{ref}_t`, :math:`r_t = P_t / P^{ref}_t - 1`
    holds even after a suspension (it is the exchange's own return for that day); with
    only closes, :math:`r_t = P_t / P_{t-1} - 1` is used only when :math:`t-1` is the
    previous session of the exchange.
    """
    out = frame.sort_values("date").drop_duplicates("date", keep="last").reset_index(drop=True)
    out["suspended"] = out.get("suspended", pd.Series(False, index=out.index)).fillna(False)
    out["suspended"] = out["suspended"].astype(bool)
    out["flag"] = out.get("flag", pd.Series("", index=out.index)).fillna("").astype(str)
    if len(out) == 0:
        out["ret"] = pd.Series(dtype=float)
        return out
    expected = sessions(exchange, out["date"].iloc[0], out["date"].iloc[-1])
    grid = expected.union(pd.DatetimeIndex(out["date"]))
    if fill_suspensions:
        out = out.set_index("date").reindex(grid.rename("date")).reset_index()
        out["suspended"] = out["suspended"].astype("boolean").fillna(True).astype(bool)
        out["flag"] = out["flag"].fillna("")
    pos = pd.Series(np.arange(len(grid)), index=grid)
    here = pos.reindex(pd.DatetimeIndex(out["date"])).to_numpy()
    traded = ~out["suspended"].to_numpy()
    # previous *traded* row and whether it is the immediately preceding session
    prev_pos = pd.Series(np.where(traded, here, np.nan)).shift(1).ffill().to_numpy()
    contiguous = (here - prev_pos) == 1
    px = out[price].astype(float)
    prev_px = px.where(out["suspended"].eq(False)).shift(1).ffill()
    naive = (px / prev_px - 1.0).where(contiguous)
    given = _reference_return(out)
    ret = given.where(given.notna(), naive) if given is not None else naive
    gap_after = ~contiguous & ~np.isnan(prev_pos) & traded
    out["ret"] = ret.where(traded).astype(float)
    if given is not None:
        kept = gap_after & given.notna().to_numpy()
        out["flag"] = add_flag(out["flag"], kept, "prev_close_after_gap")
        gap_after = gap_after & ~kept
    out["flag"] = add_flag(out["flag"], gap_after, "gap_before")
    return out


def _reference_return(frame: pd.DataFrame) -> pd.Series | None:
    if "ret" in frame and frame["ret"].notna().any():
        return frame["ret"].astype(float)
    if "prev_close" in frame:
        return frame["close"].astype(float) / frame["prev_close"].astype(float) - 1.0
    return None


def finish_canonical(frame: pd.DataFrame, *, ticker: str, source: str) -> pd.DataFrame:
    """Give ``frame`` exactly the canonical columns and dtypes (missing ones are NaN)."""
    out = pd.DataFrame(index=frame.index)
    out["date"] = pd.to_datetime(frame["date"]).astype("datetime64[ns]")
    out["ticker"] = pd.Series(ticker, index=frame.index, dtype=object)
    for col in _FLOATS:
        out[col] = frame[col].astype(float) if col in frame else np.nan
    out["suspended"] = frame["suspended"].astype(bool) if "suspended" in frame else False
    out["source"] = frame["source"].astype(object) if "source" in frame else source
    out["flag"] = frame["flag"].fillna("").astype(object) if "flag" in frame else ""
    out["ticker"] = out["ticker"].astype(object)
    return out.reset_index(drop=True)


def validate_canonical(frame: pd.DataFrame, *, ticker: str, source: str) -> pd.DataFrame:
    """Check a canonical frame and return it; raise ``ProviderError`` naming the defect.

    Checks: all columns present; ``date`` tz-naive, unique and increasing; no weekend
    dates; ``ret`` finite or NaN and NaN on suspended rows; prices positive.
    """
    where = f"{source} data for {ticker!r}"
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise ProviderError(f"{where} lacks columns {missing}; the vendor format changed?")
    dates = pd.DatetimeIndex(frame["date"])
    if dates.tz is not None or dates.hasnans:
        raise ProviderError(f"{where} has missing or tz-aware dates; expected naive dates")
    if not dates.is_monotonic_increasing or dates.has_duplicates:
        raise ProviderError(f"{where} has unsorted or duplicate dates; expected one row a day")
    if (dates.day_of_week >= 5).any():
        bad = dates[dates.day_of_week >= 5][0].date()
        raise ProviderError(f"{where} has a weekend date {bad}; expected trading days only")
    ret = frame["ret"].to_numpy(dtype=float)
    if np.isinf(ret).any():
        raise ProviderError(f"{where} has infinite returns (a zero price?); check the source")
    if frame.loc[frame["suspended"], "ret"].notna().any():
        raise ProviderError(f"{where} has returns on suspended sessions; they must be NaN")
    prices = frame[["close", "adj_close"]].to_numpy(dtype=float)
    if (prices[~np.isnan(prices)] <= 0).any():
        raise ProviderError(f"{where} has non-positive prices; check the source")
    return frame
