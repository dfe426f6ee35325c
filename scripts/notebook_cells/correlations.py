"""Cells of ``notebooks/04_correlations.ipynb``."""

from __future__ import annotations

from ._cells import SETUP, code, md

CORRELATIONS = [
    md("""
# Co-movement of Chinese and non-Chinese rare-earth equities

Do Chinese and non-Chinese rare-earth equities move together, did China's 2025 export
controls change that, and which market reacts first? Rolling correlations, pre/post-event
correlations with the Fisher z test and the Forbes-Rigobon (2002) correction, lead-lag
cross-correlations and the first significant reaction to each event.

Markets close at different instants: Sydney 16:00 local (05:00-06:00 UTC), Shanghai
15:00 (07:00 UTC), New York 16:00 (20:00-21:00 UTC). On a given date the order is
Sydney, Shanghai, New York; New York's day t can only show up in Sydney on day t+1.
Returns are aligned on dates; a closed market is missing, never zero.
"""),
    SETUP,
    code("""
import itertools

import numpy as np

TICKERS = ["CNRE_EW", "600111", "LYC.AX", "MP"]
returns = rq.load_returns([*TICKERS, "CSI300", "ASX200", "SPX"])
catalogue = rq.load_catalogue()
EVENT_IDS = ["cn_export_controls_2025_04_04", "cn_export_controls_2025_10_09",
             "cn_export_control_suspension_2025_11_07"]
events = catalogue[catalogue["event_id"].isin(EVENT_IDS)]
returns[TICKERS].describe().T[["count", "mean", "std"]]
"""),
    md("""
## The study `reequity correlate` runs

One specification (`rq.CorrelationSpec`: pairs, rolling window, event windows, lags)
fitted on the cached returns and the catalogue events gives a results object with its
`summary()`, tidy `to_frame()` tables and `plot()`; the CLI calls the same workflow. Here:
every pair of the four securities, the Forbes-Rigobon correction against the Chinese basket.
"""),
    code("""
spec = rq.CorrelationSpec(pairs="all", market="CNRE_EW")
study = rq.catalogue_correlation(TICKERS, spec, event_ids=EVENT_IDS).results
print(study.summary())
"""),
    md("""
The sections below take each piece apart with the underlying functions.

## Rolling correlation

60 common trading days per window (the window counts days on which both securities
traded). Event dates are marked. A Pearson correlation over 60 days is sensitive to single
extreme days: a step up and, 60 common days later, a step down of the same size mark one
such day entering and leaving the window (look at the market pair around the 2025-04-07
sell-off).
"""),
    code("""
pairs = [("CNRE_EW", "LYC.AX"), ("CNRE_EW", "MP"), ("LYC.AX", "MP"), ("CSI300", "ASX200")]
rolling = rq.rolling_correlation(returns, pairs=pairs, window=60)
recent = rolling[rolling["date"] >= "2024-07-01"]
fig, ax = plt.subplots(figsize=(11, 4))
rq.plots.plot_rolling_correlation(recent, events=events, ax=ax);
"""),
    code("""
summary = (
    rolling.dropna()
    .query("date >= '2021-01-01'")
    .assign(period=lambda f: np.where(f["date"] < "2025-01-01", "2021-2024", "2025 on"))
    .groupby(["ticker_a", "ticker_b", "period"])["correlation"].agg(["mean", "min", "max"])
)
summary
"""),
    md("""
## Before and after each event

For each event and pair: the correlation over 120 common days before day 0 and 60 days
from day 0, Fisher's z test for the change, and the Forbes-Rigobon correction. The
correction matters because correlation rises mechanically when the source market becomes
more volatile: `rho* = rho / sqrt(1 + delta (1 - rho^2))`, with `delta` the relative rise
of the source's variance. The source of a Chinese policy shock is the Chinese basket, so
`market="CNRE_EW"`. Post windows of consecutive events overlap (10-09 and 11-07 are 20
sessions apart), so the tests are not independent across events.
"""),
    code("""
corr_pairs = list(itertools.combinations(TICKERS, 2))
ec = rq.event_correlation(returns, events, pairs=corr_pairs, market="CNRE_EW")
cols = ["event_id", "ticker_a", "ticker_b", "n_pre", "n_post", "rho_pre", "rho_post", "fisher_z",
        "pvalue", "var_ratio", "rho_post_adj", "fr_pvalue", "fr_pvalue_holm", "note"]
ec.table[cols]
"""),
    code("""
for r in ec.table.itertuples(index=False):
    verdict = "rose" if r.delta > 0 else "fell"
    sig = "significant" if r.pvalue < 0.05 else "not significant"
    fr = "significant after Holm" if r.fr_pvalue_holm < 0.05 else "not significant after Holm"
    print(f"{r.event_id[:30]:<30} {r.ticker_a}-{r.ticker_b}: correlation {verdict} "
          f"{r.rho_pre:+.2f} -> {r.rho_post:+.2f} (Fisher z p={r.pvalue:.3f}, {sig}); "
          f"after Forbes-Rigobon {r.rho_post_adj:+.2f} (p={r.fr_pvalue:.3f}, Holm p={r.fr_pvalue_holm:.3f}, {fr})")
"""),
    code("""
fig, axes = plt.subplots(1, 2, figsize=(10, 4), layout="constrained")
rq.plots.plot_correlation_heatmaps(ec, event_id="cn_export_controls_2025_10_09", axes=axes);
"""),
    md("""
## Lead and lag

`corr(a_t, b_{t+lag})`: a positive lag means `a` leads `b`. With the close times above,
New York's news of day t reaches Sydney and Shanghai at day t+1, so MP should lead Lynas
by one day (lag +1 in "MP vs LYC.AX") and the Chinese basket too (lag -1 in "CNRE_EW vs MP");
Sydney closes before Shanghai, so same-day (lag 0) co-movement between Lynas and the
Chinese basket can carry news in either direction within that date. The shaded band is
the 95 % band under no correlation; error bars are Fisher-z intervals.
"""),
    code("""
lead_lags = {
    "MP vs LYC.AX": rq.lead_lag(returns, a="MP", b="LYC.AX", max_lag=5),
    "MP vs LYC.AX, 2025 on": rq.lead_lag(returns, a="MP", b="LYC.AX", max_lag=5, start="2025-01-01"),
    "CNRE_EW vs LYC.AX": rq.lead_lag(returns, a="CNRE_EW", b="LYC.AX", max_lag=5),
    "CNRE_EW vs MP": rq.lead_lag(returns, a="CNRE_EW", b="MP", max_lag=5),
}
fig, axes = plt.subplots(2, 2, figsize=(11, 6.4), sharey=True)
for ax, (name, ll) in zip(axes.ravel(), lead_lags.items()):
    rq.plots.plot_lead_lag(ll, ax=ax)
    ax.set_title(name, fontsize="medium")
fig.tight_layout()
"""),
    code("""
for name, ll in lead_lags.items():
    t = ll.table.set_index("lag")
    k = ll.peak_lag
    who = f"{ll.a} leads {ll.b} by {k} day(s)" if k > 0 else (
        f"{ll.b} leads {ll.a} by {-k} day(s)" if k < 0 else "same-day co-movement dominates")
    print(f"{name:<22}: peak at lag {k:+d} ({who}), r = {t.at[k, 'correlation']:.3f}, "
          f"p = {t.at[k, 'pvalue']:.2g}, n = {int(t.at[k, 'n_obs'])}; lag 0 r = {t.at[0, 'correlation']:.3f}")
"""),
    md("""
## Which market reacted first?

For each event and security: the first day in 0..5 (own trading days) with a significant
market-adjusted abnormal return (|z| above the 95 % quantile against a 110-day estimation
window), ranked by the UTC instant of that session's close.
"""),
    code("""
universe = rq.load_universe()
firms = ["CNRE_EW", "600111", "LYC.AX", "MP"]
reaction = rq.first_reaction(
    returns, events,
    exchanges=universe.loc[firms, "exchange"].to_dict(),
    benchmark=universe.loc[firms, "benchmark"].to_dict(),
)
reaction.sort_values(["event_id", "rank"])
"""),
    code("""
for event_id, g in reaction.groupby("event_id", sort=False):
    hit = g.dropna(subset=["rank"]).sort_values("rank")
    if hit.empty:
        print(f"{event_id}: no significant abnormal move within days 0..5")
        continue
    order = ", ".join(f"{r.ticker} (day {int(r.tau)}, {r.ret:+.1%})" for r in hit.itertuples())
    print(f"{event_id}: {order}; no significant move: {', '.join(g.loc[g['rank'].isna(), 'ticker']) or 'none'}")
"""),
    md("""
## Reading the results

For scale: the correlation of each series with the others since 2021, markets included
(pairwise over the days both traded). Then the main numbers of this notebook, computed.
"""),
    code("""
returns.loc["2021-01-01":].corr().round(2)
"""),
    code("""
full = returns.loc["2021-01-01":].corr()
print(f"since 2021: CNRE_EW-LYC.AX {full.at['CNRE_EW', 'LYC.AX']:.2f}, CNRE_EW-MP {full.at['CNRE_EW', 'MP']:.2f}, "
      f"LYC.AX-MP (same day) {full.at['LYC.AX', 'MP']:.2f}; own markets: CNRE_EW-CSI300 "
      f"{full.at['CNRE_EW', 'CSI300']:.2f}, LYC.AX-ASX200 {full.at['LYC.AX', 'ASX200']:.2f}, MP-SPX {full.at['MP', 'SPX']:.2f}")
cross = ec.table[ec.table["ticker_a"].isin(["CNRE_EW", "600111"]) & ec.table["ticker_b"].isin(["LYC.AX", "MP"])]
print(f"CN vs non-CN pairs around the three events: {len(cross)} tests, Fisher z p < 0.05 in "
      f"{int((cross['pvalue'] < 0.05).sum())}, Forbes-Rigobon p < 0.05 in {int((cross['fr_pvalue'] < 0.05).sum())} "
      f"(Holm-adjusted over each event's pairs: {int((cross['fr_pvalue_holm'] < 0.05).sum())}); "
      f"correlation rose in {int((cross['delta'] > 0).sum())}")
"""),
    md("""
* The pre/post tests assume independent windows of i.i.d. returns; volatility clustering
  and the overlap of the October and November windows make them approximate, and with
  several pairs and events some p-values below 0.05 are expected by chance: the
  `_holm` columns adjust each event's pairs together (Holm 1979), the events are not.
* A correlation change after an event does not say the event caused it: the April window
  is dominated by the tariff sell-off, and the Forbes-Rigobon correction only removes the
  part due to higher volatility of the source market.
* Lead-lag peaks follow the close times: a peak at lag +1 from New York to Sydney is the
  calendar, not an information advantage of one market.
"""),
]
