"""`reequity events` commands: extract dated events from article dumps, list the catalogue."""

from __future__ import annotations

import sys
import warnings
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer

from reequity.cli._common import (
    FormatOption,
    OutOption,
    OutputFormat,
    emit_frame,
    err_console,
    handle_errors,
)
from reequity.cli.brief import check_writable, warning_lines
from reequity.errors import ReequityWarning

app = typer.Typer(help="Extract dated policy events from news dumps; list the event catalogue.",
                  no_args_is_help=True)  # fmt: skip

_TABLE_COLUMNS = ["article_id", "surface", "date_start", "date_end", "granularity", "kind",
                  "is_policy_event", "event_type", "actors", "confidence", "flags", "catalogue_id"]  # fmt: skip
_LIST_COLUMNS = [
    "event_id",
    "date",
    "time",
    "timezone",
    "event_type",
    "actors",
    "confounder",
    "title",
]


@app.command("extract")
@handle_errors
def extract(
    files: Annotated[
        list[Path], typer.Argument(help="Article dump file(s) (title / 'Source· date' / body).")
    ],
    fmt: FormatOption = OutputFormat.table,
    out: OutOption = None,
    policy_only: Annotated[
        bool, typer.Option("--policy-only", help="Keep only mentions classified as policy events.")
    ] = False,
    events_out: Annotated[
        Path | None,
        typer.Option(
            "--events-out",
            help="Also write the study events made from the mentions (CSV for "
            "`reequity event-study --events`) and, next to it, <name>_log.csv saying why each "
            "other row was left out.",
        ),
    ] = None,
) -> None:
    """Extract temporal mentions, label them and link them to the catalogue.

    Several files are processed in turn; article_id continues across files.
    """
    from reequity.events.articles import read_articles
    from reequity.events.extract import extract_events

    # a bad output path is a usage error found before any article is read
    for path, option in ((out, "--out"), (events_out, "--events-out")):
        if path is not None:
            check_writable(path, file=True, option=option)
    frames, offset = [], 0
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ReequityWarning)
        for path in files:
            articles = read_articles(path)
            articles["article_id"] += offset
            offset = int(articles["article_id"].max()) + 1
            frames.append(extract_events(articles))
    result = pd.concat(frames, ignore_index=True)
    if events_out is not None:
        _write_events(result, events_out)
    if policy_only:
        result = result[result["is_policy_event"]].reset_index(drop=True)
    if out is not None:
        _write(result, out, fmt)
        err_console.print(f"wrote {len(result)} mentions to {out}", highlight=False)
    else:
        shown = result[_TABLE_COLUMNS] if fmt is OutputFormat.table else result
        emit_frame(shown, fmt, title="event mentions")
    # after the results, one "warning: ..." line each (counted), not Python's file:line
    for line in warning_lines(caught, width=None):
        err_console.print(line, highlight=False, soft_wrap=True, markup=False)


def _write_events(mentions: pd.DataFrame, out: Path) -> None:
    """The in-memory step (mentions -> events) written once, with its log."""
    from reequity.events.mentions import describe_log, mentions_to_events

    events, log = mentions_to_events(mentions)
    out.parent.mkdir(parents=True, exist_ok=True)
    events.to_csv(out, index=False, date_format="%Y-%m-%d")
    log_path = out.with_name(f"{out.stem}_log.csv")
    log.to_csv(log_path, index=False)
    studied = int((~events["confounder"]).sum())
    err_console.print(f"wrote {studied} events (+ {len(events) - studied} confounders) to {out}; "
                      f"{describe_log(log)} (see {log_path})", highlight=False, soft_wrap=True)  # fmt: skip


def _write(frame: pd.DataFrame, out: Path, fmt: OutputFormat) -> None:
    from reequity.cli._write import atomic_write, write_csv

    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt is OutputFormat.json or out.suffix.lower() == ".json":
        text = frame.to_json(orient="records", date_format="iso", force_ascii=False)
        atomic_write(out, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    else:
        write_csv(frame, out)  # atomic; text cells cleaned and formula-safe


@app.command("list")
@handle_errors
def list_events(
    fmt: FormatOption = OutputFormat.table,
    event_type: Annotated[
        list[str] | None,
        typer.Option(
            "--type", "-T", help="Keep only these event types (repeatable), e.g. export_control."
        ),
    ] = None,
    confounders: Annotated[
        bool, typer.Option("--confounders/--no-confounders", help="Include market confounders.")
    ] = True,
) -> None:
    """List the shipped event catalogue."""
    from reequity.events.catalogue import load_catalogue

    catalogue = load_catalogue(include_confounders=confounders)
    if event_type:
        valid = sorted(set(catalogue["event_type"]))
        unknown = [t for t in event_type if t not in valid]
        if unknown:
            raise typer.BadParameter(
                f"unknown event type(s) {unknown}; valid types: {', '.join(valid)}.",
                param_hint="'--type'",
            )
        catalogue = catalogue[catalogue["event_type"].isin(event_type)]
    shown = catalogue[_LIST_COLUMNS] if fmt is OutputFormat.table else catalogue
    emit_frame(shown.reset_index(drop=True), fmt, title="event catalogue")
    sys.stdout.flush()
