"""The extraction pipeline: articles -> temporal mentions, labelled and reconciled.

The rows are *mentions* (one per date expression, :data:`MENTION_COLUMNS`); turning them into
study *events* (one per dated policy event, ``event_id, date, ...``) is
:func:`reequity.events.mentions.mentions_to_events`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date
from os import PathLike
from typing import Any

import pandas as pd

from reequity.errors import ArticleFormatError
from reequity.events._market_cause import market_cause
from reequity.events._text import clause_at, sentence_at
from reequity.events.articles import COLUMNS as ARTICLE_COLUMNS
from reequity.events.articles import read_articles
from reequity.events.catalogue import load_catalogue
from reequity.events.classify import (
    FIRM_ACTORS,
    OUT_OF_SCOPE,
    POLICY_TYPES,
    SentenceLabels,
    TextLabels,
    confidence,
)
from reequity.events.dates import TemporalMention, resolve_with_sentences
from reequity.events.reconcile import CatalogueIndex

__all__ = ["EVENT_COLUMNS", "MENTION_COLUMNS", "extract_events", "extract_mentions"]

MENTION_COLUMNS = [
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
EVENT_COLUMNS = MENTION_COLUMNS  # the DESIGN's name for the mention columns (kept for callers)
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
    stamps = pd.to_datetime(frame["published_at"])
    if stamps.dt.tz is not None:  # one vectorised conversion instead of one per article
        stamps = stamps.dt.tz_convert("Asia/Shanghai")
    for article, local in zip(frame.itertuples(index=False), stamps.dt.date, strict=True):
        rows.extend(_article_rows(article, index, local))
    return _to_frame(rows)


def _article_rows(article: Any, index: CatalogueIndex, local: date) -> list[dict[str, Any]]:
    title = str(article.title)
    text = f"{title}\n{article.body}"
    published = pd.Timestamp(article.published_at)
    mentions, spans, matched = resolve_with_sentences(text, local)
    # keywords matter only in the title and in sentences that hold a date: scan just those
    scanned = [(0, len(title))] + [sentence_at(spans, m.start) for m in mentions]
    lead = next((span for span in spans if span[0] > len(title)), None)
    if lead is not None:  # the lead's act, when undated, takes the release day (see _lead_act)
        scanned.append(lead)
    if _THAT_DOCUMENT.search(text):  # "这份…文件": the sentence before names the document
        scanned += [spans[i - 1] for i in {bisect_left(spans, span) for span in scanned[1:]}
                    if i > 0 and _THAT_DOCUMENT.search(text, *spans[i])]  # fmt: skip
    context = _Context(text, TextLabels(matched, scanned), spans, mentions)
    context.lead = lead
    rows = [_row(article, m, context, published, local, index) for m in mentions]
    _flag_context_years(rows, mentions)
    return rows


class _Context:
    """One article: original text, keyword hits of its Simplified text, sentences, mentions."""

    def __init__(self, text: str, lexicon: TextLabels, spans: list[tuple[int, int]],
                 mentions: list[TemporalMention]) -> None:  # fmt: skip
        self.text, self.lexicon, self.spans = text, lexicon, spans
        # actors/elements of the scanned parts (title, dated sentences) when a sentence has none
        self.article = lexicon.labels(0, len(text))
        # clauses split at commas, but not at the comma inside "October 9, 2025"
        self.clauses = text
        for m in mentions:
            if "," in m.surface or "，" in m.surface:
                masked = m.surface.replace(",", " ").replace("，", " ")
                self.clauses = self.clauses[: m.start] + masked + self.clauses[m.end :]
        self.dated: dict[tuple[int, int], int] = {}  # sentence -> number of dated mentions
        # a dateline dates the article, not a clause's verb: it never claims a clause
        own = [m for m in mentions if m.date_start is not None and "dateline" not in m.flags]
        self.starts = sorted(m.start for m in own)
        self.own = own
        for m in own:
            key = sentence_at(spans, m.start)
            self.dated[key] = self.dated.get(key, 0) + 1

    def has_date(self, lo: int, hi: int) -> bool:
        """Whether a dated mention starts in ``[lo, hi)``."""
        i = bisect_left(self.starts, lo)
        return i < len(self.starts) and self.starts[i] < hi


def _row(article: Any, mention: TemporalMention, context: _Context, published: pd.Timestamp,
         local: date, index: CatalogueIndex) -> dict[str, Any]:  # fmt: skip
    lo, hi = sentence_at(context.spans, mention.start)
    sentence = context.text[lo:hi].strip()
    labels = _labels(context, lo, hi, mention.start)
    labels = _with_article_names(_own_export_halt(labels, context.text[lo:hi]), context.article)
    is_event = mention.kind == "event" and mention.granularity != "decade"
    flags = ["year_from_sentence"] if mention.year_source == "context" else []
    flags.extend(mention.flags)
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
            published=local,
            generic=labels.generic,
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
        # a year or half-year alone does not date a policy event ("approved in 2021",
        # "2024年出台", "the quota for the second half"); it can still name a catalogue event
        # through its link, which gives the day
        # ... nor does a sentence that names only commodities outside the study's scope
        "is_policy_event": bool(
            is_event
            and mention.granularity not in ("year", "half")
            and labels.event_type in POLICY_TYPES
            and not (labels.elements and labels.elements <= OUT_OF_SCOPE)
            and not _clause_out_of_scope(context, lo, hi, mention.start)
        ),
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


_OWN_HALT = re.compile(
    r"(?:暂停|暫停|停止|中止)[^。；，]{0,4}?(?:出口|供应|供應|发货|發貨)"
    r"|(?i:\b(?:halt|stop|suspend|pause)(?:s|ed|ped|ing)?\s+(?:its|their)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:shipments|exports|sales|supplies)\b)"
)


def _own_export_halt(labels: SentenceLabels, sentence: str) -> SentenceLabels:
    """A halt of exports whose first actor (its subject, as a rule) is a company is that
    company's own sales decision, not an export control (ANNOTATION.md): "MP早在4月就暂停对华
    出口", "Lynas halted its shipments to China"; "Malaysia ordered Lynas to halt exports" and a
    ban that a company only describes stay export controls."""
    if labels.event_type != "export_control" or not labels.actors:
        return labels
    if labels.actors[0] not in FIRM_ACTORS or not _OWN_HALT.search(sentence):
        return labels
    return SentenceLabels("firm_operations", labels.type_hits, labels.actors, labels.elements,
                          labels.generic)  # fmt: skip


def _clause_out_of_scope(context: _Context, lo: int, hi: int, offset: int) -> bool:
    """Whether the date's own clause names only goods outside the study ("..., a day after
    Washington's crackdown on chips"), whatever the rest of its sentence names."""
    c_lo, c_hi = clause_at(context.clauses, lo, hi, offset)
    if (c_lo, c_hi) == (lo, hi):
        return False
    elements = context.lexicon.labels(c_lo, c_hi).elements
    return bool(elements) and elements <= OUT_OF_SCOPE


def _with_article_names(labels: SentenceLabels, article: SentenceLabels) -> SentenceLabels:
    """A sentence that names no actor or element ("The controls were widened on October 9")
    speaks of the article's; a type read from generic words keeps only its own names."""
    if labels.event_type is None or labels.generic or (labels.actors and labels.elements):
        return labels
    # out-of-scope names elsewhere in the article (a chipmaker) do not put this sentence out of scope
    borrowed = article.elements - OUT_OF_SCOPE
    return SentenceLabels(labels.event_type, labels.type_hits, labels.actors or article.actors,
                          labels.elements or borrowed, labels.generic)  # fmt: skip


def _labels(context: _Context, lo: int, hi: int, offset: int) -> SentenceLabels:
    """Type and actors of the mention's own clause when it names a type, else of the sentence.

    A sentence can report two events ("... supply cut to Japan in 2010, and the WTO ruled
    against China in 2014"); the clause keeps each date with its own verb. A clause without
    a type keyword borrows the sentence's type when the sentence holds no other dated mention,
    else the type of the next clause that names one (a type before the date belongs to an
    earlier date's verb). Element groups are always read
    from the whole sentence; keywords are matched on the Simplified-script text.
    """
    sentence = context.lexicon.labels(lo, hi)
    if sentence.event_type is None and _DOCUMENT.search(context.text, lo, hi):
        sentence = _title_labels(context, sentence)
    if sentence.event_type is None and _THAT_DOCUMENT.search(context.text, lo, hi):
        sentence = _previous_sentence_labels(context, lo, sentence)
    c_lo, c_hi = clause_at(context.clauses, lo, hi, offset)
    moved = market_cause(context, lo, hi, (c_lo, c_hi), offset) if sentence.event_type else None
    if moved is not None:
        return moved
    after = _AFTER.search(context.text, offset, c_hi) if sentence.event_type else None
    if after is not None:
        # "Shares rose 5% on Monday after China tightened controls": the date's own verb is
        # the market's move; the policy after "after" is its cause, dated on its own
        before = context.lexicon.labels(c_lo, after.start())
        if before.event_type is not None and before.event_type not in POLICY_TYPES:
            return before
    cause = _cause_labels(context, c_lo, c_hi, offset) if sentence.event_type else None
    if cause is not None:
        return cause
    # (a weak word alone - "the plant will make ..." - names no act of the sentence's own)
    untyped = sentence.event_type is None or sentence.generic
    if untyped and (lead := _lead_act(context, lo, offset)) is not None:
        return lead
    if (c_lo, c_hi) == (lo, hi) or sentence.event_type is None:
        return sentence
    clause = context.lexicon.labels(c_lo, c_hi)
    if clause.generic and not sentence.generic and clause.event_type != sentence.event_type:
        # a weak word in the date's clause ("Under an agreement in March, ... deferred
        # interest") yields to what the sentence's strong keywords say it is about
        return sentence
    if clause.event_type is None:
        # "..., the ministry said on Friday": the saying dates what the clauses before it say
        qualifier = (
            _QUALIFIER.match(context.text, c_lo, c_hi)
            or _SAID.match(context.text, c_lo, c_hi)
            or _IN_FORCE.search(context.text, c_lo, c_hi)
        )
        alone = context.dated.get((lo, hi), 0) <= 1
        # "二○一○年九月七日，渔船碰撞，…，中国政府随后停止出口": a date standing alone before
        # a narrative dates its first happening; an act said to come later (随后) is undated
        bare = not _WORD.search(context.text, c_lo, c_hi)
        if alone and bare and _later_act_only(context, c_hi, hi):
            return SentenceLabels(None, 0, sentence.actors, sentence.elements)
        if (alone and not qualifier) or _DOCUMENT.search(context.text, c_lo, c_hi):
            return sentence  # alone in its sentence, or dating a document ("Monday notice")
        if qualifier:  # "..., effective from early November", "，自10月1日起施行"
            found = _previous_typed_clause(context, lo, c_lo)
            if found is None and alone:
                return sentence
        else:
            found = _next_typed_clause(context, c_hi, hi)
        if found is None:
            found = _previous_undated_clause(context, lo, c_lo)
        if found is None and (_DOCUMENT.search(context.text, lo, hi)
                              or _THAT_DOCUMENT.search(context.text, lo, hi)):  # fmt: skip
            return sentence  # the provisions of a document ("第3项自公布日起实施") take its type
        if found is None:
            return SentenceLabels(None, 0, sentence.actors, sentence.elements)
        clause = found
    return SentenceLabels(clause.event_type, clause.type_hits, clause.actors or sentence.actors,
                          sentence.elements, clause.generic)  # fmt: skip


def _lead_act(context: _Context, lo: int, offset: int) -> SentenceLabels | None:
    """The lead sentence's act when a later untyped sentence gives only the day of the release
    that reports it ("X has broken ground on its plant. ..., X said in a news release on
    Friday"): the release day dates an act the text gives no date of its own."""
    lead = getattr(context, "lead", None)
    if lead is None or lead[0] >= lo or context.has_date(*lead):
        return None
    if not (
        _RELEASE_DAY.search(context.text, max(lo, offset - 60), offset)
        or _RELEASE_DAY_ZH.match(context.text, offset, offset + 24)
    ):
        return None
    labels = context.lexicon.labels(*lead)
    return labels if labels.event_type in POLICY_TYPES and not labels.generic else None


# "公司周五在新闻稿中表示", "該公司週五在聲明中稱": a release day (matched from the date on)
_RELEASE_DAY_ZH = re.compile(
    r"[^，。；,;]{0,6}?(?:在|于|於)(?:新闻稿|新聞稿|声明|聲明|公告)中?(?:表示|称|稱|指出)"
)
# "said in a news release on", "announced in a statement on", "said on": a release day
_RELEASE_DAY = re.compile(
    r"(?i:\b(?:said|says|announced|stated)(?:\s+in\s+(?:a|an|its)\s+(?:news\s+|press\s+)?"
    r"(?:release|statement|filing|announcement))?(?:\s+(?:on|late|early))?\s*$)"
)


def _cause_labels(context: _Context, c_lo: int, c_hi: int, offset: int) -> SentenceLabels | None:
    """The other half of "shares rose on Friday following Beijing's ban on Wednesday": a date
    inside the cause, after a market move, takes the cause's type (None if this is not that)."""
    last = None
    for last in _AFTER.finditer(context.text, c_lo, offset):  # noqa: B007 - keep the nearest
        pass
    if last is None:
        return None
    move = context.lexicon.labels(c_lo, last.start())
    if move.event_type is None or move.event_type in POLICY_TYPES:
        return None
    if _SECOND_MOVE.search(context.text, last.end(), offset):
        return move  # "rose on Monday after the visit and by another 10% on Tuesday"
    cause = context.lexicon.labels(last.end(), c_hi)
    return cause if cause.event_type in POLICY_TYPES else None


# A sentence that only dates a document ("第46号公告于2024年12月3日发布", "the notice is dated
# ...") takes the type the title gives that document.
_DOCUMENT = re.compile(r"公告|通知|通告|(?i:\b(?:announcement|notice|circular|decree)\b)")
# "这份上月30日签发的文件，前日公开", "The notice was signed on June 30": a sentence that dates a
# document named by the sentence before takes that sentence's type
_THAT_DOCUMENT = re.compile(
    r"(?:[这這该該此](?:份|个|個|项|項|一)?[^。！？；，,\n]{0,16}?|[该該此])(?:文件|通知|公告|通告)"
    r"|(?i:\b(?:the|this)\s+(?:notice|document|circular|announcement|decision)\b)"
)


def _previous_sentence_labels(context: _Context, lo: int, sentence: SentenceLabels
                              ) -> SentenceLabels:  # fmt: skip
    """The labels of the sentence before ``lo`` when it names a type (else ``sentence``)."""
    i = bisect_left(context.spans, (lo, lo)) - 1  # the sentence ending before lo
    if i < 0:
        return sentence
    p_lo, p_hi = context.spans[i]
    if p_hi > lo:
        return sentence
    before = context.lexicon.labels(p_lo, p_hi)
    if before.event_type is None:
        return sentence
    return SentenceLabels(before.event_type, before.type_hits, sentence.actors or before.actors,
                          sentence.elements or before.elements, before.generic)  # fmt: skip


def _title_labels(context: _Context, sentence: SentenceLabels) -> SentenceLabels:
    end = context.text.find("\n")
    title = context.lexicon.labels(0, end if end >= 0 else len(context.text))
    if title.event_type is None:
        return sentence
    return SentenceLabels(title.event_type, title.type_hits, sentence.actors or title.actors,
                          sentence.elements or title.elements, title.generic)  # fmt: skip


# A clause that only qualifies the one before it ("..., effective from early November",
# "..., valid until ...", "，自即日起"): its date belongs to the earlier clause's verb.
_QUALIFIER = re.compile(
    r"\s*(?:(?i:effective|valid|starting|beginning|in\s+force|with\s+effect)\b|自(?!然|治|由|主|己))"
)
# "..., and it entered into force on May 23", "，并于12月1日起正式施行": the date puts the earlier
# clause's act in force
_IN_FORCE = re.compile(
    r"(?i:\b(?:entered|enters|came|comes|went|goes)\s+into\s+(?:force|effect)\b|\b(?:took|takes)\s+effect\b)"
    r"|生效|施行|正式实施"
)
# a trailing reporting clause: "..., the commerce ministry said on Friday", "..., it said"
_SAID = re.compile(
    r"(?i:[,，]?\s*(?:the\s+|a\s+|its\s+)?(?:[\w'’.-]+\s+){0,4}?(?:said|says|announced|stated)\b"
    r"(?:\s+(?:in|on|late|early)\b[^,;.]{0,40})?\s*[.。]?\s*$)"
)
# inside a clause: "... on Monday after/following/amid <the cause>"
_AFTER = re.compile(r"(?i:\s(?:after|following|amid|in\s+response\s+to)\s)")
# "... after the visit and by another 10% on Tuesday": a second market move after the cause
_SECOND_MOVE = re.compile(
    r"(?i:\band\s+(?:by\s+)?(?:another|a\s+further|then)\b"
    r"|\band\s+(?:rose|fell|jumped|climbed|gained|slid|dropped|surged|slumped)\b)"
)
# A clause giving the background or cause ("following a trade agreement", "amid ...",
# "在…之后"): its type never dates an earlier date.
_BACKGROUND = re.compile(
    r"\s*(?:(?i:following|after|amid|in\s+response\s+to|due\s+to|because\s+of|as\s+a\s+result)\b"
    r"|继|随着|由于|因为|在[^，。；]{0,20}之?后)"
)


_WORD = re.compile(
    r"[^\W\d_](?<![年月日号〇○零一二三四五六七八九十廿卅])"
)  # a letter or ideograph that is no date unit
_LATER = re.compile(
    r"\s*[^，。；,;]{0,10}?(?:随后|隨後|其后|其後|此后|此後|后来|後來|(?i:\b(?:later|subsequently|afterwards)\b))"
)


def _later_act_only(context: _Context, start: int, hi: int) -> bool:
    """Whether the first later clause that names a type says its act came later (随后)."""
    while start < hi:
        c_lo, c_hi = clause_at(context.clauses, start + 1, hi, start + 1)
        if context.lexicon.labels(c_lo, c_hi).event_type is not None:
            return bool(_LATER.match(context.text, c_lo, c_hi))
        start = c_hi
    return False


def _next_typed_clause(context: _Context, start: int, hi: int) -> SentenceLabels | None:
    """The labels of the first later clause of the sentence that names a type ("即日起，暂停
    实施 ..."): a leading date belongs to the verb that follows it, not to an earlier one.
    Background clauses ("following a trade agreement") are passed over."""
    while start < hi:
        c_lo, c_hi = clause_at(context.clauses, start + 1, hi, start + 1)
        labels = context.lexicon.labels(c_lo, c_hi)
        if labels.event_type is not None and not _BACKGROUND.match(context.text, c_lo, c_hi):
            return labels
        start = c_hi
    return None


def _previous_typed_clause(context: _Context, lo: int, c_lo: int) -> SentenceLabels | None:
    """The labels of the nearest earlier clause of the sentence that names a type."""
    end = c_lo - 1
    while end > lo:
        p_lo, p_hi = clause_at(context.clauses, lo, end, end - 1)
        labels = context.lexicon.labels(p_lo, p_hi)
        if labels.event_type is not None:
            return labels
        end = p_lo - 1
    return None


def _previous_undated_clause(context: _Context, lo: int, c_lo: int) -> SentenceLabels | None:
    """The labels of the nearest earlier clause that names a type but holds no date of its own
    ("Earlier restrictions, including those imposed in August 2023 ... and in April 2025"):
    with no later verb, dates take the type of the head noun they qualify."""
    end = c_lo - 1
    while end > lo:
        p_lo, p_hi = clause_at(context.clauses, lo, end, end - 1)
        labels = context.lexicon.labels(p_lo, p_hi)
        if labels.event_type is not None:
            return None if context.has_date(p_lo, p_hi) else labels
        end = p_lo - 1
    return None


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


def _to_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=[*MENTION_COLUMNS, "_start", "_year_from"])
    frame = frame[MENTION_COLUMNS]
    frame["flags"] = frame["flags"].map(lambda f: ";".join(f) if isinstance(f, list) else "")
    for column in ("date_start", "date_end", "event_date"):
        frame[column] = pd.to_datetime(frame[column])
    frame["article_id"] = frame["article_id"].astype("int64")
    frame["is_policy_event"] = frame["is_policy_event"].astype(bool)
    frame["confidence"] = frame["confidence"].astype(float)
    frame["catalogue_id"] = frame["catalogue_id"].fillna("").astype(str)
    return frame.reset_index(drop=True)


extract_mentions = extract_events  # the same pipeline under the name of what it returns
