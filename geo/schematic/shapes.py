"""Geometry helpers for the schematic (示意) layout: km grid to metres, scaling to reported sizes.

All shapes are built in EPSG:4548 metres and converted to lon/lat (6 decimals) at the end.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely
from shapely.affinity import scale
from shapely.geometry import LineString, MultiPoint, Point, Polygon, box
from shapely.ops import substring

from geo.model.units import M2_PER_MU, to_geographic, to_projected
from geo.schematic import layout as L

_ORIGIN = to_projected(Point(*L.ORIGIN))


def xy(x_km: float, y_km: float) -> tuple[float, float]:
    """Layout km to EPSG:4548 metres."""
    return (_ORIGIN.x + x_km * 1000, _ORIGIN.y + y_km * 1000)


def pt(p) -> Point:
    return Point(xy(*p))


def line(points) -> LineString:
    return LineString([xy(*p) for p in points])


def poly(points) -> Polygon:
    return Polygon([xy(*p) for p in points])


def ellipse(center, rx_km: float, ry_km: float) -> Polygon:
    circle = pt(center).buffer(1000, quad_segs=16)
    return scale(circle, rx_km, ry_km)


def scale_to_area(geom, area_m2: float):
    """Scale a polygon about its centroid to the given area (m²)."""
    f = (area_m2 / geom.area) ** 0.5
    return scale(geom, f, f, origin="centroid")


def scale_to_length(geom: LineString, length_m: float) -> LineString:
    """Scale a line about its first point to the given length (m)."""
    f = length_m / geom.length
    return scale(geom, f, f, origin=Point(geom.coords[0]))


def square(center_m: Point, area_m2: float) -> Polygon:
    half = area_m2**0.5 / 2
    return box(center_m.x - half, center_m.y - half, center_m.x + half, center_m.y + half)


def shrink_to_area(geom, area_m2: float):
    """A patch inside ``geom`` of the given area, by a bisected inward buffer."""
    if geom.area <= area_m2:
        raise ValueError(f"cannot fit {area_m2:.0f} m² in a shape of {geom.area:.0f} m²")
    lo, hi = 0.0, (geom.area**0.5)
    for _ in range(80):
        mid = (lo + hi) / 2
        if geom.buffer(-mid, quad_segs=4).area > area_m2:
            lo = mid
        else:
            hi = mid
    return geom.buffer(-(lo + hi) / 2, quad_segs=4)


def boundary() -> Polygon:
    """The subdistrict outline, scaled to the area context.md gives."""
    return scale_to_area(poly(L.BOUNDARY), L.BOUNDARY_KM2 * 1e6)


def scenic_area(outline: Polygon) -> Polygon:
    """马莲台景区 (schematic), kept inside the subdistrict outline."""
    return poly(L.SCENIC_AREA).intersection(outline)


def north_of_railway(p: Point) -> bool:
    """Whether a point lies north of the schematic railway (the northern demonstration zone)."""
    rail = line(L.RAILWAY)
    xs = [c[0] for c in rail.coords]
    if not xs[0] <= p.x <= xs[-1]:
        return False
    cut = rail.intersection(LineString([(p.x, p.y - 1e5), (p.x, p.y + 1e5)]))
    return p.y > cut.y


def village_seeds(outline: Polygon) -> list[tuple[str, Point, str]]:
    """Named seeds from the layout, then placeholder seeds by farthest-point sampling."""
    seeds = [
        (name, pt(p), L.NAME_SOURCE.get(name, "context")) for name, p in L.NAMED_VILLAGES.items()
    ]
    inner = outline.buffer(-350)
    minx, miny, maxx, maxy = inner.bounds
    grid = [
        Point(x, y)
        for x in np.arange(minx, maxx, 150.0)
        for y in np.arange(miny, maxy, 150.0)
        if inner.contains(Point(x, y))
    ]
    chosen = [s[1] for s in seeds]
    while len(chosen) < L.VILLAGE_COUNT:
        best = max(grid, key=lambda g: min(g.distance(c) for c in chosen))
        chosen.append(best)
        seeds.append((None, best, "placeholder"))
    return seeds


def village_cells(outline: Polygon, seeds) -> list[Polygon]:
    """Voronoi cells of the seeds clipped to the outline, in seed order."""
    points = MultiPoint([s[1] for s in seeds])
    cells = shapely.voronoi_polygons(points, extend_to=outline.buffer(5000)).geoms
    out = []
    for _, seed, _ in seeds:
        cell = next(c for c in cells if c.contains(seed))
        out.append(cell.intersection(outline))
    return out


def tourist_road() -> LineString:
    return scale_to_length(line(L.TOURIST_ROAD), L.TOURIST_ROAD_KM * 1000)


def lit_section(road: LineString) -> LineString:
    start = L.LIT_SECTION_START_KM * 1000
    return substring(road, start, start + L.LIT_SECTION_KM * 1000)


def solar_lamps(section: LineString) -> list[Point]:
    """The lamps evenly spaced along the lit section, both ends included."""
    step = section.length / (L.SOLAR_LAMPS - 1)
    return [section.interpolate(i * step) for i in range(L.SOLAR_LAMPS)]


def road_line(name: str) -> LineString:
    geom = line(L.ROADS[name])
    if name in L.ROAD_LENGTH_KM:
        geom = scale_to_length(geom, L.ROAD_LENGTH_KM[name] * 1000)
    return geom


def to_lonlat(geom):
    """EPSG:4548 to lon/lat, rounded to 6 decimals."""
    if not geom.area:
        return _round(geom)
    try:
        return shapely.set_precision(to_geographic(geom), 1e-6)
    except shapely.errors.GEOSException:
        # GEOS's snap-rounding fails on rare rings: round each point, then repair
        fixed = shapely.set_precision(to_geographic(geom), 1e-6, mode="pointwise")
        if not fixed.is_valid:
            fixed = shapely.transform(fixed.buffer(0), lambda a: np.round(a, 6))
        return fixed


def _round(geom):
    return shapely.transform(to_geographic(geom), lambda a: np.round(a, 6))


def split_largest_remainder(total: int, weights) -> list[int]:
    """Integers proportional to ``weights`` that sum exactly to ``total``."""
    w = np.asarray(weights, dtype=float)
    raw = total * w / w.sum()
    base = np.floor(raw).astype(int)
    order = np.argsort(-(raw - base), kind="stable")
    base[order[: total - base.sum()]] += 1
    return base.tolist()


def mu_to_m2(mu: float) -> float:
    return mu * M2_PER_MU


#: The value of every ``*_source`` column of generated geometry and values.
SCHEMATIC = "schematic"


def frame_of(rows: list[dict], geoms) -> gpd.GeoDataFrame:
    lonlat = [None if g is None else to_lonlat(g) for g in geoms]
    return gpd.GeoDataFrame(rows, geometry=lonlat, crs="EPSG:4326")


def village_of(geom, names: list[str], cells) -> str:
    """The village whose cell holds most of a geometry (its point on the surface)."""
    p = geom if geom.geom_type == "Point" else geom.representative_point()
    for name, cell in zip(names, cells):
        if cell.covers(p):
            return name
    raise ValueError("geometry outside every village")
