"""Words of market copy that date by reference (issue 10, eleventh and twelfth held-out sets).

* A trading session or a clock time ("in early trade", "by 0052 GMT", 早盘, 尾盘) and 目前
  ("now") date the day their sentence is about: the sentence's own day when it names one
  ("fell on Thursday in early trade"), else the publication day.
* 届时 / 到时 ("by then") takes the span of the date just named ("2026年底…，届时…"); a bare
  同期 ("占同期进口总量的75%") the span of the period just named ("今年1—9月").

Both kinds are settled in :func:`reequity.events.dates.resolve_with_sentences` from the
mentions before them; they date a state of things or a comparison, never an act, so their
kind is ``other``.
"""

from __future__ import annotations

import re
from datetime import date

from reequity.events._date_handlers import Cand

__all__ = ["CLOCK", "ECHO", "SESSION", "h_echo", "h_session", "settle"]

ECHO_REACH = 200  # characters between an echo and the date it refers to

# "in early trade", "late trading", "morning deals"; a clock time with a zone ("0052 GMT",
# "3:30 p.m. HKT"); 早盘 / 午盘 / 尾盘 / 盘初 / 早市, and 目前 (a night session, 夜盘, is the
# evening after a day and stays undated)
SESSION = (
    r"\b(?i:early|late|morning|afternoon|midday|mid-morning|mid-afternoon)\s+(?i:trade|trading|deals)\b"
    r"(?!\s+(?i:partners?|houses?|firms?|companies|desks?|volumes?\s+of))"
    r"|早盘|午盘|尾盘|盘初|早市|目前"
)
CLOCK = (
    r"\b(?:(?:[01][0-9]|2[0-3])[0-5][0-9]|[0-2]?[0-9][:.][0-5][0-9]\s*(?i:[ap]\.?m\.?)?)\s+"
    r"(?:GMT|UTC|BST|HKT|SGT|AEST|AEDT)\b"
)
# 届时 / 到时候 ("by then"); a bare 同期 (not 去年同期 / 2010年同期, which name their year)
ECHO = r"届时|到时候?|(?<![年去上前同比])同期"


def h_session(m: re.Match[str], pub: date) -> Cand | None:
    """A session word or clock time: the publication day until its sentence is read."""
    return Cand(m.start(), m.end(), "day", date_start=pub, date_end=pub,
                year_source="relative", session=True)  # fmt: skip


def h_echo(m: re.Match[str], pub: date) -> Cand | None:
    """届时 / a bare 同期: no date of its own until the mention before it is known."""
    return Cand(m.start(), m.end(), "day", date_start=pub, date_end=pub, year_source="relative",
                echo=True, period=m.group().endswith("期"))  # fmt: skip


def settle(cand: Cand, earlier: list, s_lo: int, period: tuple | None, pub: date) -> bool:
    """Date a session word or an echo from the mentions before it (``earlier``, in order;
    ``s_lo`` starts its sentence, ``period`` is the last period named: offset, first and last
    day, granularity). False when an echo has nothing to refer to (it is then no date)."""
    if cand.session:
        days = [m.date_start for m in earlier if m.start >= s_lo and m.granularity == "day"
                and m.date_start is not None and m.date_start <= pub]  # fmt: skip
        cand.date_start = cand.date_end = days[-1] if days else pub
        return True
    if cand.period:  # a bare 同期: the period, not a day named in between
        if period is None or cand.start - period[0] > ECHO_REACH:
            return False
        cand.date_start, cand.date_end, cand.granularity = period[1], period[2], period[3]
        return True
    named = [m for m in earlier if m.date_start is not None and m.kind != "duration"]
    if not named or cand.start - named[-1].end > ECHO_REACH:
        return False
    cand.date_start, cand.date_end = named[-1].date_start, named[-1].date_end
    cand.granularity = named[-1].granularity
    return True
