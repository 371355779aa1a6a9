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

Two reference pages, served and timed in the same run, show what the design itself costs: the
one-polygon map (the 齐陵街道 boundary alone, drawn by the app's own ``show_one_map`` through
st_folium, nothing else on the page) and the same map inside the app's shared page frame
(``ui.page.setup``: page CSS, the sidebar's language, basemap, layer and year controls). No page
of the app can be faster than the reference that has what it has.

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

from geo.model.paths import ROOT  # noqa: E402
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
#: The reference pages (see the module's docstring); QM_REFERENCE=frame adds the page frame.
REFERENCE_PAGE = """import os

from geo.views.kpi import village_metric
from ui import cached
from ui.common import map_options, show_one_map
from ui.page import setup, setup_config

if os.environ.get("QM_REFERENCE") == "frame":
    setup()
else:
    setup_config()
frames = cached.frames()
opts = map_options(overlays=("boundary",), metric=None, metric_values=village_metric(frames, None))
show_one_map(frames, opts, key="qm_reference_map", height=640)
"""
REFERENCES = {
    "reference: one-polygon map": "bare",
    "reference: one-polygon map + page frame": "frame",
}


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


def reference_script(tmp: Path) -> Path:
    """The reference page in ``tmp``, beside a link to the app's ``static/`` (served from the
    main script's folder, as for ``app.py``)."""
    (tmp / "static").symlink_to(ROOT / "static", target_is_directory=True)
    script = tmp / "reference_map.py"
    script.write_text(REFERENCE_PAGE, encoding="utf-8")
    return script


def reference_servers(stack: ExitStack, script: Path) -> dict[str, str]:
    """A warm server for each reference page: name → URL."""
    return {
        name: stack.enter_context(streamlit_server(script=script, env={"QM_REFERENCE": mode})).url
        for name, mode in REFERENCES.items()
    }


def _table(size, repeat: int, floor: float, columns: dict[str, dict[str, float]]) -> None:
    print(f"\nPage load to content drawn, {size[0]}×{size[1]}, median of {repeat} (warm server)\n")
    heads = list(columns)
    print("| page | " + " | ".join(f"{h} s | × floor" for h in heads) + " |")
    print("|---|" + "---:|---:|" * len(heads))
    print("| (empty Streamlit page: floor) | " + " | ".join(f"{floor:.2f} | 1.00" for _ in heads) + " |")  # fmt: skip
    for name in [*REFERENCES, *PAGES]:
        cells = " | ".join(_cell(columns[h].get(name), floor) for h in heads)
        print(f"| {name} | {cells} |")


def _cell(secs: float | None, floor: float) -> str:
    return "— | —" if secs is None else f"{secs:.2f} | {secs / floor:.2f}"


def interleaved(browser, floor_url: str, servers: dict[str, str], refs: dict[str, str], size,
                repeat: int):  # fmt: skip
    """Floor, the reference pages and every server, one load each in turn, page by page,
    ``repeat`` rounds. The reference rows go under the last server (this checkout)."""
    for url in servers.values():
        for name in PAGES:
            time_once(browser, f"{url}/{name}", ready_js(name), size)
    for url in [floor_url, *refs.values()]:
        time_once(browser, url, FLOOR_DRAWN if url == floor_url else MAP_DRAWN, size)
    floors: list[float] = []
    runs = {h: {n: [] for n in PAGES} for h in servers}
    ref_runs: dict[str, list[float]] = {n: [] for n in refs}
    for r in range(repeat):
        for name in PAGES:
            floors.append(time_once(browser, floor_url, FLOOR_DRAWN, size))
            for h, url in servers.items():
                runs[h][name].append(time_once(browser, f"{url}/{name}", ready_js(name), size))
        for name, url in refs.items():
            ref_runs[name].append(time_once(browser, url, MAP_DRAWN, size))
        print(f"round {r + 1} of {repeat} done", file=sys.stderr, flush=True)
    medians = {h: {n: statistics.median(v) for n, v in runs[h].items()} for h in servers}
    last = list(servers)[-1]
    medians[last] |= {n: statistics.median(v) for n, v in ref_runs.items()}
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
        reference = reference_script(Path(tmp))
        browser = launch_chromium(p)
        if args.against:
            with ExitStack() as stack:
                fl = stack.enter_context(streamlit_server(script=empty))
                other = stack.enter_context(streamlit_server(cwd=args.against.resolve()))
                this = stack.enter_context(streamlit_server())
                refs = reference_servers(stack, reference)
                servers = {str(args.against): other.url, "this checkout": this.url}
                floor, cols = interleaved(browser, fl.url, servers, refs, size, args.repeat)
        else:
            with streamlit_server(script=empty) as floor_srv:
                floor = measure(browser, floor_srv.url, FLOOR_DRAWN, size, args.repeat)
            cols = {"this checkout": {}}
            with ExitStack() as stack:
                for name, url in reference_servers(stack, reference).items():
                    cols["this checkout"][name] = measure(
                        browser, url, MAP_DRAWN, size, args.repeat
                    )
                    print(
                        f"{name}: {cols['this checkout'][name]:.2f} s", file=sys.stderr, flush=True
                    )
            with streamlit_server() as app_srv:
                for name in PAGES:
                    secs = measure(browser, f"{app_srv.url}/{name}", ready_js(name), size, args.repeat)  # fmt: skip
                    print(f"{name}: {secs:.2f} s", file=sys.stderr, flush=True)
                    cols["this checkout"][name] = secs
        browser.close()
    _table(size, args.repeat, floor, cols)


if __name__ == "__main__":
    main()
