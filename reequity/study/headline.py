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
    "pool_label",
    "robust_cells",
    "robust_note",
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
            s, p = stat.at[key, name], pval.at[key, name]
            if same:
                cells.at[key, name] = f"= {LABELS.get(same, (same,))[0]}"
            elif np.isfinite(s):
                cells.at[key, name] = f"{s:+.2f} ({fmt_p(p)})"
    return cells


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


def _pooled_lines(results: EventStudyResults, names: tuple[str, ...]) -> list[str]:
    cells = robust_cells(results.tests, names)
    lines = []
    for row in results.caar[results.caar["event_id"] == "ALL"].itertuples(index=False):
        key = ("ALL", row.window)
        texts = {n: cells.at[key, n] for n in cells.columns if key in cells.index}
        lines.append(_line("ALL", row.window, row.caar, row.n_firms, texts))
    return lines


def pool_label(pool: str, n_events: int) -> str:
    """``ALL export_control (12)``: a pool's pooled row and its number of events."""
    return f"ALL {pool} ({n_events})"


def _pool_lines(results: EventStudyResults, names: tuple[str, ...]) -> list[str]:
    """Each pool's pooled row, then its stock groups' rows (indented)."""
    from reequity.study.pools import ALL_GROUP

    tests = results.pool_tests.rename(columns={"pool": "event_id"}).assign(tau=pd.NA)
    cells = robust_cells(tests, names)
    stock = set(results.pool_difference.get("group_a", [])) | set(
        results.pool_difference.get("group_b", [])
    )
    lines = []
    for row in results.pools.itertuples(index=False):
        if row.group != ALL_GROUP and row.group not in stock:
            continue  # ETFs and baskets: in the frame, not in the headline
        key = (row.pool, row.group, row.window)
        texts = {n: cells.at[key, n] for n in cells.columns if key in cells.index}
        label = pool_label(row.pool, row.n_events) if row.group == ALL_GROUP else f"  {row.group}"
        lines.append(_line(label, row.window, row.caar, row.n_firms, texts))
    return lines


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
            *_pool_lines(results, names),
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


def _frame_row(label: str, pool: str, row: Any, texts: Mapping[str, str]) -> dict[str, Any]:
    cells = {LABELS.get(n, (n,))[0]: text for n, text in texts.items()}
    return {"row": label, "pool": pool, "N": int(row.n_firms), "CAAR %": 100 * row.caar,
            INTERVAL_HEADING: interval_text(row), **cells}  # fmt: skip


def headline_frame(
    results: EventStudyResults, window: str | None = None, names: tuple[str, ...] | None = None
) -> pd.DataFrame:
    """The headline as a table, for one event window: what the CLI prints first.

    One row per event (the pooled stocks of that event), then each pool of comparable
    events (``ALL export_control (12)``) followed by its stock groups (indented); without
    pools, the ``ALL`` row and each group over all events. The ``ALL`` row over every
    event is left out when it mixes pools. Columns: ``row``, ``pool``, ``N``, ``CAAR %``,
    ``95% CI (CDA) %`` (the dependence-robust interval, :func:`interval_text`) and each dependence-robust test as ``statistic (p)`` (``= CDA`` where a
    statistic duplicates another in that row).

    Parameters
    ----------
    results : EventStudyResults
    window : str, optional
        Event window (default the first of the study).
    names : tuple of str, optional
        Tests to show (default the dependence-robust tests that were computed).
    """
    from reequity.study.pools import ALL_GROUP

    window = window or str(results.caar["window"].iloc[0])
    computed = set(results.tests["test"])
    names = names or tuple(t for t in LABELS if t in computed)
    event_pools = results.settings.get("event_pools") or {}
    has_pools = bool(event_pools) and not results.pools.empty
    mixed = has_pools and len(set(event_pools.values())) > 1
    cells = robust_cells(results.tests, names)
    rows = []
    for r in results.caar[results.caar["window"] == window].itertuples(index=False):
        if r.event_id == "ALL" and mixed:
            continue
        key = (r.event_id, window)
        texts = {n: cells.at[key, n] for n in cells.columns if key in cells.index}
        rows.append(_frame_row(r.event_id, event_pools.get(r.event_id, ""), r, texts))
    if has_pools:
        tests = results.pool_tests.rename(columns={"pool": "event_id"}).assign(tau=pd.NA)
        groups = results.pools
    else:
        tests, groups = results.group_tests, results.group_caar
        if not groups.empty:  # no groups: an empty frame without columns
            groups = groups[groups["event_id"] == "ALL"]
    diff = results.pool_difference if has_pools else results.group_difference
    stock = set(diff.get("group_a", [])) | set(diff.get("group_b", []))
    if not tests.empty and not groups.empty:
        gcells = robust_cells(tests, names)
        for r in groups[groups["window"] == window].itertuples(index=False):
            is_all = has_pools and r.group == ALL_GROUP
            if not is_all and stock and r.group not in stock:
                continue  # ETFs and baskets: in the frames, not in the headline
            key = (r.pool if has_pools else "ALL", r.group, window)
            texts = {n: gcells.at[key, n] for n in gcells.columns if key in gcells.index}
            label = pool_label(r.pool, r.n_events) if is_all else f"  {r.group}"
            rows.append(_frame_row(label, r.pool if has_pools else "", r, texts))
    return pd.DataFrame(rows)
