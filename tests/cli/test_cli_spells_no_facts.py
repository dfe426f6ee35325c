"""The CLI spells no model, test, convention or default window: it reads the library's.

The forbidden list is built from the registries and the study's defaults, so it grows
with them. Docstrings are documentation and exempt; every other string literal and every
pair of integers in ``reequity/cli/`` is scanned.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import reequity.cli
from reequity.study import windows
from reequity.study.conventions import CONVENTIONS
from reequity.study.models import MODELS
from reequity.study.statistics import TESTS

CLI = Path(reequity.cli.__file__).parent
#: names that are also plain English words: in prose ("market confounders", "long-short
#: portfolio") they are words; a literal that *is* the name is still forbidden
ENGLISH = frozenset({"market", "sign", "portfolio", "factor", "bootstrap", "textbook"})


def forbidden() -> tuple[list[str], set[tuple[int, int]]]:
    """Registered names and the default windows, read now."""
    names = [*MODELS, *TESTS, *CONVENTIONS]
    wins = {
        windows.DEFAULT_ESTIMATION,
        *windows.DEFAULT_WINDOWS,
        *windows.REPORT_WINDOWS,
        windows.DEFAULT_CLEAN_WINDOW,
    }
    return names, wins


def _docstrings(tree: ast.AST) -> set[int]:
    kinds = (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, kinds) and node.body and isinstance(node.body[0], ast.Expr):
            value = node.body[0].value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                out.add(id(value))
    return out


def _int(node: ast.AST) -> int | None:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = _int(node.operand)
        return None if inner is None else -inner
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return node.value
    return None


def spelled(source: str, names: list[str], wins: set[tuple[int, int]]) -> list[str]:
    """Each place ``source`` spells a name or a default window, as ``line: what``."""
    tree = ast.parse(source)
    docs = _docstrings(tree)
    labels = [windows.window_label(w) for w in wins]
    hits = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            text = node.value
            for name in names:
                word = re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)
                if text.strip() == name or (word and name not in ENGLISH):
                    hits.append(f"{node.lineno}: {name!r} in {text[:60]!r}")
            for label in labels:
                if re.search(rf"(?<![\w:.-]){re.escape(label)}(?![\w:])", text):
                    hits.append(f"{node.lineno}: window {label} in {text[:60]!r}")
        if isinstance(node, ast.Tuple) and len(node.elts) == 2:
            pair = (_int(node.elts[0]), _int(node.elts[1]))
            if pair in wins:
                hits.append(f"{node.lineno}: window {pair}")
    return hits


def test_the_scan_finds_what_it_forbids() -> None:
    names, wins = forbidden()
    source = '''
"""Docstrings may say market, cda and -1:1."""
a = "market"
b = f"{x} or estudy2"
c = "choose cda or grank"
d = ((-1, 1), (0, 10))
e = "-250:-11"
ok = "market confounders, long-short portfolio, 10:00, -11:-1"
'''
    hits = spelled(source, names, wins)
    found = {h.split(":")[0] for h in hits}
    assert found == {"3", "4", "5", "6", "7"}, hits
    assert len([h for h in hits if h.startswith("6:")]) == 2
    assert {"cda", "grank"} <= {n for n in names if any(f"'{n}'" in h for h in hits)}


@pytest.mark.parametrize("path", sorted(CLI.glob("*.py")), ids=lambda p: p.name)
def test_cli_module_spells_no_registered_name_or_default_window(path: Path) -> None:
    names, wins = forbidden()
    assert {"market", "cda", "estudy2"} <= set(names)  # the registries were read
    hits = spelled(path.read_text(encoding="utf-8"), names, wins)
    assert not hits, f"{path.name} spells facts the library owns:\n" + "\n".join(hits)
