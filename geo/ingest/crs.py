"""Which coordinate system an uploaded file uses, and whether its points look GCJ-02/BD-09 shifted.

The CRS comes from the file (``.prj``, GeoPackage, GeoJSON ``crs``) or, when missing, from the
coordinate ranges: degrees are EPSG:4326 (CGCS2000 EPSG:4490 is treated as the same); an
easting with a zone prefix names a CGCS2000 Gauss-Krüger zone (3° zones 25–45, 6° zones 13–23);
plain metres are tried in each CRS that covers the subdistrict (3° CM 117E/120E, UTM 50N/51N)
and the one that lands on it wins. Detection only suggests; the user decides.

Whether longitude/latitude are WGS 84 or a shifted Chinese web-map datum (GCJ-02 of 高德/腾讯,
BD-09 of 百度) is decided from the data, never from a file or column name: the features are
converted from each candidate datum to WGS 84 and compared with the subdistrict's own layers —
distance to known features of the same name where names match, else the distance to the
nearest known point feature (a re-export of our own features), else the share that falls
inside the subdistrict. When no candidate is clearly better the answer is ``None``: the editor
states the source or picks one of the placements shown side by side on the preview map.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS, Transformer

from geo.model import coords, units
from geo.model.errors import DataError

GEOGRAPHIC = 4326
#: Projected systems without zone prefix around the subdistrict; 4509 (6° CM 117E) equals 4548.
UNPREFIXED = (4548, 4549, 32650, 32651, 4509)
#: Offered in the CRS chooser besides the detected one.
COMMON = (4326, 4490, 4548, 4549, 4527, 4528, 4498, 4509, 32650, 32651)
#: Known features used to spot a datum shift: layer -> name column.
NAMED_LAYERS = {"projects": "name", "villages": "name", "meal_points": "name", "pois": "name",
                "heritage_sites": "name", "demo_zones": "name"}  # fmt: skip
#: A datum is chosen when it halves the distance to known features and saves this much.
MIN_GAIN_M = 100.0
#: Nearest-feature alignment counts only when the best datum lands this close (a re-export).
NEAREST_MAX_M = 60.0
#: What the editor may state about the file's source, and the datum each one means.
SOURCES = {"gps": "wgs84", "phone": "gcj02", "baidu": "bd09", "unsure": None}


@dataclass(frozen=True)
class CrsGuess:
    """The CRS to read a file in, how it was found, and what else it could be."""

    crs: CRS
    basis: str  # file, range, kml
    alternatives: tuple[int, ...] = ()
    distance_km: float | None = None  # from the subdistrict once reprojected
    swapped: bool = False  # latitude/longitude columns given the wrong way round

    @property
    def epsg(self) -> int | None:
        return self.crs.to_epsg(min_confidence=70)

    def label(self) -> str:
        code = self.epsg
        return f"EPSG:{code} {self.crs.name}" if code else self.crs.name


def crs_label(code: int) -> str:
    """``EPSG:4548 CGCS2000 / 3-degree Gauss-Kruger CM 117E``."""
    return f"EPSG:{code} {CRS.from_epsg(code).name}"


def _centre_km(bounds, crs: CRS, reference: tuple[float, float]) -> float:
    x, y = (bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2
    lon, lat = Transformer.from_crs(crs, GEOGRAPHIC, always_xy=True).transform(x, y)
    if not (np.isfinite(lon) and np.isfinite(lat)):
        return float("inf")
    return coords.haversine_m(lon, lat, *reference) / 1000


def _range_candidates(bounds) -> tuple[list[int], bool]:
    minx, miny, maxx, maxy = bounds
    if -180 <= minx and maxx <= 180 and -90 <= miny and maxy <= 90:
        swapped = 3 <= minx and maxx <= 54 and 73 <= miny and maxy <= 136
        return [GEOGRAPHIC], swapped
    if 1e7 <= minx and maxx < 1e8 and 0 < miny < 1e7:
        zone = int(minx // 1e6)
        if 25 <= zone <= 45:
            return [4513 + zone - 25], False
        if 13 <= zone <= 23:
            return [4491 + zone - 13], False
    if 0 < minx and maxx < 1e6 and 0 < miny and maxy < 1e7:
        return list(UNPREFIXED), False
    return [], False


def detect_crs(file_crs: CRS | None, bounds, reference: tuple[float, float]) -> CrsGuess:
    """The CRS of coordinates with ``bounds``: the file's, else guessed from the ranges."""
    if not np.all(np.isfinite(bounds)):
        raise DataError("no_coordinates")
    if file_crs is not None:
        return CrsGuess(file_crs, "file", (), _centre_km(bounds, file_crs, reference))
    codes, swapped = _range_candidates(bounds)
    if not codes:
        raise DataError(
            "unknown_crs",
            msg=f"x {bounds[0]:.0f}…{bounds[2]:.0f}, y {bounds[1]:.0f}…{bounds[3]:.0f}",
        )
    if swapped:
        bounds = (bounds[1], bounds[0], bounds[3], bounds[2])
    ranked = sorted(codes, key=lambda c: _centre_km(bounds, CRS.from_epsg(c), reference))
    best = CRS.from_epsg(ranked[0])
    return CrsGuess(best, "range", tuple(ranked[1:]), _centre_km(bounds, best, reference), swapped)


def to_wgs84(
    gdf: gpd.GeoDataFrame, crs: CRS | int | str, swapped: bool = False
) -> gpd.GeoDataFrame:
    """``gdf`` (coordinates in ``crs``) in EPSG:4326, x/y swapped first if asked."""
    out = gdf.copy()
    if swapped:
        out = out.set_geometry(_transform_all(out.geometry, lambda x, y: (y, x)))
    out = out.set_crs(crs, allow_override=True)
    return out.to_crs(GEOGRAPHIC)


@dataclass(frozen=True)
class DatumSuggestion:
    """Which datum the coordinates are in (wgs84 = no correction; None = cannot tell) and why."""

    datum: str | None
    basis: str  # names, nearest, boundary, projected, none
    scores: dict[str, float]  # names/nearest: median metres; boundary: share inside
    matched: int = 0


def apply_datum(gdf: gpd.GeoDataFrame, datum: str) -> gpd.GeoDataFrame:
    """Coordinates read as ``datum`` (gcj02, bd09) converted to WGS 84; wgs84 unchanged."""
    if datum == "wgs84":
        return gdf
    return gdf.set_geometry(_transform_all(gdf.geometry, coords.CONVERTERS[(datum, "wgs84")]))


def _transform_all(geoms: gpd.GeoSeries, func) -> list:
    """``func(x, y)`` applied to every vertex of every geometry in one vectorised call."""

    def apply(xy: np.ndarray) -> np.ndarray:
        out = xy.copy()
        out[:, 0], out[:, 1] = func(xy[:, 0], xy[:, 1])
        return out

    return list(shapely.transform(np.asarray(geoms.values, dtype=object), apply))


def _known(frames: dict) -> pd.Series:
    parts = [frames[k].set_index(col).geometry for k, col in NAMED_LAYERS.items() if k in frames]
    known = pd.concat(parts) if parts else pd.Series(dtype=object)
    known.index = [str(i).strip() for i in known.index]
    return known[~known.index.duplicated()]


def _median_m(points: gpd.GeoSeries, targets: list) -> float:
    a = points.to_crs(units.PROJECTED_CRS).reset_index(drop=True)
    b = gpd.GeoSeries(targets, crs=GEOGRAPHIC).to_crs(units.PROJECTED_CRS)
    return float(np.median(a.distance(b)))


def _clear_min(scores: dict[str, float]) -> str | None:
    """The datum with the smallest distance if it halves the next one and saves ``MIN_GAIN_M``."""
    ranked = sorted(scores, key=scores.get)
    best, second = scores[ranked[0]], scores[ranked[1]]
    return ranked[0] if best < second / 2 and second - best > MIN_GAIN_M else None


def _point_layers(frames: dict) -> gpd.GeoSeries:
    parts = [frames[k].geometry for k in NAMED_LAYERS if k in frames and len(frames[k])]
    geoms = pd.concat(parts) if parts else gpd.GeoSeries(dtype=object)
    return gpd.GeoSeries(geoms[geoms.geom_type == "Point"].values, crs=GEOGRAPHIC)


def _nearest_m(points: gpd.GeoSeries, known: gpd.GeoSeries) -> float:
    a = gpd.GeoDataFrame(geometry=points.to_crs(units.PROJECTED_CRS).values)
    b = gpd.GeoDataFrame(geometry=known.to_crs(units.PROJECTED_CRS).values)
    joined = gpd.sjoin_nearest(a, b, distance_col="d")
    return float(joined.groupby(level=0)["d"].min().median())


def suggest_datum(gdf: gpd.GeoDataFrame, frames: dict,
                  names: pd.Series | None = None) -> DatumSuggestion:  # fmt: skip
    """Which datum the WGS 84-read points of ``gdf`` are in, judged from the data alone."""
    pts = gdf.geometry.map(lambda g: None if g is None or g.is_empty else g.representative_point())
    ok = pts.notna().to_numpy()
    shifted = {
        d: apply_datum(gpd.GeoDataFrame(geometry=pts[ok], crs=GEOGRAPHIC), d).geometry
        for d in coords.DATUMS
    }
    known = _known(frames)
    if names is not None and len(known):
        keys = [str(n).strip() for n in names[ok]]
        hit = [k in known.index for k in keys]
        if any(hit):
            targets = [known[k] for k, h in zip(keys, hit) if h]
            scores = {d: _median_m(s[hit], targets) for d, s in shifted.items()}
            if (best := _clear_min(scores)) is not None:
                return DatumSuggestion(best, "names", scores, sum(hit))
    known_points = _point_layers(frames)
    if len(known_points) and ok.any():
        scores = {d: _nearest_m(s, known_points) for d, s in shifted.items()}
        best = _clear_min(scores)
        if best is not None and scores[best] <= NEAREST_MAX_M:
            return DatumSuggestion(best, "nearest", scores)
    if "boundary" in frames and len(frames["boundary"]):
        area = (
            frames["boundary"].to_crs(units.PROJECTED_CRS).buffer(50).to_crs(GEOGRAPHIC).union_all()
        )
        scores = {d: float(s.within(area).mean()) if len(s) else 0.0 for d, s in shifted.items()}
        ranked = sorted(scores, key=scores.get, reverse=True)
        if scores[ranked[0]] - scores[ranked[1]] >= 0.2:
            return DatumSuggestion(ranked[0], "boundary", scores)
        return DatumSuggestion(None, "boundary", scores)
    return DatumSuggestion(None, "none", {})


def resolve_datum(stated: str | None, detected: DatumSuggestion | None) -> str | None:
    """The datum to use: what the editor stated, else a clear detection, else None (ask)."""
    if stated in SOURCES and SOURCES[stated]:
        return SOURCES[stated]
    return detected.datum if detected is not None else None
