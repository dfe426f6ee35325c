"""A self-contained HTML report: the Markdown report's sections with figures embedded.

One file that opens anywhere (a browser, an e-mail attachment) without the figures folder:
each PNG is inlined as a base64 ``data:`` URI. Text is escaped (pandas ``to_html`` escapes
cells; titles and notes go through :func:`html.escape`), so a cell beginning with ``<`` or
``=`` is shown as text. Deterministic like :mod:`reequity.report`: same inputs, same bytes.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from reequity.errors import ConfigurationError

HTML_NAME = "report.html"

_STYLE = """
body { font-family: system-ui, sans-serif; max-width: 70rem; margin: 2rem auto; padding: 0 1rem;
       color: #222; line-height: 1.45; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.9rem; }
th, td { border: 1px solid #ccc; padding: 0.2rem 0.5rem; text-align: right; }
th { background: #f3f3f3; }
td:first-child, th:first-child { text-align: left; }
figure { margin: 1rem 0; }
img { max-width: 100%; height: auto; border: 1px solid #eee; }
p.note { color: #555; }
"""


def write_html_report(
    out_dir: str | Path,
    *,
    title: str,
    settings: Mapping[str, Any],
    tables: Mapping[str, pd.DataFrame],
    figures: Mapping[str, str | Path],
    notes: str | None = None,
    links: Mapping[str, str] | None = None,
    cuts: Mapping[str, tuple[int, str | None]] | None = None,
) -> Path:
    """Write ``report.html`` into ``out_dir`` and return its path.

    Parameters
    ----------
    out_dir : str or Path
        Output folder; created if missing.
    title : str
        Report title (the page title and first heading).
    settings : mapping
        Settings used (name -> value), shown as a two-column table.
    tables : mapping of str to DataFrame
        Section heading -> table, in order; every row is shown (cut long tables before).
    figures : mapping of str to path
        Caption -> PNG file; each must exist and is embedded.
    notes : str, optional
        A paragraph under the title.
    links : mapping of str to str, optional
        Label -> relative path of a file beside the report (the full CSVs).
    cuts : mapping of str to (int, str or None), optional
        Heading of a table that was cut -> (its full number of rows, relative path of the
        CSV holding them); the cut is stated under the table with a link.

    Returns
    -------
    Path
        The written ``report.html``.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    esc = html.escape
    body = [f"<h1>{esc(title)}</h1>"]
    if notes:
        body.append(f'<p class="note">{esc(notes.strip())}</p>')
    for name, frame in tables.items():
        if not isinstance(frame, pd.DataFrame):
            raise ConfigurationError(
                f"tables must map names to DataFrames, got {type(frame).__name__} for {name!r}"
            )
        body.append(f"<h2>{esc(name)}</h2>")
        body.append("<p>(no rows)</p>" if frame.empty else _table(frame))
        if cuts and name in cuts:
            total, href = cuts[name]
            where = (
                f'all rows are in <a href="{esc(href, quote=True)}">{esc(href)}</a>'
                if href
                else "the CSV next to this report has all"
            )
            body.append(f"<p>First {len(frame)} of {total} rows; {where}.</p>")
    if figures:
        body.append("<h2>Figures</h2>")
        for caption, path in figures.items():
            body.append(
                f'<figure><img alt="{esc(caption, quote=True)}" src="{_data_uri(Path(path))}">'
                f"<figcaption>{esc(caption)}</figcaption></figure>"
            )
    if links:
        items = "".join(
            f'<li><a href="{esc(href, quote=True)}">{esc(label)}</a></li>'
            for label, href in links.items()
        )
        body += ["<h2>Files</h2>", f"<ul>{items}</ul>"]
    from reequity.report import _settings_frame  # the Markdown report's settings table

    body += ["<h2>Settings</h2>", _table(_settings_frame(settings))]
    page = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{esc(title)}</title><style>{_STYLE}</style></head>\n<body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )
    target = out / HTML_NAME
    target.write_text(page, encoding="utf-8")
    return target


def _table(frame: pd.DataFrame) -> str:
    return frame.to_html(
        index=False, escape=True, na_rep="", border=0, float_format=lambda v: f"{v:.4f}"
    )


def _data_uri(path: Path) -> str:
    if not path.is_file():
        raise ConfigurationError(
            f"figure {str(path)!r} does not exist; save it before writing the report."
        )
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")
