"""Which firm-events are pooled and which group each belongs to.

An ETF or a basket holds the very stocks of the study, so averaging it with them counts
those stocks twice. The default pool (each event's cross-section and ``ALL``) therefore
holds stocks only; every other kind of security, and every group of stocks (e.g. listed
in China or outside it), is reported on its own.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

import numpy as np

from reequity.errors import ConfigurationError
from reequity.study.derive import Arrays

__all__ = ["POOLED_KIND", "KINDS", "Grouping", "grouping", "select_rows"]

POOLED_KIND = "stock"
KINDS = ("stock", "etf", "basket", "index")
# per-firm-event fields of Arrays (first axis = kept firm-events)
_ROW_FIELDS = (
    "ret",
    "expected",
    "ar",
    "sar",
    "car",
    "scar",
    "bhar",
    "n_days",
    "sigma",
    "n_est",
    "dof",
    "lamb_c",
    "cluster",
)


@dataclasses.dataclass(frozen=True, slots=True)
class Grouping:
    """Kind, group and group label of each kept firm-event, and the pool.

    Attributes
    ----------
    kind, group, label : ndarray of str, (n,)
        The security's kind (stock, etf, basket, index), its group ("" if none) and the
        label of its group rows: the group for a stock, ``"<kind>:<group>"`` otherwise.
    pool : ndarray of bool, (n,)
        Firm-events of the all-firm rows: the stocks; every firm-event if there is none.
    labels : tuple of str
        Group labels in order of first appearance (stock groups first), "" left out.
    stock_groups : tuple of str
        Labels of the stock groups, compared pairwise by the difference tests.
    """

    kind: np.ndarray
    group: np.ndarray
    label: np.ndarray
    pool: np.ndarray
    labels: tuple[str, ...]
    stock_groups: tuple[str, ...]


def _lookup(mapping: Mapping[str, str] | None, tickers: np.ndarray, default: str) -> np.ndarray:
    if not mapping:
        return np.full(len(tickers), default, dtype=object)
    return np.array([str(mapping.get(t, default) or default) for t in tickers], dtype=object)


def grouping(
    tickers: np.ndarray,
    *,
    groups: Mapping[str, str] | None,
    kinds: Mapping[str, str] | None,
) -> Grouping:
    """Kinds, groups and the stocks-only pool of the firm-events of ``tickers``.

    Parameters
    ----------
    tickers : ndarray of str
        Ticker of each kept firm-event.
    groups : Mapping, optional
        Ticker -> group label (e.g. ``CN``, ``ex-CN``); a ticker not in it has no group.
    kinds : Mapping, optional
        Ticker -> kind (stock, etf, basket, index); a ticker not in it is a stock.

    Raises
    ------
    ConfigurationError
        For a kind outside stock, etf, basket, index.
    """
    kind = _lookup(kinds, tickers, POOLED_KIND)
    bad = sorted(set(kind) - set(KINDS))
    if bad:
        raise ConfigurationError(f"kinds {bad} are not known; valid: {', '.join(KINDS)}")
    group = _lookup(groups, tickers, "")
    is_stock = kind == POOLED_KIND
    label = np.where(
        is_stock, group, np.where(group == "", kind, kind.astype(str) + ":" + group.astype(str))
    ).astype(object)
    stock_groups = tuple(dict.fromkeys(g for g in label[is_stock] if g))
    others = tuple(dict.fromkeys(g for g in label[~is_stock] if g))
    pool = is_stock if is_stock.any() else np.ones(len(tickers), dtype=bool)
    return Grouping(kind, group, label, pool, (*stock_groups, *others), stock_groups)


def select_rows(a: Arrays, rows: np.ndarray) -> Arrays:
    """The arrays of the firm-events where ``rows`` (bool over kept firm-events) is True."""
    if rows.all():
        return a
    keep = a.keep.copy()
    keep[np.flatnonzero(a.keep)[~rows]] = False
    fields = {f: getattr(a, f)[rows] for f in _ROW_FIELDS}
    return dataclasses.replace(a, keep=keep, params=a.params[rows].reset_index(drop=True), **fields)
