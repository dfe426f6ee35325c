"""On-disk cache of price series: one parquet file per series plus ``manifest.json``.

Two layers (DESIGN §3): a writable folder (explicit ``cache_dir`` >
``$REEQUITY_CACHE_DIR`` > the user cache folder) and the read-only snapshot shipped with
the package (``<checkout>/data_cache`` or ``<site-packages>/reequity/data_cache``). Reads
look in the writable layer first, then the snapshot; writes go only to the writable layer.

Writes are atomic: a uniquely named temp file in the same folder is written, read back and
checked, then ``os.replace``-d over the target, so a failed refresh leaves the old bytes
untouched and concurrent writers never produce a torn file. The manifest's
read-modify-write is serialised by a lock file. A series key is
``<provider>/<ticker>/<adjustment>``; file names are derived from a sanitised key and checked
to stay inside the cache folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from reequity.data.cache_checks import check_schema, fields_ok, remove_stale_tmp
from reequity.data.cache_decision import select_entry
from reequity.errors import (
    CacheCorruptError,
    CacheMissError,
    ConfigurationError,
    ReequityError,
    UnknownTickerError,
)

__all__ = [
    "ENV_VAR",
    "CacheLayer",
    "cache_layers",
    "default_cache_dir",
    "find_entry",
    "read_series",
    "series_filename",
    "snapshot_dir",
]

ENV_VAR = "REEQUITY_CACHE_DIR"
MANIFEST = "manifest.json"
LOCK = ".manifest.lock"
_EXAMPLE = {"ticker": "600111", "provider": "akshare", "adjustment": "qfq"}
_PART = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.^-]{0,40}$")


def snapshot_dir() -> Path | None:
    """The shipped read-only snapshot folder, or None when it is absent."""
    import reequity

    pkg = Path(reequity.__file__).resolve().parent
    for candidate in (pkg / "data_cache", pkg.parent / "data_cache"):
        if (candidate / MANIFEST).is_file():
            return candidate
    return None


def default_cache_dir() -> Path:
    """The writable cache folder: ``$REEQUITY_CACHE_DIR`` or the user cache folder."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("reequity")) / "data_cache"


def _safe_part(value: str, what: str) -> str:
    if not _PART.match(value) or ".." in value:
        cls = UnknownTickerError if what == "ticker" else ConfigurationError
        raise cls(
            f"{what} {value!r} cannot name a cache file (letters, digits, '.', '_', '-', '^' "
            f"only, no '..'); use a {what} id such as {_EXAMPLE[what]!r}"
        )
    return value.replace("^", "_")


def series_filename(provider: str, ticker: str, adjustment: str) -> str:
    """File name of a series: ``<provider>__<ticker>__<adjustment>.parquet`` (sanitised)."""
    parts = (
        _safe_part(provider, "provider"),
        _safe_part(ticker, "ticker"),
        _safe_part(adjustment or "none", "adjustment"),
    )
    return "__".join(parts) + ".parquet"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class CacheLayer:
    """One cache folder; ``writable=False`` for the shipped snapshot."""

    root: Path
    writable: bool

    def path_for(self, provider: str, ticker: str, adjustment: str) -> Path:
        """Path of a series file, guaranteed to lie directly inside ``root``."""
        path = (self.root / series_filename(provider, ticker, adjustment)).resolve()
        if path.parent != self.root.resolve():
            raise UnknownTickerError(f"ticker {ticker!r} would address {path} outside the cache")
        return path

    def manifest(self) -> dict[str, dict[str, Any]]:
        """Entries of ``manifest.json`` keyed by ``provider/ticker/adjustment``."""
        path = self.root / MANIFEST
        if not path.is_file():
            if path.exists() or path.is_symlink():  # a folder, a device, a dangling link
                raise CacheCorruptError(
                    f"cache manifest {path} is not a regular file; remove it and re-fetch"
                )
            return {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            series = dict(data["series"])
        # RecursionError: a manifest nested 200,000 deep; the JSON parser recurses
        except (OSError, ValueError, KeyError, TypeError, RecursionError) as exc:
            raise CacheCorruptError(
                f"cache manifest {path} is unreadable ({exc}); delete it and re-fetch"
            ) from exc
        for key, entry in series.items():
            if (
                not isinstance(entry, dict)
                or not all(
                    isinstance(entry.get(f), str) for f in ("ticker", "provider", "adjustment")
                )
                or not fields_ok(entry)
            ):
                raise CacheCorruptError(
                    f"cache manifest {path} has a malformed entry {str(key)[:80]!r} (each needs "
                    "ticker, provider and adjustment text, rows a count, first/last ISO dates); "
                    "delete the manifest and re-fetch"
                )
        return series

    def entries(self, ticker: str) -> list[dict[str, Any]]:
        """Manifest entries of ``ticker``, newest ``fetched_at`` first."""
        found = [e for e in self.manifest().values() if e.get("ticker") == ticker]
        return sorted(found, key=lambda e: str(e.get("fetched_at", "")), reverse=True)

    def read(self, entry: dict[str, Any]) -> pd.DataFrame:
        """Read and verify the parquet file of a manifest entry.

        The file is read once into memory, so the checksum and the parsed frame describe
        the same bytes. A mismatch in the writable layer is re-checked under the manifest
        lock: a concurrent refresh may have been between its two renames.
        """
        path = self.path_for(entry["provider"], entry["ticker"], entry["adjustment"])
        try:
            return _read_verified(path, entry)
        except CacheCorruptError:
            # only a folder some writer has locked can hold a half-finished refresh
            if not self.writable or not (self.root / LOCK).is_file():
                raise
            key = f"{entry['provider']}/{entry['ticker']}/{entry['adjustment']}"
            with self._locked(shared=True):
                return _read_verified(path, self.manifest().get(key, entry))

    def write(self, frame: pd.DataFrame, meta: dict[str, Any]) -> dict[str, Any]:
        """Atomically write ``frame`` and record ``meta`` (+ rows, first, last, sha256).

        Both the parquet file and the new manifest are written to temp files first; only
        when both exist are they moved into place, so a failure at any step leaves the old
        file and manifest byte-for-byte intact.
        """
        if not self.writable:
            raise CacheCorruptError(f"cache folder {self.root} is the read-only snapshot")
        target = self.path_for(meta["provider"], meta["ticker"], meta["adjustment"])
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            return self._write(frame, meta, target)
        except ReequityError:
            raise
        except OSError as exc:
            raise ConfigurationError(
                f"cannot write {target.name} into cache folder {self.root} ({exc}); pass "
                f"--cache-dir (or set {ENV_VAR}) to a writable folder with free space"
            ) from exc

    def _write(self, frame: pd.DataFrame, meta: dict[str, Any], target: Path) -> dict[str, Any]:
        tmp = _atomic_parquet(frame, target)
        manifest_tmp: Path | None = None
        try:
            entry = {
                **meta,
                "file": target.name,
                "rows": len(frame),
                "first": _iso(frame["date"].min()) if len(frame) else None,
                "last": _iso(frame["date"].max()) if len(frame) else None,
                "sha256": _sha256(tmp),
                "fetched_at": meta.get("fetched_at")
                or datetime.now(UTC).isoformat(timespec="seconds"),
            }
            with self._locked():
                remove_stale_tmp(self.root, keep=(tmp,))
                manifest = self.manifest()
                manifest[f"{meta['provider']}/{meta['ticker']}/{meta['adjustment']}"] = entry
                payload = {"version": 1, "series": dict(sorted(manifest.items()))}
                manifest_tmp = _json_tmp(payload, self.root)
                _swap_in(tmp, target, manifest_tmp, self.root / MANIFEST)
        except BaseException:
            tmp.unlink(missing_ok=True)
            if manifest_tmp is not None:
                manifest_tmp.unlink(missing_ok=True)
            raise
        return entry

    @contextlib.contextmanager
    def _locked(self, *, shared: bool = False) -> Iterator[None]:
        lock = self.root / LOCK
        with lock.open("a") as fh:
            try:
                import fcntl

                fcntl.flock(fh, fcntl.LOCK_SH if shared else fcntl.LOCK_EX)
            except ImportError:  # Windows: os.replace keeps files whole; no flock there
                pass
            yield


def _swap_in(tmp: Path, target: Path, manifest_tmp: Path, manifest: Path) -> None:
    """Move the new parquet and manifest into place; if the second move fails, put the old
    parquet back, so file and manifest never disagree (caller holds the lock)."""
    backup = None
    if target.exists():
        backup = target.with_name(f".{target.stem}.{os.getpid()}.bak.tmp")
        backup.unlink(missing_ok=True)
        try:
            os.link(target, backup)  # the old bytes keep a name while target is replaced
        except OSError:
            shutil.copy2(target, backup)
    try:
        os.replace(tmp, target)
        os.replace(manifest_tmp, manifest)
    except BaseException:
        if backup is not None:
            os.replace(backup, target)
        raise
    finally:
        if backup is not None:
            backup.unlink(missing_ok=True)


def _iso(value: Any) -> str:
    return pd.Timestamp(value).date().isoformat()


def _read_verified(path: Path, entry: dict[str, Any]) -> pd.DataFrame:
    if not path.is_file():
        raise CacheCorruptError(
            f"cache file {path} listed in the manifest is missing; re-fetch with --refresh"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CacheCorruptError(
            f"cache file {path} cannot be read ({exc.strerror or exc}); check its permissions"
        ) from exc
    expected = entry.get("sha256")
    if not isinstance(expected, str) or not expected.strip():
        # no checksum is no verification: serving the bytes anyway would hide an edited file
        raise CacheCorruptError(
            f"cache file {path} has no sha256 in its manifest entry, so it cannot be verified; "
            "re-fetch with --refresh (or delete the entry to read the shipped snapshot)"
        )
    if hashlib.sha256(data).hexdigest() != expected.strip().lower():
        raise CacheCorruptError(
            f"cache file {path} does not match its manifest checksum; re-fetch with --refresh"
        )
    return _read_parquet(path, data)


def _read_parquet(path: Path, data: bytes) -> pd.DataFrame:
    try:
        frame = pd.read_parquet(io.BytesIO(data))
    except Exception as exc:  # pyarrow raises several types for damaged files
        raise CacheCorruptError(
            f"cache file {path} is corrupt or truncated ({type(exc).__name__}); "
            "delete it or re-fetch with --refresh"
        ) from exc
    return check_schema(frame, path)


def _atomic_parquet(frame: pd.DataFrame, target: Path) -> Path:
    """Write to a unique temp file next to ``target`` and verify it reads back equal."""
    fd, name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        frame.to_parquet(tmp, index=False, compression="zstd")
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; cache files are plain readable data
        back = pd.read_parquet(tmp)
        if len(back) != len(frame) or list(back.columns) != list(frame.columns):
            raise CacheCorruptError(f"temp cache file {tmp} did not read back intact")
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def _json_tmp(payload: dict[str, Any], root: Path) -> Path:
    """Write ``payload`` to a unique temp file in ``root`` and return its path."""
    fd, name = tempfile.mkstemp(prefix=".manifest.", suffix=".tmp", dir=root)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(payload, fh, indent=1, ensure_ascii=False, sort_keys=False)
            fh.write("\n")
        os.chmod(name, 0o644)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def cache_layers(cache_dir: str | Path | None = None) -> list[CacheLayer]:
    """The layers to read, writable first then the shipped snapshot.

    ``cache_dir`` (if given) else ``$REEQUITY_CACHE_DIR`` else the user cache folder is the
    writable layer. When that folder *is* the snapshot (e.g. building it), only one layer
    is returned and it is writable.
    """
    writable = Path(cache_dir).expanduser() if cache_dir is not None else default_cache_dir()
    try:
        writable.resolve()  # a symlink loop raises here, not deep inside a read
    except (RuntimeError, OSError) as exc:
        raise ConfigurationError(
            f"cache folder {str(writable)!r} cannot be used ({exc}); pass --cache-dir (or set "
            f"{ENV_VAR}) to a real folder"
        ) from None
    layers = [CacheLayer(writable, writable=True)]
    snap = snapshot_dir()
    if snap is not None and snap.resolve() != writable.resolve():
        layers.append(CacheLayer(snap, writable=False))
    return layers


def find_entry(
    ticker: str,
    *,
    cache_dir: str | Path | None = None,
    provider: str | None = None,
    adjustment: str | None = None,
) -> tuple[dict[str, Any], CacheLayer] | None:
    """The manifest entry (and its layer) that :func:`read_series` would read, or None.

    ``provider`` and ``adjustment`` (None: any) key the lookup as writes key it (see
    :func:`reequity.data.cache_decision.select_entry`). Only manifests are read, so this
    is cheap enough for status tables and warnings.
    """
    for layer in cache_layers(cache_dir):
        entry = select_entry(layer.entries(ticker), provider=provider, adjustment=adjustment)
        if entry is not None:
            return dict(entry), layer
    return None


def read_series(
    ticker: str,
    *,
    cache_dir: str | Path | None = None,
    provider: str | None = None,
    adjustment: str | None = None,
) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Read the cached series of ``ticker`` (writable layer first, then the snapshot).

    Raises
    ------
    CacheMissError
        When no layer holds the ticker (for ``provider``/``adjustment`` if given).
    CacheCorruptError
        When the file is damaged or does not match its checksum.
    """
    found = find_entry(ticker, cache_dir=cache_dir, provider=provider, adjustment=adjustment)
    if found is not None:
        entry, layer = found
        return layer.read(entry), {**entry, "layer": str(layer.root)}
    where = ", ".join(str(layer.root) for layer in cache_layers(cache_dir))
    wanted = "/".join(p for p in (provider, adjustment) if p)
    raise CacheMissError(
        f"no cached data for {ticker!r}{f' from {wanted}' if wanted else ''} in {where}; "
        f"fetch it online with `reequity data fetch --tickers {ticker}`"
    )
