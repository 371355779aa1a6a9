"""Where the schematic map is drawn: inside 临淄区, consistent with the report and context.md."""

from __future__ import annotations

import shutil

import geopandas as gpd
import pytest
from shapely.affinity import translate
from shapely.geometry import Point

from geo.checks.dataset import check_dataset
from geo.checks.placement import check_placement
from geo.files.geojson import write_geojson
from geo.files.readers import load_all
from geo.model import units
from geo.model.paths import DATA_DIR
from geo.store import open_store


@pytest.fixture
def frames():
    return {k: v.frame.copy() for k, v in load_all().items()}


def test_shipped_data_is_placed_right(frames):
    assert check_placement(frames) == []
    sub = units.to_projected(frames["boundary"].union_all())
    district = units.to_projected(frames["district_outline"].union_all())
    assert sub.intersection(district).area / sub.area >= 0.99
    assert abs(sub.area / 1e6 - 56.17) < 0.01
    # against the south / south-east edge: the subdistrict reaches within 500 m of it
    assert (
        sub.distance(district.exterior if district.geom_type == "Polygon" else district.boundary)
        < 500
    )


def test_subdistrict_moved_south_into_qingzhou_is_named(frames):
    frames["boundary"]["geometry"] = [translate(g, 0, -0.045) for g in frames["boundary"].geometry]
    msgs = [m for _, m in check_placement(frames)]
    assert any("inside the 临淄区 outline" in m for m in msgs), msgs


def test_tourist_road_outside_or_across_the_river_is_named(frames):
    road = frames["tourist_road"]
    road.loc[road.index[0], "geometry"] = translate(road.geometry.iloc[0], -0.02, 0)
    msgs = [m for _, m in check_placement(frames)]
    assert any("lies outside the subdistrict" in m for m in msgs), msgs
    assert any("crosses the 淄河" in m for m in msgs), msgs


def test_siwang_tombs_on_niushan_are_named(frames):
    hills = frames["hills"].set_index("name")
    centre = hills.geometry["牛山"].centroid
    h = frames["heritage_sites"]
    h.loc[h["name"] == "田齐王陵·四王冢", "geometry"] = Point(centre.x, centre.y)
    msgs = [m for _, m in check_placement(frames)]
    assert any("四王冢 overlaps 牛山" in m for m in msgs), msgs


def test_site_crossing_into_another_village_is_named(frames):
    p = frames["projects"]
    i = p.index[p["project_id"] == "kindergarten_2-2024"][0]
    p.loc[i, "village"] = "王齐" if p.loc[i, "village"] != "王齐" else "杨西"
    msgs = [m for _, m in check_placement(frames)]
    assert any("kindergarten_2-2024" in m and "assigned" in m for m in msgs), msgs


def test_undecided_site_has_no_geometry_and_says_so(frames):
    p = frames["projects"].set_index("project_id")
    assert p.loc["shanghai_tractor-2024", "site_undecided"] is True or bool(
        p.loc["shanghai_tractor-2024", "site_undecided"]
    )
    assert p.geometry["shanghai_tractor-2024"] is None
    assert "选址未定" in p.loc["shanghai_tractor-2024", "name"]
    assert not p["site_undecided"].drop("shanghai_tractor-2024").astype(bool).any()
    frames["projects"].loc[
        frames["projects"]["project_id"] == "shanghai_tractor-2024", "geometry"
    ] = Point(118.4, 36.81)
    msgs = [m for _, m in check_placement(frames)]
    assert any("site_undecided but drawn" in m for m in msgs), msgs


def test_a_located_project_without_geometry_is_still_a_problem(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    p = gpd.read_file(data / "projects.geojson")
    p.loc[p["project_id"] == "zidong_park-2023", "geometry"] = None
    write_geojson(p, data / "projects.geojson")
    assert any(
        "zidong_park-2023" in str(x) and "no geometry" in str(x) for x in check_dataset(data)
    )


def test_store_keeps_an_undecided_record_without_geometry(tmp_path):
    store = open_store(DATA_DIR, tmp_path / "q.sqlite")
    projects = store.frames()["projects"]
    row = projects[projects["project_id"] == "shanghai_tractor-2024"].iloc[0]
    assert row.geometry is None and bool(row["site_undecided"])
    with store.transaction("tester", "status update") as tx:
        tx.put("projects", row.to_dict() | {"status": "approved", "geometry": None})
    again = store.frames()["projects"].set_index("project_id").loc["shanghai_tractor-2024"]
    assert again["status"] == "approved" and again.geometry is None
    bad = projects[projects["project_id"] == "zidong_park-2023"].iloc[0].to_dict()
    with pytest.raises(ValueError, match="no geometry"):
        with store.transaction("tester", "drop a site") as tx:
            tx.put("projects", bad | {"geometry": None})
