"""Checks of an event study's windows and events table, before any array is built.

* :func:`check_extent`: an event window longer than the rows of returns is refused, so
  ``windows=[(0, 100_000)]`` does not build (firm-events x 100,000) arrays of NaN.
* :func:`check_events` (the lengths alone: :func:`check_event_ids`): an event id longer
  than 200 characters, or one id with two different dates, is refused; the second would
  otherwise be collapsed into the first and its results would vanish without a word.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from reequity.errors import ConfigurationError, EventFormatError

if TYPE_CHECKING:
    from reequity.study.windows import WindowSpec

__all__ = ["check_event_ids", "check_events", "check_extent"]


def check_extent(spec: WindowSpec, returns: pd.DataFrame) -> None:
    """Refuse windows longer than the data, before any (firm-events x taus) array is made.

    A window of 100,000 days over 4,000 rows of returns is mostly NaN: it would write a
    table of hundreds of MB and report nothing the data can hold.

    Raises
    ------
    ConfigurationError
        Naming the window, its length and the number of rows.
    """
    rows = len(returns)
    if rows == 0:
        raise ConfigurationError(
            "returns has no rows; load returns covering the events (rq.load_returns(...))."
        )
    for a, b in spec.windows:  # a too long estimation window drops firm-events instead
        if b - a + 1 > rows:
            raise ConfigurationError(
                f"window {a}:{b} is {b - a + 1:,} trading days, longer than the {rows:,} rows "
                "of returns; shorten it or load a longer history."
            )


def check_event_ids(ids: pd.Series) -> None:
    """Refuse event ids (str) longer than ``MAX_ID_LENGTH`` characters.

    Raises
    ------
    EventFormatError
        Naming the first such id and its length.
    """
    from reequity.events.io import MAX_ID_LENGTH

    # lengths of the Python strings (one tolist), not a .str accessor pass
    if max(map(len, ids.tolist()), default=0) > MAX_ID_LENGTH:
        bad = ids[ids.str.len() > MAX_ID_LENGTH].iloc[0]
        raise EventFormatError(
            f"event id {bad[:40]!r}... is {len(bad):,} characters long (at most "
            f"{MAX_ID_LENGTH}); give events short ids such as mofcom_2025_10_09"
        )


def check_events(ev: pd.DataFrame) -> None:
    """Refuse an events table whose ids are too long or whose id names two different times.

    ``ev`` has ``event_id`` (str), ``date``, ``time``, ``timezone`` and ``ticker`` (None
    for "every ticker"). One id with two dates for the same ticker (or for every ticker)
    would be collapsed into one event and the other's results would vanish; one id may
    still carry a different date per ticker (firm-specific events such as earnings).

    Raises
    ------
    EventFormatError
        Naming the id and its dates.
    """
    ids = ev["event_id"]
    check_event_ids(ids)
    if ids.is_unique:  # an id given once cannot name two dates
        return
    when = (
        ev["date"].astype(str)
        + " " + ev["time"].fillna("").astype(str).str.strip()
        + " " + ev["timezone"].fillna("").astype(str).str.strip()
    )  # fmt: skip
    ticker = ev["ticker"].where(ev["ticker"].notna(), None).astype(object)
    frame = pd.DataFrame({"id": ids, "ticker": ticker.fillna("\x00all"), "when": when})
    dates = frame.groupby("id", sort=False)["when"].nunique()
    for event_id in dates.index[dates.to_numpy() > 1]:
        rows = frame[frame["id"] == event_id]
        per_ticker = rows.groupby("ticker")["when"].nunique()
        if (rows["ticker"] == "\x00all").any() or (per_ticker > 1).any():
            shown = ", ".join(sorted({str(d)[:10] for d in ev.loc[rows.index, "date"]})[:5])
            raise EventFormatError(
                f"event id {event_id[:80]!r} appears with different dates ({shown}); each event "
                "needs its own id: rename one (e.g. add _2) or drop the copy"
            )
