"""`reequity event-study`: the main job.

With no arguments it studies the catalogue's policy events on the shipped rare-earth
universe, offline: each security against its own market benchmark, aligned on its own
exchange's calendar. It prints the CAARs with the dependence-robust tests and writes
``ar.csv``, ``car.csv``, ``caar.csv``, ``tests.csv``, ``issues.csv``, figures and a
report into ``--out``.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Annotated

import typer

from reequity.cli._choices import (
    ALL_TESTS,
    DEFAULT_CONVENTION,
    DEFAULT_ESTIMATION_TEXT,
    DEFAULT_MODEL,
    ConventionOption,
    EstimationOption,
    MinEstimationOption,
    ModelOption,
    ModelOptionsOption,
    TestsOption,
    WindowOption,
    check_convention,
    check_model,
    default_windows,
    parse_model_options,
    parse_tests,
)
from reequity.cli._common import (
    CacheDirOption,
    FormatOption,
    NoFiguresOption,
    OutputFormat,
    QuietOption,
    console,
    emit_frame,
    err_console,
    handle_errors,
    parse_span,
    read_events_option,
)
from reequity.cli._guards import out_path, refuse_empty_list
from reequity.cli.brief import (
    check_writable,
    event_headline_lines,
    files_line,
    warning_lines,
)
from reequity.cli.study_outputs import print_full_tables, write_outputs
from reequity.cli.study_tables import (
    LABELS,
    ROBUST_TESTS,
    display_table,
    read_characteristics,
    robust_table,
)
from reequity.errors import ConfigurationError
from reequity.study.windows import default_min_estimation, window_label

__all__ = ["LABELS", "ROBUST_TESTS", "display_table", "event_study", "robust_table"]


def _split(values: list[str] | None) -> list[str]:
    return [v.strip() for item in values or [] for v in item.split(",") if v.strip()]


def _robustness(results, returns: Path | None, cache_dir):
    """The specification curve: with the universe's benchmark alternatives for the
    catalogue study, over the study's own specification for a --returns file."""
    with console.status("specification curve..."), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if returns is not None:
            return results.robustness(pool=True)
        from reequity.workflows import catalogue_robustness

        return catalogue_robustness(results, cache_dir=cache_dir)


def _regression(results, regress: str | None, characteristics: Path | None, cov: str):
    """The cross-section of CARs when ``--regress`` is given, else None."""
    if not regress:
        return None
    chars = read_characteristics(characteristics)
    return results.cross_section(regress, characteristics=chars, cov=cov)


@handle_errors
def event_study(
    events: Annotated[
        str,
        typer.Option(
            help="'catalogue' or a CSV path (catalogue-style or `events extract` output)."
        ),
    ] = "catalogue",
    event_ids: Annotated[
        list[str] | None,
        typer.Option("--event-ids", help="Study only these event ids (comma-separated)."),
    ] = None,
    tickers: Annotated[
        list[str] | None,
        typer.Option(
            "--tickers", "-t", help="Tickers (comma-separated); default the rare-earth universe."
        ),
    ] = None,
    returns: Annotated[
        Path | None,
        typer.Option(
            "--returns", help="Wide returns CSV (first column date); its rows are the trading days."
        ),
    ] = None,
    benchmark: Annotated[
        str | None,
        typer.Option("--benchmark", help="Benchmark ticker/column (default: each security's own)."),
    ] = None,
    model: ModelOption = DEFAULT_MODEL,
    model_option: ModelOptionsOption = None,
    estimation: EstimationOption = DEFAULT_ESTIMATION_TEXT,
    window: WindowOption = None,
    min_estimation: MinEstimationOption = None,
    convention: ConventionOption = DEFAULT_CONVENTION,
    tests: TestsOption = ALL_TESTS,
    regress: Annotated[
        str | None,
        typer.Option(
            "--regress",
            help="Regress CARs on these columns (comma-separated, or a formula 'car ~ ...'): "
            "group (universe), kind, or columns of --characteristics.",
        ),
    ] = None,
    characteristics: Annotated[
        Path | None,
        typer.Option(
            "--characteristics",
            help="CSV of firm characteristics: a ticker column (optionally event_id) and "
            "user columns (size, leverage, ...).",
        ),
    ] = None,
    cov: Annotated[
        str, typer.Option("--cov", help="Regression standard errors: HC1 or cluster (by event).")
    ] = "HC1",
    robustness: Annotated[
        bool,
        typer.Option(
            "--robustness",
            help="Also run the specification curve over the documented grid "
            "(reequity/study/spec_grid.csv) and write robustness.csv and its figure.",
        ),
    ] = False,
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Output folder.", parser=out_path)
    ] = Path("reequity-output"),
    quiet: QuietOption = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Print the full tables (every window).")
    ] = False,
    no_figures: NoFiguresOption = False,
    fmt: FormatOption = OutputFormat.table,
    cache_dir: CacheDirOption = None,
) -> None:
    """Run an event study (default: catalogue policy events on the shipped universe, offline)."""
    check_model(model)
    model_opts = parse_model_options(model, model_option)
    check_convention(convention)
    if cov not in ("HC1", "cluster"):
        raise typer.BadParameter(f"{cov!r} is not HC1 or cluster", param_hint="--cov")
    if characteristics is not None and not regress:
        raise ConfigurationError("--characteristics needs --regress COLUMNS (e.g. group,size)")
    est = parse_span(estimation, option="--estimation")
    wins = tuple(parse_span(w, option="--window") for w in _split(window)) or default_windows()
    _check_windows(est, wins)
    check_writable(out)
    test_list = parse_tests(tests)
    opts = dict(
        model=model,
        estimation=est,
        windows=wins,
        convention=convention,
        tests=test_list,
        min_estimation=min_estimation,
        **({"model_options": model_opts} if model_opts else {}),
    )
    ids, ticks = _split(event_ids) or None, _split(tickers) or None
    refuse_empty_list(event_ids, ids or [], option="--event-ids")
    refuse_empty_list(tickers, ticks or [], option="--tickers")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with console.status("loading events and returns, fitting models..."):
            ev = read_events_option(events, include_confounders=True)
            if returns is not None:
                from reequity.workflows import returns_file_event_study

                results = returns_file_event_study(
                    returns, ev, benchmark=benchmark, event_ids=ids, tickers=ticks, **opts
                )
            else:
                from reequity.workflows import catalogue_event_study

                results = catalogue_event_study(
                    tickers=ticks,
                    event_ids=ids,
                    events=ev,
                    cache_dir=cache_dir,
                    **({"benchmark": benchmark} if benchmark else {}),
                    **opts,
                )
    table = robust_table(results)
    tables = {"summary": table, "groups": robust_table(results, groups=True)}
    section = _regression(results, regress, characteristics, cov)
    if section is not None:
        tables["cross_section"] = section.table.merge(section.fit, on="window")

    curve = _robustness(results, returns, cache_dir) if robustness else None
    if curve is not None:
        tables["robustness"] = curve.shares()
    as_of = _as_of(results, returns, cache_dir)
    settings = {
        "events": events,
        "event_ids": ", ".join(ids or []) or "all",
        "tickers": ", ".join(ticks or []) or "universe",
        "returns": str(returns) if returns else "shipped cache",
        "model": model,
        "model_options": ", ".join(f"{k}={v}" for k, v in (model_opts or {}).items()),
        "estimation": window_label(est),
        "windows": ", ".join(window_label(w) for w in wins),
        "convention": convention,
        "tests": tests,
        "min_estimation": str(min_estimation or default_min_estimation(est)),
        "pool": results.settings.get("pool", ""),
        "regress": regress or "",
        "cov": cov if regress else "",
        "data": as_of,
    }
    csvs, figures = write_outputs(
        results, tables, out, settings, curve=curve, figures=not no_figures
    )
    if fmt is not OutputFormat.table:  # what summary.csv holds: each row's pool, mixed ALL flagged
        from reequity.study.pools import with_pool_column

        emit_frame(with_pool_column(table, results.settings.get("event_pools") or {}), fmt)
    elif verbose:
        print_full_tables(results, tables, section)
    elif not quiet:
        for line in event_headline_lines(results):
            console.print(line, highlight=False, soft_wrap=True, markup=False)
    if fmt is OutputFormat.table and not quiet:  # asked for by --regress / --robustness
        if section is not None and not verbose:
            console.print(section.summary(), highlight=False, soft_wrap=True)
        if curve is not None:
            from reequity.study.pools import headline_pool_label

            label = headline_pool_label(results)
            if label is not None:  # the curve re-ran the headline pool: say so first
                console.print(f"Specification curve of {label}, the headline pool:",
                              highlight=False, soft_wrap=True)  # fmt: skip
            console.print(curve.summary(), highlight=False, soft_wrap=True)
    # the files line goes to stderr with --format csv/json so stdout stays machine-readable
    where = console if fmt is OutputFormat.table else err_console
    where.print(files_line(out, n_csv=len(csvs), n_figures=len(figures)), highlight=False,
                soft_wrap=True, markup=False)  # fmt: skip
    if not quiet:
        _print_after(caught, as_of)


def _print_after(caught, as_of: str) -> None:
    """The warnings, summarised after the results, and the data-as-of line (stderr)."""
    from reequity.errors import ReequityWarning

    ours = [w for w in caught if issubclass(w.category, ReequityWarning)]
    for line in warning_lines(ours):
        err_console.print(line, highlight=False, soft_wrap=True, markup=False)
    err_console.print(as_of, highlight=False, soft_wrap=True, markup=False)


def _check_windows(est: tuple[int, int], wins: tuple[tuple[int, int], ...]) -> None:
    """The engine's own window check, before any data is loaded: its message (naming the
    event window and a valid estimation window) as a usage error (exit 2)."""
    import re

    from reequity.study.windows import make_window_spec

    try:
        make_window_spec(est, wins)
    except ConfigurationError as exc:
        # the engine suggests Python tuples; the CLI spells windows A:B
        message = re.sub(r"\((-?\d+), (-?\d+)\)", r"\1:\2", str(exc))
        raise typer.BadParameter(message, param_hint="--estimation/--window") from None


def _as_of(results, returns: Path | None, cache_dir) -> str:
    """The "data as of" line: the returns file's last date, else the cached series'."""
    if returns is not None:
        last = results.spec.returns.index.max()  # the file's rows, as the workflow read them
        return f"data as of {last:%Y-%m-%d} ({returns.name})"
    from reequity.data.status import data_as_of

    return data_as_of(results.ar["ticker"].astype(str).unique(), cache_dir=cache_dir)
