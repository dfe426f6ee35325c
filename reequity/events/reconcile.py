"""Link extracted date mentions to the catalogue event they most likely denote.

Score of a catalogue event ``e`` for a mention ``m`` (each part in [0, 1]):

``0.40 * date + 0.25 * type + 0.20 * actors + 0.15 * elements``

* date: 1 when ``e.date`` lies in ``[m.date_start, m.date_end]``, falling linearly to 0 at a
  tolerance that grows with the granularity (day 3 days, week/part of month 5, month 10,
  quarter 15, half 20, year 30 days; decades are never linked);
* type: 1 same type, 0.5 related types (export control vs relaxation, agreement vs meeting,
  investment vs milestone/industrial policy), 0.3 when one side is a market report, else 0;
  a link needs a type score above 0;
* actors: Jaccard overlap of the actor sets;
* elements: 1 when the element groups overlap, 0.6 when one side is generic
  ``critical_minerals``, 0.5 when a side names none; disjoint groups (graphite vs rare earths)
  rule the event out.
* quarters, halves and years link only to an event of the same type whose element groups
  overlap the mention's (a year holds too many events to link on the date alone);
* every link needs a shared actor or a shared element group; a type read from generic words
  only ("deal", 协议, "plant") needs the same type, a shared actor and a shared element group.

The best event scoring at least :data:`THRESHOLD` is linked. When nothing matches a mention
whose year was stated in the text (in the expression or its sentence) and lies before the
publication year, the same month/day is tried in the publication year and the year before;
a same-type match there is linked and flagged ``year_conflict`` (machine summaries sometimes
state a wrong year: the seed says 2023 for the 2025 controls). The literal dates are kept.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from reequity.events.catalogue import split_list

__all__ = ["THRESHOLD", "CatalogueIndex", "Link", "related_types"]

THRESHOLD = 0.55
_TOLERANCE = {"day": 3, "week": 5, "part_of_month": 5, "month": 10, "quarter": 15, "half": 20,
              "year": 30}  # fmt: skip
# Coarse mentions ("2010", "the first half of the year") only link on the same type and an
# explicit element overlap: a whole year holds too many events to link on date alone.
_COARSE = frozenset({"quarter", "half", "year"})
_RELATED = {
    frozenset({"export_control", "export_control_relaxation"}),
    frozenset({"trade_agreement", "diplomatic_meeting"}),
    frozenset({"supply_chain_investment", "production_milestone"}),
    frozenset({"supply_chain_investment", "industrial_policy"}),
    frozenset({"trade_agreement", "supply_chain_investment"}),
    frozenset({"tariff", "market_shock"}),
    frozenset({"trade_dispute", "export_control"}),
}
_REE = {"La", "Ce", "Pr", "Nd", "Pm", "Sm", "Eu", "Gd", "Tb", "Dy", "Ho", "Er", "Tm", "Yb", "Lu",
        "Sc", "Y", "NdPr", "rare_earths", "magnets"}  # fmt: skip
_GROUPS = {"Ga": "gallium", "Ge": "germanium", "Sb": "antimony", "graphite": "graphite",
           "W": "tungsten", "Te": "tellurium", "Bi": "bismuth", "Mo": "molybdenum", "In": "indium",
           "Li": "lithium", "Co": "cobalt", "critical_minerals": "critical_minerals"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Event:
    event_id: str
    day: date
    event_type: str
    actors: frozenset[str]
    groups: frozenset[str]


@dataclass(frozen=True, slots=True)
class Link:
    """The catalogue event linked to a mention."""

    event_id: str
    event_date: date
    score: float
    year_conflict: bool


def element_groups(elements: tuple[str, ...] | list[str]) -> frozenset[str]:
    """Map catalogue element codes (Dy, Ga, graphite, rare_earths ...) to element groups."""
    groups = {"rare_earths" if e in _REE else _GROUPS.get(e, "") for e in elements}
    return frozenset(groups - {""})


class CatalogueIndex:
    """A catalogue prepared for fast matching (events sorted by date)."""

    def __init__(self, catalogue: pd.DataFrame) -> None:
        self.events = [
            _Event(
                str(row.event_id),
                pd.Timestamp(row.date).date(),
                str(row.event_type),
                frozenset(split_list(row.actors)),
                element_groups(split_list(row.elements)),
            )
            for row in catalogue.itertuples(index=False)
        ]
        self.events.sort(key=lambda e: e.day)
        self._days = [e.day for e in self.events]

    def link(
        self,
        span: tuple[date, date],
        granularity: str,
        *,
        event_type: str | None,
        actors: tuple[str, ...],
        groups: frozenset[str],
        stated_year: int | None,
        published: date,
        generic: bool = False,
    ) -> Link | None:
        """Best catalogue event for a mention, trying a corrected year when needed."""
        if event_type is None or granularity not in _TOLERANCE:
            return None
        labels = (event_type, frozenset(actors), groups, generic)
        found = self._best(span, granularity, *labels, same_type_only=False)
        if found is not None:
            return Link(found[0].event_id, found[0].day, found[1], False)
        if stated_year is None or stated_year >= published.year or granularity == "year":
            return None
        for year in (published.year, published.year - 1):
            shifted = _shift(span, year)
            if shifted is None or shifted[0] > published or year == stated_year:
                continue
            found = self._best(shifted, granularity, *labels, same_type_only=True)
            if found is not None:
                return Link(found[0].event_id, found[0].day, found[1], True)
        return None

    def _best(self, span, granularity, event_type, actors, groups, generic, *, same_type_only):  # type: ignore[no-untyped-def]
        tolerance = _TOLERANCE[granularity]
        best, best_score = None, THRESHOLD
        lo = bisect_left(self._days, span[0] - timedelta(days=tolerance))
        hi = bisect_right(self._days, span[1] + timedelta(days=tolerance))
        for event in self.events[lo:hi]:  # only events within the date tolerance
            gap = _gap(event.day, span)
            if gap > tolerance:
                continue
            type_score = _type_score(event_type, event.event_type)
            element_score = _element_score(groups, event.groups)
            if type_score == 0 or element_score is None:
                continue
            if (same_type_only or granularity in _COARSE) and type_score < 1:
                continue
            if granularity in _COARSE and element_score < 1:
                continue
            shared_actors, shared_groups = actors & event.actors, groups & event.groups
            if not shared_actors and not shared_groups:
                continue  # a date and a type alone do not make the same event
            if generic and (type_score < 1 or not shared_actors or not shared_groups):
                continue  # a generic word ("deal") links only on a full match
            score = (0.40 * (1 - gap / (tolerance + 1)) + 0.25 * type_score
                     + 0.20 * _jaccard(actors, event.actors) + 0.15 * element_score)  # fmt: skip
            if score > best_score + 1e-9:
                best, best_score = event, score
        return None if best is None else (best, round(best_score, 3))


def related_types(a: str, b: str) -> bool:
    """Whether two event types are related (export control vs relaxation, ...)."""
    return frozenset({a, b}) in _RELATED


def _gap(day: date, span: tuple[date, date]) -> int:
    if span[0] <= day <= span[1]:
        return 0
    return min(abs((day - span[0]).days), abs((day - span[1]).days))


def _type_score(mention: str, event: str) -> float:
    if mention == event:
        return 1.0
    if frozenset({mention, event}) in _RELATED:
        return 0.5
    return 0.3 if "market_report" in (mention, event) else 0.0


def _element_score(mention: frozenset[str], event: frozenset[str]) -> float | None:
    if not mention or not event:
        return 0.5
    if mention & event:
        return 1.0
    if "critical_minerals" in mention or "critical_minerals" in event:
        return 0.6
    return None  # disjoint element groups: not the same event


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def _shift(span: tuple[date, date], year: int) -> tuple[date, date] | None:
    """Move ``span`` to start in ``year`` (month-end kept as month-end)."""
    start, end = span
    delta = year - start.year
    try:
        new_start = start.replace(year=year)
        if end.month == 2 and end.day >= 28:
            end_day = 29 if _leap(end.year + delta) else 28
            return new_start, end.replace(year=end.year + delta, day=end_day)
        return new_start, end.replace(year=end.year + delta)
    except ValueError:
        return None


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
