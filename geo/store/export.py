"""Exports of the store's current data: GeoJSON (one layer), GeoPackage and Excel (everything).

Excel cells that a spreadsheet would run as formulas are neutralised (``geo.export.to_xlsx``);
names are exported as the text they are (HTML stays text).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from geo.files.geojson import feature_collection
from geo.files.xlsx import to_xlsx


def geojson_bytes(frame: pd.DataFrame) -> bytes:
    """A layer (or a table, with null geometries) as a GeoJSON FeatureCollection."""
    if not isinstance(frame, gpd.GeoDataFrame):
        frame = gpd.GeoDataFrame(frame, geometry=[None] * len(frame), crs="EPSG:4326")
    text = json.dumps(feature_collection(frame), ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8")


def gpkg_bytes(frames: dict[str, pd.DataFrame]) -> bytes:
    """Every layer and table in one GeoPackage (tables as attribute tables), via pyogrio."""
    with tempfile.TemporaryDirectory(prefix="qiling-export-") as tmp:
        path = Path(tmp) / "qiling.gpkg"
        for name, frame in frames.items():
            out = frame.copy()
            for col in out.columns:
                if col != "geometry" and out[col].dtype == object:
                    out[col] = out[col].map(
                        lambda v: (
                            v if v is None or isinstance(v, str | bool | int | float) else str(v)
                        )
                    )
            pyogrio.write_dataframe(out, path, layer=name, driver="GPKG", append=path.exists())
        return path.read_bytes()


def xlsx_bytes(frames: dict[str, pd.DataFrame]) -> bytes:
    """One sheet per layer/table; layers get ``lon``/``lat`` of a point on each feature."""
    sheets = {}
    for name, frame in frames.items():
        if isinstance(frame, gpd.GeoDataFrame):
            pts = frame.geometry.representative_point()
            table = pd.DataFrame(frame.drop(columns=frame.geometry.name))
            table["geometry_type"] = frame.geometry.geom_type.to_numpy()
            table["lon"], table["lat"] = pts.x.round(6).to_numpy(), pts.y.round(6).to_numpy()
            sheets[name] = table
        else:
            sheets[name] = frame
    return to_xlsx(sheets)
