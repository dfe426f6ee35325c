"""Issue 14, the six silently wrong results: UTC offsets in event dates, a repeated
returns column, one event id with two dates, a manifest entry without checksum, an article
time that does not exist in Beijing, a return so large its variance overflows."""

from __future__ import annotations

import json
import shutil
import tempfile
import warnings
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import reequity as rq
from reequity.data.calendars import day_zero
from reequity.errors import CacheCorruptError, ConfigurationError, EventFormatError
from reequity.events.articles import read_articles
from reequity.events.io import load_events

from ._util import SHIPPED_CACHE, assert_clean_exit, invoke, sha256, tree_hashes

EXCHANGES = ("XSHG", "XSHE", "XASX", "XNYS", "XNAS")
ZONES = ("Asia/Shanghai", "Australia/Sydney", "America/New_York", "Europe/London", "UTC",
         "Asia/Kolkata", "Pacific/Chatham", "America/St_Johns")  # fmt: skip
N = 300
INDEX = pd.bdate_range("2024-01-01", periods=N, name="date")


def _offset_text(instant: datetime, minutes: int) -> str:
    local = instant.astimezone(timezone(timedelta(minutes=minutes)))
    sign = "-" if minutes < 0 else "+"
    return f"{local:%Y-%m-%dT%H:%M:%S}{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _wall(instant: datetime, zone: str) -> tuple[str, str]:
    local = pd.Timestamp(instant).tz_convert(zone)
    return f"{local:%Y-%m-%d}", f"{local:%H:%M}"


# ------------------------------------------------------------------ 1. UTC offsets
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    instant=st.datetimes(datetime(2010, 1, 1), datetime(2025, 12, 1)).map(
        lambda d: d.replace(second=0, microsecond=0, tzinfo=UTC)
    ),
    minutes=st.integers(-12 * 4, 14 * 4).map(lambda q: 15 * q),
    zone=st.sampled_from(ZONES),
    other=st.sampled_from(ZONES),
)
def test_offset_zone_and_other_zone_give_one_day_zero(
    instant: datetime, minutes: int, zone: str, other: str
) -> None:
    """An instant with an offset, the same instant as date+time+zone and as an aware time
    in another zone give the same day 0 on every exchange."""
    date, clock = _wall(instant, zone)
    # a wall time in a daylight-saving fold names two instants: not the same event
    back = pd.Timestamp(f"{date} {clock}").tz_localize(zone, ambiguous="NaT", nonexistent="NaT")
    assume(not pd.isna(back))
    text = _offset_text(instant, minutes)
    elsewhere = pd.Timestamp(instant).tz_convert(other)
    with tempfile.TemporaryDirectory() as folder:  # and through an events CSV
        path = Path(folder) / "events.csv"
        path.write_text(f"event_id,date\nsynthetic,{text}\n", encoding="utf-8")
        row = load_events(path).iloc[0]
    for exchange in EXCHANGES:
        expected = day_zero(date, exchange=exchange, time=clock, timezone=zone)
        assert day_zero(text, exchange=exchange) == expected, (text, exchange)
        assert day_zero(elsewhere, exchange=exchange) == expected, (elsewhere, exchange)
        from_csv = day_zero(row["date"], exchange=exchange, time=row["time"],
                            timezone=row["timezone"])  # fmt: skip
        assert from_csv == expected, (text, exchange)


def test_offset_in_an_events_csv_is_honoured(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_text(
        "event_id,date,time,timezone\n"
        "synthetic_offset,2025-10-09T23:30:00-05:00,,\n"
        "synthetic_zone,2025-10-10,12:30,Asia/Shanghai\n"
        "synthetic_other,2025-10-10T15:30+11:00,,\n"
        "synthetic_z,2025-10-10T04:30Z,,\n",
        encoding="utf-8",
    )
    events = load_events(path).set_index("event_id")
    for exchange in EXCHANGES:
        days = {
            e: day_zero(r["date"], exchange=exchange, time=r["time"], timezone=r["timezone"])
            for e, r in events.iterrows()
        }
        assert len(set(days.values())) == 1, (exchange, days)
    assert days["synthetic_offset"] == pd.Timestamp("2025-10-10")


def test_offset_in_a_string_column_given_to_event_study_is_honoured() -> None:
    # pandas 3 stores text as its own string dtype, not object: the offset must still count
    idx = pd.bdate_range("2024-01-01", "2025-12-31", name="date")
    rng = np.random.default_rng(0)
    returns = pd.DataFrame({"A": rng.normal(0, 0.01, len(idx)), "M": rng.normal(0, 0.01, len(idx))},
                           index=idx)  # fmt: skip
    events = pd.DataFrame({"event_id": ["synthetic"], "date": ["2025-10-09T23:30:00-05:00"]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = rq.event_study(returns, events, benchmark="M", calendars={"A": "XSHG", "M": "XSHG"},
                             windows=[(0, 0)], tests=["t_cs"])  # fmt: skip
    assert res.ar.loc[res.ar["tau"] == 0, "date"].tolist() == [pd.Timestamp("2025-10-10")]


def test_offset_on_the_cli_moves_day_zero_like_a_zone(tmp_path: Path) -> None:
    """600111's day 0 from an offset equals day 0 from date+time+zone (was 10-09 vs 10-10)."""
    days = {}
    for name, row in {"offset": "x,2025-10-09T23:30:00-05:00,,",
                      "zone": "x,2025-10-10,12:30,Asia/Shanghai"}.items():  # fmt: skip
        events = tmp_path / f"{name}.csv"
        events.write_text(f"event_id,date,time,timezone\n{row}\n", encoding="utf-8")
        out = tmp_path / name
        result = invoke(["event-study", "--events", str(events), "--tickers", "600111",
                         "-w", "0:0", "--tests", "t_cs", "--out", str(out)])  # fmt: skip
        assert_clean_exit(result, 0)
        ar = pd.read_csv(out / "ar.csv", dtype={"ticker": str})
        days[name] = ar.loc[ar["tau"] == 0, ["date", "ar"]].to_numpy().tolist()
    assert days["offset"] == days["zone"]
    assert days["offset"][0][0] == "2025-10-10"


def test_mixed_offsets_in_one_file_and_in_a_frame(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_text(
        "event_id,date\nsynthetic_a,2024-12-02T09:00+08:00\nsynthetic_b,2024-12-09T21:00-05:00\n"
        "synthetic_c,2024-12-16\n",
        encoding="utf-8",
    )
    events = load_events(path)
    assert events["timezone"].tolist() == ["UTC+08:00", "UTC-05:00", "Asia/Shanghai"]
    frame = pd.DataFrame(
        {
            "event_id": ["synthetic_a", "synthetic_b"],
            "date": [
                pd.Timestamp("2024-12-02 09:00", tz="Asia/Shanghai"),
                pd.Timestamp("2024-12-09 21:00", tz="America/New_York"),
            ],
        }
    )
    res = _study(_panel(), frame, calendars={"A": "XNYS", "B": "XNYS", "MKT": "XNYS"})
    day0 = res.ar[res.ar["tau"] == 0].groupby("event_id")["date"].first()
    # 09:00 Beijing is 20:00 New York the evening before: that day's close is still ahead
    assert day0.to_dict() == {"synthetic_a": pd.Timestamp("2024-12-02"),
                              "synthetic_b": pd.Timestamp("2024-12-10")}  # fmt: skip


@pytest.mark.parametrize(
    ("content", "fragment"),
    [("event_id,date,time\nx,2025-10-09T23:30-05:00,10:00\n", "give the time once"),
     ("event_id,date\nx,now\n", "'now' is not a date"),
     ("event_id,date\nx,today\n", "'today' is not a date"),
     ("event_id,date\nx,2025-10-09T23:30+15:00\n", "'2025-10-09T23:30+15:00' is not a date"),
     ("event_id,date,timezone\nx,2025-10-09,UTC+25\n", "'UTC+25'")],
)  # fmt: skip
def test_offset_misuse_is_one_line(tmp_path: Path, content: str, fragment: str) -> None:
    path = tmp_path / "events.csv"
    path.write_text(content, encoding="utf-8")
    digest = sha256(path)
    with pytest.raises(EventFormatError, match=fragment.replace("+", r"\+")):
        load_events(path)
    result = invoke(["event-study", "--events", str(path), "--out", str(tmp_path / "out")])
    assert_clean_exit(result, 1, fragment)
    assert sha256(path) == digest and not (tmp_path / "out").exists()


# ------------------------------------------------------------------ 2. repeated column
@pytest.mark.parametrize("header", ["date,A,A,MKT", "date,A,B,MKT,B", "date, A ,A,MKT"])
def test_repeated_returns_column_is_refused(tmp_path: Path, header: str) -> None:
    path = tmp_path / "synthetic_returns.csv"
    names = header.split(",")[1:]
    rows = [f"{d:%Y-%m-%d}," + ",".join("0.001" for _ in names) for d in INDEX]
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    digest = sha256(path)
    result = invoke(["event-study", "--returns", str(path), "--benchmark", "MKT",
                     "--out", str(tmp_path / "out")])  # fmt: skip
    repeated = next(n.strip() for i, n in enumerate(names) if n.strip() in
                    [m.strip() for m in names[:i]])  # fmt: skip
    assert_clean_exit(result, 1, "repeated column(s)", repr(repeated))
    assert sha256(path) == digest and not (tmp_path / "out").exists()


# ------------------------------------------------------------------ 3. one id, two dates
def _panel(seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    mkt = rng.normal(0, 0.01, N)
    firms = {f: 0.9 * mkt + rng.normal(0, 0.012, N) for f in "AB"}
    return pd.DataFrame({**firms, "MKT": mkt}, index=INDEX)


def _study(returns: pd.DataFrame, events: pd.DataFrame, **kw: object) -> rq.EventStudyResults:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", rq.ReequityWarning)
        return rq.event_study(returns, events, benchmark="MKT", estimation=(-200, -11),
                              windows=[(0, 0)], **kw)  # fmt: skip


@pytest.mark.parametrize(
    "events",
    [pd.DataFrame({"event_id": ["synthetic_x", "synthetic_x"], "date": [INDEX[280], INDEX[290]]}),
     pd.DataFrame({"event_id": [7, "7"], "date": [INDEX[280], INDEX[285]]}),
     pd.DataFrame({"event_id": ["synthetic_x"] * 2, "date": [INDEX[280]] * 2,
                   "time": ["10:00", "16:00"]}),
     pd.DataFrame({"event_id": ["synthetic_x"] * 2, "date": [INDEX[280], INDEX[290]],
                   "ticker": ["A", "A"]})],
)  # fmt: skip
def test_one_event_id_with_two_dates_is_refused(events: pd.DataFrame) -> None:
    with pytest.raises(EventFormatError, match="appears with different dates"):
        _study(_panel(), events)


def test_one_id_may_carry_a_date_per_ticker_and_exact_copies_collapse() -> None:
    per_ticker = pd.DataFrame({"event_id": ["synthetic_x"] * 2, "ticker": ["A", "B"],
                               "date": [INDEX[280], INDEX[285]]})  # fmt: skip
    res = _study(_panel(), per_ticker)
    assert set(res.car["ticker"]) == {"A", "B"}
    copies = pd.DataFrame({"event_id": ["synthetic_x"] * 2, "date": [INDEX[280]] * 2})
    assert len(_study(_panel(), copies).car) == 2


# ------------------------------------------------------------------ 4. checksum missing
@pytest.mark.parametrize("value", ["drop", "", None, "   "])
def test_manifest_entry_without_checksum_is_not_served(tmp_path: Path, value: object) -> None:
    folder = tmp_path / "cache_copy"
    shutil.copytree(SHIPPED_CACHE, folder)
    manifest_path = folder / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    entry = manifest["series"]["snapshot/MP/yahoo_auto_adjust"]
    if value == "drop":
        entry.pop("sha256")
    else:
        entry["sha256"] = value
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    target = folder / "snapshot__MP__yahoo_auto_adjust.parquet"
    frame = pd.read_parquet(target)
    frame["close"] *= 2  # the edit a missing checksum would have let through
    frame.to_parquet(target, index=False)
    before = tree_hashes(folder)
    with pytest.raises(CacheCorruptError, match="has no sha256"):
        rq.load_prices(["MP"], cache_dir=folder)
    result = invoke(["data", "fetch", "--tickers", "MP", "--cache-dir", str(folder)])
    assert_clean_exit(result, 1, str(target), "no sha256", "--refresh")
    assert tree_hashes(folder) == before


# ------------------------------------------------------------------ 5. DST in Beijing
DUMP = (
    "header\nA title in the gap\nSynthetic Wire· 1986-05-04 02:30\nbody one\n"
    "A title in the fold\nSynthetic Wire· 1991-09-15 01:30\nbody two\n"
    "A valid title\nSynthetic Wire· 2025-10-09 10:00\n10月9日，商务部发布公告。\n"
)


def test_article_time_in_a_dst_gap_or_fold_is_skipped(tmp_path: Path) -> None:
    with pytest.warns(rq.ReequityWarning) as caught:
        articles = read_articles(DUMP)
    assert articles["article_id"].tolist() == [2]
    messages = " ".join(str(w.message) for w in caught)
    assert "1986-05-04 02:30 never happened" in messages
    assert "1991-09-15 01:30 happened twice" in messages
    path = tmp_path / "synthetic_dump.txt"
    path.write_text(DUMP, encoding="utf-8")
    digest = sha256(path)
    result = invoke(["events", "extract", str(path), "--format", "csv"])
    text = assert_clean_exit(result, 0, "warning: skipped article 0", "warning: skipped article 1")
    assert "2025-10-09" in text and sha256(path) == digest


def test_dump_of_only_impossible_times_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "synthetic_dump.txt"
    path.write_text("T\nSynthetic Wire· 1986-05-04 02:10\nbody\n", encoding="utf-8")
    assert_clean_exit(invoke(["events", "extract", str(path)]), 1, "Asia/Shanghai")


# ------------------------------------------------------------------ 6. overflow
@pytest.mark.parametrize("value", [1e300, -1e300, 1e160, 1.7e308])
def test_a_return_whose_variance_overflows_is_refused(value: float) -> None:
    returns = _panel()
    returns.iloc[100, 0] = value
    with pytest.raises(ConfigurationError, match=r"column 'A' holds .* on 2024-05-20"):
        _study(returns, pd.DataFrame({"event_id": ["synthetic"], "date": [INDEX[280]]}))
    bench = _panel()
    bench.iloc[50, 2] = value
    with pytest.raises(ConfigurationError, match="column 'MKT'"):
        _study(bench, pd.DataFrame({"event_id": ["synthetic"], "date": [INDEX[280]]}))


def test_overflow_on_the_cli(tmp_path: Path) -> None:
    returns = _panel()
    returns.iloc[100, 0] = 1e300
    path = tmp_path / "synthetic_returns.csv"
    returns.to_csv(path)
    events = tmp_path / "events.csv"
    events.write_text(f"event_id,date\nsynthetic,{INDEX[280]:%Y-%m-%d}\n", encoding="utf-8")
    digest = sha256(path)
    result = invoke(["event-study", "--returns", str(path), "--benchmark", "MKT", "--events",
                     str(events), "--estimation", "-200:-11", "-w", "0:0",
                     "--out", str(tmp_path / "out")])  # fmt: skip
    assert_clean_exit(result, 1, "'A'", "1e+300", "overflow")
    assert sha256(path) == digest


def test_large_but_finite_statistics_stay_honest() -> None:
    """Returns scaled by 1e90 still give the same t as the unscaled ones (no overflow)."""
    base = _panel()
    ev = pd.DataFrame({"event_id": ["synthetic"], "date": [INDEX[280]]})
    t0, t1 = _study(base, ev).tests, _study(base * 1e90, ev).tests
    cda = [t.loc[t["test"] == "cda", "statistic"].to_numpy() for t in (t0, t1)]
    assert np.isfinite(cda[1]).all() and np.allclose(cda[0], cda[1])
