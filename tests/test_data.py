"""Loaders return data with metadata; the shipped files are what the generator writes."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from geo.files.readers import load, load_all
from geo.model.catalog import load_catalog
from geo.model.paths import DATA_DIR, ROOT
from geo.schematic.build import build_all


def test_every_catalogued_layer_loads_with_its_metadata():
    data = load_all()
    catalog = load_catalog()
    assert set(data) == {e.id for e in catalog.values() if e.kind in ("layer", "table")}
    for name, ds in data.items():
        assert len(ds.frame) > 0, name
        assert ds.entry.source and ds.entry.licence and ds.entry.date, name
        assert ds.entry.title_zh and ds.entry.title_en, name
        if ds.entry.kind == "layer":
            assert ds.frame.crs.to_epsg() == 4326
            expected = {"reference"} if ds.entry.nature == "reference" else {"schematic"}
            assert set(ds.frame["geom_source"]) == expected, name
            if ds.entry.nature == "reference":  # the public 临淄区 outline: labelled, not 示意
                assert "GCJ-02" in ds.entry.source and ds.entry.note_zh and ds.entry.note_en
                continue
            assert ds.schematic, f"{name} has schematic geometry but is not flagged"


def test_unknown_layer_is_a_clear_error():
    with pytest.raises(KeyError, match="no layer or table named 'nope'"):
        load("nope")


def test_counts_required_by_the_brief():
    data = load_all()
    assert len(data["villages"].frame) == 37
    assert len(data["meal_points"].frame) == 37
    assert len(data["solar_lamps"].frame) == 85
    assert data["trusteeship"].frame["village"].nunique() == 28
    assert data["trusteeship"].frame["trusteeship_mu"].sum() == 10000
    assert (data["trusteeship"].frame["collective_income_wan"] > 20).all()
    assert data["farmland_upgrade"].frame["area_mu"].sum() == 11400
    assert {"南齐陵", "前李"} <= set(data["farmland_upgrade"].frame["village"])
    assert set(data["demo_zones"].frame["zone_id"]) == {"north", "south", "east"}
    assert set(data["planning_zones"].frame["zone_id"]) == {
        "basic_farmland",
        "heritage",
        "scenic_core",
    }


def test_placeholder_villages_are_marked():
    v = load("villages").frame
    placeholders = v[~v["name_confirmed"]]
    assert len(placeholders) == 37 - 18
    assert placeholders["name"].str.endswith("（待核实）").all()


def test_projects_cover_the_report():
    p = load("projects").frame
    names = " ".join(p["name"])
    for word in ["淄东商业街", "淄东公园", "淄东儿童乐园", "淄东创业中心", "牛山路雨污分流", "美陵公司",
                 "茂隆科技园", "茂隆科创城", "中央厨房", "正诺特种设备", "正诺职业培训学校", "齐昊新能源",
                 "柳店新能源", "普浩合作社", "乐采合作社", "番茄", "齐陵中学", "第二幼儿园", "齐陵小学",
                 "中心幼儿园", "淄水社区卫生服务站", "120", "齐陵分院", "东郡路", "门前路门头", "刘家终村改造",
                 "安置用地", "出让土地", "蓝庭环保", "拖拉机", "高标准基本农田", "鲁供齐丰", "粮食烘干",
                 "齐心", "第三条经典线路"]:  # fmt: skip
        assert word in names, word
    assert set(p["year"]) == {2023, 2024}
    kg = p[p["subject_id"] == "kindergarten_2"].set_index("year")["investment_wan"]
    assert kg[2023] == 3690 and kg[2024] == 4965


def test_shipped_data_is_what_the_generator_writes(tmp_path: Path):
    for name in ("report_2023_2024.txt", "facts.csv", "catalog.json", "texts.json"):
        (tmp_path / name).write_bytes((DATA_DIR / name).read_bytes())
    built = build_all(tmp_path)
    for name, obj in built.items():
        suffix = ".geojson" if hasattr(obj, "geometry") else ".csv"
        assert (tmp_path / f"{name}{suffix}").read_bytes() == (
            DATA_DIR / f"{name}{suffix}"
        ).read_bytes(), name


def test_geo_never_imports_streamlit():
    for path in (ROOT / "geo").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            assert not any(n.split(".")[0] in ("streamlit", "streamlit_folium") for n in names), (
                path.name
            )
