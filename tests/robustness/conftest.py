"""Fixtures of the robustness suite: an isolated writable cache, no network, and a guard
that the committed ``data_cache/`` is byte-for-byte unchanged by the whole suite."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from ._util import SHIPPED_CACHE, tree_hashes


@pytest.fixture(scope="session", autouse=True)
def shipped_cache_untouched() -> Iterator[None]:
    """Nothing in this suite may write to the committed snapshot."""
    before = tree_hashes(SHIPPED_CACHE)
    yield
    assert tree_hashes(SHIPPED_CACHE) == before, "the committed data_cache/ was modified"


@pytest.fixture(autouse=True)
def isolated_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the writable cache layer at a fresh folder (never the user's cache)."""
    folder = tmp_path / "writable_cache"
    monkeypatch.setenv("REEQUITY_CACHE_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never touch the network: any socket connection fails like an offline machine."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network disabled in the robustness suite")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
