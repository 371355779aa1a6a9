"""Reading and writing the GeoJSON files of ``data/`` (EPSG:4326, at most 6 decimals)."""

from __future__ import annotations

import json
import math
import os
import tempfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import mapping, shape

DECIMALS = 6


def round_geometry(geom, decimals: int = DECIMALS):
    """The geometry with every coordinate rounded to ``decimals`` places."""
    return shapely.transform(geom, lambda xy: np.round(xy, decimals))


def _clean(value):
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, np.generic):
        return value.item()
    return value


def feature_collection(gdf: gpd.GeoDataFrame, decimals: int = DECIMALS) -> dict:
    """A GeoJSON FeatureCollection dict for a lon/lat GeoDataFrame, coordinates rounded."""
    features = []
    columns = [c for c in gdf.columns if c != gdf.geometry.name]
    for row in gdf.itertuples(index=False):
        geom = getattr(row, gdf.geometry.name)
        props = {c: _clean(getattr(row, c)) for c in columns}
        features.append(
            {
                "type": "Feature",
                "properties": props,
                "geometry": mapping(round_geometry(geom, decimals)) if geom is not None else None,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write a file so a reader sees either the old or the new whole file, never half."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_text(path: Path, text: str) -> None:
    """A UTF-8 text file with ``\n`` line ends, written whole (``atomic_write_bytes``)."""
    atomic_write_bytes(path, text.encode("utf-8"))


def write_geojson(gdf: gpd.GeoDataFrame, path: Path, decimals: int = DECIMALS) -> None:
    """Write a lon/lat GeoDataFrame as a compact, deterministic GeoJSON file."""
    fc = feature_collection(gdf, decimals)
    text = json.dumps(fc, ensure_ascii=False, separators=(",", ":"))
    atomic_write_text(path, text.replace('},{"type":"Feature"', '},\n{"type":"Feature"') + "\n")


def read_geojson(path: Path) -> gpd.GeoDataFrame:
    """Read one of our GeoJSON files into a GeoDataFrame in EPSG:4326.

    Raises ``ValueError`` with a readable message for malformed content.
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path.name}: not UTF-8 text ({exc.reason})") from exc
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path.name}: malformed JSON at line {exc.lineno}: {exc.msg}") from exc
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise ValueError(f"{path.name}: not a GeoJSON FeatureCollection")
    rows, geoms = [], []
    for i, feat in enumerate(data.get("features") or []):
        try:
            geoms.append(shape(feat["geometry"]) if feat.get("geometry") else None)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ValueError(
                f"{path.name}: feature {i} has an unreadable geometry ({exc})"
            ) from exc
        rows.append(feat.get("properties") or {})
    return gpd.GeoDataFrame(rows, geometry=geoms, crs="EPSG:4326")
