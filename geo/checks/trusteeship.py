"""Land trusteeship: the per-village table joined to villages, and its checks against the report."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from geo.checks.totals import reported
from geo.model.facts import Fact


@dataclass(frozen=True)
class TotalCheck:
    """One total compared with the report: what we have, what the report says, pass/fail."""

    key: str
    ours: str
    reported: str
    ok: bool
    fact: Fact


def trusteeship_table(frames: dict) -> pd.DataFrame:
    """Trusteeship rows with the village code, sorted by area (largest first)."""
    v = frames["villages"][["code", "name"]].rename(columns={"name": "village"})
    out = frames["trusteeship"].merge(v, on="village", how="left")
    return out.sort_values("trusteeship_mu", ascending=False).reset_index(drop=True)


def trusteeship_checks(table: pd.DataFrame, facts: list[Fact]) -> list[TotalCheck]:
    """28 villages, 10,000 亩, every collective income above 20 万元."""
    n, area, floor = (
        reported(facts, "land_trusteeship", m)
        for m in ("villages", "area", "min_collective_income")
    )
    low = table[table["collective_income_wan"] <= floor.value]
    return [
        TotalCheck("check_villages", f"{table['village'].nunique()}", f"{n.value:g}", table["village"].nunique() == n.value, n),
        TotalCheck("check_total", f"{table['trusteeship_mu'].sum():,.0f} 亩", f"{area.value:,.0f} 亩",
                   abs(table["trusteeship_mu"].sum() - area.value) < 1e-6, area),
        TotalCheck("check_income", f"min {table['collective_income_wan'].min():g} 万元", f"> {floor.value:g} 万元", low.empty, floor),
    ]  # fmt: skip
