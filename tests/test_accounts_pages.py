"""AppTest: viewers cannot reach import, editing or accounts; editors and admins sign in.

Each test gets its own database through ``QILING_DB``.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from geo.model.paths import ROOT, SHIPPED_DATA_DIR
from geo.store import accounts, open_store
from geo.store.accounts import User
from tests.apptest_util import sign_in

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
