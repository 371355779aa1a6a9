"""Shared fixtures: a private copy of the shipped data for tests that break it; one store per
backend (SQLite file, PostGIS database) for the tests that run on both."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from geo.model.paths import DATA_DIR, ROOT, SHIPPED_DATA_DIR
from geo.store import open_store
from tests.pg_util import PgCluster, PgUnavailable

ARTIFACTS = ROOT / "tests" / "artifacts"
#: The backends the store tests run on; PostGIS ones are marked ``postgis`` (``-m postgis``).
BACKENDS = ["sqlite", pytest.param("postgis", marks=pytest.mark.postgis)]


@pytest.fixture(autouse=True, scope="session")
def _private_store(tmp_path_factory):
    """The whole test session uses its own database, never the one `make run` uses."""
    mp = pytest.MonkeyPatch()
    mp.setenv("QILING_DB", str(tmp_path_factory.mktemp("db") / "qiling.sqlite"))
    yield
    mp.undo()


@pytest.fixture(scope="session")
def pg_cluster():
    """A PostgreSQL + PostGIS server for the session (or ``QILING_TEST_PG``).

    Skipped with the reason when it cannot be set up, except in CI (``CI=true``), where the
    PostGIS tests must run: there the test fails and says why.
    """
    cluster = PgCluster()
    try:
        cluster.start()
    except (PgUnavailable, OSError, KeyError) as exc:
        cluster.stop()
        message = f"PostGIS test server unavailable: {exc}"
        if os.environ.get("CI", "").lower() in ("true", "1"):
            pytest.fail(message)
        pytest.skip(message)
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster):
    """A fresh PostGIS database for one test (dropped afterwards)."""
    url = pg_cluster.create_database()
    yield url
    pg_cluster.drop_database(url)


@pytest.fixture(params=BACKENDS)
def store_target(request, tmp_path: Path) -> str | Path:
    """Where a fresh store lives: a SQLite file, or a new PostGIS database."""
    if request.param == "sqlite":
        return tmp_path / "qiling.sqlite"
    return request.getfixturevalue("pg_url")


@pytest.fixture
def store(store_target):
    """A store created from the shipped data, once per backend."""
    return open_store(SHIPPED_DATA_DIR, store_target)


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
