"""Headless Debian Chromium and Streamlit servers on loopback, for browser tests and benches.

Every request to a host other than 127.0.0.1/localhost is refused: :class:`Guard` aborts and
records it (tests), :data:`OFFLINE_ARGS` makes such hosts unresolvable without a route handler
(benches, where a handler would add latency to what is measured).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from geo.model.paths import ROOT

CHROMIUM = Path("/usr/bin/chromium")
IFRAME = 'iframe[title="streamlit_folium.st_folium"]'
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage",
]  # fmt: skip
#: Non-local hosts resolve to nothing, so no request can leave the machine; unlike a route
#: handler (:class:`Guard`) this adds no latency to the local requests a bench measures.
OFFLINE_ARGS = [*CHROMIUM_ARGS, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]


def launch_chromium(playwright, args: Sequence[str] = CHROMIUM_ARGS):
    """Debian's headless Chromium through a started ``sync_playwright()``."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=list(args))


def is_local(url: str) -> bool:
    """A data:/blob: URL or one on this machine."""
    return url.startswith(("data:", "blob:")) or (urlsplit(url).hostname or "") in LOCAL_HOSTS


class Guard:
    """Aborts and records every non-local request of a page; records console errors."""

    def __init__(self, page):
        self.external: list[str] = []
        self.console_errors: list[str] = []
        page.route("**/*", self._route)
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        page.on("pageerror", lambda e: self.console_errors.append(str(e)))

    def _route(self, route):
        if is_local(route.request.url):
            route.continue_()
        else:
            self.external.append(route.request.url)
            route.abort()


class External:
    """Records every request to a host other than this machine (they fail: see OFFLINE_ARGS)."""

    def __init__(self, page):
        self.external: list[str] = []
        page.on("request", lambda r: is_local(r.url) or self.external.append(r.url))


class Traffic:
    """Bytes received over HTTP and the websocket, and websocket frames sent (reruns)."""

    def __init__(self, page):
        self.http = self.static = self.ws = self.sent = 0
        page.on("requestfinished", self._finished)
        page.on("websocket", self._socket)

    def _finished(self, request):
        try:
            size = max(0, request.sizes()["responseBodySize"])
        except Exception:  # noqa: BLE001 - a request torn down with its frame has no sizes
            return
        self.http += size
        if "/app/static/" in request.url:  # map libraries and plot files (not Streamlit's own)
            self.static += size

    def _socket(self, ws):
        ws.on("framereceived", lambda p: setattr(self, "ws", self.ws + len(p)))
        ws.on("framesent", lambda p: setattr(self, "sent", self.sent + 1))


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


#: What must stay the same for a map to count as still: its view, its place on the page and
#: whether its legend is packed (packing can refit the map: ``geo.maps.legend``).
STILL_JS = """() => {
  const key = Object.keys(window).find((k) => k.startsWith('map_') && window[k] instanceof L.Map);
  const m = window[key], c = m.getCenter(), r = window.frameElement.getBoundingClientRect();
  const legend = document.querySelector('.qm-legend');
  return [m.getZoom(), c.lat.toFixed(7), c.lng.toFixed(7), !!m._animatingZoom,
          !!(m._panAnim && m._panAnim._inProgress), Math.round(r.x), Math.round(r.y),
          Math.round(r.width), Math.round(r.height),
          legend ? legend.style.visibility : 'none'].join('|');
}"""


def wait_for_still_map(page, min_paths: int = 1, still_ms: int = 800, timeout: float = 60_000):
    """``wait_for_map``, then until the map has not moved (view, frame box, legend packing)
    for ``still_ms``: the map fits itself again once its legend is packed and its fonts are in,
    so a pixel taken from the map before that may point somewhere else when clicked."""
    inner = wait_for_map(page, min_paths, timeout)
    deadline = time.monotonic() + timeout / 1000
    last, since = None, time.monotonic()
    while time.monotonic() < deadline:
        now = inner.evaluate(STILL_JS)
        if now != last or "|true|" in now or now.endswith("|hidden"):
            last, since = now, time.monotonic()
        elif (time.monotonic() - since) * 1000 >= still_ms:
            return inner
        page.wait_for_timeout(100)
    raise TimeoutError(f"the map kept moving for {timeout / 1000:.0f} s: {last}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass(frozen=True)
class Server:
    """A running Streamlit server: its base URL (with any base path, no trailing slash)."""

    url: str
    pid: int


@contextmanager
def streamlit_server(
    script: Path | str = "app.py",
    *,
    cwd: Path = ROOT,
    data_dir: Path | None = None,
    env: dict[str, str] | None = None,
    base_path: str = "",
    args: Sequence[str] = (),
    timeout: float = 60.0,
) -> Iterator[Server]:
    """``streamlit run script`` on a free loopback port (config from ``cwd``); yields a Server.

    ``env`` adds environment variables; the repository is on ``PYTHONPATH``. Unless ``env``
    names ``QILING_DB``, the server gets a fresh database in a temporary folder, so tests and
    benches never share or touch ``var/``.
    """
    port = free_port()
    full_env = dict(os.environ) | dict(env or {})
    full_env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])
    )
    if data_dir is not None:
        full_env["QILING_DATA_DIR"] = str(data_dir)
    db_dir = None
    if not (env or {}).get("QILING_DB"):
        db_dir = tempfile.TemporaryDirectory(prefix="qiling-db-")
        full_env["QILING_DB"] = str(Path(db_dir.name) / "qiling.sqlite")
    cmd = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true",
           "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none", *args]  # fmt: skip
    if base_path:
        cmd += ["--server.baseUrlPath", base_path]
    log = tempfile.TemporaryFile()  # a pipe nobody reads would block the server when full
    proc = subprocess.Popen(cmd, cwd=cwd, env=full_env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}" + (f"/{base_path.strip('/')}" if base_path else "")
    try:
        _wait_healthy(proc, url, log, timeout)
        yield Server(url, proc.pid)
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)
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
            raise RuntimeError(f"streamlit did not start (exit {proc.poll()}):\n{out[-6000:]}")
        time.sleep(0.2)
