"""Loaders: every layer and table of ``data/`` returned with its catalogue metadata."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo.files.geojson import read_geojson
from geo.model.catalog import Entry, load_catalog
from geo.model.paths import DATA_DIR

#: CSV columns that are codes, not numbers.
_TEXT_COLUMNS = {"village_code": str, "village": str, "month": str, "code": str}


@dataclass(frozen=True)
class Dataset:
    """A layer (GeoDataFrame) or table (DataFrame) with its provenance."""

    frame: pd.DataFrame
    entry: Entry

    @property
    def schematic(self) -> bool:
        return self.entry.schematic


def read_table(path: Path) -> pd.DataFrame:
    """Read one of our CSV tables (UTF-8)."""
    return pd.read_csv(path, dtype=_TEXT_COLUMNS, encoding="utf-8", keep_default_na=True)


def load(name: str, data_dir: Path = DATA_DIR) -> Dataset:
    """One catalogued layer or table by id, e.g. ``load("villages")``."""
    catalog = load_catalog(data_dir)
    if name not in catalog:
        raise KeyError(f"no layer or table named {name!r} in the catalogue")
    return _load_entry(catalog[name], Path(data_dir))


def _load_entry(entry: Entry, data_dir: Path) -> Dataset:
    path = data_dir / entry.file
    if entry.kind == "layer":
        frame: pd.DataFrame = read_geojson(path)
    elif entry.kind == "table":
        frame = read_table(path)
    else:
        raise ValueError(f"{entry.id} is a {entry.kind}, not a layer or table")
    return Dataset(frame=frame, entry=entry)


def load_all(data_dir: Path = DATA_DIR) -> dict[str, Dataset]:
    """Every layer and table of the catalogue, by id."""
    catalog = load_catalog(data_dir)
    return {
        e.id: _load_entry(e, Path(data_dir))
        for e in catalog.values()
        if e.kind in ("layer", "table")
    }


def layer(name: str, data_dir: Path = DATA_DIR) -> gpd.GeoDataFrame:
    """Just the GeoDataFrame of a layer."""
    return load(name, data_dir).frame
