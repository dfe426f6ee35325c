"""From extracted *mentions* to study *events*, in memory, with a log of every row's fate.

A mention (:data:`reequity.events.extract.MENTION_COLUMNS`) is one date expression in one
article; an event (:data:`EVENTS_COLUMNS`: ``event_id, date, time, timezone, title,
event_type, confounder``) is one dated happening an event study can put at day 0.
:func:`mentions_to_events` turns the first into the second:

1. a mention linked to the catalogue gives that catalogue event (its date, time and zone);
   a link to a catalogue *confounder* is not studied (the confounder is kept as a check);
2. an unlinked mention gives a ``mention_<date>_<type>`` event when it is a policy event
   (``is_policy_event``) of kind ``event`` dated to a single day; an unlinked mention within
   :data:`DUPLICATE_DAYS` days of a catalogue event already used, of the same or a related
   type, is that event told again and is left out;
3. every other row is left out, and the log says why: no date, not an event (a report
   date, a period, a deadline ...), not a policy event, not dated to a day, or a duplicate.

The catalogue's confounders are appended (``confounder=True``) so that a study on extracted
events warns about overlapping windows exactly as a catalogue study does
(:func:`reequity.workflows.select_events` splits them off).
"""

from __future__ import annotations

from os import PathLike

import pandas as pd

from reequity.events.catalogue import load_catalogue
from reequity.events.reconcile import related_types

__all__ = ["DUPLICATE_DAYS", "EVENTS_COLUMNS", "LOG_COLUMNS", "describe_log", "mentions_to_events"]

EVENTS_COLUMNS = ["event_id", "date", "time", "timezone", "title", "event_type", "confounder"]
LOG_COLUMNS = ["row", "article_id", "surface", "used", "event_id", "reason"]
DEFAULT_TZ = "Asia/Shanghai"
DUPLICATE_DAYS = 3
_TRUE = {"true", "1", "yes"}


def mentions_to_events(
    mentions: pd.DataFrame,
    catalogue: pd.DataFrame | str | PathLike[str] | None = None,
    *,
    confounders: bool = True,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Study events from extracted mentions, and the log of which rows were used and why.

    Parameters
    ----------
    mentions : DataFrame
        Output of :func:`reequity.extract_events` (or the same columns read from its CSV;
        ``date_start``/``event_date`` as datetimes, ``is_policy_event`` as bool or text).
    catalogue : DataFrame, str or PathLike, optional
        The catalogue the mentions were linked to (default: the shipped one).
    confounders : bool, default True
        Append the catalogue's confounders (``confounder=True``) for the study's checks.

    Returns
    -------
    (events, log) : tuple of DataFrame
        ``events`` has the columns ``event_id, date, time, timezone, title, event_type,
        confounder``, one row per event, sorted by date. ``log`` has one row per mention:
        ``row`` (its position in ``mentions``), ``article_id``, ``surface``, ``used``,
        ``event_id`` (the event it gave or duplicates, else "") and ``reason``.

    Examples
    --------
    >>> import reequity as rq
    >>> dump = "T\\nReuters· 2025-03-05 10:00\\n3月3日，商务部宣布对钨实施出口管制。\\n"
    >>> events, log = mentions_to_events(rq.extract_events(dump), confounders=False)
    >>> events["event_id"].tolist(), log["reason"].tolist()
    (['mention_2025_03_03_export_control'], ['policy event mention dated to a day'])
    """
    if catalogue is None or not isinstance(catalogue, pd.DataFrame):
        catalogue = load_catalogue(catalogue)
    # plain dicts: one pandas .loc/.at lookup per linked mention cost more than the rest
    known = {str(r["event_id"]): r for r in catalogue.to_dict("records")}
    events: dict[str, dict] = {}
    log: list[dict] = []
    pending: list[tuple[int, dict]] = []
    for position, record in enumerate(mentions.to_dict("records")):
        linked = str(record.get("catalogue_id", "") or "")
        if linked and linked != "nan" and pd.notna(record.get("event_date")):
            log.append(_use_linked(position, record, linked, known, events))
        else:
            pending.append((position, record))
    for position, record in pending:  # after the links, so that duplicates can be seen
        log.append(_use_unlinked(position, record, events, known))
    frame = pd.DataFrame(list(events.values()), columns=EVENTS_COLUMNS)
    if confounders and "confounder" in catalogue:
        extra = catalogue[catalogue["confounder"].astype(bool)]
        extra = extra[~extra["event_id"].isin(frame["event_id"])]
        frame = pd.concat([frame, extra[EVENTS_COLUMNS]], ignore_index=True)
    frame["confounder"] = frame["confounder"].astype(bool)
    frame["date"] = pd.to_datetime(frame["date"])
    frame = frame.sort_values(["date", "event_id"], kind="stable").reset_index(drop=True)
    return frame, pd.DataFrame(log, columns=LOG_COLUMNS).sort_values("row").reset_index(drop=True)


def describe_log(log: pd.DataFrame) -> str:
    """One line: how many rows were used and why the others were left out.

    >>> describe_log(pd.DataFrame({"used": [True, False, False, False],
    ...                            "reason": ["x", "no date", "no date", "not an event (kind report)"]}))
    'used 1 of 4 extracted rows; left out: 2 no date, 1 not an event'
    """
    left = log.loc[~log["used"], "reason"].str.replace(r" \(.*\)$", "", regex=True)
    counts = left.value_counts()
    parts = [f"{n} {reason}" for reason, n in counts.items()]
    head = f"used {int(log['used'].sum())} of {len(log)} extracted rows"
    return head + ("; left out: " + ", ".join(parts) if parts else "")


def _entry(position: int, record: dict, used: bool, event_id: str, reason: str) -> dict:
    return {"row": position, "article_id": record.get("article_id"),
            "surface": record.get("surface", ""), "used": used, "event_id": event_id,
            "reason": reason}  # fmt: skip


def _use_linked(position: int, record: dict, event_id: str, known: dict[str, dict],
                events: dict) -> dict:  # fmt: skip
    if event_id in known and bool(known[event_id]["confounder"]):
        return _entry(position, record, False, event_id,
                      "links a catalogue confounder (kept as a confounder check)")  # fmt: skip
    if event_id in events:
        return _entry(position, record, False, event_id, "duplicate of catalogue event")
    if event_id in known:
        row = known[event_id]
        events[event_id] = {"event_id": event_id, "date": pd.Timestamp(row["date"]),
                            "time": row["time"], "timezone": row["timezone"] or DEFAULT_TZ,
                            "title": row["title"], "event_type": row["event_type"],
                            "confounder": False}  # fmt: skip
    else:  # linked against another catalogue: keep what the mention says
        events[event_id] = {"event_id": event_id, "date": pd.Timestamp(record["event_date"]),
                            "time": "", "timezone": DEFAULT_TZ, "title": "",
                            "event_type": str(record.get("event_type", "") or ""),
                            "confounder": False}  # fmt: skip
    return _entry(position, record, True, event_id, "linked catalogue event")


def _use_unlinked(position: int, record: dict, events: dict, known: dict[str, dict]) -> dict:
    start = record.get("date_start")
    if start is None or pd.isna(start):
        return _entry(position, record, False, "", "no date")
    kind = str(record.get("kind", "event") or "event")
    if kind != "event":
        return _entry(position, record, False, "", f"not an event (kind {kind})")
    event_type = str(record.get("event_type", "") or "")
    if event_type == "nan":
        event_type = ""
    if str(record.get("is_policy_event", "True")).lower() not in _TRUE:
        return _entry(position, record, False, "",
                      f"not a policy event (type {event_type or 'none'})")  # fmt: skip
    granularity = str(record.get("granularity", "day") or "day")
    if granularity != "day":
        return _entry(position, record, False, "",
                      f"not dated to a day and not linked (granularity {granularity})")  # fmt: skip
    day = pd.Timestamp(start)
    twin = _twin(day, event_type, events)
    if twin is not None:
        return _entry(position, record, False, twin, "duplicate of a linked catalogue event")
    event_id = f"mention_{day:%Y_%m_%d}_{event_type or 'event'}"
    if event_id in events:
        return _entry(position, record, False, event_id, "duplicate of extracted event")
    events[event_id] = {"event_id": event_id, "date": day, "time": "", "timezone": DEFAULT_TZ,
                        "title": str(record.get("sentence", ""))[:120], "event_type": event_type,
                        "confounder": False}  # fmt: skip
    return _entry(position, record, True, event_id, "policy event mention dated to a day")


def _twin(day: pd.Timestamp, event_type: str, events: dict) -> str | None:
    """A catalogue event already used that this unlinked mention retells."""
    for event_id, event in events.items():
        if event_id.startswith("mention_"):
            continue
        close = abs((pd.Timestamp(event["date"]) - day).days) <= DUPLICATE_DAYS
        if close and (
            event["event_type"] == event_type or related_types(event_type, event["event_type"])
        ):
            return event_id
    return None
