"""The reference outline of 临淄区 (Linzi District): GCJ-02 in, WGS 84 out.

Written once into ``data/district_outline.geojson`` by ``python -m geo district SRC`` from the
public outline (``shared/reference/linzi_district_gcj02.geojson``, DataV.GeoAtlas via the GitHub
repository ``anzhou99/GeoJsons``). It places and checks the schematic subdistrict; it is not a
survey and is labelled so.
"""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry import shape

from geo.files.geojson import write_geojson
from geo.model.coords import gcj02_to_wgs84, transform_geometry

FILE = "district_outline.geojson"
SOURCE = (
    "DataV.GeoAtlas 临淄区 outline (adcode 370305), via github.com/anzhou99/GeoJsons "
    "370300_full.json @ae33047 (2021-08-16); GCJ-02 converted to WGS 84 by geo.model.coords"
)
ACCURACY = "national-scale outline, tens to about a hundred metres; a reference, not a survey"


def district_outline(src: Path) -> gpd.GeoDataFrame:
    """The 临淄区 feature of a GCJ-02 GeoJSON file, converted to WGS 84 (6 decimals)."""
    raw = json.loads(Path(src).read_text(encoding="utf-8"))
    feats = [f for f in raw["features"] if f["properties"].get("adcode") == 370305]
    if len(feats) != 1:
        raise ValueError(f"{src}: expected one 临淄区 (adcode 370305) feature, found {len(feats)}")
    geom = transform_geometry(shape(feats[0]["geometry"]), gcj02_to_wgs84)
    geom = shapely.make_valid(shapely.set_precision(geom, 1e-6, mode="pointwise"))
    row = {"name": "临淄区", "name_en": "Linzi District", "adcode": 370305, "source": SOURCE,
           "accuracy": ACCURACY, "datum_source": "GCJ-02", "geom_source": "reference"}  # fmt: skip
    return gpd.GeoDataFrame([row], geometry=[geom], crs="EPSG:4326")


def write_district_outline(src: Path, data_dir: Path) -> Path:
    path = Path(data_dir) / FILE
    write_geojson(district_outline(src), path)
    return path
