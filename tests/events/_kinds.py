"""Helpers of the failure-kind tests (issue 10): hand-written sentences through the resolver
or the whole extractor, keyed by the surface of each date expression."""

from __future__ import annotations

from reequity.events.dates import resolve_dates
from reequity.events.extract import extract_events


def by_surface(text: str, pub: str) -> dict:
    """The resolver's mentions of ``text`` published at ``pub``, keyed by surface."""
    return {m.surface: m for m in resolve_dates(text, pub)}


def rows(body: str, pub: str, title: str = "稀土") -> dict:
    """The extractor's rows for one article (``title``, a dateline at ``pub``, ``body``),
    keyed by surface."""
    frame = extract_events(f"{title}\nWire· {pub}\n{body}\n")
    return {r["surface"]: r for r in frame.to_dict("records")}
