"""Browser test: a real Streamlit server + headless Chromium with every non-local request
aborted. The st_folium map must render, load its fonts and marker images, and make no
request outside this machine.

Run: pytest -m browser tests/test_offline_browser.py  (needs Debian's /usr/bin/chromium)
"""

from __future__ import annotations

import textwrap
import time
from pathlib import Path

import pytest

from geo.maps import assets
from qa.browser import IFRAME, streamlit_server

pytestmark = pytest.mark.browser

APP = """
    from pathlib import Path

    import branca
    import folium
    import folium.plugins
    import streamlit as st
    import streamlit_folium

    from geo.maps.assets import DEFAULT_PREFIX, offline_component_func, setup_offline


    def st_folium_offline(fig, **kwargs):
        # What the app's Streamlit layer does (geo/ itself never imports streamlit).
        setup_offline(Path(__file__).parent / "static" / "vendor", DEFAULT_PREFIX)
        streamlit_folium._component_func = offline_component_func(
            streamlit_folium._component_func
        )
        return streamlit_folium.st_folium(fig, **kwargs)


    # No tile layer here, so the map needs its own maxZoom (MarkerCluster throws otherwise).
    m = folium.Map(location=[36.81, 118.31], zoom_start=14, tiles=None, maxZoom=18)
    features = [
        {
            "type": "Feature",
            "properties": {"name": name},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[x, 36.80], [x + 0.01, 36.80], [x + 0.01, 36.81], [x, 36.80]]],
            },
        }
        for name, x in (("甲村", 118.29), ("乙村", 118.315))
    ]
    layer = folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name="村界",
        tooltip=folium.GeoJsonTooltip(["name"]),
        popup=folium.GeoJsonPopup(["name"]),
    ).add_to(m)
    folium.plugins.Fullscreen().add_to(m)
    folium.plugins.MeasureControl().add_to(m)
    cluster = folium.plugins.MarkerCluster(name="点位").add_to(m)
    for i in range(3):
        folium.Marker([36.815 + i * 0.0002, 118.30]).add_to(cluster)
    folium.Marker([36.812, 118.32], icon=folium.Icon(icon="star", prefix="fa")).add_to(m)
    folium.Marker([36.812, 118.325], icon=folium.Icon()).add_to(m)
    folium.Marker([36.806, 118.325]).add_to(m)
    folium.plugins.Search(layer=layer, search_label="name").add_to(m)
    branca.colormap.LinearColormap(["green", "red"], vmin=0, vmax=1, caption="值").add_to(m)
    folium.LayerControl(collapsed=True).add_to(m)

    st.title("离线地图测试")
    st_folium_offline(m, height=450, width=700, returned_objects=[])
"""

# Evaluated inside the map iframe once Leaflet has drawn the map.
STATE_JS = """
async () => {
  await document.fonts.ready;
  const q = (s) => document.querySelectorAll(s);
  const faces = [...document.fonts].filter((f) => f.status === "loaded").map((f) => f.family);
  const imgs = [...q("img.leaflet-marker-icon, img.leaflet-marker-shadow")];
  return {
    paths: q("path.leaflet-interactive").length,
    markerClasses: [...q(".leaflet-marker-pane > *")].map((e) => e.className),
    defaultMarkers: q("img.leaflet-marker-icon").length,
    awesomeMarkers: q(".leaflet-marker-pane > .awesome-marker").length,
    faStar: q(".awesome-marker i.fa-star").length,
    glyphInfo: q(".awesome-marker i.glyphicon-info-sign").length,
    shadows: [...q("img.leaflet-marker-shadow, div.leaflet-marker-shadow")].length,
    clusters: q(".marker-cluster").length,
    images: imgs.map((i) => [i.getAttribute("src"), i.complete ? i.naturalWidth : 0]),
    fontFaces: faces,
    legendRects: q(".legend svg rect").length,
    controls: {
      fullscreen: q(".leaflet-control-zoom-fullscreen").length,
      measure: q(".leaflet-control-measure").length,
      search: q(".leaflet-control-search").length,
      layers: q(".leaflet-control-layers").length,
    },
    imagePath: window.L && L.Icon.Default.imagePath,
    d3: typeof window.d3,
  };
}
"""


@pytest.fixture(scope="module")
def app_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("offline_app")
    assets.collect_assets(folder / "static" / "vendor")
    (folder / "app.py").write_text(textwrap.dedent(APP), encoding="utf-8")
    return folder


@pytest.fixture
def page_viewport() -> dict:
    return {"width": 1100, "height": 800}


def _poll(fn, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = fn()
        if last:
            return last
        time.sleep(0.2)
    pytest.fail(f"timed out after {timeout}s waiting for {what}; last value: {last!r}")


# "" = served at the root; "qiling" = behind --server.baseUrlPath, where only a relative
# prefix (DEFAULT_PREFIX) reaches /<base>/app/static/.
@pytest.mark.parametrize("base_path", ["", "qiling"])
def test_map_renders_fully_offline(app_dir: Path, page, artifacts, base_path: str) -> None:
    args = ["--server.enableStaticServing", "true"]
    with streamlit_server(cwd=app_dir, base_path=base_path, args=args) as server:
        _check_offline_map(page, server.url + "/", artifacts, base_path)


def _check_offline_map(page, root: str, artifacts: Path, base_path: str) -> None:
    external, errors = page.guard.external, page.guard.console_errors  # aborted and recorded
    bad_responses: list[str] = page.failed  # every response >= 400
    failed: list[str] = []
    ok_urls: list[str] = []
    page.on("requestfailed", lambda req: failed.append(f"{req.url} {req.failure}"))
    page.on(
        "response", lambda resp: resp.status < 400 and ok_urls.append(f"{resp.status} {resp.url}")
    )

    def loaded_state():
        state = inner.evaluate(f"(body) => ({STATE_JS})()")
        images_ok = state["images"] and all(w > 0 for _, w in state["images"])
        fonts_ok = any("Font Awesome 6 Free" in f for f in state["fontFaces"])
        return state if images_ok and fonts_ok and state["legendRects"] > 0 else None

    frame = page.frame_locator(IFRAME)
    inner = frame.locator("body")
    iframe = page.locator(IFRAME)
    try:
        page.goto(root)
        frame.locator(".leaflet-container").wait_for(state="attached", timeout=60_000)
        frame.locator("path.leaflet-interactive").first.wait_for(state="attached", timeout=30_000)
        # st_folium sets the iframe height only after the map script ran without error.
        _poll(lambda: (iframe.bounding_box() or {}).get("height", 0) > 300, 30, "iframe height")
        state = _poll(loaded_state, 30, "marker images, Font Awesome and the legend")
    except Exception as exc:
        pytest.fail(
            f"map did not render: {exc}\nconsole errors: {errors}\nexternal: {external}\n"
            f"bad responses: {bad_responses}\nfailed: {failed}"
        )
    finally:
        suffix = f"_{base_path}" if base_path else ""
        page.screenshot(path=str(artifacts / f"offline_map{suffix}.png"))

    assert external == [], f"requests leaving this machine: {external}"
    assert bad_responses == [], bad_responses
    assert failed == [], failed
    assert errors == [], errors

    assert state["paths"] == 2  # the two GeoJson polygons
    assert state["defaultMarkers"] == 1
    assert state["awesomeMarkers"] == 2, state["markerClasses"]  # fa-star + glyphicon
    assert state["faStar"] == 1 and state["glyphInfo"] == 1
    assert state["clusters"] == 1
    assert all(v == 1 for v in state["controls"].values()), state["controls"]
    assert state["d3"] == "object"
    assert state["imagePath"].endswith("/app/static/vendor/leaflet/images/")
    assert (f"/{base_path}/app/static/" if base_path else "/app/static/") in state["imagePath"]
    assert {"marker-icon.png", "marker-shadow.png"} <= {
        src.rsplit("/", 1)[-1] for src, _ in state["images"]
    }
    assert any("Glyphicons Halflings" in f for f in state["fontFaces"]), state["fontFaces"]
    vendor_hits = [u for u in ok_urls if "/app/static/vendor/" in u]
    assert len(vendor_hits) > 10  # style sheets, fonts, images
    # every script of the map (Leaflet, plugins, jQuery for the popup, d3) came in one bundle
    scripts = [u for u in vendor_hits if u.split("?")[0].endswith(".js")]
    assert len(scripts) == 1 and "/app/static/vendor/bundle-" in scripts[0], scripts
    assert any(u.endswith("/leaflet/images/layers.png") for u in vendor_hits)
    assert any(u.endswith("/fontawesome/webfonts/fa-solid-900.woff2") for u in vendor_hits)
