"""District scale, measured in one run: 400,000 schematic plots over ≈ 670 km² (临淄区 size).

The dataset is generated here, deterministically (seeded), and never shipped or shown as real:
rectangular strips (≈ 20 × 80 m, 1 % shifted onto a neighbour) on a grid centred on Linzi, with
the columns of the plot layer, and 24 round protected zones. Measured, each step against the
same data:

- import into PostGIS from a GeoPackage and from a zipped Shapefile, and into SQLite from the
  GeoPackage: the app's reader (``geo.ingest.read.read_upload``, with its zip checks) plus one
  audited store transaction writing the layer; each in its own process, its peak memory reported;
- the allocation checks (overlaps within the layer, zone conflicts) in PostGIS
  (``geo.checks.postgis_spatial``) and in memory (STRtree), results compared;
- the plot map (``pages/plots.py``) in headless Chromium at 400k and at 40k plots (the same
  density over 67 km²): tile preparation, first paint, pan and zoom, bytes of one view, server
  memory.

    .venv/bin/python bench/bench_district.py [--n 400000] [--small 40000] [--repeat 3] [--skip-map]

PostgreSQL: ``QILING_TEST_PG`` or a throwaway cluster (as the tests; see qa/pg.py).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyproj
import shapely

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_plots import OFFLINE_ARGS, OURS_READY, app_server, open_page, ours_moves, rss_mb  # noqa: E402
from geo.checks.spatial import MEMORY  # noqa: E402
from geo.files.readers import load_all  # noqa: E402
from geo.model.paths import DATA_DIR, ROOT, SHIPPED_DATA_DIR  # noqa: E402
from geo.model.units import M2_PER_MU, PROJECTED_CRS  # noqa: E402
from geo.plots.layer import prepare  # noqa: E402
from geo.plots.tiles import STATIC_DIR, densest_tile, layer_key, tile_bounds  # noqa: E402
from qa.browser import CHROMIUM  # noqa: E402
from qa.pg import PgCluster  # noqa: E402

CENTRE = (118.31, 36.83)  # about the middle of 临淄区 (lon, lat)
SEED = 670
VILLAGE_BLOCK_M = 2000  # plots are given to the shipped villages in 2 km squares, round robin


def district_plots(n: int, area_km2: float, seed: int = SEED) -> gpd.GeoDataFrame:
    """``n`` schematic plots over a square of ``area_km2`` centred on Linzi (EPSG:4326)."""
    rng = np.random.default_rng(seed)
    side = np.sqrt(area_km2) * 1000
    cw = side / (2 * np.sqrt(n))  # strips 1 : 4
    ch = 4 * cw
    cols = int(np.ceil(side / cw))
    k = np.arange(n)
    cx, cy = pyproj.Transformer.from_crs(4326, PROJECTED_CRS, always_xy=True).transform(*CENTRE)
    x0 = cx - side / 2 + (k % cols) * cw + np.where(rng.random(n) < 0.01, cw * 0.5, 0)
    y0 = cy - side / 2 + (k // cols) * ch
    geoms = shapely.box(x0 + 0.5, y0 + 0.5, x0 + cw - 0.5, y0 + ch - 0.5)
    villages = load_all(SHIPPED_DATA_DIR)["villages"].frame
    block = ((x0 - x0.min()) // VILLAGE_BLOCK_M).astype(int) * 1000 + (
        (y0 - y0.min()) // VILLAGE_BLOCK_M
    ).astype(int)
    v = block % len(villages)
    gdf = gpd.GeoDataFrame(
        {"plot_id": [f"D{i:06d}" for i in k], "village": villages["name"].to_numpy()[v],
         "village_code": villages["code"].to_numpy()[v],
         "area_mu": np.round(shapely.area(geoms) / M2_PER_MU, 2),
         "holder_code": [f"D-H{i // 4:06d}" for i in k]},
        geometry=geoms, crs=PROJECTED_CRS,
    )  # fmt: skip
    entrusted = rng.random(n) < 0.4
    gdf["trusteeship_status"] = np.where(entrusted, "entrusted", "not_entrusted")
    gdf["trusteeship_year"] = np.where(entrusted, 2023, np.nan)
    gdf["geom_source"] = "schematic"
    return gdf.to_crs(4326)


def district_zones(area_km2: float, seed: int = SEED) -> gpd.GeoDataFrame:
    """24 round protected zones (300–1,500 m) inside the same square."""
    rng = np.random.default_rng(seed + 1)
    side = np.sqrt(area_km2) * 1000
    cx, cy = pyproj.Transformer.from_crs(4326, PROJECTED_CRS, always_xy=True).transform(*CENTRE)
    xy = rng.uniform(-side / 2.2, side / 2.2, size=(24, 2)) + (cx, cy)
    geoms = shapely.buffer(shapely.points(xy), rng.uniform(300, 1500, 24), quad_segs=16)
    kinds = np.array(["basic_farmland", "heritage", "scenic_core"])[np.arange(24) % 3]
    return gpd.GeoDataFrame(
        {"zone_id": [f"Z{i:02d}" for i in range(24)], "zone": kinds},
        geometry=geoms,
        crs=PROJECTED_CRS,
    ).to_crs(4326)


def write_inputs(gdf: gpd.GeoDataFrame, folder: Path) -> dict[str, Path]:
    """The layer as a GeoPackage, a zipped Shapefile (GBK, CGCS2000 GK) and GeoParquet."""
    gpkg, shp, parquet = (
        folder / "plots.gpkg",
        folder / "shp" / "plots.shp",
        folder / "plots.parquet",
    )
    gdf.to_file(gpkg, layer="plots", driver="GPKG")
    shp.parent.mkdir()
    gdf.to_crs(4548).to_file(shp, encoding="GBK")
    with zipfile.ZipFile(folder / "plots-shp.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        for p in shp.parent.iterdir():
            zf.write(p, p.name)
    gdf.to_parquet(parquet, index=False)
    return {"gpkg": gpkg, "shp": folder / "plots-shp.zip", "parquet": parquet}


def import_file(path: str, db: str) -> dict:
    """Child step: read the file as the importer does, write it as one audited layer."""
    from geo.ingest.read import read_upload
    from geo.store import open_store

    t0 = time.perf_counter()
    data = Path(path).read_bytes()
    source = read_upload(Path(path).name, data, limit=1024 * 2**20)  # QILING_IMPORT_MAX_MB=1024
    frame = (
        source.frame.to_crs(4326) if source.crs and source.crs.to_epsg() != 4326 else source.frame
    )
    frame = frame.set_crs(4326, allow_override=True)
    t_read = time.perf_counter() - t0
    store = open_store(SHIPPED_DATA_DIR, db)
    t1 = time.perf_counter()
    digest = hashlib.sha256(data).hexdigest()
    with store.transaction("bench", f"import {Path(path).name}", "import") as tx:
        tx.create_layer("plots", "layer", frame, 100, (Path(path).name, digest))
    t_write = time.perf_counter() - t1
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"read": t_read, "write": t_write, "total": time.perf_counter() - t0,
            "peak_mb": peak, "rows": len(frame)}  # fmt: skip


def child(step: str, *args: str) -> dict:
    """Run one step in a fresh process (its own memory peak); returns its JSON answer."""
    cmd = [sys.executable, __file__, "--child", step, *args]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=1800)
    if done.returncode != 0:
        raise RuntimeError(f"{step} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def checks(db: str, zones: gpd.GeoDataFrame) -> dict:
    """Child step: overlaps and zone conflicts of the plots, in PostGIS and in memory."""
    from geo.checks.postgis_spatial import PostgisSpatial
    from geo.store import open_store

    store = open_store(SHIPPED_DATA_DIR, db)
    with store.transaction("bench", "zones", "import") as tx:
        tx.create_layer("bench_zones", "layer", zones, 101)
    t0 = time.perf_counter()
    frames = store.frames()
    out = {"load_frames": time.perf_counter() - t0}
    plots, zones = frames["plots"], frames["bench_zones"]
    engine = PostgisSpatial(store, store.revision())
    results = {}
    for name, eng in (("postgis", engine), ("memory", MEMORY)):
        t0 = time.perf_counter()
        pairs = eng.overlaps("plots", plots)
        t1 = time.perf_counter()
        hits = eng.zone_overlaps("plots", plots, "bench_zones", zones)
        t2 = time.perf_counter()
        out[name] = {
            "overlaps_s": t1 - t0,
            "zones_s": t2 - t1,
            "pairs": len(pairs),
            "hits": len(hits),
        }
        results[name] = (pairs, hits)
    (pa, ha), (pm, hm) = results["postgis"], results["memory"]
    same = [(i, j) for i, j, _ in pa] == [(i, j) for i, j, _ in pm] and [
        (s, z) for s, z, _ in ha
    ] == [(s, z) for s, z, _ in hm]
    worst = max(
        [abs(a[2] - b[2]) / max(b[2], 1e-9) for a, b in zip(pa + ha, pm + hm) if b[2] > 0] or [0]
    )
    out["identical"], out["max_rel_area_diff"] = same, worst
    return out


def measure_map(browser, parquet: Path, repeat: int) -> dict:
    """Tile preparation, then first paint, moves, bytes and server memory of the plots page."""
    data_dir = Path(tempfile.mkdtemp(prefix="qiling-district-data-"))
    try:
        shutil.copytree(DATA_DIR, data_dir, dirs_exist_ok=True)
        shutil.rmtree(data_dir / "generated", ignore_errors=True)
        shutil.copy(parquet, data_dir / "plots.parquet")
        frames = {k: v.frame for k, v in load_all(data_dir).items()}
        t0 = time.perf_counter()
        data = prepare(data_dir / "plots.parquet", frames)
        prep = time.perf_counter() - t0
        w, s, e, n = tile_bounds(*densest_tile(data.tiles), data.tiles.zoom)
        env = {"QILING_DATA_DIR": str(data_dir)}
        with app_server(ROOT / "app.py", env) as (url, pid):
            runs = [open_page(browser, url + "/plots", OURS_READY, 300) for _ in range(repeat + 1)]
            paint = statistics.median(r[2] for r in runs[1:])
            # let the page finish its layout (a late resize refits the map) before moving
            runs[-1][0].wait_for_timeout(5000)
            moves = ours_moves(runs[-1][1], ((w + e) / 2, (s + n) / 2))
            rss = rss_mb(pid)
            for r in runs:
                r[0].context.close()
        return {"prep": prep, "paint": paint, "paints": [r[2] for r in runs], **moves, "rss": rss,
                "tiles": len(data.tiles.tiles)}  # fmt: skip
    finally:
        shutil.rmtree(STATIC_DIR / layer_key(data_dir / "plots.parquet"), ignore_errors=True)
        shutil.rmtree(data_dir, ignore_errors=True)


def _mb(path: Path) -> float:
    return path.stat().st_size / 1e6


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=400_000)
    ap.add_argument("--small", type=int, default=40_000, help="the map's comparison size")
    ap.add_argument("--area", type=float, default=670.0, help="km² of the large dataset")
    ap.add_argument("--repeat", type=int, default=3, help="first-paint runs per size")
    ap.add_argument("--skip-map", action="store_true")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        step, *rest = args.child
        if step == "import":
            print(json.dumps(import_file(*rest)))
        else:
            print(json.dumps(checks(rest[0], gpd.read_file(rest[1]))))
        return 0
    print(f"load average at start: {os.getloadavg()[0]:.1f} ({os.cpu_count()} CPUs)", flush=True)
    tmp = Path(tempfile.mkdtemp(prefix="qiling-district-"))
    cluster = PgCluster().start()
    try:
        imports, check, files = data_steps(args, tmp, cluster)
        maps = {} if args.skip_map else map_steps(args, tmp, files["parquet"])
        report(imports, check, maps)
    finally:
        cluster.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"load average at end: {os.getloadavg()[0]:.1f}")
    return 0


def data_steps(args, tmp: Path, cluster: PgCluster):
    """Write the inputs, import them three ways, check in PostGIS and in memory."""
    t0 = time.perf_counter()
    big = district_plots(args.n, args.area)
    files = write_inputs(big, tmp)
    zones_path = tmp / "zones.gpkg"
    district_zones(args.area).to_file(zones_path)
    print(f"{args.n:,} plots, {big['area_mu'].sum() / 1500:,.0f} km² of plots in {args.area:g} km²; "
          f"inputs written in {time.perf_counter() - t0:.0f} s: gpkg {_mb(files['gpkg']):.0f} MB, "
          f"shp.zip {_mb(files['shp']):.0f} MB", flush=True)  # fmt: skip
    del big
    pg_gpkg = cluster.create_database("bench")
    imports = {
        "PostGIS ← GeoPackage": child("import", str(files["gpkg"]), pg_gpkg),
        "PostGIS ← zipped Shapefile": child("import", str(files["shp"]), cluster.create_database("bench")),
        "SQLite ← GeoPackage": child("import", str(files["gpkg"]), str(tmp / "bench.sqlite")),
    }  # fmt: skip
    for k, v in imports.items():
        print(f"{k}: {v}", flush=True)
    check = child("checks", pg_gpkg, str(zones_path))
    print(f"checks: {check}", flush=True)
    return imports, check, files


def map_steps(args, tmp: Path, big_parquet: Path) -> dict:
    """The plots page at the small and the large size, in one headless Chromium."""
    from playwright.sync_api import sync_playwright

    small_parquet = tmp / "small.parquet"
    district_plots(args.small, args.area * args.small / args.n).to_parquet(
        small_parquet, index=False
    )
    maps = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=OFFLINE_ARGS)
        for n, path in ((args.small, small_parquet), (args.n, big_parquet)):
            maps[n] = measure_map(browser, path, args.repeat)
            print(f"map {n:,}: {maps[n]}", flush=True)
        browser.close()
    return maps


def report(imports: dict, check: dict, maps: dict) -> None:
    """Markdown tables for the README."""
    print("\n| import of the plots | read (s) | write (s) | total (s) | goal | peak memory (MB) |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, r in imports.items():
        print(
            f"| {name} | {r['read']:.1f} | {r['write']:.1f} | {r['total']:.1f} | < 60 | {r['peak_mb']:,.0f} |"
        )
    print(
        "\n| allocation checks | overlaps (s) | zone conflicts (s) | total (s) | goal | overlap pairs | zone hits |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name in ("postgis", "memory"):
        r = check[name]
        print(f"| {name} | {r['overlaps_s']:.1f} | {r['zones_s']:.1f} | {r['overlaps_s'] + r['zones_s']:.1f} "
              f"| < 30 | {r['pairs']:,} | {r['hits']:,} |")  # fmt: skip
    print(f"\nidentical pairs and hits: {check['identical']}; largest relative area difference "
          f"{check['max_rel_area_diff']:.1e}; reading the layer from PostGIS: {check['load_frames']:.1f} s")  # fmt: skip
    if not maps:
        return
    print("\n| plots | tile preparation (s) | first paint (s): cold server / median | pan (s, median / max) "
          "| zoom (s, median / max) | z16 view (MB) | plots in view | server peak RSS (MB) |")  # fmt: skip
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n, r in maps.items():
        print(f"| {n:,} | {r['prep']:.1f} | {r['paints'][0]:.2f} / {r['paint']:.2f} | {statistics.median(r['pan']):.2f} / {max(r['pan']):.2f} "
              f"| {statistics.median(r['zoom']):.2f} / {max(r['zoom']):.2f} | {r['view_bytes'] / 1e6:.2f} "
              f"| {r['view_plots']:,} | {r['rss'][1]:,.0f} |")  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
