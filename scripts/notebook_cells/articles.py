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
with warnings.catch_warnings(record=True) as caught:  # shown below as one line each
    warnings.simplefilter("always", rq.ReequityWarning)
    res = rq.catalogue_event_study(event_ids=ids, windows=((-1, 1), (0, 5)),
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
ev_2025 = [e for e in ids if "_2025_" in e]
fig, axes = plt.subplots(1, len(ev_2025), figsize=(4 * len(ev_2025), 3.4), sharey=True)
for ax, event_id in zip(axes, ev_2025):
    rq.plots.plot_caar(res, event_id=event_id, window="0:5", ax=ax)
    ax.set_title(event_id, fontsize="small")
fig.tight_layout()
"""),
]
