"""Turn the engine's arrays into the tidy frames of :class:`EventStudyResults`."""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from scipy import stats

from reequity.errors import ConfounderWarning
from reequity.study.arrays import take_cols
from reequity.study.results import EventStudyResults
from reequity.study.windows import window_label

if TYPE_CHECKING:
    from reequity.study.align import Panel
    from reequity.study.derive import Arrays
    from reequity.study.engine import EventStudy
    from reequity.study.statistics import TestResult

__all__ = ["assemble"]

_ISSUE_COLUMNS = ["event_id", "ticker", "kind", "message"]
_TEST_COLUMNS = ["event_id", "window", "tau", "test", "statistic", "pvalue", "n_firms", "note"]


def _ar_frame(spec: EventStudy, panel: Panel, a: Arrays) -> pd.DataFrame:
    keys = a.params[["event_id", "ticker"]]
    n, e = a.sar.shape
    ret = a.ret  # span taus only
    limits = spec.price_limits or {}
    lim = keys["ticker"].map(lambda t: limits.get(t, np.nan)).to_numpy(dtype=float)
    with np.errstate(invalid="ignore"):
        hit = np.abs(ret) >= (lim[:, None] - 0.005)
    dates = panel.dates[a.keep]  # span taus only
    inside = panel.inside[a.keep]
    return pd.DataFrame(
        {
            "event_id": np.repeat(keys["event_id"].to_numpy(), e),
            "ticker": np.repeat(keys["ticker"].to_numpy(), e),
            "tau": np.tile(panel.taus[a.span], n),
            "date": dates.ravel(),
            "ret": ret.ravel(),
            "expected": a.expected.ravel(),
            "ar": take_cols(a.ar, a.span).ravel(),
            "sar": a.sar.ravel(),
            "suspended": (inside & np.isnan(ret)).ravel(),
            "limit_hit": (hit & np.isfinite(lim)[:, None]).ravel(),
        }
    )


def _car_frame(spec: EventStudy, panel: Panel, a: Arrays) -> pd.DataFrame:
    keys = a.params[["event_id", "ticker"]]
    dates = panel.dates[a.keep]
    parts = []
    for j, (lo, hi) in enumerate(spec.window_spec.windows):
        cols = np.flatnonzero(a.win[j][a.span])  # position within the span
        parts.append(
            keys.assign(
                window=window_label((lo, hi)),
                start=dates[:, cols[0]],
                end=dates[:, cols[-1]],
                n_days=a.n_days[:, j].astype(int),
                car=a.car[:, j],
                bhar=a.bhar[:, j],
                scar=a.scar[:, j],
            )
        )
    return pd.concat(parts, ignore_index=True)


def _groups(a: Arrays) -> list[tuple[str, np.ndarray]]:
    ids = a.params["event_id"].to_numpy()
    out = [(str(e), np.flatnonzero(ids == e)) for e in pd.unique(ids)]
    return [*out, ("ALL", np.arange(len(ids)))]


def _aar_frame(panel: Panel, a: Arrays) -> pd.DataFrame:
    rows = []
    for g, idx in _groups(a):
        x = take_cols(a.ar[idx], a.span)
        n_t = np.isfinite(x).sum(axis=0)
        with np.errstate(invalid="ignore", divide="ignore"):
            aar = np.where(n_t > 0, np.nansum(x, axis=0) / n_t, np.nan)
        rows.append(
            pd.DataFrame(
                {
                    "event_id": g,
                    "tau": panel.taus[a.span],
                    "n_firms": n_t,
                    "aar": aar,
                    "caar": np.nancumsum(aar),
                }
            )
        )
    return pd.concat(rows, ignore_index=True)


def _caar_frame(spec: EventStudy, a: Arrays) -> pd.DataFrame:
    rows = []
    for g, idx in _groups(a):
        for j, w in enumerate(spec.window_spec.labels):
            car = a.car[idx, j]
            car = car[np.isfinite(car)]
            n = len(car)
            mean = car.mean() if n else np.nan
            se = car.std(ddof=1) / np.sqrt(n) if n > 1 else np.nan
            q = stats.t.ppf(0.975, n - 1) if n > 1 else np.nan
            rows.append(
                {
                    "event_id": g,
                    "window": w,
                    "n_firms": n,
                    "caar": mean,
                    "mean_bhar": np.nanmean(a.bhar[idx, j]) if n else np.nan,
                    "se": se,
                    "ci_lower": mean - q * se,
                    "ci_upper": mean + q * se,
                }
            )
    return pd.DataFrame(rows)


def _tests_frame(
    spec: EventStudy, panel: Panel, a: Arrays, res: dict[str, dict[str, TestResult]]
) -> pd.DataFrame:
    """One row per (group, test, day) and (group, test, window), built in one go."""
    span_label = window_label(spec.window_spec.span)
    taus = panel.taus[a.span].astype(float)
    labels = np.array(spec.window_spec.labels, dtype=object)
    cols: dict[str, list[np.ndarray]] = {k: [] for k in _TEST_COLUMNS}

    def add(g: str, window: np.ndarray, tau: np.ndarray, name: str, st: np.ndarray,
            p: np.ndarray, n: np.ndarray, note: str) -> None:  # fmt: skip
        k = len(st)
        cols["event_id"].append(np.full(k, g, dtype=object))
        cols["window"].append(window)
        cols["tau"].append(tau)
        cols["test"].append(np.full(k, name, dtype=object))
        cols["statistic"].append(np.asarray(st, dtype=float))
        cols["pvalue"].append(np.asarray(p, dtype=float))
        cols["n_firms"].append(n)
        cols["note"].append(np.where(np.isfinite(st), "", note or "not computable").astype(object))

    nan_w = np.full(len(labels), np.nan)
    span_w = np.full(len(taus), span_label, dtype=object)
    for (g, idx), per_test in zip(_groups(a), res.values(), strict=True):
        n_day = np.isfinite(take_cols(a.ar[idx], a.span)).sum(axis=0)
        n_win = np.isfinite(a.car[idx]).sum(axis=0)
        for name, r in per_test.items():
            if r.daily_stat is not None:
                add(g, span_w, taus, name, r.daily_stat, r.daily_p, n_day, r.note)
            add(g, labels, nan_w, name, r.window_stat, r.window_p, n_win, r.note)
    out = pd.DataFrame({k: np.concatenate(v) for k, v in cols.items()})
    out["tau"] = out["tau"].astype("Int64")
    return out


def _confounder_issues(spec: EventStudy, car: pd.DataFrame) -> list[dict[str, object]]:
    """One issue per (study event, confounder) naming the windows the confounder falls in."""
    conf = spec.confounders
    if conf is None or len(conf) == 0:
        return []
    dates = pd.to_datetime(conf["date"])
    if dates.dt.tz is not None:
        dates = dates.dt.tz_localize(None)
    conf = conf.assign(date=dates.dt.normalize())
    span = car.groupby(["event_id", "window"], sort=False).agg(
        start=("start", "min"), end=("end", "max")
    )
    hits: dict[tuple[str, int], list[str]] = {}  # (study event, confounder row) -> windows
    for (event_id, window), row in span.iterrows():
        inside = (conf["date"] >= row["start"]) & (conf["date"] <= row["end"])
        inside &= conf["event_id"].astype(str) != str(event_id)
        for k in np.flatnonzero(inside.to_numpy()):
            hits.setdefault((str(event_id), int(k)), []).append(str(window))
    out: list[dict[str, object]] = []
    for (event_id, k), windows in hits.items():
        c = conf.iloc[k]
        out.append(
            {
                "event_id": event_id,
                "ticker": "",
                "kind": "confounder",
                "message": f"{c['event_id']} on {c['date'].date()} ({c.get('title', '')}) "
                f"falls inside window(s) {', '.join(windows)}",
            }
        )
    if out:
        warnings.warn(
            f"{len(out)} confounding event(s) inside event windows, e.g. {out[0]['message']}; "
            "see results.issues.",
            ConfounderWarning,
            stacklevel=4,
        )
    return out


def _settings(spec: EventStudy, a: Arrays) -> dict[str, Any]:
    return {
        "model": spec.model,
        "convention": spec.convention,
        "estimation": window_label(spec.window_spec.estimation),
        "windows": spec.window_spec.labels,
        "tests": list(spec.test_names),
        "min_estimation": spec.min_estimation,
        "calendars": dict(spec.calendars or {}),
        "seed": spec.seed,
        "dimson_lags": spec.dimson_lags,
        "n_firm_events": int(len(a.params)),
        "n_events": int(a.params["event_id"].nunique()),
    }


def assemble(
    spec: EventStudy,
    panel: Panel,
    a: Arrays,
    res: dict[str, dict[str, TestResult]],
    issues: list[dict[str, object]],
) -> EventStudyResults:
    """Build :class:`EventStudyResults` from the engine's arrays and test results."""
    car = _car_frame(spec, panel, a)
    issues = issues + _confounder_issues(spec, car)
    return EventStudyResults(
        ar=_ar_frame(spec, panel, a),
        car=car,
        aar=_aar_frame(panel, a),
        caar=_caar_frame(spec, a),
        tests=_tests_frame(spec, panel, a, res),
        issues=pd.DataFrame(issues, columns=_ISSUE_COLUMNS),
        params=a.params,
        settings=_settings(spec, a),
    )
