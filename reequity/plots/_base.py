"""Shared plumbing of the plot functions: lazy matplotlib/seaborn imports and axes creation.

matplotlib and seaborn are imported inside functions so ``import reequity`` stays light
and a headless process picks its backend (Agg) before pyplot is first imported.
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pandas as pd

from reequity.errors import ConfigurationError

if TYPE_CHECKING:
    from matplotlib.axes import Axes

STYLE = "whitegrid"


def new_axes(ax: Axes | None, *, figsize: tuple[float, float] = (8.0, 4.5)) -> Axes:
    """Return ``ax``, or the axes of a new seaborn-styled figure."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt
    import seaborn as sns

    with sns.axes_style(STYLE):
        _, new = plt.subplots(figsize=figsize, layout="constrained")
    return new


def new_axes_row(n: int, *, figsize: tuple[float, float]) -> Any:
    """A row of ``n`` seaborn-styled axes in a new figure."""
    import matplotlib.pyplot as plt
    import seaborn as sns

    with sns.axes_style("white"):
        _, axes = plt.subplots(1, n, figsize=figsize, layout="constrained", squeeze=False)
    return list(axes[0])


def frame_attr(results: Any, name: str, columns: set[str]) -> pd.DataFrame:
    """The tidy frame ``results.<name>``, checked to hold ``columns``."""
    frame = getattr(results, name, None)
    if not isinstance(frame, pd.DataFrame) or not columns <= set(frame.columns):
        have = list(frame.columns) if isinstance(frame, pd.DataFrame) else type(frame).__name__
        raise ConfigurationError(
            f"results.{name} must be a DataFrame with columns {sorted(columns)}, got {have}; "
            "pass the results object returned by reequity.event_study / the correlation functions."
        )
    return frame


def pick(values: pd.Series, wanted: object, *, name: str) -> pd.Series:
    """Boolean mask ``values == wanted`` that raises when nothing matches."""
    mask = values.astype(str) == str(wanted)
    if not mask.any():
        valid = ", ".join(map(str, dict.fromkeys(values.astype(str))))
        raise ConfigurationError(f"{name} {wanted!r} is not in the results; valid: {valid}.")
    return mask


@contextlib.contextmanager
def quiet_seaborn() -> Iterator[None]:
    """Silence seaborn 0.13's PendingDeprecationWarning about ``cmap.set_bad`` (not ours)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=PendingDeprecationWarning, module="seaborn")
        yield


#: figures are written for reading on a screen: 100 dpi, at most 1600 px wide
DPI = 100
MAX_WIDTH_PX = 1600


def _settle_layout(figure: Any, dpi: int) -> None:
    """Place the axes as ``savefig`` would, then fix them, so ``savefig`` draws once.

    With a layout engine, ``savefig`` draws the figure twice: a dry run that lays the
    axes out and measures everything, then the real draw with the layout frozen. Here
    the engine lays the figure out once, without the dry run's drawing (it measures
    what it needs itself), and is removed, so ``savefig`` makes only the real draw with
    exactly those positions: the same PNG (tests/plots compare the pixels) for about
    half the drawing time.
    """
    import matplotlib as mpl
    from matplotlib.layout_engine import PlaceHolderLayoutEngine

    engine = figure.get_layout_engine()
    if engine is None or isinstance(engine, PlaceHolderLayoutEngine):
        return
    before = figure.dpi
    figure.dpi = dpi  # as savefig(dpi=...) sets it: the layout measures text in pixels
    try:
        engine.execute(figure)
    finally:
        figure.dpi = before
    # None would mean "the rc default engine" if rcParams asked for one: ask for none
    with mpl.rc_context({"figure.autolayout": False, "figure.constrained_layout.use": False}):
        figure.set_layout_engine(None)


def save_figure(figure: Any, path: Any, *, dpi: int = DPI, max_width: int = MAX_WIDTH_PX) -> Any:
    """Save ``figure`` as a PNG of at most ``max_width`` pixels wide, then close it.

    The one place the CLI writes figures, so every PNG has the same resolution and a
    bounded size. Returns ``path``.
    """
    import matplotlib.pyplot as plt

    width, height = figure.get_size_inches()
    if width * dpi > max_width:  # shrink the canvas, not the dpi: text stays readable
        scale = max_width / (width * dpi)
        figure.set_size_inches(width * scale, height * scale)
    import os
    from pathlib import Path

    target = Path(path)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:  # atomic: a full disk or a kill leaves the previous figure whole
        _settle_layout(figure, dpi)
        figure.savefig(tmp, dpi=dpi, format="png")
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
        plt.close(figure)
    return path
