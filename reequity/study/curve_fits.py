"""Shared work of a specification curve: one panel per data choice, one fit per model choice.

A specification curve (:mod:`reequity.study.robustness`) runs dozens of variants of one
:class:`~reequity.study.engine.EventStudy`. Most of them differ in a choice that leaves
the expensive steps unchanged, so each step is done once for every variant that shares
its inputs:

* **panel** (:func:`~reequity.study.align.build_panel`): one per distinct returns,
  events, benchmark, calendars and factors, gathered over the widest estimation start
  and the most benchmark leads/lags of the variants sharing it; a variant reads its own
  taus and leads/lags as a slice (the same numbers: each cell depends only on the
  firm-event and tau);
* **cleaning mask** (:func:`~reequity.study.clean.exclusion_mask`): one per panel,
  exclusion items and clean window, over the union of the estimation windows, cut to
  each variant's estimation window;
* **model fit** (the engine's own ``_clean``, ``_estimate`` and
  :func:`~reequity.study.derive.derive`): one per distinct estimation window, model,
  convention, cleaning and event windows; every event window's CAR comes from it;
* **test battery** (:func:`~reequity.study.testing.pooled_run`, the engine's run on the
  pooled firm-events, then the CAAR of :mod:`~reequity.study.frames`): one per fit and pool (kinds, groups),
  with only the curve's tests; nothing else of a full ``fit()`` (AR, CAR and group
  frames, confounder look-ups) is built.

Which variants share a step is decided from their fields, compared by value (frames by a
hash of their contents), so a user-registered choice that changes any field is honoured:
the variants it makes simply share less. :data:`STEP_FIELDS` names the fields each step
reads; every other field of ``EventStudy`` is listed in :data:`UNUSED_FIELDS` with the
reason the curve's rows do not depend on it.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Hashable, Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from reequity.errors import ReequityError
from reequity.study.align import Panel, build_panel
from reequity.study.clean import exclusion_mask, naive_dates
from reequity.study.derive import derive
from reequity.study.frames import caar_frame  # the engine's CAAR and its interval
from reequity.study.groups import grouping
from reequity.study.testing import pooled_run

if TYPE_CHECKING:
    from reequity.study.derive import Arrays
    from reequity.study.engine import EventStudy

__all__ = ["STEP_FIELDS", "UNUSED_FIELDS", "fit_variants"]

#: fields of ``EventStudy`` read by each shared step (a later step also depends on the
#: fields of the steps before it)
STEP_FIELDS: dict[str, tuple[str, ...]] = {
    "panel": ("returns", "events", "benchmark", "calendars", "factors"),
    "fit": (
        "model",
        "model_options",
        "estimation",
        "windows",
        "convention",
        "min_estimation",
        "dimson_lags",
        "clean_estimation",
        "clean_window",
        "exclusions",
    ),  # fmt: skip
    "battery": ("groups", "kinds", "test_names", "seed"),
}
#: fields the curve's rows do not read, and why
UNUSED_FIELDS: dict[str, str] = {
    "price_limits": "flags limit hits in the AR frame only",
    "confounders": "reaches the fit through exclusions; its issues are not rows",
    "exclude": "reaches the fit through exclusions",
    "tests": "read through test_names",
    "window_spec": "made from estimation and windows",
    "scale": "made from returns, benchmark and factors",
    "pool_by": "the curve sets it to None: its rows are per event and the ALL pool",
    "pools": "made from events and pool_by",
}
ROW_COLUMNS = [
    "event_id", "window", "n_firms", "caar", "ci_lower", "ci_upper", "robust_ci_lower",
    "robust_ci_upper",
]  # fmt: skip


class _Fingerprints:
    """Hashable stand-ins for field values: frames by a hash of their contents.

    Frames are hashed once per object (by ``id``; the objects are kept alive so an id is
    never reused during one curve); a value that cannot be hashed stands for itself
    (its ``id``), which only means less sharing.
    """

    def __init__(self) -> None:
        self._memo: dict[int, tuple[object, Hashable]] = {}

    def __call__(self, value: object) -> Hashable:
        if value is None or isinstance(value, str | bool | int | float | np.generic):
            return (type(value).__name__, value)
        if isinstance(value, tuple | list):
            return ("seq", tuple(self(v) for v in value))
        if isinstance(value, Mapping):
            items = sorted(((repr(k), self(v)) for k, v in value.items()), key=lambda kv: kv[0])
            return ("map", tuple(items))
        hit = self._memo.get(id(value))
        if hit is None:
            hit = (value, self._digest(value))
            self._memo[id(value)] = hit
        return hit[1]

    @staticmethod
    def _digest(value: object) -> Hashable:
        try:
            if isinstance(value, pd.DataFrame | pd.Series | pd.Index):
                h = hashlib.blake2b(digest_size=16)
                h.update(repr((type(value).__name__, value.shape)).encode())
                if isinstance(value, pd.DataFrame):
                    h.update(repr((list(value.columns), list(map(str, value.dtypes)))).encode())
                else:
                    h.update(repr((value.name, str(value.dtype))).encode())
                h.update(pd.util.hash_pandas_object(value, index=True).to_numpy().tobytes())
                return ("frame", h.hexdigest())
            if isinstance(value, np.ndarray):
                return ("array", value.dtype.str, value.shape, value.tobytes())
        except (TypeError, ValueError):
            pass
        return ("id", id(value))


def _key(fp: _Fingerprints, study: EventStudy, step: str) -> Hashable:
    key: list[Hashable] = [fp(getattr(study, f)) for f in STEP_FIELDS[step]]
    if step == "panel":
        key.append(study.window_spec.span)  # the taus whose dates the panel keeps
    return tuple(key)


def _slice(wide: Panel, study: EventStudy) -> Panel:
    """The panel ``study`` would build itself, cut from ``wide`` (its own copy of ``ret``)."""
    taus = study.window_spec.taus
    off, extra = int(taus[0] - wide.taus[0]), wide.pad - study._pad
    bench = wide.bench[:, off + extra : wide.bench.shape[1] - extra]
    bench.flags.writeable = False  # shared by every fit of the panel: read only
    factors = None if wide.factors is None else wide.factors[:, off:]
    return dataclasses.replace(
        wide, taus=taus, ret=wide.ret[:, off:].copy(), bench=bench, factors=factors,
        pad=study._pad,
    )  # fmt: skip


def _rows(study: EventStudy, a: Arrays) -> pd.DataFrame:
    """CAAR rows of the pooled firm-events with each test's window statistic and p-value."""
    g = grouping(a.params["ticker"].to_numpy(), groups=study.groups, kinds=study.kinds)
    run = pooled_run(study, a, g)  # the engine's pooled run: leaves ``a`` as it was
    res = run.results
    caar = caar_frame(study, run)
    out = caar[ROW_COLUMNS].copy()
    names = list(dict.fromkeys(caar["event_id"]))  # rows: events x windows, in that order
    rows = res.rows(names)
    for t in study.test_names:
        k = res.tests.index(t)
        out[f"{t}_stat"] = res.window_stat[rows, k].ravel()
        out[f"{t}_p"] = res.window_p[rows, k].ravel()
    return out


def _group(keys: Sequence[Hashable]) -> dict[Hashable, list[int]]:
    out: dict[Hashable, list[int]] = {}
    for i, k in enumerate(keys):
        out.setdefault(k, []).append(i)
    return out


def _note(err: ReequityError) -> str:
    return str(err).splitlines()[0]


def fit_variants(
    variants: Sequence[EventStudy | str],
) -> tuple[list[pd.DataFrame | str], dict[str, int]]:
    """Rows of each variant of a study, sharing panels, masks, fits and batteries.

    Parameters
    ----------
    variants : sequence of EventStudy or str
        The studies to run; a str is a variant that could not be made (its note), passed
        through.

    Returns
    -------
    rows : list of DataFrame or str
        Per variant: ``event_id, window, n_firms, caar, ci_lower, ci_upper`` and
        ``<test>_stat``, ``<test>_p`` per test, one row per event (and ``ALL``) and
        window, equal to what ``variant.fit()`` reports; or the note of the error that
        stopped it (the first line of a ``ReequityError``).
    counts : dict
        ``variants``, ``panels``, ``masks``, ``fits``, ``batteries``: how many of each
        were made.
    """
    fp = _Fingerprints()
    out: list[pd.DataFrame | str] = [v if isinstance(v, str) else "" for v in variants]
    ok = [i for i, v in enumerate(variants) if not isinstance(v, str)]
    studies: dict[int, EventStudy] = {i: variants[i] for i in ok}  # type: ignore[misc]
    counts = {"variants": len(variants), "panels": 0, "masks": 0, "fits": 0, "batteries": 0}
    panels = _group([_key(fp, studies[i], "panel") for i in ok])
    for members in panels.values():
        group = [ok[m] for m in members]
        try:
            wide = _wide_panel([studies[i] for i in group])
        except ReequityError as err:
            for i in group:
                out[i] = _note(err)
            continue
        counts["panels"] += 1
        _fit_panel(wide, {i: studies[i] for i in group}, fp, out, counts)
    return out, counts


def _wide_panel(studies: Sequence[EventStudy]) -> Panel:
    """One panel for studies sharing their data: earliest estimation start, most leads/lags."""
    first = studies[0]
    start = min(s.window_spec.estimation[0] for s in studies)
    spec = first.window_spec
    return build_panel(
        first.returns,
        first.events,
        benchmark=first.benchmark,
        taus=np.arange(start, spec.span[1] + 1),
        pad=max(s._pad for s in studies),
        calendars=first.calendars,
        factors=first.factors,
        date_taus=spec.span,
    )


def _masks(
    wide: Panel, studies: Mapping[int, EventStudy], fp: _Fingerprints
) -> dict[Hashable, np.ndarray]:
    """The cleaning mask of each (exclusions, clean window) over the union of the
    estimation windows of the studies that clean with it."""
    wanted: dict[Hashable, list[EventStudy]] = {}
    for s in studies.values():
        if s.clean_estimation:
            wanted.setdefault((fp(s.exclusions), s.clean_window), []).append(s)
    out: dict[Hashable, np.ndarray] = {}
    for key, group in wanted.items():
        est = (
            min(s.window_spec.estimation[0] for s in group),
            max(s.window_spec.estimation[1] for s in group),
        )
        out[key] = exclusion_mask(
            wide.keys, naive_dates(group[0].returns), group[0].exclusions,
            taus=wide.taus, est=est, window=group[0].clean_window,
        )  # fmt: skip
    return out


def _fit_panel(
    wide: Panel,
    studies: Mapping[int, EventStudy],
    fp: _Fingerprints,
    out: list[pd.DataFrame | str],
    counts: dict[str, int],
) -> None:
    """Fit every distinct model of one panel's studies and run their batteries."""
    masks = _masks(wide, studies, fp)
    counts["masks"] += len(masks)
    fits = _group([_key(fp, s, "fit") for s in studies.values()])
    index = list(studies)
    for members in fits.values():
        group = [index[m] for m in members]
        study = studies[group[0]]
        spec = study.window_spec
        try:
            panel = _slice(wide, study)
            est = (spec.taus >= spec.estimation[0]) & (spec.taus <= spec.estimation[1])
            drop = None
            if study.clean_estimation:
                drop = masks[(fp(study.exclusions), study.clean_window)][:, -len(spec.taus) :]
                drop = drop & est[None, :]  # the union mask cut to this estimation window
            study._clean(panel, drop)
            fit, keep, _ = study._estimate(panel, est)
            arrays = derive(panel, fit, est, spec, keep, study.convention)
        except ReequityError as err:
            for i in group:
                out[i] = _note(err)
            continue
        counts["fits"] += 1
        batteries = _group([_key(fp, studies[i], "battery") for i in group])
        for sub in batteries.values():
            first = studies[group[sub[0]]]
            try:
                rows: pd.DataFrame | str = _rows(first, arrays)
            except ReequityError as err:
                rows = _note(err)
            counts["batteries"] += 1
            for m in sub:
                out[group[m]] = rows
