"""Colours and symbols: one palette for map, legend and charts (readable on a projector)."""

from __future__ import annotations

CATEGORY_COLORS = {
    "east_new_town": "#1f77b4",
    "back_garden": "#2ca02c",
    "emerging_industry": "#d62728",
    "rural_revitalization": "#ff7f0e",
    "livelihood": "#9467bd",
    "governance": "#8c564b",
}
ROUTE_COLORS = {"route1": "#6a3d9a", "route2": "#b15928", "route3": "#e31a1c"}
DEMO_ZONE_COLORS = {"north": "#8e44ad", "south": "#16a085", "east": "#d35400"}
ZONE_COLORS = {"basic_farmland": "#c9b458", "heritage": "#a93226", "scenic_core": "#117a65"}
#: Sequential ramp for village choropleths (light → dark green), colour-blind safe.
RAMP = ["#f7fcf5", "#c7e9c0", "#74c476", "#31a354", "#006d2c"]
NO_DATA = "#e8e4da"
SELECTION = "#00e5ff"

BACKGROUND = "#f4f1e8"
HILL_FILL = "#e3d5b8"
RIVER = "#6fa8dc"
ROAD = "#ffffff"
ROAD_CASING = "#9e9e9e"
RAILWAY = "#555555"
DISTRICT = "#5c6bc0"  # the 临淄区 reference outline
BOUNDARY = "#444444"
LABEL_HALO = "0 0 3px #fff, 0 0 3px #fff, 0 0 3px #fff"


def ramp_color(value: float | None, breaks: list[float]) -> str:
    """The ramp colour of a value given ascending class breaks (len(RAMP) - 1 of them)."""
    if value is None or value != value:
        return NO_DATA
    for colour, upper in zip(RAMP, breaks):
        if value <= upper:
            return colour
    return RAMP[-1]


def class_breaks(values: list[float], classes: int = len(RAMP)) -> list[float]:
    """Equal-count (quantile) upper bounds for the first ``classes - 1`` classes."""
    vals = sorted(v for v in values if v is not None and v == v)
    if not vals:
        return []
    return [vals[min(len(vals) - 1, (len(vals) * k) // classes)] for k in range(1, classes)]
