"""`reequity correlate`: rolling and event-conditional co-movement."""

from __future__ import annotations

import typer


def correlate() -> None:
    """Correlation analysis (not built yet)."""
    typer.echo("reequity correlate is not built yet.", err=True)
    raise typer.Exit(code=1)
