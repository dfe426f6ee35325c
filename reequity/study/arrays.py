"""Column selection that keeps rows contiguous.

Indexing a C-ordered (n, L) array with a boolean or integer column mask returns an
F-ordered copy, which makes every later row-wise sort, sum or scan strided (several
times slower). Event-time masks are almost always one run of columns, so a slice view
serves; otherwise ``np.compress`` returns a C-ordered copy.
"""

from __future__ import annotations

import numpy as np

__all__ = ["col_slice", "take_cols"]


def col_slice(mask: np.ndarray) -> slice | None:
    """The boolean mask or sorted integer positions as a slice, or None if not one run."""
    pos = np.flatnonzero(mask) if mask.dtype == bool else np.asarray(mask)
    if len(pos) and pos[-1] - pos[0] + 1 == len(pos) and (np.diff(pos) == 1).all():
        return slice(int(pos[0]), int(pos[-1]) + 1)
    return None


def take_cols(x: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Columns ``mask`` (bool or positions) of a 2-D array, rows kept contiguous."""
    s = col_slice(mask)
    if s is not None:
        return x[:, s]
    return np.compress(mask, x, axis=1) if mask.dtype == bool else np.take(x, mask, axis=1)
