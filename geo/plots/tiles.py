"""Pre-cut tiles of the plot layer: compact JSON files the browser fetches for its view.

Tiles follow Leaflet's Web-Mercator scheme at one zoom (``TILE_ZOOM``). A tile file holds
every plot whose geometry intersects the tile (a plot on an edge is in each tile it touches;
the browser keeps one copy by index). Coordinates are integer micro-degrees (the layer's 6
decimals, exact), each ring as its first vertex then deltas. Files go to
``static/plots/<key>/`` and Streamlit serves them at ``app/static/plots/<key>/``; the key is a
hash of the layer file, so a new layer never meets an old cache.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import posixpath
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import box

from geo.maps.assets import DEFAULT_PREFIX
from geo.model.paths import ROOT
from geo.plots.generate import STATUSES

TILE_ZOOM = 16
FORMAT_VERSION = 1
STATIC_DIR = ROOT / "static" / "plots"
#: The tiles' URL as seen from inside the st_folium iframe (relative, like the vendor files).
URL_PREFIX = posixpath.dirname(DEFAULT_PREFIX) + "/plots"
META = "meta.json"


@dataclass(frozen=True)
class TileSet:
    """Tiles written for one layer: key, folder, URL, zoom and the non-empty tiles (x, y)."""

    key: str
    folder: Path
    url: str
    zoom: int
    tiles: tuple[tuple[int, int], ...]


def tile_xy(lon, lat, z: int = TILE_ZOOM):
    """Tile column and row holding lon/lat (arrays welcome), as Leaflet numbers them."""
    lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    n = 2.0**z
    x = np.floor((lon + 180.0) / 360.0 * n)
    rad = np.radians(lat)
    y = np.floor((1.0 - np.log(np.tan(rad) + 1.0 / np.cos(rad)) / math.pi) / 2.0 * n)
    return x.astype(int), y.astype(int)


def tile_bounds(x: int, y: int, z: int = TILE_ZOOM) -> tuple[float, float, float, float]:
    """(west, south, east, north) of a tile in degrees."""
    n = 2.0**z

    def lat(row: float) -> float:
        return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * row / n))))

    return (x / n * 360.0 - 180.0, lat(y + 1), (x + 1) / n * 360.0 - 180.0, lat(y))


def tiles_for_bounds(bounds, z: int = TILE_ZOOM) -> list[tuple[int, int]]:
    """Every tile a (west, south, east, north) box touches."""
    w, s, e, n = bounds
    (x0, x1), (y1, y0) = (v.tolist() for v in tile_xy([w, e], [s, n], z))
    return [(x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]


def tile_index(geoms, z: int = TILE_ZOOM) -> dict[tuple[int, int], np.ndarray]:
    """Plot positions per tile: exactly the plots whose geometry intersects the tile."""
    geoms = np.asarray(geoms, dtype=object)
    candidates = tiles_for_bounds(shapely.total_bounds(geoms), z)
    boxes = np.array([box(*tile_bounds(x, y, z)) for x, y in candidates], dtype=object)
    tile_pos, plot_pos = shapely.STRtree(geoms).query(boxes, predicate="intersects")
    out: dict[tuple[int, int], np.ndarray] = {}
    order = np.lexsort((plot_pos, tile_pos))
    tile_pos, plot_pos = tile_pos[order], plot_pos[order]
    for t, start, stop in _runs(tile_pos):
        out[candidates[t]] = plot_pos[start:stop]
    return out


def _runs(values: np.ndarray):
    if not len(values):
        return
    cut = np.flatnonzero(np.diff(values)) + 1
    starts, stops = np.r_[0, cut], np.r_[cut, len(values)]
    for a, b in zip(starts, stops):
        yield int(values[a]), int(a), int(b)


def plots_in_view(index: dict, geoms, bounds, z: int = TILE_ZOOM) -> np.ndarray:
    """Positions of the plots intersecting a view, found the browser's way: its tiles first."""
    found = [index[t] for t in tiles_for_bounds(bounds, z) if t in index]
    if not found:
        return np.array([], dtype=int)
    candidates = np.unique(np.concatenate(found))
    hit = shapely.intersects(np.asarray(geoms, dtype=object)[candidates], box(*bounds))
    return candidates[hit]


def encode_rings(geom) -> list[list[int]]:
    """A polygon's rings as integer micro-degrees: first vertex, then deltas (closing point dropped)."""
    rings = [geom.exterior, *geom.interiors]
    out = []
    for ring in rings:
        xy = np.rint(np.asarray(ring.coords)[:-1] * 1e6).astype(np.int64)
        d = np.vstack([xy[:1], np.diff(xy, axis=0)])
        out.append(d.ravel().tolist())
    return out


def plot_rows(plots: gpd.GeoDataFrame, village_codes: list[str]) -> list[str]:
    """One compact JSON row per plot: [index, plot_id, village no., 亩, holder, status, year, rings]."""
    vno = {c: i for i, c in enumerate(village_codes)}
    status = {s: i for i, s in enumerate(STATUSES)}
    rows = []
    for i, r in enumerate(plots.itertuples(index=False)):
        year = 0 if r.trusteeship_year != r.trusteeship_year else int(r.trusteeship_year)
        row = [i, r.plot_id, vno.get(r.village_code, -1), round(float(r.area_mu), 2),
               r.holder_code, status.get(r.trusteeship_status, 1), year, encode_rings(r.geometry)]  # fmt: skip
        rows.append(json.dumps(row, ensure_ascii=False, separators=(",", ":")))
    return rows


def layer_key(path: Path) -> str:
    """Cache key of a layer file (content hash plus the tile format)."""
    h = hashlib.sha256(f"tiles-v{FORMAT_VERSION}-z{TILE_ZOOM}".encode())
    h.update(Path(path).read_bytes())
    return h.hexdigest()[:12]


def write_tiles(
    plots: gpd.GeoDataFrame, key: str, village_codes: list[str], extra: dict | None = None,
    root: Path = STATIC_DIR, z: int = TILE_ZOOM,
) -> TileSet:  # fmt: skip
    """Write every non-empty tile (plus ``extra`` files such as grid.json) and a meta file."""
    final = Path(root) / key
    if (final / META).is_file():
        return read_tileset(key, root)
    index = tile_index(plots.geometry.values, z)
    rows = plot_rows(plots, village_codes)
    tmp = Path(tempfile.mkdtemp(dir=_mkdir(root), prefix=f".{key}-"))
    try:
        for (x, y), positions in index.items():
            body = ",".join(rows[p] for p in positions)
            text = f'{{"v":{FORMAT_VERSION},"z":{z},"x":{x},"y":{y},"f":[{body}]}}'
            (tmp / f"{z}_{x}_{y}.json").write_text(text, encoding="utf-8")
        for name, text in (extra or {}).items():
            (tmp / name).write_text(text, encoding="utf-8")
        meta = {"key": key, "zoom": z, "plots": len(plots), "tiles": sorted(index)}
        (tmp / META).write_text(json.dumps(meta), encoding="utf-8")
        os.chmod(tmp, 0o755)
        try:
            os.rename(tmp, final)  # atomic; another process may have won the race
        except OSError:
            if not (final / META).is_file():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return read_tileset(key, root)


def _mkdir(path: Path) -> Path:
    Path(path).mkdir(parents=True, exist_ok=True)
    return Path(path)


def read_tileset(key: str, root: Path = STATIC_DIR) -> TileSet:
    """The TileSet of an already written key."""
    meta = json.loads((Path(root) / key / META).read_text(encoding="utf-8"))
    tiles = tuple((int(x), int(y)) for x, y in meta["tiles"])
    return TileSet(key, Path(root) / key, f"{URL_PREFIX}/{key}", int(meta["zoom"]), tiles)


def read_tile(tileset: TileSet, x: int, y: int) -> dict:
    """One tile file, parsed (for tests and checks)."""
    path = tileset.folder / f"{tileset.zoom}_{x}_{y}.json"
    return json.loads(path.read_text(encoding="utf-8"))


def densest_tile(tileset: TileSet) -> tuple[int, int]:
    """The tile holding most plots (a realistic busy view for tests and the benchmark)."""
    sizes = {t: (tileset.folder / f"{tileset.zoom}_{t[0]}_{t[1]}.json").stat().st_size
             for t in tileset.tiles}  # fmt: skip
    return max(sizes, key=sizes.get)
