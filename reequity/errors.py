"""Exception and warning classes of reequity.

Every error raised on purpose by the package derives from :class:`ReequityError`, and
each also subclasses the builtin exception it refines, so ``except KeyError`` keeps
working for callers who do not know this package. The CLI catches ``ReequityError`` at
its edge, prints the one-line message and exits with code 1.

Messages say what was received, what is valid and what to do.
"""

from __future__ import annotations

__all__ = [
    "ArticleFormatError",
    "CacheCorruptError",
    "CacheMissError",
    "ConfigurationError",
    "EventFormatError",
    "EventOutOfRangeError",
    "InsufficientDataError",
    "OfflineFallbackWarning",
    "ProviderError",
    "ReequityError",
    "ReequityWarning",
    "StatisticWarning",
    "SuspensionWarning",
    "ConfounderWarning",
    "UnknownTickerError",
]


class ReequityError(Exception):
    """Root of every error raised on purpose by reequity."""

    def __str__(self) -> str:
        # KeyError quotes its message; a one-line human message reads better unquoted.
        return " ".join(str(a) for a in self.args)


class UnknownTickerError(ReequityError, KeyError):
    """A ticker that is not in the universe (or not a column of the given frame)."""


class InsufficientDataError(ReequityError, ValueError):
    """Too few observations (estimation days, firms, rows) for the requested computation."""


class EventOutOfRangeError(ReequityError, ValueError):
    """An event date outside the data or the exchange calendar's bounds."""


class EventFormatError(ReequityError, ValueError):
    """An events table that lacks required columns or holds unparseable values."""


class CacheCorruptError(ReequityError, OSError):
    """A cache file that cannot be read or does not match its manifest entry."""


class CacheMissError(ReequityError, LookupError):
    """A series that is neither obtainable online nor present in any cache layer."""


class ProviderError(ReequityError, RuntimeError):
    """A data vendor (akshare, yfinance) failed or returned something unusable."""


class ArticleFormatError(ReequityError, ValueError):
    """An article dump that holds no parseable article."""


class ConfigurationError(ReequityError, ValueError):
    """Invalid option values (windows, models, conventions, file paths)."""


class ReequityWarning(UserWarning):
    """Root of reequity's warnings."""


class OfflineFallbackWarning(ReequityWarning):
    """A provider could not be reached and the cached copy was used instead."""


class SuspensionWarning(ReequityWarning):
    """A security was suspended (no trade) on a day the analysis needs."""


class StatisticWarning(ReequityWarning):
    """A test statistic could not be computed and was reported as NaN."""


class ConfounderWarning(ReequityWarning):
    """A confounding catalogue event falls inside an event window."""
