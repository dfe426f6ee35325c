"""Provenance of the source copies used by ``build_default_cache.py``.

* :func:`read_sources` parses the tables of ``SOURCES.md`` (and of the newer folder's
  ``SOURCES.md``) into file -> repo, path, commit, licence.
* :data:`WRITTEN_AT` records, per source commit, the earliest time that snapshot can have
  written its last row, with the evidence from the SOURCES.md notes. The build drops a last
  row written before its session's close (:func:`drop_intraday_tail`): dsturdy's US files
  were committed at 10:09 New York time on 2026-07-14, so their 2026-07-14 rows are
  intraday snapshots, not closes.
* :func:`licence_status` sums up the licences of a series' sources.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd

from reequity.data.stitch import is_intraday_last_row

NEWER = "newer_2026-12"

#: commit -> (earliest write time of its rows, evidence). A commit known only by its date
#: is 00:00 UTC of that date, which is before the write, so the check stays conservative.
WRITTEN_AT: dict[str, tuple[str, str]] = {
    "a206574f380c69cb147d5900c6115d54c74ce8d0": (
        "2026-07-14T10:09-04:00", "dsturdy commit at 10:09 ET, during the session"),
    "9cb2abf4ef9bc12c06ff389d7a9ff174e9a99057": (
        "2026-08-22T00:00Z", "financealerts HEAD written on Saturday 2026-08-22"),
    "f856d3620d95c494701f5fb8500386f46b775e93": (
        "2026-08-22T06:00Z", "zoomies refreshes at 06:00 UTC, before the US open, so a "
        "2026-08-21 row comes from the 2026-08-22 run"),
    "16995c5d11dbf59bfb60fbaa1b60e238acba5333": (
        "2026-08-21T20:00+08:00", "cateatcatx fetches csindex daily at 20:00 Beijing"),
    "c64d63ec34bea46aa07d828a296c14346b552be2": (
        "2026-08-21T17:10+08:00", "willinxusheng refreshes daily at about 17:10 Beijing"),
    "e36ca22e88ddbef27914a754394d4a539620e57a": ("2026-08-21T00:00Z", "hawchou commit date"),
    "3b32dbefce5ff71c4aabf3746fadd077a445b9ad": (
        "2025-11-13T08:44:30+08:00", "fish-etf 爬取时间 column"),
    "b8c9c503513d8cf4d785084e7b3a839a55259391": (
        "2025-11-13T08:44:30+08:00", "fish-etf 爬取时间 column"),
    "0e75ac3ed1d708f0dcf68bdf7d200d4183c35e87": (
        "2026-07-28T00:00Z", "WenxuanWu data frozen on 2026-07-28 (commit date)"),
    "052e7405537ac9d9978ee961dec6d0e8c121cfee": (
        "2026-05-11T00:00Z", "Uwater1 commit date (baostock pass ended 2026-01-23)"),
    "3faadcb5aa838eadeff89d5329b7eb2fedb7c20d": ("2026-08-01T00:00Z", "hriszc commit date"),
    "6605828f98c0bc73d781d3be2bb6c1b094092e31": ("2026-06-05T00:00Z", "asxgym commit date"),
    "3cd7b8f7b969cd28a5c9c725772e44b798fe781c": ("2026-08-22T00:00Z", "culolom HEAD date"),
    "93982f00aaf90fed9658fd3c025f6cfa3e58b0cd": ("2025-07-11T00:00Z", "chenkx commit date"),
    "e4c6e193f7d164a7fb380c7d3f2c367baa898b1f": ("2022-01-14T00:00Z", "ganlei333 commit date"),
    "d523c6260c593a5de1fb3fcbba65b7c4ca579396": ("2026-01-02T00:00Z", "naveenf commit date"),
}  # fmt: skip

DROPPED_INTRADAY: list[str] = []

#: Files SOURCES.md describes in its notes but leaves out of its tables: the ASX group's
#: notes name the XJO index rows of the same asxgym snapshots.
UNTABLED: dict[str, dict[str, str]] = {
    "au_idx_XJO_asx200_daily_2000-2026.csv": {
        "repo": "asxgym/asx_data_daily",
        "path": "data/price/YYYY/MM/stock_price_YYYY_MM_DD.csv (rows with code=xjo, concatenated)",
        "commit": "6605828f98c0bc73d781d3be2bb6c1b094092e31",
        "licence": "MIT (LICENSE in repo, (c) 2020 asxgym)",
        "note": "not in a SOURCES.md table; the ASX notes name ASX200 = XJO of these snapshots",
    },
}


def read_sources(source: Path) -> dict[str, dict[str, Any]]:
    """File name -> {file, repo, path, commit, licence, written_at} from the SOURCES.md
    tables; files of the newer folder are named ``newer_2026-12/<file>``."""
    out: dict[str, dict[str, Any]] = {f: {"file": f, **e} for f, e in UNTABLED.items()}
    for folder, prefix in ((source, ""), (source / NEWER, f"{NEWER}/")):
        notes = folder / "SOURCES.md"
        if not notes.is_file():
            continue
        for line in notes.read_text(encoding="utf-8").splitlines():
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) >= 5 and re.fullmatch(r"[0-9a-f]{40}", cells[3]):
                entry = {"file": prefix + cells[0], "repo": cells[1], "path": cells[2],
                         "commit": cells[3], "licence": cells[4]}  # fmt: skip
                out[prefix + cells[0]] = entry
    for entry in out.values():
        if entry["commit"] in WRITTEN_AT:
            entry["written_at"], entry["written_at_evidence"] = WRITTEN_AT[entry["commit"]]
    return out


def drop_intraday_tail(
    frame: pd.DataFrame, file: str, prov: dict[str, dict[str, Any]], *, exchange: str
) -> pd.DataFrame:
    """Drop the last row of a source file when it was written before that session's close.

    Raises ``KeyError`` for a file without a recorded write time: every source must say
    when its last row was written before it is shipped.
    """
    entry = prov[file]
    written = pd.Timestamp(entry["written_at"])
    last = frame["date"].max()
    if is_intraday_last_row(last, written, exchange=exchange):
        DROPPED_INTRADAY.append(f"{file} {last.date()} (written {entry['written_at']})")
        return frame.loc[frame["date"] < last].reset_index(drop=True)
    return frame


def licence_status(licences: list[str]) -> str:
    """``permissive``, ``non_commercial`` or ``none_stated`` (the most restrictive wins)."""
    text = " ".join(licences).lower()
    if "non-commercial" in text:
        return "non_commercial"
    if licences and all(("mit" in x.lower() or "apache" in x.lower()) for x in licences):
        return "permissive"
    return "none_stated"
