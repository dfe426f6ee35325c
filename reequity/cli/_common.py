"""Shared pieces of the CLI: the error edge, output formats and common options."""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import pandas as pd
import typer
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from reequity.errors import ReequityError

F = TypeVar("F", bound=Callable[..., Any])

# piped or captured output has no terminal width to respect: do not fold tables at 80
_WIDTH = None if sys.stdout.isatty() else 220
console = Console(width=_WIDTH)
err_console = Console(stderr=True, width=_WIDTH)


class OutputFormat(StrEnum):
    """Output format of a command: a Rich table for people, csv/json for machines."""

    table = "table"
    csv = "csv"
    json = "json"


FormatOption = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="Output format: table, csv or json.")
]
CacheDirOption = Annotated[
    Path | None,
    typer.Option(
        "--cache-dir",
        help="Writable cache folder (default: $REEQUITY_CACHE_DIR, else the user cache folder); "
        "the shipped snapshot is read after it.",
    ),
]


def _out(value: str) -> Path:
    from reequity.cli._guards import out_path

    return out_path(value)


QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="Print only errors and the files line.")
]
NoFiguresOption = Annotated[
    bool, typer.Option("--no-figures", help="Write no figures (faster; report without them).")
]
OutOption = Annotated[
    Path | None,
    typer.Option("--out", "-o", help="Output folder (or file) for results.", parser=_out),
]


def handle_errors(func: F) -> F:
    """Turn a ``ReequityError`` (or an ``OSError`` from a bad path) into a one-line message on
    stderr and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ReequityError as exc:
            err_console.print(f"[bold red]error:[/] {plain(exc)}", highlight=False, soft_wrap=True)
            raise typer.Exit(code=1) from None
        except OSError as exc:  # an output path that is a file, unwritable, on a full disk...
            err_console.print(
                f"[bold red]error:[/] {plain(_os_message(exc))}", highlight=False, soft_wrap=True
            )
            raise typer.Exit(code=1) from None

    return wrapper  # type: ignore[return-value]


def plain(message: object) -> str:
    """A message as literal one-line text for Rich: user values such as ``[red]`` are not
    markup, control characters (ESC, NUL, U+2028) are shown as escapes."""
    from rich.markup import escape

    from reequity.cli._write import clean_text

    return escape(clean_text(" ".join(str(message).splitlines())))


def _os_message(exc: OSError) -> str:
    where = f" {str(exc.filename)!r}" if exc.filename else ""
    return (
        f"cannot use{where}: {exc.strerror or exc}; give --out/--cache-dir paths to folders "
        "(or files) you can write, on a disk with free space"
    )


def emit_frame(frame: pd.DataFrame, fmt: OutputFormat, *, title: str | None = None) -> None:
    """Write ``frame`` to stdout as a Rich table, CSV or JSON records."""
    from reequity.cli._write import clean_text, safe_csv

    if fmt is OutputFormat.csv:
        sys.stdout.write(safe_csv(frame).to_csv(index=False))
    elif fmt is OutputFormat.json:
        sys.stdout.write(frame.to_json(orient="records", date_format="iso", force_ascii=False))
        sys.stdout.write("\n")
    else:
        console.print(rich_table(frame, title=None if title is None else clean_text(title)))


def rich_table(frame: pd.DataFrame, *, title: str | None = None, floatfmt: str = "{:.4f}") -> Table:
    """Render a DataFrame as a Rich table; floats are formatted with ``floatfmt``."""
    # no vertical rules and tight padding: wide result tables still fit an 80-column terminal
    table = Table(title=title, box=box.SIMPLE_HEAD, pad_edge=False, padding=(0, 1))
    for col in frame.columns:
        numeric = pd.api.types.is_numeric_dtype(frame[col])
        table.add_column(_clean(str(col)), justify="right" if numeric else "left", overflow="fold")
    for row in frame.itertuples(index=False):
        # Text, not str: "[bold]" in a title is data, not Rich markup; controls escaped
        table.add_row(*(Text(_clean(_cell(v, floatfmt))) for v in row))
    return table


def _clean(text: str) -> str:
    from reequity.cli._write import clean_text

    return clean_text(text)


def _cell(value: Any, floatfmt: str) -> str:
    if isinstance(value, float):
        return "" if pd.isna(value) else floatfmt.format(value)
    if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d") if value == value.normalize() else value.isoformat()
    return str(value)


def parse_span(value: str, *, option: str, example: str | None = None) -> tuple[int, int]:
    """Parse an ``A:B`` option value into ints with ``A <= B``; a usage error otherwise.

    ``example`` is shown in the message (default the study's default event window).
    """
    if example is None:
        from reequity.study.windows import DEFAULT_WINDOWS, window_label

        example = window_label(DEFAULT_WINDOWS[0])
    match = re.fullmatch(r"\s*(-?\d{1,30})\s*(?::|\.\.)\s*(-?\d{1,30})\s*", value)
    if not match:
        raise typer.BadParameter(
            f"{value[:60]!r} is not A:B with integers A <= B, e.g. {example}", param_hint=option
        )
    a, b = int(match[1]), int(match[2])
    from reequity.cli._guards import MAX_DAYS

    if max(abs(a), abs(b)) > MAX_DAYS:
        raise typer.BadParameter(
            f"{value[:60]!r} reaches beyond {MAX_DAYS:,} trading days (40 years) from day 0; "
            f"give a window such as {example}",
            param_hint=option,
        )
    if a > b:
        raise typer.BadParameter(
            f"{value!r} runs backwards ({value!r} is not A:B with integers A <= B); "
            f"write the earlier day first, e.g. {b}:{a} (like {example})",
            param_hint=option,
        )
    return a, b


def parse_date(value: str | None, *, option: str) -> str | None:
    """A ``YYYY-MM-DD`` option value (or None) in the range data can exist; a usage error
    naming it otherwise (``nan``, ``NaT``, ``now``, a time or offset, year 1700 or 9999)."""
    from reequity.cli._guards import check_date

    return check_date(value, option=option)


def read_events_option(spec: str, *, include_confounders: bool) -> pd.DataFrame:
    """Events named by an ``--events`` value: ``catalogue`` or a CSV path."""
    if spec == "catalogue":
        from reequity.events.catalogue import load_catalogue

        return load_catalogue(include_confounders=include_confounders)
    from reequity.events.io import load_events

    return load_events(Path(spec))
