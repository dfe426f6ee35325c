"""Tests of every event group at once (textbook convention): no Python loop over events.

The event groups are contiguous runs of rows (the battery orders firm-events by event),
so each group's column sums are one ``np.add.reduceat`` over all rows. The formulas are
those of the per-group tests (:mod:`.parametric`, :mod:`.nonparametric`, :mod:`.rank`),
term by term, so the statistics are the same up to the order of floating-point sums;
a group whose test would fail or carry a note (no variance, p outside (0, 1)) is left
out and tested on its own by the battery.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from reequity.study.statistics.base import norm_p, t_p
from reequity.study.statistics.batch import Batch

__all__ = ["Groups", "BATCHED", "batched_tests"]

BATCHED = frozenset(
    {
        "t_cs", "bmp", "sign", "generalized_sign", "patell", "brown_warner_1980", "cda",
        "lamb", "kolari_pynnonen", "adjusted_patell", "corrado_rank", "modified_rank",
        "corrado_sign",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Groups:
    """What the batched tests read: rows ordered by group, group sums precomputed."""

    starts: np.ndarray  # (G,) first row of each group (groups non-empty)
    sizes: np.ndarray  # (G,) rows per group
    ar_span: np.ndarray  # (n, E)
    sar: np.ndarray  # (n, E)
    car: np.ndarray  # (n, W)
    scar: np.ndarray  # (n, W)
    sigma: np.ndarray  # (n,)
    dof: np.ndarray  # (n,)
    est_pos: np.ndarray  # (n,)
    est_count: np.ndarray  # (n,)
    aar_all: np.ndarray  # (G, L) cross-sectional mean AR per tau
    est: np.ndarray  # (L,) bool
    span: np.ndarray  # (E,)
    win: np.ndarray  # (W, L) bool
    in_span: np.ndarray  # (T,) bool
    rank_sums: np.ndarray  # (G, 5, T), rows named by perfirm.RANK_SUMS
    lamb_c: np.ndarray  # (n, E) forecast-error factor C_it
    rbar: np.ndarray  # (G,) mean pairwise correlation of estimation ARs (NaN: none)


def _sum(g: Groups, x: np.ndarray) -> np.ndarray:
    return np.add.reduceat(x, g.starts, axis=0)


def _cs_t(g: Groups, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`.base.cs_t` per group: (G, C) t and p."""
    fin = np.isfinite(x)
    n = _sum(g, fin).astype(float)
    mean = _sum(g, np.where(fin, x, 0.0)) / n
    dev = np.where(fin, x - np.repeat(mean, g.sizes, axis=0), 0.0)
    var = _sum(g, dev * dev) / (n - 1)
    t = mean / np.sqrt(var / n)
    t = np.where((n > 1) & (var > 0), t, np.nan)
    return t, t_p(t, n - 1)


def _sign_z(g: Groups, x: np.ndarray, p: np.ndarray | float) -> np.ndarray:
    n = _sum(g, np.isfinite(x)).astype(float)
    w = _sum(g, x > 0)
    z = (w - n * p) / np.sqrt(n * p * (1 - p))
    return np.where(n > 0, z, np.nan)


Stats = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]  # daily stat, p; window


def _results(
    d: np.ndarray, dp: np.ndarray, w: np.ndarray, wp: np.ndarray, ok: np.ndarray | bool = True
) -> Batch:
    """Every group's rows as one :class:`Batch` (no result object per group)."""
    return Batch(d, dp, w, wp, ok=np.broadcast_to(np.asarray(ok, dtype=bool), d.shape[:1]))


def _t_cs(g: Groups) -> Batch:
    return _results(*_cs_t(g, g.ar_span), *_cs_t(g, g.car))


def _bmp_stats(g: Groups) -> Stats:
    return (*_cs_t(g, g.sar), *_cs_t(g, g.scar))


def _sign(g: Groups) -> Batch:
    d, w = _sign_z(g, g.ar_span, 0.5), _sign_z(g, g.car, 0.5)
    return _results(d, norm_p(d), w, norm_p(w))


def _generalized_sign(g: Groups) -> Batch:
    share = g.est_pos / g.est_count
    fin = np.isfinite(share)
    p = (_sum(g, np.where(fin, share, 0.0)) / _sum(g, fin))[:, None]  # nanmean per group
    d, w = _sign_z(g, g.ar_span, p), _sign_z(g, g.car, p)
    return _results(d, norm_p(d), w, norm_p(w), (p[:, 0] > 0) & (p[:, 0] < 1))


def _patell_stats(g: Groups) -> Stats:
    v = np.where(g.dof > 2, g.dof / (g.dof - 2), np.nan)[:, None]

    def z(x: np.ndarray) -> np.ndarray:
        fin = np.isfinite(x)
        stat = _sum(g, np.where(fin, x, 0.0)) / np.sqrt(_sum(g, fin * v))
        return np.where(_sum(g, fin) > 0, stat, np.nan)

    d, w = z(g.sar), z(g.scar)
    return d, norm_p(d), w, norm_p(w)


def _brown_warner(g: Groups) -> Batch:
    var = (g.sigma**2)[:, None]
    present = np.isfinite(g.ar_span)
    n_t = _sum(g, present)
    sd = np.sqrt(_sum(g, present * var)) / n_t
    aar = _sum(g, np.where(present, g.ar_span, 0.0)) / n_t
    stat = np.where(n_t > 0, aar / sd, np.nan)
    dof_fin = np.isfinite(g.dof)
    df = (_sum(g, np.where(dof_fin, g.dof, 0.0)) / _sum(g, dof_fin))[:, None]
    cfin = np.isfinite(g.car)
    nw = _sum(g, cfin)
    length = g.win.sum(axis=1)[None, :]
    wsd = np.sqrt(_sum(g, cfin * (var * length))) / nw
    wstat = np.where(nw > 0, _sum(g, np.where(cfin, g.car, 0.0)) / nw / wsd, np.nan)
    return _results(stat, t_p(stat, df), wstat, t_p(wstat, df))


def _aar_sd(g: Groups) -> tuple[np.ndarray, np.ndarray]:
    """Sd (ddof 1) of each group's AAR over the estimation taus, (G, 1), and the count."""
    est_aar = g.aar_all[:, g.est]
    fin = np.isfinite(est_aar)
    m = fin.sum(axis=1)
    mean = np.where(fin, est_aar, 0.0).sum(axis=1) / m
    dev = np.where(fin, est_aar - mean[:, None], 0.0)
    return np.where(m > 1, np.sqrt((dev * dev).sum(axis=1) / (m - 1)), np.nan)[:, None], m


def _lamb(g: Groups) -> Batch:
    """:func:`.parametric.lamb` (textbook): the CDA with the mean forecast-error factor."""
    aar = g.aar_all
    sd, _ = _aar_sd(g)
    present = np.isfinite(g.ar_span)
    cbar = _sum(g, np.where(present, g.lamb_c, 0.0)) / _sum(g, present)  # (G, E)
    c_all = np.full(aar.shape, np.nan)
    c_all[:, g.span] = cbar
    z_all = aar / (sd * np.sqrt(c_all))
    stat = z_all[:, g.span]
    ok = g.win[None, :, :] & np.isfinite(z_all)[:, None, :]
    num = np.where(ok, aar[:, None, :], 0.0).sum(axis=2)
    wstat = num / (sd * np.sqrt(np.where(ok, c_all[:, None, :], 0.0).sum(axis=2)))
    good = np.isfinite(sd[:, 0]) & (sd[:, 0] != 0)
    return _results(stat, norm_p(stat), wstat, norm_p(wstat), good)


def _kp_factor(g: Groups, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """sqrt((1 - r) / (1 + (N - 1) r)) per group and column, and N (Kolari-Pynnonen)."""
    n = _sum(g, np.isfinite(x)).astype(float)
    r = g.rbar[:, None]
    return np.sqrt((1 - r) / (1 + (n - 1) * r)), n


def _adjusted(g: Groups, base: Stats, student: bool) -> Batch:
    """:func:`.parametric.kolari_pynnonen` (``student``, ``base`` = BMP's statistics)
    or ``adjusted_patell`` (``base`` = Patell's)."""
    fd, nd = _kp_factor(g, g.sar)
    fw, nw = _kp_factor(g, g.scar)
    d = base[0] * fd  # every group at once: (G, E), (G, W)
    w = base[2] * fw
    dp, wp = (t_p(d, nd - 1), t_p(w, nw - 1)) if student else (norm_p(d), norm_p(w))
    # a group without a correlation is tested on its own (the per-group test gives a note)
    return _results(d, dp, w, wp, np.isfinite(g.rbar))


def _cda(g: Groups) -> Batch:
    aar = g.aar_all
    sd, m = _aar_sd(g)
    stat = aar[:, g.span] / sd
    ok = g.win[None, :, :] & np.isfinite(aar)[:, None, :]
    days = ok.sum(axis=2)
    se = np.where(days > 0, np.sqrt(days) * sd, np.nan)  # the window sum's standard error
    wstat = np.where(ok, aar[:, None, :], 0.0).sum(axis=2) / se
    df = (m - 1)[:, None]
    good = np.isfinite(sd[:, 0]) & (sd[:, 0] != 0)
    return Batch(
        stat, t_p(stat, df), wstat, t_p(wstat, df), ok=good, window_se=se,
        df=(m - 1).astype(float),
    )  # fmt: skip


_RANK, _SCALED, _MEAN_RANK, _COUNT, _SIGN = range(5)


def _rank_test(g: Groups, total: np.ndarray, scale_n: bool) -> Batch:
    """:mod:`.rank`'s standardized series, daily and window statistics per group."""
    n_t = g.rank_sums[:, _COUNT]
    scale = n_t if scale_n else np.sqrt(n_t)
    series = np.where(n_t > 0, total / scale, np.nan)
    length = (n_t > 0).sum(axis=1).astype(float)
    sd = np.where(length > 0, np.sqrt(np.nansum(series**2, axis=1) / length), np.nan)[:, None]
    daily = series[:, g.in_span] / sd
    win = g.win[None, :, g.span] & np.isfinite(daily)[:, None, :]
    window = np.where(win, daily[:, None, :], 0.0).sum(axis=2) / np.sqrt(win.sum(axis=2))
    good = np.isfinite(sd[:, 0]) & (sd[:, 0] != 0)
    return _results(daily, norm_p(daily), window, norm_p(window), good)


def batched_tests(g: Groups, names: set[str]) -> dict[str, Batch]:
    """Results of the ``names`` in :data:`BATCHED` for every group: one :class:`Batch`
    per test (a group whose row is not ``ok`` is tested on its own)."""
    rs = g.rank_sums
    memo: dict[str, Stats] = {}

    def once(key: str, f: Callable[[Groups], Stats]) -> Stats:
        """BMP's and Patell's statistics, shared with Kolari-Pynnonen / adjusted Patell."""
        if key not in memo:
            memo[key] = f(g)
        return memo[key]

    runs = {
        "t_cs": lambda: _t_cs(g),
        "bmp": lambda: _results(*once("bmp", _bmp_stats)),
        "sign": lambda: _sign(g),
        "generalized_sign": lambda: _generalized_sign(g),
        "patell": lambda: _results(*once("patell", _patell_stats)),
        "brown_warner_1980": lambda: _brown_warner(g),
        "cda": lambda: _cda(g),
        "lamb": lambda: _lamb(g),
        "kolari_pynnonen": lambda: _adjusted(g, once("bmp", _bmp_stats), True),
        "adjusted_patell": lambda: _adjusted(g, once("patell", _patell_stats), False),
        "corrado_rank": lambda: _rank_test(g, rs[:, _RANK] - rs[:, _MEAN_RANK], True),
        "modified_rank": lambda: _rank_test(g, rs[:, _SCALED] - 0.5 * rs[:, _COUNT], False),
        "corrado_sign": lambda: _rank_test(g, rs[:, _SIGN], False),
    }
    with np.errstate(invalid="ignore", divide="ignore"):
        return {name: runs[name]() for name in sorted(names & BATCHED)}
