"""Edits by editors: trusteeship rows per village and year; project status, investment, progress.

Each function checks everything first (a ``DataError`` lists every problem in Chinese and
English), then writes in one audited transaction and returns the commit id (None when nothing
changed). Edited values are marked ``value_source = "entered"``.
"""

from __future__ import annotations

import math

import pandas as pd

from geo.i18n import edit_problem
from geo.model.errors import DataError
from geo.model.project_specs import STATUSES
from geo.store.accounts import User, require_role
from geo.store.interface import Store, frame_rows, key_text

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


def _clean_trusteeship(row: dict, old: dict | None) -> dict:
    out = dict(old or {})
    out.update({"village": str(row["village"]).strip(), "year": int(float(row["year"])),
                "trusteeship_mu": float(row["trusteeship_mu"]),
                "collective_income_wan": float(row["collective_income_wan"])})  # fmt: skip
    for col in ("trusteeship_mu",):
        if out[col].is_integer():
            out[col] = int(out[col])
    changed = old is None or any(old.get(c) != out[c] for c in TRUSTEESHIP_COLUMNS)
    out["value_source"] = ENTERED if changed else (old or {}).get("value_source", ENTERED)
    return out


def save_trusteeship(
    store: Store, user: User | None, table: pd.DataFrame, reason: str = ""
) -> int | None:
    """Make the trusteeship table equal ``table`` (rows added, changed, removed); audited."""
    require_role(user, "editor")
    villages = set(store.layer("villages")["name"])
    problems = check_trusteeship(table, villages)
    if problems:
        raise DataError("invalid_edit", details=problems)
    current = {
        f"{r['village']}|{key_text(r['year'])}": r for r in frame_rows(store.layer("trusteeship"))
    }
    rows = [r for r in frame_rows(table) if any(not _blank(r.get(c)) for c in TRUSTEESHIP_COLUMNS)]
    wanted = {}
    for r in rows:
        rid = f"{str(r['village']).strip()}|{key_text(r['year'])}"
        wanted[rid] = _clean_trusteeship(r, current.get(rid))
    with store.transaction(user.username, reason or "edit trusteeship", "edit") as tx:
        for rid in current:
            if rid not in wanted:
                tx.delete("trusteeship", rid)
        for rid, row in wanted.items():
            tx.put("trusteeship", row, rid)
    return tx.commit_id


def set_trusteeship(store: Store, user: User | None, village: str, year: int, trusteeship_mu: float,
                    collective_income_wan: float, reason: str = "") -> int | None:  # fmt: skip
    """Add or change the trusteeship row of one village and year."""
    table = store.layer("trusteeship")
    mask = (table["village"] == village) & (table["year"].map(key_text) == key_text(year))
    row = {"village": village, "year": year, "trusteeship_mu": trusteeship_mu,
           "collective_income_wan": collective_income_wan}  # fmt: skip
    new = pd.concat([table[~mask], pd.DataFrame([row])], ignore_index=True)
    return save_trusteeship(store, user, new, reason or f"trusteeship {village} {year}")


def delete_trusteeship(store: Store, user: User | None, village: str, year: int, reason: str = "") -> int | None:  # fmt: skip
    """Remove the trusteeship row of one village and year (kept in the history)."""
    table = store.layer("trusteeship")
    mask = (table["village"] == village) & (table["year"].map(key_text) == key_text(year))
    return save_trusteeship(
        store, user, table[~mask], reason or f"remove trusteeship {village} {year}"
    )


_UNSET = object()


def update_project(store: Store, user: User | None, project_id: str, *, status=_UNSET,
                   investment_wan=_UNSET, progress_pct=_UNSET, reason: str = "") -> int | None:  # fmt: skip
    """Change a project's status, investment (万元, None = not reported) or progress (0–100 %)."""
    require_role(user, "editor")
    projects = store.layer("projects")
    match = projects[projects["project_id"] == project_id]
    if match.empty:
        raise DataError("not_found", layer="projects", rid=project_id)
    row, problems = frame_rows(match)[0], []
    if status is not _UNSET:
        if status not in STATUSES:
            problems.append(
                edit_problem("bad_status", label=project_id, allowed=", ".join(STATUSES))
            )
        if status != row.get("status") and "status_source" in row:
            # the report's quote no longer backs the status: say it was edited
            row.update(status_source="edited", status_quote=None, status_reason=None)
        row["status"] = status
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
            row[col] = number
        except (TypeError, ValueError):
            problems.append(edit_problem("bad_number", label=project_id, col=col))
    if problems:
        raise DataError("invalid_edit", details=problems)
    with store.transaction(user.username, reason or f"edit project {project_id}", "edit") as tx:
        tx.put("projects", row, project_id)
    return tx.commit_id
