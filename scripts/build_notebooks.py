"""Build the notebooks in ``notebooks/`` from the cell lists in ``scripts/notebook_cells/``, execute them, save them.

Each notebook is authored in ``scripts/notebook_cells/`` as a list of ``md(...)`` and ``code(...)`` cells, so the
notebooks can be rebuilt (and reviewed as plain Python) after a change to the package:

    python scripts/build_notebooks.py            # build, execute and save all four
    python scripts/build_notebooks.py 03         # only notebooks whose name contains "03"
    python scripts/build_notebooks.py --no-run   # write them without outputs

Execution uses nbclient with the ``python3`` kernel and ``notebooks/`` as the working
directory (as Jupyter would), offline on the shipped cache. The saved files keep their
outputs so they read well on GitHub; ``tests/notebooks`` re-executes them and checks that
the committed sources are the ones built here.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

# run as a script or loaded by file path (tests): make the sibling package importable
sys.path.insert(0, str(Path(__file__).resolve().parent))
from notebook_cells.articles import ARTICLES
from notebook_cells.correlations import CORRELATIONS
from notebook_cells.export_controls import EXPORT_CONTROLS
from notebook_cells.quickstart import QUICKSTART

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / "notebooks"
CELL_TIMEOUT = 300  # seconds per cell


NOTEBOOKS: dict[str, list[tuple[str, str]]] = {
    "01_quickstart.ipynb": QUICKSTART,
    "02_events_from_articles.ipynb": ARTICLES,
    "03_export_controls.ipynb": EXPORT_CONTROLS,
    "04_correlations.ipynb": CORRELATIONS,
}


def build(cells: list[tuple[str, str]]) -> nbformat.NotebookNode:
    """An unexecuted notebook from ``(kind, source)`` cells, with a python3 kernelspec."""
    nb = new_notebook(
        cells=[
            new_markdown_cell(src) if kind == "markdown" else new_code_cell(src)
            for kind, src in cells
        ]
    )
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def execute(nb: nbformat.NotebookNode, *, cwd: Path = NOTEBOOK_DIR) -> nbformat.NotebookNode:
    """Run every cell top to bottom in a fresh python3 kernel; raise on the first error."""
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(cwd)}},
        record_timing=False,
    )
    client.execute()
    return nb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("only", nargs="*", help="build only notebooks whose name contains this")
    parser.add_argument("--no-run", action="store_true", help="write without executing")
    args = parser.parse_args(argv)
    NOTEBOOK_DIR.mkdir(exist_ok=True)
    for name, cells in NOTEBOOKS.items():
        if args.only and not any(part in name for part in args.only):
            continue
        nb = build(cells)
        start = time.perf_counter()
        if not args.no_run:
            execute(nb)
        path = NOTEBOOK_DIR / name
        nbformat.write(nb, path)
        print(f"{name}: {time.perf_counter() - start:.1f} s, {path.stat().st_size / 1e3:.0f} kB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
