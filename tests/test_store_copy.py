"""``python -m geo store copy``: SQLite → PostGIS → SQLite keeps every layer, its history, accounts."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from pandas.testing import assert_frame_equal
from shapely.geometry import Point

from geo.model.errors import DataError
from geo.model.paths import ROOT, SHIPPED_DATA_DIR
from geo.store import edits, open_store
from geo.store import users as accounts
from geo.store.transfer import checksums, copy_store, read_tables

pytestmark = pytest.mark.postgis
PASSWORD = "correct horse battery"


@pytest.fixture
def edited(tmp_path):
    """The shipped database with edits, a deletion, a restore and two accounts."""
    db = tmp_path / "source.sqlite"
    store = open_store(SHIPPED_DATA_DIR, db)
    boss = accounts.create_admin_cli(store, "boss", PASSWORD)
    editor = accounts.create_user(store, boss, "编辑一", PASSWORD, "editor")
    seed = 1
    edits.update_project(store, editor, "kindergarten_2-2024", status="completed")
    p = store.layer("projects")
    row = p[p["project_id"] == "grain_center-2024"].iloc[0].to_dict()
    with store.transaction("编辑一", "move and delete") as tx:
        tx.put("projects", row | {"geometry": Point(118.4, 36.77)})
        tx.delete("villages", "QL01")
    store.restore_record("villages", "QL01", seed, "boss", "undo")
    edits.set_trusteeship(store, editor, "杨西", 2024, 100, 25)
    with pytest.raises(DataError):  # sign-in tables: a failure counted, an event, a session
        accounts.authenticate(store, "编辑一", "wrong password", "203.0.113.9")
    (tmp_path / "token").write_text(accounts.start_session(store, editor))
    return db


def _same(a, b) -> None:
    fa, fb = a.frames(), b.frames()
    assert list(fa) == list(fb)
    for name in fa:
        assert_frame_equal(fa[name], fb[name], obj=name)
    assert a.commits(1000) == b.commits(1000)
    assert [
        (c.id, c.layer, c.record_id, c.op, c.before, c.after) for c in a.changes(limit=10**6)
    ] == [(c.id, c.layer, c.record_id, c.op, c.before, c.after) for c in b.changes(limit=10**6)]
    assert a.users() == b.users()


def test_round_trip_sqlite_postgis_sqlite(edited, pg_url, tmp_path):
    source = open_store(SHIPPED_DATA_DIR, edited, seed=False)
    done = copy_store(f"sqlite:///{edited}", pg_url)
    assert done["checksums"] == checksums(read_tables(source))
    assert {"projects", "villages", "trusteeship", "_users", "(commits)", "(users)"} <= set(
        done["checksums"]
    )
    pg = open_store(SHIPPED_DATA_DIR, pg_url)
    assert pg.stale == [] and pg.revision() == source.revision()
    _same(source, pg)
    assert pg.login_events() == source.login_events() != []
    assert pg.login_attempt("编辑一", "203.0.113.9").pair == 1  # the failure came along
    assert accounts.session_user(pg, (tmp_path / "token").read_text()) == accounts.User(
        "编辑一", "editor"
    )
    assert accounts.authenticate(pg, "编辑一", PASSWORD).role == "editor"
    back = tmp_path / "back.sqlite"
    assert copy_store(pg_url, f"sqlite:///{back}")["checksums"] == checksums(read_tables(pg))
    assert pg.login_events() == open_store(SHIPPED_DATA_DIR, back).login_events()
    _same(source, open_store(SHIPPED_DATA_DIR, back))
    # the history goes on where it stopped, on both
    for store in (pg, open_store(SHIPPED_DATA_DIR, back)):
        cid = edits.set_trusteeship(store, accounts.User("boss", "admin"), "杨西", 2024, 120, 25)
        assert cid == source.revision() + 1
        assert store.record_at("villages", "QL01", 2) is not None


def test_copy_refuses_a_target_that_holds_data(edited, pg_url):
    open_store(SHIPPED_DATA_DIR, pg_url)  # seeded: not empty
    with pytest.raises(DataError) as err:
        copy_store(edited, pg_url)
    assert err.value.code == "copy_target_not_empty"


def test_copy_command_line(edited, pg_url):
    env = dict(os.environ)
    cmd = [
        sys.executable,
        "-m",
        "geo",
        "store",
        "copy",
        "--from",
        f"sqlite:///{edited}",
        "--to",
        pg_url,
    ]
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "projects" in done.stdout and done.stdout.count("OK") >= 20
    again = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert (
        again.returncode == 1
        and "已有数据" in again.stderr
        and "already holds data" in again.stderr
    )
