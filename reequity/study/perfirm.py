"""One pass over the firm-events: per-firm quantities and per-group column sums.

Everything a test needs that does not depend on the group a firm-event is tested in
(its ranks, median, estimation moments, sorted estimation SARs) is computed once, in
blocks of rows. Column sums that the tests need per group (AR per tau and per calendar
cluster, rank and sign sums, Kolari-Pynnonen standardized residuals) are accumulated in
the same pass as BLAS products over runs of rows of one group, so no test loops over
firms and no group copies the (n, L) arrays.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from reequity.study.arrays import col_slice, take_cols
from reequity.study.derive import Arrays
from reequity.study.statistics.ranking import rank_rows, sort_rows

__all__ = ["PerFirm", "per_firm", "RANK_SUMS"]

_BLOCK = 256  # rows per block: the block's (rows, T) temporaries stay in cache (L2)
# rows of ``PerFirm.rank_sums``: sum K, sum K / (T_i + 1), sum of the firm's mean rank
# (T_i + 1) / 2, number of firms with an AR, sum of signs around the median
RANK_SUMS = ("rank", "scaled_rank", "mean_rank", "count", "sign")
_MANY_RUNS = 32  # more runs of one group per block than this: reduceat instead of BLAS


@dataclass(frozen=True, slots=True)
class PerFirm:
    """Per-firm arrays (rows sorted by group) and per-group / per-cluster column sums."""

    count: np.ndarray  # (n,) ARs on estimation + span taus (T_i)
    est_ranks: np.ndarray  # (n, M) ranks among estimation ARs (float32, 0 if no AR)
    est_wrank: np.ndarray  # (g, M) sum_i K_it / (M_i + 2) over estimation ranks (GRANK)
    est_sorted: np.ndarray  # (n, M) estimation AR / S_i sorted ascending, NaN last; with
    # ``overwrite`` a view of the estimation columns of Arrays.ar (no longer ARs after)
    e_mean: np.ndarray  # (n,) mean estimation AR
    e_var: np.ndarray  # (n,) variance of estimation ARs, divisor M - 1
    e_pos: np.ndarray  # (n,) estimation ARs > 0
    e_count: np.ndarray  # (n,) estimation ARs present
    cell_ar: np.ndarray  # (q, L) sum of ARs per (group, day-0 date) cell
    cell_n: np.ndarray  # (q, L) ARs present per cell
    rank_sums: np.ndarray  # (g, 5, T) see RANK_SUMS, per group
    kp_cols: np.ndarray  # (g, M) sum_i u_it (Kolari-Pynnonen), per group
    kp_m: np.ndarray  # (n,) estimation ARs of firms with a usable sd (else NaN)
    kp_n: np.ndarray  # (g, M) firms with a usable sd and an AR, per estimation tau


def _group_dot(acc: np.ndarray, w: np.ndarray, x: np.ndarray, codes: np.ndarray) -> None:
    """acc[c, :k] += w[:, rows of c] @ x[rows of c] for every group code c in the block.

    ``w`` (k, nb) holds per-row weights, ``x`` (nb, C) the values. Rows come in runs of
    one group (rows are ordered by group), so each run is one BLAS product; a block of
    many small groups sums its runs with ``np.add.reduceat`` (weighted rows when a
    weight is not 1), one call per weight row.
    """
    k = w.shape[0]
    starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
    if len(starts) <= _MANY_RUNS:
        ends = np.r_[starts[1:], len(codes)]
        for lo, hi in zip(starts, ends, strict=True):  # few runs per block
            acc[codes[lo], :k] += w[:, lo:hi] @ x[lo:hi]
        return
    target = codes[starts]
    sums = np.empty((len(starts), k, x.shape[1]))
    for j in range(k):  # k <= 2 weight rows; sums over each run of rows, no (nb, k, C)
        wj = w[j]
        plain = wj.dtype == x.dtype and bool((wj == 1).all())
        sums[:, j] = np.add.reduceat(x if plain else wj[:, None] * x, starts, axis=0)
    if len(np.unique(target)) == len(target):  # each group one run: plain indexing
        acc[target, :k] += sums
    else:
        np.add.at(acc, (target, slice(0, k)), sums)


def _rank_block(
    a: Arrays, ar_b: np.ndarray, codes: np.ndarray, acc: np.ndarray, wrank: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rank one block of firms over estimation + span taus; add the group rank sums.

    Returns T_i, the ranks among estimation ARs (0 where there is no AR) and the sorted
    estimation ARs (NaN last); adds the group sums of RANK_SUMS to ``acc`` and of
    K_it / (M_i + 2) (GRANK) to ``wrank``.
    """
    full = take_cols(ar_b, a.full_cols)
    ranks, est_ranks, median, est_sorted = rank_rows(full, ~a.in_span)
    fin = np.isfinite(full)
    if fin.all():  # nothing missing: T_i = T and M_i = M for every firm
        t_n = full.shape[1]
        count = np.full(len(full), float(t_n))
        per_group = np.bincount(codes, minlength=acc.shape[0]).astype(float)[:, None]
        one = np.ones((1, len(full)), dtype=np.float32)
        sums = np.zeros((acc.shape[0], 1, t_n))
        _group_dot(sums, one, ranks, codes)  # float32 sums of integer/half ranks: exact
        acc[:, 0] += sums[:, 0]
        acc[:, 1] += sums[:, 0] / (t_n + 1)
        acc[:, 2] += 0.5 * (t_n + 1) * per_group
        acc[:, 3] += per_group
        sums = np.zeros((acc.shape[0], 1, est_ranks.shape[1]))
        _group_dot(sums, one, est_ranks, codes)
        wrank += sums[:, 0] / (est_ranks.shape[1] + 2)
        # sign(x - median) as (x > median) - (x < median): the same -1/0/1 for finite x
        # (nothing is missing here), about 20x faster than np.sign, which is not vectorised
        med = median[:, None]
        sign = np.subtract(full > med, full < med, dtype=np.float64, casting="unsafe")
        _group_dot(acc[:, 4:], np.ones((1, len(full))), sign, codes)
        return count, est_ranks, est_sorted
    est_ranks[np.isnan(est_ranks)] = 0.0
    m = (est_ranks > 0).sum(axis=1)
    count = fin.sum(axis=1).astype(float)
    _missing_sums(ranks, fin, full > median[:, None], full < median[:, None], est_ranks,
                  count, m, codes, acc, wrank)  # fmt: skip
    return count, est_ranks, est_sorted


def _missing_sums(
    ranks: np.ndarray,
    fin: np.ndarray,
    above: np.ndarray,
    below: np.ndarray,
    est_ranks: np.ndarray,
    count: np.ndarray,
    m: np.ndarray,
    codes: np.ndarray,
    acc: np.ndarray,
    wrank: np.ndarray,
) -> None:
    """The group rank sums of a block with missing ARs.

    The block's columns [K (0 if missing) | present | sign around the median | estimation
    rank] are summed per run of rows sharing a group, T_i and M_i (a cleaned panel gives
    each event date its own), one float32 BLAS product per run (integer and half ranks,
    counts and signs of at most 2**24 rows: exact), then weighted by the run's
    1 / (T_i + 1), (T_i + 1) / 2 and 1 / (M_i + 2) in float64. Rows with their own T_i
    and M_i are runs of one row.
    """
    nb, t_n = fin.shape
    x = np.empty((nb, 3 * t_n + est_ranks.shape[1]), dtype=np.float32)
    np.copyto(x[:, :t_n], np.where(fin, ranks, np.float32(0.0)))
    x[:, t_n : 2 * t_n] = fin
    # a missing AR compares False with the median both ways: sign 0
    np.subtract(above, below, out=x[:, 2 * t_n : 3 * t_n], dtype=np.float32, casting="unsafe")
    x[:, 3 * t_n :] = est_ranks
    change = (codes[1:] != codes[:-1]) | (count[1:] != count[:-1]) | (m[1:] != m[:-1])
    starts = np.flatnonzero(np.r_[True, change])
    sums = np.zeros((len(starts), 1, x.shape[1]))
    _group_dot(sums, np.ones((1, nb), dtype=np.float32), x, np.cumsum(np.r_[0, change]))
    s, t1 = sums[:, 0], (count[starts] + 1)[:, None]
    per_run = np.stack(
        [
            s[:, :t_n],
            s[:, :t_n] / t1,
            0.5 * t1 * s[:, t_n : 2 * t_n],
            s[:, t_n : 2 * t_n],
            s[:, 2 * t_n : 3 * t_n],
        ],
        axis=1,
    )
    est_w = s[:, 3 * t_n :] / (m[starts] + 2)[:, None]
    target = codes[starts]  # ordered by group: a group's runs are consecutive
    first = np.flatnonzero(np.r_[True, target[1:] != target[:-1]])
    acc[target[first]] += np.add.reduceat(per_run, first, axis=0)
    wrank[target[first]] += np.add.reduceat(est_w, first, axis=0)


def per_firm(
    a: Arrays,
    group: np.ndarray,
    cell: np.ndarray,
    n_cells: int,
    *,
    ranks: bool,
    sorted_sar: bool,
    kp: bool,
    overwrite: bool = False,
) -> PerFirm:
    """Compute :class:`PerFirm` in one blocked pass over rows sorted by ``group``/``cell``.

    ``overwrite=True`` lets the sorted estimation SARs take the memory of ``a.ar``'s
    estimation columns (they are no longer ARs afterwards); only for arrays nobody else
    reads.
    """
    n, n_l = a.ar.shape
    n_g = int(group.max()) + 1 if n else 0
    n_m, n_t = int(a.est.sum()), int(a.full_cols.sum())
    count = np.zeros(n)
    est_ranks = np.empty((n, n_m) if ranks else (n, 0), dtype=np.float32)
    est_sl = col_slice(a.est)
    # the estimation ARs are read once, here; their memory then holds the sorted SARs
    in_place = overwrite and sorted_sar and est_sl is not None
    est_sorted = a.ar[:, est_sl] if in_place else np.empty((n, n_m) if sorted_sar else (n, 0))
    e_mean, e_var, e_pos, e_count = (np.empty(n) for _ in range(4))
    kp_m = np.full(n, np.nan)  # stays NaN unless the Kolari-Pynnonen sums are asked for
    cells = np.zeros((n_cells, 2, n_l))  # sum of ARs and ARs present per cell
    rank_sums = np.zeros((n_g, len(RANK_SUMS), n_t))
    kp_cols = np.zeros((n_g, n_m))
    kp_n = np.zeros((n_g, n_m))
    est_wrank = np.zeros((n_g, n_m))
    for lo in range(0, n, _BLOCK):
        b = slice(lo, min(lo + _BLOCK, n))
        ar_b = a.ar[b]
        fin = np.isfinite(ar_b)
        clean = bool(fin.all())  # nothing missing: no masking passes
        ones = np.ones((1, len(fin)))
        if clean:  # every tau present: the count is the number of firm-events per cell
            _group_dot(cells[:, :1], ones, ar_b, cell[b])
            cells[:, 1] += np.bincount(cell[b], minlength=n_cells)[:, None]
        else:  # sums of ARs and counts in one product per run: [AR (0 if missing) | present]
            both = np.concatenate([np.where(fin, ar_b, 0.0), fin], axis=1)
            _group_dot(cells.reshape(n_cells, 1, 2 * n_l), ones, both, cell[b])
        e = take_cols(ar_b, a.est)
        e_fin = take_cols(fin, a.est)
        m = np.full(len(e), float(n_m)) if clean else e_fin.sum(axis=1).astype(float)
        with np.errstate(invalid="ignore", divide="ignore"):
            mu = (e if clean else np.where(e_fin, e, 0.0)).sum(axis=1) / m
            dev = e - mu[:, None]
            if not clean:
                dev[~e_fin] = 0.0
            var = np.einsum("ij,ij->i", dev, dev) / (m - 1)
        e_mean[b], e_var[b], e_count[b] = mu, var, m
        e_pos[b] = (e > 0).sum(axis=1)
        if kp:  # u_it = (AR_it - mean_i) / sd_i, missing -> 0 (Kolari and Pynnonen 2010)
            sd = np.sqrt(var)
            ok = np.isfinite(sd) & (sd > 0)
            with np.errstate(invalid="ignore", divide="ignore"):
                inv_sd = np.where(ok, 1.0 / sd, 0.0)[None, :]
            _group_dot(kp_cols[:, None, :], inv_sd, dev, group[b])  # sum_i dev_it / sd_i
            kp_m[b] = np.where(ok, m, np.nan)
            # firms present per estimation day: the pair overlaps M_ij of a cleaned or
            # suspended (unbalanced) panel, sum_{i != j} M_ij = sum_t n_t (n_t - 1)
            if clean:  # every estimation day present: the usable firms of each group
                kp_n += np.bincount(group[b], weights=ok, minlength=n_g)[:, None]
            else:
                # 0/1 products: exact counts in float32 (half the temporaries of float64)
                _group_dot(
                    kp_n[:, None, :],
                    ok[None, :].astype(np.float32),
                    e_fin.astype(np.float32),
                    group[b],
                )
        srt = None
        if ranks:
            count[b], est_ranks[b], srt = _rank_block(a, ar_b, group[b], rank_sums, est_wrank)
        if sorted_sar:
            with np.errstate(invalid="ignore", divide="ignore"):
                # sorting then dividing by S_i > 0 keeps the order: sorted AR / S_i
                srt = sort_rows(e) if srt is None else srt
                np.divide(srt, a.sigma[b, None], out=est_sorted[b])  # last read of e
    return PerFirm(
        count, est_ranks, est_wrank, est_sorted, e_mean, e_var, e_pos, e_count,
        cells[:, 0], cells[:, 1], rank_sums, kp_cols, kp_m, kp_n,
    )  # fmt: skip
