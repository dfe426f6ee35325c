"""The combined date-rule pass finds exactly what each rule's own finditer finds."""

from __future__ import annotations

import re

import pytest

from reequity.events._date_rules import RULES, SCANNERS, TABLE
from reequity.events._date_scan import RuleScanner, gate_pattern
from reequity.events._text import fold_digits, to_simplified

from .test_extract_golden import INPUTS

_TEXTS = [fold_digits(to_simplified(path.read_text(encoding="utf-8"))) for path in INPUTS.values()]


def _separate(text: str, indices: list[int]) -> list[tuple[int, tuple[int, int], tuple]]:
    return sorted((i, m.span(), m.groups()) for i in indices for m in RULES[i][0].finditer(text))


@pytest.mark.parametrize("text", _TEXTS, ids=list(INPUTS))
def test_combined_pass_equals_separate_passes(text: str) -> None:
    for _, scanner in SCANNERS:
        got: list[tuple[int, tuple[int, int], tuple]] = []
        scanner.scan(text, lambda i, m, got=got: got.append((i, m.span(), m.groups())))
        assert sorted(got) == _separate(text, sorted(scanner.indices))


def test_overlapping_rules_and_back_references_synthetic() -> None:
    # rule 0 matches inside rule 1's match and rule 1 repeats; rule 2 uses a back-reference
    patterns = [re.compile(r"(?=[a])ab"), re.compile(r"(?=[ax])(?:xab|ab+c)"),
                re.compile(r"(?=[0-9])([0-9])-\1")]  # fmt: skip
    scanner = RuleScanner(patterns, ["a", "ax", "0-9"], [0, 1, 2])
    text = "xabbc abc 1-1 2-3 abxab"
    got: list[tuple[int, tuple[int, int]]] = []
    scanner.scan(text, lambda i, m: got.append((i, m.span())))
    want = sorted((i, m.span()) for i, p in enumerate(patterns) for m in p.finditer(text))
    assert sorted(got) == want
    assert (1, (0, 3)) in got and (1, (6, 9)) in got and (0, (1, 3)) in got and (2, (10, 13)) in got


def test_factored_gate_finds_exactly_the_texts_with_a_trigger() -> None:
    """gate_pattern is the plain alternation of the triggers, for "is any of them in the text"."""
    triggers = (
        "last spring",
        "last summer",
        "last",
        "late",
        "this morning",
        "tonight",
        "同期",
        "同月",
    )
    texts = ["it was late", "the last word", "la st", "tonigh", "同 期", "同期数据", "this mornin",
             "xx tonight", "", "lat", "同月"]  # fmt: skip
    factored = re.compile(gate_pattern(triggers))
    plain = re.compile("|".join(map(re.escape, triggers)))
    assert [bool(factored.search(t)) for t in texts] == [bool(plain.search(t)) for t in texts]
    assert [bool(factored.search(t)) for t in texts].count(True) == 5
    for triggers in {rule.triggers for rule in TABLE if rule.triggers}:
        gate = re.compile(gate_pattern(triggers))
        assert all(gate.search(t) for t in triggers)
