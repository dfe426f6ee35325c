"""Tables of `reequity event-study`: pooled and group CAARs with the robust tests, the
group-difference tests and the cross-sectional regression, as frames (CSV) and as
compact human views (statistic and p-value in one cell)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from reequity.errors import ConfigurationError, EventFormatError
from reequity.study.confounded import confounded_events, confounded_text
from reequity.study.headline import DUPLICATES
from reequity.study.multiplicity import with_fdr
from reequity.study.statistics import ROBUST_TESTS, TESTS

__all__ = [
    "LABELS",
    "ROBUST_TESTS",
    "difference_view",
    "display_table",
    "read_characteristics",
    "robust_table",
    "with_confounded",
]

#: short label of each dependence-robust test (live view of the test registry)
LABELS = TESTS.view(lambda entry: entry.label, where=lambda entry: entry.robust)


def robust_table(
    results, tests: tuple[str, ...] = ROBUST_TESTS, *, groups: bool = False
) -> pd.DataFrame:
    """CAAR per event and window (and group) with its dependence-robust 95% interval (the
    CDA's) and the dependence-robust tests beside it."""
    caar, t = (results.group_caar, results.group_tests) if groups else (results.caar, results.tests)
    keys = ["event_id", "group", "window"] if groups else ["event_id", "window"]
    values = ["n_firms", "caar", "mean_bhar", "robust_ci_lower", "robust_ci_upper"]
    if caar.empty:
        return pd.DataFrame(columns=[*keys, *values])
    caar = caar[[*keys, *(v for v in values if v in caar)]]
    t = t.loc[t["tau"].isna() & t["test"].isin(tests)]
    wide = t.pivot_table(index=keys, columns="test", values=["statistic", "pvalue"])
    wide.columns = [f"{test}_{'p' if kind == 'pvalue' else 'stat'}" for kind, test in wide.columns]
    order = [f"{name}_{k}" for name in tests for k in ("stat", "p") if f"{name}_{k}" in wide]
    table = caar.merge(wide[order].reset_index(), on=keys, how="left")
    if groups:
        return table
    return with_fdr(with_confounded(table, confounded_events(results), keys), tests)


def with_confounded(table: pd.DataFrame, counts: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """``table`` with the confounder counts of :mod:`reequity.study.confounded` joined on
    ``keys`` (zero and "" for rows without a count)."""
    out = table.merge(counts, on=keys, how="left")
    for column in ("n_confounded", "n_firm_news"):
        out[column] = out[column].fillna(0).astype(int)
    out["confounders"] = out["confounders"].fillna("").astype(str)
    return out


def _cell(statistic: float, pvalue: float) -> str:
    """``+2.31 (0.021)``; ``(<0.001)`` for a p that would round to zero; "" if missing."""
    if pd.isna(statistic):
        return ""
    return f"{statistic:+.2f} ({'<0.001' if pvalue < 0.0005 else f'{pvalue:.3f}'})"


def _same(table: pd.DataFrame, test: str, other: str) -> np.ndarray:
    """Rows where ``test`` has the very statistic and p-value of ``other``."""
    if not {f"{test}_stat", f"{other}_stat"} <= set(table.columns):
        return np.zeros(len(table), dtype=bool)
    close = [
        np.isclose(table[f"{test}_{k}"], table[f"{other}_{k}"], rtol=1e-9, atol=1e-12)
        for k in ("stat", "p")
    ]
    return close[0] & close[1]


def display_table(table: pd.DataFrame) -> pd.DataFrame:
    """Compact human view: CAAR in percent and each test as ``statistic (p)``.

    A test identical to another in a row (the portfolio test and the CDA when the row's
    firm-events share one day-0 date) is shown once: its cell reads ``= CDA``.
    """
    view = pd.DataFrame({"event": table["event_id"]})
    if "group" in table:
        view["group"] = table["group"]
    view["window"] = table["window"]
    view["n"] = table["n_firms"]
    view["CAAR %"] = (100 * table["caar"]).map(lambda v: f"{v:+.2f}")
    duplicate = {test: _same(table, test, other) for test, other in DUPLICATES}
    for test, label in LABELS.items():
        if f"{test}_stat" in table:
            cells = [
                _cell(s, p) for s, p in zip(table[f"{test}_stat"], table[f"{test}_p"], strict=True)
            ]
            for other_test, other in DUPLICATES:
                if other_test == test:
                    mask = duplicate[test]
                    cells = [
                        f"= {LABELS[other]}" if m else c for c, m in zip(cells, mask, strict=True)
                    ]
            view[label] = cells
    if "n_confounded" in table:  # firm-events with another event's day 0 in the window
        view["confounded"] = [
            confounded_text(*values)
            for values in zip(table["n_confounded"], table["n_firms"], table["confounders"],
                              table["n_firm_news"], strict=True)
        ]  # fmt: skip
    return view


def difference_view(diff: pd.DataFrame) -> pd.DataFrame:
    """Group differences: one row per event, window and pair, each test as ``stat (p)``."""
    if diff.empty:
        return pd.DataFrame()
    keys = ["event_id", "window", "group_a", "group_b"]
    first = diff.drop_duplicates(keys).set_index(keys)
    view = pd.DataFrame(
        {
            "event": first.index.get_level_values("event_id"),
            "window": first.index.get_level_values("window"),
            "A - B": [f"{a} - {b}" for _, _, a, b in first.index],
            "n A/B": [f"{a}/{b}" for a, b in zip(first["n_a"], first["n_b"], strict=True)],
            "diff %": (100 * first["difference"]).map(lambda v: f"{v:+.2f}").to_numpy(),
        }
    )
    for test, rows in diff.groupby("test", sort=False):
        rows = rows.set_index(keys).reindex(first.index)
        view[test.replace("_", " ")] = [
            _cell(s, p) for s, p in zip(rows["statistic"], rows["pvalue"], strict=True)
        ]
    return view


def read_characteristics(path: Path | None) -> pd.DataFrame | None:
    """A characteristics CSV: a ``ticker`` column (optionally ``event_id``) and user columns."""
    if path is None:
        return None
    if not path.is_file():
        raise ConfigurationError(f"--characteristics file {str(path)!r} does not exist")
    try:
        frame = pd.read_csv(path, dtype={"ticker": str, "event_id": str})
    except (ValueError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise EventFormatError(f"cannot read characteristics file {str(path)!r}: {exc}") from None
    if "ticker" not in frame.columns:
        raise EventFormatError(
            f"characteristics file {str(path)!r} needs a 'ticker' column; "
            f"got {', '.join(map(str, frame.columns))}"
        )
    return frame
