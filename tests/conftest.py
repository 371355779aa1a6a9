"""Shared fixtures: a private copy of the shipped data for tests that break it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from geo.model.paths import DATA_DIR, ROOT

ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture(autouse=True, scope="session")
def _private_store(tmp_path_factory):
    """The whole test session uses its own database, never the one `make run` uses."""
    mp = pytest.MonkeyPatch()
    mp.setenv("QILING_DB", str(tmp_path_factory.mktemp("db") / "qiling.sqlite"))
    yield
    mp.undo()


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
