"""A lighter offline basemap for the plot map: the same look as ``geo.basemaps``, labels batched.

``basemaps.add_offline_base`` adds each label as a folium Marker with a DivIcon (two elements,
two templates, ~0.6 KB of script each). With 37 village labels on top, rendering them was
two thirds of the map's server time (st_folium renders a map twice per run), so here
all labels are one element that builds them in the browser, text set with ``textContent``.
"""

from __future__ import annotations

import folium
from branca.element import MacroElement
from jinja2 import Template

from geo.maps import style
from geo.maps.legend import Background

LINES = (
    ("hills", {"color": style.HILL_FILL, "weight": 0, "fillColor": style.HILL_FILL, "fillOpacity": 0.8}),
    ("river", {"color": style.RIVER, "weight": 5, "opacity": 0.9}),
    ("roads", {"color": style.ROAD_CASING, "weight": 6, "opacity": 1}),
    ("roads", {"color": style.ROAD, "weight": 3.5, "opacity": 1}),
    ("railway", {"color": style.RAILWAY, "weight": 4}),
    ("railway", {"color": "#ffffff", "weight": 2, "dashArray": "8 8"}),
)  # fmt: skip
LABELS = (("roads", 13, "#555"), ("hills", 14, "#7a5c2e"), ("river", 14, "#2b6cb0"),
          ("railway", 12, "#333"))  # fmt: skip


class Labels(MacroElement):
    """Non-interactive text labels: rows of [lat, lng, text, size px, colour, bold]."""

    _template = Template(
        """{% macro script(this, kwargs) %}
(function (map, rows, halo) {
  rows.forEach(function (r) {
    var d = document.createElement("div");
    d.textContent = r[2];
    d.style.cssText = "white-space:nowrap;transform:translate(-50%,-50%);pointer-events:none;" +
      "font:" + (r[5] ? 700 : 500) + " " + r[3] + "px 'Noto Sans CJK SC',sans-serif;" +
      "color:" + r[4] + ";text-shadow:" + halo;
    L.marker([r[0], r[1]], {icon: L.divIcon({html: d, className: "qm-label", iconSize: [0, 0]}),
                            interactive: false, keyboard: false}).addTo(map);
  });
})({{ this._parent.get_name() }}, {{ this.rows|tojson }}, {{ this.halo|tojson }});
{% endmacro %}"""
    )

    def __init__(self, rows: list[list]):
        super().__init__()
        self._name = "Labels"
        self.rows, self.halo = rows, style.LABEL_HALO


def label_rows(gdf, column: str, size: int, colour: str, bold: bool = False) -> list[list]:
    """Label rows at each feature's representative point."""
    rows = []
    for text, geom in zip(gdf[column], gdf.geometry):
        p = geom if geom.geom_type == "Point" else geom.representative_point()
        rows.append([round(p.y, 6), round(p.x, 6), str(text), size, colour, bold])
    return rows


def add_offline_base(m: folium.Map, frames: dict) -> list[list]:
    """Paper, hills, river, roads and railway; returns their label rows (add them last)."""
    m.add_child(Background(style.BACKGROUND))
    for name, st in LINES:
        folium.GeoJson(frames[name][["geometry"]], style_function=lambda _f, s=st: s,
                       interactive=False, smooth_factor=1, control=False).add_to(m)  # fmt: skip
    return [
        row
        for name, size, colour in LABELS
        for row in label_rows(frames[name], "name", size, colour)
    ]
