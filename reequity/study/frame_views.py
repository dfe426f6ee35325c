"""A wide frame's float columns without copying them: one view per pandas block.

``DataFrame.to_numpy()`` is a view only for a frame held in one block. A frame built
and then given one more column (``frame["MKT"] = mkt``, as users and the benchmarks
do) has two, and ``to_numpy()`` then copies every column into fresh memory: about 4 MB
for 200 tickers x 2,500 days, which the kernel zero-fills on first touch, once for the
input check and once for the event-time gather. Reading the blocks' own arrays (pandas'
block manager: not a public interface, so anything unexpected falls back to the copy)
gives the same numbers with no copy.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["float_views"]


def float_views(frame: pd.DataFrame) -> list[tuple[np.ndarray, np.ndarray]]:
    """The frame's values as ``[(values (rows, k), column positions (k,)), ...]``.

    Every column appears in exactly one part. Without a copy (one view per block) when
    the frame is made of float64 numpy blocks; otherwise one part,
    ``frame.to_numpy(dtype=float)`` (a view for a frame of one float block).
    """
    blocks = getattr(getattr(frame, "_mgr", None), "blocks", None)
    if blocks is not None and len(blocks) > 1:
        parts = []
        for blk in blocks:
            values = getattr(blk, "values", None)
            locs = getattr(getattr(blk, "mgr_locs", None), "as_array", None)
            if not (
                isinstance(values, np.ndarray)
                and values.dtype == np.float64
                and values.ndim == 2
                and locs is not None
                and values.shape == (len(locs), len(frame))
            ):
                break
            parts.append((values.T, np.asarray(locs, dtype=np.intp)))
        else:
            covered = np.concatenate([locs for _, locs in parts])
            if (
                len(covered) == frame.shape[1]
                and (np.sort(covered) == np.arange(len(covered))).all()
            ):
                return parts
    return [(frame.to_numpy(dtype=float), np.arange(frame.shape[1]))]
