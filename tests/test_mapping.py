"""Map building on structure: layers, feature counts, bounds, escaping, GCJ-02 for 高德."""

from __future__ import annotations

import json

import folium
import pytest
from shapely.geometry import Point

from geo.maps.mapping import build_map
from geo.maps.options import MapOptions
from geo.model.coords import haversine_m, wgs84_to_gcj02

HOSTILE = "<img src=x onerror=alert(1)>"


def _geojson_layers(m: folium.Map) -> dict[str, folium.GeoJson]:
    out = {}
    for child in m._children.values():
        if isinstance(child, folium.GeoJson) and child.layer_name:
            out[child.layer_name] = child
    return out


def _fids(layer: folium.GeoJson) -> list[str]:
    return [f["properties"]["fid"] for f in layer.data["features"]]


def test_overview_layers_and_counts(frames):
    m = build_map(frames, MapOptions())
    layers = _geojson_layers(m)
    assert len(_fids(layers["行政村"])) == 37
    located = frames["projects"][frames["projects"].geometry.notna()]
    drawn = _fids(layers["项目点位"])
    assert len(drawn) == len(located) == len(frames["projects"]) - 1
    assert "project:shanghai_tractor-2024" not in drawn  # 选址未定: no place on the map
    assert "临淄区界（参考）" in layers  # the reference outline, thin and not clickable
    assert len(_fids(layers["长者助餐点"])) == 37
    assert len(_fids(layers["马莲台线路"])) == 3
    html = m.get_root().render()
    assert "L.control.scale" in html
    assert "Leaflet.fullscreen" in html or "L.control.fullscreen" in html
    assert "L.Control.Measure" in html or "L.control.measure" in html
    assert "qm-legend" in html


def test_year_filter_keeps_only_that_year(frames):
    m = build_map(frames, MapOptions(year="2024"))
    fids = _fids(_geojson_layers(m)["项目点位"])
    assert fids and all(f.endswith("-2024") for f in fids)


def test_english_labels(frames):
    m = build_map(frames, MapOptions(lang="en"))
    assert "Villages" in _geojson_layers(m)


def test_choropleth_colours_follow_the_metric(frames):
    values = {c: float(i) for i, c in enumerate(frames["villages"]["code"])}
    m = build_map(frames, MapOptions(metric="trusteeship_mu", metric_values=values))
    fills = [f["properties"]["fill"] for f in _geojson_layers(m)["行政村"].data["features"]]
    assert len(set(fills)) == 5
    legend = next(c for c in m._children.values() if type(c).__name__ == "Legend")
    assert "托管面积（亩，示意分配）" in legend.html  # per-village values are schematic


def test_hostile_names_are_escaped(frames):
    frames = dict(frames)
    projects = frames["projects"].copy()
    projects.loc[projects.index[0], "name"] = HOSTILE
    frames["projects"] = projects
    m = build_map(frames, MapOptions())
    feats = _geojson_layers(m)["项目点位"].data["features"]
    shown = [
        f["properties"]
        for f in feats
        if f["properties"]["fid"].endswith(projects.iloc[0]["project_id"])
    ][0]
    assert shown["label"] == "&lt;img src=x onerror=alert(1)&gt;"
    assert shown["tip"].startswith("&lt;img src=x onerror=alert(1)&gt;")
    html = m.get_root().render()
    assert HOSTILE not in html and json.dumps(HOSTILE)[1:-1] not in html


def test_selection_is_highlighted_and_framed(frames):
    m = build_map(frames, MapOptions(selection="village:QL09"))
    layers = _geojson_layers(m)
    assert "当前选择" in layers
    (south, west), (north, east) = m.get_bounds()
    v = frames["villages"].set_index("code").loc["QL09"].geometry
    assert west <= v.bounds[0] and east >= v.bounds[2]


@pytest.mark.parametrize("basemap", ["gaode"])
def test_gaode_overlays_are_converted_to_gcj02(basemap, frames):
    m = build_map(frames, MapOptions(basemap=basemap))
    layer = _geojson_layers(m)["长者助餐点"]
    sent = {f["properties"]["fid"]: f["geometry"]["coordinates"] for f in layer.data["features"]}
    for code, geom in zip(frames["meal_points"]["village_code"], frames["meal_points"].geometry):
        lon, lat = sent[f"meal:{code}"]
        ref = wgs84_to_gcj02(geom.x, geom.y)
        assert haversine_m(lon, lat, *ref) < 1.0
        assert haversine_m(lon, lat, geom.x, geom.y) > 100  # really moved
    assert "autonavi" in m.get_root().render()


def test_offline_basemap_requests_no_tiles(frames):
    html = build_map(frames, MapOptions()).get_root().render()
    assert "tile.openstreetmap.org" not in html and "tianditu" not in html
    assert "L.tileLayer" not in html


def test_tianditu_without_key_falls_back_to_offline(frames):
    html = (
        build_map(frames, MapOptions(basemap="tianditu_vec", tianditu_key=None)).get_root().render()
    )
    assert "tianditu" not in html


def test_tianditu_with_key_has_vector_and_labels(frames):
    html = (
        build_map(frames, MapOptions(basemap="tianditu_vec", tianditu_key="abc123"))
        .get_root()
        .render()
    )
    assert "vec_w" in html and "cva_w" in html and "tk=abc123" in html
    assert "tileerror" in html  # the failure notice is wired


def test_point_inside_subdistrict_is_drawn_where_expected(frames):
    m = build_map(frames, MapOptions(overlays=("meal_points",)))
    feats = _geojson_layers(m)["长者助餐点"].data["features"]
    lon, lat = feats[0]["geometry"]["coordinates"]
    assert frames["boundary"].geometry.iloc[0].contains(Point(lon, lat))


def test_signature_changes_with_content_only(frames):
    a = build_map(frames, MapOptions()).qm_signature
    assert a == build_map(frames, MapOptions()).qm_signature
    assert a != build_map(frames, MapOptions(year="2024")).qm_signature
    assert a != build_map(frames, MapOptions(selection="village:QL01")).qm_signature
    assert a != build_map(frames, MapOptions(lang="en")).qm_signature


def test_gaode_mode_sends_published_gcj02_coordinates(frames):
    """Points placed at published WGS 84 positions reach the map at the published GCJ-02 ones.

    The pairs come from public test data (gcoord, eviltransform; see tests/test_coords.py),
    not from our own conversion code.
    """
    from shapely.geometry import Point

    from tests.test_coords import WGS_TO_GCJ_REFS

    pairs = [tuple(p.values) for p in WGS_TO_GCJ_REFS]
    frames = dict(frames)
    meals = frames["meal_points"].iloc[: len(pairs)].copy()
    meals["geometry"] = [Point(lon, lat) for lon, lat, _, _ in pairs]
    frames["meal_points"] = meals
    m = build_map(frames, MapOptions(basemap="gaode", overlays=("meal_points",)))
    sent = [f["geometry"]["coordinates"] for f in _geojson_layers(m)["长者助餐点"].data["features"]]
    assert len(sent) == len(pairs) >= 5
    for (lon, lat), (_, _, glon, glat) in zip(sent, pairs):
        assert haversine_m(lon, lat, glon, glat) < 1.0
