"""Shared paths of the events tests (fixtures live next to the tests, no network)."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "rare_earth_articles_2025.txt"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_events():
    from reequity.events.extract import extract_events

    return extract_events(SEED)
