"""Faster scanning with big keyword alternations: a leading look-ahead on their first characters.

Python's regex engine tries every branch of an alternation at every position. Prefixing the
pattern with ``(?=[...])``, the set of characters a match can start with, lets it skip all
other positions at once (for the Chinese vocabularies about 40x faster on news text). The
set is read from the parsed pattern (``re._parser``, the standard library's own parser);
when it cannot be bounded (a branch may start with any character) the pattern is compiled
unchanged, which is slower but matches the same strings.
"""

from __future__ import annotations

import re
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as parser  # type: ignore[attr-defined]

__all__ = ["compile_prefixed", "first_chars"]

_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_MAX_RANGE = 2000  # a wider class (e.g. [^x]) is treated as "any character"


def compile_prefixed(pattern: str) -> re.Pattern[str]:
    """``pattern`` compiled behind a look-ahead on its possible first characters."""
    chars = first_chars(pattern)
    if not chars:
        return re.compile(pattern)
    ranges = "".join(re.escape(c) for c in sorted(chars))
    return re.compile(f"(?=[{ranges}])(?:{pattern})")


def first_chars(pattern: str) -> set[str] | None:
    """The characters a match of ``pattern`` can start with (None when unbounded)."""
    try:
        return _first(list(parser.parse(pattern)), False)
    except (re.error, TypeError, ValueError, AttributeError):  # be safe: fall back to plain
        return None


def _add(out: set[str], code: int, icase: bool) -> None:
    ch = chr(code)
    out.update({ch, ch.lower(), ch.upper()} if icase else {ch})


def _first(items: list, icase: bool) -> set[str] | None:
    out: set[str] = set()
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op is sre.LITERAL:
            _add(out, av, icase)
            return out
        if op is sre.IN:
            for code, arg in av:
                if code is sre.LITERAL:
                    _add(out, arg, icase)
                elif code is sre.RANGE and arg[1] - arg[0] <= _MAX_RANGE:
                    for c in range(arg[0], arg[1] + 1):
                        _add(out, c, icase)
                else:
                    return None
            return out
        if op is sre.SUBPATTERN:
            _, add_flags, _, sub = av
            found = _first(list(sub), icase or bool(add_flags & re.IGNORECASE))
            if found is None:
                return None
            out |= found
            if not _nullable(list(sub)):
                return out
            continue
        if op is sre.BRANCH:
            for branch in av[1]:
                found = _first(list(branch), icase)
                if found is None:
                    return None
                out |= found
            if not any(_nullable(list(b)) for b in av[1]):
                return out
            continue
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            low, _, sub = av
            found = _first(list(sub), icase)
            if found is None:
                return None
            out |= found
            if low > 0:
                return out
            continue
        return None
    return None  # the whole pattern can match the empty string


def _nullable(items: list) -> bool:
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] == 0:
            continue
        if op is sre.SUBPATTERN and _nullable(list(av[3])):
            continue
        if op is sre.BRANCH and any(_nullable(list(b)) for b in av[1]):
            continue
        return False
    return True


def top_level(pattern: str) -> list[str]:
    """Split ``pattern`` at its top-level ``|`` (not inside groups or character classes)."""
    parts, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if pattern[i + 1 : i + 2] == "]":
                i += 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


def compile_bucketed(
    named: list[tuple[str, str]], *, prefix: str = "", suffix: str = ""
) -> re.Pattern[str]:
    """One case-insensitive alternation of ``(name, pattern)`` pieces, grouped by first letter.

    Each piece becomes a group ``<name>__<k><letter>`` (strip from ``__`` to read the name). The
    engine tests one look-ahead per first letter, then only that letter's pieces, instead of
    every piece at every word start. Order within a letter follows ``named``.
    """
    buckets: dict[str, list[str]] = {}
    rest: list[str] = []
    for k, (name, piece) in enumerate(named):
        chars = first_chars(f"(?i:{piece})")
        letters = {c.lower() for c in chars} if chars else set()
        if not chars or any(not (c.isascii() and c.isalnum()) for c in letters):
            rest.append(f"(?P<{name}__{k}_>(?i:{piece}))")
            continue
        for letter in letters:  # a piece may start with several letters: one copy in each
            buckets.setdefault(letter, []).append(f"(?P<{name}__{k}{letter}>(?i:{piece}))")
    branches = [
        f"(?=[{re.escape(letter)}{re.escape(letter.upper())}])(?:{'|'.join(groups)})"
        for letter, groups in sorted(buckets.items())
    ]
    # A first look-ahead on all first letters at once: the engine then rejects most positions
    # with one class test instead of one look-ahead per letter (2-4x faster on English text).
    gate = (
        ""
        if rest
        else "(?=["
        + "".join(re.escape(c) for c in sorted({x for k in buckets for x in (k, k.upper())}))
        + "])"
    )
    return re.compile(gate + prefix + "(?:" + "|".join(branches + rest) + ")" + suffix)
