"""Browser-test plumbing: a Streamlit server on loopback and headless Debian Chromium.

Every request to a host other than 127.0.0.1/localhost is aborted and recorded, so tests
also prove the app works with no internet.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from geo.model.paths import ROOT

CHROMIUM = Path("/usr/bin/chromium")
#: ``pytestmark`` of every browser-test module: marked, and skipped where Chromium is absent.
BROWSER_TESTS = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian's chromium (scripts/ensure-chromium.sh)"
    ),
]
IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage",
]  # fmt: skip


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def streamlit_server(
    data_dir: Path | None = None,
    timeout: float = 60.0,
    env: dict[str, str] | None = None,
    script: Path | None = None,
):
    """Run ``streamlit run app.py`` (or ``script``) on a free loopback port; yields the base URL.

    ``env`` adds environment variables. Unless it names ``QILING_DB``, the server gets a fresh
    database in a temporary folder (created from the data folder), so tests never share or
    touch ``var/``.
    """
    port = free_port()
    full_env = dict(os.environ) | dict(env or {})
    if data_dir is not None:
        full_env["QILING_DATA_DIR"] = str(data_dir)
    db_dir = None
    if not (env or {}).get("QILING_DB"):
        db_dir = tempfile.TemporaryDirectory(prefix="qiling-db-")
        full_env["QILING_DB"] = str(Path(db_dir.name) / "qiling.sqlite")
    cmd = [sys.executable, "-m", "streamlit", "run", str(script or "app.py"), "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true",
           "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]  # fmt: skip
    log = tempfile.TemporaryFile()  # a pipe nobody reads would block the server when full
    proc = subprocess.Popen(cmd, cwd=ROOT, env=full_env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(proc, url, log, timeout)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        if db_dir is not None:
            db_dir.cleanup()


def _wait_healthy(proc: subprocess.Popen, url: str, log, timeout: float) -> None:
    """Poll the health endpoint until the server answers; raise with its log if it dies."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            log.seek(0)
            out = log.read().decode(errors="replace")
            raise RuntimeError(f"streamlit did not start:\n{out}")
        time.sleep(0.2)


class Guard:
    """Aborts and records every non-local request; records console errors."""

    def __init__(self, page):
        self.external: list[str] = []
        self.console_errors: list[str] = []
        page.route("**/*", self._route)
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        page.on("pageerror", lambda e: self.console_errors.append(str(e)))

    def _route(self, route):
        host = urlsplit(route.request.url).hostname or ""
        if route.request.url.startswith(("data:", "blob:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            self.external.append(route.request.url)
            route.abort()


def wait_for_map(page, min_paths: int = 1, timeout: float = 60_000):
    """Wait until the st_folium iframe has drawn at least ``min_paths`` vector paths."""
    page.wait_for_selector(IFRAME, timeout=timeout)
    frame = page.frame_locator(IFRAME).first
    frame.locator(".leaflet-container").wait_for(timeout=timeout)
    handle = page.locator(IFRAME).first.element_handle()
    inner = handle.content_frame()
    inner.wait_for_function(
        f"document.querySelectorAll('path.leaflet-interactive').length >= {min_paths}",
        timeout=timeout,
    )
    return inner
