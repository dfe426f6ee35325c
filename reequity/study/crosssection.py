"""Cross-sectional regression of CARs on firm characteristics, with robust standard errors.

CAR_i = x_i' b + e_i by OLS (statsmodels), one regression per event window, on the
pooled firm-events (stocks) by default. Standard errors are White's (1980)
heteroskedasticity-robust sandwich with the HC1 small-sample factor N / (N - K)
(MacKinnon and White 1985), or one-way clustered by event (Liang and Zeger 1986; the
Stata factor G / (G - 1) (N - 1) / (N - K); Cameron and Miller 2015): firms that share an
event date share its news, so their errors are correlated. With few events, cluster
standard errors are themselves noisy; the t reference uses G - 1 df.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from reequity.errors import ConfigurationError, InsufficientDataError

__all__ = ["CrossSection", "Covariance", "cross_section"]

Covariance = Literal["HC1", "cluster"]
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
TABLE_COLUMNS = [
    "window",
    "term",
    "estimate",
    "std_error",
    "statistic",
    "pvalue",
    "ci_lower",
    "ci_upper",
]
FIT_COLUMNS = ["window", "formula", "cov", "n_obs", "n_clusters", "df", "r_squared"]


@dataclass(frozen=True, slots=True)
class CrossSection:
    """Cross-sectional regressions of CARs, one per window.

    Attributes
    ----------
    table : DataFrame
        window, term, estimate, std_error, statistic (t), pvalue, ci_lower, ci_upper
        (95 %).
    fit : DataFrame
        window, formula, cov, n_obs, n_clusters (events; NaN for HC1), df (of the t
        reference), r_squared.
    """

    table: pd.DataFrame
    fit: pd.DataFrame

    def summary(self) -> str:
        """Deterministic text: one block per window with its fit line."""
        lines = []
        for row in self.fit.itertuples(index=False):
            clusters = "" if pd.isna(row.n_clusters) else f", {int(row.n_clusters)} clusters"
            lines += [
                f"window {row.window}: {row.formula}  ({row.cov} standard errors, "
                f"N={row.n_obs}{clusters}, t df {row.df:g}, R^2 {row.r_squared:.3f})",
                f"{'term':<28}{'estimate':>11}{'std_error':>11}{'t':>8}{'p':>8}",
            ]
            for t in self.table[self.table["window"] == row.window].itertuples(index=False):
                lines.append(
                    f"{t.term[:27]:<28}{t.estimate:>11.5f}{t.std_error:>11.5f}"
                    f"{t.statistic:>8.2f}{t.pvalue:>8.3f}"
                )
            lines.append("")
        return "\n".join(lines).rstrip()


def _formula(spec: str | Sequence[str], outcome: str) -> str:
    if isinstance(spec, str) and "~" in spec:
        return spec
    columns = [c.strip() for c in spec.split(",")] if isinstance(spec, str) else list(spec)
    if not columns or not all(columns):
        raise ConfigurationError(f"no regressors in {spec!r}; give columns, e.g. 'group,size'")
    terms = [c if _NAME.match(c) else f'Q("{c}")' for c in columns]
    return f"{outcome} ~ " + " + ".join(terms)


def _join(car: pd.DataFrame, characteristics: pd.DataFrame | None) -> pd.DataFrame:
    """CARs with the characteristics: on ``ticker`` (and ``event_id`` when given)."""
    if characteristics is None:
        return car
    chars = characteristics
    if "ticker" not in chars.columns:
        if chars.index.name != "ticker":
            raise ConfigurationError(
                "characteristics need a 'ticker' column (or index), and optionally 'event_id'; "
                f"got columns {', '.join(map(str, chars.columns))}"
            )
        chars = chars.reset_index()
    chars = chars.assign(ticker=chars["ticker"].astype(str))
    keys = ["event_id", "ticker"] if "event_id" in chars.columns else ["ticker"]
    if chars.duplicated(keys).any():
        dup = chars.loc[chars.duplicated(keys), keys].iloc[0].tolist()
        raise ConfigurationError(f"characteristics repeat the key {keys}={dup}; give one row each")
    clash = (set(chars.columns) - set(keys)) & set(car.columns)
    chars = chars.rename(columns={c: f"{c}_user" for c in clash}) if clash else chars
    return car.merge(chars, on=keys, how="left")


def cross_section(
    car: pd.DataFrame,
    regressors: str | Sequence[str],
    *,
    characteristics: pd.DataFrame | None = None,
    window: str | Sequence[str] | None = None,
    cov: Covariance = "HC1",
    outcome: Literal["car", "bhar", "scar"] = "car",
) -> CrossSection:
    """Regress CARs on firm characteristics with robust standard errors.

    Parameters
    ----------
    car : DataFrame
        ``EventStudyResults.car`` (or its pooled rows): event_id, ticker, window, car, ...
    regressors : str or sequence of str
        A formula (``"car ~ group + size"``) or column names; text columns enter as
        dummies (first level the base).
    characteristics : DataFrame, optional
        One row per ticker (or per ``event_id`` and ``ticker``) with user columns; a
        column whose name ``car`` already has (e.g. ``group``) is renamed ``<name>_user``.
    window : str or sequence of str, optional
        Window label(s), e.g. ``"-1:1"``; default every window.
    cov : {"HC1", "cluster"}
        HC1 sandwich, or one-way clustered by ``event_id``.
    outcome : {"car", "bhar", "scar"}
        The left-hand side when ``regressors`` lists columns.

    Returns
    -------
    CrossSection

    Raises
    ------
    ConfigurationError
        Unknown column, window or covariance; fewer than 2 events for ``cluster``.
    InsufficientDataError
        Fewer observations than coefficients + 1.
    """
    import statsmodels.formula.api as smf
    from patsy import PatsyError

    if cov not in ("HC1", "cluster"):
        raise ConfigurationError(f"cov {cov!r} is not known; valid: HC1, cluster")
    formula = _formula(regressors, outcome)
    data = _join(car, characteristics)
    known = list(dict.fromkeys(data["window"]))
    chosen = known if window is None else ([window] if isinstance(window, str) else list(window))
    bad = [w for w in chosen if w not in known]
    if bad:
        raise ConfigurationError(f"window(s) {bad} not in the results; valid: {', '.join(known)}")
    tables, fits = [], []
    for label in chosen:
        sub = data[data["window"] == label].reset_index(drop=True)
        try:
            model = smf.ols(formula, sub, missing="drop")
        except (PatsyError, NameError, KeyError, ValueError) as exc:
            first = str(exc).strip().splitlines()[0]
            raise ConfigurationError(
                f"cannot build {formula!r} from columns {', '.join(map(str, data.columns))}: "
                f"{first}"
            ) from None
        tables_row, fit_row = _fit_one(model, sub, label, formula, cov)
        tables.append(tables_row)
        fits.append(fit_row)
    return CrossSection(pd.concat(tables, ignore_index=True), pd.DataFrame(fits)[FIT_COLUMNS])


def _fit_one(model, sub: pd.DataFrame, label: str, formula: str, cov: Covariance):
    """Fit one window's OLS with the chosen covariance; tidy table and fit row."""
    n, k = model.exog.shape
    if n <= k:
        raise InsufficientDataError(
            f"window {label}: {n} observation(s) for {k} coefficient(s) in {formula!r}; "
            "use fewer regressors or more firm-events"
        )
    rows = model.data.row_labels  # rows kept after dropping missing values
    if cov == "cluster":
        clusters = pd.factorize(sub.loc[rows, "event_id"])[0]
        n_clusters = int(clusters.max()) + 1
        if n_clusters < 2:
            raise ConfigurationError(
                f"window {label}: cov='cluster' needs firm-events of at least 2 events "
                f"(clusters); got {n_clusters}. Use cov='HC1'."
            )
        res = model.fit(cov_type="cluster", cov_kwds={"groups": clusters}, use_t=True)
        df = float(n_clusters - 1)
    else:
        res = model.fit(cov_type="HC1", use_t=True)
        n_clusters, df = np.nan, float(n - k)
    ci = res.conf_int(0.05)
    table = pd.DataFrame(
        {
            "window": label,
            "term": [str(t) for t in res.params.index],
            "estimate": res.params.to_numpy(),
            "std_error": res.bse.to_numpy(),
            "statistic": res.tvalues.to_numpy(),
            "pvalue": res.pvalues.to_numpy(),
            "ci_lower": ci.iloc[:, 0].to_numpy(),
            "ci_upper": ci.iloc[:, 1].to_numpy(),
        }
    )[TABLE_COLUMNS]
    fit = {
        "window": label,
        "formula": formula,
        "cov": cov,
        "n_obs": int(n),
        "n_clusters": n_clusters,
        "df": df,
        "r_squared": float(res.rsquared),
    }
    return table, fit
