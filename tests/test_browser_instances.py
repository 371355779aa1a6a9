"""Browser test: two app instances (two Streamlit processes) on one PostGIS database.

An editor saves an edit in instance A; a viewer already looking at the projects map in instance
B sees it on their next interaction (the cached frames are keyed by the database revision, not
by the process). Two editors, one per instance, change the same project: the second save is
refused with who changed what and when (optimistic concurrency on PostGIS, as on SQLite), and
nothing of it is written. Every request to another host is aborted.
"""

from __future__ import annotations

import pytest

from geo.model.paths import SHIPPED_DATA_DIR
from geo.model.units import format_money_wan
from geo.store import open_store
from geo.store import users as accounts
from qa.browser import Guard, streamlit_server, wait_for_map

pytestmark = [pytest.mark.browser, pytest.mark.postgis]
PASSWORD = "correct horse battery"
#: The first project of the edit page: 淄东商业街, investment not reported.
PID = "zidong_street-2023"
#: The new investment in the English tooltip (its "¥" is JSON-escaped in the map's script).
NEW_EN = format_money_wan(4321, "en").replace("¥", "")
SAVE = ".st-key-w_edit_project_save button"


@pytest.fixture
def instances(pg_url):
    store = open_store(SHIPPED_DATA_DIR, pg_url)
    admin = accounts.create_admin_cli(store, "boss", PASSWORD)
    for name in ("editor1", "editor2"):
        accounts.create_user(store, admin, name, PASSWORD, "editor")
    env = {"QILING_DB": pg_url}
    with streamlit_server(env=env) as a, streamlit_server(env=env) as b:
        yield a.url, b.url, store


def _page(browser):
    ctx = browser.new_context(viewport={"width": 1600, "height": 1200}, locale="zh-CN")
    page = ctx.new_page()
    page.guard = Guard(page)
    return page


def _editor(browser, url: str, user: str):
    """A signed-in editor on the edit page's project tab."""
    page = _page(browser)
    page.goto(f"{url}/data_edit")
    page.get_by_label("用户名").fill(user)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_role("tab", name="项目").click()
    page.get_by_label("进度（%）").wait_for(timeout=60_000)
    return page


def _map_html(page, n: int) -> str:
    return wait_for_map(page, n).content()


def test_an_edit_in_one_instance_shows_in_the_other(instances, browser, artifacts):
    url_a, url_b, store = instances
    n_paths = len(store.layer("projects"))
    viewer = _page(browser)

    viewer.goto(f"{url_b}/projects")
    before = _map_html(viewer, n_paths)
    assert f"project:{PID}" in before and "4,321" not in before

    editor = _editor(browser, url_a, "editor1")
    box = editor.get_by_label("投资（万元，空 = 未报告）")
    box.fill("4321")
    box.press("Enter")
    editor.get_by_label("修改原因（记入历史）").last.fill("两个实例测试")
    editor.locator(SAVE).click()
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


def _set_progress(page, value: str) -> None:
    box = page.get_by_label("进度（%）")
    box.fill(value)
    box.press("Tab")
    page.wait_for_timeout(800)  # the rerun that takes the value


def test_a_conflicting_edit_in_the_other_instance_is_refused(instances, browser, artifacts):
    url_a, url_b, store = instances
    first, second = _editor(browser, url_a, "editor1"), _editor(browser, url_b, "editor2")
    _set_progress(first, "40")
    first.locator(SAVE).click()
    first.get_by_text("已保存：提交").wait_for(timeout=60_000)
    saved = store.commits(1)[0]

    _set_progress(second, "60")  # on the form instance B loaded before the save in A
    second.locator(SAVE).click()
    second.get_by_text("保存被拒绝").wait_for(timeout=60_000)
    second.get_by_text("editor1 于").wait_for()
    second.get_by_text("进度（%）：未填写 → 40").wait_for()
    second.get_by_text("保存被拒绝").scroll_into_view_if_needed()
    second.screenshot(path=str(artifacts / "instances_3_conflict_in_b.png"))
    assert store.commits(1)[0].id == saved.id  # nothing of B was written
    pid = saved.reason.rsplit(" ", 1)[-1]
    assert store.record("projects", pid)[0]["progress_pct"] == 40
    assert first.guard.external == [] and second.guard.external == []
