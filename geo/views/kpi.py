"""Headline figures computed from the data, each with the facts it is built from."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from geo.checks.totals import report_totals
from geo.i18n import t
from geo.model.facts import Fact
from geo.model.project_specs import CATEGORIES
from geo.model.units import format_money_wan, format_mu


@dataclass(frozen=True)
class KPI:
    """One headline number: label, formatted value, note and its sources."""

    key: str
    label: str
    value: str
    note: str
    sources: tuple[Fact, ...]


def planned_investment_2024(
    projects: pd.DataFrame, facts: list[Fact]
) -> tuple[float, tuple[Fact, ...]]:
    """Sum of the 2024 projects' reported investment (万元), with the facts summed."""
    rows = projects[(projects["year"] == 2024) & projects["investment_wan"].notna()]
    by_id = {f.fact_id: f for f in facts}
    used = []
    for ids in rows["fact_ids"]:
        used += [
            by_id[i] for i in str(ids).split(",") if i in by_id and by_id[i].metric == "investment"
        ]
    return float(rows["investment_wan"].sum()), tuple(used)


def overview_kpis(frames: dict, facts: list[Fact], lang: str) -> list[KPI]:
    """KPI cards of the overview page."""
    total, invest_src = planned_investment_2024(frames["projects"], facts)
    totals = {c.key: c for c in report_totals(frames, facts)}
    tr_area, tr_n = totals["total_trusteeship_area"].fact, totals["total_trusteeship_villages"].fact
    fu_area, fu_n = totals["total_farmland_area"].fact, totals["total_farmland_villages"].fact
    counts = frames["projects"]["category"].value_counts()
    parts = [f"{t('category_' + c, lang)} {int(counts[c])}" for c in CATEGORIES if c in counts]
    return [
        KPI("invest_2024", t("kpi_invest_2024", lang), format_money_wan(total, lang),
            f"{t('kpi_sum_of', lang)}（{len(invest_src)}）", invest_src),
        KPI("trusteeship", t("kpi_trusteeship", lang), format_mu(tr_area.value, 0),
            f"{tr_n.value:g} {t('villages_n', lang)}", (tr_area, tr_n)),
        KPI("farmland", t("kpi_farmland", lang), format_mu(fu_area.value, 0),
            f"{fu_n.value:g} {t('villages_n', lang)}", (fu_area, fu_n)),
        KPI("projects", t("kpi_projects", lang), str(len(frames["projects"])), " · ".join(parts), ()),
    ]  # fmt: skip


def village_metric(frames: dict, metric: str | None) -> dict[str, float]:
    """Values of a village metric by village code (for the choropleth)."""
    v = frames["villages"][["code", "name"]]
    if metric == "trusteeship_mu" or metric == "collective_income_wan":
        s = frames["trusteeship"].set_index("village")[metric]
    elif metric == "farmland_mu":
        s = frames["farmland_upgrade"].set_index("village")["area_mu"]
    elif metric == "assessment":
        a = frames["assessment"].groupby("village_code")["score"].mean()
        return {c: round(float(a[c]), 1) for c in v["code"] if c in a}
    else:
        return {}
    return {c: float(s[n]) for c, n in zip(v["code"], v["name"]) if n in s}
