"""Two processes × 200 edits on the same records and on the trusteeship table: nothing is lost.

Every edit either commits or is refused as a conflict; the audit holds exactly the committed
edits; no commit reverts the other process's field; the table loses no row.
"""

from __future__ import annotations

import multiprocessing as mp
from itertools import cycle, islice

import pytest

from geo.model.errors import ConflictError
from geo.model.paths import SHIPPED_DATA_DIR
from geo.model.project_specs import STATUSES
from geo.store import edits, open_store
from geo.store.users import User

PID = "kindergarten_2-2024"
N = 200


def _edit_project(db: str, who: str, field: str, values: list, barrier, out) -> None:
    store = open_store(SHIPPED_DATA_DIR, db)
    user, done, refused = User(who, "editor"), [], 0
    barrier.wait()
    for value in values:
        base, version = store.record("projects", PID)
        try:
            cid = edits.update_project(store, user, PID, **{field: value}, base=base,
                                       base_version=version, reason=f"{who} {value}")  # fmt: skip
        except ConflictError:
            refused += 1
        else:
            done.append((cid, value))
    out.put((who, done, refused))


def _edit_table(db: str, who: str, villages: list[str], barrier, out) -> None:
    store = open_store(SHIPPED_DATA_DIR, db)
    user, done, refused = User(who, "editor"), [], 0
    barrier.wait()
    for i in range(N):
        base = store.layer("trusteeship")
        versions = store.versions("trusteeship")
        table = base.copy()
        row = table.index[table["village"] == villages[i % len(villages)]][0]
        table.loc[row, "trusteeship_mu"] = 1000 + i
        try:
            cid = edits.save_trusteeship(store, user, table, f"{who} {i}", base, versions)
        except ConflictError:
            refused += 1
        else:
            done.append((cid, table.loc[row, "village"], 1000 + i))
    out.put((who, done, refused))


def _run(target, args_a: tuple, args_b: tuple) -> dict:
    ctx = mp.get_context("spawn")
    barrier, out = ctx.Barrier(2), ctx.Queue()
    procs = [ctx.Process(target=target, args=(*a, barrier, out)) for a in (args_a, args_b)]
    for p in procs:
        p.start()
    results = {who: (done, refused) for who, done, refused in (out.get(timeout=120) for _ in procs)}
    for p in procs:
        p.join(30)
        assert p.exitcode == 0
    return results


@pytest.fixture
def db(store_target) -> str:
    """A fresh store on each backend (SQLite file, PostGIS database)."""
    open_store(SHIPPED_DATA_DIR, store_target)
    return str(store_target)


def test_two_processes_edit_different_fields_of_one_project_and_both_keep(db):
    statuses = list(islice(cycle(STATUSES), N))
    res = _run(_edit_project, (db, "alice", "status", statuses),
               (db, "bob", "investment_wan", [float(i + 1) for i in range(N)]))  # fmt: skip
    store = open_store(SHIPPED_DATA_DIR, db)
    (a_done, a_refused), (b_done, b_refused) = res["alice"], res["bob"]
    assert (a_refused, b_refused) == (0, 0)  # different fields merge
    assert len(a_done) == len(b_done) == N
    history = [c for c in store.history("projects", PID) if c.user in ("alice", "bob")]
    assert len(history) == 2 * N  # every edit audited once
    for change in history:  # no commit touched the other person's field
        changed = {k for k in change.after if change.before.get(k) != change.after.get(k)}
        changed -= {"status_source", "status_quote", "status_reason"}  # follow the status
        assert changed == ({"status"} if change.user == "alice" else {"investment_wan"})
    row, _ = store.record("projects", PID)
    assert row["status"] == statuses[-1] and row["investment_wan"] == float(N)


def test_two_processes_edit_the_same_field_each_edit_commits_or_conflicts(db):
    res = _run(_edit_project, (db, "alice", "progress_pct", [float(i % 50) for i in range(N)]),
               (db, "bob", "progress_pct", [50.0 + i % 50 for i in range(N)]))  # fmt: skip
    store = open_store(SHIPPED_DATA_DIR, db)
    done = {cid: v for who in res for cid, v in res[who][0]}
    refused = sum(r for _, r in res.values())
    assert len(done) + refused == 2 * N and None not in done
    history = [c for c in store.history("projects", PID) if c.user in ("alice", "bob")]
    assert {c.commit_id: c.after["progress_pct"] for c in history} == done
    for change in history:  # each commit was based on the value just before it
        assert {k for k in change.after if change.before.get(k) != change.after.get(k)} == {
            "progress_pct"
        }
    assert store.record("projects", PID)[0]["progress_pct"] == done[max(done)]


def test_two_processes_save_the_trusteeship_table_and_lose_no_row(db):
    store = open_store(SHIPPED_DATA_DIR, db)
    before = store.layer("trusteeship")
    villages = sorted(set(before["village"]))
    half = len(villages) // 2
    res = _run(_edit_table, (db, "alice", villages[:half]), (db, "bob", villages[half:]))
    after = store.layer("trusteeship")
    assert len(after) == len(before)
    changes = [c for c in store.changes("trusteeship", 5000) if c.user in ("alice", "bob")]
    assert {c.op for c in changes} == {"update"}  # no spurious deletes or inserts
    committed = [d for who in res for d in res[who][0]]
    assert sum(r for _, r in res.values()) == 0 and len(committed) == 2 * N
    assert len({c.commit_id for c in changes}) == 2 * N
    last = {}
    for _cid, village, mu in sorted(committed):
        last[village] = mu
    rows = after.set_index("village").groupby(level=0)["trusteeship_mu"].max()
    for village, mu in last.items():
        assert rows[village] == mu
