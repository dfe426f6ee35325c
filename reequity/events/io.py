"""Read an events file for the event study: a catalogue-style CSV or ``events extract`` output."""

from __future__ import annotations

import re
from os import PathLike
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd

from reequity.errors import EventFormatError

__all__ = ["EVENTS_COLUMNS", "load_events"]

EVENTS_COLUMNS = ["event_id", "date", "time", "timezone", "title", "event_type", "confounder"]
DEFAULT_TZ = "Asia/Shanghai"
_TIME = re.compile(r"^(?:[01][0-9]|2[0-3]):[0-5][0-9]$")
_TRUE = {"true", "1", "yes"}


def load_events(path: str | PathLike[str]) -> pd.DataFrame:
    """Load event dates from a catalogue-style CSV or from the CSV of ``events extract``.

    Parameters
    ----------
    path : str or PathLike
        Either a CSV with a ``date`` column (``event_id``, ``time``, ``timezone``, ``title``,
        ``event_type``, ``confounder`` optional), or the output of ``reequity events extract
        --format csv`` (recognised by its ``event_date`` column).

    Returns
    -------
    pandas.DataFrame
        Columns ``event_id, date, time, timezone, title, event_type, confounder``, one row
        per event, sorted by date. From extract output: the rows are read as mentions and
        turned into events by :func:`reequity.events.mentions.mentions_to_events` (linked
        mentions give their catalogue event, unlinked day-level policy mentions give
        ``mention_<date>_<type>`` events, repeats are kept once, and the catalogue's
        confounders are appended for the study's checks).

    Raises
    ------
    EventFormatError
        Missing file, empty file, no ``date``/``event_date`` column, an unparseable date,
        a malformed time or time zone; the message names the file, column and value.
    """
    origin = str(path)
    frame = _read(Path(path), origin)
    if "event_date" in frame.columns:
        events = _from_extract(frame, origin)
    elif "date" in frame.columns:
        events = _from_catalogue_style(frame, origin)
    else:
        raise EventFormatError(
            f"{origin} has no 'date' or 'event_date' column (columns: {list(frame.columns)}); "
            "pass a catalogue-style CSV or the CSV written by 'reequity events extract'."
        )
    if events.empty:
        raise EventFormatError(
            f"{origin} holds no usable event (no dated rows, or no linked/day-level policy "
            "mentions); check the file."
        )
    return events.sort_values(["date", "event_id"], kind="stable").reset_index(drop=True)


def _read(path: Path, origin: str) -> pd.DataFrame:
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except FileNotFoundError as exc:
        raise EventFormatError(f"events file {origin} not found; check the path.") from exc
    except pd.errors.EmptyDataError as exc:
        raise EventFormatError(
            f"events file {origin} is empty; it needs a header and rows."
        ) from exc
    except (pd.errors.ParserError, UnicodeDecodeError, IsADirectoryError) as exc:
        raise EventFormatError(f"events file {origin} is not a readable CSV: {exc}.") from exc
    if frame.empty:
        raise EventFormatError(f"events file {origin} has a header but no rows.")
    return frame.apply(lambda col: col.str.strip())


def _dates(frame: pd.DataFrame, column: str, origin: str) -> pd.Series:
    """Parse ``column`` (empty cells -> NaT); any other unparseable value is an error."""
    parsed = pd.to_datetime(frame[column], errors="coerce", format="ISO8601")
    bad = parsed.isna() & (frame[column] != "")
    if bad.any():
        row = int(bad.idxmax())
        raise EventFormatError(
            f"{origin} row {row + 2}, column {column!r}: {frame.at[row, column]!r} is not a date; "
            "use YYYY-MM-DD."
        )
    return (
        parsed.dt.tz_localize(None).dt.normalize()
        if parsed.dt.tz is not None
        else parsed.dt.normalize()
    )


def _from_catalogue_style(frame: pd.DataFrame, origin: str) -> pd.DataFrame:
    dates = _dates(frame, "date", origin)
    if (frame["date"] == "").any():
        row = int((frame["date"] == "").idxmax())
        raise EventFormatError(
            f"{origin} row {row + 2}, column 'date' is empty; every event needs a date."
        )
    out = pd.DataFrame({"date": dates})
    out["event_id"] = frame.get("event_id", pd.Series("", index=frame.index))
    missing = out["event_id"] == ""
    out.loc[missing, "event_id"] = [
        f"event_{d:%Y_%m_%d}_{i}" for i, d in zip(out.index[missing], dates[missing], strict=True)
    ]
    out["time"] = frame.get("time", "")
    out["timezone"] = (
        frame.get("timezone", "").replace("", DEFAULT_TZ) if "timezone" in frame else DEFAULT_TZ
    )
    out["title"] = frame.get("title", "")
    out["event_type"] = frame.get("event_type", "")
    out["confounder"] = (
        frame["confounder"].str.lower().isin(_TRUE) if "confounder" in frame else False
    )
    _check_times(out, origin)
    if out["event_id"].duplicated().any():
        dup = out.loc[out["event_id"].duplicated(), "event_id"].iloc[0]
        raise EventFormatError(
            f"{origin}, column 'event_id': {dup!r} appears twice; ids must be unique."
        )
    return out[EVENTS_COLUMNS]


def _check_times(out: pd.DataFrame, origin: str) -> None:
    for row, (time, zone) in enumerate(zip(out["time"], out["timezone"], strict=True), start=2):
        if time and not _TIME.match(time):
            raise EventFormatError(
                f"{origin} row {row}, column 'time': {time!r} is not HH:MM (24h)."
            )
        try:
            ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise EventFormatError(
                f"{origin} row {row}, column 'timezone': {zone!r} is not an IANA zone such as Asia/Shanghai."
            ) from exc


def _from_extract(frame: pd.DataFrame, origin: str) -> pd.DataFrame:
    """``events extract`` output: parse its date columns, then the in-memory step."""
    from reequity.events.mentions import mentions_to_events

    mentions = frame.copy()
    for column in ("date_start", "date_end", "event_date"):
        if column in mentions:
            mentions[column] = _dates(frame, column, origin)
    events, _ = mentions_to_events(mentions, confounders=True)
    return events[EVENTS_COLUMNS]
