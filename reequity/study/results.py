"""Results of an event study: a frozen dataclass of tidy long frames."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import pandas as pd

from reequity.errors import ConfigurationError

if TYPE_CHECKING:
    from reequity.study.crosssection import CrossSection

__all__ = ["EventStudyResults"]

_FRAMES = (
    "ar",
    "car",
    "aar",
    "caar",
    "tests",
    "issues",
    "params",
    "group_aar",
    "group_caar",
    "group_tests",
    "group_difference",
    "pools",
    "pool_tests",
    "pool_aar",
    "pool_difference",
)


_EMPTY = pd.DataFrame()


def _empty_frame() -> pd.DataFrame:
    """A fresh empty frame for a result a study did not make (no groups, no pools): a copy
    of one, about three times cheaper than building each of the eight."""
    return _EMPTY.copy()


@dataclass(frozen=True, slots=True)
class EventStudyResults:
    """Tidy results of :func:`reequity.study.engine.event_study`.

    Attributes
    ----------
    ar : DataFrame
        event_id, ticker, tau, date, ret, expected, ar, sar, suspended, limit_hit
        (event-window span taus only).
    car : DataFrame
        event_id, ticker, window, start, end, n_days, car, bhar, scar, kind (stock, etf,
        basket, index), group ("" if none), pooled (bool: in ``aar``/``caar``/``tests``).
    aar : DataFrame
        event_id (each event and ``ALL``), tau, n_firms, aar, caar (cumulated from the
        first tau of the widest window span). ``aar``, ``caar`` and ``tests`` hold the
        pool: the stocks only (every firm-event if the study has no stock).
    caar : DataFrame
        event_id (each + ``ALL``), window, n_firms, caar, mean_bhar, se, ci_lower,
        ci_upper (95 %, cross-sectional Student t: it assumes independent firms),
        robust_se, robust_df, robust_ci_lower, robust_ci_upper (95 %, dependence-robust: the CDA's
        standard error of the window sum of AARs, Brown and Warner 1985, Student t with
        M - 1 df; NaN when the CDA is not among the tests). The headline shows the
        robust interval.
    tests : DataFrame
        event_id (each + ``ALL``), window, tau (Int64, <NA> for window-level tests), test,
        statistic, pvalue, n_firms, note (why a value is NaN).
    issues : DataFrame
        event_id, ticker, kind, message. Kinds: ``dropped`` (too few estimation days, no
        residual variance), ``missing_day0``, ``day0_moved`` (date-only event on a
        non-trading day), ``incomplete_window`` (window past the data), ``overlap``
        (another event's window in this event's estimation or event window),
        ``confounder`` (its day 0 on the ticker's exchange inside a window). A row for
        several tickers has an empty ``ticker`` and names them in the message.
    params : DataFrame
        event_id, ticker, model parameters (alpha, beta, ...), sigma, n_est.
    settings : dict
        The specification used.
    group_aar, group_caar, group_tests : DataFrame
        As ``aar``, ``caar``, ``tests`` with a ``group`` column after ``event_id``: one
        block per stock group (e.g. ``CN``, ``ex-CN``) and per other kind
        (``etf:CN``, ``basket:CN``). Empty without groups.
    group_difference : DataFrame
        event_id, window, group_a, group_b, n_a, n_b, caar_a, caar_b, difference
        (caar_a - caar_b, window sums of the group AARs), test (``long_short_cda``,
        ``long_short_rank``), statistic, pvalue, note: each later stock group against
        each earlier one, valid under a common event date
        (:mod:`reequity.study.statistics.groups`).
    pools : DataFrame
        With ``pool_by``: pool, group (``ALL`` = the pool's pooled firm-events, the
        stocks; then each group), n_events, window, n_firms, caar, mean_bhar, se,
        ci_lower, ci_upper (95 %, cross-sectional), robust_se, robust_df, robust_ci_lower,
        robust_ci_upper (95 %, the CDA's, as in ``caar``) and ``<test>_stat``/``<test>_p`` of each
        computed dependence-robust test. Pools are ordered largest first, ``unpooled``
        last; each row equals the ``ALL`` row of a study of the pool's events alone
        (:mod:`reequity.study.pools`). Empty without ``pool_by``.
    pool_tests : DataFrame
        pool, group, window, test, statistic, pvalue, n_firms, note: every test's
        window-level row for each pool and group.
    pool_aar : DataFrame
        pool, group, tau, n_firms, aar, caar: each pool's (and group's) AAR path, as
        ``aar``; ``reequity.study.pools.pool_as_event`` shapes one pool for the plots.
    pool_difference : DataFrame
        pool, n_events, then the columns of ``group_difference`` from window on: the
        long-short tests of each later stock group minus each earlier one in each pool.
    """

    ar: pd.DataFrame
    car: pd.DataFrame
    aar: pd.DataFrame
    caar: pd.DataFrame
    tests: pd.DataFrame
    issues: pd.DataFrame
    params: pd.DataFrame
    settings: dict[str, Any] = field(default_factory=dict)
    group_aar: pd.DataFrame = field(default_factory=_empty_frame)
    group_caar: pd.DataFrame = field(default_factory=_empty_frame)
    group_tests: pd.DataFrame = field(default_factory=_empty_frame)
    group_difference: pd.DataFrame = field(default_factory=_empty_frame)
    pools: pd.DataFrame = field(default_factory=_empty_frame)
    pool_tests: pd.DataFrame = field(default_factory=_empty_frame)
    pool_aar: pd.DataFrame = field(default_factory=_empty_frame)
    pool_difference: pd.DataFrame = field(default_factory=_empty_frame)
    spec: Any = field(default=None, repr=False, compare=False)

    def robustness(
        self, grid: pd.DataFrame | None = None, *, pool: str | bool = False, **options: Any
    ) -> Any:
        """Specification curve of this study over ``grid`` (default: the documented grid).

        Re-runs the specification that made these results (``spec``, an
        :class:`~reequity.study.engine.EventStudy`) over the grid's choices; see
        :func:`reequity.study.robustness.specification_curve` for ``options``. With pools
        of comparable events, ``pool=True`` re-runs only the headline pool's events (the
        largest pool) and ``pool="<name>"`` that pool's, so that the curve's ``ALL`` row is
        the pool's pooled row (:func:`reequity.study.pools.pool_study`); the default re-runs
        every event.
        """
        from reequity.study.pools import pool_study
        from reequity.study.robustness import specification_curve

        if self.spec is None:
            raise ConfigurationError(
                "these results do not carry the specification that made them; run "
                "specification_curve(EventStudy(...), grid) instead"
            )
        return specification_curve(pool_study(self, pool), grid, **options)

    def conf_int(
        self,
        level: float = 0.95,
        *,
        event_id: str | None = None,
        kind: Literal["robust", "cross_sectional"] = "robust",
    ) -> pd.DataFrame:
        """CAAR confidence intervals at ``level``: event_id, window, caar, lower, upper.

        ``kind="robust"`` (default): the CDA's standard error of the window sum of AARs
        (Brown and Warner 1985; ``caar.robust_se``), Student t with M - 1 degrees of
        freedom (M estimation days), valid when firms share an event date; NaN when the
        CDA was not among the tests. ``kind="cross_sectional"``: Student t with N - 1
        degrees of freedom on the cross-sectional standard error (``caar.se``, the t_cs
        test's), which ignores the cross-correlation of firms sharing an event date.
        """
        from scipy import stats

        if not 0 < level < 1:
            raise ConfigurationError(f"level={level!r}; give a level between 0 and 1, e.g. 0.95")
        if kind not in ("robust", "cross_sectional"):
            raise ConfigurationError(f"kind={kind!r}; give 'robust' or 'cross_sectional'")
        c = self.caar if event_id is None else self.caar[self.caar["event_id"] == event_id]
        if kind == "robust":
            se, df = c["robust_se"], c["robust_df"].where(c["robust_df"] >= 1)
        else:
            se, df = c["se"], (c["n_firms"] - 1).where(c["n_firms"] > 1)
        q = stats.t.ppf(0.5 + level / 2, df)
        return pd.DataFrame(
            {
                "event_id": c["event_id"].to_numpy(),
                "window": c["window"].to_numpy(),
                "caar": c["caar"].to_numpy(),
                "lower": (c["caar"] - q * se).to_numpy(),
                "upper": (c["caar"] + q * se).to_numpy(),
            }
        )

    def to_frame(self, name: str = "caar") -> pd.DataFrame:
        """Return one of the result frames by name (a copy)."""
        if name not in _FRAMES:
            raise ConfigurationError(f"no result frame {name!r}; valid: {', '.join(_FRAMES)}.")
        return getattr(self, name).copy()

    def window_tests(self, event_id: str = "ALL") -> pd.DataFrame:
        """Window-level tests of one event (or ``ALL``) as a window x test table."""
        t = self.tests[(self.tests["event_id"] == event_id) & self.tests["tau"].isna()]
        return t.pivot_table(index="window", columns="test", values="statistic", sort=False)

    def summary(self, *, tests: tuple[str, ...] | None = None) -> str:
        """Deterministic text summary: CAARs with the dependence-robust tests.

        The headline names each robust statistic with its paper and p-value (no count of
        "significant" tests: they overlap); a statistic identical to another in a row (the
        portfolio test and the CDA with one day-0 date) is shown once, as ``= CDA``.
        Group rows and the group-difference tests follow when the study has groups.

        Parameters
        ----------
        tests : tuple of str, optional
            Tests to show (default: ``cda``, ``kolari_pynnonen``, ``grank``, ``portfolio``
            and ``t_cs`` when computed).
        """
        from reequity.study.headline import headline
        from reequity.study.statistics import ROBUST_TESTS

        shown = tests or tuple(t for t in (*ROBUST_TESTS, "t_cs") if t in set(self.tests["test"]))
        s = self.settings
        lines = [
            "Event study",
            f"model: {s.get('model')}  convention: {s.get('convention')}  "
            f"estimation: {s.get('estimation')}  windows: {', '.join(s.get('windows', []))}",
            f"firm-events: {s.get('n_firm_events')}  events: {s.get('n_events')}  "
            f"issues: {len(self.issues)}",
            "",
            headline(self, tuple(t for t in shown if t != "t_cs")),
            "",
            *_table(self.caar, self.tests, shown),
        ]
        if not self.group_caar.empty:
            lines += ["", "Groups", *_table(self.group_caar, self.group_tests, shown)]
        if not self.pools.empty:
            caar, tests = _pool_view(self.pools, self.pool_tests)
            lines += ["", f"Pools (by {s.get('pool_by')})", *_table(caar, tests, shown)]
        return "\n".join(lines)

    def cross_section(
        self,
        regressors: str | Sequence[str],
        *,
        characteristics: pd.DataFrame | None = None,
        window: str | Sequence[str] | None = None,
        cov: Literal["HC1", "cluster"] = "HC1",
        pooled: bool = True,
        outcome: Literal["car", "bhar", "scar"] = "car",
    ) -> CrossSection:
        """Regress CARs on firm characteristics (statsmodels OLS, robust standard errors).

        Parameters
        ----------
        regressors : str or sequence of str
            A formula (``"car ~ group + size"``) or column names of ``car`` (``group``,
            ``kind``) and of ``characteristics``; text columns enter as dummies.
        characteristics : DataFrame, optional
            One row per ``ticker`` (or per ``event_id`` and ``ticker``).
        window : str or sequence of str, optional
            Window label(s); default every window.
        cov : {"HC1", "cluster"}
            White/HC1 sandwich, or one-way clustered by event (firms sharing an event
            date share its news).
        pooled : bool, default True
            Use the pooled firm-events only (stocks; ETFs and baskets hold them).
        outcome : {"car", "bhar", "scar"}
            Left-hand side when ``regressors`` lists columns.

        Returns
        -------
        CrossSection
            ``table`` (window, term, estimate, std_error, statistic, pvalue, ci_lower,
            ci_upper), ``fit`` (window, formula, cov, n_obs, n_clusters, df,
            r_squared) and ``summary()``; see :func:`reequity.study.crosssection.cross_section`.
        """
        from reequity.study.crosssection import cross_section

        car = self.car
        if pooled and "pooled" in car:
            car = car[car["pooled"].astype(bool)]
        return cross_section(
            car,
            regressors,
            characteristics=characteristics,
            window=window,
            cov=cov,
            outcome=outcome,
        )

    def plot(
        self, kind: Literal["caar", "car_heatmap"] = "caar", ax: Any = None, **kwargs: Any
    ) -> Any:
        """Plot CAAR paths or a CAR heatmap via :mod:`reequity.plots` (imported lazily)."""
        from reequity import plots

        if kind == "caar":
            return plots.plot_caar(self, ax=ax, **kwargs)
        if kind == "car_heatmap":
            return plots.plot_car_heatmap(self, ax=ax, **kwargs)
        raise ConfigurationError(f"plot kind {kind!r} is not known; valid: caar, car_heatmap.")

    def _repr_html_(self) -> str:
        """The headline table (as the CLI's and the report's), not the full frames."""
        from html import escape

        from reequity.study.headline import LABELS, headline_frame

        frame = headline_frame(self)
        window = str(self.caar["window"].iloc[0]) if not self.caar.empty else ""
        s = self.settings
        title = (
            f"<h4>Event study ({escape(str(s.get('model')))}, {escape(str(s.get('convention')))}): "
            f"{s.get('n_firm_events')} firm-events, {s.get('n_events')} events, "
            f"{len(self.issues)} issues; window {escape(window)}</h4>"
        )
        papers = "; ".join(f"{label} = {paper}" for label, paper in LABELS.values())
        note = (
            "<p>CAAR and its dependence-robust 95% interval (the CDA's) in percent; "
            "dependence-robust tests as statistic "
            f"(p): {escape(papers)}. Every window and test: <code>.caar</code>, "
            "<code>.tests</code>, <code>.pools</code>, <code>.group_caar</code>, "
            "<code>.issues</code>; <code>.summary()</code> as text.</p>"
        )
        table = frame.to_html(index=False, float_format=lambda x: f"{x:+.2f}")
        return title + table + note

    def __repr__(self) -> str:
        return (
            f"EventStudyResults(model={self.settings.get('model')!r}, "
            f"firm_events={self.settings.get('n_firm_events')}, windows={self.settings.get('windows')})"
        )


def _pool_view(pools: pd.DataFrame, tests: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``pools`` and ``pool_tests`` shaped as ``group_caar``/``group_tests`` for
    :func:`_table`: the event id reads ``ALL <pool> (<n events>)``."""
    from reequity.study.headline import pool_label

    n_events = pools.drop_duplicates("pool").set_index("pool")["n_events"]
    labels = {p: pool_label(p, int(n)) for p, n in n_events.items()}
    caar = pools.assign(event_id=pools["pool"].map(labels))
    tests = tests.assign(event_id=tests["pool"].map(labels), tau=pd.NA)
    return caar, tests


def _table(caar: pd.DataFrame, tests: pd.DataFrame, shown: tuple[str, ...]) -> list[str]:
    """Rows of CAAR and ``statistic (p=...)`` cells, one line per (event[, group], window)."""
    from reequity.study.headline import robust_cells

    cells = robust_cells(tests, shown)
    has_group = "group" in caar.columns
    # the id column is as wide as the longest id, so ids are never cut
    width = max([8, *(len(str(e)) for e in caar["event_id"])]) + 2
    gw = max([6, *(len(str(g)) for g in caar["group"])]) + 2 if has_group else 0
    head = f"{'event_id':<{width}}" + (f"{'group':<{gw}}" if has_group else "")
    lines = [head + f"{'window':>8}{'N':>6}{'CAAR':>11}" + "".join(f"{t[:15]:>17}" for t in shown)]
    for row in caar.itertuples(index=False):
        key = (row.event_id, row.group, row.window) if has_group else (row.event_id, row.window)
        text = [
            cells.at[key, t] if key in cells.index and t in cells.columns else "" for t in shown
        ]
        group = f"{row.group:<{gw}}" if has_group else ""
        lines.append(
            f"{str(row.event_id):<{width}}{group}{row.window:>8}{row.n_firms:>6}"
            f"{row.caar:>11.5f}" + "".join(f"{c or 'nan':>17}" for c in text)
        )
    return lines
