"""AppTest: viewers cannot reach import, editing or accounts; editors and admins sign in.

Each test gets its own database through ``QILING_DB``.
"""

from __future__ import annotations

import time

import pytest
from streamlit.testing.v1 import AppTest

from geo.model.paths import ROOT, SHIPPED_DATA_DIR
from geo.store import open_store
from geo.store import users as accounts
from geo.store.users import User
from tests.apptest_util import sign_in
from ui.state import AUTH_TOKEN

PASSWORD = "correct horse battery"
PAGES = ("data_import", "data_edit", "accounts")


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("QILING_DB", str(tmp_path / "pages.sqlite"))
    s = open_store(SHIPPED_DATA_DIR)
    admin = accounts.create_admin_cli(s, "boss", PASSWORD)
    accounts.create_user(s, admin, "editor1", PASSWORD, "editor")
    return s


def page(name: str, user: User | None = None, lang: str = "zh") -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / f"{name}.py"), default_timeout=90)
    at.session_state["lang"] = lang
    if user is not None:
        sign_in(at, user)
    return at.run()


def _login_shown(at: AppTest) -> bool:
    keys = {w.key for w in at.text_input}
    return {"w_login_username", "w_login_password"} <= keys


@pytest.mark.parametrize("name", PAGES)
def test_viewers_see_the_sign_in_form_and_nothing_else(store, name):
    at = page(name)
    assert not at.exception, [e.value for e in at.exception]
    assert _login_shown(at)
    assert not at.get("file_uploader") and not at.get("arrow_data_frame")
    assert "浏览地图无需登录" in " ".join(i.value for i in at.info)
    assert not [b for b in at.button if b.key and b.key.startswith(("w_imp_", "w_edit_", "w_acc_"))]


def test_editor_signs_in_through_the_form(store):
    at = page("data_import")
    at.text_input(key="w_login_username").set_value("editor1")
    at.text_input(key="w_login_password").set_value(PASSWORD)
    at.button[0].click().run()
    assert not at.exception
    assert len(at.get("file_uploader")) == 1 and not _login_shown(at)
    assert "editor1" in " ".join(c.value for c in at.caption)


def test_wrong_password_shows_an_error(store):
    at = page("data_import", lang="en")
    at.text_input(key="w_login_username").set_value("editor1")
    at.text_input(key="w_login_password").set_value("nope")
    at.button[0].click().run()
    assert [e.value for e in at.error] == ["Wrong user name or password."]
    assert not at.get("file_uploader")


def test_editor_cannot_manage_accounts(store):
    at = page("accounts", User("editor1", "editor"))
    assert _login_shown(at) and not at.get("arrow_data_frame")
    at = page("data_edit", User("editor1", "editor"))
    assert not _login_shown(at) and not at.exception


def test_a_disabled_account_is_signed_out(store):
    accounts.set_active(store, User("boss", "admin"), "editor1", False)
    assert _login_shown(page("data_import", User("editor1", "editor")))


def test_admin_creates_an_editor(store):
    at = page("accounts", User("boss", "admin"), lang="en")
    at.text_input(key="w_acc_name").set_value("editor2")
    at.text_input(key="w_acc_password").set_value(PASSWORD)
    next(b for b in at.button if b.label == "Create").click().run()
    assert not at.exception
    assert "Account editor2 created." in [s.value for s in at.success]
    assert accounts.authenticate(store, "editor2", PASSWORD).role == "editor"


def test_sign_in_renews_the_session_and_sign_out_ends_it(store):
    at = page("data_edit", User("editor1", "editor"))
    old = at.session_state[AUTH_TOKEN]
    other = accounts.start_session(store, User("editor1", "editor"))  # another browser
    next(b for b in at.button if b.key == "w_logout").click().run()
    assert _login_shown(at) and accounts.session_user(store, other) is None  # ended everywhere
    at.text_input(key="w_login_username").set_value("editor1")
    at.text_input(key="w_login_password").set_value(PASSWORD)
    next(b for b in at.button if b.key == "w_login_submit").click().run()
    assert not _login_shown(at) and at.session_state[AUTH_TOKEN] != old


def test_an_expired_session_asks_to_sign_in_again(store, monkeypatch):
    at = page("data_edit", User("editor1", "editor"), lang="en")
    assert not _login_shown(at)
    monkeypatch.setenv(accounts.IDLE_ENV, "0.0001")
    time.sleep(0.05)
    at.run()
    assert _login_shown(at)
    assert any("expired" in w.value for w in at.warning)


def test_admin_sees_sign_in_events_and_unlocks_an_account(store):
    for _ in range(accounts.PAIR_FREE + 1):
        with pytest.raises(accounts.DataError):
            accounts.authenticate(store, "editor1", "wrong", "203.0.113.9")
    at = page("accounts", User("boss", "admin"), lang="zh")
    events = at.dataframe[-1].value
    assert list(events.columns) == ["时间（北京时间）", "用户名", "来源", "结果"]
    assert set(events["结果"]) == {"失败", "过于频繁，已拒绝"}
    at.selectbox(key="w_acc_unlock_who").set_value("editor1")
    at.button(key="w_acc_unlock").click().run()
    assert "已解除 editor1 的登录限制。" in [s.value for s in at.success]
    assert accounts.authenticate(store, "editor1", PASSWORD, "203.0.113.9").role == "editor"
