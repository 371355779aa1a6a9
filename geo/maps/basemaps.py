"""Basemaps: the offline vector basemap (default) and online tiles (天地图, 高德, OSM).

高德 tiles are in GCJ-02, so overlays drawn on them are converted from WGS 84 first.
"""

from __future__ import annotations

import os
from html import escape

import folium
import geopandas as gpd

from geo.i18n import t
from geo.maps import style
from geo.maps.legend import Background, TileFailureNotice
from geo.model.coords import transform_geometry, wgs84_to_gcj02

BASEMAPS = ("offline", "tianditu_vec", "tianditu_img", "gaode", "osm")
_TDT = (
    "https://t{s}.tianditu.gov.cn/{layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
    "&LAYER={layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}"
    "&TILECOL={x}&tk={key}"
)
_GAODE = "https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}"
_OSM = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"


def tianditu_key(secrets: dict | None = None) -> str | None:
    """The 天地图 key from Streamlit secrets or the TIANDITU_KEY environment variable."""
    key = (secrets or {}).get("tianditu_key") or os.environ.get("TIANDITU_KEY")
    return key.strip() if key and key.strip() else None


def available(name: str, key: str | None) -> bool:
    """Whether a basemap can be offered (天地图 needs a key)."""
    return not name.startswith("tianditu") or bool(key)


def datum(name: str) -> str:
    """The datum the basemap's tiles are drawn in."""
    return "gcj02" if name == "gaode" else "wgs84"


def to_datum(gdf: gpd.GeoDataFrame, name: str) -> gpd.GeoDataFrame:
    """A copy of a WGS 84 layer in the datum of the basemap (GCJ-02 for 高德)."""
    if datum(name) == "wgs84":
        return gdf
    out = gdf.copy()
    out["geometry"] = [transform_geometry(g, wgs84_to_gcj02) for g in gdf.geometry]
    return out


def add_basemap(m: folium.Map, name: str, lang: str, key: str | None, base: dict) -> None:
    """Add the chosen basemap to the map (falls back to offline when unavailable)."""
    if name == "offline" or not available(name, key):
        add_offline_base(m, base, lang)
        return
    notice = t("basemap_online_notice", lang)
    if name.startswith("tianditu"):
        kind, labels = ("vec", "cva") if name == "tianditu_vec" else ("img", "cia")
        attr = "&copy; 天地图 Tianditu"
        tiles = folium.TileLayer(_TDT.format(s="{s}", layer=kind, key=key, x="{x}", y="{y}", z="{z}"),
                                 attr=attr, subdomains="01234567", name=t(f"basemap_{name}", lang), max_zoom=18)  # fmt: skip
        tiles.add_to(m)
        folium.TileLayer(_TDT.format(s="{s}", layer=labels, key=key, x="{x}", y="{y}", z="{z}"), attr=attr,
                         subdomains="01234567", overlay=True, control=False, name="labels").add_to(m)  # fmt: skip
    elif name == "gaode":
        tiles = folium.TileLayer(_GAODE, attr="&copy; 高德地图 AutoNavi", subdomains="1234",
                                 name=t("basemap_gaode", lang), max_zoom=18)  # fmt: skip
        tiles.add_to(m)
    else:
        tiles = folium.TileLayer(
            _OSM, attr="&copy; OpenStreetMap contributors", name="OpenStreetMap", max_zoom=19
        )
        tiles.add_to(m)
    m.add_child(TileFailureNotice(tiles, notice))


def add_offline_base(m: folium.Map, base: dict, lang: str) -> None:
    """Our own base layers drawn as a calm topographic map: paper, hills, river, roads, rail."""
    m.add_child(Background(style.BACKGROUND))
    group = folium.FeatureGroup(name=t("lyr_base", lang), control=False)
    _geo(
        base["hills"],
        {"color": style.HILL_FILL, "weight": 0, "fillColor": style.HILL_FILL, "fillOpacity": 0.8},
    ).add_to(group)
    _geo(base["river"], {"color": style.RIVER, "weight": 5, "opacity": 0.9}).add_to(group)
    _geo(base["roads"], {"color": style.ROAD_CASING, "weight": 6, "opacity": 1}).add_to(group)
    _geo(base["roads"], {"color": style.ROAD, "weight": 3.5, "opacity": 1}).add_to(group)
    _geo(base["railway"], {"color": style.RAILWAY, "weight": 4}).add_to(group)
    _geo(base["railway"], {"color": "#ffffff", "weight": 2, "dashArray": "8 8"}).add_to(group)
    for gdf, key, size, colour in ((base["roads"], "name", 13, "#555"), (base["hills"], "name", 14, "#7a5c2e"),
                                   (base["river"], "name", 14, "#2b6cb0"), (base["railway"], "name", 12, "#333")):  # fmt: skip
        for name, geom in zip(gdf[key], gdf.geometry):
            add_label(group, geom, name, size, colour)
    group.add_to(m)


def _geo(gdf: gpd.GeoDataFrame, st: dict) -> folium.GeoJson:
    return folium.GeoJson(gdf[["geometry"]], style_function=lambda _f, s=st: s, interactive=False,
                          smooth_factor=1, control=False)  # fmt: skip


def add_label(
    parent, geom, text: str, size: int = 13, colour: str = "#333", bold: bool = False
) -> None:
    """A non-interactive text label at a geometry's representative point (text escaped)."""
    p = geom if geom.geom_type == "Point" else geom.representative_point()
    weight = "700" if bold else "500"
    html = (
        f'<div style="white-space:nowrap;transform:translate(-50%,-50%);font:{weight} {size}px '
        f"'Noto Sans CJK SC',sans-serif;color:{colour};text-shadow:{style.LABEL_HALO};"
        f'pointer-events:none">{escape(str(text))}</div>'
    )
    folium.Marker(
        [p.y, p.x], icon=folium.DivIcon(html=html, icon_size=(0, 0)), interactive=False
    ).add_to(parent)
