"""The choices of a specification curve and how each is applied to an ``EventStudy``.

A choice is a function ``(study, value, context) -> study`` registered under its grid
name with :func:`register_choice` (:data:`CHOICES`); the built-in ones set the model,
estimation window, benchmark, firm-events, cleaning and pool. :func:`apply_choices` makes
the study of every combination of a grid's values (the event window is not a choice here:
:mod:`.robustness` computes every window from one fit), and :func:`prune_grid` leaves
out the values that cannot apply to a study.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from reequity.errors import ConfigurationError, ReequityError
from reequity.study.windows import parse_window

if TYPE_CHECKING:
    from reequity.study.engine import EventStudy

__all__ = ["CHOICES", "ChoiceContext", "apply_choices", "prune_grid", "register_choice"]


@dataclass(frozen=True)
class ChoiceContext:
    """What a choice may need besides the study: named benchmarks, flagged firm-events."""

    benchmarks: Mapping[str, Any]
    confounded: frozenset[tuple[str, str]]
    pairs: pd.DataFrame  # (event_id, ticker) pairs of the baseline fit
    has_non_stocks: bool = False  # ETFs, baskets or indices that the stock pool leaves out


ChoiceFn = Callable[["EventStudy", str, ChoiceContext], "EventStudy"]
CHOICES: dict[str, ChoiceFn] = {}


def register_choice(name: str) -> Callable[[ChoiceFn], ChoiceFn]:
    """Register ``fn(study, value, context) -> study`` as the way to apply choice ``name``."""

    def wrap(fn: ChoiceFn) -> ChoiceFn:
        CHOICES[name] = fn
        return fn

    return wrap


@register_choice("model")
def _model(study: EventStudy, value: str, ctx: ChoiceContext) -> EventStudy:
    return dataclasses.replace(study, model=value)


@register_choice("estimation")
def _estimation(study: EventStudy, value: str, ctx: ChoiceContext) -> EventStudy:
    return dataclasses.replace(study, estimation=parse_window(value, name="estimation window"))


@register_choice("benchmark")
def _benchmark(study: EventStudy, value: str, ctx: ChoiceContext) -> EventStudy:
    if value not in ctx.benchmarks:
        raise ConfigurationError(
            f"benchmark choice {value!r} has no benchmark; pass benchmarks={{{value!r}: ...}} "
            f"(known: {', '.join(ctx.benchmarks)})"
        )
    return dataclasses.replace(study, benchmark=ctx.benchmarks[value])


@register_choice("firms")
def _firms(study: EventStudy, value: str, ctx: ChoiceContext) -> EventStudy:
    if value == "all":
        return study
    if value != "drop_confounded":
        raise ConfigurationError(
            f"firms choice {value!r} is not known; valid: all, drop_confounded"
        )
    events = study.events
    tickers = events["ticker"] if "ticker" in events else pd.Series(None, index=events.index)
    blank = tickers.isna() | tickers.astype(str).str.strip().isin(["", "None", "nan"])
    if blank.any():  # a row for every firm: spell out its firm-events
        spelled = events.loc[blank].drop(columns="ticker", errors="ignore")
        spelled = spelled.merge(ctx.pairs, on="event_id")
        events = pd.concat([events.loc[~blank], spelled], ignore_index=True)
    key = list(zip(events["event_id"].astype(str), events["ticker"].astype(str), strict=True))
    keep = np.array([k not in ctx.confounded for k in key], dtype=bool)
    return dataclasses.replace(study, events=events.loc[keep].reset_index(drop=True))


@register_choice("clean")
def _clean(study: EventStudy, value: str, ctx: ChoiceContext) -> EventStudy:
    if value not in ("on", "off"):
        raise ConfigurationError(f"clean choice {value!r} is not known; valid: on, off")
    return dataclasses.replace(study, clean_estimation=value == "on")


@register_choice("pool")
def _pool(study: EventStudy, value: str, ctx: ChoiceContext) -> EventStudy:
    if value == "stocks":
        return study
    if value != "all":
        raise ConfigurationError(f"pool choice {value!r} is not known; valid: stocks, all")
    return dataclasses.replace(study, kinds=None)  # every security counts as a stock


def apply_choices(
    study: EventStudy,
    combos: Sequence[tuple[str, ...]],
    names: Sequence[str],
    windows: list[str],
    ctx: ChoiceContext,
) -> list[EventStudy | str]:
    """The study of each combination of choices (or the note of the error that stopped
    it). Choices are applied in grid order; a prefix of values shared by several
    combinations is applied once (each application validates a whole EventStudy)."""
    grid_windows = [parse_window(w) for w in windows]
    try:  # the grid's windows first, so no combination re-validates them at the end
        start: EventStudy = dataclasses.replace(study, windows=grid_windows)
        late = False
    except ReequityError:  # e.g. a grid window inside the study's own estimation window
        start, late = study, True
    memo: dict[tuple[str, ...], EventStudy | str] = {(): start}
    out: list[EventStudy | str] = []
    for key in combos or [()]:
        for k in range(1, len(key) + 1):
            if key[:k] in memo:
                continue
            prev = memo[key[: k - 1]]
            try:
                memo[key[:k]] = (
                    prev if isinstance(prev, str) else CHOICES[names[k - 1]](prev, key[k - 1], ctx)
                )
            except ReequityError as err:
                memo[key[:k]] = str(err).splitlines()[0]
        variant = memo[tuple(key)]
        if late and not isinstance(variant, str):
            try:
                variant = dataclasses.replace(variant, windows=grid_windows)
            except ReequityError as err:
                variant = str(err).splitlines()[0]
        out.append(variant)
    return out


def prune_grid(
    grid: pd.DataFrame, ctx: ChoiceContext, user_grid: bool, notes: list[str]
) -> pd.DataFrame:
    """Leave out default-grid values that cannot apply to this study, saying why."""
    drop = pd.Series(False, index=grid.index)
    for i, (choice, value) in grid[["choice", "value"]].iterrows():
        why = ""
        if choice == "benchmark" and value not in ctx.benchmarks:
            why = f"no benchmark named {value!r} was given"
        elif choice == "firms" and value == "drop_confounded" and not ctx.confounded:
            why = "no firm-event is flagged with a confounder, so it would change nothing"
        elif choice == "pool" and value == "all" and not ctx.has_non_stocks:
            why = "the study holds stocks only, so it would change nothing"
        if why and user_grid and choice == "benchmark":
            raise ConfigurationError(f"benchmark choice {value!r}: {why}; pass benchmarks=")
        if why:
            drop[i] = True
            notes.append(f"{choice}={value} left out: {why}")
    return grid.loc[~drop].reset_index(drop=True)
