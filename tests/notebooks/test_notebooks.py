"""The notebooks in ``notebooks/`` run top to bottom offline and are committed as built.

Each notebook is executed in a fresh ``python3`` kernel with nbclient, working directory
``notebooks/`` (as Jupyter would use), a time limit per cell and an empty writable cache,
so only the shipped snapshot is read. Any cell error fails the test. The committed files
must also carry their outputs and match the cell lists in ``scripts/build_notebooks.py``
(rebuild with ``python scripts/build_notebooks.py``).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK_DIR = ROOT / "notebooks"
EXPECTED = [
    "01_quickstart.ipynb",
    "02_events_from_articles.ipynb",
    "03_export_controls.ipynb",
    "04_correlations.ipynb",
]
CELL_TIMEOUT = 300  # seconds; the slowest cell takes a few seconds on a 2-core machine
MAX_BYTES = 1_000_000

pytestmark = pytest.mark.notebook


def _read(name: str) -> nbformat.NotebookNode:
    return nbformat.read(NOTEBOOK_DIR / name, as_version=4)


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_notebooks", ROOT / "scripts" / "build_notebooks.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _errors(nb: nbformat.NotebookNode) -> list[str]:
    return [
        f"cell {i}: {out.get('ename')}: {out.get('evalue')}"
        for i, cell in enumerate(nb.cells)
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
        if out.get("output_type") == "error"
    ]


def test_the_four_notebooks_are_there() -> None:
    assert sorted(p.name for p in NOTEBOOK_DIR.glob("*.ipynb")) == EXPECTED


@pytest.mark.parametrize("name", EXPECTED, ids=lambda n: n[:2])
def test_notebook_executes_offline(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # an empty writable layer: the kernel (which inherits the environment) reads the snapshot
    monkeypatch.setenv("REEQUITY_CACHE_DIR", str(tmp_path / "cache"))
    nb = _read(name)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK_DIR)}},
    )
    client.execute()  # raises CellExecutionError on the first failing cell
    assert _errors(nb) == []
    assert any(
        "image/png" in out.get("data", {})
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.outputs
    ), f"{name} drew no figure"


@pytest.mark.parametrize("name", EXPECTED, ids=lambda n: n[:2])
def test_committed_with_outputs(name: str) -> None:
    path = NOTEBOOK_DIR / name
    nb = _read(name)
    code = [c for c in nb.cells if c.cell_type == "code"]
    # executed top to bottom in one kernel: counts 1, 2, 3, ...
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1))
    assert _errors(nb) == []
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    assert path.stat().st_size < MAX_BYTES, f"{name} is {path.stat().st_size} bytes"


@pytest.mark.parametrize("name", EXPECTED, ids=lambda n: n[:2])
def test_committed_sources_match_generator(name: str) -> None:
    cells = _generator().NOTEBOOKS[name]
    committed = [(c.cell_type, c.source) for c in _read(name).cells]
    assert committed == list(cells), (
        f"{name} differs from scripts/build_notebooks.py; rebuild it with "
        f"`python scripts/build_notebooks.py {name[:2]}`"
    )
