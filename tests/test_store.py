"""The store: same frames as data/, all-or-nothing transactions, audit, versions, restore, exports."""

from __future__ import annotations

import io
import json
import shutil
import sqlite3

import geopandas as gpd
import openpyxl
import pandas as pd
import pyogrio
import pytest
from pandas.testing import assert_frame_equal
from shapely.geometry import Point

from geo.model.errors import ConflictError, StoreBusy
from geo.model.paths import ROOT, SHIPPED_DATA_DIR
from geo.store import default_db_path, open_store
from geo.store import postgis as postgis_backend
from geo.store import sqlite as sqlite_backend
from geo.store.export import geojson_bytes, gpkg_bytes, xlsx_bytes
from geo.store.interface import NEW_RECORD, changed_fields
from geo.store.postgis import PostgisStore
from geo.store.postgis_tx import WRITE_LOCK

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _project_row(store, pid: str) -> dict:
    p = store.layer("projects")
    return p[p["project_id"] == pid].iloc[0].to_dict()


def test_created_from_data_with_the_same_frames(store, shipped_frames):
    frames = store.frames()
    assert list(frames) == list(shipped_frames)
    for name, frame in shipped_frames.items():
        assert_frame_equal(frames[name], frame, check_like=False, obj=name)
        if isinstance(frame, gpd.GeoDataFrame):
            assert frames[name].crs.to_epsg() == 4326
    assert store.revision() == 1 and store.commits()[0].kind == "seed"


def test_default_path_follows_qiling_db_and_the_data_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("QILING_DB", raising=False)
    assert default_db_path(SHIPPED_DATA_DIR) == ROOT / "var" / "qiling.sqlite"
    other = default_db_path(tmp_path)
    assert other.parent == ROOT / "var" and other != default_db_path(tmp_path / "x")
    monkeypatch.setenv("QILING_DB", str(tmp_path / "mine.sqlite"))
    assert default_db_path(SHIPPED_DATA_DIR) == tmp_path / "mine.sqlite"
    monkeypatch.setenv("QILING_DB", "postgresql://qiling:secret@db.example/qiling")
    assert default_db_path(SHIPPED_DATA_DIR) == "postgresql://qiling:secret@db.example/qiling"


def test_var_is_ignored_by_git():
    assert "var/" in (ROOT / ".gitignore").read_text(encoding="utf-8").split()


def test_reopening_does_not_seed_again(store, store_target):
    before = store.checksum()
    again = open_store(SHIPPED_DATA_DIR, store_target)
    assert again.checksum() == before and again.stale == []


def test_an_exception_inside_a_transaction_changes_nothing(store, shipped_frames):
    before = store.checksum()
    row = _project_row(store, "kindergarten_2-2024")
    with pytest.raises(RuntimeError, match="midway"):
        with store.transaction("alice", "half an edit") as tx:
            tx.put("projects", row | {"status": "completed"})
            tx.delete("villages", "QL01")
            raise RuntimeError("midway")
    assert store.checksum() == before
    assert_frame_equal(store.layer("projects"), shipped_frames["projects"])


def test_every_change_is_audited_with_before_and_after(store):
    row = _project_row(store, "kindergarten_2-2024")
    with store.transaction("alice", "status from the site visit") as tx:
        tx.put("projects", row | {"status": "completed", "investment_wan": 5000.0})
    history = store.history("projects", "kindergarten_2-2024")
    assert [c.op for c in history] == ["insert", "update"]
    change = history[-1]
    assert (change.user, change.reason, change.kind) == (
        "alice",
        "status from the site visit",
        "edit",
    )
    assert change.before["status"] == "in_progress" and change.after["status"] == "completed"
    assert change.before["investment_wan"] == 4965 and change.after["investment_wan"] == 5000
    assert change.after["geometry"]["type"] in ("Polygon", "Point")
    assert change.at.endswith("+00:00")


def test_changed_fields_describe_a_change(store):
    row = _project_row(store, "kindergarten_2-2024")
    with store.transaction("alice", "move") as tx:
        tx.put("projects", row | {"status": "completed", "geometry": Point(118.375, 36.805)})
    text = changed_fields(store.history("projects", "kindergarten_2-2024")[-1])
    assert text == "status: in_progress → completed; geometry"


def test_unchanged_put_writes_no_commit(store):
    before = store.checksum()
    with store.transaction("alice", "no-op") as tx:
        tx.put("projects", _project_row(store, "kindergarten_2-2024"))
    assert tx.commit_id is None and store.checksum() == before


def test_empty_values_compare_equal_and_write_nothing(store):
    row = _project_row(store, "kindergarten_2-2024")
    empty = [k for k, v in row.items() if v is None or v != v]
    assert len(empty) >= 2
    blanks = row | {k: ("" if i % 2 else float("nan")) for i, k in enumerate(empty)}
    before = store.checksum()
    with store.transaction("alice", "no-op") as tx:
        tx.put("projects", blanks | {"year": float(row["year"]), "name": f" {row['name']} "})
    assert tx.commit_id is None and store.checksum() == before


def test_a_put_based_on_an_old_version_is_a_conflict_naming_who_changed_what(store):
    row, version = store.record("projects", "kindergarten_2-2024")
    assert version == store.versions("projects")["kindergarten_2-2024"] > 0
    with store.transaction("bob", "site visit") as tx:
        tx.put("projects", row | {"status": "completed"}, expected_version=version)
    assert store.record("projects", "kindergarten_2-2024")[1] == tx.commit_id
    before = store.checksum()
    with pytest.raises(ConflictError) as err, store.transaction("alice", "late") as tx:
        tx.put("projects", row | {"investment_wan": 1.0}, expected_version=version)
    assert store.checksum() == before
    assert "was changed by someone else" in err.value.en
    assert err.value.detail_lines("en")[0].startswith("bob changed it at ")
    assert "状态：实施中 → 已完成" in err.value.detail_lines("zh")[0]
    with pytest.raises(ConflictError), store.transaction("alice", "new?") as tx:
        tx.put("projects", row, "kindergarten_2-2024", expected_version=NEW_RECORD)


def _hold_write_lock(store):
    """Another writer holding the store's write lock (SQLite ``BEGIN IMMEDIATE``, PostGIS
    advisory lock); returns a function that lets go."""
    if isinstance(store, PostgisStore):
        conn = store._connect()
        conn.execute("BEGIN")
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
    else:
        conn = sqlite3.connect(store.path, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")

    def release():
        conn.execute("ROLLBACK")
        conn.close()

    return release


def test_a_writer_that_waits_too_long_gets_a_readable_refusal(store, monkeypatch):
    monkeypatch.setattr(sqlite_backend, "WRITE_WAIT_S", 0.4)
    monkeypatch.setattr(postgis_backend, "WRITE_WAIT_S", 0.4)
    release = _hold_write_lock(store)
    try:
        with pytest.raises(StoreBusy) as err, store.transaction("alice") as tx:
            tx.put("projects", _project_row(store, "kindergarten_2-2024") | {"status": "planned"})
    finally:
        release()
    assert "database is busy" in err.value.en and "locked" not in err.value.en
    assert store.record("projects", "kindergarten_2-2024")[0]["status"] != "planned"


def test_a_database_from_before_versions_gets_them(tmp_path):
    path = tmp_path / "old.sqlite"
    open_store(SHIPPED_DATA_DIR, path)
    with sqlite3.connect(path) as conn:
        conn.execute("ALTER TABLE records DROP COLUMN version")
    store = open_store(SHIPPED_DATA_DIR, path)
    assert set(store.versions("projects").values()) == {1}


def test_earlier_versions_of_a_record_and_a_layer(store, shipped_frames):
    seed = store.revision()
    row = _project_row(store, "kindergarten_2-2024")
    with store.transaction("alice", "one") as tx:
        tx.put("projects", row | {"status": "completed"})
        tx.delete("projects", "kindergarten_2-2023")
    first = tx.commit_id
    with store.transaction("bob", "two") as tx:
        tx.put("projects", row | {"name": "新名字", "geometry": Point(118.375, 36.805)})
    assert store.record_at("projects", "kindergarten_2-2024", seed)["status"] == "in_progress"
    assert store.record_at("projects", "kindergarten_2-2024", first)["status"] == "completed"
    assert store.record_at("projects", "kindergarten_2-2023", first) is None
    assert_frame_equal(store.layer_at("projects", seed), shipped_frames["projects"])
    at_first = store.layer_at("projects", first)
    assert len(at_first) == len(shipped_frames["projects"]) - 1
    assert "kindergarten_2-2023" in store.known_record_ids("projects")


def test_restore_a_record_and_a_whole_layer(store, shipped_frames):
    seed = store.revision()
    row = _project_row(store, "kindergarten_2-2024")
    with store.transaction("alice", "mistake") as tx:
        tx.put("projects", row | {"status": "completed", "geometry": Point(118.375, 36.805)})
        tx.delete("projects", "kindergarten_2-2023")
    cid = store.restore_record("projects", "kindergarten_2-2024", seed, "bob", "undo status")
    assert _project_row(store, "kindergarten_2-2024")["status"] == "in_progress"
    assert store.history("projects", "kindergarten_2-2024")[-1].kind == "restore"
    assert store.commits(1)[0].id == cid and store.commits(1)[0].user == "bob"
    store.restore_record("projects", "kindergarten_2-2023", seed, "bob")
    assert "kindergarten_2-2023" in store.record_ids("projects")
    with store.transaction("alice", "delete villages") as tx:
        tx.delete("villages", "QL01")
        tx.delete("villages", "QL02")
    store.restore_layer("villages", seed, "bob", "bring villages back")
    assert_frame_equal(store.layer("villages").sort_values("code", ignore_index=True),
                       shipped_frames["villages"].sort_values("code", ignore_index=True))  # fmt: skip


def test_changed_data_files_reload_unless_edited(tmp_path, store_target):
    data = tmp_path / "data"
    shutil.copytree(SHIPPED_DATA_DIR, data)
    db = store_target
    store = open_store(data, db)
    with store.transaction("alice", "edit trusteeship") as tx:
        row = store.layer("trusteeship").iloc[0].to_dict()
        tx.put("trusteeship", row | {"trusteeship_mu": 1})
    for name in ("pois.geojson", "trusteeship.csv"):
        path = data / name
        path.write_text(
            path.read_text(encoding="utf-8").replace("schematic", "surveyed"), encoding="utf-8"
        )
    again = open_store(data, db)
    assert set(again.layer("pois")["geom_source"]) == {"surveyed"}
    assert again.layer("trusteeship").iloc[0]["trusteeship_mu"] == 1
    assert again.stale == ["trusteeship"]


def test_text_round_trips_as_text_and_exports_neutralise_formulas(store):
    row = _project_row(store, "kindergarten_2-2024")
    with store.transaction("alice", "hostile names") as tx:
        tx.put("projects", row | {"name": HOSTILE, "name_en": '=HYPERLINK("http://x")'})
    frames = store.frames()
    got = frames["projects"].set_index("project_id").loc["kindergarten_2-2024"]
    assert got["name"] == HOSTILE and got["name_en"] == '=HYPERLINK("http://x")'
    wb = openpyxl.load_workbook(io.BytesIO(xlsx_bytes({"projects": frames["projects"]})))
    cells = {c.value for r in wb["projects"].iter_rows() for c in r}
    assert HOSTILE in cells and '\'=HYPERLINK("http://x")' in cells
    assert '=HYPERLINK("http://x")' not in cells
    fc = json.loads(geojson_bytes(frames["projects"]))
    assert HOSTILE in [f["properties"]["name"] for f in fc["features"]]


def test_geopackage_export_holds_every_layer_and_table(store, tmp_path, shipped_frames):
    path = tmp_path / "out.gpkg"
    path.write_bytes(gpkg_bytes(store.frames()))
    names = {str(n) for n, _ in pyogrio.list_layers(path)}
    assert names == set(shipped_frames)
    villages = pyogrio.read_dataframe(path, layer="villages")
    assert len(villages) == 37 and villages.crs.to_epsg() == 4326
    assert len(pyogrio.read_dataframe(path, layer="trusteeship")) == 28


def test_tables_keep_their_types(store):
    t = store.layer("assessment")
    assert pd.api.types.is_string_dtype(t["month"]) and t["month"].iloc[0] == "2023-01"
