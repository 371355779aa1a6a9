"""AppTest of the import page: upload, detection, preview, commit; then the map shows it."""

from __future__ import annotations

import io
import json

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from geo.maps.import_preview import PLACEMENT_COLOURS
from geo.model.coords import wgs84_to_gcj02
from geo.model.paths import ROOT, SHIPPED_DATA_DIR
from geo.store import open_store
from geo.store import users as accounts
from geo.store.users import User
from tests.apptest_util import feature_ids, map_args, run_page, sign_in
from tests.test_import_layers import gdb_zip, xlsx_two_sheets

EDITOR = User("editor1", "editor")
NEW = {"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"名称": "齐陵新建文化广场", "投资（万元）": "350", "年度": 2024, "类别": "民生", "状态": "计划"},
     "geometry": {"type": "Point", "coordinates": [118.3951, 36.7712]}}]}  # fmt: skip


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("QILING_DB", str(tmp_path / "import-page.sqlite"))
    s = open_store(SHIPPED_DATA_DIR)
    admin = accounts.create_admin_cli(s, "boss", "correct horse battery")
    accounts.create_user(s, admin, "editor1", "correct horse battery", "editor")
    return s


def _radio(at: AppTest, suffix: str):
    return next(r for r in at.radio if r.key and r.key.endswith(suffix))


def upload(name: str, data: bytes, lang: str = "zh") -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / "data_import.py"), default_timeout=90)
    at.session_state["lang"] = lang
    sign_in(at, EDITOR)
    at.run()
    at.get("file_uploader")[0].set_value((name, data, "application/octet-stream"))
    return at.run()


def test_upload_preview_commit_and_see_it_on_the_projects_map(store):
    at = upload("new.geojson", json.dumps(NEW, ensure_ascii=False).encode())
    assert not at.exception, [e.value for e in at.exception]
    report = " ".join(at.dataframe[0].value.iloc[:, 0])
    assert "将新增 1 条记录" in report and "无法从数据判断坐标" in report  # a new point: asks
    assert at.button(key="w_imp_commit").disabled
    script = map_args(at)[0]["script"]  # every placement in its colour, side by side
    assert all(colour in script for colour in PLACEMENT_COLOURS.values())
    assert _radio(at, "datum").value is None and _radio(at, "source").value is None
    _radio(at, "source").set_value("gps").run()  # the editor says: GPS / survey
    assert not at.error and not at.button(key="w_imp_commit").disabled
    assert at.dataframe[1].value["name"].tolist() == ["齐陵新建文化广场"]
    assert map_args(at), "no preview map"
    at.text_input(key="w_imp_reason").set_value("2024 新增项目")
    at.button(key="w_imp_commit").click().run()
    assert [s.value for s in at.success][0].startswith("已写入：提交 #")
    projects = store.layer("projects")
    new = projects[projects["name"] == "齐陵新建文化广场"].iloc[0]
    assert new["investment_wan"] == 350 and store.commits(1)[0].reason == "2024 新增项目"
    ids = feature_ids(map_args(run_page("projects"))[0]["script"], "project")
    assert new["project_id"] in ids


def test_a_malformed_file_shows_the_sentence_and_no_commit(store):
    before = store.checksum()
    at = upload("bad.geojson", b'{"type": "FeatureCollection", "features": [', lang="en")
    assert [e.value for e in at.error] == [
        "Malformed JSON (line 1: Expecting value); nothing was written."
    ]
    assert not [b for b in at.button if b.key == "w_imp_commit"]
    assert store.checksum() == before


def test_wrong_geometry_disables_the_commit(store):
    at = upload("new.geojson", json.dumps(NEW, ensure_ascii=False).encode())
    at.selectbox(key="w_imp_target").set_value("villages").run()
    assert at.button(key="w_imp_commit").disabled
    assert "需要 Polygon/MultiPolygon" in " ".join(at.dataframe[0].value.iloc[:, 0])


def test_gcj02_points_get_the_correction_suggested(store):
    p = store.layer("projects")
    p = p[p.geometry.geom_type == "Point"].head(3)
    gx, gy = wgs84_to_gcj02(np.array(p.geometry.x), np.array(p.geometry.y))
    buf = io.BytesIO()
    pd.DataFrame({"名称": p["name"], "年度": p["year"], "lng": gx, "lat": gy}).to_excel(
        buf, index=False
    )
    at = upload("points.xlsx", buf.getvalue())
    assert not [r for r in at.radio if r.key and r.key.endswith("datum")]  # no need to ask
    assert any("从数据判断：GCJ-02" in c.value for c in at.caption)
    assert "将更新 3 条已有记录" in " ".join(at.dataframe[0].value.iloc[:, 0])


def test_a_required_field_the_file_lacks_must_be_chosen(store):
    fc = {"type": "FeatureCollection", "features": [{"type": "Feature",
          "properties": {"名称": "无类别的项目", "年度": 2024},
          "geometry": {"type": "Point", "coordinates": [118.3951, 36.7712]}}]}  # fmt: skip
    at = upload("p.geojson", json.dumps(fc, ensure_ascii=False).encode(), lang="en")
    _radio(at, "source").set_value("gps").run()
    fills = {s.key.rsplit("_", 1)[-1]: s for s in at.selectbox if "_fill_" in (s.key or "")}
    assert set(fills) == {"category", "status"}
    assert all(s.value is None for s in fills.values())  # nothing chosen for the editor
    assert at.button(key="w_imp_commit").disabled
    report = " ".join(at.dataframe[0].value.iloc[:, 0])
    assert "required field category is empty" in report
    fills["category"].set_value("livelihood")
    fills["status"].set_value("planned").run()
    assert not at.button(key="w_imp_commit").disabled


def test_a_workbook_with_two_sheets_offers_the_sheet_choice(store):
    at = upload("book.xlsx", xlsx_two_sheets())
    choice = next(s for s in at.selectbox if s.key and s.key.endswith("_layer"))
    assert choice.label == "读取哪个工作表" and choice.options == ["封面", "项目点位"]
    choice.set_value("项目点位").run()
    assert not at.exception, [e.value for e in at.exception]
    assert "已读取 3 条" in " ".join(c.value for c in at.caption)
    assert "将新增 3 条记录" in " ".join(at.dataframe[0].value.iloc[:, 0])


def test_a_gdb_with_two_layers_offers_the_layer_choice(store, tmp_path):
    at = upload("survey.gdb.zip", gdb_zip(tmp_path), lang="en")
    choice = next(s for s in at.selectbox if s.key and s.key.endswith("_layer"))
    assert choice.label == "Layer to read" and choice.options == ["道路", "项目"]
    choice.set_value("项目").run()
    assert not at.exception and not at.error
    assert "3 rows read (gdb)" in " ".join(c.value for c in at.caption)
