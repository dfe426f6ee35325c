"""The short terminal output of the CLI: a headline that fits 80 columns, the files line,
and the warnings summarised after the results (one line each, counted when repeated).

Full tables stay available with ``--verbose`` and in the CSVs and the report; this module
only decides what a researcher reads first in a terminal.
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from reequity.cli._write import clean_text
from reequity.study.headline import headline_rows, interval_text
from reequity.study.statistics import TESTS

__all__ = [
    "WIDTH",
    "clip",
    "event_headline_lines",
    "files_line",
    "pool_row_label",
    "short_event",
    "warning_lines",
]

WIDTH = 80
#: p-value columns of the headline, in order: (test name, column label), live from the
#: test registry (its dependence-robust tests and their narrow column headings)
P_COLUMNS = TESTS.view(lambda entry: entry.column, where=lambda entry: entry.robust).items()
_EVENT_WIDTH = 26


def clip(text: str, width: int = WIDTH) -> str:
    """``text`` cut to ``width`` characters, ending in ``…`` when it was longer."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def short_event(event_id: str, width: int = _EVENT_WIDTH) -> str:
    """An event id that fits ``width``: the middle is elided, the trailing date kept."""
    if len(event_id) <= width:
        return event_id
    tail = re.search(r"_\d{4}_\d{2}_\d{2}$", event_id)
    keep = tail.group(0) if tail else ""
    head = width - len(keep) - 1
    return event_id[:head].rstrip("_") + "…" + keep


def _fmt_p(p: float) -> str:
    if not np.isfinite(p):
        return ""
    return "<.001" if p < 0.0005 else f"{p:.3f}"


def _row(label: str, n: object, caar: float, ci: str, ps: list[str]) -> str:
    text = f"{short_event(label):<{_EVENT_WIDTH}} {n!s:>3} {100 * caar:+7.2f} {ci:<16}"
    return clip(text + "".join(f" {p:>5}" for p in ps))


def _p_cells(row: object) -> list[str]:
    """The p-value cell of each headline test; ``=CDA`` for a test identical to another
    in its row (statistic and p)."""
    labels = dict(P_COLUMNS)
    cells = []
    for test, _ in P_COLUMNS:
        same = getattr(row, f"{test}_same", "")
        cells.append(
            f"={labels.get(same, same)}" if same else _fmt_p(getattr(row, f"{test}_p", np.nan))
        )
    return cells


def pool_row_label(pool: str, n_events: int, width: int = _EVENT_WIDTH) -> str:
    """``ALL export_control (12)`` cut to ``width`` in the pool's name, never in its count."""
    suffix = f" ({n_events})"
    return "ALL " + clip(pool, width - 4 - len(suffix)) + suffix


def _label(row: object, *, pools: bool) -> str:
    if row.kind == "pool":
        return pool_row_label(str(row.pool), int(row.n_events))
    if row.kind == "group":
        return f"  {row.group}" if pools else f"ALL {row.group}"
    return "ALL events" if row.kind == "all" else str(row.event_id)


def event_headline_lines(results, window: str | None = None) -> list[str]:
    """The headline of an event study in lines of at most 80 characters.

    The rows of :func:`reequity.study.headline.headline_rows` for the main ``window``
    (default the first one studied): each event's CAAR of the pooled firms with its
    dependence-robust 95% interval (the CDA's: it excludes zero when the CDA rejects at
    5%) and the p-values of the dependence-robust tests; then, with pools of comparable
    events (``pool_by``), each pool's pooled row (``ALL export_control (12)``) and its
    stock groups' rows. Without pools: the pooled row over all events, then the pooled
    row of each stock group.
    """
    window = window or str(results.caar["window"].iloc[0])
    pool = results.settings.get("pool", "") if hasattr(results, "settings") else ""
    head = f"{'event':<{_EVENT_WIDTH}} {'n':>3} {'CAAR %':>7} {'95% CI (CDA) %':<16}"
    head += "".join(f" {label:>5}" for _, label in P_COLUMNS)
    lines = [
        clip(f"CAAR over event window {window} ({pool or 'pooled firms'}); p-values of the"),
        clip("dependence-robust tests: CDA, KP (Kolari-Pynnonen), GRANK, port(folio)"),
        "",
        head,
    ]
    rows = headline_rows(results, window, tuple(t for t, _ in P_COLUMNS))
    is_pool = rows["kind"] == "pool"
    marked = _confounded_rows(results, window)
    chance = _fdr_lines(results, window)
    for i, row in enumerate(rows.itertuples(index=False)):
        if row.kind != "event" and chance:  # after the events: what chance alone gives
            lines += ["", *chance]
            chance = []
        if is_pool.iloc[i] and not is_pool.iloc[:i].any():  # before the first pool
            by = results.settings.get("pool_by") or "pool"
            lines += [
                "",
                clip(f"Pooled by {by}, (n) = events; below each pool its stock groups"),
                clip(
                    "(CN: listed in China). ALL over every event mixes pools: caar.csv only"
                    if rows.loc[is_pool, "pool"].nunique() > 1
                    else "(CN: listed in China)."
                ),
            ]
        label = _label(row, pools=bool(is_pool.any()))
        line = _row(label, row.n_firms, row.caar, interval_text(row), _p_cells(row))
        key = (row.event_id, "") if row.kind in ("event", "all") else (row.pool, row.group)
        lines.append(clip(line + CONFOUNDED_MARK) if key in marked else line)
    if chance:
        lines += ["", *chance]
    if marked & {(r.event_id, "") if r.kind in ("event", "all") else (r.pool, r.group)
                 for r in rows.itertuples(index=False)}:  # fmt: skip
        lines += ["", *_wrap(
            f"{CONFOUNDED_MARK} confounded: a catalogued market-wide event has day 0 inside "
            f"{window} for some firm-events; report.md names it; --robustness drops them"
        )]  # fmt: skip
    return lines


def _fdr_lines(results, window: str) -> list[str]:
    """How many events the headline's interval test rejects at 5 % in ``window``, how many
    chance alone would give, and how many survive Benjamini-Hochberg (one event: none)."""
    from reequity.cli.study_tables import robust_table
    from reequity.study.multiplicity import headline_fdr_line

    table = robust_table(results)
    if (table["event_id"] != "ALL").sum() < 2 * len(table["window"].unique()):
        return []
    return _wrap(headline_fdr_line(table, window))


#: the mark at the end of a confounded headline row
CONFOUNDED_MARK = "*"


def _wrap(text: str) -> list[str]:
    import textwrap

    return textwrap.wrap(text, WIDTH)


def _confounded_rows(results, window: str) -> set[tuple[str, str]]:
    """Keys of the headline rows where a market-wide confounder (not a firm's own news, which
    the report counts) has its day 0 inside ``window`` for some firm-event: ``(event_id,
    "")`` for an event (or ALL) row, ``(pool, group)`` for a pool's row (its group is
    ``ALL``) and for each of its groups."""
    from reequity.study.confounded import confounded_events, confounded_pools

    marked = set()
    events = confounded_events(results)
    hit = events[(events["window"] == window) & (events["confounders"] != "")]
    marked |= {(str(e), "") for e in hit["event_id"]}
    pools = confounded_pools(results)
    hit = pools[(pools["window"] == window) & (pools["confounders"] != "")]
    return marked | {(str(p), str(g)) for p, g in zip(hit["pool"], hit["group"], strict=True)}


def files_line(out: Path, *, n_csv: int, n_figures: int) -> str:
    """Where the outputs are, in one line."""
    figures = f", {n_figures} figure{'s' if n_figures != 1 else ''}" if n_figures else ""
    return clip(f"files: {out}/ (report.md, report.html, {n_csv} CSVs{figures})")


def _first_clause(message: str) -> str:
    """The message up to its first detail (``, e.g.`` / ``; see``), which the report keeps."""
    return re.split(r",? \(?e\.g\.|; see |: e\.g\.", message, maxsplit=1)[0].strip()


def warning_lines(
    caught: Iterable[warnings.WarningMessage] | Iterable[str], *, width: int | None = WIDTH
) -> list[str]:
    """One ``warning: ...`` line per distinct message, ``(xN)`` when repeated.

    With a ``width``, each line holds the warning class (for package warnings) and the
    message's first clause, cut to ``width`` (the full messages are in ``issues.csv`` and
    the report); with ``width=None`` the whole message, for commands without a report.
    """
    counts: Counter[str] = Counter()
    short = _first_clause if width else str.strip
    for item in caught:
        if isinstance(item, str):
            counts[short(item)] += 1
            continue
        name = item.category.__name__
        counts[f"{name}: {short(str(item.message))}" if width else short(str(item.message))] += 1
    lines = []
    for text, count in counts.items():
        suffix = f" (x{count})" if count > 1 else ""
        line = f"warning: {clean_text(text)}"  # ESC, NUL, U+2028 shown as escapes
        lines.append((clip(line, width - len(suffix)) if width else line) + suffix)
    return lines


def check_writable(out: Path, *, file: bool = False, option: str = "--out") -> None:
    """Refuse an output path that cannot be written, before any work is done.

    Nothing is created here. A folder ``out`` (the default), if it exists, must be a
    folder; a ``file`` output, if it exists, must not be one. Either way the nearest
    existing folder on the way to it must be writable. A refusal is a usage error: one
    line on stderr (``error: cannot use '<out>': ...``) and exit code 2, as for any other
    bad option value found before the work starts.
    """
    import errno
    import os

    import typer

    from reequity.cli._common import err_console, plain

    probe = out.parent if file else out
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    if file and out.is_dir():
        code = errno.EISDIR
    elif not file and out.exists() and not out.is_dir():
        code = errno.EEXIST
    elif not probe.is_dir():
        code = errno.ENOTDIR
    elif not os.access(probe, os.W_OK | os.X_OK) or (
        file and out.exists() and not os.access(out, os.W_OK)
    ):
        code = errno.EACCES
    else:
        return
    wanted = "a file path" if file else "a folder"
    message = (
        f"cannot use {str(out)!r}: {os.strerror(code)}; give {option} {wanted} you can write "
        "(missing folders are created)"
    )
    err_console.print(f"[bold red]error:[/] {plain(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code=2)


def correlation_headline_lines(table: pd.DataFrame, *, pre: str, post: str) -> list[str]:
    """The headline of ``reequity correlate`` in lines of at most 80 characters.

    Per event: the pairs with data on both sides, their mean correlation before and
    after (and after, Forbes-Rigobon adjusted), how many pairs changed with a Holm-adjusted
    p < 0.05 on the adjusted test (Holm over the event's pairs: one raw p < 0.05 among 11
    pairs is expected by chance) and the event's smallest Holm p ("no pair changed").
    Rows without data stay in the CSV.
    """
    shown = table.loc[(table["n_pre"] > 0) & (table["n_post"] > 0)]
    head = (
        f"{'event':<{_EVENT_WIDTH}} {'pairs':>5} {'rho_pre':>7} {'rho_post':>8} "
        f"{'rho_fr':>6} {'p<.05':>5} {'Holm p':>8}"
    )
    lines = [
        clip(f"Mean correlation over pairs before ({pre}) and after ({post}) each event;"),
        clip("rho_fr: Forbes-Rigobon (2002) adjusted; p<.05: pairs whose adjusted change"),
        clip("has a Holm-adjusted p < 0.05 over the event's pairs (Holm p: the smallest);"),
        clip("every pair, raw and Holm p: event_correlation.csv"),
        "",
        head,
    ]
    for event_id, rows in shown.groupby("event_id", sort=False):
        p = rows["fr_pvalue_holm"] if "fr_pvalue_holm" in rows else rows["fr_pvalue"]
        lines.append(
            clip(
                f"{short_event(str(event_id)):<{_EVENT_WIDTH}} {len(rows):>5} "
                f"{rows['rho_pre'].mean():>7.3f} {rows['rho_post'].mean():>8.3f} "
                f"{rows['rho_post_adj'].mean():>6.3f} {int((p < 0.05).sum()):>5} "
                f"{_fmt_p(p.min()) if p.notna().any() else '':>8}"
            )
        )
    dropped = len(table) - len(shown)
    if dropped:
        lines.append(clip(f"({dropped} event-pair rows without data on both sides: CSV only)"))
    return lines
