"""Browser test: an editor signs in, imports a file, sees the preview, commits, and the projects
map shows the new feature. Every request to another host is aborted.
"""

from __future__ import annotations

import json

import pytest

from geo.model.paths import SHIPPED_DATA_DIR
from geo.store import open_store
from geo.store import users as accounts
from qa.browser import IFRAME, streamlit_server, wait_for_map

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"
NAME = "齐陵新建文化广场<b>测试</b>"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("db") / "qiling.sqlite"
    store = open_store(SHIPPED_DATA_DIR, db)
    admin = accounts.create_admin_cli(store, "boss", PASSWORD)
    accounts.create_user(store, admin, "editor1", PASSWORD, "editor")
    with streamlit_server(env={"QILING_DB": str(db)}) as srv:
        yield srv.url, store


@pytest.fixture
def page_viewport() -> dict:
    return {"width": 1600, "height": 1300}


def test_editor_imports_a_file_and_the_map_shows_it(server, page, artifacts, tmp_path):
    url, store = server
    fc = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {
        "名称": NAME, "投资（万元）": 350, "年度": 2024, "类别": "民生", "状态": "计划"},
        "geometry": {"type": "Point", "coordinates": [118.3701, 36.8062]}}]}  # fmt: skip
    upload = tmp_path / "新项目.geojson"
    upload.write_text(json.dumps(fc, ensure_ascii=False), encoding="utf-8")

    page.goto(f"{url}/data_import")
    page.get_by_label("用户名").fill("editor1")
    page.get_by_label("密码").fill(PASSWORD)
    page.screenshot(path=str(artifacts / "import_1_sign_in.png"))
    page.get_by_role("button", name="登录").click()
    page.locator('input[type="file"]').set_input_files(str(upload))
    page.get_by_text("已读取 1 条（geojson）").wait_for(timeout=60_000)
    page.get_by_text("无法从数据判断坐标类型").wait_for(timeout=60_000)  # a new point: asks
    page.get_by_text("预览", exact=True).scroll_into_view_if_needed()  # the map loads when shown
    wait_for_map(page, 1)
    page.wait_for_timeout(500)
    page.screenshot(path=str(artifacts / "import_2a_asks_for_the_source.png"), full_page=True)
    page.get_by_text("GPS/测绘（WGS 84 / CGCS2000）").click()  # the editor states the source
    page.get_by_text("采用：不纠偏").wait_for(timeout=60_000)
    wait_for_map(page, 1)
    page.get_by_role("button", name="确认写入").wait_for()
    page.wait_for_timeout(500)
    page.screenshot(path=str(artifacts / "import_2_preview.png"), full_page=True)

    page.get_by_role("button", name="确认写入").click()
    page.get_by_text("已写入：提交").wait_for(timeout=60_000)
    page.screenshot(path=str(artifacts / "import_3_committed.png"))
    projects = store.layer("projects")
    new = projects[projects["name"] == NAME]
    assert len(new) == 1 and new["geom_source"].iloc[0] == "imported"
    pid = new["project_id"].iloc[0]

    page.goto(f"{url}/projects")
    inner = wait_for_map(page, len(projects) + 37)
    html = inner.content()
    assert f"project:{pid}" in html
    assert "<b>测试</b>" not in html  # the name is drawn as text
    page.locator(IFRAME).first.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    page.screenshot(path=str(artifacts / "import_4_on_projects_map.png"))
    assert page.guard.external == [], page.guard.external
