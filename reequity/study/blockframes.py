"""Tidy frames of :func:`reequity.study.blocks.event_study_blocks`, shaped as the engine's."""

from __future__ import annotations

import numpy as np
import pandas as pd

from reequity.study.windows import WindowSpec

__all__ = ["car_frame", "tests_frame"]


def tests_frame(
    results: list[tuple[str, float, dict]], names: tuple[str, ...], n_e: int,
    labels: list[str], span_taus: np.ndarray,
) -> pd.DataFrame:  # fmt: skip
    """The engine's layout: per group and test, the span days (labelled with the span
    window) then one row per window (tau missing); note "not computable" where NaN."""
    span_label = f"{span_taus[0]}:{span_taus[-1]}"
    wins = [span_label] * n_e + labels
    taus = pd.array([*span_taus, *[pd.NA] * len(labels)], dtype="Int64")
    frames = []
    for group, n, res in results:
        for name in names:
            stat, p = res[name]
            frames.append(pd.DataFrame({
                "event_id": group, "window": wins, "tau": taus, "test": name,
                "statistic": stat, "pvalue": p, "n_firms": int(n),
                "note": np.where(np.isfinite(stat), "", "not computable"),
            }))  # fmt: skip
    return pd.concat(frames, ignore_index=True)


def car_frame(
    keys: pd.DataFrame, index: pd.Index, car: np.ndarray, bhar: np.ndarray, scar: np.ndarray,
    win: np.ndarray, spec: WindowSpec,
) -> pd.DataFrame:  # fmt: skip
    """Window-major rows as the engine's ``car`` frame; ids and tickers as categoricals."""
    n, n_w = car.shape
    dates = pd.DatetimeIndex(index).tz_localize(None).normalize().to_numpy()
    pos = keys["pos"].to_numpy()
    rows = np.tile(np.arange(n), n_w)
    return pd.DataFrame(
        {
            "event_id": pd.Categorical(keys["event_id"]).take(rows),
            "ticker": pd.Categorical(keys["ticker"]).take(rows),
            "window": pd.Categorical.from_codes(np.repeat(np.arange(n_w), n), spec.labels),
            "start": np.concatenate([dates[pos + a] for a, _ in spec.windows]),
            "end": np.concatenate([dates[pos + b] for _, b in spec.windows]),
            "n_days": np.repeat(win.sum(axis=1), n),
            "car": car.T.ravel(),
            "bhar": bhar.T.ravel(),
            "scar": scar.T.ravel(),
        }
    )
