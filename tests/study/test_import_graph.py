"""The engine computes, ``frames`` only shapes: no import cycle between them.

``frames`` must load without the engine (it needs the spec's type for annotations only),
and the package's module-level imports must form no cycle at all.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import reequity

PACKAGE = Path(reequity.__file__).parent


def _loaded_after(statement: str) -> set[str]:
    """The ``reequity`` modules a fresh interpreter holds after ``statement``."""
    code = f"{statement}\nimport sys\nprint(' '.join(m for m in sys.modules if m.startswith('reequity')))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        cwd=PACKAGE.parent,
    )  # fmt: skip
    return set(out.stdout.split())


def test_frames_loads_without_the_engine_or_its_findings() -> None:
    loaded = _loaded_after("import reequity.study.frames")
    assert "reequity.study.frames" in loaded
    assert "reequity.study.engine" not in loaded
    assert "reequity.study.flags" not in loaded  # what the engine found is passed in


_TESTING = ("reequity.study.battery", "reequity.study.statistics", "reequity.study.testing")


def _all_imports(path: Path) -> set[str]:
    """Every module an ``import`` statement of ``path`` names, wherever it stands (in a
    function body and under ``if TYPE_CHECKING:`` too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def _is_testing(module: str) -> bool:
    return any(module == m or module.startswith(m + ".") for m in _TESTING)


def test_frames_runs_no_test_battery() -> None:
    """The batteries run in the fit stage (``testing.run_tests``); ``frames`` and the
    group frames only shape their results: they import no battery, statistic or the
    module that runs them (the runs' types come from ``testing`` for annotations only)."""
    for name in ("frames", "grouped"):
        path = PACKAGE / "study" / f"{name}.py"
        named = _all_imports(path) - {"reequity.study.testing"}  # annotations: see below
        assert not {m for m in named if _is_testing(m)}, name
    loaded = _loaded_after(
        "import reequity.study.frames as f\n"
        "bad = sorted(n for n, v in vars(f).items() if getattr(v, '__module__', None) "
        "and v.__module__.startswith(('reequity.study.battery', 'reequity.study.statistics', "
        "'reequity.study.testing')))\n"
        "assert not bad, bad"
    )
    assert "reequity.study.battery" not in loaded
    assert "reequity.study.testing" not in loaded


def test_flags_loads_without_the_engine_or_frames() -> None:
    loaded = _loaded_after("import reequity.study.flags")
    assert not {"reequity.study.engine", "reequity.study.frames"} & loaded


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _top_level_imports(path: Path) -> set[str]:
    """``reequity`` modules imported when ``path`` loads: module-level statements only
    (not inside functions, nor under ``if TYPE_CHECKING:``)."""
    found: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names}
    return {m for m in found if m.startswith("reequity")}


def test_module_level_imports_form_no_cycle() -> None:
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph = {
        name: sorted(m for m in _top_level_imports(path) if m in modules and m != name)
        for name, path in modules.items()
    }
    state: dict[str, int] = {}  # 1 on the current path, 2 done

    def visit(node: str, path: list[str]) -> list[str] | None:
        state[node] = 1
        for nxt in graph[node]:
            if state.get(nxt) == 1:
                return [*path, node, nxt]
            if nxt not in state and (cycle := visit(nxt, [*path, node])):
                return cycle
        state[node] = 2
        return None

    for name in sorted(graph):
        if name not in state:
            cycle = visit(name, [])
            assert cycle is None, " -> ".join(cycle[cycle.index(cycle[-1]) :])
    assert "reequity.study.frames" not in graph["reequity.study.flags"]
    assert "reequity.study.flags" in graph["reequity.study.engine"]
