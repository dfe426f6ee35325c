"""Group 5: cache integrity - truncated file, checksum mismatch, refresh failing half way,
two processes refreshing one series at once.

Every case works on a tmp copy of the shipped snapshot or on small synthetic series; the
committed ``data_cache/`` is checked unchanged by the suite's session fixture.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import shutil
import warnings
from pathlib import Path

import pandas as pd
import pytest

from reequity.data.cache import CacheLayer, read_series
from reequity.data.prices import load_prices
from reequity.data.universe import load_universe
from reequity.errors import (
    CacheCorruptError,
    ConfigurationError,
    OfflineFallbackWarning,
    ProviderError,
)

from ._util import (
    SHIPPED_CACHE,
    FakeProvider,
    assert_clean_exit,
    invoke,
    run_subprocess,
    sha256,
    synthetic_prices,
    tree_hashes,
)

MP_FILE = "snapshot__MP__yahoo_auto_adjust.parquet"
KEY = {"ticker": "MP", "provider": "yfinance", "adjustment": "auto_adjust"}
REFRESHED = "yfinance__MP__auto_adjust.parquet"


@pytest.fixture
def cache_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped snapshot (it shadows the snapshot for reads)."""
    folder = tmp_path / "cache_copy"
    shutil.copytree(SHIPPED_CACHE, folder)
    return folder


@pytest.fixture
def refreshed(isolated_cache: Path) -> Path:
    """The writable cache after one successful refresh of MP (synthetic version 1)."""
    load_prices(["MP"], refresh="replace", provider=FakeProvider(synthetic_prices(1)))
    assert (isolated_cache / REFRESHED).is_file()
    return isolated_cache


def _truncate(path: Path, keep: float = 0.5) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])


def _reseal(folder: Path, key: str, path: Path) -> None:
    """Record the damaged file's own checksum, so the read reaches the parquet reader (a
    missing checksum is itself refused)."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest["series"][key]["sha256"] = sha256(path)
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


# ------------------------------------------------------------------ corrupt files
def test_truncated_parquet_names_the_file(cache_copy: Path) -> None:
    target = cache_copy / MP_FILE
    _truncate(target)
    _reseal(cache_copy, "snapshot/MP/yahoo_auto_adjust", target)  # reach the parquet reader
    before = tree_hashes(cache_copy)
    with pytest.raises(CacheCorruptError, match=rf"cache file .*{MP_FILE} is corrupt or truncated"):
        load_prices(["MP"], cache_dir=cache_copy)
    result = invoke(["data", "fetch", "--tickers", "MP", "--cache-dir", str(cache_copy)])
    assert_clean_exit(result, 1, str(target), "corrupt or truncated", "re-fetch with --refresh")
    assert tree_hashes(cache_copy) == before, "a failed read changed the cache"


def test_truncated_parquet_with_checksum(cache_copy: Path) -> None:
    target = cache_copy / MP_FILE
    _truncate(target, keep=0.9)
    before = tree_hashes(cache_copy)
    with pytest.raises(CacheCorruptError, match="does not match its manifest checksum"):
        read_series("MP", cache_dir=cache_copy)
    assert tree_hashes(cache_copy) == before


def test_manifest_checksum_mismatch(cache_copy: Path) -> None:
    """A valid parquet file whose bytes differ from the manifest's record is refused."""
    target = cache_copy / MP_FILE
    frame = pd.read_parquet(target)
    frame.loc[frame.index[-1], "ret"] = 0.5  # a silent edit
    frame.to_parquet(target, index=False)
    before = tree_hashes(cache_copy)
    result = invoke(
        ["event-study", "--tickers", "MP", "--cache-dir", str(cache_copy), "--out", "x"]
    )
    assert_clean_exit(result, 1, f"cache file {target} does not match its manifest checksum")
    assert tree_hashes(cache_copy) == before
    assert not Path("x").exists()


def test_unreadable_manifest(cache_copy: Path) -> None:
    (cache_copy / "manifest.json").write_text('{"series": {', encoding="utf-8")
    result = invoke(["data", "list", "--cache-dir", str(cache_copy)])
    assert_clean_exit(result, 1, f"cache manifest {cache_copy / 'manifest.json'} is unreadable")


def test_listed_file_missing(cache_copy: Path) -> None:
    (cache_copy / MP_FILE).unlink()
    with pytest.raises(CacheCorruptError, match=rf"{MP_FILE} listed in the manifest is missing"):
        load_prices(["MP"], cache_dir=cache_copy)


def test_corrupt_cache_in_a_real_process(cache_copy: Path, tmp_path: Path) -> None:
    _truncate(cache_copy / MP_FILE, keep=0.3)
    proc = run_subprocess(["data", "fetch", "--tickers", "MP"], cwd=tmp_path, cache_dir=cache_copy)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert proc.stderr.strip().startswith("error: cache file") and MP_FILE in proc.stderr


# ------------------------------------------------------------------ failed refresh
def test_offline_refresh_keeps_the_old_file(refreshed: Path) -> None:
    before = tree_hashes(refreshed)
    with pytest.warns(OfflineFallbackWarning, match="using the cached copy of 'MP'"):
        got = load_prices(["MP"], refresh=True, provider=FakeProvider(None))
    assert set(got["source"]) == {"synthetic-1"}
    assert tree_hashes(refreshed) == before


def test_offline_refresh_on_the_cli(refreshed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("reequity.data.prices.default_provider", lambda info: FakeProvider(None))
    before = tree_hashes(refreshed)
    result = invoke(["data", "fetch", "--tickers", "MP", "--refresh", "--format", "csv"])
    assert_clean_exit(result, 0, "warning:", "offline", "using the cached copy of 'MP'")
    assert "MP," in result.stdout and ",True" in result.stdout  # from_cache_offline
    assert tree_hashes(refreshed) == before


def test_write_dying_half_way_keeps_the_old_file(
    refreshed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The new parquet is half written when the disk fails: old bytes stay, no litter."""
    before = tree_hashes(refreshed, ["*.parquet", "manifest.json"])
    real = pd.DataFrame.to_parquet

    def half_then_fail(self: pd.DataFrame, path: object, *args: object, **kwargs: object) -> None:
        real(self, path, *args, **kwargs)
        _truncate(Path(str(path)))
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pd.DataFrame, "to_parquet", half_then_fail)
    with pytest.raises(ConfigurationError, match=rf"cannot write {REFRESHED} .*No space left"):
        load_prices(["MP"], refresh="replace", provider=FakeProvider(synthetic_prices(2)))
    assert tree_hashes(refreshed, ["*.parquet", "manifest.json"]) == before
    assert not list(refreshed.glob("*.tmp")), "temp files left behind"


def test_manifest_swap_failing_keeps_the_old_file(
    refreshed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The failure hits between the two renames (parquet moved, manifest not yet)."""
    before = tree_hashes(refreshed, ["*.parquet", "manifest.json"])
    real = os.replace

    def fail_on_manifest(src: object, dst: object) -> None:
        if Path(str(dst)).name == "manifest.json":
            raise OSError(5, "Input/output error")
        real(src, dst)

    monkeypatch.setattr(os, "replace", fail_on_manifest)
    with pytest.raises(ConfigurationError, match="Input/output error"):
        load_prices(["MP"], refresh="replace", provider=FakeProvider(synthetic_prices(3)))
    monkeypatch.setattr(os, "replace", real)
    assert tree_hashes(refreshed, ["*.parquet", "manifest.json"]) == before
    assert not list(refreshed.glob("*.tmp")) and not list(refreshed.glob(".*.tmp"))
    assert set(load_prices(["MP"])["source"]) == {"synthetic-1"}  # still reads


# ------------------------------------------------------------------ concurrent refresh
def _writer(root: str, seed: int, rounds: int) -> None:
    layer = CacheLayer(Path(root), writable=True)
    for i in range(rounds):
        layer.write(synthetic_prices(seed, n=60 + 20 * seed + i % 3), {**KEY, "notes": ""})


DONE = "reader: done"


def _reader(root: str, rounds: int, errors: mp.Queue) -> None:
    for _ in range(rounds):
        try:
            frame, _ = read_series("MP", cache_dir=root, provider="yfinance")
            seed = int(str(frame["source"].iloc[0]).split("-")[1])
            assert len(frame) in {60 + 20 * seed + k for k in range(3)}
        except Exception as exc:  # report, do not die: the parent asserts
            errors.put(f"{type(exc).__name__}: {exc}")
    errors.put(DONE)  # every read ran: the parent checks this sentinel
    errors.close()
    errors.join_thread()
    # leave without interpreter teardown: pyarrow's thread pool has aborted a spawned child
    # at exit ("terminate called without an active exception", once in ~15 CI runs), after
    # all of its reads had finished; the reads themselves are what this test checks
    os._exit(0)


def test_two_processes_refreshing_at_once(isolated_cache: Path) -> None:
    layer = CacheLayer(isolated_cache, writable=True)
    layer.write(synthetic_prices(1), {**KEY, "notes": ""})
    ctx = mp.get_context("spawn")
    errors: mp.Queue = ctx.Queue()
    procs = [ctx.Process(target=_writer, args=(str(isolated_cache), s, 25)) for s in (1, 2)]
    procs.append(ctx.Process(target=_reader, args=(str(isolated_cache), 60, errors)))
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
    assert [p.exitcode for p in procs] == [0, 0, 0]
    seen = []
    while not errors.empty():
        seen.append(errors.get())
    assert DONE in seen, "the reader did not finish its reads"
    seen.remove(DONE)
    assert seen == [], seen[:3]
    # the survivor is whole, matches its manifest entry, and no temp file is left
    frame, entry = read_series("MP", cache_dir=isolated_cache, provider="yfinance")
    seed = int(str(frame["source"].iloc[0]).split("-")[1])
    assert len(frame) in {60 + 20 * seed + k for k in range(3)}
    assert entry["sha256"] == sha256(isolated_cache / REFRESHED)
    assert entry["rows"] == len(frame)
    assert not [p.name for p in isolated_cache.iterdir() if p.name.endswith(".tmp")]


def test_plain_reads_write_nothing(isolated_cache: Path) -> None:
    """Reading the shipped snapshot creates no writable folder, lock or temp file."""
    assert "MP" in load_universe().index
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(load_prices(["MP"], start="2025-04-01", end="2025-04-10")) == 8
    assert not isolated_cache.exists()


@pytest.mark.parametrize(
    ("manifest", "fragment"),
    [
        ('{"series": {"x": 5}}', "has a malformed entry 'x'"),
        ('{"series": {"x": {"ticker": "MP"}}}', "has a malformed entry 'x'"),
        ('{"series": [1, 2]}', "is unreadable"),
        ('{"version": 1}', "is unreadable"),
        ("\x00\x01 not json", "is unreadable"),
    ],
)
@pytest.mark.parametrize("command", [["data", "list"], ["data", "fetch", "--tickers", "MP"]])
def test_malformed_manifest(
    tmp_path: Path, command: list[str], manifest: str, fragment: str
) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / "manifest.json").write_text(manifest, encoding="utf-8")
    before = tree_hashes(folder)
    result = invoke([*command, "--cache-dir", str(folder)])
    assert_clean_exit(result, 1, f"cache manifest {folder / 'manifest.json'}", fragment)
    assert tree_hashes(folder) == before


def test_cache_dir_that_is_a_file(tmp_path: Path) -> None:
    """A refresh into a --cache-dir that is a file: a clear error, the file untouched."""
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("keep me\n", encoding="utf-8")
    digest = sha256(blocker)
    with pytest.raises(ConfigurationError, match=rf"cache folder {blocker} .*writable folder"):
        load_prices(
            ["MP"], refresh="replace", cache_dir=blocker, provider=FakeProvider(synthetic_prices(5))
        )
    assert sha256(blocker) == digest


def test_network_dying_between_tickers(refreshed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`data fetch --refresh` of two series, the network gone after the first: the first is
    stored whole (file and manifest agree), the second falls back with a warning."""
    calls: list[str] = []

    class DyingProvider(FakeProvider):
        def fetch(self, info: pd.Series, *, start: pd.Timestamp, end: pd.Timestamp):
            calls.append(str(info.name))
            if len(calls) > 1:
                raise ProviderError(f"yfinance could not fetch {info.name!r} (offline)")
            return synthetic_prices(6)

    dying = DyingProvider(None)
    monkeypatch.setattr("reequity.data.prices.default_provider", lambda info: dying)
    args = ["data", "fetch", "--tickers", "MP,LYC.AX", "--refresh", "--replace", "--format", "csv"]
    result = invoke(args)
    assert_clean_exit(result, 0, "using the cached copy of 'LYC.AX'")
    table = pd.read_csv(pd.io.common.StringIO(result.stdout))
    assert table["from_cache_offline"].tolist() == [False, True]
    frame, entry = read_series("MP", cache_dir=refreshed, provider="yfinance")
    assert set(frame["source"]) == {"synthetic-6"} and entry["rows"] == len(frame)
    assert entry["sha256"] == sha256(refreshed / REFRESHED)
    assert calls == ["MP", "LYC.AX"]
    assert not list(refreshed.glob("*LYC.AX*"))  # nothing half-stored for the failed one
