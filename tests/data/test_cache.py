"""Cache layer: atomic writes, failed refresh, corruption, checksums, path safety."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from reequity.data import cache as cache_mod
from reequity.data.cache import CacheLayer, cache_layers, read_series, series_filename
from reequity.errors import (
    CacheCorruptError,
    CacheMissError,
    ConfigurationError,
    UnknownTickerError,
)


def _frame(n: int = 5, scale: float = 1.0) -> pd.DataFrame:
    """A SYNTHETIC three-column series for exercising the file machinery only."""
    return pd.DataFrame(
        {
            "date": pd.bdate_range("2025-01-06", periods=n),
            "adj_close": [scale * (10 + i) for i in range(n)],
            "ret": [float("nan")] + [0.01] * (n - 1),
        }
    )


META: dict[str, Any] = {"ticker": "600111", "provider": "akshare", "adjustment": "qfq"}


def test_write_then_read_roundtrip_and_manifest(tmp_path: Path) -> None:
    layer = CacheLayer(tmp_path, writable=True)
    entry = layer.write(_frame(), dict(META, origin={"vendor": "test"}))
    assert entry["rows"] == 5 and entry["first"] == "2025-01-06" and entry["last"] == "2025-01-10"
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    stored = manifest["series"]["akshare/600111/qfq"]
    for key in ["ticker", "provider", "origin", "fetched_at", "first", "last", "adjustment", "rows", "sha256"]:  # fmt: skip
        assert key in stored
    pd.testing.assert_frame_equal(layer.read(stored), _frame())
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".tmp"]  # no temp files left


def test_key_includes_provider_and_adjustment(tmp_path: Path) -> None:
    layer = CacheLayer(tmp_path, writable=True)
    layer.write(_frame(scale=1.0), META)
    layer.write(_frame(scale=2.0), dict(META, adjustment="hfq"))
    layer.write(_frame(scale=3.0), dict(META, provider="yfinance"))
    assert len(layer.manifest()) == 3
    assert len({p.name for p in tmp_path.glob("*.parquet")}) == 3


def test_failed_refresh_leaves_old_file_byte_for_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    layer = CacheLayer(tmp_path, writable=True)
    layer.write(_frame(), META)
    target = layer.path_for("akshare", "600111", "qfq")
    before = target.read_bytes()
    manifest_before = (tmp_path / "manifest.json").read_bytes()

    def broken_read(path: Any, *args: Any, **kwargs: Any) -> pd.DataFrame:
        raise OSError("disk full while verifying")

    monkeypatch.setattr(cache_mod.pd, "read_parquet", broken_read)
    with pytest.raises(ConfigurationError, match="disk full"):
        layer.write(_frame(scale=9.0), META)
    monkeypatch.undo()
    assert target.read_bytes() == before
    assert (tmp_path / "manifest.json").read_bytes() == manifest_before
    assert not list(tmp_path.glob("*.tmp"))


def test_truncated_file_raises_cache_corrupt_naming_the_file(tmp_path: Path) -> None:
    layer = CacheLayer(tmp_path, writable=True)
    entry = layer.write(_frame(), META)
    path = layer.path_for("akshare", "600111", "qfq")
    path.write_bytes(path.read_bytes()[:50])
    # the damaged file's own checksum: the read reaches the parquet reader
    entry = dict(entry, sha256=hashlib.sha256(path.read_bytes()).hexdigest())
    with pytest.raises(CacheCorruptError, match=path.name):
        layer.read(entry)


def test_checksum_mismatch_raises(tmp_path: Path) -> None:
    layer = CacheLayer(tmp_path, writable=True)
    entry = layer.write(_frame(), META)
    path = layer.path_for("akshare", "600111", "qfq")
    data = bytearray(path.read_bytes())
    data[-20] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(CacheCorruptError, match="checksum"):
        layer.read(entry)
    with pytest.raises(OSError):  # also an OSError for generic callers
        read_series("600111", cache_dir=tmp_path, provider="akshare")


def test_corrupt_manifest(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text("{not json")
    with pytest.raises(CacheCorruptError, match="manifest"):
        CacheLayer(tmp_path, writable=True).manifest()


@pytest.mark.parametrize("bad", ["../../etc/passwd", "/etc/passwd", "..", "a/b", ".hidden", ""])
def test_path_like_tickers_cannot_address_files(tmp_path: Path, bad: str) -> None:
    with pytest.raises(UnknownTickerError):
        series_filename("akshare", bad, "qfq")
    with pytest.raises(UnknownTickerError):
        CacheLayer(tmp_path, writable=True).write(_frame(), dict(META, ticker=bad))
    assert not any(tmp_path.iterdir())


def test_bad_provider_name_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError, match="provider"):
        series_filename("../x", "600111", "qfq")


def test_snapshot_is_read_only(tmp_path: Path) -> None:
    with pytest.raises(CacheCorruptError, match="read-only"):
        CacheLayer(tmp_path, writable=False).write(_frame(), META)


def test_layers_writable_first_then_snapshot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    layers = cache_layers(tmp_path / "mine")
    assert layers[0].root == tmp_path / "mine" and layers[0].writable
    assert len(layers) == 2 and not layers[1].writable
    monkeypatch.setenv("REEQUITY_CACHE_DIR", str(tmp_path / "env"))
    assert cache_layers()[0].root == tmp_path / "env"


def test_writable_layer_shadows_snapshot(tmp_path: Path) -> None:
    CacheLayer(tmp_path, writable=True).write(_frame(), dict(META, provider="snapshot"))
    frame, entry = read_series("600111", cache_dir=tmp_path)
    assert len(frame) == 5 and entry["layer"] == str(tmp_path)


def test_cache_miss(tmp_path: Path) -> None:
    with pytest.raises(CacheMissError, match="930598"):
        read_series("930598", cache_dir=tmp_path)


def test_concurrent_writers_never_tear(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    layer = CacheLayer(tmp_path, writable=True)
    with ThreadPoolExecutor(max_workers=6) as pool:
        list(pool.map(lambda i: layer.write(_frame(n=50, scale=i + 1.0), META), range(12)))
    entry = layer.manifest()["akshare/600111/qfq"]
    frame = layer.read(entry)  # checksum matches the file that won
    assert len(frame) == 50
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".tmp")]


def test_failure_writing_the_manifest_leaves_both_files_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    layer = CacheLayer(tmp_path, writable=True)
    layer.write(_frame(), META)
    target = layer.path_for("akshare", "600111", "qfq")
    before = (target.read_bytes(), (tmp_path / "manifest.json").read_bytes())

    def no_space(*args: Any, **kwargs: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cache_mod.json, "dump", no_space)
    with pytest.raises(ConfigurationError, match="No space left"):
        layer.write(_frame(scale=5.0), META)
    monkeypatch.undo()
    assert (target.read_bytes(), (tmp_path / "manifest.json").read_bytes()) == before
    assert not list(tmp_path.glob("*.tmp"))
    pd.testing.assert_frame_equal(layer.read(layer.manifest()["akshare/600111/qfq"]), _frame())


def test_unwritable_folder_is_an_actionable_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a_file"
    blocker.write_text("not a folder")
    with pytest.raises(ConfigurationError, match="--cache-dir"):
        CacheLayer(blocker / "cache", writable=True).write(_frame(), META)
