"""A share move that names its cause dates the cause (issue 10, eleventh and twelfth sets).

Market copy often gives a state act or a supply deal no date of its own and dates only the
market's reaction: "shares jumped on Monday after the miner said it would receive $1.6 billion
from the Department of Commerce", "周三（19日）盘中股价一度上涨约9%，因公司宣布与美国国防部签署
协议". A reader dates the act by that day, as "said on Wednesday it had formed ..." dates the
forming (tests/events/fixtures/ANNOTATION.md). The move's day stays a market report when

* the cause holds a date of its own ("after China tightened controls on Friday"), or
* the article dates a policy act on an earlier day elsewhere (the cause is that act, reported
  again: "rose on Monday after Beijing issued interim measures ... The ministry posted the
  measures last Friday").
"""

from __future__ import annotations

import re
from typing import Any

from reequity.events._text import sentence_at
from reequity.events.classify import POLICY_TYPES, SentenceLabels

__all__ = ["market_cause"]

# the cause inside the date's clause: "... on Monday after / following / in response to ..."
_AFTER = re.compile(r"(?i:\s(?:after|following|in\s+response\s+to|on\s+news\s+that)\s)")
# the cause in the next clause: "，因公司宣布…", "，由于政府宣布…", ", after the company ..."
_NEXT = re.compile(r"\s*[，,]\s*(?:因为?(?!此|而)|由于|(?i:after|following|in\s+response\s+to)\s)")


def market_cause(context: Any, lo: int, hi: int, clause: tuple[int, int], offset: int
                 ) -> SentenceLabels | None:  # fmt: skip
    """The cause's labels when the date at ``offset`` dates a market move whose cause, a
    policy act or deal, has no date of its own (else None).

    ``context`` is the article's extraction context (text, keyword lexicon, dated mentions),
    ``lo``/``hi`` the sentence and ``clause`` the date's clause.
    """
    c_lo, c_hi = clause
    found = _AFTER.search(context.text, offset, c_hi)
    if found is not None:
        cause_lo, cause_hi = found.end(), c_hi
    else:
        found = _NEXT.match(context.text, c_hi, hi)
        if found is None:
            return None
        cause_lo = found.end()
        cause_hi = _clause_end(context.text, cause_lo, hi)
    if context.has_date(offset + 1, found.start()):
        return None  # the cause belongs to the nearest date before it
    move = context.lexicon.labels(c_lo, found.start())
    if move.event_type is None or move.event_type in POLICY_TYPES:
        return None
    cause = context.lexicon.labels(cause_lo, cause_hi)
    if cause.event_type not in POLICY_TYPES or context.has_date(cause_lo, cause_hi):
        return None
    if _dated_elsewhere(context, lo, hi, offset):
        return None
    return SentenceLabels(cause.event_type, cause.type_hits, cause.actors or move.actors,
                          cause.elements or move.elements, cause.generic)  # fmt: skip


def _clause_end(text: str, start: int, hi: int) -> int:
    """The end of the clause starting at ``start`` (the next comma or semicolon, else ``hi``)."""
    found = re.compile(r"[，,；;]").search(text, start, hi)
    return found.start() if found else hi


def _dated_elsewhere(context: Any, lo: int, hi: int, offset: int) -> bool:
    """Whether another sentence dates a policy act on a day before the move's day."""
    day = next((m.date_start for m in context.own if m.start == offset), None)
    if day is None:
        return True
    for m in context.own:
        if lo <= m.start < hi or m.granularity != "day" or m.kind not in ("event", "report"):
            continue
        if m.date_start is None or m.date_start >= day:
            continue
        s_lo, s_hi = sentence_at(context.spans, m.start)
        if context.lexicon.labels(s_lo, s_hi).event_type in POLICY_TYPES:
            return True
    return False
