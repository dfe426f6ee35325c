"""Checks of CLI option values and input files, run before any data is loaded.

Each check refuses a careless or hostile value with a message naming it, so nothing runs
for minutes, fills the disk or silently means something else ("--tickers ''" is not
"every ticker", "--out ''" is not the current folder).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd
import typer

from reequity.errors import ConfigurationError
from reequity.study.windows import MAX_OFFSET

__all__ = [
    "DATE_MAX",
    "DATE_MIN",
    "MAX_DAYS",
    "MAX_LAG",
    "check_date",
    "check_days",
    "csv_header",
    "out_path",
    "refuse_empty_list",
]

#: no series of the universe starts before 1990 (the Shanghai exchange opened in 1990-12)
DATE_MIN = pd.Timestamp("1990-01-01")
#: a date option further ahead than this names no data that can exist
DATE_MAX_YEARS_AHEAD = 1
DATE_MAX = pd.Timestamp.now().normalize() + pd.DateOffset(years=DATE_MAX_YEARS_AHEAD)
#: trading days in 40 years: the longest window that can hold data (the engine's bound)
MAX_DAYS = MAX_OFFSET
#: a lead or lag of a year of trading days is the most a daily cross-correlation can mean
MAX_LAG = 250
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_HEADER_BYTES = 1 << 20
#: longest ticker or event id accepted on the command line (as for events files)
MAX_ID_LENGTH = 200


def check_date(value: str | None, *, option: str) -> str | None:
    """A ``YYYY-MM-DD`` date between :data:`DATE_MIN` and :data:`DATE_MAX`, or None.

    ``nan``, ``NaT``, ``now``, ``today``, a time or an offset are refused: each would parse
    as some instant pandas picks, not the date the user meant.
    """
    if value is None:
        return None
    text = value.strip()
    try:
        if not _ISO.match(text):
            raise ValueError(text)
        day = pd.Timestamp(text)
    except (ValueError, OverflowError):
        raise typer.BadParameter(
            f"{value[:80]!r} is not a date; use YYYY-MM-DD, e.g. 2025-01-01", param_hint=option
        ) from None
    if not DATE_MIN <= day <= DATE_MAX:
        raise typer.BadParameter(
            f"{text!r} is outside {DATE_MIN:%Y-%m-%d}..{DATE_MAX:%Y-%m-%d}, where data can exist; "
            "give a date in that range, e.g. 2025-01-01",
            param_hint=option,
        )
    return text


def check_days(
    value: int, *, option: str, minimum: int, example: str, maximum: int = MAX_DAYS
) -> int:
    """An integer count of trading days between ``minimum`` and ``maximum``."""
    if value < minimum:
        low = "is negative" if minimum == 0 else f"is below {minimum}"
        raise typer.BadParameter(f"{value} {low}; try {example}", param_hint=option)
    if value > maximum:
        raise typer.BadParameter(
            f"{value} is above {maximum:,} trading days, more than any data holds; try {example}",
            param_hint=option,
        )
    return value


def out_path(value: str | Path) -> Path:
    """Parse an ``--out`` value: an empty or blank one is refused, not the current folder."""
    if isinstance(value, Path):  # the default, already a path
        return value
    if not value.strip():
        raise typer.BadParameter(
            f"{value!r} is empty; give an output folder, e.g. reequity-output (or '.' for "
            "the current folder)",
            param_hint="--out",
        )
    if "\x00" in value:
        raise typer.BadParameter(
            f"{value!r} holds a NUL byte; give a folder name", param_hint="--out"
        )
    return Path(value)


def refuse_empty_list(values: list[str] | str | None, parsed: list[str], *, option: str) -> None:
    """``--tickers ''`` or ``--event-ids ' , '`` name nothing: refuse instead of 'all'."""
    given = [values] if isinstance(values, str) else list(values or [])
    long = [v for v in parsed if len(v) > MAX_ID_LENGTH]
    if long:  # a 10 MB id would be copied into every message and output row
        raise typer.BadParameter(
            f"{long[0][:40]!r}... is {len(long[0]):,} characters long; ids have at most "
            f"{MAX_ID_LENGTH}",
            param_hint=option,
        )
    if given and not parsed:
        raise typer.BadParameter(
            f"{', '.join(map(repr, given))[:80]} names no item; leave the option out for "
            "the default, or give comma-separated ids",
            param_hint=option,
        )


def csv_header(path: Path, what: str) -> list[str]:
    """The header of a CSV file, refusing repeated names (pandas would rename ``A`` to
    ``A.1`` and study the copy as a second ticker)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(_HEADER_BYTES).decode("utf-8-sig", errors="replace")
    except OSError as exc:
        raise ConfigurationError(
            f"{what} {str(path)!r} cannot be read ({exc.strerror or exc})"
        ) from None
    first = head.splitlines()[0] if head.strip() else ""
    try:
        header = [name.strip() for name in next(csv.reader(io.StringIO(first)), [])]
    except csv.Error as exc:
        raise ConfigurationError(f"{what} {str(path)!r} has an unreadable header: {exc}") from None
    seen: set[str] = set()
    repeated = [n for n in header if n in seen or seen.add(n)]  # type: ignore[func-returns-value]
    if repeated:
        raise ConfigurationError(
            f"{what} {str(path)!r} has repeated column(s) "
            f"{', '.join(map(repr, dict.fromkeys(repeated)))}; each ticker must be one column: "
            "drop or rename the copies"
        )
    return header
