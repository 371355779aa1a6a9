"""AppTest of the editing page: change a project, see the history, restore the old version."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from geo.model.paths import ROOT, SHIPPED_DATA_DIR
from geo.store import accounts, open_store
from geo.store.accounts import User
from ui.state import AUTH_USER as USER

EDITOR = User("editor1", "editor")
PID = "kindergarten_2-2024"


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("QILING_DB", str(tmp_path / "edit-page.sqlite"))
    s = open_store(SHIPPED_DATA_DIR)
    admin = accounts.create_admin_cli(s, "boss", "correct horse battery")
    accounts.create_user(s, admin, "editor1", "correct horse battery", "editor")
    return s


def edit_page(lang: str = "zh") -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / "data_edit.py"), default_timeout=90)
    at.session_state["lang"] = lang
    at.session_state[USER] = EDITOR
    return at.run()


def _project(store) -> dict:
    return store.layer("projects").set_index("project_id").loc[PID].to_dict()


def test_edit_a_project_then_restore_it(store):
    seed = store.history("projects", PID)[0].commit_id
    at = edit_page("en")
    assert not at.exception, [e.value for e in at.exception]
    at.selectbox(key="w_edit_project").set_value(PID).run()
    at.selectbox(key=f"w_edit_st_{PID}").set_value("completed")
    at.number_input(key=f"w_edit_pg_{PID}").set_value(100.0)
    at.text_input(key="w_edit_project_reason").set_value("site visit")
    at.button(key="w_edit_project_save").click().run()
    assert not at.exception
    assert any(s.value.startswith("Saved: commit #") for s in at.success)
    assert (_project(store)["status"], _project(store)["progress_pct"]) == ("completed", 100)
    at.selectbox(key="w_edit_h_layer").set_value("projects").run()
    at.selectbox(key="w_edit_h_rid").set_value(PID).run()
    history = at.dataframe[-2].value
    assert "status: in_progress → completed" in history["change"].iloc[-1]
    assert (
        list(history["op"]) == ["insert", "update"] and history["reason"].iloc[-1] == "site visit"
    )
    at.selectbox(key="w_edit_h_version").set_value(seed).run()
    at.button(key="w_edit_restore_record").click().run()
    assert _project(store)["status"] == "in_progress"
    assert store.commits(1)[0].kind == "restore" and store.commits(1)[0].user == "editor1"


def test_nothing_is_written_before_save(store):
    before = store.checksum()
    at = edit_page("en")
    at.selectbox(key="w_edit_project").set_value(PID).run()
    at.selectbox(key=f"w_edit_st_{PID}").set_value("completed").run()
    assert not at.exception and store.checksum() == before


def test_pages_still_show_the_data_when_the_database_cannot_be_opened(tmp_path, monkeypatch):
    from tests.apptest_util import map_args, run_page

    monkeypatch.setenv("QILING_DB", str(tmp_path))  # a folder: SQLite cannot open it
    at = run_page("overview", "en")
    assert not at.exception, [e.value for e in at.exception]
    assert any("database is unavailable" in w.value for w in at.warning)
    assert map_args(at)
