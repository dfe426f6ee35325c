"""Read news-article dumps (DESIGN section 6) into a tidy frame.

A dump holds optional header lines, then per article a title line, a source line
``<Source>· YYYY-MM-DD HH:MM`` (middle dot U+00B7; "•" and "・" are accepted too) and one or
more body lines. The reader tolerates CRLF line ends, a byte-order mark, blank lines, extra
header lines, bodies on several lines and any source name.

An article whose source line is malformed (an impossible date such as 2025-13-40, or no title
before it) is reported with a :class:`~reequity.errors.ReequityWarning` and skipped; the rest
still parse. A dump with no article at all raises :class:`~reequity.errors.ArticleFormatError`.
"""

from __future__ import annotations

import re
import stat
import warnings
from os import PathLike
from pathlib import Path

import numpy as np
import pandas as pd

from reequity.errors import ArticleFormatError, ReequityWarning

__all__ = ["COLUMNS", "read_articles"]

COLUMNS = ["article_id", "title", "source", "published_at", "body"]
TIMEZONE = "Asia/Shanghai"
#: largest dump read (a year of news is a few tens of MB)
MAX_DUMP_BYTES = 256 * 2**20

# "<Source>· 2025-12-27 04:15" - short line, a middle dot, then something that starts with a
# digit. Whether that tail is a valid timestamp is checked separately, so that a broken date is
# reported as a malformed article rather than silently read as body text.
_SOURCE = re.compile(r"^(?P<source>[^·•・\n]{1,80}?)\s*[·•・]\s*(?P<stamp>\d[\d\-/:. T]{5,24})\s*$")
_STAMP = re.compile(
    r"^(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?:[ T]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?)?$"
)
_EXPECTED = "a title line followed by a source line like 'Sou Hu Cai Jing· 2025-12-27 04:15'"


def read_articles(path_or_text: str | PathLike[str]) -> pd.DataFrame:
    """Split an article dump into one row per article.

    Parameters
    ----------
    path_or_text : str or os.PathLike
        A path to a UTF-8 (or GB18030) text file, or the dump itself as a string. A string
        without a line break that names an existing file is read as a path.

    Returns
    -------
    pandas.DataFrame
        Columns ``article_id`` (0-based position of the article in the dump; a skipped
        malformed article keeps its number), ``title``, ``source``, ``published_at``
        (tz-aware Asia/Shanghai Timestamp), ``body`` (lines joined by ``"\\n"``).

    Raises
    ------
    ArticleFormatError
        The file cannot be read or decoded, or it contains no article.

    Examples
    --------
    >>> dump = "Header\\nA title\\nSou Hu Cai Jing· 2025-12-27 04:15\\nBody text.\\n"
    >>> read_articles(dump)[["article_id", "title", "source"]].to_dict("records")
    [{'article_id': 0, 'title': 'A title', 'source': 'Sou Hu Cai Jing'}]
    """
    text, origin = _load(path_or_text)
    lines = [line.strip() for line in text.replace("\ufeff", "").splitlines()]
    heads = [i for i, line in enumerate(lines) if _SOURCE.match(line)]
    _check_layout(heads, origin)
    rows = []
    for position, index in enumerate(heads):
        end = heads[position + 1] - 1 if position + 1 < len(heads) else len(lines)
        row = _article(lines, index, end, position, origin)
        if row is not None:
            rows.append(row)
    if not rows:
        raise ArticleFormatError(
            f"no article found in {origin}: expected {_EXPECTED} (then body lines); "
            "check that the file is an article dump."
        )
    frame = _localize(pd.DataFrame(rows, columns=COLUMNS), origin)
    if frame.empty:
        raise ArticleFormatError(
            f"no article of {origin} has a publication time that exists in {TIMEZONE}; "
            "check the source lines' times."
        )
    return frame


def _localize(frame: pd.DataFrame, origin: str) -> pd.DataFrame:
    """Make ``published_at`` Beijing time; skip (with a warning) an article whose clock time
    does not exist (a spring-forward gap) or exists twice (a fall-back fold) there.

    China kept daylight saving in 1986-1991: 1986-05-04 02:00-03:00 never happened, and
    1986-09-14 01:00-02:00 happened twice. Guessing either instant would be silent."""
    stamps = pd.DatetimeIndex(frame["published_at"])
    local = stamps.tz_localize(TIMEZONE, ambiguous="NaT", nonexistent="NaT")
    bad = np.flatnonzero(local.isna())
    for i in bad:
        ambiguous = not pd.isna(stamps[i].tz_localize(TIMEZONE, ambiguous=True, nonexistent="NaT"))
        why = (
            "happened twice (daylight-saving fold)"
            if ambiguous
            else "never happened (daylight-saving gap)"
        )
        warnings.warn(
            f"skipped article {frame['article_id'].iat[i]} of {origin}: its time "
            f"{stamps[i]:%Y-%m-%d %H:%M} {why} in {TIMEZONE}; fix its source line.",
            ReequityWarning,
            stacklevel=3,
        )
    frame["published_at"] = local
    return frame.drop(index=frame.index[bad]).reset_index(drop=True)


def _check_layout(heads: list[int], origin: str) -> None:
    """Reject a dump whose source lines are each one line apart.

    Then every article lacks a title or a body, and the line between two source lines
    would be read as the next title (a body line taken for a title, silently)."""
    if len(heads) >= 2 and all(b - a == 2 for a, b in zip(heads, heads[1:], strict=False)):
        raise ArticleFormatError(
            f"{origin} has no title lines (or no body lines): its {len(heads)} source lines "
            f"are each one line apart; expected {_EXPECTED} (then body lines)."
        )


def _load(path_or_text: str | PathLike[str]) -> tuple[str, str]:
    if isinstance(path_or_text, PathLike):
        return _read_file(Path(path_or_text)), str(path_or_text)
    if not isinstance(path_or_text, str):
        raise ArticleFormatError(
            f"read_articles needs a path or the dump text, got {type(path_or_text).__name__}."
        )
    if "\n" not in path_or_text and len(path_or_text) < 1024:
        if _is_file(path_or_text):
            return _read_file(Path(path_or_text)), path_or_text
        if _looks_like_path(path_or_text):  # one line cannot hold an article anyway
            raise ArticleFormatError(
                f"article dump {path_or_text!r} not found; pass an existing file or the dump text."
            )
    try:  # lone surrogates (text read with errors="surrogateescape") cannot be stored
        path_or_text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ArticleFormatError(
            f"the dump text holds a character that is not valid Unicode at offset {exc.start} "
            f"({path_or_text[exc.start]!r}); read the file as UTF-8 or pass its path instead."
        ) from None
    return path_or_text, "<text>"


def _looks_like_path(candidate: str) -> bool:
    return Path(candidate).suffix.lower() in {".txt", ".text", ".md", ".dump"} or (
        " " not in candidate.strip() and ("/" in candidate or "\\" in candidate)
    )


def _is_file(candidate: str) -> bool:
    try:
        return Path(candidate).is_file()
    except (OSError, ValueError):  # embedded NUL, name too long ...
        return False


def _read_file(path: Path) -> str:
    try:
        raw = _bounded_read(path)
    except OSError as exc:
        raise ArticleFormatError(
            f"cannot read article dump {path}: {exc.strerror or exc}; check the path."
        ) from exc
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ArticleFormatError(
        f"article dump {path} is neither UTF-8 nor GB18030 text; re-save it as UTF-8."
    )


def _bounded_read(path: Path) -> bytes:
    """Read at most :data:`MAX_DUMP_BYTES`: ``/dev/zero`` or a runaway pipe must give an
    error, not fill the memory."""
    mode = path.stat().st_mode
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) or stat.S_ISDIR(mode):
        kind = "a folder" if stat.S_ISDIR(mode) else "a device"
        raise ArticleFormatError(f"article dump {path} is {kind}, not a text file; pass a file.")
    with path.open("rb") as fh:
        raw = fh.read(MAX_DUMP_BYTES + 1)
    if len(raw) > MAX_DUMP_BYTES:
        raise ArticleFormatError(
            f"article dump {path} is larger than {MAX_DUMP_BYTES // 2**20} MB (or endless, "
            "like a device); split it into smaller files."
        )
    return raw


def _article(lines: list[str], index: int, end: int, position: int, origin: str) -> dict | None:
    """Build one row from the source line at ``index``; body runs up to ``end`` (exclusive)."""
    match = _SOURCE.match(lines[index])
    assert match is not None  # heads only holds matching lines
    stamp = _timestamp(match["stamp"])
    title = lines[index - 1] if index > 0 else ""
    problem = None
    if stamp is None:
        problem = f"its source line has no valid 'YYYY-MM-DD HH:MM' time: {match['stamp']!r}"
    elif not title or _SOURCE.match(title):
        problem = "it has no title line before its source line"
    if problem is not None:
        warnings.warn(
            f"skipped article {position} (line {index + 1}) of {origin}: {problem}; "
            f"expected {_EXPECTED}.",
            ReequityWarning,
            stacklevel=3,
        )
        return None
    body = "\n".join(line for line in lines[index + 1 : end] if line)
    return {"article_id": position, "title": title, "source": match["source"].strip(),
            "published_at": stamp, "body": body}  # fmt: skip


def _timestamp(token: str) -> pd.Timestamp | None:
    found = _STAMP.match(token.strip())
    if found is None:
        return None
    parts = {k: int(v) if v else 0 for k, v in found.groupdict().items()}
    try:
        return pd.Timestamp(year=parts["y"], month=parts["m"], day=parts["d"], hour=parts["H"],
                            minute=parts["M"], second=parts["S"])  # fmt: skip
    except (ValueError, OverflowError):
        return None
