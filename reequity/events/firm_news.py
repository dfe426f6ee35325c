"""Firm-specific news: earnings releases, government and offtake deals, capital raisings.

A firm's own news moves its price for reasons unrelated to the policy event being studied.
The shipped ``firm_news.csv`` lists such items for the universe's main names (2023-2026),
each with its publication date, time where a source gives one, time zone, kind, a title in
our own words and the source references. A study uses it twice, for that firm only: an item
inside an event window is a firm-specific confounder issue, and the sessions around it
leave the firm's estimation windows (``clean_estimation``).

Only items a source confirms are listed; a firm without rows had no item we could source.
"""

from __future__ import annotations

import re
from importlib import resources
from os import PathLike
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd

from reequity.errors import EventFormatError

__all__ = ["FIRM_NEWS_COLUMNS", "NEWS_KINDS", "load_firm_news", "firm_news_confounders"]

FIRM_NEWS_COLUMNS = ["ticker", "date", "time", "timezone", "time_note", "kind", "title", "sources"]
NEWS_KINDS = (
    "earnings",
    "quarterly_report",
    "government_deal",
    "offtake",
    "partnership",
    "capital_raising",
    "acquisition",
    "listing",
    "index_change",
)
_TIME = re.compile(r"^(?:[01][0-9]|2[0-3]):[0-5][0-9]$")


def load_firm_news(
    path: str | PathLike[str] | None = None, *, tickers: list[str] | None = None
) -> pd.DataFrame:
    """Load and validate the firm-news table.

    Parameters
    ----------
    path : str or PathLike, optional
        A CSV with the columns below; default the one shipped with the package.
    tickers : list of str, optional
        Keep only these tickers.

    Returns
    -------
    pandas.DataFrame
        ``ticker, date, time, timezone, time_note, kind, title, sources`` sorted by date:
        ``date`` a Timestamp (local date in ``timezone``), ``time`` "HH:MM" or "" (a
        publication time makes day 0 the first session closing after it), ``kind`` one of
        :data:`NEWS_KINDS`, ``sources`` semicolon-separated URLs.

    Raises
    ------
    EventFormatError
        A missing column or a malformed cell; the message names the file, row and column.

    Examples
    --------
    >>> news = load_firm_news(tickers=["MP"])
    >>> news.loc[news["date"] == "2025-11-06", ["time", "kind"]].iloc[0].tolist()
    ['16:05', 'earnings']
    """
    origin = str(path) if path is not None else "the shipped firm_news.csv"
    try:
        if path is None:
            with resources.files("reequity.events").joinpath("firm_news.csv").open("rb") as fh:
                frame = pd.read_csv(fh, dtype=str, keep_default_na=False)
        else:
            frame = pd.read_csv(Path(path), dtype=str, keep_default_na=False)
    except FileNotFoundError as exc:
        raise EventFormatError(f"firm-news file {origin} not found; check the path.") from exc
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise EventFormatError(f"{origin} is not a readable firm-news CSV: {exc}.") from exc
    missing = [c for c in FIRM_NEWS_COLUMNS if c not in frame.columns]
    if missing:
        raise EventFormatError(f"{origin} lacks column(s) {missing}; it needs {FIRM_NEWS_COLUMNS}.")
    frame = frame[FIRM_NEWS_COLUMNS].apply(lambda c: c.astype(str).str.strip())
    for row, record in enumerate(frame.to_dict("records"), start=2):
        _check_row(record, f"{origin} row {row}")
    frame["date"] = pd.to_datetime(frame["date"], format="%Y-%m-%d")
    if tickers is not None:
        frame = frame[frame["ticker"].isin([str(t) for t in tickers])]
    return frame.sort_values(["date", "ticker"], kind="stable").reset_index(drop=True)


def _check_row(record: dict[str, str], where: str) -> None:
    def fail(column: str, valid: str) -> None:
        raise EventFormatError(
            f"{where}, column {column!r}: got {record[column]!r}; expected {valid}."
        )

    if not record["ticker"]:
        fail("ticker", "a universe ticker such as MP or LYC.AX")
    if pd.to_datetime(record["date"], format="%Y-%m-%d", errors="coerce") is pd.NaT:
        fail("date", "an ISO date YYYY-MM-DD")
    if record["time"] and not _TIME.match(record["time"]):
        fail("time", "HH:MM (24h) or empty")
    try:
        ZoneInfo(record["timezone"])
    except (ZoneInfoNotFoundError, ValueError):
        fail("timezone", "an IANA zone such as America/New_York")
    if record["kind"] not in NEWS_KINDS:
        fail("kind", f"one of {', '.join(NEWS_KINDS)}")
    if not record["sources"]:
        fail("sources", "at least one source URL")


def firm_news_confounders(news: pd.DataFrame) -> pd.DataFrame:
    """Firm news as per-ticker confounders for :func:`reequity.event_study`.

    Returns ``event_id, date, time, timezone, title, ticker`` with ids such as
    ``news_MP_2025_11_06_earnings``.
    """
    ids = (
        "news_"
        + news["ticker"].str.replace(".", "_", regex=False)
        + "_"
        + news["date"].dt.strftime("%Y_%m_%d")
        + "_"
        + news["kind"]
    )
    return pd.DataFrame(
        {
            "event_id": ids.to_numpy(),
            "date": news["date"].to_numpy(),
            "time": news["time"].to_numpy(),
            "timezone": news["timezone"].to_numpy(),
            "title": (news["ticker"] + " firm news: " + news["title"]).to_numpy(),
            "ticker": news["ticker"].to_numpy(),
        }
    )
