"""Exchange calendars and day-0 alignment (DESIGN §4)."""

from __future__ import annotations

import pandas as pd
import pytest

from reequity.data.calendars import day_zero, get_calendar, is_session, sessions
from reequity.errors import ConfigurationError, EventFormatError, EventOutOfRangeError


def test_qingming_2025_closed_in_shanghai_open_in_sydney_and_new_york() -> None:
    assert not is_session("2025-04-04", "XSHG")
    assert not is_session("2025-04-04", "XSHE")
    assert is_session("2025-04-04", "XASX")
    assert is_session("2025-04-04", "XNYS")


def test_national_day_2025_closed_in_shanghai() -> None:
    for day in pd.date_range("2025-10-01", "2025-10-08"):
        assert not is_session(day, "XSHG")
    got = sessions("XSHG", "2025-09-29", "2025-10-10")
    assert [d.strftime("%m-%d") for d in got] == ["09-29", "09-30", "10-09", "10-10"]
    assert got.name == "date" and got.tz is None


def test_xshe_is_alias_of_xshg() -> None:
    assert get_calendar("XSHE") is get_calendar("XSHG")
    assert get_calendar("ARCX") is get_calendar("XNYS")


def test_unknown_exchange() -> None:
    with pytest.raises(ConfigurationError, match="XLON"):
        get_calendar("XLON")


def test_day_zero_date_only_rolls_forward_over_holiday() -> None:
    assert day_zero("2025-04-04", exchange="XSHG") == pd.Timestamp("2025-04-07")
    assert day_zero("2025-04-04", exchange="XASX") == pd.Timestamp("2025-04-04")
    assert day_zero("2025-10-01", exchange="XSHG") == pd.Timestamp("2025-10-09")
    assert day_zero("2025-10-09", exchange="XSHG") == pd.Timestamp("2025-10-09")


def test_day_zero_with_time_before_and_after_close() -> None:
    # Shanghai closes 15:00 local
    assert day_zero("2025-10-09", exchange="XSHG", time="14:59") == pd.Timestamp("2025-10-09")
    # at the closing bell the close cannot reflect the news: next session
    assert day_zero("2025-10-09", exchange="XSHG", time="15:00") == pd.Timestamp("2025-10-10")
    assert day_zero("2025-10-09", exchange="XSHG", time="15:01") == pd.Timestamp("2025-10-10")


def test_day_zero_sydney_after_close_announcement() -> None:
    # 16:30 Sydney on Friday 2025-04-04 is after the 16:00 ASX close -> Monday
    got = day_zero("2025-04-04", exchange="XASX", time="16:30", timezone="Australia/Sydney")
    assert got == pd.Timestamp("2025-04-07")
    got = day_zero("2025-04-04", exchange="XASX", time="15:30", timezone="Australia/Sydney")
    assert got == pd.Timestamp("2025-04-04")


def test_day_zero_converts_beijing_time_to_new_york() -> None:
    # 22:00 Beijing = 10:00 New York, same day session
    assert day_zero("2025-04-04", exchange="XNYS", time="22:00") == pd.Timestamp("2025-04-04")
    # 05:00 Beijing on the 4th = 17:00 New York on the 3rd, after the close -> the 4th
    assert day_zero("2025-04-04", exchange="XNYS", time="05:00") == pd.Timestamp("2025-04-04")
    # a Beijing evening announcement lands after the Sydney close -> next ASX session
    assert day_zero("2025-10-09", exchange="XASX", time="20:00") == pd.Timestamp("2025-10-10")


def test_day_zero_out_of_range_names_the_bound() -> None:
    with pytest.raises(EventOutOfRangeError, match="2000-01-04"):
        day_zero("1995-01-01", exchange="XSHG")
    last = get_calendar("XSHG").last_session.date().isoformat()
    with pytest.raises(EventOutOfRangeError, match=last):
        day_zero("2099-01-01", exchange="XSHG")


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"time": "25:99"}, "time"), ({"time": "10:00", "timezone": "Mars/Base"}, "Mars")],
)
def test_day_zero_bad_time_inputs(kwargs: dict[str, str], match: str) -> None:
    with pytest.raises(EventFormatError, match=match):
        day_zero("2025-04-04", exchange="XSHG", **kwargs)


def test_bad_date() -> None:
    with pytest.raises(EventFormatError, match="not-a-date"):
        day_zero("not-a-date", exchange="XSHG")


@pytest.mark.parametrize("blank", ["", "  ", float("nan")])
def test_day_zero_blank_time_is_date_only(blank: object) -> None:
    # a catalogue row with no time must not become midnight Beijing (= the day before in NY)
    got = day_zero("2025-04-04", exchange="XNYS", time=blank, timezone="Asia/Shanghai")
    assert got == pd.Timestamp("2025-04-04")
