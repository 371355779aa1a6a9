"""Browser test: two signed-in editors change the same project; the second save is refused with
who changed what and when, in Chinese and English, and a reload shows the saved value. An admin
then sees the sign-in events (with a stranger's failed attempts) on the Accounts page.
"""

from __future__ import annotations

import pytest

from geo.model.paths import SHIPPED_DATA_DIR
from geo.store import open_store
from geo.store import users as accounts
from qa.browser import Guard, streamlit_server

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"
SAVE = ".st-key-w_edit_project_save button"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("db") / "qiling.sqlite"
    store = open_store(SHIPPED_DATA_DIR, db)
    admin = accounts.create_admin_cli(store, "boss", PASSWORD)
    for name in ("editor1", "editor2"):
        accounts.create_user(store, admin, name, PASSWORD, "editor")
    with streamlit_server(env={"QILING_DB": str(db)}) as app:
        yield app.url, store


def _session(browser, url: str, user: str, path: str, size=(1600, 1100), password=PASSWORD):
    ctx = browser.new_context(viewport={"width": size[0], "height": size[1]}, locale="zh-CN")
    page = ctx.new_page()
    page.guard = Guard(page)
    page.goto(f"{url}/{path}")
    page.get_by_label("用户名").fill(user)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    return page


def _set_progress(page, value: str) -> None:
    box = page.get_by_label("进度（%）")
    box.fill(value)
    box.press("Tab")
    page.wait_for_timeout(800)  # the rerun that takes the value


def test_two_editors_on_one_project_the_second_sees_the_conflict(server, browser, artifacts):
    url, store = server
    pages = [_session(browser, url, name, "data_edit") for name in ("editor1", "editor2")]
    for page in pages:  # both load the same project
        page.get_by_role("tab", name="项目").click()
        page.get_by_label("进度（%）").wait_for(timeout=60_000)
    first, second = pages
    _set_progress(first, "40")
    first.locator(SAVE).click()
    first.get_by_text("已保存：提交").wait_for(timeout=60_000)

    _set_progress(second, "60")  # on the form loaded before the first save
    second.locator(SAVE).click()
    second.get_by_text("保存被拒绝").wait_for(timeout=60_000)
    second.get_by_text("editor1 于").wait_for()
    second.get_by_text("进度（%）：未填写 → 40").wait_for()
    second.get_by_text("保存被拒绝").scroll_into_view_if_needed()
    second.screenshot(path=str(artifacts / "conflict_zh.png"))
    pid = store.commits(1)[0].reason.rsplit(" ", 1)[-1]
    assert store.record("projects", pid)[0]["progress_pct"] == 40  # nothing of B was written

    second.get_by_text("English").click()
    second.get_by_role("tab", name="Projects").click()  # the tabs are new in another language
    second.get_by_text("was changed by someone else").wait_for(timeout=60_000)
    second.get_by_text("editor1 changed it at").wait_for()
    second.get_by_text("was changed by someone else").scroll_into_view_if_needed()
    second.screenshot(path=str(artifacts / "conflict_en.png"))
    second.get_by_role("button", name="Reload the latest data").click()
    second.get_by_text("was changed by someone else").wait_for(state="detached", timeout=60_000)
    second.wait_for_function(  # the stale form of the old version is gone, the new one shows 40
        """() => { const f = document.querySelectorAll('input[aria-label="Progress (%)"]');
                   return f.length === 1 && f[0].value === "40.00"; }""",
        timeout=60_000,
    )
    for page in pages:
        assert page.guard.external == []


def test_admin_sees_sign_in_events_and_unlocks(server, browser, artifacts):
    url, store = server
    stranger = _session(browser, url, "editor1", "accounts", password="guess guess")
    stranger.get_by_text("用户名或密码错误").wait_for(timeout=60_000)
    for _ in range(8):  # waits grow 2, 4, 8 … s: soon one attempt comes too early
        if stranger.get_by_text("尝试次数过多").count():
            break
        stranger.get_by_role("button", name="登录").click()
        stranger.wait_for_timeout(1500)
    stranger.get_by_text("尝试次数过多").wait_for(timeout=60_000)
    stranger.screenshot(path=str(artifacts / "signin_throttled_zh.png"))
    for lang, size in (("zh", (1920, 1080)), ("en", (1024, 768)), ("zh", (390, 844))):
        admin = _session(browser, url, "boss", "accounts", size=size)
        admin.get_by_text("登录记录").wait_for(timeout=60_000)
        if lang == "en":
            admin.get_by_text("English").click()
        title = "Sign-in events" if lang == "en" else "登录记录"
        admin.get_by_text(title).wait_for(timeout=60_000)
        admin.wait_for_timeout(1500)  # the rerun in the chosen language
        admin.locator(".st-key-w_acc_unlock").scroll_into_view_if_needed()
        admin.wait_for_timeout(500)
        admin.screenshot(path=str(artifacts / f"accounts_events_{lang}_{size[0]}.png"))
    admin.locator(".st-key-w_acc_unlock_who").click()
    admin.get_by_role("option", name="editor1").click()
    admin.get_by_role("button", name="解除登录限制", exact=True).click()
    admin.get_by_text("已解除 editor1 的登录限制").wait_for(timeout=60_000)
    assert store.login_events(1)[0]["outcome"] == "unlocked"
