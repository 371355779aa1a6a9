"""What the import page shows: the preview map and the validation report as a table."""

from __future__ import annotations

import hashlib
from html import escape

import folium
import geopandas as gpd
import pandas as pd
import shapely

from geo.i18n import t
from geo.maps import basemaps
from geo.maps.legend import MetricScale

PREVIEW_COLOUR = "#d7301f"
#: Colours of the candidate placements while the datum is undecided.
PLACEMENT_COLOURS = {"wgs84": "#d7301f", "gcj02": "#2166ac", "bd09": "#7b3294"}
#: A preview shows at least this much around the features (about 2 km), for context.
CONTEXT_DEG = 0.02


def _label(row: dict) -> str:
    for col in ("name", "village", "code", "project_id", "zone_id", "block"):
        if row.get(col) not in (None, ""):
            return str(row[col])
    return ""


def _placements(m: folium.Map, frame: gpd.GeoDataFrame, placements: dict, lang: str) -> None:
    """Each candidate placement in its colour, with a legend (the datum is undecided)."""
    tips = [escape(_label(r)) for r in frame.drop(columns=frame.geometry.name).to_dict("records")]
    legend = []
    for datum, geoms in placements.items():
        colour, name = PLACEMENT_COLOURS[datum], t(f"placement_{datum}", lang)
        d = gpd.GeoDataFrame({"tip": [f"{name} · {tip}" for tip in tips]},
                             geometry=list(geoms), crs="EPSG:4326")  # fmt: skip
        d = d[d.geometry.notna()]
        folium.GeoJson(
            d, name=name, tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False),
            marker=folium.CircleMarker(radius=6, weight=2, color=colour, fill=True, fill_color=colour, fill_opacity=0.7),
            style_function=lambda _f, c=colour: {"color": c, "fillColor": c, "weight": 3, "fillOpacity": 0.2},
        ).add_to(m)  # fmt: skip
        legend.append(f'<div><span style="color:{colour}">●</span> {escape(name)}</div>')
    html = ('<div style="position:absolute;bottom:24px;left:10px;z-index:9999;background:#fff;'
            f'padding:6px 10px;border-radius:4px;font-size:13px">{"".join(legend)}</div>')  # fmt: skip
    m.get_root().html.add_child(folium.Element(html))


def preview_map(frames: dict, preview: gpd.GeoDataFrame, lang: str,
                placements: dict | None = None) -> folium.Map:  # fmt: skip
    """The offline basemap, village outlines, and the previewed features in red (labels escaped);
    with ``placements`` (datum → geometries) every candidate placement in its own colour."""
    shown = preview[preview.geometry.notna()]
    geoms = list(shown.geometry)
    if placements:
        geoms = [g for series in placements.values() for g in series if g is not None]
    bounds = gpd.GeoSeries(geoms).total_bounds if geoms else frames["boundary"].total_bounds
    pad = max(CONTEXT_DEG - (bounds[2] - bounds[0]), CONTEXT_DEG - (bounds[3] - bounds[1]), 0) / 2
    bounds = (bounds[0] - pad, bounds[1] - pad, bounds[2] + pad, bounds[3] + pad)
    m = folium.Map(location=[(bounds[1] + bounds[3]) / 2, (bounds[0] + bounds[2]) / 2],
                   zoom_start=13, tiles=None, control_scale=False, max_zoom=19)  # fmt: skip
    m.add_child(MetricScale())
    basemaps.add_basemap(m, "offline", lang, None, frames)
    folium.GeoJson(frames["villages"][["geometry"]], name="villages", interactive=False,
                   style_function=lambda _f: {"color": "#7d7d7d", "weight": 1, "fill": False}).add_to(m)  # fmt: skip
    if placements:
        _placements(m, preview, placements, lang)
    else:
        records = shown.drop(columns=shown.geometry.name).to_dict("records")
        d = gpd.GeoDataFrame({"fid": [f"preview:{i}" for i in shown.index],
                              "tip": [escape(_label(r)) for r in records]},
                             geometry=geoms, crs="EPSG:4326")  # fmt: skip
        folium.GeoJson(
            d, name=t("preview", lang),
            tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False),
            marker=folium.CircleMarker(radius=7, weight=2, color="#ffffff", fill=True, fill_opacity=0.95),
            style_function=lambda _f: {"color": PREVIEW_COLOUR, "fillColor": PREVIEW_COLOUR, "weight": 3, "fillOpacity": 0.3},
        ).add_to(m)  # fmt: skip
    m.fit_bounds([[bounds[1], bounds[0]], [bounds[3], bounds[2]]], padding=(30, 30), max_zoom=16)
    digest = hashlib.sha1(f"{lang}{sorted(placements or ())}".encode())
    for g in geoms:
        digest.update(shapely.to_wkb(g))
    m.qm_signature = digest.hexdigest()[:12]
    return m


def report_table(issues, lang: str) -> pd.DataFrame:
    """The validation report: severity and sentence, errors first."""
    order = {"error": 0, "warning": 1, "info": 2}
    rows = sorted(issues, key=lambda i: order[i.severity])
    return pd.DataFrame(
        {t("report", lang): [f"{t('sev_' + i.severity, lang)} · {i.message(lang)}" for i in rows]}
    )
