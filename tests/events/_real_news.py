"""Score extraction against the hand-annotated real-news check (tests/events/fixtures/real_news).

An annotation names a substring of an article (title + "\\n" + body) by its text and occurrence.
An extracted row covers the span of its ``surface``: the offset the resolver gave that mention
(:func:`reequity.events.dates.resolve_dates` yields the mentions in the order of the rows), or,
when the rows do not line up with the resolver's mentions, the first occurrence of the surface
after the start of the previous row. A row and an annotation match when their spans overlap.

Figures (each a fraction):

literal    annotations with an expected date (or kind ``none``: not a date at all) whose
           matching row has exactly the expected ``date_start``/``date_end`` (``none``: no
           matching row with a date);
recall     annotations of true events that have a matching row with the expected dates and
           ``is_policy_event``;
separation annotations that are not events with no matching row labelled a policy event;
precision  rows labelled a policy event that match an annotated true event.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from reequity.events.articles import read_articles
from reequity.events.dates import resolve_dates
from reequity.events.extract import extract_events

FOLDER = Path(__file__).parent / "fixtures" / "real_news"


@dataclass(frozen=True)
class Score:
    literal: float
    recall: float
    separation: float
    precision: float
    misses: tuple[str, ...]


def _find(text: str, needle: str, occurrence: int) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence):
        start = text.find(needle, start + 1)
        if start < 0:
            raise AssertionError(f"annotation {needle!r} (#{occurrence}) not in the article")
    return start, start + len(needle)


def _row_spans(text: str, surfaces: list[str], published: pd.Timestamp | None = None
               ) -> list[tuple[int, int]]:  # fmt: skip
    if published is not None:  # the resolver's own offsets (a surface can repeat in a text)
        mentions = resolve_dates(text, published)
        if [m.surface for m in mentions] == surfaces:
            return [(m.start, m.end) for m in mentions]
    spans, cursor = [], 0
    for surface in surfaces:
        start = text.find(surface, cursor)
        spans.append((start, start + len(surface)) if start >= 0 else (-1, -1))
        cursor = start + len(surface) if start >= 0 else cursor
    return spans


def score(rows: pd.DataFrame | None = None, folder: Path = FOLDER) -> Score:
    """Extract (unless ``rows`` are given) and compare with the annotations in ``folder``."""
    articles = read_articles(folder / "articles.txt")
    rows = extract_events(articles) if rows is None else rows
    notes = pd.read_csv(folder / "annotations.csv", dtype=str, keep_default_na=False)
    texts = {a.article_id: f"{a.title}\n{a.body}" for a in articles.itertuples()}
    stamps = {a.article_id: a.published_at for a in articles.itertuples()}
    literal, recall, separation, misses = [], [], [], []
    matched_rows: set[int] = set()
    by_article = {k: g for k, g in rows.groupby("article_id")}
    for note in notes.itertuples():
        aid = int(note.article_id)
        text = texts[aid]
        lo, hi = _find(text, note.surface, int(note.occurrence))
        group = by_article.get(aid, rows.iloc[0:0])
        spans = _row_spans(text, group["surface"].tolist(), stamps[aid])
        hits = [i for i, (s, e) in zip(group.index, spans, strict=True) if s < hi and lo < e]
        hit_rows = group.loc[hits]
        want = (
            (pd.Timestamp(note.date_start), pd.Timestamp(note.date_end))
            if note.date_start
            else None
        )
        right = (
            hit_rows[(hit_rows["date_start"] == want[0]) & (hit_rows["date_end"] == want[1])]
            if want
            else hit_rows.iloc[0:0]
        )
        label = f"{aid}:{note.surface}#{note.occurrence}"
        if want is not None or note.kind == "none":
            ok = not right.empty if want else hit_rows["date_start"].isna().all()
            literal.append(ok)
            if not ok:
                misses.append(
                    f"date {label}: {hit_rows[['surface', 'date_start', 'date_end']].values.tolist()}"
                )
        if note.is_event == "True":
            ok = bool(right["is_policy_event"].any())
            recall.append(ok)
            matched_rows.update(right.index[right["is_policy_event"]])
            matched_rows.update(hit_rows.index)
            if not ok:
                misses.append(
                    f"event {label}: {hit_rows[['surface', 'kind', 'event_type']].values.tolist()}"
                )
        else:
            ok = not bool(hit_rows["is_policy_event"].any())
            separation.append(ok)
            if not ok:
                misses.append(
                    f"non-event {label}: {hit_rows[['surface', 'kind', 'event_type']].values.tolist()}"
                )
    true_event_rows = set()
    for note in notes[notes["is_event"] == "True"].itertuples():
        aid = int(note.article_id)
        text = texts[aid]
        lo, hi = _find(text, note.surface, int(note.occurrence))
        group = by_article.get(aid, rows.iloc[0:0])
        spans = _row_spans(text, group["surface"].tolist(), stamps[aid])
        true_event_rows.update(
            i for i, (s, e) in zip(group.index, spans, strict=True) if s < hi and lo < e
        )
    policy = rows.index[rows["is_policy_event"]]
    false_rows = [i for i in policy if i not in true_event_rows]
    misses.extend(
        f"false policy row {rows.at[i, 'article_id']}:{rows.at[i, 'surface']}" for i in false_rows
    )
    precision = 1 - len(false_rows) / len(policy) if len(policy) else 1.0
    return Score(sum(literal) / len(literal), sum(recall) / len(recall),
                 sum(separation) / len(separation), precision, tuple(misses))  # fmt: skip
