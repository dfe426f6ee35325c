"""The ``reequity`` command-line application (Typer).

Each command lives in its own module; this one only assembles them.
"""

from __future__ import annotations

import typer

from reequity.cli import correlate, data, events, study

app = typer.Typer(
    name="reequity",
    help="Event studies and co-movement of rare-earth equities around policy events.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _show_version(value: bool) -> None:
    if value:
        from reequity import __version__

        typer.echo(f"reequity {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    show_version: bool = typer.Option(
        False,
        "--version",
        help="Print the installed version and exit.",
        is_eager=True,
        callback=_show_version,
    ),
) -> None:
    """Event studies and co-movement of rare-earth equities around policy events."""


app.add_typer(data.app, name="data")
app.add_typer(events.app, name="events")
app.command("event-study")(study.event_study)
app.command("correlate")(correlate.correlate)


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":  # `python -m reequity.cli.app` runs the CLI too
    main()
