"""The extraction pipeline: articles -> temporal mentions -> labelled, reconciled event rows."""

from __future__ import annotations

from datetime import date
from os import PathLike
from typing import Any

import pandas as pd

from reequity.errors import ArticleFormatError
from reequity.events._text import clause_at, sentence_at
from reequity.events.articles import COLUMNS as ARTICLE_COLUMNS
from reequity.events.articles import read_articles
from reequity.events.catalogue import load_catalogue
from reequity.events.classify import (
    POLICY_TYPES,
    SentenceLabels,
    actors_in,
    classify_sentence,
    confidence,
    type_in,
)
from reequity.events.dates import TemporalMention, resolve_with_sentences
from reequity.events.reconcile import CatalogueIndex

__all__ = ["EVENT_COLUMNS", "extract_events"]

EVENT_COLUMNS = [
    "article_id",
    "published_at",
    "title",
    "surface",
    "date_start",
    "date_end",
    "granularity",
    "kind",
    "is_policy_event",
    "event_type",
    "actors",
    "sentence",
    "confidence",
    "flags",
    "catalogue_id",
    "event_date",
]
_LINK_BONUS, _CONFLICT_PENALTY = 0.15, 0.15


def extract_events(
    articles: pd.DataFrame | str | PathLike[str],
    *,
    catalogue: pd.DataFrame | str | PathLike[str] | None = None,
) -> pd.DataFrame:
    """Extract dated (policy) event mentions from news articles.

    Parameters
    ----------
    articles : DataFrame, str or PathLike
        The frame returned by :func:`~reequity.events.articles.read_articles`, or anything
        that function accepts (a dump's path or text).
    catalogue : DataFrame, str or PathLike, optional
        Catalogue to reconcile against (default: the shipped one); a path is read with
        :func:`~reequity.events.catalogue.load_catalogue`.

    Returns
    -------
    pandas.DataFrame
        One row per temporal mention with the DESIGN section 6 columns, in this order:
        ``article_id, published_at, title, surface, date_start, date_end, granularity, kind,
        is_policy_event, event_type, actors, sentence, confidence, flags, catalogue_id,
        event_date``. ``actors`` and ``flags`` are semicolon-separated strings (empty when
        none); ``catalogue_id`` is "" and ``event_date`` NaT when no event was linked. Flags:
        ``year_conflict`` (stated year contradicts catalogue and publication context; the
        literal ``date_start`` is kept), ``year_from_sentence`` (a yearless month/day took the
        year stated in its sentence).

    Notes
    -----
    Dates follow :mod:`reequity.events.dates`, labels :mod:`reequity.events.classify` and
    links :mod:`reequity.events.reconcile` (each documents its rules and formulas).

    Examples
    --------
    >>> dump = "T\\nSou Hu Cai Jing· 2025-12-26 19:05\\n12月25日，俄罗斯卫星通讯社报道称，美国公司拿不到镝。"
    >>> extract_events(dump)[["surface", "catalogue_id"]].to_dict("records")
    [{'surface': '12月25日', 'catalogue_id': 'us_dysprosium_shortage_report_2025_12_25'}]
    """
    frame = articles if isinstance(articles, pd.DataFrame) else read_articles(articles)
    missing = [c for c in ARTICLE_COLUMNS if c not in frame.columns]
    if missing:
        raise ArticleFormatError(
            f"articles frame lacks column(s) {missing}; pass the output of read_articles()."
        )
    if catalogue is None or not isinstance(catalogue, pd.DataFrame):
        catalogue = load_catalogue(catalogue)
    index = CatalogueIndex(catalogue)
    rows: list[dict[str, Any]] = []
    for article in frame.itertuples(index=False):
        rows.extend(_article_rows(article, index))
    return _to_frame(rows)


def _article_rows(article: Any, index: CatalogueIndex) -> list[dict[str, Any]]:
    title = str(article.title)
    text = f"{title}\n{article.body}"
    published = pd.Timestamp(article.published_at)
    mentions, spans = resolve_with_sentences(text, published)
    cache: dict = {}
    rows = [_row(article, text, m, spans, published, index, cache) for m in mentions]
    _flag_context_years(rows, mentions)
    return rows


def _row(article: Any, text: str, mention: TemporalMention, spans: list[tuple[int, int]],
         published: pd.Timestamp, index: CatalogueIndex, cache: dict) -> dict[str, Any]:  # fmt: skip
    lo, hi = sentence_at(spans, mention.start)
    sentence = text[lo:hi].strip()
    labels = _labels(text, lo, hi, mention.start, cache)
    is_event = mention.kind == "event" and mention.granularity != "decade"
    flags = ["year_from_sentence"] if mention.year_source == "context" else []
    score = confidence(labels, mention.granularity, has_date=mention.date_start is not None)
    link = None
    if is_event and mention.date_start is not None and mention.date_end is not None:
        link = index.link(
            (mention.date_start, mention.date_end),
            mention.granularity,
            event_type=labels.event_type,
            actors=labels.actors,
            groups=labels.elements,
            stated_year=mention.stated_year,
            published=_local_date(published),
        )
    if link is not None:
        score += _LINK_BONUS
        if link.year_conflict:
            flags.append("year_conflict")
            score -= _CONFLICT_PENALTY
    return {
        "article_id": int(article.article_id),
        "published_at": published,
        "title": str(article.title),
        "surface": mention.surface,
        "date_start": mention.date_start,
        "date_end": mention.date_end,
        "granularity": mention.granularity,
        "kind": mention.kind,
        "is_policy_event": bool(is_event and labels.event_type in POLICY_TYPES),
        "event_type": labels.event_type if mention.kind != "duration" else None,
        "actors": ";".join(labels.actors),
        "sentence": sentence,
        "confidence": round(min(1.0, max(0.0, score)), 3),
        "flags": flags,
        "catalogue_id": link.event_id if link else "",
        "event_date": link.event_date if link else None,
        "_start": mention.start,
        "_year_from": mention.context_start,
    }


def _labels(text: str, lo: int, hi: int, offset: int, cache: dict) -> SentenceLabels:
    """Type and actors of the mention's own clause when it names a type, else of the sentence.

    A sentence can report two events ("... supply cut to Japan in 2010, and the WTO ruled
    against China in 2014"); the clause keeps each date with its own verb. Element groups are
    always read from the whole sentence. ``cache`` holds the labels of this article's spans.
    """
    if (lo, hi) not in cache:
        cache[(lo, hi)] = classify_sentence(text[lo:hi])
    sentence = cache[(lo, hi)]
    c_lo, c_hi = clause_at(text, lo, hi, offset)
    if (c_lo, c_hi) == (lo, hi) or sentence.event_type is None:
        return sentence
    key = ("clause", c_lo, c_hi)
    if key not in cache:
        event_type, hits = type_in(text[c_lo:c_hi])
        cache[key] = (event_type, hits, actors_in(text[c_lo:c_hi]) if event_type else ())
    event_type, hits, actors = cache[key]
    if event_type is None:
        return sentence
    return SentenceLabels(event_type, hits, actors or sentence.actors, sentence.elements)


def _flag_context_years(rows: list[dict[str, Any]], mentions: list[TemporalMention]) -> None:
    """A year that dated a ``year_conflict`` mention is itself in conflict: flag and unlink it."""
    by_start = {row["_start"]: row for row in rows}
    for row in rows:
        if "year_conflict" in row["flags"] and row["_year_from"] in by_start:
            source = by_start[row["_year_from"]]
            if "year_conflict" not in source["flags"]:
                source["flags"].append("year_conflict")
            if source["catalogue_id"]:
                source["catalogue_id"], source["event_date"] = "", None
                source["confidence"] = round(max(0.0, source["confidence"] - _LINK_BONUS), 3)


def _local_date(stamp: pd.Timestamp) -> date:
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert("Asia/Shanghai")
    return stamp.date()


def _to_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=[*EVENT_COLUMNS, "_start", "_year_from"])
    frame = frame[EVENT_COLUMNS]
    frame["flags"] = frame["flags"].map(lambda f: ";".join(f) if isinstance(f, list) else "")
    for column in ("date_start", "date_end", "event_date"):
        frame[column] = pd.to_datetime(frame[column])
    frame["article_id"] = frame["article_id"].astype("int64")
    frame["is_policy_event"] = frame["is_policy_event"].astype(bool)
    frame["confidence"] = frame["confidence"].astype(float)
    frame["catalogue_id"] = frame["catalogue_id"].fillna("").astype(str)
    return frame.reset_index(drop=True)
