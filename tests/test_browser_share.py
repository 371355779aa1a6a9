"""The exported HTML map opens from file:// with every network request blocked and draws everything."""

from __future__ import annotations

import re

import folium
import pytest

from geo.maps.mapping import build_map
from geo.maps.options import MapOptions
from geo.printing.standalone import standalone_html

pytestmark = pytest.mark.browser

COUNT_JS = """() => ({
  paths: document.querySelectorAll("path.leaflet-interactive").length,
  labels: document.querySelectorAll(".leaflet-marker-pane .leaflet-div-icon, .leaflet-marker-pane > div").length,
  legend: document.body.innerText.includes("图例") || document.querySelectorAll(".legend, [class*=legend]").length,
  tiles: document.querySelectorAll("img.leaflet-tile").length,
  leaflet: typeof window.L,
})"""


def _expected_paths(m: folium.Map) -> int:
    """Every feature of every interactive GeoJson layer is one SVG path (as in test_browser_app)."""
    return sum(len(c.data["features"]) for c in m._children.values()
               if isinstance(c, folium.GeoJson) and c.options.get("interactive", True) is not False)  # fmt: skip


def test_exported_map_opens_offline_from_disk(tmp_path, artifacts, browser, frames) -> None:
    m = build_map(frames, MapOptions())
    html = standalone_html(m)
    assert len(html.encode()) < 5_000_000
    assert not re.search(r"<script[^>]+src=|<link[^>]+stylesheet", html)
    path = tmp_path / "map.html"
    path.write_text(html, encoding="utf-8")
    blocked: list[str] = []
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = ctx.new_page()

        def route(r) -> None:
            if r.request.url.startswith(("file:", "data:")):
                r.continue_()
            else:
                blocked.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(path.as_uri())
        page.locator("path.leaflet-interactive").first.wait_for(timeout=30_000)
        page.wait_for_timeout(500)
        state = page.evaluate(COUNT_JS)
        page.screenshot(path=str(artifacts / "standalone_map.png"))
    finally:
        ctx.close()
    assert blocked == [] and errors == []
    assert state["leaflet"] == "object"
    assert state["paths"] == _expected_paths(m)
    # every confirmed village name is labelled at this zoom (the 待核实 placeholders from zoom 14)
    assert state["labels"] >= int(frames["villages"]["name_confirmed"].sum())
    assert state["legend"]
