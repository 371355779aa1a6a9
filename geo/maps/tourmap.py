"""The presentation tour as one self-contained page: one map, every stop, a JS controller.

The page holds every stop's layers (shared between stops where they are the same), its
highlighted features, its card text and its bounds; ``tour.js`` switches between them in the
browser, so a key press never waits for the server. No Streamlit here.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

from geo.i18n import t
from geo.maps import basemaps, style
from geo.maps.asset_bundle import lean_page
from geo.maps.legend import MetricScale, _section
from geo.maps.mapping import features_for
from geo.maps.options import MapOptions
from geo.maps.overlays import (
    add_boundary,
    add_demo_zones,
    add_farmland,
    add_lamps,
    add_meals,
    add_pois,
    add_projects,
    add_routes,
    add_tourist_road,
    add_villages,
)
from geo.views.kpi import village_metric
from geo.views.tour import BigFigure, Stop, focus_bounds, focus_fids, stop_figures

_HERE = Path(__file__).parent
_JS = (_HERE / "tour.js").read_text(encoding="utf-8")
_CSS = (_HERE / "tour.css").read_text(encoding="utf-8")
#: A source line longer than this (characters) shows a short label and the quote on demand.
SHORT_SOURCE = {"zh": 22, "en": 48}


class TourController(MacroElement):
    """Starts ``qmTour`` with the map, its stop layers and the stops' texts and bounds."""

    _template = Template(
        """{% macro script(this, kwargs) %}
{{ this.js }}
(function () {
  var groups = { {% for k, v in this.groups %}{{ k|tojson }}: {{ v }},{% endfor %} };
  Object.keys(groups).forEach(function (k) { {{ this._parent.get_name() }}.removeLayer(groups[k]); });
  qmTour({{ this._parent.get_name() }}, groups, {{ this.cfg|tojson }});
})();
{% endmacro %}"""
    )

    def __init__(self, groups: list[tuple[str, str]], cfg: dict):
        super().__init__()
        self._name = "TourController"
        self.js, self.groups, self.cfg = _JS, groups, cfg


def _figure(f: BigFigure, lang: str) -> dict:
    """A figure for the card: a long source shows its short head ("报告第一部分"), the quote on demand."""
    out = {"value": f.value, "label": f.label, "source": f.source, "quote": ""}
    if len(f.source) > SHORT_SOURCE.get(lang, 48):
        head = f.source.split("“", 1)[0].rstrip("：: ") if "“" in f.source else ""
        out.update(source=head or t("tour_source_short", lang), quote=f.source)
    return out


def _variant(key: str, stop: Stop) -> str:
    """The layer group a stop's overlay uses: projects differ by year, villages by metric."""
    if key == "projects":
        return f"projects@{stop.year}"
    if key == "villages":
        return f"villages@{stop.metric or ''}"
    return key


def _build_group(
    key: str, stop: Stop, frames: dict, lang: str, legend: list
) -> folium.FeatureGroup:
    g = folium.FeatureGroup(name=key, control=False)
    if key == "projects":
        p = frames["projects"]
        p = p if stop.year == "both" else p[p["year"] == int(stop.year)]
        add_projects(g, p[p.geometry.notna() & ~p.geometry.is_empty], lang, legend)
    elif key == "villages":
        opts = MapOptions(lang=lang, metric=stop.metric,
                          metric_values=village_metric(frames, stop.metric) if stop.metric else {})  # fmt: skip
        add_villages(g, frames["villages"], opts, legend)
    else:
        simple = {"boundary": (add_boundary, "boundary"), "demo_zones": (add_demo_zones, "demo_zones"),
                  "routes": (add_routes, "scenic_routes"), "tourist_road": (add_tourist_road, "tourist_road"),
                  "lamps": (add_lamps, "solar_lamps"), "pois": (add_pois, "pois"),
                  "meal_points": (add_meals, "meal_points"), "farmland": (add_farmland, "farmland_upgrade_areas")}  # fmt: skip
        fn, table = simple[key]
        fn(g, frames[table], lang, legend)
    return g


def _highlight(frames: dict, stop: Stop) -> folium.FeatureGroup | None:
    sel = features_for(frames, focus_fids(stop, frames))
    if sel is None:
        return None
    g = folium.FeatureGroup(name="highlight", control=False)
    folium.GeoJson(sel[["geometry"]], interactive=False, name="qm-highlight",
                   marker=folium.CircleMarker(radius=14, weight=4, color=style.SELECTION, fill=False,
                                              class_name="qm-hl"),
                   style_function=lambda _f: {"color": style.SELECTION, "weight": 6, "fill": False,
                                              "opacity": 1, "className": "qm-hl"}).add_to(g)  # fmt: skip
    return g


def tour_labels(lang: str) -> dict:
    keys = ("prev", "next", "stops", "autoplay", "interval")
    names = (
        "present_prev",
        "present_next",
        "present_stops",
        "present_autoplay",
        "present_interval",
    )
    out = {k: t(n, lang) for k, n in zip(keys, names)}
    out["list"] = out.pop("stops")
    out["flag"] = t("tour_schematic_flag", lang)
    return out


def build_tour(
    frames: dict, facts: list, stops: list[Stop], lang: str, start: int = 0
) -> folium.Map:
    """The tour map: every stop's layers, highlights, cards and bounds, and the controller."""
    minx, miny, maxx, maxy = frames["boundary"].total_bounds
    m = folium.Map(location=[(miny + maxy) / 2, (minx + maxx) / 2], zoom_start=13, tiles=None,
                   control_scale=False, max_zoom=19, zoom_snap=0.25, zoom_delta=0.5, keyboard=False)  # fmt: skip
    basemaps.add_basemap(m, "offline", lang, None, frames)
    groups: dict[str, folium.FeatureGroup] = {}
    legends: dict[str, list] = {}
    cfg_stops = []
    for i, stop in enumerate(stops):
        names, sections = [], []
        for key in stop.overlays:
            name = _variant(key, stop)
            if name not in groups:
                legends[name] = []
                groups[name] = _build_group(key, stop, frames, lang, legends[name])
                groups[name].add_to(m)
            names.append(name)
            sections += legends[name]
        hl = _highlight(frames, stop)
        if hl is not None:
            groups[f"highlight@{i}"] = hl
            hl.add_to(m)
            names.append(f"highlight@{i}")
        b = focus_bounds(stop, frames, features_for)
        cfg_stops.append({
            "id": stop.id, "title": stop.title(lang), "subtitle": stop.subtitle(lang), "groups": names,
            "bounds": [[float(b[1]), float(b[0])], [float(b[3]), float(b[2])]],
            "figures": [_figure(f, lang) for f in stop_figures(stop, frames, facts, lang)],
            "legend": f"<summary>{escape(t('legend_title', lang))}</summary>" + "".join(_section(h, r) for h, r in sections if r),
        })  # fmt: skip
    cfg = {"stops": cfg_stops, "labels": tour_labels(lang), "start": start}
    m.get_root().header.add_child(Element(f"<style>{_CSS}</style>"))
    m.add_child(MetricScale())
    m.add_child(TourController([(k, g.get_name()) for k, g in groups.items()], cfg))
    return m


def tour_html(m: folium.Map, prefix_from: str, prefix_to: str) -> str:
    """The page's HTML with the offline asset prefix made relative to the app's page, without
    the scripts and fonts it never uses (jQuery, Bootstrap's JS, awesome-markers, icon fonts)."""
    html = lean_page(m.get_root().render())
    return html.replace(prefix_from, prefix_to)


def tour_config(m: folium.Map) -> dict:
    """The controller's configuration (tests)."""
    ctl = next(c for c in m._children.values() if isinstance(c, TourController))
    return json.loads(json.dumps(ctl.cfg))
