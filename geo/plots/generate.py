"""The schematic (示意) contract-plot layer: strips subdividing each village's farmland.

Each village's farmland is the village minus its settlement, the town seat, hills, heritage and
scenic-core zones, the river, roads, railway and construction sites. It is cut into field blocks
(bands ~90–150 m deep between 4 m field roads, turned by a per-village angle) and every block
into side-by-side strips of about equal area, the way household contract land lies in the North
China plain. ``n`` sets the density only: the farmland (≈ 48,000 亩) is the same for every
``n``, so 40,000 plots average 1.2 亩. Deterministic for a given seed. No Streamlit here.
"""

from __future__ import annotations

from collections.abc import Callable

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import shapely.affinity
from shapely.geometry import box
from shapely.ops import unary_union

from geo.model.units import M2_PER_MU, PROJECTED_CRS
from geo.schematic import layout
from geo.schematic import shapes as S

#: The subdistrict's farmland (亩) the layer is calibrated to.
FARMLAND_MU = 48_000.0
FIELD_ROAD_M = 4.0
STATUSES = ("entrusted", "not_entrusted")
PLOTS_PER_HOLDER = 4
COLUMNS = ["plot_id", "village", "village_code", "area_mu", "holder_code",
           "trusteeship_status", "trusteeship_year", "geom_source"]  # fmt: skip
Progress = Callable[[float, str], None]


def generate(frames: dict, n: int = 40_000, seed: int = 2023, progress: Progress | None = None):
    """A GeoDataFrame of ``n`` schematic plots (EPSG:4326, 6 decimals).

    Exactly ``n``: every field block gets its share of ``n`` (largest remainder on area) and is
    cut into that many strips; only a degenerate (empty) strip would be dropped.
    """
    if n < 1:
        raise ValueError("n must be at least 1")
    say = progress or (lambda _f, _m: None)
    rng = np.random.default_rng(seed)
    villages = frames["villages"].to_crs(PROJECTED_CRS)
    say(0.05, "farmland")
    mask = farmland(frames, villages)
    layouts = [_field_layout(rng) for _ in range(len(villages))]
    share = _calibrate(villages, mask, layouts)
    say(0.2, "blocks")
    blocks = [
        _blocks(_minus_settlement(v, f, share, lay), lay)
        for v, f, lay in zip(villages.geometry, mask, layouts)
    ]
    counts = _allocate(n, [[b.area for b in bs] for bs in blocks])
    rows, geoms = [], []
    for i, (code, name) in enumerate(zip(villages["code"], villages["name"])):
        say(0.25 + 0.65 * i / len(villages), f"{code}")
        strips, block_ids = _village_strips(blocks[i], counts[i], layouts[i], rng)
        geoms += strips
        rows += [{"village": name, "village_code": code, "block": b} for b in block_ids]
    say(0.92, "attributes")
    gdf = _finish(gpd.GeoDataFrame(rows, geometry=geoms, crs=PROJECTED_CRS), frames, rng)
    say(1.0, "done")
    return gdf


def farmland(frames: dict, villages: gpd.GeoDataFrame) -> list:
    """Per village: the land that can be farmland (before settlements), EPSG:4548.

    The heritage and scenic-core zones restrict construction, not farming, so fields stay.
    """
    proj = {k: frames[k].to_crs(PROJECTED_CRS) for k in ("hills", "heritage_sites", "river",
                                                          "roads", "railway", "projects")}  # fmt: skip
    widths = {"national": 25.0, "provincial": 18.0}
    sites = proj["projects"][proj["projects"].geom_type.isin(["Polygon", "MultiPolygon"])]
    out = [
        *proj["hills"].geometry,
        *proj["heritage_sites"].geometry.buffer(60),  # the tumuli; fields reach their foot
        *proj["river"].geometry.buffer(60),
        *[g.buffer(widths.get(k, 10.0)) for g, k in zip(proj["roads"].geometry, proj["roads"]["kind"])],
        *proj["railway"].geometry.buffer(25),
        *sites[sites["category"] != "rural_revitalization"].geometry.buffer(10),
        S.ellipse(layout.TOWN, 1.2, 0.8),
    ]  # fmt: skip
    blocked = unary_union(out)
    return [v.difference(blocked) for v in villages.geometry]


def _field_layout(rng) -> dict:
    angle = float(rng.uniform(-25, 25) + (90 if rng.random() < 0.3 else 0))
    return {"angle": angle, "depth": float(rng.uniform(90, 150)), "offset": float(rng.random()),
            "aspect": float(rng.uniform(0.55, 1.0)), "tilt": float(rng.uniform(0, 180))}  # fmt: skip


def _minus_settlement(village, land, share: float, lay: dict):
    """The farmland once the settlement (an oval of ``share`` of the land) is cut out."""
    centre = village.representative_point()
    r = (share * land.area / np.pi / lay["aspect"]) ** 0.5
    oval = shapely.affinity.scale(centre.buffer(r, quad_segs=12), 1.0, lay["aspect"])
    return land.difference(shapely.affinity.rotate(oval, lay["tilt"], origin=centre))


def _calibrate(villages, mask, layouts) -> float:
    """The settlement share that leaves FARMLAND_MU of blocks in all villages (bisection)."""
    target = FARMLAND_MU * M2_PER_MU

    def total(share: float) -> float:
        return sum(
            sum(b.area for b in _blocks(_minus_settlement(v, f, share, lay), lay))
            for v, f, lay in zip(villages.geometry, mask, layouts)
        )

    lo, hi = 0.0, 0.6
    if total(lo) < target:
        return lo
    for _ in range(12):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if total(mid) > target else (lo, mid)
    return (lo + hi) / 2


def _rotate(geoms, angle: float, origin: tuple[float, float]):
    a = np.radians(angle)
    c, s = np.cos(a), np.sin(a)
    ox, oy = origin

    def turn(xy):
        x, y = xy[:, 0] - ox, xy[:, 1] - oy
        return np.column_stack([ox + c * x - s * y, oy + s * x + c * y])

    return shapely.transform(geoms, turn)


def _blocks(land, lay: dict) -> list:
    """The field blocks of one village in the rotated frame (bands between field roads)."""
    if land.is_empty:
        return []
    turned = _rotate(land, -lay["angle"], _ORIGIN)
    minx, miny, maxx, maxy = turned.bounds
    step = lay["depth"] + FIELD_ROAD_M
    starts = np.arange(miny - lay["offset"] * step, maxy, step)
    bands = shapely.box(minx - 1, starts, maxx + 1, starts + lay["depth"])
    parts = shapely.get_parts(shapely.intersection(turned, bands))
    parts = parts[shapely.get_type_id(parts) == 3]
    return [p for p in parts if p.area >= 0.3 * M2_PER_MU]


_ORIGIN = S.xy(0.0, 0.0)


def _allocate(n: int, areas: list[list[float]]) -> list[list[int]]:
    """Plot counts per block (largest remainder on area) that sum exactly to ``n``."""
    flat = [a for v in areas for a in v]
    counts = S.split_largest_remainder(n, flat)
    out, k = [], 0
    for v in areas:
        out.append(counts[k : k + len(v)])
        k += len(v)
    return out


def _village_strips(blocks: list, counts: list[int], lay: dict, rng) -> tuple[list, list[int]]:
    """Strips of every block of a village (rotated back to the map frame) and their block."""
    strips, ids = [], []
    for b, (block, k) in enumerate(zip(blocks, counts)):
        if k:
            strips += _cut(block, k, rng)
            ids += [b] * k
    if not strips:
        return [], []
    return list(_rotate(np.asarray(strips, dtype=object), lay["angle"], _ORIGIN)), ids


def _cut(block, k: int, rng) -> list:
    """``k`` side-by-side strips of ~equal area (±35 % spread) across one block."""
    minx, miny, maxx, maxy = block.bounds
    m = max(16, min(8 * k, int((maxx - minx) / 4)))  # samples of the block's depth along x
    xs = np.linspace(minx, maxx, m + 1)
    mids = (xs[:-1] + xs[1:]) / 2
    ends = np.stack([np.column_stack([mids, np.full(m, miny - 1)]),
                     np.column_stack([mids, np.full(m, maxy + 1)])], axis=1)  # fmt: skip
    heights = shapely.length(shapely.intersection(block, shapely.linestrings(ends)))
    cum = np.concatenate([[0.0], np.cumsum(heights * np.diff(xs))])
    weights = rng.lognormal(0.0, 0.3, k)
    targets = cum[-1] * np.cumsum(weights)[:-1] / weights.sum()
    cuts = np.concatenate([[minx - 1], np.interp(targets, cum, xs), [maxx + 1]])
    return [
        _largest(shapely.clip_by_rect(block, a, miny - 1, b, maxy + 1))
        for a, b in zip(cuts[:-1], cuts[1:])
    ]


def _largest(geom):
    if geom.geom_type == "Polygon":
        return geom
    parts = [p for p in shapely.get_parts(geom) if p.geom_type == "Polygon"]
    return max(parts, key=lambda p: p.area) if parts else box(0, 0, 0, 0)


def _finish(gdf: gpd.GeoDataFrame, frames: dict, rng) -> gpd.GeoDataFrame:
    """Drop empties, go to lon/lat, add ids, areas, holders and trusteeship."""
    gdf = gdf[~gdf.geometry.is_empty].reset_index(drop=True)
    lonlat = gdf.to_crs("EPSG:4326")
    rounded = shapely.set_precision(lonlat.geometry.values, 1e-6)
    lonlat["geometry"] = [_largest(g) for g in rounded]
    lonlat["area_mu"] = (lonlat.geometry.to_crs(PROJECTED_CRS).area / M2_PER_MU).round(2)
    seq = lonlat.groupby("village_code").cumcount() + 1
    lonlat["plot_id"] = lonlat["village_code"] + "-P" + seq.map("{:05d}".format)
    lonlat["holder_code"] = _holders(lonlat, rng)
    status, year = _trusteeship(lonlat, frames["trusteeship"], rng)
    lonlat["trusteeship_status"], lonlat["trusteeship_year"] = status, year
    lonlat["geom_source"] = "schematic"
    return lonlat[[*COLUMNS, "geometry"]]


def _holders(gdf: gpd.GeoDataFrame, rng) -> list[str]:
    """Opaque household codes: each household holds a few plots scattered over the village."""
    out = np.empty(len(gdf), dtype=object)
    for code, idx in gdf.groupby("village_code").indices.items():
        count = max(1, round(len(idx) / PLOTS_PER_HOLDER))
        holder = rng.permutation(len(idx)) % count
        out[idx] = [f"{code}-H{h + 1:04d}" for h in holder]
    return list(out)


def _trusteeship(gdf: gpd.GeoDataFrame, table: pd.DataFrame, rng):
    """Whole field blocks entrusted per village until its 亩 in ``trusteeship.csv`` is reached."""
    status = np.full(len(gdf), STATUSES[1], dtype=object)
    year = np.full(len(gdf), np.nan)
    targets = table.groupby("village")["trusteeship_mu"].sum()
    years = table.groupby("village")["year"].min()
    for name, idx in gdf.groupby("village").indices.items():
        if name not in targets.index:
            continue
        order = _block_order(gdf["block"].to_numpy()[idx], rng)
        area = gdf["area_mu"].to_numpy()[idx][order]
        before = np.concatenate([[0.0], np.cumsum(area)[:-1]])
        take = idx[order][before + area / 2 <= targets[name]]
        status[take], year[take] = STATUSES[0], years[name]
    return status, year


def _block_order(blocks: np.ndarray, rng) -> np.ndarray:
    """Plot positions ordered block by block (blocks in random order), strips in place."""
    rank = {b: r for r, b in enumerate(rng.permutation(np.unique(blocks)))}
    keys = np.array([rank[b] for b in blocks])
    return np.lexsort((np.arange(len(blocks)), keys))
