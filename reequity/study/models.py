"""Expected-return models fitted on the estimation window, all firm-events at once.

Each model is fitted in closed form over an (n firm-events x L taus) array with NaN
masks, so there is no per-firm loop. The fit also carries what the prediction-error
variance needs: for a linear model with design X and estimation design X_e,
Var(AR_t) = sigma^2 (1 + x_t' (X_e' X_e)^-1 x_t) (Campbell, Lo and MacKinlay 1997, ch. 4).

Every model is an entry of the registry :data:`MODELS` (name, paper, needs, options,
fit); the engine, the CLI and their messages read it, so a new model is one
``MODELS.register(ModelEntry(...))`` call, here or in your own code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from reequity.errors import ConfigurationError
from reequity.study.arrays import take_cols
from reequity.study.conventions import DEFAULT_CONVENTION, residual_dof
from reequity.study.registry import ModelEntry, Registry

__all__ = [
    "DEFAULT_MODEL",
    "DIMSON_LAGS",
    "MODELS",
    "Model",
    "ModelEntry",
    "ModelFit",
    "ModelInput",
    "fit_model",
]

#: a model name: any name registered in :data:`MODELS`
Model = str
#: the registry of expected-return models, in the order of ``--help`` and messages
MODELS: Registry[ModelEntry] = Registry("model")
#: the default model of a study
DEFAULT_MODEL: Model = "market"
#: Dimson's default number of lags (and leads) of the market return
DIMSON_LAGS = 1


@dataclass(frozen=True, slots=True)
class ModelInput:
    """What a model's fit reads: the event-time panel of one study.

    ``bench`` carries ``pad`` extra taus on each side of ``ret``'s taus (lags and
    leads of the market); :attr:`market` is the contemporaneous part.
    """

    ret: np.ndarray  # (n, L) security returns in event time
    bench: np.ndarray  # (n, L + 2 pad) benchmark returns
    est: np.ndarray  # (L,) bool, estimation-window taus
    pad: int = 0
    factors: np.ndarray | None = None  # (n, L, F) factor returns, for models that need them
    convention: str = DEFAULT_CONVENTION
    options: Mapping[str, Any] = field(default_factory=dict)

    @property
    def market(self) -> np.ndarray:
        """The benchmark return on ``ret``'s taus, (n, L)."""
        return self.bench[:, self.pad : self.pad + self.ret.shape[1]]

    def dof(self, k: int) -> int:
        """Degrees of freedom lost in the residual variance by ``k`` parameters."""
        return residual_dof(k, self.convention)


@dataclass(frozen=True, slots=True)
class ModelFit:
    """Fitted expected returns and what SAR/SCAR need.

    ``kind`` says how the prediction-error term is computed: ``"none"`` (no estimated
    parameters), ``"market"`` (closed form with ``mbar`` and ``sxx``) or ``"general"``
    (design ``x`` and inverse moment matrix ``inv``). The market model keeps no (n, L)
    ``expected`` array: :meth:`expected_rows` computes alpha + beta m per block of rows.
    """

    expected: np.ndarray | None  # (n, L), None for the market model (see expected_rows)
    sigma: np.ndarray  # (n,)
    n_est: np.ndarray  # (n,)
    k: int
    params: pd.DataFrame
    kind: str
    m: np.ndarray | None = None  # (n, L) regressor for the market closed form
    mbar: np.ndarray | None = None
    sxx: np.ndarray | None = None
    x: np.ndarray | None = None  # (n, L, k)
    inv: np.ndarray | None = None  # (n, k, k)
    alpha: np.ndarray | None = None  # (n,) market model
    beta: np.ndarray | None = None  # (n,) market model

    def expected_rows(self, rows: slice) -> np.ndarray:
        """Expected returns of firm-events ``rows``, (rows, L)."""
        if self.expected is not None:
            return self.expected[rows]
        # beta m, then alpha added in place: the same sums as alpha + beta m (addition
        # commutes exactly), one (rows, L) array instead of two
        out = np.multiply(self.beta[rows, None], self.m[rows])
        out += self.alpha[rows, None]
        return out

    def quad(self, w: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Return s' (X_e'X_e)^-1 s with s = sum_t w_t x_t over taus ``cols``; w is (n, C)."""
        if self.kind == "none":
            return np.zeros(w.shape[0])
        if self.kind == "market":
            sw = w.sum(axis=1)
            dev = np.where(w != 0, w * (self.m[:, cols] - self.mbar[:, None]), 0.0).sum(axis=1)
            # a firm-event without estimation data (n_est = 0, sxx = 0) gets NaN here and
            # is dropped by the engine's screen: the division is expected to fail there
            with np.errstate(divide="ignore", invalid="ignore"):
                return sw**2 / self.n_est + dev**2 / self.sxx
        s = np.einsum("nl,nlk->nk", w, np.nan_to_num(self.x[:, cols]))
        return np.einsum("nk,nkj,nj->n", s, self.inv, s)

    def daily_factor(self, cols: np.ndarray) -> np.ndarray:
        """Prediction-error factor c_t = 1 + x_t'(X_e'X_e)^-1 x_t on taus ``cols``, (n, C)."""
        if self.kind == "none":
            return np.ones((len(self.sigma), len(cols)))
        if self.kind == "market":
            dev = self.m[:, cols] - self.mbar[:, None]
            with np.errstate(divide="ignore", invalid="ignore"):  # NaN for n_est = 0 (dropped)
                return 1.0 + 1.0 / self.n_est[:, None] + dev**2 / self.sxx[:, None]
        x = self.x[:, cols]
        return 1.0 + np.einsum("nlk,nkj,nlj->nl", x, self.inv, x)


def _masked_mean(a: np.ndarray, w: np.ndarray, n: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(w, a, 0.0).sum(axis=1) / n


def _sigma(resid: np.ndarray, w: np.ndarray, n: np.ndarray, dof_loss: int) -> np.ndarray:
    """Residual standard deviation over the estimation mask with divisor n - dof_loss."""
    r = np.where(w, resid, 0.0)
    if dof_loss <= 1:  # mean not otherwise removed: centre first (sample variance)
        r = np.where(w, r - (r.sum(axis=1) / np.maximum(n, 1))[:, None], 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.sqrt((r**2).sum(axis=1) / (n - max(dof_loss, 1)))


_CHUNK = 2048  # firm-events per block: keeps temporaries small (no page-fault storms)


def _fit_market(y: np.ndarray, m: np.ndarray, est: np.ndarray, divisor_k: int) -> ModelFit:
    """OLS y = alpha + beta m on the estimation mask, from masked moment sums.

    Residual variance RSS / (M - divisor_k) with RSS = S_yy - beta S_xy (centred sums);
    with an intercept the residuals have mean zero, so ``divisor_k = 1`` equals R's sd().
    Vectorised over blocks of firm-events (the loop is over blocks, not firms).
    """
    n_all = y.shape[0]
    n, mbar, sxx, beta, alpha, sigma = (np.empty(n_all) for _ in range(6))
    for lo in range(0, n_all, _CHUNK):
        b = slice(lo, lo + _CHUNK)
        ye, me = take_cols(y[b], est), take_cols(m[b], est)
        # no missing return (the usual case) shows in the row sums, which the means need
        # anyway: a NaN or inf makes its row's sum non-finite (then, or on an overflow,
        # the masked passes run); the sums are the same ones either way
        with np.errstate(invalid="ignore", over="ignore"):
            ysum, msum = ye.sum(axis=1), me.sum(axis=1)
        m_full = bool(np.isfinite(msum).all())  # a finite row sum: every value finite
        full = m_full and bool(np.isfinite(ysum).all())
        # a cleaned panel misses returns, rarely the market: then y's mask is the mask
        w = None if full else np.isfinite(ye) if m_full else np.isfinite(ye) & np.isfinite(me)
        nb = np.full(len(ye), float(ye.shape[1])) if full else w.sum(axis=1).astype(float)
        with np.errstate(invalid="ignore", divide="ignore"):
            ybar = (ysum if full else np.where(w, ye, 0.0).sum(axis=1)) / nb
            mb = (msum if full else np.where(w, me, 0.0).sum(axis=1)) / nb
            dm, dy = me - mb[:, None], ye - ybar[:, None]
            if not full:
                dm[~w], dy[~w] = 0.0, 0.0
            sxx[b] = np.einsum("ij,ij->i", dm, dm)
            syy, sxy = np.einsum("ij,ij->i", dy, dy), np.einsum("ij,ij->i", dm, dy)
            beta[b] = sxy / sxx[b]
            sigma[b] = np.sqrt(np.maximum(syy - beta[b] * sxy, 0.0) / (nb - divisor_k))
        alpha[b] = ybar - beta[b] * mb
        n[b], mbar[b] = nb, mb
    params = pd.DataFrame({"alpha": alpha, "beta": beta})
    return ModelFit(
        None, sigma, n, 2, params, "market", m=m, mbar=mbar, sxx=sxx, alpha=alpha, beta=beta
    )


def _fit_general(
    y: np.ndarray, x: np.ndarray, est: np.ndarray, names: list[str], divisor_k: int | None
) -> ModelFit:
    """Batched OLS y = X b with NaN masks via the normal equations."""
    k = x.shape[2]
    w = est[None, :] & np.isfinite(y) & np.isfinite(x).all(axis=2)
    n = w.sum(axis=1).astype(float)
    xw = np.where(w[:, :, None], x, 0.0)
    xtx = np.einsum("nlk,nlj->nkj", xw, xw)
    xty = np.einsum("nlk,nl->nk", xw, np.where(w, y, 0.0))
    ok = n > k
    inv = np.full_like(xtx, np.nan)
    if ok.any():
        inv[ok] = np.linalg.pinv(xtx[ok])
    b = np.einsum("nkj,nj->nk", inv, xty)
    expected = np.einsum("nlk,nk->nl", x, b)
    sigma = _sigma(y - expected, w, n, k if divisor_k is None else divisor_k)
    params = pd.DataFrame(b, columns=names)
    return ModelFit(expected, sigma, n, k, params, "general", x=x, inv=inv)


def fit_model(
    ret: np.ndarray,
    bench: np.ndarray,
    est: np.ndarray,
    *,
    model: Model,
    pad: int = 0,
    lags: int = DIMSON_LAGS,
    factors: np.ndarray | None = None,
    convention: str = DEFAULT_CONVENTION,
    options: Mapping[str, Any] | None = None,
) -> ModelFit:
    """Fit an expected-return model to every firm-event at once.

    Parameters
    ----------
    ret : ndarray (n, L)
        Security returns in event time.
    bench : ndarray (n, L + 2 pad)
        Benchmark returns in event time with ``pad`` extra taus each side.
    est : ndarray (L,) of bool
        Estimation-window taus.
    model : str
        A name registered in :data:`MODELS`: ``market`` is the OLS market model;
        ``scholes_williams`` uses beta = (b_-1 + b_0 + b_+1) / (1 + 2 rho_m) (Scholes and
        Williams 1977); ``dimson`` regresses on lags..leads of the market (Dimson 1979)
        and predicts with the full regression; ``factor`` regresses on the user's factor
        returns; ``constant_mean`` and ``market_adjusted`` estimate no slope.
    lags : int, default 1
        Dimson's lags (the ``dimson_lags`` option).
    convention : {"textbook", "estudy2"}
        ``textbook`` divides the residual sum of squares by M - k, ``estudy2`` by M - 1.
    options : Mapping, optional
        The model's other options (see its entry's ``options``).

    Returns
    -------
    ModelFit
    """
    entry = MODELS.entry(model)
    values = {**entry.options, **({"dimson_lags": lags} if "dimson_lags" in entry.options else {})}
    values.update(options or {})
    return entry.fit(ModelInput(ret, bench, est, pad, factors, convention, values))


def _market(x: ModelInput) -> ModelFit:
    return _fit_market(x.ret, x.market, x.est, x.dof(2))


def _constant_mean(x: ModelInput) -> ModelFit:
    ones = np.ones(x.ret.shape + (1,))
    return _fit_general(x.ret, ones, x.est, ["alpha"], None)  # sample variance in both


def _market_adjusted(x: ModelInput) -> ModelFit:
    m = x.market
    w = x.est[None, :] & np.isfinite(x.ret) & np.isfinite(m)
    n = w.sum(axis=1).astype(float)
    sigma = _sigma(x.ret - m, w, n, 1)
    params = pd.DataFrame({"alpha": 0.0, "beta": np.ones(len(x.ret))})
    return ModelFit(m.copy(), sigma, n, 0, params, "none")


def _dimson(x: ModelInput) -> ModelFit:
    lags, pad, L = int(x.options["dimson_lags"]), x.pad, x.ret.shape[1]
    if pad < lags:
        raise ConfigurationError(f"dimson needs pad >= lags; got pad={pad}, lags={lags}.")
    cols = [x.bench[:, pad + j : pad + j + L] for j in range(-lags, lags + 1)]
    design = np.stack([np.ones_like(x.market), *cols], axis=2)
    names = ["alpha", *[f"beta_{j:+d}" for j in range(-lags, lags + 1)]]
    fit = _fit_general(x.ret, design, x.est, names, x.dof(design.shape[2]))
    fit.params["beta"] = fit.params[names[1:]].sum(axis=1)
    return fit


def _factor(x: ModelInput) -> ModelFit:
    if x.factors is None:
        raise ConfigurationError(
            "model='factor' needs a factors frame (DatetimeIndex, one column per factor)."
        )
    design = np.concatenate([np.ones(x.ret.shape + (1,)), x.factors], axis=2)
    names = ["alpha", *[f"beta_{j}" for j in range(x.factors.shape[2])]]
    return _fit_general(x.ret, design, x.est, names, x.dof(design.shape[2]))


def _scholes_williams(x: ModelInput) -> ModelFit:
    return _fit_scholes_williams(x.ret, x.bench, x.est, x.pad, x.dof(2))


def _fit_scholes_williams(
    y: np.ndarray, bench: np.ndarray, est: np.ndarray, pad: int, divisor_k: int
) -> ModelFit:
    """Scholes-Williams (1977) beta from lead, lag and contemporaneous slopes."""
    if pad < 1:
        raise ConfigurationError("scholes_williams needs pad >= 1 (one lead and one lag).")
    L = y.shape[1]
    lag, m, lead = (bench[:, pad + j : pad + j + L] for j in (-1, 0, 1))
    w = est[None, :] & np.isfinite(y) & np.isfinite(lag) & np.isfinite(m) & np.isfinite(lead)
    n = w.sum(axis=1).astype(float)

    def dev(a: np.ndarray) -> np.ndarray:
        return np.where(w, a - _masked_mean(a, w, n)[:, None], 0.0)

    dy, dlag, dm, dlead = dev(y), dev(lag), dev(m), dev(lead)
    with np.errstate(invalid="ignore", divide="ignore"):
        slopes = [(dy * d).sum(axis=1) / (d**2).sum(axis=1) for d in (dlag, dm, dlead)]
        rho = (dm * dlag).sum(axis=1) / np.sqrt((dm**2).sum(axis=1) * (dlag**2).sum(axis=1))
        beta = sum(slopes) / (1 + 2 * rho)
    mbar = _masked_mean(m, w, n)
    alpha = _masked_mean(y, w, n) - beta * mbar
    expected = alpha[:, None] + beta[:, None] * m
    sigma = _sigma(y - expected, w, n, divisor_k)
    sxx = (dm**2).sum(axis=1)
    params = pd.DataFrame({"alpha": alpha, "beta": beta})
    return ModelFit(expected, sigma, n, 2, params, "market", m=m, mbar=mbar, sxx=sxx)


for _entry in (
    ModelEntry(
        "constant_mean", _constant_mean, paper="Brown and Warner (1980)",
        help="mean return of the estimation window", needs_benchmark=False,
    ),
    ModelEntry(
        "market_adjusted", _market_adjusted, paper="Brown and Warner (1980)",
        help="return minus the market return, beta 1, nothing estimated",
    ),
    ModelEntry(
        "market", _market, paper="Fama, Fisher, Jensen and Roll (1969); MacKinlay (1997)",
        help="OLS market model alpha + beta m",
    ),
    ModelEntry(
        "scholes_williams", _scholes_williams, paper="Scholes and Williams (1977)",
        help="beta from lead, lag and same-day slopes, for thin trading", pad=1,
    ),
    ModelEntry(
        "dimson", _dimson, paper="Dimson (1979)",
        help="market model on lags..leads of the market, for thin trading",
        options={"dimson_lags": DIMSON_LAGS}, pad="dimson_lags",
    ),
    ModelEntry(
        "factor", _factor, paper="Fama and French (1993); Carhart (1997)",
        help="OLS on the user's factor returns (factors=...)",
        needs_benchmark=False, needs_factors=True,
    ),
):  # fmt: skip
    MODELS.register(_entry)
del _entry
