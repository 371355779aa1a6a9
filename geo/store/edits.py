"""Edits by editors: trusteeship rows per village and year; project status, investment, progress.

Each function checks everything first (a ``DataError`` lists every problem in Chinese and
English), then writes in one audited transaction and returns the commit id (None when nothing
changed). Edited values are marked ``value_source = "entered"``.

Concurrent editors: a save carries what the editor loaded (``base``, and its version), and only
the fields and rows the editor changed are written, on top of the record as it is now, read
inside the write transaction (``merge_record``). Changes by others to other fields or rows are
kept (merged); the same field changed by both to different values is refused with a
``ConflictError`` naming who changed what and when; nothing is written then.
"""

from __future__ import annotations

import math

import pandas as pd

from geo.i18n import edit_problem
from geo.model.errors import ConflictError, DataError
from geo.model.project_specs import STATUSES
from geo.store.describe import conflict_details
from geo.store.interface import (
    NEW_RECORD,
    Store,
    Transaction,
    comparable,
    frame_rows,
    key_text,
)
from geo.store.users import User, require_role

TRUSTEESHIP_COLUMNS = ("village", "year", "trusteeship_mu", "collective_income_wan")
YEARS = (2000, 2100)
ENTERED = "entered"


def _number(value) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    number = float(value)  # ValueError/TypeError handled by the caller
    return None if math.isnan(number) else number


def _row_problems(i: int, row: dict, villages: set[str]) -> list[tuple[str, str]]:
    out, label = [], row.get("village") or f"#{i + 1}"
    if not row.get("village") or row["village"] not in villages:
        out.append(edit_problem("unknown_village", label=label))
    try:
        year = _number(row.get("year"))
        if year is None or not year.is_integer() or not YEARS[0] <= year <= YEARS[1]:
            out.append(edit_problem("bad_year", label=label, lo=YEARS[0], hi=YEARS[1]))
    except (TypeError, ValueError):
        out.append(edit_problem("bad_year", label=label, lo=YEARS[0], hi=YEARS[1]))
    for col in ("trusteeship_mu", "collective_income_wan"):
        try:
            value = _number(row.get(col))
            if value is None or value < 0:
                raise ValueError(col)
        except (TypeError, ValueError):
            out.append(edit_problem("bad_number", label=label, col=col))
    return out


def check_trusteeship(table: pd.DataFrame, villages: set[str]) -> list[tuple[str, str]]:
    """Every problem of a trusteeship table as (zh, en) sentences (empty when all is well)."""
    rows = [r for r in frame_rows(table) if any(not _blank(r.get(c)) for c in TRUSTEESHIP_COLUMNS)]
    problems = [p for i, r in enumerate(rows) for p in _row_problems(i, r, villages)]
    keys = [(r.get("village"), key_text(r.get("year"))) for r in rows]
    for key in sorted({k for k in keys if keys.count(k) > 1}, key=str):
        problems.append(edit_problem("duplicate_row", label=f"{key[0]} {key[1]}"))
    return problems


def _blank(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value == ""


def _clean_trusteeship(row: dict) -> dict:
    out = {"village": str(row["village"]).strip(), "year": int(float(row["year"])),
           "trusteeship_mu": float(row["trusteeship_mu"]),
           "collective_income_wan": float(row["collective_income_wan"])}  # fmt: skip
    if out["trusteeship_mu"].is_integer():
        out["trusteeship_mu"] = int(out["trusteeship_mu"])
    return out


def _keyed(table: pd.DataFrame) -> dict[str, dict]:
    """Non-blank rows of a trusteeship table by record id, cleaned (invalid rows are refused
    before this is called)."""
    rows = [r for r in frame_rows(table) if any(not _blank(r.get(c)) for c in TRUSTEESHIP_COLUMNS)]
    return {
        f"{str(r['village']).strip()}|{key_text(r['year'])}": _clean_trusteeship(r) for r in rows
    }


def _differs(a: dict, b: dict, col: str) -> bool:
    return comparable(a.get(col)) != comparable(b.get(col))


def conflict_error(store: Store, layer: str, rid: str, base_version: int | None) -> ConflictError:
    """The refusal of a save based on ``base_version``, naming the changes made since."""
    history = store.history(layer, rid)
    since = [c for c in history if base_version is None or c.commit_id > base_version]
    return ConflictError(layer, rid, conflict_details(since[-5:]))


def merge_record(store: Store, tx: Transaction, layer: str, rid: str, base: dict | None,
                 mine: dict | None, base_version: int | None = None) -> bool:  # fmt: skip
    """Apply one person's change of one record (``base`` → ``mine``; None: absent) on top of
    what the record holds now, read under the write lock. Fields the person did not change keep
    their current values (someone else's change is merged); a field changed by both to different
    values, a change of a record deleted meanwhile, or a delete of a record changed meanwhile
    is a ``ConflictError``. Returns True when something was written."""
    current = tx.record(layer, rid)
    now, version = current if current else (None, None)
    mark = (
        {"value_source": ENTERED} if layer == "trusteeship" or "value_source" in (now or {}) else {}
    )
    if mine is None:  # delete
        if now is None:
            return False
        if base is None or any(_differs(now, base, c) for c in base):
            raise conflict_error(store, layer, rid, base_version)
        tx.delete(layer, rid, version)
        return True
    if base is None:  # add
        if now is not None and any(_differs(now, mine, c) for c in mine):
            raise conflict_error(store, layer, rid, base_version)
        if now is None:
            tx.put(layer, {**mine, **mark}, rid, NEW_RECORD)
        return now is None
    changed = [c for c in mine if _differs(mine, base, c)]
    if not changed:
        return False
    if now is None or any(_differs(now, base, c) and _differs(now, mine, c) for c in changed):
        raise conflict_error(store, layer, rid, base_version)
    row = {**now, **{c: mine[c] for c in changed}, **mark}
    tx.put(layer, row, rid, version)
    return True


def save_trusteeship(store: Store, user: User | None, table: pd.DataFrame, reason: str = "",
                     base: pd.DataFrame | None = None,
                     base_versions: dict[str, int] | None = None) -> int | None:  # fmt: skip
    """Apply the editor's changes to the trusteeship table: rows of ``table`` that differ from
    ``base`` (the table as the editor loaded it) are added, changed or removed; every other row
    is left as it is now, so two editors never undo each other. Without ``base`` the current
    table is the base (a script's whole-table write). Audited; None when nothing changed."""
    require_role(user, "editor")
    villages = set(store.layer("villages")["name"])
    problems = check_trusteeship(table, villages)
    if problems:
        raise DataError("invalid_edit", details=problems)
    versions = base_versions or {}
    before = _keyed(store.layer("trusteeship") if base is None else base)
    after = _keyed(table)
    with store.transaction(user.username, reason or "edit trusteeship", "edit") as tx:
        for rid in [*before, *(r for r in after if r not in before)]:
            old, new = before.get(rid), after.get(rid)
            merge_record(store, tx, "trusteeship", rid, old, new, versions.get(rid))
    return tx.commit_id


def set_trusteeship(store: Store, user: User | None, village: str, year: int, trusteeship_mu: float,
                    collective_income_wan: float, reason: str = "") -> int | None:  # fmt: skip
    """Add or change the trusteeship row of one village and year (other rows untouched)."""
    row = {"village": village, "year": year, "trusteeship_mu": trusteeship_mu,
           "collective_income_wan": collective_income_wan}  # fmt: skip
    return _one_trusteeship(
        store, user, village, year, row, reason or f"trusteeship {village} {year}"
    )


def delete_trusteeship(store: Store, user: User | None, village: str, year: int, reason: str = "") -> int | None:  # fmt: skip
    """Remove the trusteeship row of one village and year (kept in the history)."""
    return _one_trusteeship(store, user, village, year, None, reason or f"remove trusteeship {village} {year}")  # fmt: skip


def _one_trusteeship(store, user, village, year, row, reason) -> int | None:
    require_role(user, "editor")
    if row is not None:
        problems = check_trusteeship(pd.DataFrame([row]), set(store.layer("villages")["name"]))
        if problems:
            raise DataError("invalid_edit", details=problems)
    rid = f"{village}|{key_text(year)}"
    with store.transaction(user.username, reason, "edit") as tx:
        current = tx.record("trusteeship", rid)
        base = {c: current[0].get(c) for c in TRUSTEESHIP_COLUMNS} if current else None
        mine = _clean_trusteeship(row) if row is not None else None
        merge_record(store, tx, "trusteeship", rid, base, mine, current[1] if current else None)
    return tx.commit_id


_UNSET = object()


def _mark_edited_status(mine: dict, current: dict) -> None:
    """A changed status is no longer backed by the report's quote: say it was edited."""
    if "status" in mine and mine["status"] != current.get("status") and "status_source" in current:
        mine.update(status_source="edited", status_quote=None, status_reason=None)


def update_project(store: Store, user: User | None, project_id: str, *, status=_UNSET,
                   investment_wan=_UNSET, progress_pct=_UNSET, reason: str = "",
                   base: dict | None = None, base_version: int | None = None) -> int | None:  # fmt: skip
    """Change a project's status, investment (万元, None = not reported) or progress (0–100 %).

    ``base``/``base_version``: the record as the editor loaded it (``Store.record``); only the
    fields changed from it are written, on top of the record as it is now (a field someone else
    changed meanwhile to another value is a ``ConflictError``). Without them the given fields
    are written on top of the current record."""
    require_role(user, "editor")
    mine, problems = {}, []
    if status is not _UNSET:
        if status not in STATUSES:
            problems.append(
                edit_problem("bad_status", label=project_id, allowed=", ".join(STATUSES))
            )
        mine["status"] = status
    for col, value, hi in (
        ("investment_wan", investment_wan, None),
        ("progress_pct", progress_pct, 100),
    ):
        if value is _UNSET:
            continue
        try:
            number = _number(value)
            if number is not None and (number < 0 or (hi is not None and number > hi)):
                raise ValueError(value)
            mine[col] = number
        except (TypeError, ValueError):
            problems.append(edit_problem("bad_number", label=project_id, col=col))
    if problems:
        raise DataError("invalid_edit", details=problems)
    with store.transaction(user.username, reason or f"edit project {project_id}", "edit") as tx:
        current = tx.record("projects", project_id)
        if current is None:
            raise DataError("not_found", layer="projects", rid=project_id)
        _mark_edited_status(mine, current[0])
        old = {c: (base if base is not None else current[0]).get(c) for c in mine}
        merge_record(store, tx, "projects", project_id, old, mine, base_version)
    return tx.commit_id


def restore_layer(store: Store, user: User | None, layer: str, commit_id: int,
                  seen: dict[str, int], reason: str = "") -> int | None:  # fmt: skip
    """Bring a whole layer back to its state after ``commit_id``, if nobody changed the layer
    since the editor looked at it (``seen``: ``Store.versions`` then); else a ``ConflictError``
    naming who changed what and when, and nothing is written."""
    require_role(user, "editor")
    old = store.layer_at(layer, commit_id)
    with store.transaction(
        user.username, reason or f"restore {layer} to #{commit_id}", "restore"
    ) as tx:
        now = store.versions(layer)  # the write lock is held: no other commit can land meanwhile
        if now != seen:
            last_seen = max(seen.values(), default=0)
            changes = [c for c in store.changes(layer, 200) if c.commit_id > last_seen]
            raise ConflictError(layer, "*", conflict_details(list(reversed(changes))[-10:]))
        tx.replace_layer(layer, old)
    return tx.commit_id
