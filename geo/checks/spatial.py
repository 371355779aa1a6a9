"""Spatial-index operations for the checks: overlaps within a layer, overlaps with zones.

Both use a shapely STRtree (never all pairs) and work on projected geometries (metres).
``MemorySpatial`` runs them on the frames in memory; the PostGIS backend has an engine with the
same methods that runs them in the database (``geo.checks.postgis_spatial.PostgisSpatial``),
with the same results. Engines take frames whose index is the row position in the store's layer.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import shapely
from shapely import STRtree

from geo.model.units import PROJECTED_CRS


def overlapping_pairs(geoms, min_area_m2: float = 1.0, groups=None) -> list[tuple[int, int, float]]:
    """Pairs (i, j, area m²) of polygons that overlap by more than ``min_area_m2``.

    ``groups``: optional labels; pairs with the same label (one site, or parent and part)
    are skipped. Touching edges have zero overlap and are not reported.
    """
    geoms = np.asarray(geoms, dtype=object)
    tree = STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    keep = left < right
    left, right = left[keep], right[keep]
    if groups is not None:
        g = np.asarray(groups, dtype=object)
        same = g[left] == g[right]
        left, right = left[~same], right[~same]
    if len(left) == 0:
        return []
    areas = shapely.area(shapely.intersection(geoms[left], geoms[right]))
    hit = areas > min_area_m2
    return [(int(i), int(j), float(a)) for i, j, a in zip(left[hit], right[hit], areas[hit])]


def zone_overlaps(sites, zones) -> list[tuple[int, int, float]]:
    """(site index, zone index, overlap m²) for every site that meets a zone.

    Point sites inside a zone get an area of 0 (the site itself has no area).
    """
    sites = np.asarray(sites, dtype=object)
    zones = np.asarray(zones, dtype=object)
    shapely.prepare(zones)
    tree = STRtree(zones)
    s_idx, z_idx = tree.query(sites, predicate="intersects")
    if len(s_idx) == 0:
        return []
    # A site wholly inside its zone overlaps by its own area: skip the costly intersection.
    inside = shapely.contains_properly(zones[z_idx], sites[s_idx])
    areas = shapely.area(sites[s_idx])
    edge = ~inside
    areas[edge] = shapely.area(shapely.intersection(sites[s_idx][edge], zones[z_idx][edge]))
    return [(int(s), int(z), float(a)) for s, z, a in zip(s_idx, z_idx, areas)]


def naive_overlapping_pairs(geoms, min_area_m2: float = 1.0) -> list[tuple[int, int, float]]:
    """The same as overlapping_pairs by testing every pair (a baseline for benchmarks only)."""
    out = []
    n = len(geoms)
    for i in range(n):
        a = geoms[i]
        for j in range(i + 1, n):
            if a.intersects(geoms[j]):
                area = a.intersection(geoms[j]).area
                if area > min_area_m2:
                    out.append((i, j, area))
    return out


class MemorySpatial:
    """The in-memory engine: the frames' geometries in EPSG:4548, an STRtree, shapely (GEOS)."""

    name = "memory"

    def overlaps(self, layer: str, frame, groups=None, min_area_m2: float = 1.0):
        """``overlapping_pairs`` of a layer's rows (positions in ``frame``), sorted."""
        if frame.empty:
            return []
        proj = frame.geometry.to_crs(PROJECTED_CRS).values
        return sorted(overlapping_pairs(proj, min_area_m2, groups))

    def zone_overlaps(self, site_layer: str, sites, zone_layer: str, zones):
        """``zone_overlaps`` of sites against zones (positions in the frames), sorted."""
        if sites.empty or zones.empty:
            return []
        proj = (f.geometry.to_crs(PROJECTED_CRS).values for f in (sites, zones))
        return sorted(zone_overlaps(*proj))

    def areas_m2(self, layer: str, frame) -> pd.Series:
        """Area in m² (EPSG:4548) of every row, indexed like ``frame``."""
        return frame.geometry.to_crs(PROJECTED_CRS).area


MEMORY = MemorySpatial()
