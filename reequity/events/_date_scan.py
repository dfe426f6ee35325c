"""Several date rules in one regex pass: the matches each rule's own ``finditer`` would give.

The resolver's semantics are "every rule scans the text on its own" (a rule's matches never
overlap each other, rules' matches may; :mod:`reequity.events.dates` settles overlaps).
Running ~44 separate ``finditer`` passes costs one regex-engine start per rule and text
position, which was half the extraction time. Rules gated by the same trigger substrings
(:mod:`reequity.events._date_rules`) share one combined pattern instead: an alternation, one
branch per leading character class, of zero-width look-aheads ``(?=(?P<r7>rule 7))``. It
visits each position once and stops only where some rule of the group matches; the rules
whose leading class admits that character are then tried with ``match`` there. Because
``rule.search(text, pos)`` is exactly the first position ``p >= pos`` where
``rule.match(text, p)`` succeeds, keeping one cursor per rule (the end of its last match)
reproduces each rule's ``finditer`` exactly, with the same match objects (groups, spans);
``tests/events/test_date_scan.py`` checks this against the separate passes.

Merging all 44 rules into one pattern was slower than the gated separate passes (a gated-out
rule still costs its branch everywhere), hence one combined pass per trigger group.
A rule that uses a numbered back-reference (its groups would be renumbered inside the
combined pattern) keeps its own ``finditer`` pass, as does a group of one rule. No rule can
match the empty string (checked at import), so a cursor is always the end of a real match.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["RuleScanner", "gate_pattern"]

_NAMED = re.compile(r"\(\?P<[A-Za-z_][A-Za-z0-9_]*>")
_BACKREF = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")


class RuleScanner:
    """Find the matches of the rules ``indices`` of ``patterns`` with one combined pass.

    Parameters
    ----------
    patterns : list of compiled patterns
        The rules in priority order; each starts with ``(?=[first characters])``.
    first : list of str
        Per rule, the contents of that leading character class (aligned with ``patterns``).
    indices : list of int
        The rules this scanner runs (rules gated by the same trigger substrings).
    """

    def __init__(
        self, patterns: list[re.Pattern[str]], first: list[str], indices: list[int]
    ) -> None:
        self._patterns = patterns
        self.indices = frozenset(indices)
        self._classes = {i: re.compile(f"[{first[i]}]") for i in indices}
        self._alone = [i for i in indices if _BACKREF.search(patterns[i].pattern)]
        merged = [i for i in indices if i not in self._alone]
        if len(merged) < 2:  # nothing to share: the rule's own pass is as fast
            self._alone, merged = list(indices), []
        for p in patterns:
            if p.match(""):  # an empty match would need finditer's own stepping rule
                raise ValueError(f"date rule {p.pattern[:60]!r} matches the empty string")
        # names inside a rule repeat across rules (y, m, d): the combined copy drops them
        # Rules that share a leading class share a branch. A branch consumes one character
        # of that class, so the engine rejects it with one class test; its look-behind then
        # steps back to that character and tries the branch's rules there as look-aheads.
        # The leading class of the whole pattern (the union) lets the engine skip every
        # other position in its fast search loop.
        buckets: dict[str, list[int]] = {}
        for i in merged:
            buckets.setdefault(first[i], []).append(i)
        branches = "|".join(
            f"[{chars}](?<=(?:"
            + "|".join(f"(?=(?P<r{i}>{_NAMED.sub('(?:', patterns[i].pattern)}))" for i in ids)
            + ")(?s:.))"
            for chars, ids in buckets.items()
        )
        union = "".join(first[i] for i in merged)
        self._combined = re.compile(f"[{union}](?<=(?:{branches}))") if merged else None
        self._by_char: dict[str, tuple[int, ...]] = {}

    def _candidates(self, char: str) -> tuple[int, ...]:
        """The rules (in order) whose leading class admits ``char`` (cached per character)."""
        found = self._by_char.get(char)
        if found is None:
            found = tuple(
                i for i, cls in self._classes.items() if i not in self._alone and cls.match(char)
            )
            self._by_char[char] = found
        return found

    def scan(self, text: str, visit: Callable[[int, re.Match[str]], None]) -> None:
        """Call ``visit(rule index, match)`` for every match of every rule of the scanner.

        The matches of one rule come in text order; different rules interleave.
        """
        patterns = self._patterns
        for index in self._alone:
            for match in patterns[index].finditer(text):
                visit(index, match)
        if self._combined is None:
            return
        cursors = dict.fromkeys(self._classes, 0)
        for hit in self._combined.finditer(text):
            pos = hit.start()
            for index in self._candidates(text[pos]):
                if pos < cursors[index]:
                    continue
                match = patterns[index].match(text, pos)
                if match is not None:
                    cursors[index] = match.end()
                    visit(index, match)


def gate_pattern(triggers: tuple[str, ...]) -> str:
    """A regex that finds a text holding any of ``triggers``, factored on shared prefixes.

    ``a|ab|ac`` tries one branch per trigger at every position; the factored form
    (``last (?:spring|summer)|t(?:his (?:...)|onight)``) tests one character per level, which
    makes a gate of many triggers several times faster. A trigger that extends a shorter one
    is dropped: wherever it occurs, the shorter one does too.
    """
    tree: dict[str, dict] = {}
    for trigger in sorted(set(triggers), key=len):
        node = tree
        for char in trigger:
            if "" in node:  # a shorter trigger already ends here
                break
            node = node.setdefault(char, {})
        else:
            node.clear()
            node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        if "" in node:
            return ""
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items())]
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return emit(tree)
