"""Cells of ``notebooks/01_quickstart.ipynb``."""

from __future__ import annotations

from ._cells import SETUP, code, md

QUICKSTART = [
    md("""
# reequity quick start

`reequity` measures how rare-earth equities react to dated policy events (China's export
controls and their suspension, Western supply-chain deals, production milestones) and how
Chinese and non-Chinese rare-earth markets move together. It ships real daily data for
its universe in `data_cache/`, so this notebook runs offline.

Steps: the universe, returns and their coverage, day 0 on each exchange, the default
catalogue event study, its figures, and where files go.
"""),
    SETUP,
    md("""
## The universe

One row per instrument: A-shares (Shanghai `XSHG`, Shenzhen `XSHE`), ASX and US listings,
the A-share rare-earth ETFs, an equal-weighted A-share basket (`CNRE_EW`, derived) and the
market indices used as benchmarks. `rare_earth_from` is the first date the company was a
rare-earth business: events before it are not studied for that ticker.
"""),
    code("""
universe = rq.load_universe()
universe[["name", "kind", "exchange", "country", "benchmark", "rare_earth_from"]]
"""),
    md("""
## Returns and coverage

`rq.load_returns` gives a wide frame of simple daily returns, one column per ticker, indexed
by the union of the sessions. A market that is closed (or a suspended stock) is `NaN`,
never a zero return.
"""),
    code("""
firms = universe.index[~universe["is_benchmark"] & (universe["kind"] != "index")]
benchmarks = ["CSI300", "ASX200", "SPX"]
returns = rq.load_returns([*firms, *benchmarks])
coverage = pd.DataFrame(
    {
        "first": returns.apply(pd.Series.first_valid_index),
        "last": returns.apply(pd.Series.last_valid_index),
        "n_returns": returns.notna().sum(),
        "exchange": universe.loc[returns.columns, "exchange"],
    }
)
coverage
"""),
    md("""
Growth of one unit invested on 2025-01-01 in the Chinese basket, China Northern Rare Earth
(600111), Lynas, MP Materials and the three market indices, each on its own trading days.
"""),
    code("""
sample = returns.loc["2025-01-01":, ["CNRE_EW", "600111", "LYC.AX", "MP", "CSI300", "ASX200", "SPX"]]
fig, ax = plt.subplots(figsize=(9, 3.8))
for ticker in sample:
    # each series on its own trading days, ending where its data ends
    (1 + sample[ticker].dropna()).cumprod().plot(ax=ax, lw=1.2, logy=True, label=ticker)
ax.legend(ncol=2, fontsize="small")
ax.set_ylabel("growth of 1 (log scale)")
ax.set_title("Rare-earth equities and their markets since 2025-01-01");
"""),
    md("""
## Day 0 on each exchange

An event with a date only has day 0 at the first session of each exchange on or after that
date; with a time, at the first session whose close is after the announcement (news at the
closing bell counts for the next session). On
2025-04-04 (Qingming) Shanghai was closed, so Chinese securities start two days later.
"""),
    code("""
pd.DataFrame(
    {ex: [rq.day_zero(d, exchange=ex) for d in ["2025-04-04", "2025-10-09", "2025-11-07"]]
     for ex in ["XSHG", "XSHE", "XASX", "XNYS"]},
    index=["2025-04-04", "2025-10-09", "2025-11-07"],
).rename_axis("event date")
"""),
    md("""
## The default event study

The catalogue holds dated, sourced events; confounders (market-wide shocks such as the
2025-04-02 US tariffs) are kept for warnings, not studied. `rq.catalogue_event_study`
pairs each event with every rare-earth security that has data at that date, measures each
against its own market benchmark with the market model (estimation window -250..-11), and
runs the test battery. For speed we take the 2025 policy events.
"""),
    code("""
catalogue = rq.load_catalogue()
events_2025 = catalogue[(catalogue["date"].dt.year == 2025) & ~catalogue["confounder"]]
events_2025[["event_id", "date", "event_type", "title"]]
"""),
    code("""
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always", rq.ReequityWarning)
    res = rq.catalogue_event_study(
        event_ids=list(events_2025["event_id"]), windows=((-1, 1), (0, 5))
    )
print(res)
for w in dict.fromkeys(str(w.message)[:150] for w in caught):
    print("warning:", w)
"""),
    md("""
The results show themselves as the headline that `reequity event-study` prints and the
report leads with: each event's pooled stocks, then each pool of comparable events (the
catalogue's `event_type`: export controls apart from their suspension and from Western
deals, whose opposite expected signs would cancel in one row) with its CN and ex-CN rows.
"""),
    code("""
res
"""),
    md("""
`summary()` prints the CAAR of every event and window with the dependence-robust tests
(events hitting every firm on the same date make the plain cross-sectional tests
overconfident).
"""),
    code("""
print(res.summary())
"""),
    code("""
res.caar.query("window == '-1:1'").sort_values("caar")
"""),
    md("""
The export controls pooled (the headline pool), every test of the battery over the whole
window; `res.pools` and `res.pool_difference` hold every pool, group and window:
"""),
    code("""
res.pool_tests.query("pool == 'export_control' and group == 'ALL'").pivot_table(
    index="test", columns="window", values=["statistic", "pvalue"], sort=False
)
"""),
    md("""
## Figures

The CAAR path of the export controls pooled (as the CLI draws it) and of one event, with
their 95 % cross-sectional bands, and the CAR of each security and event (empty cells: not
yet listed, or not yet a rare-earth business).
"""),
    code("""
from reequity.study.pools import pool_as_event

pooled = pool_as_event(res, "export_control")
fig, axes = plt.subplots(1, 2, figsize=(11, 3.6))
rq.plots.plot_caar(pooled, event_id=pooled.event_id, window="-1:1", ax=axes[0])
rq.plots.plot_caar(res, event_id="cn_export_controls_2025_10_09", window="-1:1", ax=axes[1])
fig.tight_layout()
"""),
    code("""
fig, ax = plt.subplots(figsize=(11, 6))
res.plot("car_heatmap", window="-1:1", ax=ax)
ax.set_xticklabels([t.get_text()[:24] for t in ax.get_xticklabels()], rotation=60, ha="right")
fig.tight_layout()
"""),
    md("""
## What was left out, and why

`issues` lists every firm-event that was skipped (not a rare-earth business yet, no data),
dropped (too few estimation days), has no return on day 0 (suspension), and every
confounding catalogue event inside an event window.
"""),
    code("""
print(res.issues["kind"].value_counts().to_string())
res.issues.query("kind != 'skipped'").head(12)
"""),
    md("""
## Where files go

* **Data.** Reads look first in a writable cache (`--cache-dir`, else `$REEQUITY_CACHE_DIR`,
  else the user cache folder), then in the read-only snapshot shipped with the package.
  `reequity data fetch --tickers ...` downloads into the writable layer; nothing here writes.
* **Results.** `reequity event-study` writes `ar.csv`, `car.csv`, `caar.csv`, `aar.csv`,
  `tests.csv`, `issues.csv`, `summary.csv`, PNG figures and `report.md` into
  `./reequity-output/` (`--out` to change). From Python, every result is a tidy frame:
  `res.to_frame("car").to_csv(...)`, and figures are matplotlib Axes.
"""),
    code("""
from reequity.data.cache import cache_layers

for layer in cache_layers():
    print("writable" if layer.writable else "snapshot", layer.root, f"({len(layer.manifest())} series)")
"""),
    code("""
import tempfile
from pathlib import Path

out = Path(tempfile.mkdtemp(prefix="reequity-quickstart-"))
for name in ("car", "caar", "tests", "issues"):
    res.to_frame(name).to_csv(out / f"{name}.csv", index=False)
res.plot("caar").figure.savefig(out / "caar.png", dpi=100)
plt.close("all")
sorted(p.name for p in out.iterdir())
"""),
]
