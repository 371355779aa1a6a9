"""The checks' spatial work in PostGIS: overlaps, zone intersections and areas in EPSG:4548.

``PostgisSpatial`` has the methods of the in-memory engine (``geo.checks.spatial.
MemorySpatial``) and gives the same results: the selected records are projected to EPSG:4548 into
a temporary table with a GiST index (as the STRtree indexes the projected geometries), pairs
are found with ``ST_Intersects`` and measured with ``ST_Area(ST_Intersection(…))`` (GEOS, as
shapely). It answers for the frames it was made with: when the store has a newer revision than
those frames, or a frame's rows are not the layer's records, it computes in memory instead.
"""

from __future__ import annotations

import pandas as pd

from geo.checks.spatial import MEMORY
from geo.model.units import PROJECTED_CRS
from geo.store.postgis import PostgisStore

SRID = int(PROJECTED_CRS.split(":")[1])

_SELECT = """CREATE TEMP TABLE {name} ON COMMIT DROP AS
  SELECT u.i::int - 1 AS i, u.grp, ST_Transform(r.geom, {srid}) AS g
  FROM unnest(%s::text[], %s::text[]) WITH ORDINALITY AS u(rid, grp, i)
  JOIN records r ON r.layer = %s AND r.rid = u.rid"""
_OVERLAPS = """SELECT a.i, b.i, ST_Area(ST_Intersection(a.g, b.g)) AS area
  FROM sel_a a JOIN sel_a b ON a.i < b.i AND a.g && b.g AND ST_Intersects(a.g, b.g)
  WHERE a.grp IS NULL OR a.grp IS DISTINCT FROM b.grp"""
_ZONES = """SELECT s.i, z.i, CASE WHEN ST_ContainsProperly(z.g, s.g) THEN ST_Area(s.g)
    ELSE ST_Area(ST_Intersection(s.g, z.g)) END
  FROM sel_a s JOIN sel_b z ON s.g && z.g AND ST_Intersects(s.g, z.g)"""


class PostgisSpatial:
    """The spatial engine of a PostGIS store, for frames read from it at ``revision``."""

    name = "postgis"

    def __init__(self, store: PostgisStore, revision: int):
        self.store, self.revision = store, revision

    def _rids(self, layer: str, frame) -> list[str] | None:
        """The record ids of ``frame``'s rows (index = positions in the layer), or None."""
        ids = self.store.record_ids(layer)
        if not all(isinstance(i, int) and 0 <= i < len(ids) for i in frame.index.tolist()):
            return None
        return [ids[i] for i in frame.index.tolist()]

    def _query(self, parts: list[tuple[str, list[str], list | None]], sql: str, args=()):
        """Select each (layer, rids, groups) into sel_a, sel_b …, run ``sql``; None when stale."""
        with self.store._connect() as conn, conn.transaction():
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            if (
                conn.execute("SELECT COALESCE(MAX(id), 0) FROM commits").fetchone()[0]
                != self.revision
            ):
                return None
            for name, (layer, rids, groups) in zip(("sel_a", "sel_b"), parts):
                grp = (
                    [None if g is None else str(g) for g in groups]
                    if groups
                    else [None] * len(rids)
                )
                n = conn.execute(_SELECT.format(name=name, srid=SRID), (rids, grp, layer)).rowcount
                if n != len(rids):
                    return None
                conn.execute(f"CREATE INDEX ON {name} USING gist (g)")
                conn.execute(f"ANALYZE {name}")
            return conn.execute(sql, args).fetchall()

    def overlaps(self, layer: str, frame, groups=None, min_area_m2: float = 1.0):
        rids = self._rids(layer, frame)
        rows = None
        if rids:
            rows = self._query([(layer, rids, groups)], _OVERLAPS)
        if rows is None:
            return MEMORY.overlaps(layer, frame, groups, min_area_m2)
        return sorted((int(i), int(j), float(a)) for i, j, a in rows if a > min_area_m2)

    def zone_overlaps(self, site_layer: str, sites, zone_layer: str, zones):
        site_ids, zone_ids = self._rids(site_layer, sites), self._rids(zone_layer, zones)
        rows = None
        if site_ids and zone_ids:
            rows = self._query([(site_layer, site_ids, None), (zone_layer, zone_ids, None)], _ZONES)
        if rows is None:
            return MEMORY.zone_overlaps(site_layer, sites, zone_layer, zones)
        return sorted((int(s), int(z), float(a)) for s, z, a in rows)

    def areas_m2(self, layer: str, frame) -> pd.Series:
        rids = self._rids(layer, frame)
        rows = None
        if rids:
            rows = self._query([(layer, rids, None)], "SELECT i, ST_Area(g) FROM sel_a")
        if rows is None:
            return MEMORY.areas_m2(layer, frame)
        areas = {i: float("nan") if a is None else float(a) for i, a in rows}  # None: no site yet
        return pd.Series([areas[i] for i in range(len(rids))], index=frame.index)


def spatial_engine(store, revision: int):
    """The engine for frames read from ``store`` at ``revision`` (in memory unless PostGIS)."""
    return PostgisSpatial(store, revision) if isinstance(store, PostgisStore) else MEMORY
