"""Every page's time from navigation to "map drawn", against Streamlit's own floor, in one run.

The floor is an empty Streamlit page (a throwaway script with one line of text) served by a
second server of the same Streamlit on this machine; each page of the app is timed from
``page.goto`` to its content being drawn: the map's vector paths in the st_folium frame, the
presentation's tour frame ready, or (pages without a map) the main block settled. Servers are
warm (every page visited once first); each page is timed ``--repeat`` times in fresh browser
tabs and the median is reported with its ratio to the floor's median. Goal: ≤ 1.5× the floor.

``--against DIR`` also serves another checkout of the app (e.g. ``git worktree add /tmp/base
main``, with ``python -m geo assets`` run there) and times floor, that checkout and this one
interleaved page by page, so a machine whose load changes during the run (other jobs on its
two cores) weighs on both alike; the floor is then the median of every empty-page load.

    .venv/bin/python bench/bench_pages.py [--repeat 5] [--size 1920x1080] [--against DIR]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qa.browser import IFRAME, launch_chromium, streamlit_server  # noqa: E402
from ui.page import PAGES  # noqa: E402

EMPTY_PAGE = 'import streamlit as st\n\nst.write("qm-floor")\n'
MAP_DRAWN = f"""() => {{
  const f = document.querySelector('{IFRAME}');
  try {{ return !!(f && f.contentDocument && f.contentDocument.querySelectorAll('path.leaflet-interactive').length > 0); }}
  catch (e) {{ return false; }}
}}"""
TOUR_DRAWN = """() => [...document.querySelectorAll('iframe')].some(f => {
  try { return !!(f.contentWindow.qmTourApi && f.contentDocument.querySelectorAll('path').length > 0); } catch (e) { return false; } })"""
#: A page without a map: its title is drawn and Streamlit has stopped running the script.
SETTLED = """() => !!document.querySelector('[data-testid="stMainBlockContainer"] h1, [data-testid="stMarkdownContainer"] p')
  && !document.querySelector('[data-testid="stStatusWidget"]')"""
FLOOR_DRAWN = """() => [...document.querySelectorAll('[data-testid="stMarkdownContainer"] p')].some(p => p.textContent === 'qm-floor')"""
NO_MAP = {"sources", "accounts", "data_edit", "data_import"}


def ready_js(page: str) -> str:
    if page == "present":
        return TOUR_DRAWN
    return SETTLED if page in NO_MAP else MAP_DRAWN


def time_once(browser, url: str, ready: str, size: tuple[int, int]) -> float:
    ctx = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = ctx.new_page()
    t0 = time.perf_counter()
    page.goto(url)
    page.wait_for_function(ready, timeout=60_000, polling=20)
    elapsed = time.perf_counter() - t0
    ctx.close()
    return elapsed


def measure(browser, url: str, ready: str, size, repeat: int) -> float:
    time_once(browser, url, ready, size)  # warm: caches, compiled assets
    return statistics.median(time_once(browser, url, ready, size) for _ in range(repeat))


def _table(size, repeat: int, floor: float, columns: dict[str, dict[str, float]]) -> None:
    print(f"\nPage load to content drawn, {size[0]}×{size[1]}, median of {repeat} (warm server)\n")
    heads = list(columns)
    print("| page | " + " | ".join(f"{h} s | × floor" for h in heads) + " |")
    print("|---|" + "---:|---:|" * len(heads))
    print("| (empty Streamlit page: floor) | " + " | ".join(f"{floor:.2f} | 1.00" for _ in heads) + " |")  # fmt: skip
    for name in PAGES:
        cells = " | ".join(
            f"{columns[h][name]:.2f} | {columns[h][name] / floor:.2f}" for h in heads
        )
        print(f"| {name} | {cells} |")


def interleaved(browser, floor_url: str, servers: dict[str, str], size, repeat: int):
    """Floor and every server, one load each in turn, page by page, ``repeat`` rounds."""
    for url in servers.values():
        for name in PAGES:
            time_once(browser, f"{url}/{name}", ready_js(name), size)
    time_once(browser, floor_url, FLOOR_DRAWN, size)
    floors: list[float] = []
    runs = {h: {n: [] for n in PAGES} for h in servers}
    for r in range(repeat):
        for name in PAGES:
            floors.append(time_once(browser, floor_url, FLOOR_DRAWN, size))
            for h, url in servers.items():
                runs[h][name].append(time_once(browser, f"{url}/{name}", ready_js(name), size))
        print(f"round {r + 1} of {repeat} done", file=sys.stderr, flush=True)
    medians = {h: {n: statistics.median(v) for n, v in runs[h].items()} for h in servers}
    return statistics.median(floors), medians


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--size", default="1920x1080")
    ap.add_argument("--against", type=Path, help="another checkout of the app, timed interleaved")
    args = ap.parse_args()
    size = tuple(int(v) for v in args.size.split("x"))
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        empty = Path(tmp) / "empty.py"
        empty.write_text(EMPTY_PAGE, encoding="utf-8")
        browser = launch_chromium(p)
        if args.against:
            with ExitStack() as stack:
                fl = stack.enter_context(streamlit_server(script=empty))
                other = stack.enter_context(streamlit_server(cwd=args.against.resolve()))
                this = stack.enter_context(streamlit_server())
                servers = {str(args.against): other.url, "this checkout": this.url}
                floor, cols = interleaved(browser, fl.url, servers, size, args.repeat)
        else:
            with streamlit_server(script=empty) as floor_srv:
                floor = measure(browser, floor_srv.url, FLOOR_DRAWN, size, args.repeat)
            cols = {"this checkout": {}}
            with streamlit_server() as app_srv:
                for name in PAGES:
                    secs = measure(browser, f"{app_srv.url}/{name}", ready_js(name), size, args.repeat)  # fmt: skip
                    print(f"{name}: {secs:.2f} s", file=sys.stderr, flush=True)
                    cols["this checkout"][name] = secs
        browser.close()
    _table(size, args.repeat, floor, cols)


if __name__ == "__main__":
    main()
