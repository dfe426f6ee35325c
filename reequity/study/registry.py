"""Registries of expected-return models and test statistics: each is written down once.

An entry holds everything the rest of the package needs to know about a model or a test:
its name, its paper, what it needs, its options and a one-line help. The engine's
validation, the battery, the headline and the CLI (its ``--model`` and ``--tests`` choices
and help text) all read the registries, so adding a model or a test is one
``register(...)`` call::

    from reequity.study.models import MODELS, ModelEntry
    MODELS.register(ModelEntry("my_model", my_fit, paper="Me (2026)", help="..."))

The registries themselves live with what they register: :data:`reequity.study.models.MODELS`
and :data:`reequity.study.statistics.TESTS`. This module only defines their shape and
imports nothing of the study, so it has no import cycle.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, is_dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from reequity.errors import ConfigurationError

if TYPE_CHECKING:
    from reequity.study.models import ModelFit, ModelInput
    from reequity.study.statistics.base import Sample, TestResult

__all__ = ["EntryView", "ModelEntry", "NameView", "Registry", "TestEntry"]


def _no_options() -> Mapping[str, Any]:
    return MappingProxyType({})


@dataclass(frozen=True, eq=False)  # holds functions: identity equality
class ModelEntry:
    """One expected-return model.

    Attributes
    ----------
    name : str
        The spelling users write (``model="market"``, ``--model market``).
    fit : callable
        ``fit(inputs: ModelInput) -> ModelFit``: the closed-form fit on every firm-event
        at once (see :class:`reequity.study.models.ModelInput`).
    paper : str
        Citation of the model.
    help : str
        One line for ``--help`` and error messages.
    needs_benchmark : bool, default True
        Whether the model reads the market (benchmark) return.
    needs_factors : bool, default False
        Whether the model needs a ``factors`` frame (the CLI has no file format for one,
        so such a model is offered in Python only).
    options : Mapping[str, Any]
        The options the fit reads, with their defaults (passed to the fit in
        ``inputs.options``). A spec sets them in ``model_options`` (validated against
        these names); an option that is also a field of
        :class:`~reequity.study.engine.EventStudy` (``dimson_lags``) can be set there too.
    pad : int or str, default 0
        Benchmark trading days the fit needs on each side of the event-time panel: a
        number, or the name of the option holding it (Dimson's lags).
    """

    name: str
    fit: Callable[[ModelInput], ModelFit] = field(repr=False)
    paper: str
    help: str
    needs_benchmark: bool = True
    needs_factors: bool = False
    options: Mapping[str, Any] = field(default_factory=_no_options)
    pad: int | str = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "options", MappingProxyType(dict(self.options)))
        if isinstance(self.pad, str) and self.pad not in self.options:
            raise ConfigurationError(
                f"model {self.name!r} takes its pad from option {self.pad!r}, which is not "
                f"one of its options ({', '.join(self.options) or 'none'})."
            )

    def pad_for(self, options: Mapping[str, Any]) -> int:
        """Benchmark padding for these option values (``pad`` or the option it names)."""
        if isinstance(self.pad, str):
            return int(options.get(self.pad, self.options[self.pad]))
        return int(self.pad)

    def check_options(self, given: Mapping[str, Any] | None) -> None:
        """Raise a ConfigurationError naming the valid options if ``given`` (a spec's
        ``model_options``) holds a name this model does not register."""
        if given is None:
            return
        if not isinstance(given, Mapping):
            raise ConfigurationError(
                f"model_options must be a mapping option -> value; got {type(given).__name__}"
            )
        bad = [str(k) for k in given if k not in self.options]
        if bad:
            valid = ", ".join(self.options) or "none"
            raise ConfigurationError(
                f"model {self.name!r} has no option(s) {', '.join(map(repr, bad))}; valid: {valid}"
            )

    def option_values(self, source: object) -> dict[str, Any]:
        """This model's options as set on ``source`` (a spec): its ``model_options``
        first, then a field of that name (``dimson_lags``), then the registered default.

        Only a field the spec's constructor takes counts: the spec's derived fields
        (``scale``, the largest |return|) are no option of any model.
        """
        given = getattr(source, "model_options", None) or {}
        settable = {f.name for f in fields(source) if f.init} if is_dataclass(source) else set()
        return {
            k: given[k] if k in given else getattr(source, k) if k in settable else default
            for k, default in self.options.items()
        }


@dataclass(frozen=True, eq=False)  # holds functions: identity equality
class TestEntry:
    """One test statistic; calling the entry runs the test on a sample.

    Attributes
    ----------
    name : str
        The spelling users write (``tests=["cda"]``, ``--tests cda``) and the ``test``
        column of results.
    func : callable
        ``func(sample: Sample) -> TestResult``.
    paper : str
        Citation of the test.
    help : str
        One line for ``--help``; with ``paper`` it names the test in the headline.
    robust : bool, default False
        Valid when firm-events share an event date (cross-correlated abnormal returns):
        the dependence-robust tests lead summaries, the headline and the CLI tables.
    label : str, optional
        Short label in tables (default the name).
    column : str, optional
        Narrow heading in the 80-column terminal headline (default ``label``).
    wording : str, optional
        How the headline names the test (default ``"<paper> <help>"``).
    needs : frozenset of str
        Inputs the battery prepares only for tests that read them: ``"ranks"`` (rank
        arrays of the estimation and event ARs), ``"rbar"`` (the mean cross-correlation
        of estimation ARs).
    same_as : str, optional
        The test this one equals when every firm-event of a row shares one day-0 date
        (shown once, as ``= <label>``).
    options : Mapping[str, Any]
        Options of the spec the test reads, with their defaults (documentation: the
        sample carries them).
    """

    __test__ = False  # not a pytest class, despite its name

    name: str
    func: Callable[[Sample], TestResult] = field(repr=False)
    paper: str
    help: str
    robust: bool = False
    label: str = ""
    column: str = ""
    wording: str = ""
    needs: frozenset[str] = frozenset()
    same_as: str | None = None
    options: Mapping[str, Any] = field(default_factory=_no_options)

    def __post_init__(self) -> None:
        object.__setattr__(self, "options", MappingProxyType(dict(self.options)))
        object.__setattr__(self, "needs", frozenset(self.needs))
        object.__setattr__(self, "label", self.label or self.name)
        object.__setattr__(self, "column", self.column or self.label)
        object.__setattr__(self, "wording", self.wording or f"{self.paper} {self.help}")
        unknown = set(self.needs) - {"ranks", "rbar"}
        if unknown:
            raise ConfigurationError(
                f"test {self.name!r} needs {sorted(unknown)}; valid needs: ranks, rbar."
            )

    def __call__(self, sample: Sample) -> TestResult:
        """Run the test on one group of firm-events."""
        return self.func(sample)


E = TypeVar("E", ModelEntry, TestEntry)
V = TypeVar("V")


class Registry(Mapping[str, E], Generic[E]):
    """Entries by name, in the order registered (the order of results and of ``--help``).

    A read-only mapping for everyone but :meth:`register` and :meth:`unregister`;
    ``name in registry``, ``list(registry)`` and ``registry[name]`` read it as they did
    the tuples and dicts it replaces.
    """

    def __init__(self, kind: str) -> None:
        self._kind = kind
        self._entries: dict[str, E] = {}

    def register(self, entry: E, *, replace: bool = False) -> E:
        """Add ``entry``; a name already registered is an error unless ``replace``."""
        if not entry.name or not entry.name.isidentifier():
            raise ConfigurationError(
                f"{self._kind} name {entry.name!r} must be a Python identifier "
                "(letters, digits, underscores), e.g. 'my_model'."
            )
        if entry.name in self._entries and not replace:
            raise ConfigurationError(
                f"{self._kind} {entry.name!r} is already registered; pass replace=True "
                "to replace it, or choose another name."
            )
        self._entries[entry.name] = entry
        return entry

    def unregister(self, name: str) -> E:
        """Remove and return the entry ``name``."""
        return self._entries.pop(self.entry(name).name)

    def entry(self, name: str) -> E:
        """The entry ``name``; a ConfigurationError naming the valid ones otherwise."""
        try:
            return self._entries[name]
        except (KeyError, TypeError):
            raise ConfigurationError(
                f"{self._kind} {name!r} is not known; valid: {', '.join(self._entries)}."
            ) from None

    def names(self, where: Callable[[E], bool] | None = None) -> NameView:
        """A live view of the names whose entry satisfies ``where`` (all by default)."""
        return NameView(self, where)

    def view(
        self, value: Callable[[E], V], where: Callable[[E], bool] | None = None
    ) -> EntryView[V]:
        """A live mapping name -> ``value(entry)`` over the entries satisfying ``where``."""
        return EntryView(self, value, where)

    def __getitem__(self, name: str) -> E:
        return self._entries[name]

    def __iter__(self) -> Iterator[str]:
        return iter(tuple(self._entries))

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"Registry({self._kind}: {', '.join(self._entries)})"


class NameView(Sequence[str]):
    """Names of a registry's entries that satisfy a condition, read at each use.

    Behaves as the tuple of names it replaces (``ROBUST_TESTS``); it follows entries
    registered after it was made.
    """

    def __init__(self, registry: Registry[Any], where: Callable[[Any], bool] | None) -> None:
        self._registry, self._where = registry, where

    def _names(self) -> tuple[str, ...]:
        entries = self._registry.values()
        return tuple(e.name for e in entries if self._where is None or self._where(e))

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> tuple[str, ...]: ...
    def __getitem__(self, i: int | slice) -> str | tuple[str, ...]:
        return self._names()[i]

    def __len__(self) -> int:
        return len(self._names())

    def __iter__(self) -> Iterator[str]:
        return iter(self._names())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return self._names() == tuple(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # a live view: its value changes

    def __repr__(self) -> str:
        return repr(self._names())


class EntryView(Mapping[str, V]):
    """Name -> a value read off each entry (a label, a paper), read at each use.

    Replaces the hand-kept dicts of labels: it follows entries registered after it was
    made, and ``.items()`` is live too.
    """

    def __init__(
        self,
        registry: Registry[Any],
        value: Callable[[Any], V],
        where: Callable[[Any], bool] | None,
    ) -> None:
        self._registry, self._value, self._where = registry, value, where

    def _entries(self) -> dict[str, Any]:
        return {n: e for n, e in self._registry.items() if self._where is None or self._where(e)}

    def __getitem__(self, name: str) -> V:
        entry = self._entries()[name]
        return self._value(entry)

    def __iter__(self) -> Iterator[str]:
        return iter(tuple(self._entries()))

    def __len__(self) -> int:
        return len(self._entries())

    def __repr__(self) -> str:
        return repr(dict(self.items()))
