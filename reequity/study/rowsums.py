"""Sums of the rows of an array per group code, by one ``np.add.reduceat``.

``np.add.at(out, codes, x)`` adds row after row through a generic scatter, several times
slower than a reduction over runs of equal codes; the battery's cell and day sums are
such sums over few groups. A group of one row gives that row exactly; over several rows
``np.add.reduceat`` adds pairwise, not row after row, so a sum can differ from
``np.add.at``'s in its last bits (about 1e-16 relative), far inside the 1e-10 to which
the statistics are checked.
"""

from __future__ import annotations

import numpy as np

__all__ = ["row_sums"]


def row_sums(x: np.ndarray, codes: np.ndarray, n_groups: int) -> np.ndarray:
    """``out[g] = sum of x[i] over codes[i] == g``, shape ``(n_groups, *x.shape[1:])``.

    Parameters
    ----------
    x : ndarray, (n, ...)
        Rows to add up.
    codes : ndarray of int, (n,)
        Group of each row, in ``0 .. n_groups - 1``; sorted codes need no reordering.
    n_groups : int
        Number of groups (a group without rows sums to 0).

    Returns
    -------
    ndarray
        Float sums per group, rows in the dtype of ``x`` promoted with float64.
    """
    out = np.zeros((n_groups, *x.shape[1:]), dtype=np.result_type(x.dtype, np.float64))
    if len(codes):
        if (codes[1:] < codes[:-1]).any():  # stable: each group keeps its rows' order
            order = np.argsort(codes, kind="stable")
            codes, x = codes[order], x[order]
        starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
        out[codes[starts]] = np.add.reduceat(x, starts, axis=0)
    return out
