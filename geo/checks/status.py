"""The same undertaking in 2023 and 2024: does its status move forward?

A subject the report mentions in both years (the same ``subject_id``, or one of the pairs of
``SAME_UNDERTAKING`` such as 正诺职业培训基地 → 山东正诺职业培训学校) whose 2024 status is
behind its 2023 status (2023 “建成”, 2024 “正在装修施工”) is a question for the planner, with
both sentences of the report.
"""

from __future__ import annotations

import pandas as pd

from geo.checks.findings import Finding
from geo.i18n import pair
from geo.model.project_specs import SAME_UNDERTAKING, STATUS_RANK


def _pairs(projects: pd.DataFrame) -> list[tuple[pd.Series, pd.Series]]:
    """(2023 row, 2024 row) of every undertaking that appears in both years."""
    y23 = {r["subject_id"]: r for _, r in projects[projects["year"] == 2023].iterrows()}
    y24 = {r["subject_id"]: r for _, r in projects[projects["year"] == 2024].iterrows()}
    links = [(s, s) for s in y23 if s in y24] + [(a, b) for a, b in SAME_UNDERTAKING]
    return [(y23[a], y24[b]) for a, b in links if a in y23 and b in y24]


def _quote(row: pd.Series) -> tuple[str, str]:
    quote = row.get("status_quote")
    return (row["section"], quote if isinstance(quote, str) and quote else row["name"])


def check_status(frames: dict) -> list[Finding]:
    """A question for every undertaking whose 2024 status is behind its 2023 status."""
    out = []
    for old, new in _pairs(frames["projects"]):
        if STATUS_RANK.get(new["status"], 0) >= STATUS_RANK.get(old["status"], 0):
            continue
        params = {
            "old": (old["name"], old["name_en"]), "new": (new["name"], new["name_en"]),
            "old_status": pair("status_" + old["status"]), "new_status": pair("status_" + new["status"]),
            "old_quote": _quote(old)[1], "new_quote": _quote(new)[1],
        }  # fmt: skip
        out.append(Finding("status", "medium", "status_conflict", params,
                           {"2023": old["status"], "2024": new["status"]},
                           [_quote(old), _quote(new)],
                           [f"project:{old['project_id']}", f"project:{new['project_id']}"]))  # fmt: skip
    return out
