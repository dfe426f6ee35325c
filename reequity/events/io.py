"""Read an events file for the event study: a catalogue-style CSV or ``events extract`` output."""

from __future__ import annotations

import csv
import io
import re
from os import PathLike
from pathlib import Path

import pandas as pd

from reequity.data.zones import When, parse_when, parse_zone
from reequity.errors import EventFormatError

__all__ = ["EVENTS_COLUMNS", "load_events"]

EVENTS_COLUMNS = ["event_id", "date", "time", "timezone", "title", "event_type", "confounder"]
DEFAULT_TZ = "Asia/Shanghai"
_TIME = re.compile(r"^(?:[01][0-9]|2[0-3]):[0-5][0-9]$")
_TRUE = {"true", "1", "yes"}
#: an events list of 64 MB is ~1 million rows; anything larger is not an events file
MAX_EVENTS_BYTES = 64 * 2**20
#: longest event id: ids label every output row; a megabyte id would fill the memory
MAX_ID_LENGTH = 200


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
    text = _read_text(path, origin)
    _check_field_counts(text, origin)
    try:
        # index_col=False: a row with an extra field must not turn the ids into an index
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, index_col=False)
    except pd.errors.EmptyDataError as exc:
        raise EventFormatError(
            f"events file {origin} is empty; it needs a header and rows."
        ) from exc
    except (pd.errors.ParserError, ValueError) as exc:
        raise EventFormatError(f"events file {origin} is not a readable CSV: {exc}.") from exc
    if frame.empty:
        raise EventFormatError(f"events file {origin} has a header but no rows.")
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame.fillna("").apply(lambda col: col.str.strip())


def _read_text(path: Path, origin: str) -> str:
    """The file's text, refusing what is no regular file or too large for an events list."""
    try:
        if not path.exists():
            raise EventFormatError(f"events file {origin} not found; check the path.")
        if not path.is_file():
            raise EventFormatError(
                f"events file {origin} is not a regular file (a folder or device); pass a CSV."
            )
        if path.stat().st_size > MAX_EVENTS_BYTES:
            raise EventFormatError(
                f"events file {origin} is {path.stat().st_size:,} bytes, more than the "
                f"{MAX_EVENTS_BYTES:,} an events list needs; pass the events CSV."
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise EventFormatError(
            f"events file {origin} cannot be read ({exc.strerror or exc}); check the path."
        ) from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise EventFormatError(
            f"events file {origin} is not UTF-8 text (byte {exc.start}); re-save it as UTF-8 CSV."
        ) from exc


def _check_field_counts(text: str, origin: str) -> None:
    """Refuse a row with more fields than the header: pandas would shift its columns."""
    rows = csv.reader(io.StringIO(text))
    try:
        header = next(rows, None)
        for row in rows:
            if header is not None and len(row) > len(header):
                raise EventFormatError(
                    f"events file {origin} line {rows.line_num} has {len(row)} fields but the "
                    f"header has {len(header)}; quote cells that hold commas or fix the row."
                )
    except csv.Error as exc:
        if "field limit" in str(exc):  # the csv module stops at 131,072 characters a cell
            raise EventFormatError(
                f"events file {origin} line {rows.line_num} holds a cell longer than "
                f"{csv.field_size_limit():,} characters; no event field is that long (event ids "
                f"at most {MAX_ID_LENGTH}): fix the file."
            ) from None
        raise EventFormatError(f"events file {origin} is not a readable CSV: {exc}.") from exc


def _whens(frame: pd.DataFrame, column: str, origin: str) -> list[When | None]:
    """Parse ``column`` cell by cell (empty -> None); any other unreadable value is an error.

    Each cell keeps its own clock time and UTC offset, so one file may mix offsets."""
    out: list[When | None] = []
    for row, cell in enumerate(frame[column], start=2):
        when = parse_when(cell) if cell else None
        if cell and when is None:
            raise EventFormatError(
                f"{origin} row {row}, column {column!r}: {cell[:80]!r} is not a date; use "
                "YYYY-MM-DD (optionally THH:MM with a UTC offset, e.g. 2025-10-09T23:30-05:00)."
            )
        out.append(when)
    return out


def _dates(frame: pd.DataFrame, column: str, origin: str) -> pd.Series:
    """Calendar dates of ``column`` (empty cells -> NaT); see :func:`_whens`."""
    whens = _whens(frame, column, origin)
    return pd.Series(
        [pd.NaT if w is None else w.date for w in whens], index=frame.index, dtype="datetime64[ns]"
    )


def _from_catalogue_style(frame: pd.DataFrame, origin: str) -> pd.DataFrame:
    if (frame["date"] == "").any():
        row = int((frame["date"] == "").idxmax())
        raise EventFormatError(
            f"{origin} row {row + 2}, column 'date' is empty; every event needs a date."
        )
    whens = _whens(frame, "date", origin)
    dates = pd.Series([w.date for w in whens], index=frame.index, dtype="datetime64[ns]")
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
    _merge_clock(out, whens, origin)
    out["title"] = frame.get("title", "")
    out["event_type"] = frame.get("event_type", "")
    out["confounder"] = (
        frame["confounder"].str.lower().isin(_TRUE) if "confounder" in frame else False
    )
    _check_times(out, origin)
    long = out["event_id"].str.len() > MAX_ID_LENGTH
    if long.any():
        row = int(long.to_numpy().argmax()) + 2
        raise EventFormatError(
            f"{origin} row {row}, column 'event_id' is {len(out['event_id'].iat[row - 2]):,} "
            f"characters long (at most {MAX_ID_LENGTH}); give short ids such as mofcom_2025_10_09."
        )
    if out["event_id"].duplicated().any():
        dup = out.loc[out["event_id"].duplicated(), "event_id"].iloc[0]
        raise EventFormatError(
            f"{origin}, column 'event_id': {dup[:80]!r} appears twice; ids must be unique."
        )
    return out[EVENTS_COLUMNS]


def _merge_clock(out: pd.DataFrame, whens: list[When | None], origin: str) -> None:
    """A clock time (and offset) written in the date cell becomes the row's time (and zone).

    An offset fixes the instant exactly, so it replaces the zone column; a midnight with no
    offset ("2025-10-09 00:00:00", as some tools write dates) stays a date-only event."""
    for i, when in zip(out.index, whens, strict=True):
        if when is None or not when.time or (when.time == "00:00" and not when.zone):
            continue
        given = out.at[i, "time"]
        if given and given != when.time:
            raise EventFormatError(
                f"{origin} row {i + 2}: column 'date' says {when.time} but column 'time' says "
                f"{given!r}; give the time once."
            )
        out.at[i, "time"] = when.time
        if when.zone:
            out.at[i, "timezone"] = when.zone


def _check_times(out: pd.DataFrame, origin: str) -> None:
    for row, (time, zone) in enumerate(zip(out["time"], out["timezone"], strict=True), start=2):
        if time and not _TIME.match(time):
            raise EventFormatError(
                f"{origin} row {row}, column 'time': {time[:80]!r} is not HH:MM (24h)."
            )
        try:
            parse_zone(zone)
        except EventFormatError as exc:
            raise EventFormatError(
                f"{origin} row {row}, column 'timezone': {zone[:80]!r} is not an IANA zone such "
                "as Asia/Shanghai nor a UTC offset such as UTC+08:00."
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
