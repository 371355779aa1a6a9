"""Benchmark the contract-plot map against the plain approach, end to end in headless Chromium.

For 1k / 10k / 40k schematic plots, measured in the same run: our page (``pages/plots.py``:
village and grid aggregates zoomed out, static tiles of the plots in view from zoom 16, no
rerun on pan) and the plain approach (``folium.GeoJson`` of every plot with a Python style
function, tooltip and popup, through ``st_folium`` with its default returned objects, in a
throwaway script). Reports first paint, pan and zoom settle times, bytes, server memory and the
ratios as a markdown table. No request can leave the machine (others are counted).

    .venv/bin/python bench/bench_plots.py [--sizes 1000 10000 40000] [--plain-max 40000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import textwrap
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.files.readers import load_all  # noqa: E402
from geo.model.paths import DATA_DIR, ROOT  # noqa: E402
from geo.plots.layer import ensure_plots, prepare  # noqa: E402
from geo.plots.tiles import densest_tile, tile_bounds  # noqa: E402
from qa.browser import (  # noqa: E402
    IFRAME,
    OFFLINE_ARGS,
    External,
    Traffic,
    launch_chromium,
    streamlit_server,
)
from qa.plot_probe import MAP_JS, OURS_READY, OURS_SETTLED, PLOTS_PATH  # noqa: E402

PLAIN = """
    import sys, time
    from pathlib import Path
    sys.path.insert(0, {root!r})
    import folium, geopandas as gpd, streamlit as st
    from ui.mapview import st_folium_offline

    started = time.time()
    st.set_page_config(layout="wide")

    @st.cache_resource
    def plots():
        return gpd.read_parquet({parquet!r})

    gdf = plots()
    b = gdf.total_bounds
    m = folium.Map(tiles=None, max_zoom=19)
    colours = {{"entrusted": "#41ab5d", "not_entrusted": "#f2dc8d"}}
    fields = ["plot_id", "village", "area_mu", "holder_code", "trusteeship_status"]
    folium.GeoJson(
        gdf, style_function=lambda f: {{"fillColor": colours[f["properties"]["trusteeship_status"]],
                                        "color": "#6b5a2a", "weight": 0.6, "fillOpacity": 0.85}},
        tooltip=folium.GeoJsonTooltip(fields=fields[:3]), popup=folium.GeoJsonPopup(fields=fields),
    ).add_to(m)
    m.fit_bounds([[b[1], b[0]], [b[3], b[2]]])
    st_folium_offline(m, key="plain", height=640, use_container_width=True)
    with open(Path(__file__).with_name("runs.log"), "a") as log:
        log.write(f"{{started}} {{time.time()}}\\n")
"""


def _entry(tmp: Path, body: str) -> Path:
    """A main script in ``tmp`` that sees the repo's static/ folder (Streamlit serves it)."""
    (tmp / "static").symlink_to(ROOT / "static")
    script = tmp / "entry.py"
    script.write_text(textwrap.dedent(body), encoding="utf-8")
    return script


def rss_mb(pid: int) -> tuple[float, float]:
    """(current, peak) resident memory of a process in MB, from /proc."""
    fields = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
    )
    kb = lambda k: float(fields[k].split()[0]) / 1024  # noqa: E731
    return kb("VmRSS"), kb("VmHWM")


def open_page(browser, url: str, ready: str, timeout_s: float):
    """A fresh context (cold cache) navigated to ``url``; returns (page, frame, seconds, traffic)."""
    ctx = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="zh-CN")
    page = ctx.new_page()
    page.guard, traffic = External(page), Traffic(page)
    t0 = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(IFRAME, timeout=timeout_s * 1000)
    frame = page.locator(IFRAME).first.element_handle().content_frame()
    frame.wait_for_function(ready, polling=50, timeout=timeout_s * 1000)
    return page, frame, time.perf_counter() - t0, traffic


def ours_moves(frame, centre) -> dict:
    """Zoom to a busy z16 view (cold tiles), then pans and zooms; seconds and tile bytes."""
    moves = [("zoom", f"m.setView([{centre[1]}, {centre[0]}], 16, {{animate: false}})")]
    moves += [("pan", f"m.panBy([{dx}, {dy}], {{animate: false}})")
              for dx, dy in ((400, 0), (0, 300), (-400, 0), (0, -300))]  # fmt: skip
    moves += [("zoom", f"m.setZoom({z}, {{animate: false}})") for z in (17, 16, 15, 16)]
    out: dict = {"pan": [], "zoom": []}
    for i, (kind, js) in enumerate(moves):
        before = frame.evaluate(
            "() => [window.qmPlotLayers[0].seq, window.qmPlotLayers[0].stats.bytes]"
        )
        t0 = time.perf_counter()
        frame.evaluate(f"() => {{ const m = {MAP_JS}; {js}; }}")
        frame.wait_for_function(OURS_SETTLED, arg=before[0], polling=10, timeout=60_000)
        out[kind].append(time.perf_counter() - t0)
        if i == 0:
            state = frame.evaluate("() => window.qmPlotLayers[0].state()")
            out["view_bytes"], out["view_plots"] = (
                state["stats"]["bytes"] - before[1],
                len(state["drawn"]),
            )
    return out


def measure_ours(browser, n: int, repeat: int) -> dict:
    """First paint (median of ``repeat`` cold browsers after a warm-up), moves, bytes, memory."""
    frames = {k: v.frame for k, v in load_all(DATA_DIR).items()}
    t0 = time.perf_counter()
    data = prepare(ensure_plots(n), frames)
    prep = time.perf_counter() - t0
    w, s, e, no = tile_bounds(*densest_tile(data.tiles), data.tiles.zoom)
    with streamlit_server(env={"QILING_PLOTS_N": str(n)}, timeout=120) as server:
        url, pid = server.url + PLOTS_PATH, server.pid
        runs = [open_page(browser, url, OURS_READY, 120) for _ in range(repeat + 1)]
        page, frame, _, traffic = runs[-1]
        paint = statistics.median(r[2] for r in runs[1:])
        first = {"ws": traffic.ws, "http": traffic.http, "static": traffic.static}
        sent = traffic.sent
        moves = ours_moves(frame, ((w + e) / 2, (s + no) / 2))
        moves["reruns"] = traffic.sent - sent
        external = sum(len(r[0].guard.external) for r in runs)
        for r in runs:
            r[0].context.close()
        return {"paint": paint, **moves, **first, "rss": rss_mb(pid), "prep": prep,
                "external": external}  # fmt: skip


def plain_settle(frame, runs_log: Path, js: str, n: int) -> float:
    """Seconds from a pan/zoom of the plain map until its Streamlit rerun has finished."""
    done = runs_log.read_text().count("\n") if runs_log.exists() else 0
    t0 = time.perf_counter()
    frame.evaluate(f"() => {{ const m = {MAP_JS}; {js}; }}")
    deadline = t0 + 900
    while time.perf_counter() < deadline:
        if runs_log.exists() and runs_log.read_text().count("\n") > done:
            frame.wait_for_function(f"() => document.querySelectorAll('path.leaflet-interactive').length >= {n}", timeout=600_000)  # fmt: skip
            return time.perf_counter() - t0
        time.sleep(0.05)
    raise TimeoutError("the plain map's rerun did not finish")


def measure_plain(browser, n: int, repeat: int) -> dict:
    """The plain approach on the same layer: first paint, one pan and one zoom (each a rerun)."""
    parquet = ensure_plots(n)
    ready = f"() => document.querySelectorAll('path.leaflet-interactive').length >= {n}"
    with tempfile.TemporaryDirectory() as tmp:
        script = _entry(Path(tmp), PLAIN.format(root=str(ROOT), parquet=str(parquet)))
        with streamlit_server(script, timeout=120) as server:
            url, pid = server.url, server.pid
            runs = [open_page(browser, url + "/", ready, 900) for _ in range(repeat)]
            page, frame, _, traffic = runs[-1]
            paint = statistics.median(r[2] for r in runs)
            first = {"ws": traffic.ws, "http": traffic.http, "static": traffic.static}
            log = Path(tmp) / "runs.log"
            pan = plain_settle(frame, log, "m.panBy([400, 0], {animate: false})", n)
            zoom = plain_settle(frame, log, "m.setZoom(m.getZoom() + 1, {animate: false})", n)
            external = sum(len(r[0].guard.external) for r in runs)
            for r in runs:
                r[0].context.close()
            return {"paint": paint, "pan": [pan], "zoom": [zoom], **first, "rss": rss_mb(pid),
                    "view_bytes": first["ws"], "external": external}  # fmt: skip


def _row(n: int, name: str, r: dict) -> str:
    mb = lambda b: f"{b / 1e6:.2f}"  # noqa: E731
    return (f"| {n:,} | {name} | {r['paint']:.2f} | {statistics.median(r['pan']):.2f} / {max(r['pan']):.2f} "
            f"| {statistics.median(r['zoom']):.2f} / {max(r['zoom']):.2f} | {mb(r['ws'])} | {mb(r['static'])} | {mb(r['http'])} "
            f"| {mb(r['view_bytes'])} | {r['rss'][1]:.0f} |")  # fmt: skip


def report(results: dict) -> None:
    """The markdown table: both approaches per size, then the ratios."""
    print("\n| plots | approach | first paint (s) | pan settle (s, median / max) | zoom settle (s, median / max) "
          "| map script (MB, websocket) | map files (MB, app/static) | all HTTP (MB) | z16 view payload (MB) "
          "| server peak RSS (MB) |")  # fmt: skip
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n, (ours, plain) in results.items():
        print(_row(n, "tiles + aggregates (ours)", ours))
        print(
            _row(n, "plain folium.GeoJson", plain)
            if plain
            else f"| {n:,} | plain folium.GeoJson | not run | | | | | | | |"
        )
    print(
        "\n| plots | first paint: plain / ours | pan: plain / ours | zoom: plain / ours | ours: reruns on pan | ours: plots drawn at z16 | ours: layer ready (s)¹ |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for n, (ours, plain) in results.items():
        ratio = (lambda a, b: f"{a / b:,.0f}×") if plain else (lambda a, b: "—")  # noqa: E731
        p = plain or {"paint": 0, "pan": [0], "zoom": [0]}
        print(f"| {n:,} | {ratio(p['paint'], ours['paint'])} | {ratio(statistics.median(p['pan']), statistics.median(ours['pan']))} "
              f"| {ratio(statistics.median(p['zoom']), statistics.median(ours['zoom']))} | {ours['reruns']} | {ours['view_plots']:,} | {ours['prep']:.1f} |")  # fmt: skip


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 40000])
    ap.add_argument(
        "--plain-max", type=int, default=40000, help="largest size for the plain approach"
    )
    ap.add_argument("--repeat", type=int, default=3, help="first-paint runs (plain: 1 above 10k)")
    args = ap.parse_args(argv)
    from playwright.sync_api import sync_playwright

    results = {}
    print(f"load average at start: {os.getloadavg()[0]:.1f} ({os.cpu_count()} CPUs)", flush=True)
    with sync_playwright() as p:
        browser = launch_chromium(p, OFFLINE_ARGS)
        for n in args.sizes:
            ours = measure_ours(browser, n, args.repeat)
            print(f"{n:,} ours: {ours}", flush=True)
            plain = None
            if n <= args.plain_max:
                plain = measure_plain(browser, n, 1 if n > 10000 else args.repeat)
                print(f"{n:,} plain: {plain}", flush=True)
            results[n] = (ours, plain)
        browser.close()
    report(results)
    external = sum(r["external"] for pair in results.values() for r in pair if r)
    print("\n¹ reading the layer, totals and grid; on first use also generating it and its tiles")
    print(f"non-local requests attempted (none can resolve): {external}")
    print(f"load average at end: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
