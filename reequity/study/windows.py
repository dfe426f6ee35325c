"""Event and estimation windows in trading days relative to day 0.

A window is a pair ``(a, b)`` of inclusive trading-day offsets; its label in results is
``"a:b"`` (e.g. ``"-1:1"``, ``"0:0"``). This module only validates and describes windows;
it never touches data.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from reequity.errors import ConfigurationError

#: largest |offset| of a window: 40 years of trading days; more cannot hold data and would
#: only allocate (n firm-events x offsets) arrays of NaN
MAX_OFFSET = 10_000

#: default estimation window: 240 sessions ending ten sessions before the earliest event
#: window, so the event cannot leak into the fit (MacKinlay 1997)
DEFAULT_ESTIMATION: tuple[int, int] = (-250, -11)
#: default event window of a study (``EventStudy``, ``event_study``)
DEFAULT_WINDOWS: tuple[tuple[int, int], ...] = ((-1, 1),)
#: event windows the main job reports (``reequity event-study`` without ``--window``):
#: the announcement days, day 0 alone, a week either side and the two weeks after
REPORT_WINDOWS: tuple[tuple[int, int], ...] = ((-1, 1), (0, 0), (-5, 5), (0, 10))
#: sessions around each other event's (or excluded item's) day 0 left out of estimation
DEFAULT_CLEAN_WINDOW: tuple[int, int] = (-1, 1)

__all__ = [
    "DEFAULT_CLEAN_WINDOW",
    "DEFAULT_ESTIMATION",
    "DEFAULT_WINDOWS",
    "MAX_OFFSET",
    "REPORT_WINDOWS",
    "WindowSpec",
    "default_min_estimation",
    "make_window_spec",
    "parse_window",
    "window_label",
]


def window_label(window: tuple[int, int]) -> str:
    """Return the results label ``"a:b"`` of a window ``(a, b)``."""
    return f"{window[0]}:{window[1]}"


def default_min_estimation(estimation: tuple[int, int]) -> int:
    """Default minimum of estimation observations per firm-event: half the estimation
    window, rounded up (120 for (-250, -11))."""
    return -(-(estimation[1] - estimation[0] + 1) // 2)


def parse_window(value: object, *, name: str = "window") -> tuple[int, int]:
    """Turn ``(a, b)``, ``[a, b]`` or ``"a:b"`` into a validated pair of ints.

    Raises
    ------
    ConfigurationError
        If the value is not two integers with ``a <= b``.
    """
    pair: Sequence[object]
    if isinstance(value, str):
        pair = value.split(":")
    elif isinstance(value, Sequence):
        pair = value
    else:
        pair = ()
    try:
        if len(pair) != 2:
            raise ValueError
        a, b = (int(str(x).strip()) for x in pair)
    except (ValueError, TypeError, OverflowError):
        raise ConfigurationError(
            f"{name} {value!r} is not a pair of trading-day offsets; "
            "give (a, b) or 'a:b' with integers, e.g. (-1, 1) or '-5:5'."
        ) from None
    if max(abs(a), abs(b)) > MAX_OFFSET:
        raise ConfigurationError(
            f"{name} {str(value)[:60]} reaches beyond {MAX_OFFSET:,} trading days (40 years) "
            "from day 0; give offsets such as (-5, 5)."
        )
    if a > b:
        raise ConfigurationError(
            f"{name} {value!r} starts after it ends; give (a, b) with a <= b, e.g. ({b}, {a})."
        )
    return a, b


@dataclass(frozen=True, slots=True)
class WindowSpec:
    """Validated estimation window and event windows of one study.

    Attributes
    ----------
    estimation : tuple[int, int]
        Inclusive estimation window, entirely before every event window.
    windows : tuple[tuple[int, int], ...]
        Inclusive event windows, in the order given (duplicates removed).
    """

    estimation: tuple[int, int]
    windows: tuple[tuple[int, int], ...]

    @property
    def span(self) -> tuple[int, int]:
        """Smallest window holding every event window (the daily-test taus)."""
        return min(w[0] for w in self.windows), max(w[1] for w in self.windows)

    @property
    def taus(self) -> np.ndarray:
        """All taus the study needs, from the estimation start to the span end."""
        return np.arange(self.estimation[0], self.span[1] + 1)

    @property
    def labels(self) -> list[str]:
        """Labels ``"a:b"`` of the event windows."""
        return [window_label(w) for w in self.windows]


def make_window_spec(estimation: object, windows: Iterable[object]) -> WindowSpec:
    """Validate an estimation window and event windows.

    Raises
    ------
    ConfigurationError
        If a window is malformed, none is given, or the estimation window does not end
        before the earliest event window starts.
    """
    est = parse_window(estimation, name="estimation window")
    if isinstance(windows, str) or (
        isinstance(windows, Sequence)
        and len(windows) == 2
        and all(isinstance(x, int) for x in windows)
    ):
        windows = [windows]  # a single window given bare
    parsed: list[tuple[int, int]] = []
    for w in windows:
        p = parse_window(w)
        if p not in parsed:
            parsed.append(p)
    if not parsed:
        raise ConfigurationError("no event window given; pass windows=((-1, 1),) or similar.")
    start = min(w[0] for w in parsed)
    if est[1] >= start:
        first = window_label(min(parsed))
        length = est[1] - est[0] + 1
        raise ConfigurationError(
            f"event window {first} starts at {start}, not after the estimation window "
            f"{window_label(est)} ends ({est[1]}); start the event window after {est[1]}, or "
            f"end the estimation window before {start}, e.g. ({start - length}, {start - 1})."
        )
    return WindowSpec(estimation=est, windows=tuple(parsed))
