"""Datum conversions between WGS-84, GCJ-02 (Amap/Tencent) and BD-09 (Baidu).

Chinese web maps publish tiles in obfuscated datums, so survey data (WGS-84) has
to be shifted by a few hundred metres before it lines up with their basemaps.
Every converter takes ``(lon, lat)`` as floats or numpy arrays and returns the
same kind: a tuple of floats, or a tuple of float arrays.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import shapely
from numpy.typing import ArrayLike

Converter = Callable[[Any, Any], tuple[Any, Any]]

# Krasovsky 1940 ellipsoid, which the GCJ-02 algorithm is defined on.
_A = 6378245.0
_EE = 0.00669342162296594323
_X_PI = np.pi * 3000.0 / 180.0
EARTH_RADIUS_M = 6371008.8  # IUGG mean radius
# 1e-9 degrees is ~0.1 mm on the ground: far below any map's resolution.
_INVERSE_TOL_DEG = 1e-9
_INVERSE_MAX_ITER = 30


def _to_arrays(lon: ArrayLike, lat: ArrayLike) -> tuple[np.ndarray, np.ndarray, bool]:
    """Broadcast inputs to float arrays and remember whether they were scalars."""
    scalar = np.ndim(lon) == 0 and np.ndim(lat) == 0
    x, y = np.broadcast_arrays(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
    return x, y, scalar


def _from_arrays(x: np.ndarray, y: np.ndarray, scalar: bool) -> tuple[Any, Any]:
    """Return plain floats for scalar input, arrays otherwise."""
    if scalar:
        return float(x), float(y)
    return x, y


def out_of_china(lon: ArrayLike, lat: ArrayLike) -> Any:
    """True where (lon, lat) lies outside the rough China bounding box GCJ-02 applies to."""
    x, y, scalar = _to_arrays(lon, lat)
    outside = (x < 72.004) | (x > 137.8347) | (y < 0.8293) | (y > 55.8271)
    return bool(outside) if scalar else outside


def _transform_lat(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """GCJ-02 latitude perturbation polynomial (metres-ish units, pre-scaling)."""
    ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x))
    ret += (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
    ret += (20.0 * np.sin(y * np.pi) + 40.0 * np.sin(y / 3.0 * np.pi)) * 2.0 / 3.0
    ret += (160.0 * np.sin(y / 12.0 * np.pi) + 320.0 * np.sin(y / 30.0 * np.pi)) * 2.0 / 3.0
    return ret


def _transform_lon(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """GCJ-02 longitude perturbation polynomial (metres-ish units, pre-scaling)."""
    ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x))
    ret += (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
    ret += (20.0 * np.sin(x * np.pi) + 40.0 * np.sin(x / 3.0 * np.pi)) * 2.0 / 3.0
    ret += (150.0 * np.sin(x / 12.0 * np.pi) + 300.0 * np.sin(x / 30.0 * np.pi)) * 2.0 / 3.0
    return ret


def _wgs_to_gcj_raw(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Apply the GCJ-02 offset everywhere, ignoring the China bounding box."""
    dlat = _transform_lat(x - 105.0, y - 35.0)
    dlon = _transform_lon(x - 105.0, y - 35.0)
    rad_lat = np.radians(y)
    magic = 1.0 - _EE * np.sin(rad_lat) ** 2
    sqrt_magic = np.sqrt(magic)
    # Scale the polynomial "metres" to degrees on the Krasovsky ellipsoid.
    dlat = dlat * 180.0 / ((_A * (1.0 - _EE)) / (magic * sqrt_magic) * np.pi)
    dlon = dlon * 180.0 / (_A / sqrt_magic * np.cos(rad_lat) * np.pi)
    return x + dlon, y + dlat


def _gcj_to_bd_raw(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Standard BD-09 forward formula on arrays."""
    z = np.hypot(x, y) + 0.00002 * np.sin(y * _X_PI)
    theta = np.arctan2(y, x) + 0.000003 * np.cos(x * _X_PI)
    return z * np.cos(theta) + 0.0065, z * np.sin(theta) + 0.006


def _bd_to_gcj_approx(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Standard closed-form BD-09 inverse (off by a few cm); used as the first guess."""
    x, y = x - 0.0065, y - 0.006
    z = np.hypot(x, y) - 0.00002 * np.sin(y * _X_PI)
    theta = np.arctan2(y, x) - 0.000003 * np.cos(x * _X_PI)
    return z * np.cos(theta), z * np.sin(theta)


def _invert(
    forward: Converter, tx: np.ndarray, ty: np.ndarray, x: np.ndarray, y: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Solve forward(x, y) == (tx, ty) by fixed-point iteration from guess (x, y)."""
    # The offsets change by < 1% per unit moved, so x <- x + (target - forward(x))
    # contracts ~100x per step and reaches 1e-9 degrees in a handful of rounds.
    for _ in range(_INVERSE_MAX_ITER):
        fx, fy = forward(x, y)
        dx, dy = tx - fx, ty - fy
        x, y = x + dx, y + dy
        # NaN compares False, so bad inputs cannot keep the loop alive.
        if not np.any((np.abs(dx) >= _INVERSE_TOL_DEG) | (np.abs(dy) >= _INVERSE_TOL_DEG)):
            break
    return x, y


def wgs84_to_gcj02(lon: ArrayLike, lat: ArrayLike) -> tuple[Any, Any]:
    """Convert WGS-84 to GCJ-02; points outside China are returned unchanged."""
    x, y, scalar = _to_arrays(lon, lat)
    gx, gy = _wgs_to_gcj_raw(x, y)
    outside = out_of_china(x, y)
    return _from_arrays(np.where(outside, x, gx), np.where(outside, y, gy), scalar)


def gcj02_to_wgs84(lon: ArrayLike, lat: ArrayLike) -> tuple[Any, Any]:
    """Convert GCJ-02 to WGS-84 by exact iterative inversion; outside China unchanged."""
    x, y, scalar = _to_arrays(lon, lat)
    wx, wy = _invert(_wgs_to_gcj_raw, x, y, x, y)
    outside = out_of_china(x, y)
    return _from_arrays(np.where(outside, x, wx), np.where(outside, y, wy), scalar)


def gcj02_to_bd09(lon: ArrayLike, lat: ArrayLike) -> tuple[Any, Any]:
    """Convert GCJ-02 to BD-09 (Baidu) with the standard formula."""
    x, y, scalar = _to_arrays(lon, lat)
    return _from_arrays(*_gcj_to_bd_raw(x, y), scalar)


def bd09_to_gcj02(lon: ArrayLike, lat: ArrayLike) -> tuple[Any, Any]:
    """Convert BD-09 to GCJ-02, refining the standard formula to an exact inverse."""
    x, y, scalar = _to_arrays(lon, lat)
    # The closed form leaves a few cm of error; a few fixed-point rounds remove it so
    # that bd09 -> gcj02 -> bd09 round-trips to well under a millimetre.
    gx, gy = _invert(_gcj_to_bd_raw, x, y, *_bd_to_gcj_approx(x, y))
    return _from_arrays(gx, gy, scalar)


def wgs84_to_bd09(lon: ArrayLike, lat: ArrayLike) -> tuple[Any, Any]:
    """Convert WGS-84 to BD-09 via GCJ-02."""
    return gcj02_to_bd09(*wgs84_to_gcj02(lon, lat))


def bd09_to_wgs84(lon: ArrayLike, lat: ArrayLike) -> tuple[Any, Any]:
    """Convert BD-09 to WGS-84 via GCJ-02."""
    return gcj02_to_wgs84(*bd09_to_gcj02(lon, lat))


DATUMS = ("wgs84", "gcj02", "bd09")

CONVERTERS: dict[tuple[str, str], Converter] = {
    ("wgs84", "gcj02"): wgs84_to_gcj02,
    ("gcj02", "wgs84"): gcj02_to_wgs84,
    ("gcj02", "bd09"): gcj02_to_bd09,
    ("bd09", "gcj02"): bd09_to_gcj02,
    ("wgs84", "bd09"): wgs84_to_bd09,
    ("bd09", "wgs84"): bd09_to_wgs84,
}


def convert(lon: ArrayLike, lat: ArrayLike, src: str, dst: str) -> tuple[Any, Any]:
    """Convert (lon, lat) from datum ``src`` to datum ``dst`` (wgs84, gcj02 or bd09)."""
    key = (str(src).strip().lower(), str(dst).strip().lower())
    for name, given in zip(key, (src, dst), strict=True):
        if name not in DATUMS:
            raise ValueError(f"unknown datum {given!r}; expected one of {', '.join(DATUMS)}")
    if key[0] == key[1]:
        return _from_arrays(*_to_arrays(lon, lat))
    return CONVERTERS[key](lon, lat)


def transform_geometry(geom: shapely.Geometry, func: Converter) -> shapely.Geometry:
    """Return a copy of ``geom`` with ``func(lon, lat)`` applied to every vertex."""

    def _apply(coords: np.ndarray) -> np.ndarray:
        out = coords.copy()  # keeps a z column, if any, untouched
        out[:, 0], out[:, 1] = func(coords[:, 0], coords[:, 1])
        return out

    # include_z=None keeps 3-D geometries 3-D instead of silently dropping z.
    return shapely.transform(geom, _apply, include_z=None)


def haversine_m(lon1: ArrayLike, lat1: ArrayLike, lon2: ArrayLike, lat2: ArrayLike) -> Any:
    """Great-circle distance in metres on a sphere of radius 6371008.8 m."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dphi = p2 - p1
    dlmb = np.radians(np.asarray(lon2, dtype=float) - np.asarray(lon1, dtype=float))
    h = np.sin(dphi / 2.0) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlmb / 2.0) ** 2
    d = 2.0 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
    return float(d) if np.ndim(d) == 0 else d
