"""Results of a correlation study (:meth:`reequity.correlation.spec.CorrelationSpec.fit`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import pandas as pd

from reequity.correlation.results import EventCorrelationResults, LeadLagResults
from reequity.errors import ConfigurationError

if TYPE_CHECKING:
    from reequity.correlation.spec import CorrelationSpec

__all__ = ["CorrelationResults"]

_FLOAT = "{:.4f}".format


@dataclass(frozen=True, slots=True)
class CorrelationResults:
    """Rolling, event-conditional and lead-lag correlations of one spec.

    Attributes
    ----------
    spec : CorrelationSpec
        The spec that made these results.
    pairs : list of (str, str)
    rolling : DataFrame
        :func:`~reequity.correlation.rolling.rolling_correlation` output.
    events : EventCorrelationResults or None
        None when no event was given or none lies inside the data.
    lead_lag : dict of (str, str) to LeadLagResults
    skipped : DataFrame
        ``event_id, date, reason`` for events left out.
    reaction : DataFrame or None
        :func:`~reequity.correlation.reaction.first_reaction` output (which market moved
        first), when exchanges were given.
    """

    spec: CorrelationSpec
    pairs: list[tuple[str, str]]
    rolling: pd.DataFrame
    events: EventCorrelationResults | None
    lead_lag: dict[tuple[str, str], LeadLagResults]
    skipped: pd.DataFrame
    reaction: pd.DataFrame | None = None

    def lead_lag_frame(self) -> pd.DataFrame:
        """All lead-lag tables stacked, with ``ticker_a, ticker_b`` columns first."""
        parts = [r.table.assign(ticker_a=a, ticker_b=b) for (a, b), r in self.lead_lag.items()]
        frame = pd.concat(parts, ignore_index=True)
        return frame[["ticker_a", "ticker_b", *parts[0].columns.drop(["ticker_a", "ticker_b"])]]

    def peaks(self) -> pd.DataFrame:
        """Per pair: the lag of largest |correlation|, that correlation and the lag-0 one."""
        rows = []
        for (a, b), res in self.lead_lag.items():
            table = res.table.set_index("lag")
            peak = res.peak_lag
            rows.append({"ticker_a": a, "ticker_b": b, "peak_lag": peak,
                         "peak_correlation": table.at[peak, "correlation"],
                         "peak_pvalue": table.at[peak, "pvalue"],
                         "lag0_correlation": table.at[0, "correlation"],
                         "n_obs": int(table.at[0, "n_obs"])})  # fmt: skip
        return pd.DataFrame(rows)

    def to_frame(self) -> pd.DataFrame:
        """The main tidy table: one row per event and pair (a copy), or the lead-lag
        peaks per pair when no event lies inside the data."""
        return self.events.to_frame() if self.events is not None else self.peaks()

    def _head(self) -> str:
        s = self.spec
        events = "no events" if self.events is None else f"{len(self.events.event_ids)} event(s)"
        mode = s.pairs if isinstance(s.pairs, str) else "given"
        return (
            f"Correlation study: {len(self.pairs)} pair(s) ({mode}), "
            f"rolling {s.window} days, pre={s.pre}, post={s.post}, lead-lag +-{s.max_lag}, "
            f"{events}, {len(self.skipped)} left out"
        )

    def summary(self) -> str:
        """Deterministic plain-text summary: the spec, the event table (or the lead-lag
        peaks without events) and the events left out."""
        parts = [self._head()]
        if self.events is not None:
            parts.append(self.events.summary())
        parts.append("Lead-lag peaks (positive lag: ticker_a leads)")
        parts.append(self.peaks().to_string(index=False, float_format=_FLOAT))
        if len(self.skipped):
            parts.append("Events left out")
            parts.append(self.skipped.to_string(index=False))
        return "\n".join(parts)

    def _repr_html_(self) -> str:
        html = [f"<h4>{self._head()}</h4>"]
        if self.events is not None:
            html.append(self.events._repr_html_())
        html.append("<h4>Lead-lag peaks (positive lag: ticker_a leads)</h4>")
        html.append(self.peaks().to_html(index=False, float_format=_FLOAT))
        return "".join(html)

    def plot(
        self,
        kind: Literal["rolling", "heatmap", "lead_lag"] = "rolling",
        *,
        event_id: str | None = None,
        **kwargs: Any,
    ) -> Any:
        """One of the study's figures.

        Parameters
        ----------
        kind : {"rolling", "heatmap", "lead_lag"}
            ``rolling``: one panel per pair, events marked
            (:func:`~reequity.plots.plot_rolling_correlation_facets`); ``heatmap``:
            before/after matrices of ``event_id``
            (:func:`~reequity.plots.plot_correlation_heatmaps`); ``lead_lag``: one panel
            per pair (:func:`~reequity.plots.plot_lead_lag_grid`).
        event_id : str, optional
            The event of ``kind="heatmap"``.
        **kwargs
            Passed to the plotting function.

        Returns
        -------
        Figure or tuple of Axes
            What the plotting function returns.
        """
        from reequity import plots

        if kind == "rolling":
            return plots.plot_rolling_correlation_facets(
                self.rolling, events=self.event_marks(), **kwargs
            )
        if kind == "lead_lag":
            return plots.plot_lead_lag_grid(self.lead_lag, **kwargs)
        if kind == "heatmap":
            if self.events is None or event_id is None:
                raise ConfigurationError(
                    "kind='heatmap' needs event results and an event_id; valid ids: "
                    f"{', '.join(self.events.event_ids) if self.events else '(no events)'}"
                )
            return plots.plot_correlation_heatmaps(self.events, event_id=event_id, **kwargs)
        raise ConfigurationError(f"kind={kind!r} is not 'rolling', 'heatmap' or 'lead_lag'")

    def event_marks(self) -> pd.DataFrame | None:
        """``event_id, date`` of the events inside the data (for marking figures)."""
        if self.events is None:
            return None
        marks = self.events.table[["event_id", "event_date"]].drop_duplicates()
        return marks.rename(columns={"event_date": "date"})
