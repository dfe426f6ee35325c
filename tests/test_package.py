"""The package surface: version, error hierarchy, lazy API."""

from __future__ import annotations

import pytest

import reequity as rq
from reequity import errors


def test_version_is_a_string() -> None:
    assert rq.__version__.count(".") == 2


@pytest.mark.parametrize(
    ("cls", "builtin"),
    [
        (errors.UnknownTickerError, KeyError),
        (errors.InsufficientDataError, ValueError),
        (errors.EventOutOfRangeError, ValueError),
        (errors.CacheCorruptError, OSError),
        (errors.ArticleFormatError, ValueError),
        (errors.ProviderError, RuntimeError),
    ],
)
def test_errors_subclass_root_and_builtin(cls: type, builtin: type) -> None:
    assert issubclass(cls, errors.ReequityError)
    assert issubclass(cls, builtin)


def test_keyerror_message_is_not_quoted() -> None:
    assert str(errors.UnknownTickerError("unknown ticker 'X'")) == "unknown ticker 'X'"


def test_unknown_attribute_raises_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = rq.no_such_name
