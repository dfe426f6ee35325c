"""Fixtures of the data tests: vendor-shaped frames and an isolated writable cache."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the writable cache layer at a fresh folder (never the user's cache)."""
    folder = tmp_path / "writable_cache"
    monkeypatch.setenv("REEQUITY_CACHE_DIR", str(folder))
    return folder
