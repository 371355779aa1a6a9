"""The contract-plot layer (确权地块): where it lives, generating, reading and checking it.

An imported layer (``plots.parquet`` or ``plots.gpkg`` in the data folder, columns of
``SCHEMAS["plots"]``) is used when present. Otherwise a schematic layer is generated on first
use into ``data/generated/`` (not committed), named by a hash of its inputs so a change of the
villages, the trusteeship table or the generator makes a new one. Command line::

    python -m geo.plots.layer generate [--n 40000] [--out PATH] [--seed 2023]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from geo.model.paths import DATA_DIR, ROOT
from geo.model.schema import SCHEMAS, validate_frame
from geo.plots import generate as plotgen
from geo.plots.stats import grid_cells, grid_json, totals, village_totals
from geo.plots.tiles import STATIC_DIR, TileSet, layer_key, write_tiles
from geo.schematic import layout as schematic_layout
from geo.schematic import shapes as schematic_shapes
from geo.store import open_store

DEFAULT_N = 40_000
SEED = 2023
GENERATED_DIR = ROOT / "data" / "generated"
IMPORTED_NAMES = ("plots.parquet", "plots.gpkg")
#: Layers and tables the generator reads (their files are part of the cache key).
INPUTS = ("villages", "trusteeship", "hills", "heritage_sites", "river", "roads", "railway",
          "projects")  # fmt: skip


def imported_path(data_dir: Path = DATA_DIR) -> Path | None:
    """A real plot layer in the data folder, if there is one."""
    for name in IMPORTED_NAMES:
        if (Path(data_dir) / name).is_file():
            return Path(data_dir) / name
    return None


def _inputs_digest(frames: dict) -> str:
    """A digest of the layers the schematic plots are generated from (as the store holds them)."""
    h = hashlib.sha256()
    for name in INPUTS:
        frame = frames[name]
        props = frame.drop(columns="geometry") if "geometry" in frame else frame
        h.update(name.encode())
        h.update(pd.util.hash_pandas_object(props.astype(str), index=False).values.tobytes())
        if "geometry" in frame:
            h.update(
                b"".join(
                    w or b"" for w in shapely.to_wkb(frame.geometry.values, output_dimension=2)
                )
            )
    return h.hexdigest()


def generated_path(n: int, frames: dict, seed: int = SEED) -> Path:
    """Where the schematic layer of ``n`` plots generated from ``frames`` is cached."""
    h = hashlib.sha256(f"{n}:{seed}:{_inputs_digest(frames)}".encode())
    h.update(Path(plotgen.__file__).read_bytes())
    for module in (schematic_layout, schematic_shapes):  # the generator reads them too
        h.update(Path(module.__file__).read_bytes())
    return GENERATED_DIR / f"plots-{n}-{h.hexdigest()[:12]}.parquet"


def plots_path(n: int, data_dir: Path, frames: dict) -> Path:
    """The layer the app shows: the imported one, else the generated one (may not exist yet)."""
    return imported_path(data_dir) or generated_path(n, frames)


def generate_file(
    n: int = DEFAULT_N,
    data_dir: Path = DATA_DIR,
    out: Path | None = None,
    seed: int = SEED,
    progress: plotgen.Progress | None = None,
    frames: dict | None = None,
) -> Path:
    """Generate the schematic layer from the store's layers and write it (GeoParquet or .gpkg)."""
    frames = frames if frames is not None else open_store(data_dir).frames()
    gdf = plotgen.generate(frames, n=n, seed=seed, progress=progress)
    path = Path(out) if out else generated_path(n, frames, seed)
    write_plots(gdf, path)
    if out is None:  # older caches of this size were made from other inputs or code
        for stale in GENERATED_DIR.glob(f"plots-{n}-*.parquet"):
            if stale != path:
                stale.unlink(missing_ok=True)
    return path


def ensure_plots(
    n: int = DEFAULT_N,
    data_dir: Path = DATA_DIR,
    progress: plotgen.Progress | None = None,
    frames: dict | None = None,
) -> Path:
    """The path of the layer to show, generating the schematic one first if it is missing."""
    frames = frames if frames is not None else open_store(data_dir).frames()
    path = plots_path(n, data_dir, frames)
    if not path.is_file():
        generate_file(n, data_dir, path, progress=progress, frames=frames)
    return path


def write_plots(gdf: gpd.GeoDataFrame, path: Path) -> None:
    """Write atomically (a reader never sees half a file): GeoParquet, or GeoPackage."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=path.suffix)
    os.close(fd)
    try:
        if path.suffix == ".gpkg":
            Path(tmp).unlink()
            gdf.to_file(tmp, layer="plots", driver="GPKG")
        else:
            gdf.to_parquet(tmp, index=False)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)


def read_plots(path: Path) -> gpd.GeoDataFrame:
    """Read a plot layer (GeoParquet or GeoPackage) in EPSG:4326."""
    path = Path(path)
    gdf = gpd.read_file(path) if path.suffix == ".gpkg" else gpd.read_parquet(path)
    return gdf.to_crs("EPSG:4326") if gdf.crs and gdf.crs.to_epsg() != 4326 else gdf


def validate_plots(gdf: gpd.GeoDataFrame) -> list[str]:
    """Schema problems of a plot layer (missing or bad fields, duplicate ids, geometry type)."""
    problems = validate_frame(SCHEMAS["plots"], gdf)
    types = set(gdf.geom_type.dropna()) - set(SCHEMAS["plots"].geometry)
    if types:
        problems.append(f"plots: unexpected geometry type(s) {sorted(types)}")
    bad = set(gdf.get("trusteeship_status", [])) - set(plotgen.STATUSES)
    if bad:
        problems.append(f"plots: unknown trusteeship_status value(s) {sorted(bad)}")
    return problems


@dataclass(frozen=True)
class PlotData:
    """A plot layer ready to show: the plots, its tiles, exact village and overall totals."""

    plots: gpd.GeoDataFrame
    path: Path
    imported: bool
    tiles: TileSet
    villages: pd.DataFrame
    totals: dict


def prepare(path: Path, frames: dict, static_root: Path = STATIC_DIR) -> PlotData:
    """Read a layer, write its tiles and grid (once per layer file) and compute its totals."""
    path = Path(path)
    plots = read_plots(path)
    codes = list(frames["villages"]["code"])
    grid = grid_json(grid_cells(plots))
    tiles = write_tiles(plots, layer_key(path), codes, {"grid.json": grid}, static_root)
    vt = village_totals(plots, frames["villages"], frames["trusteeship"])
    imported = path.parent != GENERATED_DIR
    return PlotData(plots, path, imported, tiles, vt, totals(plots))


def main(argv: list[str] | None = None) -> int:
    """``python -m geo.plots.layer generate``: write a schematic plot layer and check it."""
    ap = argparse.ArgumentParser(
        prog="python -m geo.plots.layer", description=__doc__.splitlines()[0]
    )
    sub = ap.add_subparsers(dest="command", required=True)
    gen = sub.add_parser("generate", help="write a schematic (示意) plot layer")
    gen.add_argument("--n", type=int, default=DEFAULT_N, help="number of plots (default 40000)")
    gen.add_argument("--out", type=Path, help="output .parquet or .gpkg (default: data/generated/)")
    gen.add_argument("--seed", type=int, default=SEED)
    gen.add_argument("--data", type=Path, default=DATA_DIR, help="data folder (default: data/)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    path = generate_file(args.n, args.data, args.out, args.seed, _print_progress)
    gdf = read_plots(path)
    problems = validate_plots(gdf)
    print(f"\n{len(gdf):,} plots, {gdf['area_mu'].sum():,.1f} 亩 → {path} "
          f"({time.perf_counter() - t0:.1f} s)")  # fmt: skip
    for p in problems:
        print(f"  - {p}")
    return 1 if problems else 0


def _print_progress(fraction: float, step: str) -> None:
    print(f"\r{fraction:4.0%} {step:<12}", end="", flush=True)


if __name__ == "__main__":
    sys.exit(main())
