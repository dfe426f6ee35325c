"""`reequity event-study`: the main job."""

from __future__ import annotations

import typer


def event_study() -> None:
    """Run an event study (not built yet: the engine lands with the event-study issue)."""
    typer.echo("reequity event-study is not built yet.", err=True)
    raise typer.Exit(code=1)
