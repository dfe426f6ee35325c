"""Bootstrap test of the mean abnormal return (seeded, null imposed by centring)."""

from __future__ import annotations

import numpy as np

from reequity.study.statistics.base import Sample, TestResult, cs_t

__all__ = ["bootstrap", "N_BOOT"]

N_BOOT = 999
_CHUNK_CELLS = 1_000_000  # (replicates x firms x columns) per chunk: arrays that stay in cache


def _boot_p(x: np.ndarray, t_obs: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Share of |t*| >= |t| over resamples of the centred columns of ``x`` (n, C).

    A resample is a row of counts (how often each firm-event is drawn), so the sums
    a t-statistic needs are one BLAS product: counts (B, n) @ [x, x squared, presence]
    (n, 3C; without the presence mask when nothing is missing, as every resample then
    has n draws in each column). The draws are those of ``rng.integers(0, n, (B, n))``
    in chunks; the chunk's index array is offset in place and the counts are copied
    into one reused float buffer (fresh memory costs first-touch time on this VM).
    """
    n, c = x.shape
    fin = np.isfinite(x)
    xc = np.where(fin, x - np.nanmean(x, axis=0), 0.0)
    complete = bool(fin.all())
    parts = [xc, xc * xc] if complete else [xc, xc * xc, fin.astype(float)]
    design = np.concatenate(parts, axis=1)  # (n, 2C or 3C)
    exceed = np.zeros(c)
    done = 0
    step = max(1, _CHUNK_CELLS // max(n * c, 1))
    counts = np.empty((min(step, N_BOOT), n))
    offsets = (np.arange(counts.shape[0]) * n)[:, None]
    while done < N_BOOT:
        b = min(step, N_BOOT - done)
        idx = rng.integers(0, n, size=(b, n))
        idx += offsets[:b]
        cb = counts[:b]
        np.copyto(cb, np.bincount(idx.ravel(), minlength=b * n).reshape(b, n))
        sums = cb @ design
        s1, s2 = sums[:, :c], sums[:, c : 2 * c]
        cnt = np.float64(n) if complete else sums[:, 2 * c :]
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = s1 / cnt
            var = np.maximum(s2 - cnt * mean * mean, 0.0) / (cnt - 1)
            tb = mean / np.sqrt(var / cnt)
        exceed += (np.abs(tb) >= np.abs(t_obs)[None, :]).sum(axis=0)
        done += b
    p = (1 + exceed) / (N_BOOT + 1)
    return np.where(np.isfinite(t_obs), p, np.nan)


def bootstrap(s: Sample) -> TestResult:
    """Bootstrap-t test of AAR and CAAR (Efron and Tibshirani 1993, ch. 16).

    The statistic is the cross-sectional t; its p-value is the share of 999 resamples
    (firm-events drawn with replacement from the centred ARs, so the null holds) whose
    |t*| reaches |t|, as (1 + count) / (B + 1). Seeded by ``seed``.
    """
    if s.n_firms < 3:
        e, w = len(s.span), s.win.shape[0]
        nan_e, nan_w = np.full(e, np.nan), np.full(w, np.nan)
        return TestResult(nan_e, nan_e, nan_w, nan_w, "fewer than 3 firm-events")
    x = np.concatenate([s.a_span, s.car], axis=1)
    t_obs, _ = cs_t(x)
    p = _boot_p(x, t_obs, np.random.default_rng(s.seed))
    e = len(s.span)
    return TestResult(t_obs[:e], p[:e], t_obs[e:], p[e:])
