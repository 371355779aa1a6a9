"""The overlays of the one-map: one function per layer, each adding its features and legend rows.

Every interactive feature carries ``fid`` (``kind:id``) so a click can be traced back to its
record; every text shown by Leaflet is HTML-escaped first.
"""

from __future__ import annotations

from html import escape, unescape

import folium
import geopandas as gpd

from geo.i18n import t
from geo.maps import basemaps, style
from geo.maps.legend import MinZoom
from geo.maps.options import MapOptions
from geo.model.project_specs import CATEGORIES
from geo.model.units import format_money_wan


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


def add_boundary(m, gdf, lang, legend) -> None:
    d = display_frame(gdf, ["boundary:0"], gdf["name"], [t("lyr_boundary", lang)])
    folium.GeoJson(d, name=t("lyr_boundary", lang), interactive=False,
                   style_function=lambda _f: {"color": style.BOUNDARY, "weight": 3, "fill": False, "dashArray": "10 4 2 4"}).add_to(m)  # fmt: skip
    legend.append(
        (
            t("lyr_boundary", lang),
            [("dash", style.BOUNDARY, t("lyr_boundary", lang) + t("schematic_mark", lang))],
        )
    )


def add_district(m, gdf, lang, legend) -> None:
    """The reference outline of 临淄区 (public, converted from GCJ-02): thin, dashed, not clickable."""
    d = display_frame(gdf, ["district:0"], gdf["name"], [t("lyr_district", lang)])
    folium.GeoJson(d, name=t("lyr_district", lang), interactive=False,
                   style_function=lambda _f: {"color": style.DISTRICT, "weight": 1.5, "fill": False, "dashArray": "4 4"}).add_to(m)  # fmt: skip
    legend.append(
        (t("lyr_district", lang), [("dash", style.DISTRICT, t("lyr_district_legend", lang))])
    )


def add_villages(m, gdf, opts: MapOptions, legend) -> None:
    lang, values = opts.lang, opts.metric_values
    breaks = style.class_breaks(list(values.values())) if opts.metric else []
    colours = {
        c: (style.ramp_color(values.get(c), breaks) if opts.metric else "#ffffff")
        for c in gdf["code"]
    }
    # every per-village value is schematic (示意): the report gives only subdistrict totals
    mark = t("schematic_mark", lang)
    tips = [
        f"{n}（{c}）"
        + (
            f"：{t(f'metric_{opts.metric}', lang)} {_fmt(values.get(c))}{mark}"
            if opts.metric
            else ""
        )
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
    # placeholder names (村庄NN（待核实）) are lighter and appear only when zoomed in, so the
    # confirmed names do not collide with them at the default zoom
    pending = folium.FeatureGroup(name="village-placeholder-labels", control=False)
    for name, geom, ok in zip(gdf["name"], gdf.geometry, _confirmed(gdf)):
        if ok:
            basemaps.add_label(labels, geom, name, 12, "#3d3d3d")
        else:
            basemaps.add_label(pending, geom, name, 11, "#8a8a8a")
    labels.add_to(m)
    pending.add_to(m)
    m.add_child(MinZoom(pending, PLACEHOLDER_LABEL_ZOOM))
    if opts.metric and breaks:
        rows, lower = [], min(values.values())
        for colour, upper in zip(style.RAMP, breaks + [max(values.values())]):
            rows.append(("fill", colour, f"{_fmt(lower)} – {_fmt(upper)}"))
            lower = upper
        rows.append(("fill", style.NO_DATA, t("no_data", lang)))
        legend.append((t(f"metric_{opts.metric}", lang), rows))


#: The zoom from which placeholder village names are shown.
PLACEHOLDER_LABEL_ZOOM = 14


def _confirmed(gdf) -> list[bool]:
    """Whether each village's name is confirmed (a placeholder name is not)."""
    if "name_confirmed" in gdf:
        return [bool(x) if x == x else False for x in gdf["name_confirmed"]]
    return [True] * len(gdf)


def _fmt(v) -> str:
    return "—" if v is None else f"{v:,.1f}".rstrip("0").rstrip(".")


def add_demo_zones(m, gdf, lang, legend) -> None:
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


def add_routes(m, gdf, lang, legend) -> None:
    names = gdf["name" if lang == "zh" else "name_en"]
    d = display_frame(gdf, [f"route:{r}" for r in gdf["route_id"]], names, names)
    d["colour"] = [style.ROUTE_COLORS.get(r, "#555") for r in gdf["route_id"]]
    d["dash"] = ["8 6" if s == "placeholder" else None for s in gdf["name_source"]]
    folium.GeoJson(d, name=t("lyr_routes", lang), tooltip=_tooltip(),
                   style_function=lambda f: {"color": f["properties"]["colour"], "weight": 5, "opacity": 0.9,
                                             "dashArray": f["properties"]["dash"]}).add_to(m)  # fmt: skip
    legend.append((t("lyr_routes", lang), [("dash" if s == "placeholder" else "line", style.ROUTE_COLORS.get(r, "#555"), n)
                                          for r, s, n in zip(gdf["route_id"], gdf["name_source"], names)]))  # fmt: skip


def add_tourist_road(m, gdf, lang, legend) -> None:
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


def add_pois(m, gdf, lang, legend) -> None:
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


def add_lamps(m, gdf, lang, legend) -> None:
    d = display_frame(
        gdf,
        [f"lamp:{n}" for n in gdf["lamp_no"]],
        gdf["lamp_no"],
        [f"{t('lyr_lamps', lang)} #{n}" for n in gdf["lamp_no"]],
    )
    folium.GeoJson(d, name=t("lyr_lamps", lang), tooltip=_tooltip(),
                   marker=folium.CircleMarker(radius=3, weight=1, color="#8a6d00", fill=True, fill_color="#ffd600", fill_opacity=1)).add_to(m)  # fmt: skip
    legend.append((t("lyr_lamps", lang), [("point", "#ffd600", f"{t('lyr_lamps', lang)}（85）")]))


def add_meals(m, gdf, lang, legend) -> None:
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


def add_zones(m, gdf, lang, legend) -> None:
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


def add_farmland(m, gdf, lang, legend) -> None:
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
    if money and isinstance(row.get("investment_conflict"), str):
        money += conflict_mark(row["investment_conflict"], lang)
    return " · ".join(x for x in (name, str(row["year"]), cat, money) if x)


def conflict_mark(values: str, lang: str) -> str:
    """``（报告前后不一：3,690 万元 / 4,965 万元）`` from a project's ``investment_conflict``."""
    amounts = " / ".join(format_money_wan(float(v), lang) for v in values.split("|"))
    return t("conflict_mark", lang, values=amounts)


def add_projects(m, gdf, lang, legend) -> None:
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
