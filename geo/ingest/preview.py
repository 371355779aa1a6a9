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
#: A preview shows at least this much around the features (about 2 km), for context.
CONTEXT_DEG = 0.02


def _label(row: dict) -> str:
    for col in ("name", "village", "code", "project_id", "zone_id", "block"):
        if row.get(col) not in (None, ""):
            return str(row[col])
    return ""


def preview_map(frames: dict, preview: gpd.GeoDataFrame, lang: str) -> folium.Map:
    """The offline basemap, village outlines, and the previewed features in red (labels escaped)."""
    shown = preview[preview.geometry.notna()]
    bounds = shown.total_bounds if len(shown) else frames["boundary"].total_bounds
    pad = max(CONTEXT_DEG - (bounds[2] - bounds[0]), CONTEXT_DEG - (bounds[3] - bounds[1]), 0) / 2
    bounds = (bounds[0] - pad, bounds[1] - pad, bounds[2] + pad, bounds[3] + pad)
    m = folium.Map(location=[(bounds[1] + bounds[3]) / 2, (bounds[0] + bounds[2]) / 2],
                   zoom_start=13, tiles=None, control_scale=False, max_zoom=19)  # fmt: skip
    m.add_child(MetricScale())
    basemaps.add_basemap(m, "offline", lang, None, frames)
    folium.GeoJson(frames["villages"][["geometry"]], name="villages", interactive=False,
                   style_function=lambda _f: {"color": "#7d7d7d", "weight": 1, "fill": False}).add_to(m)  # fmt: skip
    records = shown.drop(columns=shown.geometry.name).to_dict("records")
    d = gpd.GeoDataFrame({"fid": [f"preview:{i}" for i in shown.index],
                          "tip": [escape(_label(r)) for r in records]},
                         geometry=list(shown.geometry), crs="EPSG:4326")  # fmt: skip
    folium.GeoJson(
        d, name=t("preview", lang),
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False),
        marker=folium.CircleMarker(radius=7, weight=2, color="#ffffff", fill=True, fill_opacity=0.95),
        style_function=lambda _f: {"color": PREVIEW_COLOUR, "fillColor": PREVIEW_COLOUR, "weight": 3, "fillOpacity": 0.3},
    ).add_to(m)  # fmt: skip
    m.fit_bounds([[bounds[1], bounds[0]], [bounds[3], bounds[2]]], padding=(30, 30), max_zoom=16)
    digest = hashlib.sha1(lang.encode())
    for g in shown.geometry:
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
