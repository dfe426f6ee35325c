"""The sections of the event-study report, in the order a reader needs them.

First the answer (per event and per group: the CAAR of the main window with its interval
and the dependence-robust tests), then the issues that qualify it (confounders, dropped
firm-events, missing day-0 returns, counted per kind), then the other results. Full
tables are CSV files beside the report, linked from it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pandas as pd

from reequity.cli.study_tables import difference_view, display_table, with_confounded
from reequity.study.confounded import confounded_pools
from reequity.study.headline import INTERVAL_HEADING, interval_text

__all__ = ["event_study_sections", "issue_counts"]

#: what each kind of issue means for the headline, in the report's words
ISSUE_KINDS = {
    "confounder": "another catalogued event falls inside the window",
    "dropped": "too few estimation days: the firm-event is left out",
    "missing_day0": "no return on day 0: the day stays in with a missing AR",
    "day0_moved": "the event date is no session there: day 0 is the next trading day",
    "overlap": "another event's window days are left out of the estimation window",
    "skipped": "firm-event not studied (e.g. not a rare-earth business yet)",
    "time_unknown": "no publication time: day 0 follows the date rule",
}


def issue_counts(issues: pd.DataFrame) -> pd.DataFrame:
    """Issues counted per kind: rows, events and tickers touched, what it means, an example.

    Returns
    -------
    DataFrame
        kind, issues, events, tickers, meaning, example
    """
    cols = ["kind", "issues", "events", "tickers", "meaning", "example"]
    if issues is None or issues.empty:
        return pd.DataFrame(columns=cols)
    rows = []
    for kind, part in issues.groupby("kind", sort=True):
        first = part.iloc[0]
        rows.append(
            {
                "kind": kind,
                "issues": len(part),
                "events": part["event_id"].nunique(),
                "tickers": part["ticker"].nunique() if "ticker" in part else 0,
                "meaning": ISSUE_KINDS.get(str(kind), ""),
                "example": _example(first),
            }
        )
    return pd.DataFrame(rows, columns=cols)


def _example(row: pd.Series, width: int = 160) -> str:
    """One issue as text: event, ticker when there is one, the message (shortened)."""
    ticker = row.get("ticker")
    who = f"{row['event_id']} {ticker}" if isinstance(ticker, str) and ticker else row["event_id"]
    text = f"{who}: {row['message']}"
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _main(table: pd.DataFrame, window: str) -> pd.DataFrame:
    """Rows of the main window, with the dependence-robust 95% interval (the CDA's) in
    percent beside the CAAR."""
    rows = table[table["window"] == window]
    view = display_table(rows)
    ci = [interval_text(row) for row in rows.itertuples(index=False)]
    view.insert(view.columns.get_loc("CAAR %") + 1, INTERVAL_HEADING, ci)
    return view.drop(columns=["window"])


def _pool_sections(results, window: str) -> dict[str, pd.DataFrame]:
    """Each pool's pooled row and group rows for ``window``, and the pools' differences."""
    pools = results.pools
    by = results.settings.get("pool_by") or "pool"
    rows = pools[pools["window"] == window]
    counts = confounded_pools(results)
    if not counts.empty:
        rows = with_confounded(rows, counts, ["pool", "group", "window"])
    rows = rows.rename(columns={"pool": "event_id"})
    view = _main(rows, window).rename(columns={"event": "pool"})
    if "confounded" in view:  # the event rows name the confounders; a pool row counts them
        view["confounded"] = [
            f"{n}/{total} ({k} of {events} events)" if n else ""
            for n, total, k, events in zip(rows["n_confounded"], rows["n_firms"],
                                           rows["n_events_confounded"], rows["n_events"],
                                           strict=True)
        ]  # fmt: skip
    view.insert(2, "events", rows["n_events"].to_numpy())
    sections = {
        f"Pools of comparable events (by {by}), window {window}: each pool's pooled "
        "stocks (ALL), then each group; 95% interval (CDA); statistic (p); every window: "
        "pools.csv, every test: pool_tests.csv": view
    }
    diff = results.pool_difference
    if not diff.empty:
        shown = diff[diff["window"] == window].rename(columns={"pool": "event_id"})
        sections[
            f"Difference between groups per pool, window {window} (long-short portfolio); "
            "every window: pool_difference.csv"
        ] = difference_view(shown).rename(columns={"event": "pool"})
    return sections


def _all_group_sections(results, tables: dict[str, pd.DataFrame], window: str) -> dict:
    """Without pools: each group over all events, and the group difference over them."""
    sections: dict[str, pd.DataFrame] = {}
    if not tables["groups"].empty:
        groups = tables["groups"]
        pooled = groups[groups["event_id"] == "ALL"]
        sections[
            f"CAAR by group: all events pooled, window {window}; each event and group: "
            "group_summary.csv"
        ] = _main(pooled, window)
    diff = results.group_difference
    if not diff.empty:
        shown = diff[(diff["event_id"] == "ALL") & (diff["window"] == window)]
        sections[
            f"Difference between groups, all events, window {window} (long-short portfolio); "
            "every event and window: group_difference.csv"
        ] = difference_view(shown)
    return sections


def event_study_sections(
    results, tables: dict[str, pd.DataFrame], *, csvs: dict[str, Path], out: Path
) -> tuple[dict[str, pd.DataFrame], dict[str, str], dict[str, str]]:
    """Report sections (heading -> table), links (label -> CSV path relative to ``out``)
    and sources (heading -> the CSV holding every row of that section).

    A heading whose table is also a CSV carries that CSV's name, so a reader who wants
    every window, group or firm knows where it is; a table the report cuts says so and
    links that CSV. With pools of comparable events the
    headline lists each event with its pool, then each pool and its groups; the ALL rows
    over every event (which mix pools) stay in the CSVs, flagged ``mixes_pools``.
    """
    window = str(results.caar["window"].iloc[0])
    pool = results.settings.get("pool", "pooled firms")
    summary = tables["summary"]
    pools = results.settings.get("event_pools") or {}
    has_pools = not getattr(results, "pools", pd.DataFrame()).empty
    if has_pools and len(set(pools.values())) > 1:
        summary = summary[summary["event_id"] != "ALL"]
    headline = _main(summary, window)
    if has_pools:
        headline.insert(1, "pool", headline["event"].map(pools).fillna("").to_numpy())
    mixed = "; ALL over every event (mixes pools): summary.csv" if has_pools else ""
    sections = {
        f"Headline: CAAR with dependence-robust tests, window {window}, per event ({pool}); "
        f"dependence-robust 95% interval (CDA); statistic (p); confounded: firm-events with "
        "another catalogued event's day 0 (or their own news) inside the window, and the "
        f"market-wide ones by name; every window: summary.csv{mixed}": headline
    }
    if has_pools:
        sections.update(_pool_sections(results, window))
    else:
        sections.update(_all_group_sections(results, tables, window))
    sections["Issues that qualify the results, counted per kind (each one: issues.csv)"] = (
        issue_counts(results.issues)
    )
    if tables.get("cross_section") is not None:
        sections["Cross-sectional regression of CARs (cross_section.csv)"] = tables["cross_section"]
    if tables.get("robustness") is not None:
        sections["Specification curve (share of specifications; robustness.csv has each one)"] = (
            tables["robustness"]
        )
    links = {
        f"{name}.csv": Path(os.path.relpath(path.resolve(), out.resolve())).as_posix()
        for name, path in csvs.items()
    }
    sources = {}
    for heading in sections:  # the first CSV a heading names holds every row of it
        named = [n for n in re.findall(r"[\w.-]+\.csv", heading) if n in links]
        if named:
            sources[heading] = links[named[0]]
    return sections, links, sources
