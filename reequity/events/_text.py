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
    "○": 0,  # U+25CB WHITE CIRCLE, common in place of 〇 ("二○二四年")
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
_CONVERTER = None


def to_simplified(text: str) -> str:
    """Traditional -> Simplified Chinese with OpenCC (``t2s``), one character for one character.

    Keyword, actor and date rules are written in Simplified script; matching the converted
    text classifies 當天/當日 like 当天/当日 and 管制措施 in either script alike. OpenCC's
    phrase table can in rare cases change a line's length; such a line is converted one
    character at a time instead, so offsets into the converted text stay offsets into the
    original.
    """
    global _CONVERTER
    if text.isascii():
        return text
    if _CONVERTER is None:
        import opencc

        _CONVERTER = opencc.OpenCC("t2s")
    converted = _CONVERTER.convert(text)
    if len(converted) == len(text):
        return converted
    lines = []
    for line in text.split("\n"):
        out = _CONVERTER.convert(line)
        if len(out) != len(line):
            out = "".join(c if len(c := _CONVERTER.convert(ch)) == 1 else ch for ch in line)
        lines.append(out)
    return "\n".join(lines)


def fold_digits(text: str) -> str:
    """Replace full-width digits by ASCII digits without changing the length of ``text``."""
    return text.translate(_FOLD) if _FULLWIDTH.search(text) else text


def zh_int(token: str) -> int | None:
    """Read a number written with Arabic digits or Chinese numerals (0-999).

    ``"25"``, ``"二十五"``, ``"十二"``, ``"廿五"`` (25), ``"卅一"`` (31); a run of digit
    characters such as ``"二〇二五"`` or ``"二○二四"`` is read digit by digit (a year).
    Returns ``None`` when the token is not a number.
    """
    if not token:
        return None
    if token[0] in "廿卅":
        token = ("二十" if token[0] == "廿" else "三十") + token[1:]
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
# The leading look-ahead (every branch starts with one of these) lets the engine skip the
# other positions with one class test.
_BOUNDARY = re.compile(
    r"(?=[。！？!?；;\s])(?:[。！？!?；;\n]+|(?<=\.)\s+(?=[A-Z\[“\"(])|\s+-\s+|\s+(?=Group \d+:))"
)
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
