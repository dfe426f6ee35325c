"""Read a user's wide returns CSV (first column ``date``, one column per ticker).

The checks refuse what would otherwise become a silently wrong study: a repeated column
(pandas would rename ``A`` to ``A.1`` and study the copy as a second ticker), a typo
("0.01x") read as a missing day, a zero price turned into an infinite return.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd

from reequity.errors import ConfigurationError, EventFormatError

__all__ = ["csv_header", "read_returns_file"]

_HEADER_BYTES = 1 << 20


def csv_header(path: Path, what: str) -> list[str]:
    """The header of a CSV file, refusing repeated names (pandas would rename ``A`` to
    ``A.1`` and study the copy as a second ticker).

    Parameters
    ----------
    path : Path
        The CSV file.
    what : str
        How messages name the file (e.g. ``"--returns file"``).

    Returns
    -------
    list of str
        The column names of the first line.
    """
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


def read_returns_file(path: str | Path, *, what: str = "returns file") -> pd.DataFrame:
    """A wide returns CSV as floats: DatetimeIndex ``date``, one column per ticker.

    Parameters
    ----------
    path : str or Path
        The CSV file: first column dates, then one column of simple returns per ticker
        (an empty cell is a missing return).
    what : str, default "returns file"
        How messages name the file (the CLI says ``"--returns file"``).

    Returns
    -------
    DataFrame

    Raises
    ------
    ConfigurationError
        The file does not exist, cannot be read or repeats a column name.
    EventFormatError
        No dates or no columns, or a cell that is not a finite number (the column, date
        and value are named).
    """
    path = Path(path)
    if not path.is_file():
        raise ConfigurationError(f"{what} {str(path)!r} does not exist")
    csv_header(path, what)  # a repeated column would become 'A' and 'A.1'
    try:
        frame = pd.read_csv(path, index_col=0, parse_dates=[0])
    except (ValueError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise EventFormatError(f"cannot read returns file {str(path)!r}: {exc}") from None
    if not isinstance(frame.index, pd.DatetimeIndex) or frame.empty:
        raise EventFormatError(
            f"returns file {str(path)!r} must have a first column of dates and one column "
            "of returns per ticker"
        )
    frame.index.name = "date"
    numbers = frame.apply(pd.to_numeric, errors="coerce").astype(float)
    # a typo ("0.01x") must not become a silent NaN, nor a zero price an infinite return
    bad = (numbers.isna() & frame.notna()) | np.isinf(numbers)
    if bad.to_numpy().any():
        row, col = np.argwhere(bad.to_numpy())[0]
        raise EventFormatError(
            f"returns file {str(path)!r}, column {str(frame.columns[col])!r}, date "
            f"{frame.index[row]:%Y-%m-%d}: {str(frame.iat[row, col])!r} is not a finite number; "
            "leave the cell empty for a missing return"
        )
    return numbers
