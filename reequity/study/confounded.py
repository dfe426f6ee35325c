"""How many firm-events of each headline row have a confounder inside their window.

A referee reads the headline first: a CAAR around China's 2025-04-04 controls is also the
reaction to the US tariffs of 2025-04-02 and China's retaliation the same evening. The
``confounder`` issues name every such case one by one; this module counts them per row of
the headline (an event, or a pool and one of its groups) so that the tables can say which
rows are confounded, and by what, beside the number itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from reequity.study.confounders import confounder_hits
from reequity.study.pools import ALL_GROUP

if TYPE_CHECKING:
    from reequity.study.results import EventStudyResults

__all__ = ["confounded_events", "confounded_pools", "confounded_text"]

#: the columns both counts add to a headline row
COLUMNS = ["n_confounded", "confounders", "n_firm_news"]


def _hit_rows(results: EventStudyResults) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``car`` rows and, per row, whether a market-wide / firm-specific confounder hits it."""
    car = results.car
    spec = getattr(results, "spec", None)
    conf = getattr(spec, "confounders", None)
    base = car.assign(market=False, firm=False)
    if conf is None or len(conf) == 0 or car.empty:
        return base, pd.DataFrame(columns=["event_id", "ticker", "window", "confounder", "day0"])
    index = pd.DatetimeIndex(spec.returns.index)
    index = (index.tz_localize(None) if index.tz is not None else index).normalize()
    hits = confounder_hits(conf, car, calendars=spec.calendars, index=index)
    keys = ["event_id", "ticker", "window"]
    row_keys = pd.MultiIndex.from_frame(car[keys].astype(str))
    for column, firm_specific in (("market", False), ("firm", True)):
        these = hits[hits["firm_specific"] == firm_specific]
        base[column] = row_keys.isin(pd.MultiIndex.from_frame(these[keys]))
    return base, hits[~hits["firm_specific"].astype(bool)]


def _names(hits: pd.DataFrame, rows: pd.DataFrame) -> str:
    """The market-wide confounders hitting ``rows``, in the order of their day 0."""
    mine = hits.merge(rows[["event_id", "ticker", "window"]].astype(str), how="inner")
    if mine.empty:
        return ""
    first = mine.groupby("confounder", sort=False)["day0"].min().sort_values(kind="stable")
    return ", ".join(first.index.astype(str))


def _count(car: pd.DataFrame, hits: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    out = []
    for key, rows in car.groupby(keys, sort=False):
        any_hit = rows["market"].to_numpy() | rows["firm"].to_numpy()
        out.append(
            (
                *(key if isinstance(key, tuple) else (key,)),
                int(any_hit.sum()),
                _names(hits, rows[rows["market"]]),
                int((rows["firm"] & ~rows["market"]).sum()),
            )
        )
    return pd.DataFrame(out, columns=[*keys, *COLUMNS])


def confounded_events(results: EventStudyResults) -> pd.DataFrame:
    """Per event and window: the pooled firm-events with a confounder inside the window.

    Parameters
    ----------
    results : EventStudyResults
        A fitted study; its ``spec`` carries the confounders (catalogue confounders and
        the tickers' own news) the engine checked.

    Returns
    -------
    DataFrame
        ``event_id, window, n_confounded`` (pooled firm-events with any confounder's day 0
        inside the window, on the ticker's exchange), ``confounders`` (the market-wide ones,
        comma-separated, earliest day 0 first; "" if none) and ``n_firm_news`` (pooled
        firm-events hit only by their own firm's news). All zero without confounders.
    """
    car, hits = _hit_rows(results)
    pooled = car[car["pooled"].astype(bool)] if "pooled" in car else car
    every = pooled.assign(event_id="ALL")  # the ALL row: every event's pooled firm-events
    return _count(pd.concat([pooled, every], ignore_index=True), hits, ["event_id", "window"])


def confounded_text(n_confounded: float, n_firms: float, confounders: str, n_firm_news: float
                    ) -> str:  # fmt: skip
    """The report's cell: ``17/17: us_liberation_day_tariffs_2025_04_02, ...``, ``1/17 (own
    news)`` when only firms' own news hit, "" when nothing does (or nothing was checked)."""
    if pd.isna(n_confounded) or int(n_confounded) == 0:
        return ""
    count = f"{int(n_confounded)}/{int(n_firms)}"
    if not isinstance(confounders, str) or not confounders:
        return f"{count} (own news)"
    own = f"; own news {int(n_firm_news)}" if n_firm_news and not pd.isna(n_firm_news) else ""
    return f"{count}: {confounders}{own}"


def confounded_pools(results: EventStudyResults) -> pd.DataFrame:
    """Per pool, group and window: the firm-events of that pool's row with a confounder.

    Groups are those of ``results.pools``: ``ALL`` (the pooled firm-events), a stock group
    (``CN``) or ``kind:group`` for ETFs and baskets (``etf:CN``). Columns as
    :func:`confounded_events` with ``pool, group`` in place of ``event_id``, and
    ``n_events_confounded``: events of the pool with at least one hit in the row.
    """
    car, hits = _hit_rows(results)
    event_pools = (getattr(results, "settings", None) or {}).get("event_pools") or {}
    if car.empty or not event_pools:
        return pd.DataFrame(columns=["pool", "group", "window", *COLUMNS, "n_events_confounded"])
    label = np.where(car["kind"] == "stock", car["group"], car["kind"] + ":" + car["group"])
    grouped = car.assign(group=label, pool=car["event_id"].map(event_pools))
    grouped = grouped[grouped["pool"].notna()]
    parts = [grouped.assign(group=ALL_GROUP)[grouped["pooled"].astype(bool)], grouped]
    rows = pd.concat(parts, ignore_index=True)
    counts = _count(rows, hits, ["pool", "group", "window"])
    hit = rows["market"] | rows["firm"]
    events = rows[hit].groupby(["pool", "group", "window"])["event_id"].nunique()
    index = pd.MultiIndex.from_frame(counts[["pool", "group", "window"]])
    counts["n_events_confounded"] = events.reindex(index, fill_value=0).to_numpy(int)
    return counts
