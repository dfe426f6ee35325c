"""Cells of ``notebooks/02_events_from_articles.ipynb``."""

from __future__ import annotations

from ._cells import SETUP, code, md

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
## What each mention does in its sentence

Not every date is an event. Report dates (the day a source *said* something), datelines,
quota batches and statistics periods ("9月稀土出口4000吨"), dates in a future clause ("will be
unveiled on Monday") and document numbers (公告（2025）第70号, "No. 18 [2025]", which give no
mention at all) are kept apart. Traditional-script text is matched after an OpenCC
conversion, and the original text stays in `surface` and `sentence`.
"""),
    code("""
demo = rq.read_articles(
    "Hand-written demo (synthetic)\\n"
    "中國暫停實施稀土出口管制\\nCNA· 2025-11-07 22:00\\n"
    "中央社上海7日電 商務部與海關總署當晚發布公告（2025）第70號，決定自即日起暫停實施10月9日公布的出口管制措施。"
    "據彭博週五報導，細則將於下週一公布。中國9月稀土出口4000噸。\\n"
)
rq.extract_events(demo)[["surface", "date_start", "kind", "is_policy_event", "event_type", "flags"]]
"""),
    md("""
## From mentions to an event study

Mentions and events are different things: a mention is one date expression in one article,
an event is one dated happening that a study puts at day 0. `mentions_to_events` does the
step in memory: linked mentions become their catalogue events (with the catalogue's date,
time and zone), unlinked day-level policy mentions become `mention_<date>_<type>` events,
retellings and repeats are dropped, and the log says what happened to every row. The
catalogue's confounders ride along, so the study below warns about overlapping windows as a
catalogue study does. (On the command line: `reequity events extract dump.txt --events-out
events.csv`, then `reequity event-study --events events.csv`.)
"""),
    code("""
from reequity.events.mentions import describe_log, mentions_to_events

events, log = mentions_to_events(mentions)
print(describe_log(log))
events[["event_id", "date", "time", "timezone", "event_type", "confounder"]]
"""),
    code("""
log.loc[~log["used"], "reason"].value_counts()
"""),
    code("""
with warnings.catch_warnings(record=True) as caught:  # shown below as one line each
    warnings.simplefilter("always", rq.ReequityWarning)
    res = rq.catalogue_event_study(events=events, windows=((-1, 1), (0, 5)),
                                   tests=["t_cs", "cda", "kolari_pynnonen", "grank", "portfolio"])
print(res.summary())
for w in dict.fromkeys(f"{w.category.__name__}: {str(w.message)[:150]}" for w in caught):
    print("warning:", w)
"""),
    code("""
print(res.issues["kind"].value_counts().to_string())
res.issues.query("kind == 'skipped'").groupby("event_id")["ticker"].agg(n="count", tickers=", ".join)
"""),
    code("""
studied = set(res.caar["event_id"])
ev_2025 = [e for e in events.loc[~events["confounder"], "event_id"] if "_2025_" in e and e in studied][:4]
fig, axes = plt.subplots(1, len(ev_2025), figsize=(4 * len(ev_2025), 3.4), sharey=True, squeeze=False)
for ax, event_id in zip(axes[0], ev_2025):
    rq.plots.plot_caar(res, event_id=event_id, window="0:5", ax=ax)
    ax.set_title(event_id, fontsize="small")
fig.tight_layout()
"""),
]
