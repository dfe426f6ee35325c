"""Cells of ``notebooks/03_export_controls.ipynb``."""

from __future__ import annotations

from ._cells import SETUP, code, md

EXPORT_CONTROLS = [
    md("""
# China's 2025 rare-earth export controls: Chinese vs non-Chinese equities

**Question.** How did rare-earth stocks listed in China and outside China (Australia, the
United States) react to China's export controls of 2025-04-04 (MOFCOM No. 18: seven medium
and heavy rare earths) and 2025-10-09 (Nos. 55-58, 61, 62), and to their relaxation: the
one-year suspension announced after the Trump-Xi meeting in Busan on 2025-10-30 (the
information event) and made formal by MOFCOM No. 70 on 2025-11-07?

**Design, every choice visible below.**

* *Securities and groups.* Single stocks only (the universe's `kind`): the ETFs and the
  `CNRE_EW` basket hold the same A-shares and would count them twice. Baotou Steel (600010)
  is left out as mainly a steel maker. Groups are the universe's `group` column: `CN`
  (listed in China) and `ex-CN`.
* *Day 0.* Each stock on its own exchange's calendar; an event with a sourced publication
  time has day 0 at the first session whose close comes after it (a Beijing-evening
  announcement is the next Sydney and Shanghai session, the same date in New York).
* *Expected returns.* Market model against each stock's own index on the same return basis
  (CSI 300 total return for A-shares, SPY for US names; ASX names and the ASX 200 are both
  price-only), estimated over days -250..-11 **cleaned** of the sessions -1..+1 around every
  other catalogue event and every item of the firm's own news.
* *Inference.* Every firm in a group sees the event on the same day, so abnormal returns
  are cross-correlated: we read the dependence-robust tests, named with their papers, and
  test the difference between the groups with a long-short portfolio of the two groups'
  mean abnormal returns. Tightening and relaxation are never averaged together.

All numbers below are computed from the shipped data when the notebook runs; the text
that depends on them is printed by code.
"""),
    SETUP,
    code("""
import numpy as np

from reequity.study.headline import headline
from reequity.study.robustness import specification_curve

EVENTS = {
    "cn_export_controls_2025_04_04": "04-04 controls",
    "cn_export_controls_2025_10_09": "10-09 controls",
    "busan_trump_xi_meeting_2025_10_30": "10-30 Busan (suspension announced)",
    "cn_export_control_suspension_2025_11_07": "11-07 No. 70 (formal suspension)",
}
TIGHTENING = list(EVENTS)[:2]
RELAXATION = list(EVENTS)[2:]
ROBUST = ["cda", "kolari_pynnonen", "grank"]  # the portfolio test equals the CDA with one date
WINDOWS = ((0, 0), (-1, 1), (0, 5))

catalogue = rq.load_catalogue(include_confounders=True).set_index("event_id")
catalogue.loc[list(EVENTS), ["date", "time", "timezone", "time_known", "time_source", "follows"]]
"""),
    md("""
## Day 0 on each exchange

The 04-04 controls came out in the Beijing evening (after the Sydney close) on a Shanghai
holiday (Qingming); the 10-09 controls in the Beijing morning; the Busan meeting ended
around midday Korean time, during the Asian sessions.
"""),
    code("""
def day0(event_id, exchange):
    row = catalogue.loc[event_id]
    time = row["time"] if isinstance(row["time"], str) and row["time"] else None
    return rq.day_zero(row["date"], exchange=exchange, time=time, timezone=row["timezone"]).date()


pd.DataFrame({ex: [day0(e, ex) for e in EVENTS] for ex in ["XSHG", "XSHE", "XASX", "XNYS"]},
             index=list(EVENTS.values()))
"""),
    md("""
## The study
"""),
    code("""
universe = rq.load_universe()
stocks = universe[(universe["kind"] == "stock") & (universe.index != "600010")]
display(stocks[["name", "exchange", "group", "benchmark", "return_basis"]].sort_values("group"))


def run(event_ids, **options):
    \"\"\"Catalogue study of ``event_ids`` on the stocks (warnings are kept in ``issues``).\"\"\"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", rq.ReequityWarning)
        return rq.catalogue_event_study(
            tickers=stocks.index.tolist(), event_ids=event_ids, windows=WINDOWS,
            tests=["t_cs", *ROBUST, "portfolio"], **options,
        )


res = run(list(EVENTS))
"""),
    md("""
The headline, as `reequity event-study` prints it and the report leads with: each event,
then each pool of comparable events (the catalogue's `event_type`: the two controls in one
pool, the relaxation in another) with its CN and ex-CN rows, window -1..+1.
"""),
    code("""
res
"""),
    md("""
### What the cleaning did

Each firm-event's estimation sample leaves out the sessions around the other catalogue
events (the 2025 tariff war, the other export controls...) and around the firm's own news
(earnings, the MP-DoD and MP-Apple deals, Lynas's capital raising...). `n_est` is what
remained of the 240-day window, `n_est_dropped` what was left out. Without cleaning, the
estimation windows of the 10-09 study hold MP's +50 % day of 2025-07-10 and the April
tariff crash:
"""),
    code("""
uncleaned = run(["cn_export_controls_2025_10_09"], clean_estimation=False)
p_clean = res.params[res.params["event_id"] == "cn_export_controls_2025_10_09"].set_index("ticker")
p_raw = uncleaned.params.set_index("ticker")
cleaning = pd.DataFrame({
    "n_est": p_clean["n_est"], "n_est_dropped": p_clean["n_est_dropped"],
    "beta cleaned": p_clean["beta"], "beta uncleaned": p_raw["beta"],
    "sigma cleaned": p_clean["sigma"], "sigma uncleaned": p_raw["sigma"],
})
cleaning.join(stocks["group"]).sort_values("group")
"""),
    md("""
### CAAR by group, with the dependence-robust tests

`CDA` is Brown and Warner's (1985) crude dependence adjustment, `KP` Kolari and Pynnönen's
(2010) adjusted BMP test, `GRANK` Kolari and Pynnönen's (2011) generalized rank test; the
interval is the dependence-robust 95 % interval (`robust_ci_*`, from the CDA's standard
error: it excludes zero when the CDA rejects). The cross-sectional `ci_lower`/`ci_upper`
in `group_caar` is too narrow when firms share an event date.
"""),
    code("""
def group_table(results, names=EVENTS):
    \"\"\"Group CAARs with the robust p-values; ``ALL`` (pooled) is labelled by ``names``.\"\"\"
    gt = results.group_tests[results.group_tests["tau"].isna() & results.group_tests["test"].isin(ROBUST)]
    p = gt.pivot_table(index=["event_id", "group", "window"], columns="test", values="pvalue", sort=False)
    p = p[ROBUST].add_prefix("p_")
    gc = results.group_caar.set_index(["event_id", "group", "window"])
    out = gc[["n_firms", "caar", "robust_ci_lower", "robust_ci_upper"]].join(p).reset_index()
    out = out[out["group"].isin(["CN", "ex-CN"]) & out["event_id"].isin(list(names))]
    return out.assign(event=out["event_id"].map(names)).drop(columns="event_id")


# per event, and the two controls pooled; never pooled with the relaxation (opposite
# expected signs), and 10-30 and 11-07 are one piece of news, so not pooled either
tight = run(TIGHTENING)
groups = pd.concat([
    group_table(res),
    group_table(tight, {"ALL": "pooled: the two controls"}),
], ignore_index=True)
groups.set_index(["event", "group", "window"])
"""),
    md("""
### The difference between the groups

`difference` is CAAR(ex-CN) - CAAR(CN). The long-short CDA tests the mean abnormal return of
the ex-CN minus CN portfolio against that portfolio's own estimation-window variance, and
the long-short rank test ranks its window days among its estimation days: both stay valid
when all firms share the event date, unlike a Welch test across firms.
"""),
    code("""
diff = res.group_difference.pivot_table(
    index=["event_id", "window", "n_a", "n_b", "caar_a", "caar_b", "difference"],
    columns="test", values="pvalue", sort=False,
).add_prefix("p_").reset_index()
diff = diff[diff["event_id"] != "ALL"].assign(event=lambda f: f["event_id"].map(EVENTS))
diff.drop(columns="event_id").set_index(["event", "window"])
"""),
    md("""
## Confounders

The study lists other catalogue events and firm news inside each window (in each stock's
own event time); firm-specific items concern one stock only:
"""),
    code("""
conf = res.issues[res.issues["kind"].isin(["confounder", "time_unknown"])]
with pd.option_context("display.max_colwidth", 160):
    display(conf.assign(event=conf["event_id"].map(EVENTS))[["event", "ticker", "kind", "message"]])
print(res.issues["kind"].value_counts().to_dict())
"""),
    md("""
Market returns (%) around each event show how large the common shocks were. Shanghai was
closed 2025-10-01..08 (National Day), so the A-shares' 10-09 return covers the whole holiday,
during which ASX and US rare-earth names had already moved.
"""),
    code("""
cols = ["CSI300TR", "ASX200", "SPY", "LYC.AX", "MP", "600111"]
for start, end in [("2025-04-01", "2025-04-11"), ("2025-09-30", "2025-10-16"), ("2025-10-27", "2025-11-12")]:
    display((rq.load_returns(cols, start=start, end=end) * 100).round(2))
"""),
    md("""
## CAAR paths
"""),
    code("""
fig, axes = plt.subplots(2, 4, figsize=(15, 6.2), sharex=True, sharey=True)
for row, group in zip(axes, ["CN", "ex-CN"]):
    for ax, event_id in zip(row, EVENTS):
        path = res.group_aar[(res.group_aar["event_id"] == event_id) & (res.group_aar["group"] == group)]
        ax.plot(path["tau"], path["caar"] * 100, marker="o")
        ax.axhline(0, color="grey", lw=0.6)
        ax.axvline(0, color="grey", lw=0.6, ls="--")
        ax.set_title(f"{group}: {EVENTS[event_id]}", fontsize="small")
        ax.set_xlabel("event day")
    row[0].set_ylabel("CAAR from day -1 (%)")
fig.tight_layout()
"""),
    md("""
## Does the 10-09 result survive other reasonable choices?

A specification curve (Simonsohn, Simmons and Nelson 2020) over the expected-return model,
the estimation window, the event window and the cleaning of estimation windows. It measures
sensitivity to analyst choices, not a multiple-testing correction. A specification counts as
significant only when every dependence-robust test is (`robust_p`, their largest p-value).
"""),
    code("""
from reequity.study.robustness import default_grid

grid = default_grid()
grid = grid[grid["choice"].isin(["model", "estimation", "window", "clean"])]
october = run(["cn_export_controls_2025_10_09"])
curve = specification_curve(october.spec, grid)
print(curve.summary())
curve.plot(event_id="cn_export_controls_2025_10_09");
"""),
    md("""
## Findings (computed)

The lines below are generated from the tables above, so they stay true if the data or the
settings change. Each names the tests it rests on.
"""),
    code("""
LABEL = {"cda": "CDA", "kolari_pynnonen": "KP", "grank": "GRANK"}


def verdict(row):
    ps = {t: row[f"p_{t}"] for t in ROBUST}
    rejecting = [LABEL[t] for t, p in ps.items() if p < 0.05]
    if len(rejecting) == len(ps):
        strength = "every dependence-robust test rejects at 5 %"
    elif rejecting:
        verb = "rejects" if len(rejecting) == 1 else "reject"
        strength = f"only {' and '.join(rejecting)} {verb} at 5 %"
    else:
        strength = "no dependence-robust test rejects at 5 %"
    cells = ", ".join(f"{LABEL[t]} p {'< 0.001' if p < 0.001 else f'= {p:.3f}'}"
                      for t, p in ps.items())
    return f"CAAR {row['caar']:+.2%} (N = {row['n_firms']}; {cells}): {strength}"


for event in [*EVENTS.values(), "pooled: the two controls"]:
    for window in ["-1:1", "0:5"]:
        for group in ["CN", "ex-CN"]:
            r = groups[(groups["event"] == event) & (groups["group"] == group)
                       & (groups["window"] == window)].iloc[0]
            print(f"{event}, {group}, {window}: {verdict(r)}")
for r in diff[diff["window"].isin(["-1:1", "0:5"])].itertuples(index=False):
    print(f"{r.event}, ex-CN - CN, {r.window}: {r.difference:+.2%} (long-short CDA p = "
          f"{r.p_long_short_cda:.3f}, rank p = {r.p_long_short_rank:.3f})")
shares = curve.shares().set_index("event_id").loc["cn_export_controls_2025_10_09"]
print(f"10-09 over {int(shares['n_estimated'])} specifications: CAAR positive in "
      f"{shares['share_positive']:.0%}, robust p < 0.05 in {shares['share_significant']:.0%}, "
      f"median {shares['median_caar']:+.2%}")
"""),
    md("""
## Discussion

* **Which tests to read.** With one common event date per group, the cross-sectional `t_cs`
  test ignores the cross-correlation of abnormal returns; conclusions rest on the CDA, KP and
  GRANK tests, and on the long-short tests for the difference between groups. The portfolio
  test is the CDA's statistic when all firms share one day 0, so it is not counted again.
* **Expectations.** Export controls should raise non-Chinese producers (scarcer Chinese
  supply, higher ex-China prices) and have an ambiguous effect on Chinese producers (higher
  prices against lost export volume); the suspension should do the opposite. The news of the
  suspension came with the Busan meeting on 10-30; the formal notice of 11-07 carried little
  new information, so the information event is the one to read.
* **Confounders.** The April window cannot separate the controls from the tariff war: the
  Chinese day 0 (04-07) is the global sell-off day, and the US tariffs of 04-02 and China's
  retaliatory tariffs of 04-04 surround it. The October controls share day +1 with the 100 %
  tariff threat. Firm news inside a window (listed above) concerns one stock: look at that
  stock before reading a group average.
* **Small samples.** About a dozen Chinese and five non-Chinese stocks, and one sub-A$0.50
  stock can move the ex-CN average: rank tests have little power, and the group difference
  is estimated with one long-short series per event.
* **Not done here.** Intraday timing beyond the catalogue's sourced times, currency effects
  (each stock is measured in its own currency against its own market) and dividends on the
  ASX names (price-only series; ex-dividend days are flagged where a source gives them).
"""),
]
