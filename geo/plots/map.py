"""The plot map: offline basemap, village choropleth of exact totals, and the tiled plot layer.

The folium script stays small whatever the number of plots (villages, base layers and the tile
list): plots reach the browser only as static tile files (``geo.plottiles``), drawn by
``plotlayer.js`` for the current view. No Streamlit here.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import folium
import pandas as pd
from branca.element import MacroElement
from folium import plugins
from jinja2 import Template

from geo.i18n import t
from geo.maps import basemaps, style
from geo.maps.legend import FitOnResize, Legend, MetricScale, Notice
from geo.maps.overlays import display_frame
from geo.model.units import mu_word
from geo.plots import lightbase as plotbase
from geo.plots.tiles import TileSet

PLOT_MIN_ZOOM = 16
GRID_MIN_ZOOM = 14
#: Share of the view added on each side before choosing plots, so a short pan shows no gap.
PAD = 0.25
CACHE = 30_000
COLOURS = {"entrusted": "#41ab5d", "other": "#f2dc8d", "stroke": "#6b5a2a",
           "selected": style.SELECTION}  # fmt: skip
#: Grid colours by share entrusted (upper bound, colour).
GRID_RAMP = [(0.0, "#f2dc8d"), (0.25, "#d9f0d3"), (0.5, "#a6dba0"), (0.75, "#5aae61"),
             (1.0, "#1b7837")]  # fmt: skip
NOT_ENTRUSTED_VILLAGE = "#e8e4da"
#: Only Leaflet itself: this map needs no jQuery, Bootstrap or awesome-markers, and the frame
#: loads every script one after the other (about 0.25 s saved on first paint). It has no
#: default marker icons either, so it needs no folium-offline-init.js.
LEAN_JS, LEAN_CSS = ("leaflet",), ("leaflet_css",)
_JS = Path(__file__).with_name("plotlayer.js").read_text(encoding="utf-8")


@dataclass
class PlotMapOptions:
    """Language, basemap, an optional box to show and an optional plot to open."""

    lang: str = "zh"
    basemap: str = "offline"
    tianditu_key: str | None = None
    fit: tuple | None = None
    focus: dict | None = None  # a record from geo.plots.stats.plot_record


class PlotLayer(MacroElement):
    """The custom Leaflet layer of ``plotlayer.js`` with its configuration."""

    _template = Template(
        """{% macro script(this, kwargs) %}
;{{ this.js }}({{ this._parent.get_name() }}, {{ this.villages_name }}, {{ this.config|tojson }});
{% endmacro %}"""
    )

    def __init__(self, config: dict, villages_name: str = "null"):
        super().__init__()
        self._name = "PlotLayer"
        self.js, self.config, self.villages_name = _JS, config, villages_name


def layer_config(tileset: TileSet, village_names: list[str], lang: str, focus=None) -> dict:
    """What plotlayer.js needs: tile URL and list, zooms, colours, labels (already in ``lang``)."""
    labels = {k: t(f"plots_{k}", lang) for k in ("plot_id", "village", "area", "holder", "status", "year",
                                       "mu", "schematic")}  # fmt: skip
    labels["statuses"] = [t("plots_entrusted", lang), t("plots_not_entrusted", lang)]
    return {
        "base": tileset.url, "tileZoom": tileset.zoom, "tiles": [f"{x}_{y}" for x, y in tileset.tiles],
        "plotZoom": PLOT_MIN_ZOOM, "gridZoom": GRID_MIN_ZOOM, "pad": PAD, "cache": CACHE,
        "villages": village_names, "colours": COLOURS, "gridRamp": GRID_RAMP, "labels": labels,
        "villageFill": 0.75, "cellMu": 250.0 * 250.0 / (10000 / 15),
        "focus": None if focus is None else focus["position"],
    }  # fmt: skip


def build_plot_map(frames: dict, vt: pd.DataFrame, tileset: TileSet, opts: PlotMapOptions):
    """The map of the plot page; ``vt`` are the exact village totals (geo.plotstats)."""
    base = "offline" if opts.basemap == "gaode" else opts.basemap  # tiles are WGS 84
    box = opts.fit if opts.fit is not None else tuple(frames["boundary"].total_bounds)
    m = folium.Map(location=[(box[1] + box[3]) / 2, (box[0] + box[2]) / 2], zoom_start=13,
                   tiles=None, control_scale=False, prefer_canvas=False, max_zoom=19,
                   zoom_snap=0.25, zoom_delta=0.5)  # fmt: skip
    m.default_js = [p for p in folium.Map.default_js if p[0] in LEAN_JS]
    m.default_css = [p for p in folium.Map.default_css if p[0] in LEAN_CSS]
    labels = plotbase.add_offline_base(m, frames) if base == "offline" else []
    if base != "offline":
        basemaps.add_basemap(m, base, opts.lang, opts.tianditu_key, frames)
    folium.GeoJson(frames["boundary"][["geometry"]], interactive=False, control=False,
                   style_function=lambda _f: {"color": style.BOUNDARY, "weight": 3, "fill": False,
                                              "dashArray": "10 4 2 4"}).add_to(m)  # fmt: skip
    legend: list = [(t("plots_lyr_plots", opts.lang), [("fill", COLOURS["entrusted"], t("plots_entrusted", opts.lang)),
                                                  ("fill", COLOURS["other"], t("plots_not_entrusted", opts.lang))])]  # fmt: skip
    villages = _villages(m, frames["villages"], vt, opts.lang, legend)
    names = vt.set_index("code").reindex(frames["villages"]["code"])["name"].tolist()
    m.add_child(PlotLayer(layer_config(tileset, names, opts.lang, opts.focus), villages.get_name()))
    m.add_child(
        plotbase.Labels(labels + plotbase.label_rows(frames["villages"], "name", 12, "#3d3d3d"))
    )
    legend.insert(1, (t("plots_lyr_grid", opts.lang), _grid_rows()))
    plugins.Fullscreen(
        position="topleft",
        title=t("map_fullscreen", opts.lang),
        title_cancel=t("map_fullscreen_exit", opts.lang),
    ).add_to(m)
    m.add_child(Legend(legend, title=t("legend_title", opts.lang)))
    m.add_child(MetricScale())
    m.add_child(
        Notice(t("plots_zoom_hint", opts.lang), position="topright", css_class="qm-zoom-hint")
    )
    m.add_child(Notice(t("plots_schematic_layer", opts.lang)))
    bounds = [[float(box[1]), float(box[0])], [float(box[3]), float(box[2])]]
    m.fit_bounds(bounds, padding=(20, 20), max_zoom=PLOT_MIN_ZOOM)
    m.add_child(FitOnResize(bounds))
    m.qm_signature = _signature(opts, base, tileset)
    return m


def _villages(m, villages, vt: pd.DataFrame, lang: str, legend: list) -> folium.GeoJson:
    """Village choropleth of entrusted 亩 (from every plot) with exact totals in the tooltips."""
    tab = vt.set_index("code").reindex(villages["code"])
    values = [v for v in tab["entrusted_mu"] if v > 0]
    breaks = style.class_breaks(values)
    mu = mu_word(lang)
    tips = [f"{n}（{c}）：{t('plots_entrusted', lang)} {e:,.1f} {mu} / {a:,.1f} {mu} · {p:,} {t('plots_col_plots', lang)}"
            for n, c, e, a, p in zip(tab["name"], tab.index, tab["entrusted_mu"], tab["area_mu"], tab["plots"])]  # fmt: skip
    d = display_frame(villages, [f"village:{c}" for c in villages["code"]], villages["name"], tips)
    d["fill"] = [
        style.ramp_color(v, breaks) if v > 0 else NOT_ENTRUSTED_VILLAGE for v in tab["entrusted_mu"]
    ]
    layer = folium.GeoJson(
        d, name=t("plots_lyr_villages", lang), control=False,
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False, sticky=True, style="font-size:14px;"),
        style_function=lambda f: {"color": "#6d6d6d", "weight": 1.2, "fillColor": f["properties"]["fill"], "fillOpacity": 0.75},
    )  # fmt: skip
    layer.add_to(m)
    rows, lower = [], min(values) if values else 0.0
    for colour, upper in zip(style.RAMP, [*breaks, max(values)] if values else []):
        rows.append(("fill", colour, f"{lower:,.0f} – {upper:,.0f} {mu}"))
        lower = upper
    rows.append(("fill", NOT_ENTRUSTED_VILLAGE, t("plots_not_entrusted", lang)))
    legend.append((t("plots_lyr_villages", lang), rows))
    return layer


def _grid_rows() -> list[tuple[str, str, str]]:
    rows, lower = [], None
    for upper, colour in GRID_RAMP:
        rows.append(
            ("fill", colour, f"{upper:.0%}" if lower is None else f"{lower:.0%} – {upper:.0%}")
        )
        lower = upper
    return rows


def _signature(opts: PlotMapOptions, base: str, tileset: TileSet) -> str:
    fit = None if opts.fit is None else [round(float(v), 6) for v in opts.fit]
    focus = None if opts.focus is None else opts.focus["plot_id"]
    parts = [opts.lang, base, tileset.key, fit, focus]
    return hashlib.sha1(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()[:12]
