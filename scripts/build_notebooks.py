"""Build the notebooks in ``notebooks/`` from the cell lists below, execute them, save them.

Each notebook is authored here as a list of ``md(...)`` and ``code(...)`` cells, so the
notebooks can be rebuilt (and reviewed as plain Python) after a change to the package:

    python scripts/build_notebooks.py            # build, execute and save all four
    python scripts/build_notebooks.py 03         # only notebooks whose name contains "03"
    python scripts/build_notebooks.py --no-run   # write them without outputs

Execution uses nbclient with the ``python3`` kernel and ``notebooks/`` as the working
directory (as Jupyter would), offline on the shipped cache. The saved files keep their
outputs so they read well on GitHub; ``tests/notebooks`` re-executes them and checks that
the committed sources are the ones built here.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / "notebooks"
CELL_TIMEOUT = 300  # seconds per cell


def md(text: str) -> tuple[str, str]:
    """A markdown cell (leading/trailing blank lines dropped)."""
    return ("markdown", text.strip("\n"))


def code(text: str) -> tuple[str, str]:
    """A code cell (leading/trailing blank lines dropped)."""
    return ("code", text.strip("\n"))


SETUP = code("""
%matplotlib inline
import warnings

import matplotlib.pyplot as plt
import pandas as pd

import reequity as rq

# modest figure resolution keeps the committed notebooks small
plt.rcParams.update({"figure.dpi": 72, "figure.figsize": (8, 3.6)})
pd.set_option("display.width", 120)
pd.set_option("display.max_columns", 20)
pd.set_option("display.max_colwidth", 70)
pd.set_option("display.precision", 4)
# firm-events without any estimation data make numpy warn inside the market-model fit;
# they are dropped and listed in `issues`, so the numpy warning adds nothing here
warnings.filterwarnings("ignore", category=RuntimeWarning, module="reequity.study.models")
""")

# --------------------------------------------------------------------------------------
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
Pooled over all events, the window-level statistics of every test in the battery:
"""),
    code("""
res.window_tests("ALL").T
"""),
    md("""
## Figures

The CAAR path over all events with its 95 % cross-sectional band, and the CAR of each
security and event (empty cells: not yet listed, or not yet a rare-earth business).
"""),
    code("""
fig, axes = plt.subplots(1, 2, figsize=(11, 3.6))
res.plot("caar", ax=axes[0])
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

# --------------------------------------------------------------------------------------
ARTICLES = [
    md("""
# Events from news articles

Policy dates often reach a researcher as news text, not as a clean table. This notebook
reads the seed dump of ten 2025 rare-earth articles (Chinese text and English machine
summaries), extracts every temporal expression, classifies policy events, reconciles them
with the curated catalogue and feeds the result into an event study.
"""),
    SETUP,
    code("""
from pathlib import Path

# the seed dump ships with the tests; find it from notebooks/ or the repository root
DUMP = "tests/events/fixtures/rare_earth_articles_2025.txt"
ROOT = next(p for p in [Path.cwd(), *Path.cwd().parents] if (p / DUMP).is_file())
articles = rq.read_articles(ROOT / DUMP)
articles.assign(chars=articles["body"].str.len())[["article_id", "title", "source", "published_at", "chars"]]
"""),
    md("""
Each article is a title line, a source line `<Source>· YYYY-MM-DD HH:MM`, then the body.
Publication times are Beijing time; every relative expression ("上个月", "last Friday",
"10月底") is resolved against them.
"""),
    code("""
print(articles.loc[8, "body"][:400])
"""),
    md("""
## Extraction

One row per temporal mention: the exact `surface` text, the inclusive date range it
denotes, its granularity, whether it is an event, a deadline, a target or a duration, the
policy-event label, and the catalogue event it was linked to.
"""),
    code("""
mentions = rq.extract_events(articles)
cols = ["article_id", "surface", "date_start", "date_end", "granularity", "kind",
        "is_policy_event", "event_type", "flags", "catalogue_id"]
mentions[cols]
"""),
    code("""
pd.crosstab(mentions["granularity"], mentions["kind"], margins=True)
"""),
    md("""
## Flags: a summary that states the wrong year

English machine summaries sometimes carry a wrong year. The extractor keeps the literal
reading in `date_start` and sets `year_conflict` when the catalogue and the article's own
context (published in late 2025, describing the April and October controls) disagree; the
linked catalogue event gives the corrected `event_date`.
"""),
    code("""
flagged = mentions[mentions["flags"].str.contains("year_conflict")]
flagged[["article_id", "surface", "date_start", "flags", "catalogue_id", "event_date"]]
"""),
    code("""
for sentence in flagged["sentence"].drop_duplicates():
    print("-", sentence[:300], "\\n")
"""),
    md("""
## Deadlines and targets are not events

"12月1日之前" (before 1 December: the deadline of the Russian rare-earth roadmap) and
"by 2030" are about the future relative to publication. They are kept, labelled as
`deadline` and `target`, and never offered to an event study.
"""),
    code("""
mentions.loc[mentions["kind"].isin(["deadline", "target"]), ["published_at", "surface", "kind", "date_start", "event_type", "sentence"]]
"""),
    md("""
The event behind the deadline is in the catalogue with its own date: the order was signed
on 2025-11-04, and 2025-12-01 is only the date by which the roadmap is due. An event study
uses the former; the deadline's date would put day 0 four weeks late.
"""),
    code("""
catalogue = rq.load_catalogue()
catalogue.loc[catalogue["event_id"].str.startswith("ru_rare_earth"), ["event_id", "date", "title", "description"]]
"""),
    md("""
## Linking to the catalogue

A mention is linked when its date range, event type, actors and elements match a
catalogue event. The link carries the catalogue's exact date: "10月底" (late October)
becomes the Busan meeting of 2025-10-30, "2010" the 2010 embargo on Japan.
"""),
    code("""
linked = mentions[mentions["catalogue_id"] != ""].merge(
    catalogue[["event_id", "title"]].rename(columns={"event_id": "catalogue_id", "title": "catalogue_title"}),
    on="catalogue_id",
)
linked[["article_id", "surface", "granularity", "date_start", "date_end", "event_date", "catalogue_title"]]
"""),
    code("""
n = len(mentions)
print(f"{n} mentions: {int((mentions['kind'] == 'event').sum())} events, "
      f"{int(mentions['is_policy_event'].sum())} policy events, {len(linked)} linked to "
      f"{linked['catalogue_id'].nunique()} catalogue events, "
      f"{int(mentions['flags'].str.contains('year_conflict').sum())} flagged year_conflict")
"""),
    md("""
## From mentions to an event study

The command line does this in two steps (`reequity events extract dump.txt --format csv >
events.csv`, then `reequity event-study --events events.csv`). `reequity.events.io.load_events`
is the reader behind `--events`: linked mentions become their catalogue events (with the
catalogue's date, time and zone), repeated mentions are kept once, and the 2010 events fall
outside most securities' rare-earth history and are skipped with a reason.
"""),
    code("""
import tempfile

from reequity.events.io import load_events

path = Path(tempfile.mkdtemp(prefix="reequity-extract-")) / "events.csv"
mentions.to_csv(path, index=False)
events = load_events(path)
events[["event_id", "date", "time", "timezone", "event_type"]]
"""),
    code("""
ids = [e for e in events["event_id"] if e in set(catalogue["event_id"])]
res = rq.catalogue_event_study(event_ids=ids, windows=((-1, 1), (0, 5)),
                               tests=["t_cs", "cda", "kolari_pynnonen", "grank", "portfolio"])
print(res.summary())
"""),
    code("""
print(res.issues["kind"].value_counts().to_string())
res.issues.query("kind == 'skipped'").groupby("event_id")["ticker"].agg(n="count", tickers=", ".join)
"""),
    code("""
ev_2025 = [e for e in ids if "_2025_" in e]
fig, axes = plt.subplots(1, len(ev_2025), figsize=(4 * len(ev_2025), 3.4), sharey=True)
for ax, event_id in zip(axes, ev_2025):
    rq.plots.plot_caar(res, event_id=event_id, window="0:5", ax=ax)
    ax.set_title(event_id, fontsize="small")
fig.tight_layout()
"""),
]

# --------------------------------------------------------------------------------------
EXPORT_CONTROLS = [
    md("""
# China's 2025 rare-earth export controls: Chinese vs non-Chinese equities

**Question.** How did rare-earth equities listed in China and outside China (Australia, the
United States) react to China's export-control announcements of 2025-04-04 (No. 18: seven
medium and heavy rare earths) and 2025-10-09 (Nos. 55-58, 61, 62: more elements, equipment,
technology, extraterritorial rule), and to their suspension of 2025-11-07 (No. 70)?

**Design.** A market-model event study, each security on its own exchange calendar
(Shanghai/Shenzhen, Sydney, New York) and against its own market index (CSI 300,
S&P/ASX 200, S&P 500), run separately for the two groups. Because every firm in a group
sees the event on the same day, abnormal returns are cross-correlated and the plain
cross-sectional t test overstates significance; we read the dependence-robust tests:
Brown-Warner (1985) crude dependence adjustment (`cda`), Kolari-Pynnönen (2010) adjusted
BMP (`kolari_pynnonen`), Kolari-Pynnönen (2011) generalized rank (`grank`) and the
equally weighted portfolio approach (`portfolio`).

All numbers below are computed from the shipped data when the notebook runs; the text
that depends on them is printed by code.
"""),
    SETUP,
    code("""
import numpy as np
from scipy import stats

EVENTS = {
    "cn_export_controls_2025_04_04": "04-04 controls",
    "cn_export_controls_2025_10_09": "10-09 controls",
    "cn_export_control_suspension_2025_11_07": "11-07 suspension",
    "ALL": "all three",
}
ROBUST = ["cda", "kolari_pynnonen", "grank", "portfolio"]
WINDOWS = ((0, 0), (-1, 1), (0, 5))
WINDOW_ORDER = {"0:0": 0, "-1:1": 1, "0:5": 2}


def ordered(frame):
    \"\"\"Rows in event, window, group order (as in EVENTS and WINDOWS).\"\"\"
    key = frame["event_id"].map(list(EVENTS).index) * 10 + frame["window"].map(WINDOW_ORDER)
    return frame.assign(_key=key).sort_values(["_key", "group"], kind="stable").drop(columns="_key")


catalogue = rq.load_catalogue()
catalogue.set_index("event_id").loc[list(EVENTS)[:3], ["date", "time", "event_type", "description"]]
"""),
    md("""
## The two groups

Single stocks only: the ETFs and the `CNRE_EW` basket are portfolios of the same A-shares
and would count them twice. Baotou Steel (600010) is left out because it is mainly a steel
maker. Grouping uses the universe's `country` column.
"""),
    code("""
universe = rq.load_universe()
stocks = universe[(universe["kind"] == "stock") & (universe.index != "600010")]
groups = {
    "CN": stocks.index[stocks["country"] == "CN"].tolist(),
    "non-CN": stocks.index[stocks["country"] != "CN"].tolist(),
}
stocks[["name", "country", "exchange", "benchmark"]].assign(
    group=lambda f: np.where(f["country"] == "CN", "CN", "non-CN")
).sort_values("group")
"""),
    md("""
Day 0 differs by exchange: Shanghai was closed on 2025-04-04 (Qingming), so Chinese
securities start on 2025-04-07, the day of the global tariff sell-off.
"""),
    code("""
pd.DataFrame(
    {ex: [rq.day_zero(catalogue.set_index("event_id").at[e, "date"], exchange=ex) for e in list(EVENTS)[:3]]
     for ex in ["XSHG", "XSHE", "XASX", "XNYS"]},
    index=list(EVENTS.values())[:3],
)
"""),
    md("""
## The study, per group
"""),
    code("""
def run(tickers, **options):
    \"\"\"Event study of the three events on ``tickers`` (warnings are kept in ``issues``).\"\"\"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", rq.ReequityWarning)
        return rq.catalogue_event_study(
            tickers=tickers, event_ids=list(EVENTS)[:3], windows=WINDOWS,
            tests=["t_cs", *ROBUST], **options,
        )


def robust_table(results, group):
    \"\"\"CAAR with the p-values of the dependence-robust tests, one row per event and window.\"\"\"
    t = results.tests[results.tests["tau"].isna() & results.tests["test"].isin(["t_cs", *ROBUST])]
    p = t.pivot_table(index=["event_id", "window"], columns="test", values="pvalue", sort=False)
    p = p[["t_cs", *ROBUST]].add_prefix("p_")
    out = results.caar.set_index(["event_id", "window"])[["n_firms", "caar"]].join(p).reset_index()
    return out.assign(group=group, event=out["event_id"].map(EVENTS))


results = {g: run(t) for g, t in groups.items()}
table = ordered(pd.concat([robust_table(r, g) for g, r in results.items()], ignore_index=True))
table.set_index(["event", "window", "group"]).drop(columns="event_id")
"""),
    md("""
Read the computed verdicts: a window counts as significant at 5 % in a test when its
p-value is below 0.05; "k of 4" counts the dependence-robust tests.
"""),
    code("""
def verdicts(tab):
    for row in tab.itertuples(index=False):
        ps = [getattr(row, f"p_{t}") for t in ROBUST]
        k = sum(bool(p < 0.05) for p in ps if np.isfinite(p))
        print(f"{row.group:>6} | {row.event:<16} | {row.window:>5} | N={row.n_firms:>2} | "
              f"CAAR {row.caar:+7.2%} | robust tests significant at 5%: {k} of 4 "
              f"(p = {', '.join(f'{p:.3f}' for p in ps)}) | t_cs p = {row.p_t_cs:.3f}")


verdicts(table)
"""),
    md("""
## CAAR paths

Average cumulative abnormal return from day -1 to day +5, with the 95 % cross-sectional
band (the band ignores cross-correlation, so it is too narrow for common-date events).
"""),
    code("""
fig, axes = plt.subplots(2, 3, figsize=(13, 6.4), sharex=True, sharey=True)
for row, (group, res) in zip(axes, results.items()):
    for ax, event_id in zip(row, list(EVENTS)[:3]):
        rq.plots.plot_caar(res, event_id=event_id, ax=ax)
        ax.set_title(f"{group}: {EVENTS[event_id]}", fontsize="medium")
        ax.axhline(0, color="grey", lw=0.6)
fig.tight_layout()
"""),
    code("""
fig, axes = plt.subplots(1, 2, figsize=(12, 4.6), gridspec_kw={"width_ratios": [1.4, 1]})
for ax, (group, res) in zip(axes, results.items()):
    rq.plots.plot_car_heatmap(res, window="-1:1", ax=ax)
    ax.set_xticklabels([EVENTS[t.get_text()] for t in ax.get_xticklabels()], rotation=0)
    ax.set_title(f"{group}: CAR[-1, 1] (%)")
fig.tight_layout()
"""),
    md("""
## Comparing the groups

Difference of the non-CN and CN mean CARs with Welch's t test. Caveat: Welch treats the
firms as independent; within a group they share the event date (and, for the A-shares,
the market), so its p-values are too small. Treat it as descriptive.
"""),
    code("""
car = pd.concat([r.car.assign(group=g) for g, r in results.items()])
rows = []
for (event_id, window), g in car.groupby(["event_id", "window"], sort=False):
    cn = g.loc[g["group"] == "CN", "car"].dropna()
    other = g.loc[g["group"] == "non-CN", "car"].dropna()
    welch = stats.ttest_ind(other, cn, equal_var=False)
    rows.append({"event": EVENTS[event_id], "window": window, "caar_cn": cn.mean(),
                 "caar_non_cn": other.mean(), "difference": other.mean() - cn.mean(),
                 "welch_t": welch.statistic, "pvalue": welch.pvalue})
compare = pd.DataFrame(rows)
compare
"""),
    code("""
for r in compare.itertuples(index=False):
    side = "non-CN above CN" if r.difference > 0 else "CN above non-CN"
    print(f"{r.event:<16} {r.window:>5}: {side} by {abs(r.difference):.2%} "
          f"(Welch p = {r.pvalue:.3f}{', < 0.05' if r.pvalue < 0.05 else ''})")
"""),
    md("""
## Confounders

Three other shocks fall on or next to these dates:

* **2025-04-02, US "Liberation Day" tariffs** (34 % extra on China), announced around 16:00
  New York time, at the NYSE close: the first session after it is 04-03 in Shanghai,
  Sydney and New York, which is day -1 of the 04-04 controls for the Australian and US
  stocks (the S&P 500 fell on 04-03 and 04-04, see the returns below).
* **2025-04-04, China's retaliatory 34 % tariff** on US goods, the same day as the controls,
  and **2025-04-07, the global sell-off** (CSI 300 about -7 %), which is the Chinese day 0;
  the 90-day US tariff pause of 04-09 lies inside the 0:5 window.
* **2025-10-10, the US threat of a further 100 % tariff** on China, day +1 of the October
  controls.

The market model removes each stock's beta times its market's return, which absorbs a
market-wide crash only to the extent that the stock's beta in the crash equals its
estimated beta. The study lists catalogue confounders inside each window in `issues`:
"""),
    code("""
issues = pd.concat([r.issues.assign(group=g) for g, r in results.items()], ignore_index=True)
conf = issues[issues["kind"] == "confounder"]
with pd.option_context("display.max_colwidth", 200):
    display(conf.assign(event=conf["event_id"].map(EVENTS))[["group", "event", "message"]])
"""),
    md("""
The check works in each security's own event time: a confounder's day 0 on the
security's exchange (from the catalogue's date, time and zone) is compared with the
window. That is why the 04-02 tariffs, announced at the NYSE close, are listed for the
`-1:1` windows. The first session after the announcement on each exchange (the rule is
"first session whose close is after the announcement"):
"""),
    code("""
tariffs = catalogue.set_index("event_id").loc["us_liberation_day_tariffs_2025_04_02"]
for ex in ["XSHG", "XASX", "XNYS"]:
    first = rq.day_zero(tariffs["date"], exchange=ex, time=tariffs["time"], timezone=tariffs["timezone"])
    print(f"{ex}: first session after the tariff announcement = {first.date()}")
print("other issues:", issues.loc[issues["kind"] != "confounder", ["group", "event_id", "ticker", "kind"]].to_dict("records"))
"""),
    md("""
Market returns (%) around each event show how large the common shocks were. Shanghai was
closed 2025-10-01..08 (National Day), so the A-shares' 10-09 return covers the whole
holiday, during which ASX and US rare-earth names had already moved.
"""),
    code("""
cols = ["CSI300", "ASX200", "SPX", "CNRE_EW", "LYC.AX", "MP"]
for start, end in [("2025-04-01", "2025-04-11"), ("2025-09-30", "2025-10-16"), ("2025-11-05", "2025-11-12")]:
    display((rq.load_returns(cols, start=start, end=end) * 100).round(2))
"""),
    md("""
The 2025-11-07 suspension was issued on Friday evening Beijing time, after the Shanghai
and Sydney closes. The minute was not reported; the catalogue stamps it 18:00 to stand for
"evening", so day 0 is 11-10 in Shanghai and Sydney and 11-07 in New York.

## Robustness

Two variants, each on both groups:

* **A. Market-adjusted model** (`r - r_m`, no estimated beta): insensitive to a beta
  estimated on a calm year being wrong in a crash.
* **B. Suspension dated only**: the 11-07 time removed, as if the news had come before
  the Asian open, so day 0 is 11-07 everywhere (for the Asian stocks that day precedes
  the news: the variant shows how much the time stamp matters).
"""),
    code("""
variant_a = {g: run(t, model="market_adjusted") for g, t in groups.items()}
date_only = catalogue.copy()
date_only.loc[date_only["event_id"] == "cn_export_control_suspension_2025_11_07", "time"] = ""
variant_b = {g: run(t, events=date_only) for g, t in groups.items()}

def caar_and_kp(results, label):
    tab = ordered(pd.concat([robust_table(r, g) for g, r in results.items()]))
    return tab.set_index(["event", "window", "group"])[["caar", "p_kolari_pynnonen"]].add_prefix(f"{label}: ")

robust = pd.concat(
    [caar_and_kp(results, "market model"), caar_and_kp(variant_a, "market-adjusted"),
     caar_and_kp(variant_b, "11-07 date only")], axis=1,
)
robust
"""),
    code("""
base = table.set_index(["event", "window", "group"])["caar"]
alt = pd.concat([robust_table(r, g) for g, r in variant_a.items()]).set_index(["event", "window", "group"])["caar"]
same_sign = (np.sign(base) == np.sign(alt.reindex(base.index)))
print(f"market-adjusted vs market model: same sign of CAAR in {int(same_sign.sum())} of {len(base)} "
      f"event-window-group cells; largest absolute change {float((alt.reindex(base.index) - base).abs().max()):.2%}")
b = pd.concat([robust_table(r, g) for g, r in variant_b.items()])
for r in b[b["event_id"] == "cn_export_control_suspension_2025_11_07"].itertuples(index=False):
    print(f"11-07 date only, {r.group:>6} {r.window:>5}: CAAR {r.caar:+.2%} (KP p = {r.p_kolari_pynnonen:.3f})")
"""),
    md("""
## Findings (computed)

The lines below are generated from the tables above, so they stay true if the data or the
settings change.
"""),
    code("""
def n_significant(row):
    return sum(bool(row[f"p_{t}"] < 0.05) for t in ROBUST)


pooled = table[table["event_id"] == "ALL"].set_index(["window", "group"])
for window in WINDOW_ORDER:
    parts = [f"{g} CAAR {pooled.at[(window, g), 'caar']:+.2%} "
             f"({n_significant(pooled.loc[(window, g)])} of 4 robust tests significant at 5%)"
             for g in groups]
    print(f"Pooled over the three events, window {window}: " + "; ".join(parts))

# the simple supply story: controls raise ex-China producers, the suspension lowers them
expected = dict(zip(list(EVENTS)[:3], [1, 1, -1]))
for event_id, sign in expected.items():
    r = table[(table["group"] == "non-CN") & (table["event_id"] == event_id) & (table["window"] == "-1:1")].iloc[0]
    agree = "in line with" if np.sign(r["caar"]) == sign else "opposite to"
    print(f"non-CN, {EVENTS[event_id]}, -1:1: CAAR {r['caar']:+.2%}, {agree} the expected "
          f"{'rise' if sign > 0 else 'fall'} of ex-China producers ({n_significant(r)} of 4 robust tests significant)")

above = int((compare["difference"] > 0).sum())
print(f"non-CN CAAR above CN CAAR in {above} of {len(compare)} event-windows; "
      f"Welch p < 0.05 in {int((compare['pvalue'] < 0.05).sum())} (descriptive, see caveat)")
smaller = (table["p_t_cs"] < table[[f"p_{t}" for t in ROBUST]].min(axis=1)).sum()
print(f"t_cs p-value below every robust p-value in {int(smaller)} of {len(table)} rows")
"""),
    md("""
## Discussion

* **Which tests to read.** With one common event date per group, the cross-sectional
  `t_cs` test ignores the cross-correlation of abnormal returns; the last computed line
  above shows how often it is more optimistic than all four dependence-robust tests.
  Conclusions should rest on `cda`, `kolari_pynnonen`, `grank` and `portfolio`.
* **Expectations.** Export controls should raise non-Chinese producers (scarcer Chinese
  supply, higher ex-China prices) and have an ambiguous effect on Chinese producers
  (higher prices against lost export volume); the suspension should do the opposite.
  Where the computed signs disagree, the window also holds other news: firm-specific
  announcements on those days were not screened here, and a stock-level look at the
  heatmap is needed before reading a group average.
* **Confounders.** The April window cannot separate the controls from the tariff war: the
  Chinese day 0 is the sell-off day and the non-Chinese `-1:1` window opens on the first
  session after the US tariffs. The October controls share day +1 with the 100 % tariff
  threat. Results for these two events measure the combined news, even after market
  adjustment; the market-adjusted variant shows how much the estimated betas matter.
* **Small samples.** A dozen Chinese and about half a dozen non-Chinese stocks (see
  `n_firms`; firm-events with too little history are dropped and listed in `issues`) and
  three events: rank and sign tests have little power, and one stock can drive a group's
  CAAR.
* **Not done here.** Intraday timing (the announcements' minutes are not all recorded),
  currency effects (each stock is measured in its own currency against its own market),
  and screening of firm-specific news on the event days.
"""),
]

# --------------------------------------------------------------------------------------
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
        "pvalue", "var_ratio", "rho_post_adj", "fr_pvalue", "note"]
ec.table[cols]
"""),
    code("""
for r in ec.table.itertuples(index=False):
    verdict = "rose" if r.delta > 0 else "fell"
    sig = "significant" if r.pvalue < 0.05 else "not significant"
    fr = "significant" if r.fr_pvalue < 0.05 else "not significant"
    print(f"{r.event_id[:30]:<30} {r.ticker_a}-{r.ticker_b}: correlation {verdict} "
          f"{r.rho_pre:+.2f} -> {r.rho_post:+.2f} (Fisher z p={r.pvalue:.3f}, {sig}); "
          f"after Forbes-Rigobon {r.rho_post_adj:+.2f} (p={r.fr_pvalue:.3f}, {fr})")
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
      f"{int((cross['pvalue'] < 0.05).sum())}, Forbes-Rigobon p < 0.05 in {int((cross['fr_pvalue'] < 0.05).sum())}; "
      f"correlation rose in {int((cross['delta'] > 0).sum())}")
"""),
    md("""
* The pre/post tests assume independent windows of i.i.d. returns; volatility clustering
  and the overlap of the October and November windows make them approximate, and with
  several pairs and events some p-values below 0.05 are expected by chance.
* A correlation change after an event does not say the event caused it: the April window
  is dominated by the tariff sell-off, and the Forbes-Rigobon correction only removes the
  part due to higher volatility of the source market.
* Lead-lag peaks follow the close times: a peak at lag +1 from New York to Sydney is the
  calendar, not an information advantage of one market.
"""),
]

NOTEBOOKS: dict[str, list[tuple[str, str]]] = {
    "01_quickstart.ipynb": QUICKSTART,
    "02_events_from_articles.ipynb": ARTICLES,
    "03_export_controls.ipynb": EXPORT_CONTROLS,
    "04_correlations.ipynb": CORRELATIONS,
}


def build(cells: list[tuple[str, str]]) -> nbformat.NotebookNode:
    """An unexecuted notebook from ``(kind, source)`` cells, with a python3 kernelspec."""
    nb = new_notebook(
        cells=[
            new_markdown_cell(src) if kind == "markdown" else new_code_cell(src)
            for kind, src in cells
        ]
    )
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def execute(nb: nbformat.NotebookNode, *, cwd: Path = NOTEBOOK_DIR) -> nbformat.NotebookNode:
    """Run every cell top to bottom in a fresh python3 kernel; raise on the first error."""
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(cwd)}},
        record_timing=False,
    )
    client.execute()
    return nb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("only", nargs="*", help="build only notebooks whose name contains this")
    parser.add_argument("--no-run", action="store_true", help="write without executing")
    args = parser.parse_args(argv)
    NOTEBOOK_DIR.mkdir(exist_ok=True)
    for name, cells in NOTEBOOKS.items():
        if args.only and not any(part in name for part in args.only):
            continue
        nb = build(cells)
        start = time.perf_counter()
        if not args.no_run:
            execute(nb)
        path = NOTEBOOK_DIR / name
        nbformat.write(nb, path)
        print(f"{name}: {time.perf_counter() - start:.1f} s, {path.stat().st_size / 1e3:.0f} kB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
