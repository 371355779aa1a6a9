"""Build the folium maps of the app from the dataset (no Streamlit here).

Every interactive feature carries ``fid`` (``kind:id``) so a click can be traced back to its
record; every text shown by Leaflet is HTML-escaped first.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from html import escape, unescape

import folium
import geopandas as gpd
import pandas as pd
from folium import plugins

from geo.i18n import t
from geo.maps import basemaps, style
from geo.maps.legend import FitOnResize, FlyTo, FullHeight, Legend, Notice
from geo.model.project_specs import CATEGORIES
from geo.model.units import format_money_wan

OVERLAYS = (
    "district",
    "boundary",
    "villages",
    "routes",
    "projects",
    "demo_zones",
    "meal_points",
    "lamps",
    "zones",
    "farmland",
    "tourist_road",
    "pois",
)
DEFAULT_OVERLAYS = (
    "district",
    "boundary",
    "villages",
    "routes",
    "projects",
    "demo_zones",
    "meal_points",
)


@dataclass
class MapOptions:
    """What to draw: language, basemap, overlays, year filter, village metric, selection."""

    lang: str = "zh"
    basemap: str = "offline"
    overlays: tuple[str, ...] = DEFAULT_OVERLAYS
    year: str = "both"
    metric: str | None = None
    metric_values: dict[str, float] = field(default_factory=dict)
    selection: str | None = None
    tianditu_key: str | None = None
    legend_open: bool = True
    highlight: tuple[str, ...] = ()  # feature ids to highlight and frame (e.g. a finding's)
    fly_from: object = None  # a box to start from and fly away from (presentation)
    keyboard: bool = True  # False: arrow keys belong to the page (presentation clicker)
    search: bool = True
    full_height: bool = False  # the map fills its frame (the page sizes the frame: presentation)
    fit: object = None  # a (minx, miny, maxx, maxy) box to show instead of the whole subdistrict


def filter_year(projects: gpd.GeoDataFrame, year: str) -> gpd.GeoDataFrame:
    """Projects of 2023, 2024 or both."""
    return projects if year == "both" else projects[projects["year"] == int(year)]


def located(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Only the features that have a place on the map (a site not yet chosen has none)."""
    return gdf[gdf.geometry.notna() & ~gdf.geometry.is_empty]


def build_map(frames: dict[str, gpd.GeoDataFrame], opts: MapOptions, projects=None) -> folium.Map:
    """The one-map: basemap, overlays, legend, scale bar, full-screen, measure and search."""
    boundary = frames["boundary"]
    minx, miny, maxx, maxy = boundary.total_bounds
    m = folium.Map(location=[(miny + maxy) / 2, (minx + maxx) / 2], zoom_start=13, tiles=None,
                   control_scale=True, prefer_canvas=False, max_zoom=19, zoom_snap=0.25, zoom_delta=0.5,
                   keyboard=opts.keyboard)  # fmt: skip
    basemaps.add_basemap(m, opts.basemap, opts.lang, opts.tianditu_key, frames)
    conv = lambda g: basemaps.to_datum(g, opts.basemap)  # noqa: E731
    projects = located(filter_year(frames["projects"] if projects is None else projects, opts.year))
    legend: list = []
    builders = {
        "district": lambda: (
            _district(m, conv(frames["district_outline"]), opts.lang, legend)
            if "district_outline" in frames
            else None
        ),
        "zones": lambda: _zones(m, conv(frames["planning_zones"]), opts.lang, legend),
        "farmland": lambda: _farmland(m, conv(frames["farmland_upgrade_areas"]), opts.lang, legend),
        "demo_zones": lambda: _demo_zones(m, conv(frames["demo_zones"]), opts.lang, legend),
        "villages": lambda: _villages(m, conv(frames["villages"]), opts, legend),
        "boundary": lambda: _boundary(m, conv(boundary), opts.lang, legend),
        "routes": lambda: _routes(m, conv(frames["scenic_routes"]), opts.lang, legend),
        "tourist_road": lambda: _tourist_road(m, conv(frames["tourist_road"]), opts.lang, legend),
        "lamps": lambda: _lamps(m, conv(frames["solar_lamps"]), opts.lang, legend),
        "meal_points": lambda: _meals(m, conv(frames["meal_points"]), opts.lang, legend),
        "projects": lambda: _projects(m, conv(projects), opts.lang, legend),
        "pois": lambda: _pois(m, conv(frames["pois"]), opts.lang, legend),
    }
    for key, build in builders.items():
        if key in opts.overlays:
            build()
    if opts.search:
        _search(m, conv(frames["villages"]), conv(projects), opts.lang)
    sel = features_for(frames, list(opts.highlight) or ([opts.selection] if opts.selection else []))
    if sel is not None:
        _highlight(m, conv(sel), opts.lang)
    _furniture(m, opts.lang, legend, opts.legend_open)
    if opts.fit is not None:
        box = opts.fit
    else:
        box = _context_box(sel) if sel is not None else (minx, miny, maxx, maxy)
    bounds = _latlng(box)
    if opts.fly_from is not None:
        m.fit_bounds(_latlng(opts.fly_from))
        m.add_child(FlyTo(_latlng(opts.fly_from), bounds))
    else:
        m.fit_bounds(bounds, padding=(20, 20), max_zoom=16)
        m.add_child(FitOnResize(bounds))
    if opts.full_height:
        m.add_child(FullHeight())
    m.qm_signature = signature(opts, projects)
    m.qm_overlays = tuple(k for k in builders if k in opts.overlays)
    return m


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
             list(opts.highlight), box(opts.fit), box(opts.fly_from), opts.legend_open,
             sorted(projects["project_id"]), sorted(opts.metric_values.items())]  # fmt: skip
    return hashlib.sha1(json.dumps(parts, ensure_ascii=False, default=str).encode()).hexdigest()[
        :12
    ]


def _furniture(m: folium.Map, lang: str, legend: list, legend_open: bool = True) -> None:
    plugins.Fullscreen(
        position="topleft",
        title=t("map_fullscreen", lang),
        title_cancel=t("map_fullscreen_exit", lang),
    ).add_to(m)
    plugins.MeasureControl(position="topleft", primary_length_unit="kilometers",
                           primary_area_unit="hectares", secondary_area_unit="sqmeters").add_to(m)  # fmt: skip
    folium.LayerControl(position="topright", collapsed=True).add_to(m)
    m.add_child(Legend(legend, open_=legend_open, title=t("legend_title", lang)))
    m.add_child(Notice(t("schematic_banner", lang)))


def display_frame(
    gdf: gpd.GeoDataFrame, fid: list[str], label_col: list[str], tips: list[str]
) -> gpd.GeoDataFrame:
    """A light frame for Leaflet: id, escaped label and tooltip, geometry only."""
    return gpd.GeoDataFrame(
        {"fid": fid, "label": [escape(str(x)) for x in label_col], "tip": [escape(str(x)) for x in tips]},
        geometry=list(gdf.geometry), crs=gdf.crs,
    )  # fmt: skip


def _tooltip() -> folium.GeoJsonTooltip:
    return folium.GeoJsonTooltip(fields=["tip"], labels=False, sticky=True, style="font-size:15px;")


def _boundary(m, gdf, lang, legend) -> None:
    d = display_frame(gdf, ["boundary:0"], gdf["name"], [t("lyr_boundary", lang)])
    folium.GeoJson(d, name=t("lyr_boundary", lang), interactive=False,
                   style_function=lambda _f: {"color": style.BOUNDARY, "weight": 3, "fill": False, "dashArray": "10 4 2 4"}).add_to(m)  # fmt: skip
    legend.append(
        (
            t("lyr_boundary", lang),
            [("dash", style.BOUNDARY, t("lyr_boundary", lang) + t("schematic_mark", lang))],
        )
    )


def _district(m, gdf, lang, legend) -> None:
    """The reference outline of 临淄区 (public, converted from GCJ-02): thin, dashed, not clickable."""
    d = display_frame(gdf, ["district:0"], gdf["name"], [t("lyr_district", lang)])
    folium.GeoJson(d, name=t("lyr_district", lang), interactive=False,
                   style_function=lambda _f: {"color": style.DISTRICT, "weight": 1.5, "fill": False, "dashArray": "4 4"}).add_to(m)  # fmt: skip
    legend.append(
        (t("lyr_district", lang), [("dash", style.DISTRICT, t("lyr_district_note", lang))])
    )


def _villages(m, gdf, opts: MapOptions, legend) -> None:
    lang, values = opts.lang, opts.metric_values
    breaks = style.class_breaks(list(values.values())) if opts.metric else []
    colours = {
        c: (style.ramp_color(values.get(c), breaks) if opts.metric else "#ffffff")
        for c in gdf["code"]
    }
    tips = [
        f"{n}（{c}）" + (f"：{_fmt(values.get(c))}" if opts.metric else "")
        for n, c in zip(gdf["name"], gdf["code"])
    ]
    d = display_frame(gdf, [f"village:{c}" for c in gdf["code"]], gdf["name"], tips)
    d["fill"] = [colours[c] for c in gdf["code"]]
    opacity = 0.75 if opts.metric else 0.15
    folium.GeoJson(
        d, name=t("lyr_villages", lang), tooltip=_tooltip(),
        style_function=lambda f: {"color": "#7d7d7d", "weight": 1.2, "fillColor": f["properties"]["fill"], "fillOpacity": opacity},
        highlight_function=lambda _f: {"weight": 3, "color": "#333"},
    ).add_to(m)  # fmt: skip
    labels = folium.FeatureGroup(
        name=t("lyr_villages", lang) + "·" + t("name", lang), control=False
    )
    for name, geom in zip(gdf["name"], gdf.geometry):
        basemaps.add_label(labels, geom, name, 12, "#3d3d3d")
    labels.add_to(m)
    if opts.metric and breaks:
        rows, lower = [], min(values.values())
        for colour, upper in zip(style.RAMP, breaks + [max(values.values())]):
            rows.append(("fill", colour, f"{_fmt(lower)} – {_fmt(upper)}"))
            lower = upper
        rows.append(("fill", style.NO_DATA, t("no_data", lang)))
        legend.append((t(f"metric_{opts.metric}", lang), rows))


def _fmt(v) -> str:
    return "—" if v is None else f"{v:,.1f}".rstrip("0").rstrip(".")


def _demo_zones(m, gdf, lang, legend) -> None:
    d = display_frame(gdf, [f"demo:{z}" for z in gdf["zone_id"]], gdf["name" if lang == "zh" else "name_en"],
                      gdf["name" if lang == "zh" else "name_en"])  # fmt: skip
    d["colour"] = [style.DEMO_ZONE_COLORS[z] for z in gdf["zone_id"]]
    folium.GeoJson(d, name=t("lyr_demo_zones", lang), tooltip=_tooltip(), show=True,
                   style_function=lambda f: {"color": f["properties"]["colour"], "weight": 3, "dashArray": "6 6",
                                             "fillColor": f["properties"]["colour"], "fillOpacity": 0.06}).add_to(m)  # fmt: skip
    legend.append(
        (
            t("lyr_demo_zones", lang),
            [
                ("dash", style.DEMO_ZONE_COLORS[z], n)
                for z, n in zip(gdf["zone_id"], d["label"].map(_unescape))
            ],
        )
    )


def _unescape(s: str) -> str:
    return unescape(s)


def _routes(m, gdf, lang, legend) -> None:
    names = gdf["name" if lang == "zh" else "name_en"]
    d = display_frame(gdf, [f"route:{r}" for r in gdf["route_id"]], names, names)
    d["colour"] = [style.ROUTE_COLORS.get(r, "#555") for r in gdf["route_id"]]
    d["dash"] = ["8 6" if s == "placeholder" else None for s in gdf["name_source"]]
    folium.GeoJson(d, name=t("lyr_routes", lang), tooltip=_tooltip(),
                   style_function=lambda f: {"color": f["properties"]["colour"], "weight": 5, "opacity": 0.9,
                                             "dashArray": f["properties"]["dash"]}).add_to(m)  # fmt: skip
    legend.append((t("lyr_routes", lang), [("dash" if s == "placeholder" else "line", style.ROUTE_COLORS.get(r, "#555"), n)
                                          for r, s, n in zip(gdf["route_id"], gdf["name_source"], names)]))  # fmt: skip


def _tourist_road(m, gdf, lang, legend) -> None:
    d = display_frame(gdf, [f"road:{s}" for s in gdf["subject_id"]], gdf["name"],
                      [f"{n}（{k:g} km）" for n, k in zip(gdf["name"], gdf["reported_length_km"])])  # fmt: skip
    d["colour"] = ["#455a64", "#fbc02d"][: len(d)]
    folium.GeoJson(d, name=t("lyr_tourist_road", lang), tooltip=_tooltip(),
                   style_function=lambda f: {"color": f["properties"]["colour"], "weight": 7, "opacity": 0.7}).add_to(m)  # fmt: skip
    legend.append(
        (
            t("lyr_tourist_road", lang),
            [
                ("line", "#455a64", f"{gdf['reported_length_km'].iloc[0]:g} km"),
                (
                    "line",
                    "#fbc02d",
                    t("lit_section", lang, km=f"{gdf['reported_length_km'].iloc[-1]:g}"),
                ),
            ],
        )
    )


def _pois(m, gdf, lang, legend) -> None:
    d = display_frame(gdf, [f"poi:{i}" for i in range(len(gdf))], gdf["name"], gdf["name"])
    folium.GeoJson(d, name="POI", tooltip=_tooltip(),
                   marker=folium.CircleMarker(radius=9, weight=2, color="#004d40", fill=True, fill_color="#4db6ac", fill_opacity=1)).add_to(m)  # fmt: skip
    for name, geom in zip(gdf["name"], gdf.geometry):
        basemaps.add_label(
            m,
            geom.buffer(0).centroid if geom.geom_type != "Point" else geom,
            name,
            13,
            "#004d40",
            bold=True,
        )
    legend.append((t("pois", lang), [("point", "#4db6ac", t("pois", lang))]))


def _lamps(m, gdf, lang, legend) -> None:
    d = display_frame(
        gdf,
        [f"lamp:{n}" for n in gdf["lamp_no"]],
        gdf["lamp_no"],
        [f"{t('lyr_lamps', lang)} #{n}" for n in gdf["lamp_no"]],
    )
    folium.GeoJson(d, name=t("lyr_lamps", lang), tooltip=_tooltip(),
                   marker=folium.CircleMarker(radius=3, weight=1, color="#8a6d00", fill=True, fill_color="#ffd600", fill_opacity=1)).add_to(m)  # fmt: skip
    legend.append((t("lyr_lamps", lang), [("point", "#ffd600", f"{t('lyr_lamps', lang)}（85）")]))


def _meals(m, gdf, lang, legend) -> None:
    d = display_frame(gdf, [f"meal:{c}" for c in gdf["village_code"]], gdf["name"], gdf["name"])
    folium.GeoJson(d, name=t("lyr_meal_points", lang), tooltip=_tooltip(), show=True,
                   marker=folium.CircleMarker(radius=4, weight=1, color="#7b1fa2", fill=True, fill_color="#f8bbd0", fill_opacity=1)).add_to(m)  # fmt: skip
    legend.append(
        (
            t("lyr_meal_points", lang),
            [
                (
                    "point",
                    "#f8bbd0",
                    t("meal_points_legend", lang, name=t("lyr_meal_points", lang), n=len(gdf)),
                )
            ],
        )
    )


def _zones(m, gdf, lang, legend) -> None:
    names = gdf["zone" if lang == "zh" else "zone_en"]
    d = display_frame(gdf, [f"zone:{z}" for z in gdf["zone_id"]], names, names)
    d["colour"] = [style.ZONE_COLORS[z] for z in gdf["zone_id"]]
    folium.GeoJson(d, name=t("lyr_zones", lang), tooltip=_tooltip(),
                   style_function=lambda f: {"color": f["properties"]["colour"], "weight": 1, "fillColor": f["properties"]["colour"], "fillOpacity": 0.25}).add_to(m)  # fmt: skip
    legend.append(
        (
            t("lyr_zones", lang),
            [("fill", style.ZONE_COLORS[z], n) for z, n in zip(gdf["zone_id"], names)],
        )
    )


def _farmland(m, gdf, lang, legend) -> None:
    d = display_frame(gdf, [f"farmland:{v}" for v in gdf["village"]], gdf["village"],
                      [t("farmland_tip", lang, village=v, mu=f"{a:,.0f}") for v, a in zip(gdf["village"], gdf["area_mu"])])  # fmt: skip
    folium.GeoJson(d, name=t("lyr_farmland", lang), tooltip=_tooltip(),
                   style_function=lambda _f: {"color": "#b8860b", "weight": 1, "fillColor": "#f0d878", "fillOpacity": 0.45}).add_to(m)  # fmt: skip
    legend.append(
        (
            t("lyr_farmland", lang),
            [("fill", "#f0d878", t("lyr_farmland", lang) + t("schematic_mark", lang))],
        )
    )


def project_tip(row, lang: str) -> str:
    """Tooltip text of a project: name, year, category, investment."""
    name = row["name"] if lang == "zh" else row["name_en"]
    cat = t("category_" + row["category"], lang)
    money = (
        format_money_wan(row["investment_wan"], lang)
        if row["investment_wan"] == row["investment_wan"]
        else ""
    )
    return " · ".join(x for x in (name, str(row["year"]), cat, money) if x)


def _projects(m, gdf, lang, legend) -> None:
    names = gdf["name" if lang == "zh" else "name_en"]
    d = display_frame(
        gdf,
        [f"project:{p}" for p in gdf["project_id"]],
        names,
        [project_tip(r, lang) for _, r in gdf.iterrows()],
    )
    d["colour"] = [style.CATEGORY_COLORS[c] for c in gdf["category"]]
    d["planned"] = [y == 2024 for y in gdf["year"]]
    folium.GeoJson(
        d, name=t("lyr_projects", lang), tooltip=_tooltip(),
        marker=folium.CircleMarker(radius=8, weight=2, color="#ffffff", fill=True, fill_opacity=0.95),
        style_function=lambda f: {"color": "#222" if f["geometry"]["type"].endswith("Point") else f["properties"]["colour"],
                                  "fillColor": f["properties"]["colour"], "weight": 2 if f["geometry"]["type"].endswith("Point") else 5,
                                  "fillOpacity": 0.9 if f["geometry"]["type"].endswith("Point") else 0.2,
                                  "dashArray": "2 6" if f["properties"]["planned"] and "Line" in f["geometry"]["type"] else None},
        highlight_function=lambda _f: {"weight": 6, "color": style.SELECTION},
    ).add_to(m)  # fmt: skip
    present = [c for c in CATEGORIES if c in set(gdf["category"])]
    legend.append(
        (
            t("lyr_projects", lang),
            [("point", style.CATEGORY_COLORS[c], t("category_" + c, lang)) for c in present],
        )
    )


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
    plugins.Search(layer=layer, search_label="label", position="topleft", zoom=16,
                   placeholder=t("map_search_placeholder", lang), collapsed=False).add_to(m)  # fmt: skip


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


def selection_geometry(frames, selection: str | None, projects=None):
    """The features of a ``kind:id`` selection, or None."""
    return features_for(frames, [selection] if selection else [])


def _highlight(m, sel: gpd.GeoDataFrame, lang: str) -> None:
    d = gpd.GeoDataFrame(
        {"fid": ["selection"] * len(sel)}, geometry=list(sel.geometry), crs=sel.crs
    )
    folium.GeoJson(d, name=t("lyr_selection", lang), interactive=False,
                   marker=folium.CircleMarker(radius=14, weight=4, color=style.SELECTION, fill=False),
                   style_function=lambda _f: {"color": style.SELECTION, "weight": 6, "fill": False, "opacity": 1}).add_to(m)  # fmt: skip
