"""Unit tests for geo.assets: every asset a folium map needs is served from local files."""

from __future__ import annotations

import json
import posixpath
import re
import time
from pathlib import Path

import branca
import folium
import folium.elements
import folium.plugins
import pytest

from geo.maps import assets

PREFIX = "/app/static/vendor"

_SCRIPT_SRC = re.compile(r'<script[^>]*\bsrc="([^"]+)"')
_LINK_HREF = re.compile(r'<link[^>]*\bhref="([^"]+)"')


@pytest.fixture(scope="module")
def vendor(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("static") / "vendor"
    assets.collect_assets(dest)
    return dest


@pytest.fixture
def local(vendor: Path):
    assets.use_local_assets(PREFIX)
    yield vendor
    assets.use_cdn_assets()


def build_map() -> folium.Map:
    """A map with the plugins and features the app uses."""
    m = folium.Map(location=[36.81, 118.31], zoom_start=14, tiles=None, maxZoom=18)
    features = [
        {
            "type": "Feature",
            "properties": {"name": name, "value": value},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[x, 36.80], [x + 0.01, 36.80], [x + 0.01, 36.81], [x, 36.80]]],
            },
        }
        for name, value, x in (("甲村", 0.2, 118.29), ("乙村", 0.8, 118.315))
    ]
    layer = folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name="村界",
        tooltip=folium.GeoJsonTooltip(["name"]),
        popup=folium.GeoJsonPopup(["name", "value"]),
    ).add_to(m)
    folium.plugins.Fullscreen().add_to(m)
    folium.plugins.MeasureControl().add_to(m)
    cluster = folium.plugins.MarkerCluster(name="点位").add_to(m)
    for i in range(3):
        folium.Marker([36.815 + i * 0.0002, 118.30]).add_to(cluster)
    folium.Marker([36.812, 118.32], icon=folium.Icon(icon="star", prefix="fa")).add_to(m)
    folium.Marker([36.812, 118.325], icon=folium.Icon()).add_to(m)  # glyphicon info-sign
    folium.Marker([36.806, 118.325]).add_to(m)  # Leaflet default icon
    folium.plugins.Search(layer=layer, search_label="name").add_to(m)
    branca.colormap.LinearColormap(["green", "red"], vmin=0, vmax=1, caption="值").add_to(m)
    folium.LayerControl().add_to(m)
    return m


def referenced_assets(m: folium.Map) -> list[str]:
    """Every script/stylesheet URL of a rendered map plus what st_folium would send."""
    html = m.get_root().render()
    js, css = assets.component_links(m)
    return sorted(set(_SCRIPT_SRC.findall(html) + _LINK_HREF.findall(html) + js + css))


def test_collect_assets_copies_every_file(vendor: Path) -> None:
    urls = assets.collect_assets(vendor)
    assert len(urls) >= 72
    for url in assets.ST_FOLIUM_D3_URLS:
        assert url in urls
    for url, rel in urls.items():
        assert url.startswith("https://")
        assert (vendor / rel).is_file(), rel
        assert (vendor / rel).stat().st_size > 0, rel
    for rel in (
        "leaflet/leaflet.js",
        "leaflet/images/marker-icon.png",
        "leaflet/images/marker-shadow.png",
        "leaflet/images/layers.png",
        "fontawesome/webfonts/fa-solid-900.woff2",
        assets.INIT_JS,
        "cdnjs.cloudflare.com/ajax/libs/leaflet-minimap/3.6.1/images/toggle.svg",
        "cdn.jsdelivr.net/npm/leaflet-search@2.9.7/images/loader.gif",
    ):
        assert (vendor / rel).is_file(), rel
    assert (vendor / "leaflet/images/marker-icon.png").read_bytes()[:4] == b"\x89PNG"
    assert (vendor / "cdn.jsdelivr.net/npm/leaflet-search@2.9.7/images/loader.gif").read_bytes()[
        :4
    ] == b"GIF8"
    # Served with a JavaScript MIME type only if the name ends in .js.
    assert all(rel.endswith((".js", ".css")) for rel in urls.values())


def test_collect_assets_is_idempotent_and_fast(vendor: Path) -> None:
    manifest = json.loads((vendor / assets.MANIFEST_NAME).read_text())
    mtimes = {rel: (vendor / rel).stat().st_mtime_ns for rel in manifest["files"]}
    start = time.perf_counter()
    assets.collect_assets(vendor)
    assert time.perf_counter() - start < 0.5
    assert {rel: (vendor / rel).stat().st_mtime_ns for rel in manifest["files"]} == mtimes


def test_collect_assets_repairs_a_missing_file(tmp_path: Path, vendor: Path) -> None:
    dest = tmp_path / "vendor"
    assets.collect_assets(dest)
    victim = dest / "leaflet" / "images" / "marker-icon.png"
    victim.unlink()
    assets.collect_assets(dest)
    assert victim.read_bytes() == (vendor / "leaflet/images/marker-icon.png").read_bytes()


def test_every_css_url_reference_exists(vendor: Path) -> None:
    checked = 0
    for css_file in vendor.rglob("*.css"):
        css_rel = css_file.relative_to(vendor).as_posix()
        for ref in assets.css_url_refs(css_file.read_text(encoding="utf-8")):
            if ref.startswith(("data:", "#", "%23")):
                continue
            assert not ref.startswith(("http:", "https:", "//")), f"{css_rel}: {ref}"
            target = posixpath.normpath(
                posixpath.join(posixpath.dirname(css_rel), re.split(r"[?#]", ref)[0])
            )
            assert (vendor / target).is_file(), f"{css_rel}: url({ref})"
            checked += 1
    assert checked >= 20  # leaflet images, Font Awesome webfonts, MiniMap, leaflet-search...
    assert assets.check_assets(vendor) == []


def test_font_sources_without_a_file_are_dropped(vendor: Path) -> None:
    glyph = (
        vendor / "netdna.bootstrapcdn.com/bootstrap/3.0.0/css/bootstrap-glyphicons.css"
    ).read_text()
    assert "../fonts/" not in glyph
    assert "format('woff')" in glyph  # the inline woff is kept
    timedim = (
        vendor / "cdn.jsdelivr.net/npm/leaflet-timedimension@1.1.1/dist/"
        "leaflet.timedimension.control.css"
    ).read_text()
    assert "netdna" not in timedim
    assert "font/woff" in timedim or "font-woff" in timedim


def test_css_url_refs_skips_urls_inside_svg_data() -> None:
    css = """a{background:url('data:image/svg+xml,<g fill="url(%23m)"/>')}
             b{background:url(images/x.png)} c{src:url("../f.woff2") format("woff2")}"""
    refs = assets.css_url_refs(css)
    assert refs[1:] == ["images/x.png", "../f.woff2"]
    assert refs[0].startswith("data:image/svg+xml")


def test_unpatched_map_is_detected_as_external() -> None:
    assets.use_cdn_assets()
    urls = assets.external_urls(build_map())
    assert "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js" in urls
    assert "https://d3js.org/d3.v4.min.js" in urls
    assert len(urls) > 10


def test_map_with_plugins_renders_without_external_urls(local: Path) -> None:
    m = build_map()
    assert assets.external_urls(m) == []
    refs = referenced_assets(m)
    assert len(refs) > 20
    for ref in refs:
        assert ref.startswith(PREFIX + "/"), ref
        assert (local / ref[len(PREFIX) + 1 :]).is_file(), ref
    js, _ = assets.component_links(m)
    assert js[:2] == [
        f"{PREFIX}/d3js.org/d3.v4.min.js",
        f"{PREFIX}/{assets.local_path(assets.ST_FOLIUM_D3_URLS[1])}",
    ]
    leaflet = js.index(f"{PREFIX}/leaflet/leaflet.js")
    assert js[leaflet + 1] == f"{PREFIX}/{assets.INIT_JS}"
    for needed in (
        "leaflet-search",
        "leaflet-measure",
        "markercluster",
        "FullScreen",
        "fontawesome",
    ):
        assert any(needed in ref for ref in refs), needed


def test_every_folium_class_points_at_existing_local_files(local: Path) -> None:
    classes = [folium.Map, *assets._all_jscss_classes()]
    count = 0
    for cls in classes:
        for _, url in [*cls.default_js, *cls.default_css]:
            assert url.startswith(PREFIX + "/"), (cls, url)
            assert (local / url[len(PREFIX) + 1 :]).is_file(), (cls, url)
            count += 1
    assert count >= 72


def test_use_local_assets_is_idempotent_and_can_change_prefix(local: Path) -> None:
    first = list(folium.Map.default_js)
    assets.use_local_assets(PREFIX)
    assert folium.Map.default_js == first
    assert sum(name == "folium_offline_init" for name, _ in folium.Map.default_js) == 1
    assets.use_local_assets("../../app/static/vendor/")
    assert folium.Map.default_js[0][1] == "../../app/static/vendor/leaflet/leaflet.js"
    assets.use_local_assets(PREFIX)
    assert folium.Map.default_js == first


def test_localize_js_links(local: Path) -> None:
    links = [
        "https://d3js.org/d3.v4.min.js",
        "https://cdnjs.cloudflare.com/ajax/libs/d3/3.5.5/d3.min.js",
        "https://d3js.org/d3.v4.min.js",
        "https://example.org/unknown.js",
        "local/already.js",
    ]
    assert assets.localize_js_links(links) == [
        f"{PREFIX}/d3js.org/d3.v4.min.js",
        f"{PREFIX}/cdnjs.cloudflare.com/ajax/libs/d3/3.5.5/d3.min.js",
        "https://example.org/unknown.js",
        "local/already.js",
    ]
    assert assets.localize_js_links(links[:1], prefix="x/") == ["x/d3js.org/d3.v4.min.js"]


def test_external_urls_ignores_tiles_attribution_and_comments(local: Path) -> None:
    m = folium.Map(location=[36.8, 118.3])  # OpenStreetMap tiles + attribution link
    folium.plugins.MeasureControl().add_to(m)  # has a github URL in a JS comment
    assert assets.external_urls(m) == []
    folium.Element('<img src="https://example.org/x.png">').add_to(m.get_root().html)
    assert assets.external_urls(m) == ["https://example.org/x.png"]


def test_offline_component_func_localizes_links(local: Path) -> None:
    calls = []

    def component(**kwargs):
        calls.append(kwargs)
        return "ret"

    wrapped = assets.offline_component_func(component)
    assert assets.offline_component_func(wrapped) is wrapped
    d3 = "https://d3js.org/d3.v4.min.js"
    assert wrapped(js_links=[d3], css_links=[], script="x") == "ret"
    assert calls[-1] == {
        "js_links": [f"{PREFIX}/d3js.org/d3.v4.min.js"],
        "css_links": [],
        "script": "x",
    }
    assets.use_cdn_assets()
    wrapped(js_links=[d3])
    assert calls[-1] == {"js_links": [d3]}


def test_st_folium_sends_only_local_links(local: Path) -> None:
    from streamlit.testing.v1 import AppTest

    page = f"""
import branca
import folium
import streamlit_folium

from geo.maps.assets import offline_component_func, use_local_assets

use_local_assets({PREFIX!r})
streamlit_folium._component_func = offline_component_func(streamlit_folium._component_func)
m = folium.Map(location=[36.8, 118.3], tiles=None)
branca.colormap.LinearColormap(["green", "red"]).add_to(m)
streamlit_folium.st_folium(m, height=300)
"""
    at = AppTest.from_string(page, default_timeout=60).run()
    assert not at.exception
    components = at.get("component_instance")
    assert len(components) == 1
    args = json.loads(components[0].proto.json_args)
    links = args["js_links"] + args["css_links"]
    assert f"{PREFIX}/d3js.org/d3.v4.min.js" in args["js_links"]
    assert f"{PREFIX}/leaflet/leaflet.js" in args["js_links"]
    # nothing on this map uses jQuery, Bootstrap's JS, awesome-markers or an icon font
    assert not [
        link for link in links if "jquery" in link or "awesome" in link or "fontawesome" in link
    ]
    assert len(links) >= 5
    for link in links:
        assert link.startswith(PREFIX + "/"), link
        assert (local / link[len(PREFIX) + 1 :]).is_file(), link
