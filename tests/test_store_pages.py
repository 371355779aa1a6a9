"""AppTest of the editing page: change a project, see the history, restore the old version."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from geo.model.paths import ROOT, SHIPPED_DATA_DIR
from geo.store import edits, open_store
from geo.store import users as accounts
from geo.store.users import User
from tests.apptest_util import sign_in

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
    sign_in(at, EDITOR)
    return at.run()


def _key(store, kind: str) -> str:
    """The key of a project widget: it names the version the form was loaded from."""
    return f"w_edit_{kind}_{PID}_{store.record('projects', PID)[1]}"


def _project(store) -> dict:
    return store.layer("projects").set_index("project_id").loc[PID].to_dict()


def test_edit_a_project_then_restore_it(store):
    seed = store.history("projects", PID)[0].commit_id
    at = edit_page("en")
    assert not at.exception, [e.value for e in at.exception]
    at.selectbox(key="w_edit_project").set_value(PID).run()
    at.selectbox(key=_key(store, "st")).set_value("completed")
    at.number_input(key=_key(store, "pg")).set_value(100.0)
    at.text_input(key="w_edit_project_reason").set_value("site visit")
    at.button(key="w_edit_project_save").click().run()
    assert not at.exception
    assert any(s.value.startswith("Saved: commit #") for s in at.success)
    assert (_project(store)["status"], _project(store)["progress_pct"]) == ("completed", 100)
    at.selectbox(key="w_edit_h_layer").set_value("projects").run()
    at.selectbox(key="w_edit_h_rid").set_value(PID).run()
    history = next(d.value for d in at.dataframe if "change" in d.value.columns)
    # the change and the operation in the UI's words, not as stored keys
    assert "status: " in history["change"].iloc[-1]
    assert "in_progress" not in history["change"].iloc[-1]
    assert (
        list(history["op"]) == ["added", "changed"] and history["reason"].iloc[-1] == "site visit"
    )
    at.selectbox(key="w_edit_h_version").set_value(seed).run()
    at.button(key="w_edit_restore_record").click().run()
    assert _project(store)["status"] == "in_progress"
    assert store.commits(1)[0].kind == "restore" and store.commits(1)[0].user == "editor1"


def test_nothing_is_written_before_save(store):
    before = store.checksum()
    at = edit_page("en")
    at.selectbox(key="w_edit_project").set_value(PID).run()
    at.selectbox(key=_key(store, "st")).set_value("completed").run()
    assert not at.exception and store.checksum() == before


def test_a_save_over_someone_elses_change_shows_the_conflict_and_reloads(store):
    at = edit_page("en")
    at.selectbox(key="w_edit_project").set_value(PID).run()
    loaded = _key(store, "st")
    other = User("editor2", "editor")
    edits.update_project(store, other, PID, status="planned", investment_wan=777)  # meanwhile
    at.selectbox(key=loaded).set_value("completed")
    at.button(key="w_edit_project_save").click().run()
    assert not at.exception
    assert "was changed by someone else" in at.error[0].value
    text = " ".join(m.value for m in at.markdown)
    assert (
        "editor2 changed it at" in text
        and "status: In progress → Planned; investment (10k yuan): " in text
    )
    assert _project(store)["status"] == "planned"  # nothing of the refused save was written
    at.button(key=f"w_edit_reload_projects/{PID}").click().run()
    assert not at.error and at.selectbox(key=_key(store, "st")).value == "planned"
    at.selectbox(key=_key(store, "st")).set_value("completed")
    at.button(key="w_edit_project_save").click().run()
    assert (_project(store)["status"], _project(store)["investment_wan"]) == ("completed", 777)


def test_changes_to_different_fields_merge(store):
    at = edit_page("zh")
    at.selectbox(key="w_edit_project").set_value(PID).run()
    loaded = _key(store, "pg")
    edits.update_project(store, User("editor2", "editor"), PID, status="planned")
    at.number_input(key=loaded).set_value(40.0)
    at.button(key="w_edit_project_save").click().run()
    assert any(s.value.startswith("已保存") for s in at.success)
    assert (_project(store)["status"], _project(store)["progress_pct"]) == ("planned", 40)


def test_pages_still_show_the_data_when_the_database_cannot_be_opened(tmp_path, monkeypatch):
    from tests.apptest_util import map_args, run_page

    monkeypatch.setenv("QILING_DB", str(tmp_path))  # a folder: SQLite cannot open it
    at = run_page("overview", "en")
    assert not at.exception, [e.value for e in at.exception]
    assert any("database is unavailable" in w.value for w in at.warning)
    assert map_args(at)
