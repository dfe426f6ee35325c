"""The study options of the CLI, built from the library's registries and defaults.

Nothing here spells a model, a test, a convention or a window: ``--model``, ``--tests``
and ``--convention`` take their choices, help text and defaults from
:data:`reequity.study.models.MODELS`, :data:`reequity.study.statistics.TESTS` and
:mod:`reequity.study.conventions`, and the windows from :mod:`reequity.study.windows`.
A value outside the choices is a usage error (exit 2) raised before any data is loaded.

The help text is made each time the app is turned into a click command (typer does
this at every run), so a model or test registered after import shows in ``--help``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import typer
from typer.models import OptionInfo

from reequity.study.conventions import CONVENTIONS, DEFAULT_CONVENTION
from reequity.study.models import DEFAULT_MODEL, MODELS
from reequity.study.statistics import ROBUST_TESTS, TESTS
from reequity.study.windows import (
    DEFAULT_ESTIMATION,
    REPORT_WINDOWS,
    default_min_estimation,
    window_label,
)

__all__ = [
    "ALL_TESTS",
    "DEFAULT_CONVENTION",
    "DEFAULT_ESTIMATION_TEXT",
    "DEFAULT_MODEL",
    "ConventionOption",
    "EstimationOption",
    "MinEstimationOption",
    "ModelOption",
    "ModelOptionsOption",
    "TestsOption",
    "WindowOption",
    "check_convention",
    "check_model",
    "cli_models",
    "default_windows",
    "parse_model_options",
    "parse_tests",
]

#: the ``--tests`` value that selects every registered test
ALL_TESTS = "all"
#: ``--estimation``'s default, as the user writes it
DEFAULT_ESTIMATION_TEXT = window_label(DEFAULT_ESTIMATION)


class _RegistryOption(OptionInfo):
    """A typer option whose help text is made from the registries when it is read.

    Typer reads ``help`` when it builds the click command, at every run: models and
    tests registered since import are in the text.
    """

    def __init__(self, make_help: Callable[[], str], *param_decls: str, **kwargs: Any) -> None:
        self._make_help = make_help
        super().__init__(default=..., param_decls=param_decls, **kwargs)

    @property  # type: ignore[override]
    def help(self) -> str:
        """The help text, made now."""
        return self._make_help()

    @help.setter
    def help(self, value: str | None) -> None:
        """Ignored: ``OptionInfo.__init__`` sets it; the text is made on demand."""


def cli_models() -> tuple[str, ...]:
    """Models the CLI offers: every registered model but those needing a factors frame,
    which the engine takes (``factors=...``) but the CLI has no file format for."""
    return tuple(name for name, entry in MODELS.items() if not entry.needs_factors)


def _model_help() -> str:
    entries = [MODELS[name] for name in cli_models()]
    return "Expected-return model: " + "; ".join(f"{e.name}: {e.help}" for e in entries) + "."


def _model_options_help() -> str:
    own = [
        f"{name}: " + ", ".join(f"{k} (default {v})" for k, v in MODELS[name].options.items())
        for name in cli_models()
        if MODELS[name].options
    ]
    listed = "; ".join(own) if own else "no model registers one"
    return f"A model's own option as KEY=VALUE (repeatable): {listed}."


def _tests_help() -> str:
    return (
        f"'{ALL_TESTS}' or comma-separated test names: {', '.join(TESTS)}. "
        f"Dependence-robust (valid with shared event dates): {', '.join(ROBUST_TESTS)}."
    )


def _convention_help() -> str:
    return "; ".join(f"{name}: {text}" for name, text in CONVENTIONS.items()) + "."


def _window_help() -> str:
    shown = ", ".join(window_label(w) for w in REPORT_WINDOWS)
    return f"Event window A:B (repeatable). Default {shown}."


def _min_estimation_help() -> str:
    return (
        "Minimum estimation observations per firm-event (default: half the estimation "
        f"window, {default_min_estimation(DEFAULT_ESTIMATION)} for {DEFAULT_ESTIMATION_TEXT})."
    )


ModelOption = Annotated[str, _RegistryOption(_model_help, "--model")]
ModelOptionsOption = Annotated[
    list[str] | None, _RegistryOption(_model_options_help, "--model-option", show_default=False)
]
TestsOption = Annotated[str, _RegistryOption(_tests_help, "--tests")]
ConventionOption = Annotated[str, _RegistryOption(_convention_help, "--convention")]
EstimationOption = Annotated[
    str, typer.Option("--estimation", help="Estimation window A:B in trading days.")
]
WindowOption = Annotated[list[str] | None, _RegistryOption(_window_help, "--window", "-w")]
MinEstimationOption = Annotated[
    int | None,
    _RegistryOption(_min_estimation_help, "--min-estimation", min=3, show_default=False),
]


def default_windows() -> tuple[tuple[int, int], ...]:
    """Event windows of the main job when no ``--window`` is given."""
    return REPORT_WINDOWS


def check_model(value: str) -> str:
    """``--model``'s value if the CLI offers it; a usage error listing the choices."""
    choices = cli_models()
    if value not in choices:
        message = f"{value!r} is not one of {', '.join(choices)}"
        raise typer.BadParameter(message, param_hint="--model")
    return value


def check_convention(value: str) -> str:
    """``--convention``'s value if it is a convention; a usage error otherwise."""
    if value not in CONVENTIONS:
        message = f"{value!r} is not {' or '.join(CONVENTIONS)}"
        raise typer.BadParameter(message, param_hint="--convention")
    return value


def parse_tests(value: str) -> str | tuple[str, ...]:
    """``--tests``: ``'all'`` or registered test names (comma-separated), checked before
    any data is loaded (a usage error otherwise)."""
    if value == ALL_TESTS:
        return ALL_TESTS
    names = tuple(v.strip() for v in value.split(",") if v.strip())
    unknown = [t for t in names if t not in TESTS]
    if unknown or not names:
        raise typer.BadParameter(
            f"unknown test(s) {', '.join(unknown) or repr(value)}; valid: '{ALL_TESTS}' or "
            f"any of {', '.join(TESTS)}",
            param_hint="--tests",
        )
    return names


def _as_type_of(default: Any, text: str) -> Any:
    """``text`` as the type of the option's registered default (bool, int, float or str)."""
    if isinstance(default, bool):
        lowered = text.strip().lower()
        if lowered not in ("true", "false", "1", "0", "yes", "no"):
            raise ValueError(f"{text!r} is not true or false")
        return lowered in ("true", "1", "yes")
    if isinstance(default, int):
        return int(text)
    if isinstance(default, float):
        return float(text)
    return text


def parse_model_options(model: str, values: list[str] | None) -> dict[str, Any] | None:
    """``--model-option KEY=VALUE`` values as the model's ``model_options`` (None if none).

    Each value takes the type of the option's registered default; an option the model
    does not register, or a value of the wrong type, is a usage error naming the valid
    options, raised before any data is loaded.
    """
    if not values:
        return None
    entry = MODELS[model]
    valid = ", ".join(f"{k}={v}" for k, v in entry.options.items()) or "none"
    parsed: dict[str, Any] = {}
    for item in values:
        key, sep, text = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise typer.BadParameter(f"{item!r} is not KEY=VALUE", param_hint="--model-option")
        if key not in entry.options:
            raise typer.BadParameter(
                f"model {model!r} has no option {key!r}; valid: {valid}",
                param_hint="--model-option",
            )
        try:
            parsed[key] = _as_type_of(entry.options[key], text)
        except ValueError as err:
            raise typer.BadParameter(f"{key}: {err}", param_hint="--model-option") from err
    return parsed
