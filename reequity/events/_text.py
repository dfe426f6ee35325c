"""Small text helpers shared by the event modules: digit folding, Chinese numerals, sentences.

Everything here is pure and keeps character offsets intact (one character in, one out), so a
match found in a folded string is also an exact substring of the original text.
"""

from __future__ import annotations

import re

# Full-width digits -> ASCII digits, one character for one character (offsets stay valid).
_FOLD = str.maketrans("０１２３４５６７８９", "0123456789")

_ZH_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


_FULLWIDTH = re.compile("[０-９]")


def fold_digits(text: str) -> str:
    """Replace full-width digits by ASCII digits without changing the length of ``text``."""
    return text.translate(_FOLD) if _FULLWIDTH.search(text) else text


def zh_int(token: str) -> int | None:
    """Read a number written with Arabic digits or Chinese numerals (0-999).

    ``"25"``, ``"二十五"``, ``"十二"``, ``"廿"`` is not supported; a four-character run of
    digit characters such as ``"二〇二五"`` is read digit by digit (a year). Returns ``None``
    when the token is not a number.
    """
    if not token:
        return None
    if token.isascii() and token.isdigit():
        return int(token)
    if all(ch in _ZH_DIGITS for ch in token):
        value = 0
        for ch in token:
            value = value * 10 + _ZH_DIGITS[ch]
        return value if len(token) > 1 else _ZH_DIGITS[token]
    return _zh_positional(token)


def _zh_positional(token: str) -> int | None:
    total, current = 0, 0
    for ch in token:
        if ch in _ZH_DIGITS:
            current = _ZH_DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


# A sentence ends at CJK/ASCII terminal punctuation, a line break, a summary bullet " - ", or
# before "Group N:" headings of machine summaries. A period only ends a sentence when the word
# before it is not a known abbreviation (U.S., vs., Dec. ...).
_BOUNDARY = re.compile(r"[。！？!?；;\n]+|(?<=\.)\s+(?=[A-Z\[“\"(])|\s+-\s+|\s+(?=Group \d+:)")
_ABBREV = re.compile(
    r"(?:\b(?:[A-Z]\.){1,3}|\b(?:Mr|Mrs|Ms|Dr|St|No|Nos|Inc|Co|Corp|Ltd|vs|etc|approx|Jan|Feb|Mar|"
    r"Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|e\.g|i\.e)\.)$"
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the sentences of ``text`` (Chinese and English)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if text[match.start() - 1 : match.start()] == "." and _ABBREV.search(
            text[max(0, match.start() - 12) : match.start()]
        ):
            continue
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def sentence_at(spans: list[tuple[int, int]], offset: int) -> tuple[int, int]:
    """The span in ``spans`` (sorted) that contains ``offset`` (binary search)."""
    lo, hi = 0, len(spans) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        s, e = spans[mid]
        if offset < s:
            hi = mid - 1
        elif offset >= e:
            lo = mid + 1
        else:
            return s, e
    return offset, offset


_CLAUSE = re.compile(r"[，,；;：:]")


def clause_at(text: str, lo: int, hi: int, offset: int) -> tuple[int, int]:
    """The comma/colon-delimited clause of ``text[lo:hi]`` that contains ``offset``."""
    start, end = lo, hi
    for match in _CLAUSE.finditer(text, lo, hi):
        if match.end() <= offset:
            start = match.end()
        elif match.start() >= offset:
            end = match.start()
            break
    return start, end
