"""Edits through geo.edits: validated, audited, all or nothing, editors only."""

from __future__ import annotations

import pandas as pd
import pytest

from geo.model.errors import DataError, PermissionDenied
from geo.store import edits
from geo.store.users import User

EDITOR = User("editor1", "editor")


def _trust(store):
    return store.layer("trusteeship").set_index(["village", "year"])


def test_change_one_trusteeship_row(store):
    table = store.layer("trusteeship").copy()
    village = table.loc[0, "village"]
    table.loc[0, "trusteeship_mu"] = 300
    cid = edits.save_trusteeship(store, EDITOR, table, "village report of March")
    row = _trust(store).loc[(village, 2023)]
    assert (row["trusteeship_mu"], row["value_source"]) == (300, "entered")
    change = store.history("trusteeship", f"{village}|2023")[-1]
    assert (change.commit_id, change.user, change.reason) == (
        cid,
        "editor1",
        "village report of March",
    )
    assert change.before["trusteeship_mu"] != 300 and change.after["trusteeship_mu"] == 300
    others = _trust(store).drop(index=(village, 2023))
    assert set(others["value_source"]) == {"schematic"}  # untouched rows keep their provenance


def test_add_and_remove_a_year(store):
    edits.set_trusteeship(store, EDITOR, "杨西", 2024, 520, 26.5, "2024 plan")
    assert _trust(store).loc[("杨西", 2024), "collective_income_wan"] == 26.5
    edits.delete_trusteeship(store, EDITOR, "杨西", 2024)
    assert ("杨西", 2024) not in _trust(store).index
    assert [c.op for c in store.history("trusteeship", "杨西|2024")] == ["insert", "delete"]


@pytest.mark.parametrize(
    ("change", "english"),
    [
        ({"village": "火星村"}, "the village is not in the villages layer"),
        ({"trusteeship_mu": -5}, "trusteeship_mu must be a number, 0 or more"),
        ({"collective_income_wan": "很多"}, "collective_income_wan must be a number"),
        ({"year": 1900}, "the year must be a whole number 2000–2100"),
    ],
)
def test_bad_trusteeship_rows_are_refused_and_nothing_is_written(store, change, english):
    before = store.checksum()
    table = store.layer("trusteeship").astype(object)
    for col, value in change.items():
        table.loc[0, col] = value
    with pytest.raises(DataError) as err:
        edits.save_trusteeship(store, EDITOR, table)
    assert err.value.code == "invalid_edit"
    assert any(english in line for line in err.value.detail_lines("en"))
    assert err.value.detail_lines("zh")[0] != err.value.detail_lines("en")[0]
    assert store.checksum() == before


def test_duplicate_village_year_is_refused(store):
    table = store.layer("trusteeship")
    doubled = pd.concat([table, table.head(1)], ignore_index=True)
    with pytest.raises(DataError) as err:
        edits.save_trusteeship(store, EDITOR, doubled)
    assert "more than one row" in " ".join(err.value.detail_lines("en"))


def test_project_status_investment_and_progress(store):
    edits.update_project(store, EDITOR, "kindergarten_2-2024", status="completed", investment_wan=5100,
                         progress_pct=100, reason="accepted")  # fmt: skip
    p = store.layer("projects").set_index("project_id").loc["kindergarten_2-2024"]
    assert (p["status"], p["investment_wan"], p["progress_pct"]) == ("completed", 5100, 100)
    # the report's quote no longer backs the edited status
    assert p["status_source"] == "edited" and not isinstance(p["status_quote"], str)
    edits.update_project(store, EDITOR, "kindergarten_2-2024", investment_wan=None)
    assert (
        store.layer("projects").set_index("project_id").loc["kindergarten_2-2024", "investment_wan"]
        != 5100
    )
    assert len(store.history("projects", "kindergarten_2-2024")) == 3


@pytest.mark.parametrize(
    "kwargs",
    [
        {"status": "finished"},
        {"progress_pct": 150},
        {"investment_wan": -1},
        {"investment_wan": "x"},
    ],
)
def test_bad_project_values_are_refused(store, kwargs):
    before = store.checksum()
    with pytest.raises(DataError):
        edits.update_project(store, EDITOR, "kindergarten_2-2024", **kwargs)
    assert store.checksum() == before


def test_unknown_project(store):
    with pytest.raises(DataError, match="No record projects/nope"):
        edits.update_project(store, EDITOR, "nope", status="planned")


def test_viewers_cannot_edit(store):
    before = store.checksum()
    for who in (None, User("v", "viewer")):
        with pytest.raises(PermissionDenied):
            edits.update_project(store, who, "kindergarten_2-2024", status="completed")
        with pytest.raises(PermissionDenied):
            edits.set_trusteeship(store, who, "杨西", 2024, 1, 30)
    assert store.checksum() == before


def test_an_edit_can_be_restored(store):
    seed = store.revision()
    edits.update_project(store, EDITOR, "kindergarten_2-2024", status="completed")
    store.restore_record("projects", "kindergarten_2-2024", seed, EDITOR.username, "undo")
    p = store.layer("projects").set_index("project_id").loc["kindergarten_2-2024"]
    assert p["status"] == "in_progress"
    assert store.history("projects", "kindergarten_2-2024")[-1].reason == "undo"


def test_table_saves_write_only_what_the_editor_changed(store):
    base, versions = store.layer("trusteeship"), store.versions("trusteeship")
    mine = base.copy()
    mine.loc[0, "trusteeship_mu"] = 111  # editor A changes row 0 …
    mine = mine.drop(index=5)  # … and deletes row 5
    villages = list(base["village"])
    other = User("editor2", "editor")
    edits.set_trusteeship(store, other, villages[1], 2023, 222, 1.5)  # B changes row 1 meanwhile
    edits.delete_trusteeship(store, other, villages[2], 2023)  # and deletes row 2
    edits.save_trusteeship(store, EDITOR, mine, "A", base, versions)
    now = _trust(store)
    assert now.loc[(villages[0], 2023), "trusteeship_mu"] == 111
    assert now.loc[(villages[1], 2023), "trusteeship_mu"] == 222  # B's change is not reverted
    assert (villages[2], 2023) not in now.index  # B's delete is not undone
    assert (villages[5], 2023) not in now.index and len(now) == len(base) - 2
    ops = [c.op for c in store.changes("trusteeship", 10) if c.user == "editor1"]
    assert sorted(ops) == ["delete", "update"]  # no spurious writes


def test_the_same_cell_changed_by_two_editors_is_a_conflict(store):
    from geo.model.errors import ConflictError

    base, versions = store.layer("trusteeship"), store.versions("trusteeship")
    village = base.loc[0, "village"]
    edits.set_trusteeship(store, User("editor2", "editor"), village, 2023, 500, 9.0)
    mine = base.copy()
    mine.loc[0, "trusteeship_mu"] = 400
    before = store.checksum()
    with pytest.raises(ConflictError) as err:
        edits.save_trusteeship(store, EDITOR, mine, "A", base, versions)
    assert err.value.rid == f"{village}|2023" and store.checksum() == before
    assert "editor2 changed it at" in err.value.detail_lines("en")[0]
    assert "托管面积（亩）" in err.value.detail_lines("zh")[0]


def test_restoring_a_layer_over_someone_elses_change_is_a_conflict(store):
    """A whole-layer restore states the versions the editor saw; a change since refuses it."""
    from geo.model.errors import ConflictError

    first = store.commits(1)[0].id
    seen = store.versions("projects")
    pid = store.layer("projects")["project_id"].iloc[0]
    edits.update_project(store, User("editor2", "editor"), pid, progress_pct=55)
    before = store.checksum()
    with pytest.raises(ConflictError) as err:
        edits.restore_layer(store, EDITOR, "projects", first, seen)
    assert store.checksum() == before  # nothing written
    assert any("editor2" in zh for zh, _ in err.value.details)
    cid = edits.restore_layer(store, EDITOR, "projects", first, store.versions("projects"))
    assert cid is not None and store.record("projects", pid)[0].get("progress_pct") is None
