"""Writing CLI outputs safely: atomic files, clean text, no spreadsheet formulas.

* Every file is written to a temp file in the same folder and ``os.replace``-d into
  place, so a full disk or a kill leaves the old file whole, never a truncated CSV.
* Control characters (ESC, NUL, U+2028...) in text cells would drive the terminal or split
  rows; they are replaced by their ``\\x1b``-style escape in tables, CSVs and titles.
* A text cell beginning with ``=``, ``+``, ``-`` or ``@`` is run as a formula by a
  spreadsheet that opens the CSV; such cells get a leading ``'`` (OWASP's advice). Labels
  made only of digits, signs, dots and colons (the window ``-1:1``) cannot call anything
  and are kept; numeric columns are never touched.
* A run records the files it wrote in ``.reequity-run.json``; the next run into the same
  folder removes those it did not rewrite, so an earlier run's figures never mix with its own.
"""

from __future__ import annotations

import errno
import functools
import glob
import json
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd

__all__ = ["RUN_MANIFEST", "atomic_write", "clean_text", "record_run", "safe_csv",
           "write_csv"]  # fmt: skip

RUN_MANIFEST = ".reequity-run.json"
# C0 and C1 controls except tab and newline, DEL, and the Unicode line/paragraph separators
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e]")
_FORMULA = re.compile(r"^[=+\-@\t\r]")
_HARMLESS = re.compile(r"^[+-]?[0-9][0-9.:eE+-]*$")  # -1:1, -0.5, +3e-2


def clean_text(value: str) -> str:
    """Replace control characters by a visible escape (``\\x1b``, ``\\u2028``)."""
    return _CONTROL.sub(lambda m: m[0].encode("unicode_escape").decode("ascii"), value)


def _cell(value: object) -> object:
    if not isinstance(value, str):
        return value
    text = clean_text(value)
    if _FORMULA.match(text) and not _HARMLESS.match(text):
        return "'" + text
    return text


def _swap(changed: dict[str, str], value: object) -> object:
    return changed.get(value, value) if isinstance(value, str) else value


def safe_csv(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells and column names are clean and formula-free."""
    out = frame.copy()
    for col in out.columns:
        kind = out[col].dtype
        if pd.api.types.is_numeric_dtype(kind) or pd.api.types.is_datetime64_any_dtype(kind):
            continue
        # one check per distinct value (ids repeat on every row of ar.csv), and no copy of
        # the column unless some cell changes
        uniques = [u for u in pd.unique(out[col].to_numpy(dtype=object)) if isinstance(u, str)]
        changed = {u: c for u in uniques if (c := _cell(u)) != u}
        if changed:
            out[col] = out[col].map(functools.partial(_swap, changed))
    out.columns = [_cell(str(c)) for c in out.columns]
    return out


def atomic_write(path: Path, write: Callable[[Path], None]) -> Path:
    """Call ``write(tmp)`` on a temp file next to ``path``, then move it over ``path``."""
    path = Path(path)
    if path.is_dir():  # name the folder the user gave, not our temp file
        raise IsADirectoryError(errno.EISDIR, "Is a directory", str(path))
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; outputs are plain readable files
        try:
            os.replace(tmp, path)
        except OSError as exc:
            raise OSError(exc.errno, exc.strerror, str(path)) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    """Write ``frame`` (no index) as a safe CSV, atomically."""
    clean = safe_csv(frame)
    return atomic_write(path, lambda tmp: clean.to_csv(tmp, index=False))


def _previous(out: Path) -> list[str]:
    try:
        names = json.loads((out / RUN_MANIFEST).read_text(encoding="utf-8")).get("files", [])
    except (OSError, ValueError, AttributeError):
        return []  # no run here yet, or not ours: touch nothing
    return [str(n) for n in names] if isinstance(names, list) else []


#: a temp file of ours older than this belongs to no live run (a kill -9 left it)
STALE_TMP_SECONDS = 15 * 60


def _remove_stale_tmp(out: Path, names: list[str]) -> None:
    now = time.time()
    for name in names:
        target = out / name
        for leftover in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
            try:
                if now - leftover.stat().st_mtime > STALE_TMP_SECONDS:
                    leftover.unlink()
            except OSError:
                continue


def record_run(out: Path, files: Iterable[Path]) -> None:
    """Record the files this run wrote, and remove those an earlier run recorded in ``out``
    that this run did not rewrite (only those, only inside ``out``).

    Clearing after writing, not before: a run that fails half way keeps the earlier run's
    files."""
    root = out.resolve()
    names = sorted({Path(f).resolve().relative_to(root).as_posix() for f in files})
    for name in set(_previous(out)) - set(names):
        target = (out / name).resolve()
        if root in target.parents and target.is_file() and target.name != RUN_MANIFEST:
            target.unlink()
    _remove_stale_tmp(out, names)
    text = json.dumps({"files": names}, indent=1) + "\n"
    atomic_write(out / RUN_MANIFEST, lambda tmp: tmp.write_text(text, encoding="utf-8"))
