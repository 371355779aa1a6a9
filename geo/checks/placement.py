"""Where things are drawn, against the district outline, the report and context.md.

Run by ``python -m geo check``: the subdistrict inside the public 临淄区 outline, the 15 km
tourist road inside the subdistrict and on its side of the 淄河, heritage sites apart from the
hills context.md separates them from, each project site inside the village it is assigned to,
and a site the report leaves undecided without a place on the map. Areas in EPSG:4548.
"""

from __future__ import annotations

import geopandas as gpd

from geo.model import units
from geo.model.schema import SCHEMAS, is_unlocated

#: Share of the subdistrict that must lie inside the district outline.
MIN_INSIDE_DISTRICT = 0.99
#: Share of the tourist road's length that must lie inside the subdistrict.
MIN_ROAD_INSIDE = 0.999
#: Share of a project site (area) that must lie inside its assigned village.
MIN_SITE_IN_VILLAGE = 0.99
#: context.md: "四王冢 (a row of four tumuli ... east of 牛山 ...)": (site, hill) kept apart,
#: the site east of the hill.
EAST_OF_HILL = {"田齐王陵·四王冢": "牛山"}


def check_placement(frames: dict) -> list[tuple[str, str]]:
    """(check, message) for every placement problem; empty when all is well."""
    out = _district(frames) + _tourist_road(frames) + _heritage(frames)
    return out + _sites(frames)


def _proj(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    return gdf[gdf.geometry.notna()].to_crs(units.PROJECTED_CRS)


def _district(frames) -> list[tuple[str, str]]:
    if "district_outline" not in frames:
        return []
    sub = _proj(frames["boundary"]).union_all()
    district = _proj(frames["district_outline"]).union_all()
    share = sub.intersection(district).area / sub.area if sub.area else 0.0
    if share < MIN_INSIDE_DISTRICT:
        return [("placement", f"only {share:.1%} of the subdistrict lies inside the 临淄区 outline "
                              f"(at least {MIN_INSIDE_DISTRICT:.0%} required)")]  # fmt: skip
    return []


def _tourist_road(frames) -> list[tuple[str, str]]:
    sub = _proj(frames["boundary"]).union_all()
    river = _proj(frames["river"]).union_all() if "river" in frames else None
    out = []
    for _, r in _proj(frames["tourist_road"]).iterrows():
        inside = r.geometry.intersection(sub).length / r.geometry.length
        if inside < MIN_ROAD_INSIDE:
            out.append(("placement", f"tourist road {r['name']}: {1 - inside:.1%} of its "
                                     f"{r.geometry.length / 1000:.1f} km lies outside the subdistrict"))  # fmt: skip
        if river is not None and r.geometry.intersects(river):
            out.append(("placement", f"tourist road {r['name']} crosses the 淄河"))
    return out


def _heritage(frames) -> list[tuple[str, str]]:
    sites = _proj(frames["heritage_sites"]).set_index("name").geometry
    hills = _proj(frames["hills"]).set_index("name").geometry
    out = []
    for site_name, hill_name in EAST_OF_HILL.items():
        site = next((g for n, g in sites.items() if n == site_name), None)
        hill = hills[hill_name] if hill_name in hills.index else None
        if site is None or hill is None:
            continue
        if site.intersects(hill):
            out.append(("placement", f"{site_name} overlaps {hill_name} (context.md: east of it)"))
        elif site.bounds[0] <= hill.bounds[2]:
            out.append(("placement", f"{site_name} is not east of {hill_name} (context.md)"))
    return out


def _sites(frames) -> list[tuple[str, str]]:
    villages = _proj(frames["villages"]).set_index("name").geometry
    projects = frames["projects"]
    out = []
    for _, r in projects.iterrows():
        geom = r.geometry
        if is_unlocated(SCHEMAS["projects"], r):
            if geom is not None and not geom.is_empty:
                out.append(("placement", f"{r['project_id']}: site_undecided but drawn on the map"))
            continue
        village = r.get("village")
        if not isinstance(village, str) or village not in villages.index or geom is None:
            continue
        if geom.geom_type not in ("Point", "MultiPoint", "Polygon", "MultiPolygon"):
            continue  # roads and routes cross villages by nature
        site = units.to_projected(geom)
        cell = villages[village]
        share = site.intersection(cell).area / site.area if site.area else float(cell.covers(site))
        if share < MIN_SITE_IN_VILLAGE:
            out.append(("placement", f"{r['project_id']}: only {share:.1%} of the site lies in "
                                     f"{village}, the village it is assigned to"))  # fmt: skip
    return out
