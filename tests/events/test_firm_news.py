"""The shipped firm-news table: content, sources and validation errors."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from reequity.data.universe import load_universe
from reequity.errors import EventFormatError
from reequity.events.firm_news import (
    FIRM_NEWS_COLUMNS,
    NEWS_KINDS,
    firm_news_confounders,
    load_firm_news,
)


@pytest.fixture(scope="module")
def news() -> pd.DataFrame:
    return load_firm_news()


def test_shape_sources_and_tickers(news: pd.DataFrame) -> None:
    assert list(news.columns) == FIRM_NEWS_COLUMNS
    assert news["date"].is_monotonic_increasing
    assert news["date"].between("2023-01-01", "2026-12-31").all()
    assert set(news["kind"]) <= set(NEWS_KINDS)
    assert news["sources"].str.startswith("http").all()
    assert set(news["ticker"]) <= set(load_universe().index)
    names = {"MP", "LYC.AX", "ILU.AX", "ARU.AX", "USAR", "600111", "600392", "300748", "000831"}
    assert names <= set(news["ticker"])


def test_key_items(news: pd.DataFrame) -> None:
    rows = news.set_index(["ticker", "date", "kind"]).sort_index()
    q3 = rows.loc[("MP", pd.Timestamp("2025-11-06"), "earnings")]
    assert q3["time"] == "16:05" and q3["timezone"] == "America/New_York"  # after the close
    assert ("MP", pd.Timestamp("2025-07-10"), "government_deal") in rows.index
    assert ("MP", pd.Timestamp("2025-07-15"), "offtake") in rows.index
    assert ("LYC.AX", pd.Timestamp("2025-10-09"), "partnership") in rows.index  # Noveon
    assert ("LYC.AX", pd.Timestamp("2025-08-28"), "capital_raising") in rows.index


def test_confounder_frame(news: pd.DataFrame) -> None:
    conf = firm_news_confounders(news)
    assert conf["event_id"].is_unique
    assert "news_MP_2025_11_06_earnings" in set(conf["event_id"])
    assert (conf["ticker"] == news["ticker"].to_numpy()).all()


@pytest.mark.parametrize(
    ("column", "value"),
    [("date", "2025-02-30"), ("time", "4pm"), ("timezone", "Nowhere/City"),
     ("kind", "rumour"), ("sources", ""), ("ticker", "")],
)  # fmt: skip
def test_bad_cells_name_row_and_column(
    tmp_path: Path, news: pd.DataFrame, column: str, value: str
) -> None:
    frame = news.assign(date=news["date"].dt.strftime("%Y-%m-%d"))
    frame.loc[0, column] = value
    path = tmp_path / "news.csv"
    frame.to_csv(path, index=False)
    with pytest.raises(EventFormatError, match=f"row 2, column '{column}'"):
        load_firm_news(path)
    with pytest.raises(EventFormatError, match="not found"):
        load_firm_news(tmp_path / "missing.csv")
