"""A short self-contained research report in Markdown: settings, tables and figures.

The text is deterministic (same inputs, same bytes): no timestamps or versions unless the
caller puts them in ``settings``. Figures are linked by paths relative to the report so
the output folder can be moved or zipped as a whole.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from reequity.errors import ConfigurationError

REPORT_NAME = "report.md"
# control characters but tab and newline, and the Unicode line/paragraph separators
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def write_report(
    out_dir: str | Path,
    *,
    title: str,
    settings: Mapping[str, Any],
    tables: Mapping[str, pd.DataFrame],
    figures: Mapping[str, str | Path],
    notes: str | None = None,
    max_rows: int = 60,
    html: bool = True,
    links: Mapping[str, str] | None = None,
    sources: Mapping[str, str] | None = None,
) -> Path:
    """Write ``report.md`` into ``out_dir`` and return its path.

    Parameters
    ----------
    out_dir : str or Path
        Output folder; created if missing.
    title : str
        Report title (first heading).
    settings : mapping
        Settings used (name -> value), shown as a two-column table in the given order.
    tables : mapping of str to DataFrame
        Section heading -> table, rendered as Markdown tables in the given order.
    figures : mapping of str to path
        Caption -> PNG file; each must exist and is linked relative to ``out_dir``.
    notes : str, optional
        A paragraph placed under the title (e.g. caveats).
    max_rows : int, default 60
        Rows shown per table; longer tables are cut, and the cut is stated with a link
        to the table's CSV when ``sources`` names one.
    html : bool, default True
        Also write ``report.html`` beside it (:func:`reequity.report_html.write_html_report`).
    links : mapping of str to str, optional
        Label -> path (relative to ``out_dir``) of the full tables, listed under "Files".
    sources : mapping of str to str, optional
        Section heading -> relative path of the CSV holding every row of that table.

    Notes
    -----
    The order leads with the answer: notes, tables (callers put the headline first),
    figures, files, and the settings last.

    Returns
    -------
    Path
        The written ``report.md``.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    parts = [f"# {title}", ""]
    if notes:
        parts += [notes.strip(), ""]
    sources = sources or {}
    for name, frame in tables.items():
        parts += [f"## {name}", "", *_table_section(frame, max_rows, sources.get(name)), ""]
    if figures:
        parts += ["## Figures", ""]
        for caption, path in figures.items():
            parts += [f"### {caption}", "", f"![{caption}]({_relative(out, Path(path))})", ""]
    if links:
        parts += ["## Files", "", *(f"- [{label}]({href})" for label, href in links.items()), ""]
    parts += ["## Settings", "", markdown_table(_settings_frame(settings)), ""]
    target = out / REPORT_NAME
    text = _CONTROL.sub(" ", "\n".join(parts).rstrip() + "\n")  # no ESC/NUL in a report
    tmp = target.with_name(f".{REPORT_NAME}.{os.getpid()}.tmp")
    try:  # atomic: a full disk leaves the previous report whole
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    if html:  # the same sections in one self-contained file, figures embedded
        from reequity.report_html import write_html_report

        shown = {name: cut_table(frame, max_rows) for name, frame in tables.items()}
        write_html_report(
            out, title=title, settings=settings, tables=shown, figures=figures, notes=notes,
            links=links, cuts={
                name: (len(frame), sources.get(name))
                for name, frame in tables.items() if len(frame) > max_rows
            },
        )  # fmt: skip
    return target


def markdown_table(frame: pd.DataFrame, *, floatfmt: str = "{:.4f}") -> str:
    """Render ``frame`` (without its index) as a GitHub-flavoured Markdown table."""
    header = "| " + " | ".join(_escape(str(c)) for c in frame.columns) + " |"
    numeric = [pd.api.types.is_numeric_dtype(frame[c]) for c in frame.columns]
    rule = "|" + "|".join("---:" if n else "---" for n in numeric) + "|"
    rows = [
        "| " + " | ".join(_escape(_format(v, floatfmt)) for v in row) + " |"
        for row in frame.itertuples(index=False)
    ]
    return "\n".join([header, rule, *rows])


def cut_table(frame: pd.DataFrame, max_rows: int) -> pd.DataFrame:
    """The first ``max_rows`` rows of a table (checked to be a DataFrame)."""
    if not isinstance(frame, pd.DataFrame):
        raise ConfigurationError(
            f"tables must map names to DataFrames, got {type(frame).__name__}; "
            "pass results.to_frame()."
        )
    return frame.head(max_rows)


def cut_note(n_rows: int, max_rows: int, source: str | None) -> str:
    """The sentence saying a table was cut, and where all its rows are."""
    where = (
        f"all rows are in [{source}]({source})" if source else "the CSV next to this report has all"
    )
    return f"First {max_rows} of {n_rows} rows; {where}."


def _table_section(frame: pd.DataFrame, max_rows: int, source: str | None) -> list[str]:
    shown = cut_table(frame, max_rows)
    if frame.empty:
        return ["(no rows)"]
    parts = [markdown_table(shown)]
    if len(frame) > max_rows:
        parts += ["", cut_note(len(frame), max_rows, source)]
    return parts


def _settings_frame(settings: Mapping[str, Any]) -> pd.DataFrame:
    return pd.DataFrame(
        {"setting": list(settings), "value": [_format(v, "{}") for v in settings.values()]}
    )


def _relative(out: Path, figure: Path) -> str:
    if not figure.is_file():
        raise ConfigurationError(
            f"figure {str(figure)!r} does not exist; save it (e.g. ax.figure.savefig) before "
            "writing the report."
        )
    return Path(os.path.relpath(figure.resolve(), out.resolve())).as_posix()


def _format(value: Any, floatfmt: str) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    if value is None or pd.isna(value):
        return ""
    if isinstance(value, float):
        return floatfmt.format(value)
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d") if value == value.normalize() else value.isoformat()
    return str(value)


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
