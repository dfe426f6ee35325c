"""Checks of the cache's contents: manifest fields, the schema of a cached frame, and
the temp files a killed writer left behind.

A manifest with ``rows: "abc"`` or a parquet file with text returns or tz-aware dates (written
by another tool, or edited) is refused with :class:`~reequity.errors.CacheCorruptError`
naming the file, instead of a traceback or numbers computed from text.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from reequity.errors import CacheCorruptError

__all__ = ["STALE_TMP_SECONDS", "check_schema", "fields_ok", "remove_stale_tmp"]

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


#: a temp file older than this belongs to no live writer (a write takes seconds)
STALE_TMP_SECONDS = 15 * 60


def remove_stale_tmp(root: Path, *, keep: tuple[Path, ...] = ()) -> None:
    """Remove ``.*.tmp`` files a killed writer left (caller holds the lock). Young ones are
    kept: another writer may be between writing its temp file and taking the lock."""
    now = datetime.now(UTC).timestamp()
    for leftover in root.glob(".*.tmp"):
        try:
            if leftover not in keep and now - leftover.stat().st_mtime > STALE_TMP_SECONDS:
                leftover.unlink()
        except OSError:  # gone already, or not ours to remove: leave it
            continue


def fields_ok(entry: dict[str, Any]) -> bool:
    """Optional manifest fields hold what readers expect (``rows: "abc"`` does not)."""
    rows = entry.get("rows", 0)
    if isinstance(rows, bool) or not isinstance(rows, int) or rows < 0:
        return False
    for name in ("first", "last"):
        value = entry.get(name)
        if value is not None and (not isinstance(value, str) or not _DATE.match(value)):
            return False
    return True


def check_schema(frame: pd.DataFrame, path: Path) -> pd.DataFrame:
    """A cached frame has naive dates and numeric prices and returns; anything else (text
    returns, tz-aware dates from another tool) is refused, not computed on."""
    problem = None
    if "date" not in frame or not pd.api.types.is_datetime64_dtype(frame["date"].dtype):
        kind = frame["date"].dtype if "date" in frame else "missing"
        problem = f"its 'date' column is {kind}, not tz-naive dates"
    else:
        for col in ("open", "high", "low", "close", "adj_close", "volume", "ret"):
            if col in frame and not (
                pd.api.types.is_numeric_dtype(frame[col].dtype)
                and not pd.api.types.is_bool_dtype(frame[col].dtype)
            ):
                problem = f"its {col!r} column holds {frame[col].dtype}, not numbers"
                break
    if problem:
        raise CacheCorruptError(
            f"cache file {path} does not hold a price series ({problem}); delete it or "
            "re-fetch with --refresh"
        )
    return frame
