"""Ready-made event studies that join the universe, the cache, the catalogue and the engine.

The engine (:mod:`reequity.study`) works on plain frames. These functions do the joining a
researcher would otherwise repeat: pick the rare-earth securities of the universe, load
their returns and their own market benchmarks from the cache, attach each security's
exchange calendar, and pair every catalogue event with the securities that were a
rare-earth business with data at that date.
"""

from __future__ import annotations

import dataclasses
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from reequity.errors import ConfigurationError, EventFormatError
from reequity.study.issues import Issue, with_issues

__all__ = [
    "StudyInputs",
    "catalogue_event_study",
    "catalogue_robustness",
    "prepare_study_inputs",
    "select_events",
]


@dataclass(frozen=True, slots=True)
class StudyInputs:
    """Everything :func:`reequity.event_study` needs, plus what was left out and why.

    Attributes
    ----------
    returns : DataFrame
        Wide simple returns of the securities and their benchmarks.
    events : DataFrame
        One row per (event, ticker) pair: ``event_id, date, time, timezone, ticker``.
    benchmark : dict
        Ticker -> benchmark column of ``returns``.
    calendars : dict
        Ticker -> exchange code (day 0 and event time on that exchange's sessions).
    price_limits : dict
        Ticker -> daily price limit (A-shares only): a float, or a Series of limits by
        the date each applies from (ChiNext: 0.10, then 0.20 from 2020-08-24).
    confounders : DataFrame
        Catalogue events flagged as confounders (``event_id, date, time, timezone, title``).
    skipped : DataFrame
        ``event_id, ticker, reason`` for pairs left out (not yet a rare-earth business,
        no data at the event date).
    groups, kinds : dict
        Ticker -> the universe's ``group`` (CN, ex-CN) and ``kind`` (stock, etf, basket,
        index): only stocks are pooled, the rest are reported as their own groups.
    basis_issues : DataFrame
        ``ticker, benchmark, ticker_basis, benchmark_basis, message`` for securities whose
        benchmark has another return basis (dividends in one, not the other).
    exclude : DataFrame
        Every row of the events table (``date, time, timezone``, every ticker) and each
        price-only series' ex-dividend days (``ticker, date``): their sessions leave the
        estimation windows (``clean_estimation``), studied or not.
    ex_dividends : DataFrame
        ``ticker, date`` of the ex-dividend days of price-only series (where a source
        lists them, :func:`reequity.data.prices.ex_dividend_dates`): flagged in ``ar``.
    """

    returns: pd.DataFrame
    events: pd.DataFrame
    benchmark: dict[str, str]
    calendars: dict[str, str]
    price_limits: dict[str, float | pd.Series]
    confounders: pd.DataFrame
    skipped: pd.DataFrame = field(default_factory=pd.DataFrame)
    groups: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    basis_issues: pd.DataFrame = field(default_factory=pd.DataFrame)
    exclude: pd.DataFrame = field(default_factory=pd.DataFrame)
    ex_dividends: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=["ticker", "date"])
    )


def select_events(
    events: pd.DataFrame, event_ids: Sequence[str] | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split an events table into the events to study and the confounders.

    Parameters
    ----------
    events : DataFrame
        Catalogue-style events (``event_id, date`` and optionally ``confounder``).
    event_ids : sequence of str, optional
        Keep only these events (in this order). Unknown ids raise ``ConfigurationError``.

    Returns
    -------
    (study_events, confounders) : tuple of DataFrame
    """
    is_conf = (
        events["confounder"].fillna(False).astype(bool)
        if "confounder" in events
        else pd.Series(False, index=events.index)
    )
    study, conf = events.loc[~is_conf], events.loc[is_conf]
    if event_ids:
        known = set(events["event_id"])
        unknown = [e for e in event_ids if e not in known]
        if unknown:
            raise ConfigurationError(
                f"unknown event id(s) {', '.join(map(repr, unknown))}; "
                "run `reequity events list` to see the valid ids"
            )
        # an explicitly requested confounder is studied, not used as a warning
        study = events.set_index("event_id").loc[list(event_ids)].reset_index()
        conf = conf.loc[~conf["event_id"].isin(event_ids)]
    if study.empty:
        raise EventFormatError("no events to study: the events table holds only confounders")
    cols = [c for c in ("event_id", "date", "time", "timezone", "title") if c in conf]
    return study.reset_index(drop=True), conf[cols].reset_index(drop=True)


def _pair_events(
    events: pd.DataFrame, tickers: Sequence[str], returns: pd.DataFrame, universe: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Cross events with tickers, keeping pairs where the ticker was a rare-earth business
    with data at the event date."""
    rows, skipped = [], []
    for ticker in tickers:
        valid = returns[ticker].dropna().index
        first = valid.min() if len(valid) else pd.NaT
        last = valid.max() if len(valid) else pd.NaT
        re_from = universe.at[ticker, "rare_earth_from"] if ticker in universe.index else pd.NaT
        for ev in events.itertuples(index=False):
            date = pd.Timestamp(ev.date)
            if pd.notna(re_from) and date < re_from:
                reason = f"not a rare-earth business before {re_from:%Y-%m-%d}"
            elif pd.isna(first) or date < first or date > last:
                span = "no data" if pd.isna(first) else f"data {first:%Y-%m-%d}..{last:%Y-%m-%d}"
                reason = f"event date outside the security's data ({span})"
            else:
                rows.append({**ev._asdict(), "ticker": ticker})
                continue
            skipped.append({"event_id": ev.event_id, "ticker": ticker, "reason": reason})
    paired = pd.DataFrame(rows, columns=[*events.columns, "ticker"])
    return paired, pd.DataFrame(skipped, columns=["event_id", "ticker", "reason"])


def _first_skip(skipped: pd.DataFrame, events: pd.DataFrame) -> str:
    """Name the first skipped pair: event id, its date, ticker and why (for error messages)."""
    if skipped.empty:
        return "no events to study"
    first = skipped.iloc[0]
    dates = pd.to_datetime(events.drop_duplicates("event_id").set_index("event_id")["date"])
    when = dates.get(first["event_id"])
    on = f" on {pd.Timestamp(when):%Y-%m-%d}" if when is not None and pd.notna(when) else ""
    return (
        f"event {first['event_id']!r}{on} for {first['ticker']}: {first['reason']} "
        f"({len(skipped)} pair(s) skipped); pick events inside the data or other tickers"
    )


def _cached(cache_dir: str | Path | None = None) -> set[str]:
    from reequity.data.cache import cache_layers

    return {
        str(entry.get("ticker"))
        for layer in cache_layers(cache_dir)
        for entry in layer.manifest().values()
    }


def default_tickers(universe: pd.DataFrame, cache_dir: str | Path | None = None) -> list[str]:
    """The non-benchmark securities of the universe that some cache layer holds."""
    available = _cached(cache_dir)
    keep = universe.loc[~universe["is_benchmark"].astype(bool)]
    return [t for t in keep.index if t in available]


def prepare_study_inputs(
    events: pd.DataFrame,
    *,
    tickers: Sequence[str] | None = None,
    event_ids: Sequence[str] | None = None,
    benchmark: str | None = None,
    cache_dir: str | Path | None = None,
    firm_news: pd.DataFrame | bool = True,
) -> StudyInputs:
    """Join universe, cache and events into the inputs of an event study.

    Parameters
    ----------
    events : DataFrame
        Events with ``event_id, date`` (optionally ``time, timezone, title, confounder``),
        e.g. :func:`reequity.load_catalogue`.
    tickers : sequence of str, optional
        Universe ticker ids; default all non-benchmark securities in the shipped cache.
    event_ids : sequence of str, optional
        Study only these events.
    benchmark : str, optional
        One benchmark ticker for every security, instead of each one's own market index.
        By default each security's index on the same return basis is used where cached
        (CSI300TR for A-shares, SPY for US names; ASX names stay on the price index
        ASX200); a remaining basis mismatch warns (``ReturnBasisWarning``) and is listed
        in ``basis_issues``.
    cache_dir : path, optional
        Writable cache folder (default: see :func:`reequity.load_returns`).
    firm_news : DataFrame or bool, default True
        Firm-specific news (:func:`reequity.events.firm_news.load_firm_news`; True: the
        shipped table, False: none). Each item becomes a confounder of its own ticker.

    Returns
    -------
    StudyInputs
    """
    from reequity.data.basis import ReturnBasisWarning, basis_mismatches, consistent_benchmark
    from reequity.data.prices import load_returns
    from reequity.data.universe import load_universe, price_limit_schedule, validate_tickers

    universe = load_universe()
    tickers = validate_tickers(tickers) if tickers else default_tickers(universe, cache_dir)
    study_events, confounders = select_events(events, event_ids)
    if benchmark is not None:
        (benchmark,) = validate_tickers([benchmark])
        tickers = [t for t in tickers if t != benchmark]
        if not tickers:
            raise ConfigurationError(
                f"the only ticker given is the benchmark {benchmark!r}; pass other tickers "
                "or another benchmark"
            )
    benchmark_of = {t: benchmark or universe.at[t, "benchmark"] for t in tickers}
    missing_bm = [t for t, b in benchmark_of.items() if not isinstance(b, str) or not b]
    if missing_bm:
        raise ConfigurationError(
            f"ticker(s) {', '.join(missing_bm)} are benchmarks themselves or have none; "
            "pick securities with a benchmark in the universe"
        )
    if benchmark is None:
        available = _cached(cache_dir)
        benchmark_of = {
            t: consistent_benchmark(t, b, available=available, cache_dir=cache_dir)
            for t, b in benchmark_of.items()
        }
    basis_issues = basis_mismatches(benchmark_of, cache_dir=cache_dir)
    for message in basis_issues["message"]:
        warnings.warn(message, ReturnBasisWarning, stacklevel=2)
    columns = list(dict.fromkeys([*tickers, *benchmark_of.values()]))
    returns = load_returns(columns, cache_dir=cache_dir)
    paired, skipped = _pair_events(study_events, tickers, returns, universe)
    if paired.empty:
        raise EventFormatError(
            f"no (event, ticker) pair has data: {_first_skip(skipped, study_events)}"
        )
    confounders = _with_firm_news(confounders, firm_news, tickers)
    exchanges = {t: universe.at[t, "exchange"] for t in columns}
    schedules = {t: price_limit_schedule(t) for t in tickers}
    limits = {t: v for t, v in schedules.items() if v is not None}
    ex_days = ex_dividend_days(tickers, cache_dir=cache_dir)
    return StudyInputs(
        returns=returns,
        events=paired,
        benchmark=benchmark_of,
        calendars=exchanges,
        price_limits=limits,
        confounders=confounders,
        skipped=skipped,
        groups={t: universe.at[t, "group"] for t in tickers},
        kinds={t: universe.at[t, "kind"] for t in tickers},
        basis_issues=basis_issues,
        exclude=pd.concat(
            [events[[c for c in ("date", "time", "timezone") if c in events]], ex_days],
            ignore_index=True,
        ),
        ex_dividends=ex_days,
    )


def ex_dividend_days(
    tickers: Sequence[str], *, cache_dir: str | Path | None = None
) -> pd.DataFrame:
    """``ticker, date`` of the known ex-dividend days of the price-only ``tickers``.

    A price-only return falls by the dividend on its ex-day, which a study would read as an
    abnormal return; total-return series carry the dividend and have none here.
    """
    from reequity.data.prices import ex_dividend_dates

    rows = [(t, d) for t in tickers for d in ex_dividend_dates(t, cache_dir=cache_dir)]
    return pd.DataFrame(rows, columns=["ticker", "date"])


def _with_firm_news(
    confounders: pd.DataFrame, firm_news: pd.DataFrame | bool, tickers: Sequence[str]
) -> pd.DataFrame:
    """Append the studied tickers' own news to the confounders (one row per item)."""
    from reequity.events.firm_news import firm_news_confounders, load_firm_news

    if firm_news is False:
        return confounders
    news = load_firm_news() if firm_news is True else firm_news
    news = news[news["ticker"].isin(list(tickers))]
    if news.empty:
        return confounders
    return pd.concat([confounders, firm_news_confounders(news)], ignore_index=True)


def catalogue_event_study(
    *,
    tickers: Sequence[str] | None = None,
    event_ids: Sequence[str] | None = None,
    events: pd.DataFrame | None = None,
    benchmark: str | None = None,
    cache_dir: str | Path | None = None,
    **study_options: object,
):
    """Run the event study of catalogue events on the shipped rare-earth universe.

    Each security is measured against its own market benchmark, with event time counted
    on its own exchange's sessions. The pooled rows hold the stocks only; ETFs and the
    basket, and the stocks listed in and outside China, are reported as groups
    (``group_caar``, ``group_tests``, ``group_difference``). Events are pooled by their
    ``event_type`` (``pools``, ``pool_tests``, ``pool_difference``): the ``ALL`` rows
    mix export controls with their suspension and Western deals, which cancel.

    Parameters
    ----------
    tickers, event_ids, benchmark, cache_dir
        See :func:`prepare_study_inputs`.
    events : DataFrame, optional
        Events to study instead of the catalogue.
    **study_options
        Passed to :func:`reequity.event_study` (``model``, ``estimation``, ``windows``,
        ``convention``, ``tests``, ``min_estimation``, ``clean_estimation``,
        ``clean_window``, ``exclude``, ``pool_by`` (default ``"event_type"`` when some
        event has one); ``groups`` or ``kinds`` replace the universe's,
        e.g. ``groups={"600111": "miner", ...}``). By default every catalogue row and each
        firm's own news leave the estimation windows (sessions -1..+1 on the firm's
        exchange).

    Returns
    -------
    EventStudyResults

    Examples
    --------
    >>> import reequity as rq
    >>> from reequity.workflows import catalogue_event_study
    >>> res = catalogue_event_study(event_ids=["cn_export_controls_2025_04_04"],
    ...                             tickers=["600111", "LYC.AX"])  # doctest: +SKIP
    """
    from reequity.events.catalogue import load_catalogue
    from reequity.study.engine import event_study
    from reequity.study.pools import default_pool_by

    if events is None:
        events = load_catalogue(include_confounders=True)
    inputs = prepare_study_inputs(
        events, tickers=tickers, event_ids=event_ids, benchmark=benchmark, cache_dir=cache_dir
    )
    results = event_study(
        inputs.returns,
        inputs.events,
        benchmark=inputs.benchmark,
        calendars=inputs.calendars,
        price_limits=inputs.price_limits,
        confounders=inputs.confounders,
        **{
            "groups": inputs.groups,
            "kinds": inputs.kinds,
            "exclude": inputs.exclude,
            # events of opposite expected sign must not cancel in one pooled row
            "pool_by": default_pool_by(inputs.events),
            **study_options,
        },
    )
    results = _flag_ex_dividends(results, inputs.ex_dividends)
    extra = [
        Issue(str(e), str(t), "skipped", str(reason))
        for e, t, reason in inputs.skipped[["event_id", "ticker", "reason"]].itertuples(index=False)
    ]
    if not inputs.basis_issues.empty:
        basis = inputs.basis_issues[["ticker", "message"]].itertuples(index=False)
        extra += [Issue("ALL", str(t), "return_basis", str(m)) for t, m in basis]
    if not extra:
        return results
    return dataclasses.replace(results, issues=with_issues(results.issues, extra))


def _flag_ex_dividends(results, ex_days: pd.DataFrame):
    """Add ``ex_dividend`` to ``ar`` and an ``ex_dividend`` issue per firm-event whose event
    window holds an ex-dividend day of a price-only series (its AR is partly the dividend)."""
    ar = results.ar
    known = set(zip(ex_days["ticker"].astype(str), pd.to_datetime(ex_days["date"]), strict=True))
    flag = [
        (t, d) in known
        for t, d in zip(ar["ticker"].astype(str), pd.to_datetime(ar["date"]), strict=True)
    ]
    ar = ar.assign(ex_dividend=flag)
    hits = ar[ar["ex_dividend"]]
    if hits.empty:
        return dataclasses.replace(results, ar=ar)
    rows = [
        Issue(
            str(e),
            str(t),
            "ex_dividend",
            f"{t} goes ex-dividend on {d:%Y-%m-%d} (tau {tau}): its price-only "
            "return falls by the dividend there, read that AR with care",
        )
        for e, t, d, tau in hits[["event_id", "ticker", "date", "tau"]].itertuples(index=False)
    ]
    return dataclasses.replace(results, ar=ar, issues=with_issues(results.issues, rows))


def catalogue_robustness(
    results,
    grid: pd.DataFrame | None = None,
    *,
    cache_dir: str | Path | None = None,
    pool: str | bool = True,
    **options: object,
):
    """Specification curve of a catalogue study, with the universe's benchmark alternatives.

    With pools of comparable events (the catalogue study pools by ``event_type``) the curve
    re-runs the headline pool's events only (``pool=True``, the largest pool) or the pool
    named by ``pool``, so that its ``ALL`` row is that pool's pooled row; ``pool=False``
    re-runs every event (an ``ALL`` row that mixes pools of opposite expected sign).

    Adds the ``price_index`` benchmark choice: each security measured against the price
    index its total-return benchmark is built on (``total_return_of`` in the universe:
    CSI300 for CSI300TR, SPX for SPY), loaded from the cache beside the study's returns.

    Parameters
    ----------
    results : EventStudyResults
        Output of :func:`catalogue_event_study` (it carries its ``spec``).
    grid : DataFrame, optional
        See :func:`reequity.study.robustness.specification_curve` (default grid).
    cache_dir : path, optional
        Writable cache folder.
    pool : bool or str, default True
        True: the headline pool's events (when the results have pools); a pool's name:
        that pool's events; False: every event of the study.
    **options
        Passed to :func:`reequity.study.robustness.specification_curve`.

    Returns
    -------
    SpecificationCurve
    """
    from reequity.data.prices import load_returns
    from reequity.data.universe import load_universe
    from reequity.study.pools import pool_study
    from reequity.study.robustness import specification_curve

    if results.spec is None:
        raise ConfigurationError("results carry no specification; run catalogue_event_study")
    study = pool_study(results, pool)
    universe = load_universe()
    price_of = universe["total_return_of"].fillna("").astype(str)
    own = study.benchmark if isinstance(study.benchmark, dict) else None
    benchmarks: dict[str, object] = dict(options.pop("benchmarks", None) or {})  # type: ignore[arg-type]
    if own:
        alt = {t: price_of.get(b, "") or b for t, b in own.items()}
        if alt != own:
            missing = sorted(set(alt.values()) - set(study.returns.columns))
            returns = study.returns
            if missing:
                extra = load_returns(missing, cache_dir=cache_dir).reindex(returns.index)
                returns = returns.join(extra)
            study = dataclasses.replace(study, returns=returns)
            benchmarks.setdefault("price_index", alt)
    return specification_curve(study, grid, benchmarks=benchmarks, **options)  # type: ignore[arg-type]
