"""Files with several layers or sheets: zipped File Geodatabase (.gdb), GeoPackage, Excel."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
from shapely.geometry import LineString, Point, box

from geo.ingest import pipeline as importer
from geo.model.errors import DataError
from tests.test_import import EDITOR, NEW, _distances, _inside, new_projects

ROADS = gpd.GeoDataFrame(
    {"名称": ["测试路"]},
    geometry=[LineString(box(118.39, 36.77, 118.391, 36.771).exterior.coords)],
    crs=4326,
)


def gdb_zip(tmp_path: Path, with_folder: bool = True) -> bytes:
    """A File Geodatabase (CGCS2000 Gauss-Krüger) with a road layer and a project layer, zipped."""
    gdb = tmp_path / "确权成果.gdb"
    pyogrio.write_dataframe(ROADS.to_crs(4548), gdb, layer="道路", driver="OpenFileGDB")
    pyogrio.write_dataframe(new_projects().to_crs(4548), gdb, layer="项目", driver="OpenFileGDB",
                            layer_options={"TARGET_ARCGIS_VERSION": "ARCGIS_PRO_3_2_OR_LATER"})  # fmt: skip
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for p in gdb.rglob("*"):
            zf.write(p, p.relative_to(tmp_path if with_folder else gdb))
    return buf.getvalue()


def test_gdal_can_write_and_read_a_file_geodatabase():
    drivers = pyogrio.list_drivers()
    assert "OpenFileGDB" in drivers and "w" in drivers["OpenFileGDB"]


@pytest.mark.parametrize("with_folder", [True, False])
def test_zipped_gdb_lists_its_layers_and_reads_the_chosen_one(tmp_path, with_folder):
    data = gdb_zip(tmp_path, with_folder)
    first = importer.read_upload("确权成果.gdb.zip", data)
    assert (first.kind, first.layers, first.layer) == ("gdb", ["道路", "项目"], "道路")
    assert (
        first.crs.to_epsg() == 4548 and ("several_layers", {"used": "道路", "n": 2}) in first.notes
    )
    chosen = importer.read_upload("确权成果.gdb.zip", data, layer="项目")
    assert chosen.layer == "项目" and list(chosen.frame["名称"]) == [n for n, _, _ in NEW]
    with pytest.raises(DataError) as err:
        importer.read_upload("确权成果.gdb.zip", data, layer="没有")
    assert err.value.code == "no_such_layer" and "道路、项目" in err.value.zh


def test_a_gdb_layer_is_imported_to_its_true_position(store, tmp_path):
    data = gdb_zip(tmp_path)
    frames = store.frames()
    source = importer.read_upload("确权成果.gdb.zip", data, layer="项目")
    proposal = importer.propose(source, "projects", frames)
    assert proposal.crs.epsg == 4548
    preview = importer.prepare(source, proposal.plan, frames)
    assert preview.ok, [i.message("en") for i in preview.errors]
    importer.commit(preview, store, EDITOR, "确权成果")
    projects = store.layer("projects")
    mine = projects[projects["name"].isin([n for n, _, _ in NEW])]
    assert len(mine) == 3 and _distances(mine, [(x, y) for _, x, y in NEW]).max() < 1.0
    assert _inside(store, mine)


def test_geopackage_layer_choice(tmp_path):
    path = tmp_path / "two.gpkg"
    pyogrio.write_dataframe(ROADS, path, layer="roads")
    pyogrio.write_dataframe(new_projects(), path, layer="projects")
    pd_table = pd.DataFrame({"a": [1]})
    pyogrio.write_dataframe(pd_table, path, layer="notes")
    source = importer.read_upload("two.gpkg", path.read_bytes())
    assert source.layers == ["roads", "projects", "notes"] and source.layer == "roads"
    source = importer.read_upload("two.gpkg", path.read_bytes(), layer="projects")
    assert len(source.frame) == 3 and source.frame.geometry.iloc[0].equals(Point(*NEW[0][1:]))


def xlsx_two_sheets() -> bytes:
    buf = io.BytesIO()
    with pd.ExcelWriter(buf) as xl:
        pd.DataFrame({"说明": ["本表为封面"]}).to_excel(xl, sheet_name="封面", index=False)
        pd.DataFrame({"名称": [n for n, _, _ in NEW], "经度": [x for _, x, _ in NEW],
                      "纬度": [y for _, _, y in NEW]}).to_excel(xl, sheet_name="项目点位", index=False)  # fmt: skip
    return buf.getvalue()


def test_xlsx_sheet_choice():
    data = xlsx_two_sheets()
    first = importer.read_upload("book.xlsx", data)
    assert first.layers == ["封面", "项目点位"] and first.layer == "封面"
    assert ("several_sheets", {"used": "封面", "n": 2}) in first.notes
    second = importer.read_upload("book.xlsx", data, layer="项目点位")
    assert list(second.frame["名称"]) == [n for n, _, _ in NEW]
