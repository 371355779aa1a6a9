"""What a map shows: its overlays and the options a page chooses (language, basemap, year…)."""

from __future__ import annotations

from dataclasses import dataclass, field

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
    search: bool = True
    fill_frame: bool = False  # the map fills its frame's height (the page sizes the frame)
    fit: object = None  # a (minx, miny, maxx, maxy) box to show instead of the whole subdistrict
