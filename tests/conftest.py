"""Shared fixtures: a private copy of the shipped data for tests that break it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from geo.paths import DATA_DIR, ROOT

ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of ``data/``."""
    dest = tmp_path / "data"
    shutil.copytree(DATA_DIR, dest)
    return dest


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where browser tests save screenshots for review."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
