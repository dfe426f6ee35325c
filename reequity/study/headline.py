"""Honest headline text: which dependence-robust statistics, their values and p-values.

No count of "significant" tests: the robust tests overlap (with one day-0 date the
portfolio test *is* the CDA), so a count would weigh one statistic twice. Each statistic
is named with its paper and shown with its p-value; one identical to another in a row
is said once.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from reequity.study.statistics import TESTS

if TYPE_CHECKING:
    from reequity.study.results import EventStudyResults

__all__ = [
    "LABELS",
    "duplicate_of",
    "fmt_p",
    "headline",
    "headline_frame",
    "headline_rows",
    "pool_label",
    "robust_cells",
    "robust_note",
    "stat_cells",
]

#: short label and paper of each dependence-robust test, read from the test registry
LABELS: Mapping[str, tuple[str, str]] = TESTS.view(
    lambda entry: (entry.label, entry.wording), where=lambda entry: entry.robust
)
DIFFERENCE_LABELS: dict[str, tuple[str, str]] = {
    "long_short_cda": ("long-short CDA", "t of the A - B portfolio, Brown and Warner (1985)"),
    "long_short_rank": ("long-short rank", "rank sum of A - B, window vs estimation days"),
}
#: (test, the test it equals when a row's firm-events share one day-0 date): shown as a
#: reference to that one; from the registry's ``same_as``
DUPLICATES = TESTS.view(lambda entry: entry.same_as, where=lambda entry: entry.same_as).items()


def robust_note() -> str:
    """The paragraph naming each dependence-robust test with its paper."""
    return (
        "Dependence-robust tests (firms sharing an event date are cross-correlated): "
        + "; ".join(f"{label} = {paper}" for label, paper in LABELS.values())
        + ". Where the portfolio test equals the CDA (one day-0 date in the row) it is shown "
        "once, as '= CDA'. t_cs assumes independent firms."
    )


def __getattr__(name: str) -> str:
    if name == "ROBUST_NOTE":  # the note as it reads now (tests registered since count)
        return robust_note()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def duplicate_of(tests: pd.DataFrame) -> pd.Series:
    """For each (event_id, window[, group]) row and test, the test it duplicates ("" if none).

    Returns a Series indexed by the row keys and the test name.
    """
    keys = [k for k in ("event_id", "group", "window") if k in tests.columns]
    wt = tests[tests["tau"].isna()]
    stat = wt.pivot_table(index=keys, columns="test", values="statistic", sort=False)
    pval = wt.pivot_table(index=keys, columns="test", values="pvalue", sort=False)
    out = pd.DataFrame("", index=stat.index, columns=stat.columns)
    for test, same in DUPLICATES:
        if test in stat and same in stat:
            equal = np.isclose(stat[test], stat[same], rtol=1e-9, atol=1e-12) & np.isclose(
                pval[test], pval[same], rtol=1e-9, atol=1e-12
            )
            out.loc[np.asarray(equal, dtype=bool), test] = same
    return out.stack() if not out.empty else pd.Series(dtype=str)


def robust_cells(tests: pd.DataFrame, names: tuple[str, ...]) -> pd.DataFrame:
    """``statistic (p)`` per row key and test, ``= CDA`` for a duplicate, "" if missing."""
    keys = [k for k in ("event_id", "group", "window") if k in tests.columns]
    wt = tests[tests["tau"].isna() & tests["test"].isin(names)]
    stat = wt.pivot_table(index=keys, columns="test", values="statistic", sort=False)
    pval = wt.pivot_table(index=keys, columns="test", values="pvalue", sort=False)
    dup = duplicate_of(wt)
    cells = pd.DataFrame("", index=stat.index, columns=[n for n in names if n in stat])
    for name in cells.columns:
        for key in stat.index:
            same = dup.get((*key, name), "") if isinstance(key, tuple) else ""
            cells.at[key, name] = cell_text(stat.at[key, name], pval.at[key, name], same)
    return cells


def cell_text(statistic: float, pvalue: float, same: str = "") -> str:
    """``+2.10 (p=0.036)``; ``= CDA`` for a statistic that duplicates ``same``; "" if missing."""
    if same:
        return f"= {LABELS.get(same, (same,))[0]}"
    return f"{statistic:+.2f} ({fmt_p(pvalue)})" if np.isfinite(statistic) else ""


def _line(label: str, window: str, caar: float, n: int, texts: dict[str, str]) -> str:
    """``<label> <window>: CAAR +1.23% (N=..); CDA +2.10 (p=0.036); ...``, a duplicate
    statistic said once (``CDA (= portfolio) ...``)."""
    same = {t: o for t, o in DUPLICATES if texts.get(t, "").startswith("= ")}
    parts = [
        f"{LABELS.get(n, (n,))[0]}"
        + "".join(f" (= {LABELS[t][0]})" for t, o in same.items() if o == n)
        + f" {text}"
        for n, text in texts.items()
        if text and n not in same
    ]
    return f"{label} {window}: CAAR {caar:+.2%} (N={n}); " + "; ".join(parts)


def pool_label(pool: str, n_events: int) -> str:
    """``ALL export_control (12)``: a pool's pooled row and its number of events."""
    return f"ALL {pool} ({n_events})"


#: the columns of :func:`headline_rows` before the per-test ones
ROW_COLUMNS = [
    "kind", "event_id", "pool", "group", "n_events", "window", "n_firms", "caar",
    "robust_ci_lower", "robust_ci_upper",
]  # fmt: skip


def _stock_groups(results: EventStudyResults) -> set[str]:
    """The groups of stocks (ETF and basket groups are in the frames, not the headline)."""
    car = results.car
    if car.empty or "kind" not in car:
        return set()
    return set(car.loc[car["kind"] == "stock", "group"].astype(str)) - {""}


def _with_stats(
    rows: pd.DataFrame, tests: pd.DataFrame, keys: list[str], names: tuple[str, ...]
) -> pd.DataFrame:
    """``rows`` with ``<test>_stat``, ``<test>_p`` and ``<test>_same`` (the test it
    duplicates in that row, "" if none) of each of ``names``, joined on ``keys``
    (``event_id``, ``window`` and optionally ``group``: :func:`duplicate_of`'s keys)."""
    wt = tests[tests["tau"].isna() & tests["test"].isin(names)]
    out = rows.copy()
    if wt.empty or out.empty:
        return out
    stat = wt.pivot_table(index=keys, columns="test", values="statistic", sort=False)
    pval = wt.pivot_table(index=keys, columns="test", values="pvalue", sort=False)
    same = duplicate_of(wt)
    index = pd.MultiIndex.from_frame(out[keys])
    for name in (n for n in names if n in stat):
        out[f"{name}_stat"] = stat[name].reindex(index).to_numpy(float)
        out[f"{name}_p"] = pval[name].reindex(index).to_numpy(float)
        out[f"{name}_same"] = [same.get((*key, name), "") for key in index]
    return out


def headline_rows(
    results: EventStudyResults,
    windows: str | list[str] | None = None,
    names: tuple[str, ...] | None = None,
) -> pd.DataFrame:
    """The rows every headline shows, with their numbers: one builder for the terminal
    (:func:`reequity.cli.brief.event_headline_lines`), :meth:`summary` text and the
    notebook table (:func:`headline_frame`).

    In order: each event (``kind="event"``: the pooled stocks of that event); then, with
    pools of comparable events, each pool (``kind="pool"``) followed by its stock groups
    (``kind="group"``), without pools the ``ALL`` row (``kind="all"``) and each stock group
    over all events. The ``ALL`` row over every event is left out with pools (it mixes
    them, or with one pool it is the pool's row); ETF and basket groups are in the frames
    only.

    Parameters
    ----------
    results : EventStudyResults
    windows : str or list of str, optional
        Event windows to keep (default every window, in the frames' order).
    names : tuple of str, optional
        Tests (default the dependence-robust tests that were computed).

    Returns
    -------
    DataFrame
        ``kind, event_id, pool, group, n_events, window, n_firms, caar, robust_ci_lower,
        robust_ci_upper`` and per test ``<test>_stat, <test>_p, <test>_same``.
    """
    from reequity.study.pools import ALL_GROUP

    computed = set(results.tests["test"])
    names = names or tuple(t for t in LABELS if t in computed)
    keep = [windows] if isinstance(windows, str) else windows
    event_pools = results.settings.get("event_pools") or {}
    pools = getattr(results, "pools", pd.DataFrame())
    has_pools = not pools.empty
    stock = _stock_groups(results)

    def windowed(frame: pd.DataFrame) -> pd.DataFrame:
        return frame if keep is None else frame[frame["window"].isin(keep)]

    caar = windowed(results.caar)
    caar = caar if not has_pools else caar[caar["event_id"] != "ALL"]
    n_all = results.caar.loc[results.caar["event_id"] != "ALL", "event_id"].nunique()
    is_all = caar["event_id"] == "ALL"
    top = caar.assign(
        kind=np.where(is_all, "all", "event"),
        pool=caar["event_id"].map(lambda e: event_pools.get(e, "")),
        group="", n_events=np.where(is_all, n_all, 1),
    )  # fmt: skip
    if not has_pools:  # events first, then ALL, whatever the window order
        top = pd.concat([top[top["kind"] == "event"], top[top["kind"] == "all"]])
    parts = [_with_stats(top, results.tests, ["event_id", "window"], names)]
    if has_pools:  # the pool in the event_id column: the keys of duplicate_of
        rows = windowed(pools)
        rows = rows[rows["group"].eq(ALL_GROUP) | rows["group"].isin(stock)]
        rows = rows.assign(kind=np.where(rows["group"] == ALL_GROUP, "pool", "group"),
                           event_id=rows["pool"])  # fmt: skip
        tests = results.pool_tests.rename(columns={"pool": "event_id"}).assign(tau=pd.NA)
        rows = _with_stats(rows, tests, ["event_id", "group", "window"], names)
        parts.append(rows.assign(event_id=""))
    elif not results.group_caar.empty:
        rows = windowed(results.group_caar)
        rows = rows[(rows["event_id"] == "ALL") & rows["group"].isin(stock)]
        rows = rows.assign(kind="group", pool="", n_events=n_all)
        parts.append(_with_stats(rows, results.group_tests, ["event_id", "group", "window"], names))
    out = pd.concat(parts, ignore_index=True)
    stats = [f"{n}_{x}" for n in names for x in ("stat", "p", "same") if f"{n}_{x}" in out]
    for column in ROW_COLUMNS:
        if column not in out:
            out[column] = np.nan
    out["n_events"] = out["n_events"].astype(int)
    return out[[*ROW_COLUMNS, *stats]].reset_index(drop=True)


def stat_cells(row: Any, names: tuple[str, ...]) -> dict[str, str]:
    """``statistic (p=...)`` per test of one :func:`headline_rows` row, ``= CDA`` for a
    duplicate, "" where missing."""
    return {
        name: cell_text(
            getattr(row, f"{name}_stat", np.nan),
            getattr(row, f"{name}_p", np.nan),
            getattr(row, f"{name}_same", ""),
        )  # fmt: skip
        for name in names
    }


def _row_label(row: Any) -> str:
    if row.kind == "pool":
        return pool_label(row.pool, int(row.n_events))
    if row.kind == "group":
        return f"  {row.group}"
    return str(row.event_id)


def _pooled_lines(results: EventStudyResults, names: tuple[str, ...]) -> list[str]:
    """The pooled rows of every window: each pool and its stock groups, or ``ALL``."""
    rows = headline_rows(results, names=names)
    rows = rows[rows["kind"].isin(["pool", "group"] if not results.pools.empty else ["all"])]
    shown = tuple(n for n in names if f"{n}_stat" in rows)
    return [
        _line(_row_label(r), r.window, r.caar, int(r.n_firms), stat_cells(r, shown))
        for r in rows.itertuples(index=False)
    ]


def _difference_lines(results: EventStudyResults) -> list[str]:
    pools = not results.pool_difference.empty
    diff = results.pool_difference if pools else results.group_difference
    if diff.empty:
        return []
    if not pools:
        shown = diff[diff["event_id"] == "ALL"]
        diff = shown if not shown.empty else diff
    keys = ["pool" if pools else "event_id", "window", "group_a", "group_b"]
    lines = []
    for (where, window, a, b), rows in diff.groupby(keys, sort=False):
        first = rows.iloc[0]
        parts = [
            f"{DIFFERENCE_LABELS.get(r.test, (r.test,))[0]} {r.statistic:+.2f} ({fmt_p(r.pvalue)})"
            for r in rows.itertuples(index=False)
            if np.isfinite(r.statistic)
        ]
        label = pool_label(where, first["n_events"]) if pools else where
        lines.append(
            f"{a} - {b}, {label} {window}: {first['difference']:+.2%} "
            f"(N={first['n_a']} vs {first['n_b']}); " + ("; ".join(parts) or "not computable")
        )
    return lines


def fmt_p(p: float) -> str:
    """``p=0.012``, or ``p<0.001`` (a rounded ``p=0.000`` would read as zero)."""
    return "p<0.001" if p < 0.0005 else f"p={p:.3f}"


def headline(
    results: EventStudyResults, names: tuple[str, ...] | None = None, *, width: int | None = 100
) -> str:
    """The headline: pooled CAARs with each robust statistic and p, then group differences.

    With pools (``pool_by``) the pooled rows are each pool's (``ALL export_control (12)``)
    and its stock groups', and the differences are per pool; the ``ALL`` row over every
    event is left to the tables when it mixes pools.

    Parameters
    ----------
    results : EventStudyResults
    names : tuple of str, optional
        Tests to name (default the dependence-robust tests that were computed).
    width : int or None, default 100
        Wrap the explanatory paragraphs at this width (None: one line each).
    """
    wrap = (lambda text: textwrap.fill(text, width)) if width else (lambda text: text)
    computed = set(results.tests["test"])
    names = names or tuple(t for t in LABELS if t in computed)
    pool = results.settings.get("pool", "all firm-events")
    lines = [wrap(robust_note()), f"Pooled rows (ALL and each event): {pool}."]
    pools = results.settings.get("pools") or {}
    if pools and not results.pools.empty:
        by = results.settings.get("pool_by") or "pool"
        lines += [
            wrap(
                f"Pools of comparable events (by {by}), each pooled on its own; "
                + (
                    f"the ALL row over all {len(pools)} pools mixes events of opposite "
                    "expected sign and is in the tables only."
                    if len(pools) > 1
                    else "one pool: its row is the ALL row."
                )
            ),
            *_pooled_lines(results, names),
        ]
    else:
        lines += _pooled_lines(results, names)
    diff = _difference_lines(results)
    if diff:
        intro = (
            "Group differences (long-short portfolio of the two groups' mean ARs, valid "
            "under a common event date; "
            + "; ".join(f"{label} = {paper}" for label, paper in DIFFERENCE_LABELS.values())
            + "):"
        )
        lines += [wrap(intro), *diff]
    return "\n".join(lines)


#: the headline's interval: the dependence-robust one (the CDA's), not the cross-sectional
#: ``ci_lower``/``ci_upper``, which ignores that firms sharing an event date co-move
INTERVAL_HEADING = "95% CI (CDA) %"


def interval_text(row: Any) -> str:
    """``[-1.23, +4.56]``: a row's dependence-robust 95% interval in percent ("" if none)."""
    lo = 100 * float(getattr(row, "robust_ci_lower", np.nan))
    hi = 100 * float(getattr(row, "robust_ci_upper", np.nan))
    return f"[{lo:+.2f}, {hi:+.2f}]" if np.isfinite(lo) and np.isfinite(hi) else ""


def headline_frame(
    results: EventStudyResults, window: str | None = None, names: tuple[str, ...] | None = None
) -> pd.DataFrame:
    """The headline as a table, for one event window: what the CLI prints first.

    The rows of :func:`headline_rows`: each event (the pooled stocks of that event), then
    each pool of comparable events (``ALL export_control (12)``) followed by its stock
    groups (indented); without pools, the ``ALL`` row and each stock group over all
    events. Columns: ``row``, ``pool``, ``N``, ``CAAR %``, ``95% CI (CDA) %`` (the
    dependence-robust interval, :func:`interval_text`) and each dependence-robust test as
    ``statistic (p)`` (``= CDA`` where a statistic duplicates another in that row).

    Parameters
    ----------
    results : EventStudyResults
    window : str, optional
        Event window (default the first of the study).
    names : tuple of str, optional
        Tests to show (default the dependence-robust tests that were computed).
    """
    window = window or str(results.caar["window"].iloc[0])
    rows = headline_rows(results, window, names)
    shown = tuple(n for n in (names or LABELS) if f"{n}_stat" in rows)
    out = []
    for r in rows.itertuples(index=False):
        cells = {LABELS.get(n, (n,))[0]: text for n, text in stat_cells(r, shown).items()}
        out.append({"row": _row_label(r), "pool": r.pool, "N": int(r.n_firms),
                    "CAAR %": 100 * r.caar, INTERVAL_HEADING: interval_text(r), **cells})  # fmt: skip
    return pd.DataFrame(out)
