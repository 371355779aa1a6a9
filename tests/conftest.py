"""Shared fixtures: a private database, the shipped data loaded once, one headless Chromium,
one store per backend (SQLite file, PostGIS database) for the tests that run on both.

Nothing here reads data at import: collection stays fast and data is loaded only by the tests
that ask for it (once per session). Browser tests (marker ``browser``) run after every other
test, so the one Playwright session never overlaps AppTest's event loops.
"""

from __future__ import annotations

import os
import shutil
from functools import cache
from pathlib import Path

import pytest
from pandas.testing import assert_frame_equal

from geo.files.readers import load_all
from geo.model.facts import load_facts
from geo.model.paths import DATA_DIR, ROOT, SHIPPED_DATA_DIR
from geo.plots.layer import ensure_plots, read_plots
from geo.store import open_store
from qa.browser import CHROMIUM, Guard, launch_chromium, streamlit_server
from qa.pg import PgCluster, PgUnavailable

ARTIFACTS = ROOT / "tests" / "artifacts"
NO_CHROMIUM = pytest.mark.skip(reason="needs Debian's chromium (scripts/ensure-chromium.sh)")
#: The backends the store tests run on; PostGIS ones are marked ``postgis`` (``-m postgis``).
BACKENDS = ["sqlite", pytest.param("postgis", marks=pytest.mark.postgis)]


def pytest_collection_modifyitems(config, items):
    """Browser tests (``pytestmark = pytest.mark.browser``) run last, in their usual order, so
    the session's one Playwright never overlaps AppTest; skipped where Chromium is absent."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
    if not CHROMIUM.exists():
        for item in items:
            if item.get_closest_marker("browser") is not None:
                item.add_marker(NO_CHROMIUM)


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


# --- data, loaded once per session ----------------------------------------------------------


@cache
def _frames(data_dir: Path) -> dict:
    return {k: v.frame for k, v in load_all(data_dir).items()}


def _unchanged(frames: dict, data_dir: Path) -> None:
    """Fail loudly if a test changed the shared frames in place (tests must copy first)."""
    for name, fresh in ((k, v.frame) for k, v in load_all(data_dir).items()):
        assert_frame_equal(frames[name], fresh, obj=f"shared frame {name!r} (changed by a test)")


@pytest.fixture(scope="session")
def frames() -> dict:
    """Every layer and table of the data folder (``QILING_DATA_DIR`` or data/), read-only."""
    out = _frames(DATA_DIR.resolve())
    yield out
    _unchanged(out, DATA_DIR)


@pytest.fixture(scope="session")
def shipped_frames() -> dict:
    """Every layer and table of the shipped data/ folder, read-only."""
    out = _frames(SHIPPED_DATA_DIR.resolve())
    yield out
    if SHIPPED_DATA_DIR.resolve() != DATA_DIR.resolve():
        _unchanged(out, SHIPPED_DATA_DIR)


@pytest.fixture(scope="session")
def facts() -> list:
    """The reported figures (data/facts.csv with their quotes)."""
    return load_facts()


@pytest.fixture(scope="session")
def plots40k():
    """The 40,000-plot layer the app shows (generated into data/generated/ when missing)."""
    return read_plots(ensure_plots(40_000))


# --- one headless Chromium for every browser test ---------------------------------------


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright  # a test dependency; browser tests only

    with sync_playwright() as p:
        b = launch_chromium(p)
        yield b
        b.close()


@pytest.fixture
def page_viewport() -> dict:
    """The window size of ``page``; a module overrides this fixture to change it."""
    return {"width": 1600, "height": 1100}


@pytest.fixture
def page(browser, page_viewport):
    """A fresh zh-CN browser context and page. ``page.guard`` aborts and records non-local
    requests and console errors; ``page.failed`` lists HTTP responses >= 400."""
    ctx = browser.new_context(viewport=page_viewport, locale="zh-CN")
    pg = ctx.new_page()
    pg.guard = Guard(pg)
    pg.failed = []
    pg.on("response", lambda r: r.status >= 400 and pg.failed.append(f"{r.status} {r.url}"))
    yield pg
    ctx.close()


@pytest.fixture(scope="session")
def app_server() -> str:
    """The app (app.py) on a loopback port with a fresh database; yields its base URL."""
    with streamlit_server() as server:
        yield server.url
