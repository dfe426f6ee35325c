"""Cells of ``notebooks/03_export_controls.ipynb``."""

from __future__ import annotations

from ._cells import SETUP, code, md

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
