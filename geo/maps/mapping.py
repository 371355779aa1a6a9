"""Build the folium maps of the app from the dataset (no Streamlit here).

Every interactive feature carries ``fid`` (``kind:id``) so a click can be traced back to its
record; every text shown by Leaflet is HTML-escaped first.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from html import escape

import folium
import geopandas as gpd
import pandas as pd
from folium import plugins

from geo.i18n import t
from geo.maps import basemaps, style
from geo.maps.legend import FillFrame, FitOnResize, Legend, MetricScale, Notice, SearchOpens
from geo.maps.options import MapOptions
from geo.maps.overlays import (
    add_boundary,
    add_demo_zones,
    add_district,
    add_farmland,
    add_lamps,
    add_meals,
    add_pois,
    add_projects,
    add_routes,
    add_tourist_road,
    add_villages,
    add_zones,
)


def filter_year(projects: gpd.GeoDataFrame, year: str) -> gpd.GeoDataFrame:
    """Projects of 2023, 2024 or both."""
    return projects if year == "both" else projects[projects["year"] == int(year)]


def located(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Only the features that have a place on the map (a site not yet chosen has none)."""
    return gdf[gdf.geometry.notna() & ~gdf.geometry.is_empty]


#: overlay key → (layer it draws, the function that adds it), in drawing order (bottom first).
_OVERLAY_BUILDERS = {
    "district": ("district_outline", add_district),
    "zones": ("planning_zones", add_zones),
    "farmland": ("farmland_upgrade_areas", add_farmland),
    "demo_zones": ("demo_zones", add_demo_zones),
    "villages": ("villages", add_villages),
    "boundary": ("boundary", add_boundary),
    "routes": ("scenic_routes", add_routes),
    "tourist_road": ("tourist_road", add_tourist_road),
    "lamps": ("solar_lamps", add_lamps),
    "meal_points": ("meal_points", add_meals),
    "projects": ("projects", add_projects),
    "pois": ("pois", add_pois),
}
#: Builders that take the whole MapOptions (the village choropleth needs the metric).
_WITH_OPTIONS = {"villages"}


def build_map(frames: dict[str, gpd.GeoDataFrame], opts: MapOptions, projects=None) -> folium.Map:
    """The one-map: basemap, overlays, legend, scale bar, full-screen, measure and search."""
    minx, miny, maxx, maxy = frames["boundary"].total_bounds
    m = folium.Map(location=[(miny + maxy) / 2, (minx + maxx) / 2], zoom_start=13, tiles=None,
                   control_scale=False, prefer_canvas=False, max_zoom=19, zoom_snap=0.25, zoom_delta=0.5)  # fmt: skip
    basemaps.add_basemap(m, opts.basemap, opts.lang, opts.tianditu_key, frames)
    conv = lambda g: basemaps.to_datum(g, opts.basemap)  # noqa: E731
    projects = located(filter_year(frames["projects"] if projects is None else projects, opts.year))
    layers = dict(frames, projects=projects)
    legend: list = []
    drawn = []
    for key, (name, add) in _OVERLAY_BUILDERS.items():
        if key in opts.overlays and name in layers:
            add(m, conv(layers[name]), opts if key in _WITH_OPTIONS else opts.lang, legend)
            drawn.append(key)
    if opts.search:
        _search(m, conv(frames["villages"]), conv(projects), opts.lang)
    sel = features_for(frames, list(opts.highlight) or ([opts.selection] if opts.selection else []))
    if sel is not None:
        _highlight(m, conv(sel), opts.lang)
    _furniture(m, opts.lang, legend, opts.legend_open)
    _set_view(m, opts, sel, (minx, miny, maxx, maxy))
    m.qm_signature = signature(opts, projects)
    m.qm_overlays = tuple(drawn)
    return m


def _set_view(m: folium.Map, opts: MapOptions, sel, whole) -> None:
    """Fit the chosen box, the selection with its surroundings, or the whole subdistrict."""
    if opts.fit is not None:
        box = opts.fit
    else:
        box = _context_box(sel) if sel is not None else whole
    bounds = _latlng(box)
    m.fit_bounds(bounds, padding=(20, 20), max_zoom=16)
    m.add_child(FitOnResize(bounds))
    if opts.fill_frame:
        m.add_child(FillFrame())


def _latlng(box) -> list[list[float]]:
    """(minx, miny, maxx, maxy) as Leaflet's [[south, west], [north, east]]."""
    return [[float(box[1]), float(box[0])], [float(box[3]), float(box[2])]]


def _context_box(sel: gpd.GeoDataFrame, margin_deg: float = 0.004):
    """Bounds of a selection with a margin (~400 m) so a point is shown with its surroundings."""
    minx, miny, maxx, maxy = sel.total_bounds
    return (minx - margin_deg, miny - margin_deg, maxx + margin_deg, maxy + margin_deg)


def signature(opts: MapOptions, projects: gpd.GeoDataFrame) -> str:
    """A short digest of what the map shows: it changes when the content changes, not on pans."""
    box = lambda b: None if b is None else [round(float(v), 6) for v in b]  # noqa: E731
    parts = [opts.lang, opts.basemap, sorted(opts.overlays), opts.year, opts.metric, opts.selection,
             list(opts.highlight), box(opts.fit), opts.legend_open,
             sorted(projects["project_id"]), sorted(opts.metric_values.items())]  # fmt: skip
    return hashlib.sha1(json.dumps(parts, ensure_ascii=False, default=str).encode()).hexdigest()[
        :12
    ]


def map_signature(frames, opts: MapOptions, projects=None, revision: str = "") -> str:
    """A digest of everything ``build_map(frames, opts, projects)`` draws, for a cache of built
    maps: every option (a new field counts without a change here), the projects drawn and the
    revision of the data the frames come from. Cheap: no map is built."""
    shown = located(filter_year(frames["projects"] if projects is None else projects, opts.year))
    parts = [revision, sorted(shown["project_id"].astype(str)),
             [[f.name, getattr(opts, f.name)] for f in dataclasses.fields(opts)]]  # fmt: skip
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=repr)
    return hashlib.sha1(text.encode()).hexdigest()


def _furniture(m: folium.Map, lang: str, legend: list, legend_open: bool = True) -> None:
    plugins.Fullscreen(
        position="topleft",
        title=t("map_fullscreen", lang),
        title_cancel=t("map_fullscreen_exit", lang),
    ).add_to(m)
    plugins.MeasureControl(position="topleft", primary_length_unit="kilometers",
                           primary_area_unit="hectares", secondary_area_unit="sqmeters").add_to(m)  # fmt: skip
    folium.LayerControl(position="topright", collapsed=True).add_to(m)
    m.add_child(MetricScale())
    m.add_child(Legend(legend, open_=legend_open, title=t("legend_title", lang)))
    m.add_child(Notice(t("map_schematic_short", lang)))


def _search(m, villages, projects, lang) -> None:
    pts = gpd.GeoDataFrame(
        {"fid": [f"village:{c}" for c in villages["code"]] + [f"project:{p}" for p in projects["project_id"]],
         "label": [escape(n) for n in villages["name"]] + [escape(n) for n in projects["name" if lang == "zh" else "name_en"]]},
        geometry=[g.representative_point() for g in villages.geometry] + [g.representative_point() for g in projects.geometry],
        crs=villages.crs,
    )  # fmt: skip
    layer = folium.GeoJson(
        pts,
        name="search",
        control=False,
        marker=folium.CircleMarker(radius=0, opacity=0, fill_opacity=0),
    )
    layer.add_to(m)
    search = plugins.Search(layer=layer, search_label="label", position="topleft", zoom=16,
                            placeholder=t("map_search_placeholder", lang), collapsed=False)  # fmt: skip
    search.add_to(m)
    m.add_child(SearchOpens(search))


_FID_TABLES = {
    "village": ("villages", "code"), "project": ("projects", "project_id"), "meal": ("meal_points", "village_code"),
    "route": ("scenic_routes", "route_id"), "demo": ("demo_zones", "zone_id"), "zone": ("planning_zones", "zone_id"),
    "farmland": ("farmland_upgrade_areas", "village"),
}  # fmt: skip


def features_for(frames, fids) -> gpd.GeoDataFrame | None:
    """The features behind ``kind:id`` ids (a selection or a finding), or None if none is known."""
    parts = []
    for fid in fids or ():
        kind, _, key = str(fid).partition(":")
        table = _FID_TABLES.get(kind)
        if table and key:
            gdf = frames[table[0]]
            parts.append(located(gdf.loc[gdf[table[1]].astype(str) == key, ["geometry"]]))
    hits = [p for p in parts if len(p)]
    if not hits:
        return None
    return gpd.GeoDataFrame(
        pd.concat(hits, ignore_index=True), geometry="geometry", crs=hits[0].crs
    )


def _highlight(m, sel: gpd.GeoDataFrame, lang: str) -> None:
    d = gpd.GeoDataFrame(
        {"fid": ["selection"] * len(sel)}, geometry=list(sel.geometry), crs=sel.crs
    )
    folium.GeoJson(d, name=t("lyr_selection", lang), interactive=False,
                   marker=folium.CircleMarker(radius=14, weight=4, color=style.SELECTION, fill=False),
                   style_function=lambda _f: {"color": style.SELECTION, "weight": 6, "fill": False, "opacity": 1}).add_to(m)  # fmt: skip
