"""The event catalogue: dated rare-earth policy events and market confounders.

The shipped ``catalogue.csv`` lists China's rare-earth and critical-mineral export policy since
2010, the main Western responses, and confounding market events (tariff announcements, crashes)
so that a study can warn when its windows overlap them. Every row carries source references;
descriptions are in our own words. Dates are local dates in the row's ``timezone``. A row
whose publication time is known carries it (``time``, with ``time_source``); one without
says so (``time_known`` False). Where news reached markets before the formal act, the
information event is a row of its own and the formal one names it in ``follows``.
"""

from __future__ import annotations

import re
from importlib import resources
from os import PathLike
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd

from reequity.errors import EventFormatError

__all__ = ["CATALOGUE_COLUMNS", "load_catalogue", "split_list"]

CATALOGUE_COLUMNS = [
    "event_id",
    "date",
    "time",
    "timezone",
    "time_known",
    "time_source",
    "event_type",
    "actors",
    "elements",
    "title",
    "description",
    "sources",
    "confounder",
    "follows",
]
#: columns a user catalogue may leave out (filled in: time_known from time, the rest blank)
OPTIONAL_COLUMNS = ("time_known", "time_source", "follows")
_SLUG = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")
_TIME = re.compile(r"^(?:[01][0-9]|2[0-3]):[0-5][0-9]$")
_BOOL = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False, "": False}


def load_catalogue(
    path: str | PathLike[str] | None = None, *, include_confounders: bool = True
) -> pd.DataFrame:
    """Load and validate an event catalogue.

    Parameters
    ----------
    path : str or PathLike, optional
        A catalogue CSV; default the one shipped with the package.
    include_confounders : bool, default True
        Keep rows with ``confounder == True`` (market-moving events that are not rare-earth
        policy, e.g. the 2025-04-02 US tariffs).

    Returns
    -------
    pandas.DataFrame
        Columns ``event_id, date, time, timezone, time_known, time_source, event_type,
        actors, elements, title, description, sources, confounder, follows``, sorted by
        date. ``date`` is a Timestamp (local calendar date), ``time`` "HH:MM" or "",
        ``time_known`` is False for a row whose publication time was not found (a study
        then records a ``time_unknown`` issue, see README "Day 0"), ``time_source`` says
        where the time comes from, ``actors``/``elements``/``sources`` are
        semicolon-separated strings, ``confounder`` is bool, ``follows`` names the
        event_id of the information event a formal act follows (or ""). A user
        catalogue may omit ``time_known`` (taken from ``time``), ``time_source`` and
        ``follows``.

    Raises
    ------
    EventFormatError
        A missing column, a duplicate or malformed ``event_id``, an unparseable date, a time
        that is not HH:MM, an unknown time zone or a non-boolean ``confounder``; the message
        names the file, row and column.

    Examples
    --------
    >>> cat = load_catalogue()
    >>> cat.set_index("event_id").loc["cn_export_controls_2025_04_04", "date"].date()
    datetime.date(2025, 4, 4)
    """
    if path is None:  # the shipped file is read once per process (and again if it changes)
        key = (include_confounders, _shipped_stamp())
        if key not in _SHIPPED:
            _SHIPPED.clear()
            _SHIPPED[key] = _load(None, include_confounders)
        return _SHIPPED[key].copy(deep=True)  # a copy: callers may modify their frame
    return _load(path, include_confounders)


# Every extraction and every mentions -> events step loads the default catalogue; parsing and
# validating it each time cost about a tenth of the extraction time on a 1 MB dump.
_SHIPPED: dict[tuple[bool, tuple[int, int]], pd.DataFrame] = {}


def _shipped_stamp() -> tuple[int, int]:
    try:
        stat = Path(str(resources.files("reequity.events").joinpath("catalogue.csv"))).stat()
    except (OSError, TypeError):  # not a plain file (zipped package): never reuse
        return (-1, id(object()))
    return (stat.st_mtime_ns, stat.st_size)


def _load(path: str | PathLike[str] | None, include_confounders: bool) -> pd.DataFrame:
    origin = str(path) if path is not None else "the shipped catalogue.csv"
    frame = _read(path, origin)
    for column in OPTIONAL_COLUMNS:
        if column not in frame.columns:
            frame[column] = (
                frame["time"].astype(str).str.strip().ne("").map(str)
                if (column == "time_known" and "time" in frame.columns)
                else ""
            )
    missing = [c for c in CATALOGUE_COLUMNS if c not in frame.columns]
    if missing:
        raise EventFormatError(
            f"{origin} lacks column(s) {missing}; a catalogue needs {CATALOGUE_COLUMNS}."
        )
    frame = frame[CATALOGUE_COLUMNS].copy()
    for column in CATALOGUE_COLUMNS:
        frame[column] = frame[column].astype(str).str.strip()
    _validate(frame, origin)
    frame["date"] = pd.to_datetime(frame["date"], format="%Y-%m-%d")
    frame["timezone"] = frame["timezone"].replace("", "Asia/Shanghai")
    frame["confounder"] = frame["confounder"].str.lower().map(_BOOL).astype(bool)
    frame["time_known"] = frame["time_known"].str.lower().map(_BOOL).astype(bool)
    if not include_confounders:
        frame = frame[~frame["confounder"]]
    return frame.sort_values(["date", "event_id"], kind="stable").reset_index(drop=True)


def _read(path: str | PathLike[str] | None, origin: str) -> pd.DataFrame:
    try:
        if path is None:
            with resources.files("reequity.events").joinpath("catalogue.csv").open("rb") as fh:
                return pd.read_csv(fh, dtype=str, keep_default_na=False)
        return pd.read_csv(Path(path), dtype=str, keep_default_na=False)
    except FileNotFoundError as exc:
        raise EventFormatError(f"catalogue file {origin} not found; check the path.") from exc
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise EventFormatError(f"{origin} is not a readable CSV catalogue: {exc}.") from exc


def _validate(frame: pd.DataFrame, origin: str) -> None:
    seen: set[str] = set()
    for row, record in enumerate(frame.to_dict("records"), start=2):  # row 1 is the header
        where = f"{origin} row {row}"
        event_id = record["event_id"]
        if not _SLUG.match(event_id):
            _fail(
                where, "event_id", event_id, "a lower-case slug like cn_export_controls_2025_04_04"
            )
        if event_id in seen:
            _fail(where, "event_id", event_id, "a unique id (this one appears twice)")
        seen.add(event_id)
        if pd.to_datetime(record["date"], format="%Y-%m-%d", errors="coerce") is pd.NaT:
            _fail(where, "date", record["date"], "an ISO date YYYY-MM-DD")
        if record["time"] and not _TIME.match(record["time"]):
            _fail(where, "time", record["time"], "HH:MM (24h) or empty")
        if record["timezone"]:
            try:
                ZoneInfo(record["timezone"])
            except (ZoneInfoNotFoundError, ValueError):
                _fail(where, "timezone", record["timezone"], "an IANA zone such as Asia/Shanghai")
        if not record["event_type"]:
            _fail(where, "event_type", "", "a type such as export_control")
        if record["confounder"].lower() not in _BOOL:
            _fail(where, "confounder", record["confounder"], "True or False")
        known = record["time_known"].lower()
        if known not in _BOOL or _BOOL[known] != bool(record["time"]):
            _fail(where, "time_known", record["time_known"], "True with a time, False without")
    ids = set(frame["event_id"])
    for row, record in enumerate(frame.to_dict("records"), start=2):
        if record["follows"] and record["follows"] not in ids:
            _fail(
                f"{origin} row {row}", "follows", record["follows"], "the event_id of another row"
            )


def _fail(where: str, column: str, value: str, valid: str) -> None:
    raise EventFormatError(f"{where}, column {column!r}: got {value!r}; expected {valid}.")


def split_list(value: object) -> tuple[str, ...]:
    """Split a semicolon-separated cell into a tuple of stripped, non-empty items."""
    if not isinstance(value, str):
        return ()
    return tuple(item.strip() for item in value.split(";") if item.strip())
