"""Import of real-shaped survey files: every format, CRS and datum detection, mapping, commit.

The samples are built in ``tmp_path`` the way survey offices deliver them: a GBK Shapefile in
CGCS2000 Gauss-Krüger without ``.cpg``, a KML from a GPS app, an Excel sheet of points picked
on 高德 (GCJ-02), GeoJSON, GeoPackage and CSV. After the commit the features must sit back on
their WGS 84 positions, inside the subdistrict, within a metre.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import Point, Polygon

from geo.ingest import pipeline as importer
from geo.ingest.columns import suggest_mapping, unit_factor
from geo.maps.mapping import build_map
from geo.maps.options import MapOptions
from geo.model.coords import haversine_m, wgs84_to_bd09, wgs84_to_gcj02
from geo.model.errors import DataError
from geo.store.postgis import PostgisStore
from geo.store.postgis_tx import PostgisTransaction
from geo.store.sqlite import SqliteTransaction
from geo.store.users import User

EDITOR = User("editor1", "editor")
# Centred on the subdistrict's centroid: the range-based CRS guess tells UTM 50N from CGCS2000
# GK CM117E (the same projection but for a 0.9996 scale, ~1.6 km here) by the distance to it.
NEW = [("齐陵测试新项目一", 118.3530, 36.8100), ("齐陵测试新项目二", 118.3730, 36.8000),
       ("齐陵测试新项目三", 118.3630, 36.8060)]  # fmt: skip


def zip_of(files: dict[str, bytes]) -> bytes:
    """A zip archive of name → bytes."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buf.getvalue()


def new_projects() -> gpd.GeoDataFrame:
    """Three new planned projects in WGS 84 with Chinese headers."""
    return gpd.GeoDataFrame(
        {"名称": [n for n, _, _ in NEW], "投资": [120.5, 80.0, 3000.0], "年度": [2024] * 3,
         "类别": ["民生", "乡村振兴示范片", "民生"], "状态": ["计划", "已立项", "计划"]},
        geometry=[Point(x, y) for _, x, y in NEW], crs="EPSG:4326",
    )  # fmt: skip


def shapefile_zip(tmp_path: Path, gdf: gpd.GeoDataFrame, epsg: int, prj: bool = True) -> bytes:
    """A GBK-encoded Shapefile in ``epsg``, zipped without its .cpg (and .prj if asked)."""
    folder = tmp_path / f"shp{epsg}"
    folder.mkdir()
    gdf.to_crs(epsg).to_file(folder / "survey.shp", encoding="GBK")
    (folder / "survey.cpg").unlink()
    if not prj:
        (folder / "survey.prj").unlink()
    return zip_of({p.name: p.read_bytes() for p in folder.iterdir()})


def run(store, name: str, data: bytes, target: str = "projects", **plan) -> importer.Preview:
    """Read, detect and preview like the import page does, with ``plan`` overrides; the
    editor states the file comes from GPS/survey (WGS 84) unless ``source`` says otherwise."""
    plan.setdefault("source", "gps")
    frames = store.frames()
    source = importer.read_upload(name, data)
    proposal = importer.propose(source, target, frames)
    for key, value in plan.items():
        setattr(proposal.plan, key, value)
    return importer.prepare(source, proposal.plan, frames)


def _distances(gdf: gpd.GeoDataFrame, points: list[tuple[float, float]]) -> np.ndarray:
    got = gdf.geometry.representative_point()
    return np.array([haversine_m(g.x, g.y, x, y) for g, (x, y) in zip(got, points)])


def _inside(store, gdf) -> bool:
    return bool(gdf.geometry.within(store.layer("boundary").union_all()).all())


def test_gbk_shapefile_in_gauss_kruger_without_cpg(store, tmp_path):
    data = shapefile_zip(tmp_path, new_projects(), 4548)
    source = importer.read_upload("survey.zip", data)
    assert (source.kind, source.encoding, source.crs.to_epsg()) == ("shapefile", "GB18030", 4548)
    assert list(source.frame["名称"]) == [n for n, _, _ in NEW]
    preview = run(store, "survey.zip", data)
    assert preview.ok, [i.message("en") for i in preview.errors]
    assert set(preview.frame["category"]) == {"livelihood", "rural_revitalization"}
    assert list(preview.frame["investment_wan"]) == [120.5, 80.0, 3000.0]
    commit = importer.commit(preview, store, EDITOR, "survey delivery")
    projects = store.layer("projects")
    mine = projects[projects["name"].isin([n for n, _, _ in NEW])]
    assert len(mine) == 3 and set(mine["geom_source"]) == {"imported"}
    assert _distances(mine, [(x, y) for _, x, y in NEW]).max() < 1.0
    assert _inside(store, mine) and mine["village"].notna().all()
    assert store.commits(1)[0].id == commit and store.commits(1)[0].user == "editor1"


@pytest.mark.parametrize("epsg", [4548, 4549, 32650, 4527])
def test_crs_is_found_from_coordinate_ranges_when_the_prj_is_missing(store, tmp_path, epsg):
    data = shapefile_zip(tmp_path, new_projects(), epsg, prj=False)
    proposal = importer.propose(importer.read_upload("s.zip", data), "projects", store.frames())
    assert proposal.crs.basis == "range" and proposal.crs.epsg == epsg
    preview = run(store, "s.zip", data)
    assert _distances(preview.frame, [(x, y) for _, x, y in NEW]).max() < 1.0


def test_kml_with_chinese_extended_data(store):
    marks = "".join(
        f"<Placemark><name>{n}</name><ExtendedData><Data name='投资'><value>{i * 10}</value></Data>"
        f"<Data name='年度'><value>2024</value></Data><Data name='类别'><value>民生</value></Data>"
        f"<Data name='状态'><value>计划</value></Data></ExtendedData>"
        f"<Point><coordinates>{x},{y},0</coordinates></Point></Placemark>"
        for i, (n, x, y) in enumerate(NEW, 1)
    )
    line = ("<Placemark><name>测试道路</name><ExtendedData><Data name='年度'><value>2024</value></Data>"
            "</ExtendedData><LineString><coordinates>118.365,36.815 118.375,36.820</coordinates></LineString></Placemark>")  # fmt: skip
    kml = f'<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document><Folder>{marks}{line}</Folder></Document></kml>'
    preview = run(
        store,
        "gps.kml",
        kml.encode("utf-8"),
        defaults={"category": "livelihood", "status": "planned"},
        source="gps",
    )
    assert preview.ok, [i.message("en") for i in preview.errors]
    assert list(preview.frame["investment_wan"][:3]) == [10.0, 20.0, 30.0]
    assert preview.frame.geometry.iloc[3].geom_type == "LineString"
    importer.commit(preview, store, EDITOR)
    assert "测试道路" in set(store.layer("projects")["name"])


def test_xlsx_of_gcj02_points_is_detected_and_corrected(store, tmp_path):
    projects = store.layer("projects")
    sample = projects[projects.geometry.geom_type == "Point"].head(5)
    truth = [(g.x, g.y) for g in sample.geometry]
    gx, gy = wgs84_to_gcj02(np.array([p[0] for p in truth]), np.array([p[1] for p in truth]))
    sheet = pd.DataFrame({"项目名称": sample["name"].to_numpy(), "年度": sample["year"].to_numpy(),
                          "经度": gx, "纬度": gy, "投资（万元）": [11.0, 22.0, 33.0, 44.0, 55.0]})  # fmt: skip
    buf = io.BytesIO()
    sheet.to_excel(buf, index=False)
    frames = store.frames()
    source = importer.read_upload("amap_points.xlsx", buf.getvalue())
    proposal = importer.propose(source, "projects", frames)
    assert proposal.plan.xy == ("经度", "纬度")
    assert proposal.datum.datum == "gcj02" and proposal.datum.basis == "names"
    assert proposal.datum.matched == 5 and proposal.datum.scores["wgs84"] > 300
    preview = importer.prepare(source, proposal.plan, frames)
    assert preview.ok, [i.message("en") for i in preview.errors]
    assert _distances(preview.frame, truth).max() < 1.0
    assert {i.code for i in preview.issues} >= {"will_update", "id_matched"}
    importer.commit(preview, store, EDITOR)
    after = store.layer("projects").set_index("project_id").loc[sample["project_id"]]
    assert list(after["investment_wan"]) == [11.0, 22.0, 33.0, 44.0, 55.0]
    for col in ("fact_ids", "name_en", "section", "village", "category"):  # not in the sheet: kept
        assert list(after[col]) == list(sample[col]), col
    assert _distances(after.reset_index(), truth).max() < 1.0


@pytest.mark.parametrize(("columns", "basis"), [(["name"], "names"), ([], "nearest")])
def test_gcj02_points_under_a_neutral_name_are_detected_from_the_data(store, columns, basis):
    pois = store.layer("pois")
    truth = [(g.x, g.y) for g in pois.geometry]
    gx, gy = wgs84_to_gcj02(np.array([p[0] for p in truth]), np.array([p[1] for p in truth]))
    table = pd.DataFrame({"lon": gx, "lat": gy, "name": pois["name"].to_numpy()})[
        ["lon", "lat", *columns]
    ]
    frames = store.frames()
    source = importer.read_upload("points.csv", table.to_csv(index=False).encode())
    proposal = importer.propose(source, "pois", frames)
    assert (proposal.datum.datum, proposal.datum.basis) == ("gcj02", basis)
    assert proposal.datum.scores["wgs84"] > 400 > 1 > proposal.datum.scores["gcj02"]
    proposal.plan.mapping.setdefault("name", "lon")  # a name is required; any column will do
    preview = importer.prepare(source, proposal.plan, frames)
    assert _distances(preview.frame, truth).max() < 1.0


def test_a_stated_source_the_data_contradicts_is_a_warning(store):
    pois = store.layer("pois")
    gx, gy = wgs84_to_gcj02(np.array(pois.geometry.x), np.array(pois.geometry.y))
    csv = pd.DataFrame({"name": pois["name"], "lon": gx, "lat": gy}).to_csv(index=False)
    preview = run(store, "points.csv", csv.encode(), target="pois", source="gps")
    assert "datum_disagrees" in {i.code for i in preview.issues if i.severity == "warning"}


@pytest.mark.parametrize("name", ["baidu.csv", "gcj02_wgs84.csv", "points.csv"])
def test_new_baidu_points_are_asked_about_whatever_the_file_name(store, name):
    bx, by = wgs84_to_bd09(np.array([x for _, x, _ in NEW]), np.array([y for _, _, y in NEW]))
    csv = pd.DataFrame({"name": ["甲", "乙", "丙"], "lng": bx, "lat": by}).to_csv(index=False)
    frames = store.frames()
    source = importer.read_upload(name, csv.encode())
    proposal = importer.propose(source, "pois", frames)
    assert proposal.datum.datum is None and proposal.plan.datum is None  # cannot tell: asks
    preview = importer.prepare(source, proposal.plan, frames)
    assert [i.code for i in preview.errors] == ["datum_undecided"]
    assert set(preview.placements) == {"wgs84", "gcj02", "bd09"}  # shown side by side
    with pytest.raises(DataError):
        importer.commit(preview, store, EDITOR)
    preview = run(store, name, csv.encode(), target="pois", source="baidu")  # the editor says
    assert preview.ok and _distances(preview.frame, [(x, y) for _, x, y in NEW]).max() < 1.0


def test_geojson_polygons_with_an_invalid_one_repaired(store):
    bowtie = [
        [118.375, 36.805],
        [118.385, 36.815],
        [118.385, 36.805],
        [118.375, 36.815],
        [118.375, 36.805],
    ]
    square = [
        [118.355, 36.825],
        [118.360, 36.825],
        [118.360, 36.830],
        [118.355, 36.830],
        [118.355, 36.825],
    ]
    fc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"村": "杨西", "面积（亩）": 120}, "geometry": {"type": "Polygon", "coordinates": [bowtie]}},
        {"type": "Feature", "properties": {"村": "南山", "面积（亩）": 80}, "geometry": {"type": "Polygon", "coordinates": [square]}},
    ]}  # fmt: skip
    preview = run(
        store,
        "farmland.geojson",
        json.dumps(fc, ensure_ascii=False).encode(),
        target="farmland_upgrade_areas",
    )
    assert preview.ok, [i.message("en") for i in preview.errors]
    repaired = [i for i in preview.issues if i.code == "repaired"]
    assert (
        repaired and repaired[0].rows == (0,) and "Self-intersection" in repaired[0].message("en")
    )
    assert preview.frame.geometry.is_valid.all()
    assert preview.frame.geometry.iloc[0].geom_type == "MultiPolygon"
    importer.commit(preview, store, EDITOR)
    assert store.layer("farmland_upgrade_areas").set_index("village").loc["杨西", "area_mu"] == 120


def test_geopackage_points(store, tmp_path):
    gdf = gpd.GeoDataFrame(
        {"名称": ["观景台", "停车场"]},
        geometry=[Point(118.365, 36.785), Point(118.370, 36.787)],
        crs=4490,
    )
    path = tmp_path / "pois.gpkg"
    gdf.to_file(path, layer="poi", driver="GPKG")
    preview = run(store, "pois.gpkg", path.read_bytes(), target="pois")
    assert preview.ok and len(preview.frame) == 2
    importer.commit(preview, store, EDITOR)
    assert {"观景台", "停车场"} <= set(store.layer("pois")["name"])


def test_csv_points_and_a_trusteeship_table(store):
    rows = "\n".join(f"{n},{x},{y},{i * 100},2024,民生,计划" for i, (n, x, y) in enumerate(NEW, 1))
    csv = "名称,经度,纬度,投资（万元）,年度,类别,状态\n" + rows
    preview = run(store, "points.csv", csv.encode("utf-8-sig"))
    assert preview.ok and list(preview.frame["investment_wan"]) == [100.0, 200.0, 300.0]
    table = "村名,年度,托管面积（亩）,集体收入（万元）\n齐家终,2023,500,30.5\n"
    preview = run(store, "trust.csv", table.encode(), target="trusteeship")
    assert preview.ok and [i.code for i in preview.issues if i.severity == "info"] == [
        "will_add",
        "will_update",
    ]
    importer.commit(preview, store, EDITOR, "village report")
    row = store.layer("trusteeship").set_index("village").loc["齐家终"]
    assert (row["trusteeship_mu"], row["collective_income_wan"], row["value_source"]) == (
        500,
        30.5,
        "imported",
    )


def test_mapping_suggestions_read_chinese_headers():
    mapping = suggest_mapping(
        ["项目名称", "所属村", "投资（万元）", "年份", "建设状态", "类型"], "projects"
    )
    assert mapping == {"name": "项目名称", "village": "所属村", "investment_wan": "投资（万元）",
                       "year": "年份", "status": "建设状态", "category": "类型"}  # fmt: skip
    assert suggest_mapping(["村名", "面积"], "farmland_upgrade_areas") == {
        "village": "村名",
        "area_mu": "面积",
    }
    assert suggest_mapping(["村名", "户数", "人口"], "villages") == {
        "name": "村名",
        "households": "户数",
        "population": "人口",
    }
    assert unit_factor("投资（元）", "investment_wan") == 1e-4
    assert (
        unit_factor("面积（公顷）", "area_mu") == 15
        and unit_factor("投资（亿元）", "investment_wan") == 1e4
    )


def test_units_in_headers_are_converted(store):
    csv = "名称,经度,纬度,投资（元）,年度,类别,状态\n测试,118.375,36.805,1200000,2024,民生,计划\n"
    preview = run(store, "yuan.csv", csv.encode())
    assert preview.frame["investment_wan"].iloc[0] == pytest.approx(120.0)
    assert any(i.code == "unit_converted" for i in preview.issues)


def test_progress_is_reported_during_the_commit(store, tmp_path):
    preview = run(store, "survey.zip", shapefile_zip(tmp_path, new_projects(), 4548))
    calls = []
    importer.commit(
        preview, store, EDITOR, progress=lambda done, total: calls.append((done, total)), every=2
    )
    assert calls == [(2, 3), (3, 3)]


def test_an_import_failing_midway_leaves_the_store_unchanged(store, tmp_path, monkeypatch):
    preview = run(store, "survey.zip", shapefile_zip(tmp_path, new_projects(), 4548))
    before = store.checksum()
    tx_class = PostgisTransaction if isinstance(store, PostgisStore) else SqliteTransaction
    real_put, calls = tx_class.put, []

    def flaky_put(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise OSError("disk full")
        return real_put(self, *args, **kwargs)

    monkeypatch.setattr(tx_class, "put", flaky_put)
    with pytest.raises(OSError, match="disk full"):
        importer.commit(preview, store, EDITOR)
    assert len(calls) == 3 and store.checksum() == before


def test_replace_mode_swaps_the_layer_and_the_old_one_can_be_restored(store):
    seed = store.revision()
    fc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "实测景点"}, "geometry": {"type": "Point", "coordinates": [118.365, 36.785]}}]}  # fmt: skip
    preview = run(
        store,
        "pois.geojson",
        json.dumps(fc).encode(),
        target="pois",
        mode="replace",
        geom_source="surveyed",
    )
    assert any(i.code == "will_delete" for i in preview.issues)
    importer.commit(preview, store, EDITOR)
    pois = store.layer("pois")
    assert list(pois["name"]) == ["实测景点"] and list(pois["geom_source"]) == ["surveyed"]
    assert store.layer_meta("pois")["imported_from"] == "pois.geojson"
    store.restore_layer("pois", seed, "editor1", "back to the schematic POIs")
    assert len(store.layer("pois")) == 3


def test_imported_projects_appear_on_the_one_map(store, tmp_path):
    importer.commit(
        run(store, "survey.zip", shapefile_zip(tmp_path, new_projects(), 4548)), store, EDITOR
    )
    frames = store.frames()
    new_ids = frames["projects"][frames["projects"]["name"] == NEW[0][0]]["project_id"]
    html = build_map(frames, MapOptions()).get_root().render()
    assert f'"fid": "project:{new_ids.iloc[0]}"' in html


def test_commit_needs_an_editor(store, tmp_path):
    from geo.model.errors import PermissionDenied

    preview = run(store, "survey.zip", shapefile_zip(tmp_path, new_projects(), 4548))
    before = store.checksum()
    for who in (None, User("someone", "viewer")):
        with pytest.raises(PermissionDenied) as err:
            importer.commit(preview, store, who)
        assert "editor" in err.value.en and "编辑" not in err.value.en
    assert store.checksum() == before


def test_polygon_geometry_types_allowed_for_projects(store):
    fc = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"名称": "地块", "年度": 2024},
          "geometry": json.loads(json.dumps(Polygon([(118.375, 36.805), (118.376, 36.805), (118.376, 36.806)]).__geo_interface__))}]}  # fmt: skip
    preview = run(store, "p.geojson", json.dumps(fc, ensure_ascii=False).encode(),
                  defaults={"category": "livelihood", "status": "planned"})  # fmt: skip
    assert preview.ok


@pytest.mark.parametrize("layer", ["projects", "villages", "pois", "trusteeship"])
def test_importing_the_same_data_again_writes_nothing(store, layer):
    from geo.store.export import geojson_bytes

    frames = store.frames()
    table = frames[layer]
    name, data = (
        ("t.csv", table.to_csv(index=False).encode())
        if layer == "trusteeship"
        else ("x.geojson", geojson_bytes(table))
    )
    before, audit = store.checksum(), len(store.changes(None, 100_000))
    preview = run(store, name, data, target=layer)
    assert preview.ok, [i.message("en") for i in preview.errors]
    assert importer.commit(preview, store, EDITOR) is None
    assert store.checksum() == before and len(store.changes(None, 100_000)) == audit


def test_an_edit_between_preview_and_commit_is_kept_or_refused(store):
    from geo.model.errors import ConflictError
    from geo.store import edits

    projects = store.layer("projects")
    sample = projects[projects.geometry.geom_type == "Point"].head(2)
    gdf = gpd.GeoDataFrame({"project_id": sample["project_id"], "投资": [11.0, 22.0]},
                           geometry=list(sample.geometry), crs="EPSG:4326")  # fmt: skip
    data = gdf.to_json().encode()
    preview = run(store, "p.geojson", data)
    first, second = sample["project_id"]
    edits.update_project(store, EDITOR, first, status="planned")  # another field: kept
    edits.update_project(store, EDITOR, second, investment_wan=999)  # the same field: a clash
    before = store.checksum()
    with pytest.raises(ConflictError) as err:
        importer.commit(preview, store, EDITOR)
    assert "editor1 changed it at" in err.value.detail_lines("en")[-1]
    assert store.checksum() == before
    preview = run(store, "p.geojson", data)
    importer.commit(preview, store, EDITOR)
    after = store.layer("projects").set_index("project_id")
    assert (after.at[first, "status"], after.at[first, "investment_wan"]) == ("planned", 11.0)


def test_national_survey_field_names_are_mapped_and_names_of_people_never_imported(store, tmp_path):
    polys = [Polygon([(118.39, 36.77), (118.392, 36.77), (118.392, 36.772), (118.39, 36.772)]),
             Polygon([(118.40, 36.78), (118.402, 36.78), (118.402, 36.782), (118.40, 36.782)])]  # fmt: skip
    gdf = gpd.GeoDataFrame(
        {"DKBM": ["3703050012010001", "3703050012010002"], "DKMC": ["东大地", "南洼"],
         "CBFBM": ["370305001201000101", "370305001201000102"], "CBFMC": ["张三", "李四"],
         "SCMJM": [3.2, 1.5], "DLMC": ["水浇地", "旱地"], "DLBM": ["0102", "0103"],
         "ZLDWMC": ["杨西", "杨西"]},
        geometry=polys, crs="EPSG:4326",
    )  # fmt: skip
    data = shapefile_zip(tmp_path, gdf, 4548)
    frames = store.frames()
    source = importer.read_upload("DK.zip", data)
    assert suggest_mapping(list(source.frame.columns), "farmland_upgrade_areas") == {
        "village": "ZLDWMC", "area_mu": "SCMJM"}  # fmt: skip
    assert suggest_mapping(list(source.frame.columns), "liujiazhong_blocks") == {
        "block": "DKMC", "land_use": "DLMC"}  # fmt: skip
    assert suggest_mapping(["DKBM", "CBFBM", "CBFMC", "HTMJM", "CUNMC"], "plots") == {
        "plot_id": "DKBM", "holder_code": "CBFBM", "area_mu": "HTMJM", "village": "CUNMC"}  # fmt: skip
    assert suggest_mapping(["MJ_MU", "DLBM"], "liujiazhong_blocks")["land_use"] == "DLBM"
    assert suggest_mapping(["MJ_MU"], "farmland_upgrade_areas") == {"area_mu": "MJ_MU"}
    preview = importer.prepare(
        source, importer.propose(source, "farmland_upgrade_areas", frames).plan, frames
    )
    assert list(preview.frame["area_mu"]) == [3.2, 1.5]
    assert "personal_skipped" in {i.code for i in preview.issues}
    assert not any(
        "张三" in str(v) for v in preview.frame.drop(columns="geometry").to_numpy().ravel()
    )
