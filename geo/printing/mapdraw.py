"""The one-map drawn on a matplotlib Axes in metres (vector, north up), like the web map.

Same layers, colours and 示意 marks as ``geo.maps.mapping``; labels are placed greedily in
order of importance and a label that would overlap one already placed is left out.
"""

from __future__ import annotations

import geopandas as gpd

from geo.maps import style
from geo.printing import maplayers
from geo.printing.fonts import CJKFont, advance_pt, stroked_text
from geo.printing.maplayers import METRIC_CRS, MapSpec


class Labeler:
    """Places text labels without overlaps (boxes measured in points on the page)."""

    def __init__(self, ax, font: CJKFont) -> None:
        self.ax, self.font, self.boxes = ax, font, []
        x0, x1 = ax.get_xlim()
        bbox = ax.get_position(original=True)
        width_pt = bbox.width * ax.figure.get_figwidth() * 72
        self.pt_per_m = width_pt / (x1 - x0)
        y0, y1 = ax.get_ylim()
        w, h = x1 - x0, y1 - y0
        # corners kept free for the 示意 stamp, the north arrow and the scale bar
        self.reserved = [(x0, y1 - 0.09 * h, x0 + 0.5 * w, y1), (x1 - 0.1 * w, y1 - 0.16 * h, x1, y1),
                         (x0, y0, x0 + 0.32 * w, y0 + 0.1 * h)]  # fmt: skip

    def add(self, x: float, y: float, text: str, size: float, colour: str = "#333",
            bold: bool = False, force: bool = False) -> bool:  # fmt: skip
        text = self.font.clean(text)
        w = sum(advance_pt(self.font, c) for c in text) * size / self.pt_per_m
        h = size * 1.25 / self.pt_per_m
        box = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
        x0, x1 = self.ax.get_xlim()
        y0, y1 = self.ax.get_ylim()
        inside = box[0] >= x0 and box[2] <= x1 and box[1] >= y0 and box[3] <= y1
        if not force and (not inside or any(_overlap(box, b) for b in self.boxes + self.reserved)):
            return False
        self.boxes.append(box)
        stroked_text(self.ax, x, y, text, size, colour, bold, halo=True, ha="center", va="center",
                     family=self.font.family, zorder=30, clip_on=True)  # fmt: skip
        return True


def _overlap(a, b) -> bool:
    return not (a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1])


def frame_axes(ax, box: tuple[float, float, float, float]) -> None:
    """Show ``box`` (metres) filling the axes at true scale (the box grows to the axes' shape)."""
    pos = ax.get_position(original=True)
    fig_w, fig_h = ax.figure.get_size_inches()
    aspect = (pos.width * fig_w) / (pos.height * fig_h)
    minx, miny, maxx, maxy = box
    cx, cy, w, h = (minx + maxx) / 2, (miny + maxy) / 2, maxx - minx, maxy - miny
    w, h = max(w, h * aspect), max(h, w / aspect)
    ax.set_xlim(cx - w / 2, cx + w / 2)
    ax.set_ylim(cy - h / 2, cy + h / 2)
    ax.set_aspect("equal", adjustable="box")
    ax.set_facecolor(style.BACKGROUND)
    ax.set_xlabel("")
    ax.set_ylabel("")
    for s in ax.spines.values():
        s.set_linewidth(0.8)


def draw_base(ax, pf: dict) -> None:
    """The offline basemap: hills, river, roads and railway."""
    pf["hills"].plot(ax=ax, color=style.HILL_FILL, linewidth=0, alpha=0.8, zorder=1)
    pf["river"].plot(ax=ax, color=style.RIVER, linewidth=2.2, zorder=2)
    pf["roads"].plot(ax=ax, color=style.ROAD_CASING, linewidth=2.6, zorder=2)
    pf["roads"].plot(ax=ax, color=style.ROAD, linewidth=1.6, zorder=2)
    pf["railway"].plot(ax=ax, color=style.RAILWAY, linewidth=2.0, zorder=2)
    pf["railway"].plot(ax=ax, color="white", linewidth=1.0, linestyle=(0, (4, 4)), zorder=2)


def base_labels(pf: dict, labeler: Labeler, size: float) -> None:
    """Names of hills, river, railway and roads."""
    for key, colour in (
        ("hills", "#7a5c2e"),
        ("river", "#2b6cb0"),
        ("railway", "#333"),
        ("roads", "#555"),
    ):
        for name, geom in zip(pf[key]["name"], pf[key].geometry):
            p = geom.representative_point()
            labeler.add(p.x, p.y, name, size * 0.95, colour)  # fmt: skip


def draw_map(ax, pf: dict, spec: MapSpec, font: CJKFont, box=None) -> list:
    """Every chosen layer on ``ax``; returns the legend as [(title, [(kind, colour, text)])]."""
    draw_base(ax, pf)
    legend: list = []
    for key in maplayers.ORDER:
        if key in spec.overlays or (key == "villages" and spec.focus):
            maplayers.DRAW[key](ax, pf, spec, legend)
    for geom in spec.highlight:
        gpd.GeoSeries([geom], crs=METRIC_CRS).plot(ax=ax, facecolor="none", edgecolor=style.SELECTION,
                                                   linewidth=3, zorder=25)  # fmt: skip
    frame_axes(ax, box if box is not None else pf["boundary"].total_bounds)
    labeler = Labeler(ax, font)
    _village_labels(pf, spec, labeler)
    if spec.base_labels:
        base_labels(pf, labeler, spec.label_size)
    return legend


def _village_labels(pf: dict, spec: MapSpec, labeler: Labeler) -> None:
    if "villages" not in spec.overlays and not spec.focus:
        return
    v = pf["villages"]
    order = sorted(range(len(v)), key=lambda i: v["code"].iloc[i] != spec.focus)
    for i in order:
        focus = v["code"].iloc[i] == spec.focus
        p = v.geometry.iloc[i].representative_point()
        size = spec.label_size * (1.5 if focus else 1.0)
        labeler.add(p.x, p.y, v["name"].iloc[i], size, "#111" if focus else "#3d3d3d", bold=focus,
                    force=focus)  # fmt: skip
