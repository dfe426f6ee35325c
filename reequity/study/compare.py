"""Side-by-side comparison of several event-study results, in the manner of linearmodels'
``compare``: one column block per result, one row per event and window."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import pandas as pd

from reequity.errors import ConfigurationError
from reequity.study.statistics import TESTS

if TYPE_CHECKING:
    from reequity.study.results import EventStudyResults

__all__ = ["compare"]

#: the dependence-robust tests that duplicate no other (the portfolio test is the CDA
#: under one event date): the default columns
_DISTINCT_ROBUST = TESTS.names(lambda entry: entry.robust and not entry.same_as)


def compare(
    results: Mapping[str, EventStudyResults] | Sequence[EventStudyResults],
    *,
    tests: Sequence[str] = _DISTINCT_ROBUST,
    event_id: str | None = None,
) -> pd.DataFrame:
    """CAAR, N and the chosen tests' p-values of several results, side by side.

    Parameters
    ----------
    results : mapping name -> EventStudyResults, or a sequence (named ``model 1``, ...)
        The results to compare, e.g. the same events under two models.
    tests : sequence of str
        Window-level tests whose p-values are shown (default the dependence-robust CDA,
        Kolari-Pynnonen and GRANK; the portfolio test is the CDA under one event date).
    event_id : str, optional
        Only this event (or ``ALL``); default every event and ``ALL``.

    Returns
    -------
    DataFrame
        Index ``(event_id, window)`` in the first result's order; columns a MultiIndex
        ``(name, field)`` with fields ``n_firms``, ``caar`` and ``p_<test>``. A row a result
        does not have is NaN there.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> from reequity.study.engine import event_study
    >>> rng = np.random.default_rng(0)
    >>> idx = pd.bdate_range("2024-01-01", periods=300, name="date")
    >>> mkt = rng.normal(0, 0.01, 300)
    >>> rets = pd.DataFrame({"A": mkt + rng.normal(0, 0.01, 300), "MKT": mkt}, index=idx)
    >>> ev = pd.DataFrame({"event_id": ["synthetic"], "date": [idx[280]]})
    >>> runs = {m: event_study(rets, ev, benchmark="MKT", model=m, estimation=(-200, -11))
    ...         for m in ("market", "market_adjusted")}
    >>> compare(runs).columns.get_level_values(0).unique().tolist()
    ['market', 'market_adjusted']
    """
    named = (
        dict(results)
        if isinstance(results, Mapping)
        else {f"model {i + 1}": r for i, r in enumerate(results)}
    )
    if not named:
        raise ConfigurationError("compare needs at least one result")
    blocks: dict[str, pd.DataFrame] = {}
    for name, res in named.items():
        computed = set(res.tests["test"])
        missing = [t for t in tests if t not in computed]
        if missing:
            raise ConfigurationError(
                f"result {name!r} has no {', '.join(missing)}; rerun it with tests including them"
            )
        caar = res.caar.set_index(["event_id", "window"])[["n_firms", "caar"]]
        t = res.tests[res.tests["tau"].isna() & res.tests["test"].isin(list(tests))]
        p = t.pivot_table(index=["event_id", "window"], columns="test", values="pvalue")
        p = p.reindex(columns=list(tests)).add_prefix("p_")
        block = caar.join(p)
        if event_id is not None:
            block = block[block.index.get_level_values("event_id") == event_id]
        blocks[name] = block
    first = next(iter(blocks.values())).index
    rows = first.append(
        pd.MultiIndex.from_tuples(
            [k for b in blocks.values() for k in b.index if k not in set(first)],
            names=first.names,
        )
    ).unique()
    out = pd.concat({n: b.reindex(rows) for n, b in blocks.items()}, axis=1)
    out.columns.names = ["result", "field"]
    return out
