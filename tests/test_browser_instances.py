"""Browser test: two app instances (two Streamlit processes) on one PostGIS database.

An editor saves an edit in instance A; a viewer already looking at the projects map in instance
B sees it on their next interaction (the cached frames are keyed by the database revision, not
by the process). Every request to another host is aborted.
"""

from __future__ import annotations

import pytest

from geo.model.paths import SHIPPED_DATA_DIR
from geo.model.units import format_money_wan
from geo.store import accounts, open_store
from tests.browser_util import (
    BROWSER_TESTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    Guard,
    streamlit_server,
    wait_for_map,
)

pytestmark = [*BROWSER_TESTS, pytest.mark.postgis]
PASSWORD = "correct horse battery"
#: The first project of the edit page: 淄东商业街, investment not reported.
PID = "zidong_street-2023"
#: The new investment in the English tooltip (its "¥" is JSON-escaped in the map's script).
NEW_EN = format_money_wan(4321, "en").replace("¥", "")


@pytest.fixture
def instances(pg_url):
    store = open_store(SHIPPED_DATA_DIR, pg_url)
    admin = accounts.create_admin_cli(store, "boss", PASSWORD)
    accounts.create_user(store, admin, "editor1", PASSWORD, "editor")
    env = {"QILING_DB": pg_url}
    with streamlit_server(env=env) as a, streamlit_server(env=env) as b:
        yield a, b, store


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


def _page(browser):
    ctx = browser.new_context(viewport={"width": 1600, "height": 1200}, locale="zh-CN")
    page = ctx.new_page()
    page.guard = Guard(page)
    return page


def _map_html(page, n: int) -> str:
    return wait_for_map(page, n).content()


def test_an_edit_in_one_instance_shows_in_the_other(instances, browser, artifacts):
    url_a, url_b, store = instances
    n_paths = len(store.layer("projects"))
    viewer, editor = _page(browser), _page(browser)

    viewer.goto(f"{url_b}/projects")
    before = _map_html(viewer, n_paths)
    assert f"project:{PID}" in before and "4,321" not in before

    editor.goto(f"{url_a}/data_edit")
    editor.get_by_label("用户名").fill("editor1")
    editor.get_by_label("密码").fill(PASSWORD)
    editor.get_by_role("button", name="登录").click()
    editor.get_by_role("tab", name="项目").click()
    box = editor.get_by_label("投资（万元，空 = 未报告）")
    box.fill("4321")
    box.press("Enter")
    editor.get_by_label("修改原因（记入历史）").last.fill("两个实例测试")
    editor.get_by_role("button", name="保存").last.click()
    editor.get_by_text("已保存：提交").wait_for(timeout=60_000)
    editor.screenshot(path=str(artifacts / "instances_1_saved_in_a.png"))
    p = store.layer("projects").set_index("project_id")
    assert p.at[PID, "investment_wan"] == 4321

    # the viewer in instance B switches the language: the next run shows the new figure
    viewer.get_by_text("English").click()
    viewer.get_by_role("heading", name="Projects").first.wait_for(timeout=60_000)
    viewer.wait_for_function(
        "t => [...document.querySelectorAll('iframe')]"
        ".some(f => f.contentDocument?.documentElement?.innerHTML?.includes(t))",
        arg=NEW_EN,
        timeout=60_000,
    )
    after = _map_html(viewer, n_paths)
    assert NEW_EN in after
    viewer.screenshot(path=str(artifacts / "instances_2_seen_in_b.png"))
    assert viewer.guard.external == [] and editor.guard.external == []
