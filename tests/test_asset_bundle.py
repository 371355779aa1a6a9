"""The map frame's scripts: lean (no unused jQuery, Bootstrap JS, awesome-markers, icon fonts)
and joined into one bundle file in the vendor folder, with a fallback to separate scripts."""

from __future__ import annotations

from pathlib import Path

import folium
import pytest

from geo.maps import asset_bundle, assets
from geo.maps.asset_bundle import bundle_js, frame_links, lean_links
from geo.maps.mapping import build_map
from geo.maps.options import MapOptions

PREFIX = "../../app/static/vendor"


@pytest.fixture(scope="module")
def vendor(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("vendor")
    assets.setup_offline(dest, PREFIX)
    yield dest
    assets.use_cdn_assets()


def _links(m) -> tuple[list[str], list[str], str]:
    js, css = assets.component_links(m)
    html = m.get_root().render()
    return js, css, html


def test_the_one_map_needs_no_jquery_bootstrap_js_awesome_markers_or_icon_fonts(
    vendor, frames
) -> None:
    js, css, html = _links(build_map(frames, MapOptions()))
    assert any("jquery" in link for link in js)  # folium lists them for every map …
    lean_js, lean_css = lean_links(js, html), lean_links(css, html)
    for gone in ("jquery", "js/bootstrap", "awesome-markers", "fontawesome"):
        assert not [link for link in lean_js + lean_css if gone in link], gone
    # … what the map does use stays, in order: Leaflet first, then its plugins
    assert lean_js[0].endswith("leaflet/leaflet.js")
    for kept in (
        "folium-offline-init.js",
        "leaflet-search",
        "Control.FullScreen",
        "leaflet-measure",
    ):
        assert [link for link in lean_js if kept in link], kept
    # Bootstrap 5's and 3's ("glyphicons") style sheets set the frame's base font and spacing
    for kept in (
        "leaflet.css",
        "bootstrap.min.css",
        "glyphicons",
        "leaflet-search",
        "leaflet-measure",
    ):
        assert [link for link in lean_css if kept in link], kept


def test_an_asset_the_map_uses_is_kept(vendor) -> None:
    m = folium.Map(tiles=None)
    folium.Marker([36.8, 118.3], popup="弹窗", icon=folium.Icon(icon="info-sign")).add_to(m)
    js, css, html = _links(m)
    lean_js, lean_css = lean_links(js, html), lean_links(css, html)
    assert any("jquery" in link for link in lean_js)  # a folium Popup is built with $(…)
    assert any("awesome-markers" in link for link in lean_js)
    assert any("glyphicons" in link for link in lean_css)


def test_bundle_joins_the_scripts_in_order(vendor) -> None:
    links = [f"{PREFIX}/leaflet/leaflet.js", f"{PREFIX}/folium-offline-init.js"]
    out = bundle_js(links, PREFIX, vendor)
    assert len(out) == 1 and out[0].startswith(f"{PREFIX}/bundle-") and out[0].endswith(".js")
    text = (vendor / out[0][len(PREFIX) + 1 :]).read_text(encoding="utf-8")
    leaflet = text.index("Leaflet 1.9")
    assert text.startswith(";")  # a leading "use strict" of a part is no directive for all
    assert leaflet < text.index("L.Icon.Default.imagePath")
    assert "sourceMappingURL" not in text
    assert bundle_js(links, PREFIX, vendor) == out  # same content, same file
    assert bundle_js(list(reversed(links)), PREFIX, vendor) != out


def test_bundle_falls_back_to_separate_scripts(vendor, monkeypatch) -> None:
    links = [f"{PREFIX}/leaflet/leaflet.js", f"{PREFIX}/folium-offline-init.js"]
    remote = [links[0], "https://example.org/x.js"]
    assert bundle_js(remote, PREFIX, vendor) == remote  # not a local file
    missing = [links[0], f"{PREFIX}/nowhere.js"]
    assert bundle_js(missing, PREFIX, vendor) == missing
    assert bundle_js([f"{PREFIX}/../../etc/passwd", links[1]], PREFIX, vendor)[0].endswith("passwd")

    def read_only(path, data):
        raise PermissionError(13, "Read-only file system", str(path))

    monkeypatch.setattr(asset_bundle, "atomic_write_bytes", read_only)
    search = f"{PREFIX}/cdn.jsdelivr.net/npm/leaflet-search@2.9.7/dist/leaflet-search.min.js"
    fresh = [search, *links]  # no test writes this bundle
    assert bundle_js(fresh, PREFIX, vendor) == fresh


def test_the_frame_receives_one_bundle(vendor, frames) -> None:
    calls = []
    wrapped = assets.offline_component_func(lambda **kw: calls.append(kw))
    m = build_map(frames, MapOptions())
    js, css, html = _links(m)
    wrapped(script=html, header="", html="", js_links=js, css_links=css)
    sent = calls[-1]
    assert len(sent["js_links"]) == 1 and asset_bundle.BUNDLE_PREFIX in sent["js_links"][0]
    bundle = (vendor / sent["js_links"][0][len(PREFIX) + 1 :]).read_text(encoding="utf-8")
    assert "L.Control.Search" in bundle and "jQuery v3" not in bundle
    assert not [link for link in sent["css_links"] if "fontawesome" in link]


def test_frame_links_without_a_known_folder_only_leans() -> None:
    sent = frame_links(
        {
            "script": "x",
            "js_links": [f"{PREFIX}/leaflet/leaflet.js", f"{PREFIX}/code.jquery.com/j.js"],
        },
        PREFIX,
        None,
    )
    assert sent["js_links"] == [f"{PREFIX}/leaflet/leaflet.js"]


def test_the_tour_page_loads_only_what_it_uses(vendor, frames) -> None:
    from geo.maps.tourmap import build_tour, tour_html
    from geo.model.facts import load_facts
    from geo.model.paths import DATA_DIR
    from geo.views.tour import load_tour

    _, stops = load_tour(DATA_DIR)
    html = tour_html(
        build_tour(frames, load_facts(DATA_DIR), stops, "zh"), PREFIX, "app/static/vendor"
    )
    assert "app/static/vendor/leaflet/leaflet.js" in html and "leaflet.css" in html
    assert "bootstrap.min.css" in html and "bootstrap-glyphicons.css" in html
    for gone in ("jquery", "bootstrap.bundle", "awesome-markers", "fontawesome"):
        assert gone not in html, gone
