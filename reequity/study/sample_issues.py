"""The issues an event-study engine reports about its sample, found on the event-time panel.

:func:`panel_issues` describes the sample in ``results.issues``: day 0 moved off a
non-trading day, an event window running past the data, and events whose windows fall
inside another event's estimation or event window for the same ticker. Everything is
found on arrays the engine has already built (no per-firm Python loop); Python only
formats the texts, one per distinct finding.

A finding shared by several tickers of an event is one row with an empty ``ticker`` that
names them ("all 2000 tickers: ...", "3 of 15 tickers (A, B, C): ..."), so a study of
thousands of firms gets a readable list. Every row is a
:class:`reequity.study.issues.Issue`.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from reequity.study.issues import Issue

if TYPE_CHECKING:
    from reequity.study.align import Panel
    from reequity.study.windows import WindowSpec

__all__ = ["panel_issues", "who"]


def _day(value: object) -> str:
    return "beyond the data" if pd.isna(value) else str(pd.Timestamp(value).date())


def _days(values: np.ndarray) -> np.ndarray:
    """:func:`_day` of every datetime64 value at once (one call, not a Timestamp each)."""
    out = np.datetime_as_string(values, unit="D").astype(object)
    out[np.isnat(values)] = "beyond the data"
    return out


def _factorized(keys: pd.DataFrame, name: str) -> tuple[np.ndarray, np.ndarray]:
    """Codes of a key column and its distinct values as an object array."""
    codes, uniq = pd.factorize(keys[name].array)
    return np.asarray(codes), np.asarray(uniq, dtype=object)


def _collapse(
    keys: pd.DataFrame,
    idx: np.ndarray,
    group: np.ndarray,
    kind: str,
    messages: Callable[[np.ndarray], list[str]],
    factorized: dict[str, tuple[np.ndarray, np.ndarray]] | None = None,
) -> list[Issue]:
    """One issue row per group of the firm-events ``idx`` (rows of ``keys``).

    Members with equal ``group`` codes (same event, same finding) share the message of
    the first member: ``messages(first)`` gives the text of every group at once from the
    positions ``first`` (indexing ``idx``) of the groups' first members. A group of one
    firm-event names its ticker; a larger group has an empty ticker and names its
    tickers in the message ("all 15 tickers" or "3 of 15 tickers (A, B, C)"). Groups
    come in the order of their codes. ``factorized``: the caller's
    :func:`_factorized` ``event_id`` and ``ticker`` of ``keys``, when it has them.
    """
    if len(idx) == 0:
        return []
    factorized = factorized or {}
    codes, uniq = factorized.get("event_id") or _factorized(keys, "event_id")
    per_event = np.bincount(codes, minlength=len(uniq))
    order = np.argsort(group, kind="stable")  # one sort: groups by code, members in order
    sorted_group = group[order]
    starts = np.flatnonzero(np.r_[True, sorted_group[1:] != sorted_group[:-1]])
    counts = np.diff(np.r_[starts, len(order)])
    # every group's first member, its row, event and ticker, and its members' tickers,
    # by numpy: Python only formats the texts (and names the tickers of shared rows)
    first = order[starts]
    rows_i = idx[first]
    # through the columns' codes: no object array of one string per firm-event
    t_codes, t_uniq = factorized.get("ticker") or _factorized(keys, "ticker")
    texts = messages(first)
    total = per_event[codes[rows_i]]
    for g in np.flatnonzero((counts > 1) & (counts == total)).tolist():  # no names to list
        texts[g] = f"all {total[g]} tickers: {texts[g]}"
    some = np.flatnonzero((counts > 1) & (counts < total))
    if len(some):
        members = t_uniq[t_codes[idx[order]]]  # group g: members[starts[g] : + counts[g]]
        for g, start, count in zip(
            some.tolist(), starts[some].tolist(), counts[some].tolist(), strict=True
        ):
            texts[g] = f"{who(members[start : start + count], int(total[g]))}: {texts[g]}"
    own = np.where(counts == 1, t_uniq[t_codes[rows_i]], "")
    event_ids = uniq[codes[rows_i]]
    return list(map(Issue, map(str, event_ids), map(str, own), itertools.repeat(kind), texts))


def _each(message: Callable[[int], str]) -> Callable[[np.ndarray], list[str]]:
    """The texts of ``message(k)`` for every first member ``k`` (few: one per row)."""
    return lambda first: [message(k) for k in first.tolist()]


def who(tickers: np.ndarray, total: int) -> str:
    """Name a group of an event's tickers: ``all 15 tickers`` or ``3 of 15 tickers (A, B,
    C)`` (at most 10 named)."""
    if len(tickers) == total:
        return f"all {total} tickers"
    names = ", ".join(map(str, tickers[:10])) + (", ..." if len(tickers) > 10 else "")
    return f"{len(tickers)} of {total} tickers ({names})"


def _group_codes(*columns: np.ndarray) -> np.ndarray:
    """One integer code per distinct combination of the (equal-length) columns.

    Mixed radix over the factorized columns (each in order of first appearance); the
    codes are not dense, only ordered and equal for equal combinations, which is what
    :func:`_collapse` groups and orders by.
    """
    code = np.zeros(len(columns[0]), dtype=np.int64)
    for col in columns:
        part, uniq = pd.factorize(np.asarray(col))
        code = code * max(len(uniq), 1) + part
    return code


def _day0_moved(keys: pd.DataFrame) -> list[Issue]:
    """Date-only events whose date is no trading day: day 0 is the next one (DESIGN 4)."""
    date = keys["date"].to_numpy(dtype="datetime64[ns]")
    day0 = keys["day0"].to_numpy(dtype="datetime64[ns]")
    moved = ~np.isnat(day0) & (day0 != date)
    if not moved.any():
        return []
    time = keys["time"]
    if time.notna().any():  # a timed event follows the close, not the date
        moved &= ~(time.notna() & (time.astype(str).str.strip() != "")).to_numpy()
    idx = np.flatnonzero(moved)
    exchange = keys["exchange"].to_numpy(dtype=object)

    def message(k: int) -> str:
        i = idx[k]
        where = f"{exchange[i]} session" if exchange[i] else "row of returns"
        return (
            f"event date {_day(date[i])} is no {where}; day 0 moved to the next trading "
            f"day {_day(day0[i])}"
        )

    codes = _group_codes(keys["event_id"].to_numpy()[idx], exchange[idx], date[idx], day0[idx])
    return _collapse(keys, idx, codes, "day0_moved", _each(message))


def _incomplete_windows(panel: Panel, spec: WindowSpec) -> list[Issue]:
    """Event windows with fewer trading days in the data than their length."""
    keys, s0 = panel.keys, spec.span[0]
    rows: list[Issue] = []
    for a, b in spec.windows:
        inside = panel.inside[:, a - s0 : b - s0 + 1]
        have = inside.sum(axis=1)
        idx = np.flatnonzero(have < b - a + 1)
        if len(idx) == 0:
            continue
        late = ~inside[idx, -1]  # runs past the last day of the data (else before the first)

        message = functools.partial(_window_message, a, b, have[idx], late)
        codes = _group_codes(keys["event_id"].to_numpy()[idx], have[idx], late)
        rows += _collapse(keys, idx, codes, "incomplete_window", _each(message))
    return rows


def _window_message(a: int, b: int, have: np.ndarray, late: np.ndarray, k: int) -> str:
    side = "past the end" if late[k] else "before the start"
    return (
        f"window {a}:{b} runs {side} of the data: {have[k]} of {b - a + 1} trading days; "
        "its CAR and tests cover only those"
    )


def _overlap_pairs(
    keys: pd.DataFrame,
    lo: int,
    hi: int,
    events: np.ndarray | None = None,
    tickers: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i, j) of firm-events of one ticker and different events with
    lo <= pos_j - pos_i <= hi (day-0 positions in the ticker's own trading days).
    ``events``, ``tickers``: the event and ticker codes of the rows when the caller has
    them."""
    day0 = keys["day0"].to_numpy(dtype="datetime64[ns]")
    valid = np.flatnonzero(~np.isnat(day0))
    none = np.empty(0, dtype=np.intp)
    if len(valid) < 2:
        return none, none
    pos = keys["pos"].to_numpy(dtype=np.int64)[valid]
    tick = (_factorized(keys, "ticker")[0] if tickers is None else tickers)[valid]
    tick = tick.astype(np.int64)
    key = tick * (int(pos.max()) + abs(lo) + abs(hi) + 1) + pos  # tickers never mix
    order = np.argsort(key, kind="stable")
    start = np.searchsorted(key[order], key + lo, side="left")
    count = np.searchsorted(key[order], key + hi, side="right") - start
    i = np.repeat(np.arange(len(valid)), count)
    j = order[np.repeat(start - (np.cumsum(count) - count), count) + np.arange(len(i))]
    events = (_factorized(keys, "event_id")[0] if events is None else events)[valid]
    keep = events[i] != events[j]
    return valid[i[keep]], valid[j[keep]]


def _overlaps(
    keys: pd.DataFrame, spec: WindowSpec, cleaned: tuple[int, int] | None = None
) -> list[Issue]:
    """Another event's window inside this event's estimation window or event window.

    ``cleaned`` is the clean window of the engine (None: estimation days are not cleaned).
    """
    (e0, e1), (s0, s1) = spec.estimation, spec.span
    codes, names = _factorized(keys, "event_id")
    tickers = _factorized(keys, "ticker")  # each factorized once for the pairs and rows
    i, j = _overlap_pairs(keys, e0 - s1, s1 - s0, codes, tickers[0])
    if len(i) == 0:
        return []
    d = keys["pos"].to_numpy(dtype=np.int64)
    d = d[j] - d[i]
    in_est = (d >= e0 - s1) & (d <= e1 - s0)
    hit = in_est | (np.abs(d) <= s1 - s0)  # not the gap between estimation and window
    i, j, in_est = i[hit], j[hit], in_est[hit]
    # the text of each distinct event date once (not one per firm-event)
    d_codes, d_uniq = pd.factorize(
        keys["date"].to_numpy(dtype="datetime64[ns]"), use_na_sentinel=False
    )
    day = _days(np.asarray(d_uniq, dtype="datetime64[ns]"))

    def message(other_event: int, other_day: int, est: bool) -> str:
        other = f"{names[other_event]} (event date {day[other_day]})"
        if est:
            if cleaned is not None:
                return (
                    f"estimation window {e0}:{e1} holds event-window days of {other}; the "
                    f"sessions {cleaned[0]}:{cleaned[1]} around its day 0 are left out of "
                    "this event's normal-return fit (clean_estimation)"
                )
            return (
                f"estimation window {e0}:{e1} holds event-window days of {other}; its "
                "abnormal returns enter this event's normal-return fit"
            )
        return f"event window {s0}:{s1} shares trading days with that of {other}"

    def messages(first: np.ndarray) -> list[str]:
        # the text names only the other event, its date and the window: one format per
        # distinct (other event, date, window), not one per row (many rows share them)
        jj = j[first]
        key = (codes[jj].astype(np.int64) * len(day) + d_codes[jj]) * 2 + in_est[first]
        uniq, inv = np.unique(key, return_inverse=True)
        texts = [message(int(k // 2 // len(day)), int(k // 2 % len(day)), bool(k % 2))
                 for k in uniq.tolist()]  # fmt: skip
        return [texts[u] for u in inv.ravel().tolist()]

    group = _group_codes(codes[i], codes[j], in_est)
    known = {"event_id": (codes, names), "ticker": tickers}
    return _collapse(keys, i, group, "overlap", messages, known)


def panel_issues(
    panel: Panel, spec: WindowSpec, cleaned: tuple[int, int] | None = None
) -> list[Issue]:
    """Issues about the sample found on the event-time panel.

    ``cleaned``: the engine's clean window when estimation windows are cleaned (the
    overlap message then says those sessions are left out), else None.

    Returns
    -------
    list of Issue
        Kinds ``day0_moved`` (a date-only event on a non-trading day),
        ``incomplete_window`` (a window running past the data) and ``overlap`` (another
        event's window inside this event's estimation or event window, same ticker).
        ``ticker`` is empty when a row holds for several tickers (named in the message).
    """
    return [
        *_day0_moved(panel.keys),
        *_incomplete_windows(panel, spec),
        *_overlaps(panel.keys, spec, cleaned),
    ]
