"""Headline figures computed from the data, each saying what it counts and from which facts.

The report gives no total investment for 2024. The overview therefore shows three separate
computed sums (计算值) of the report's 2024 investment figures: the subdistrict's planned
projects, the companies' project totals (one of them 预计), and 刘家终's multi-year 16 亿 apart.
Project counts follow the report's own structure (its “一是…五是” items per part).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from geo.checks.totals import report_totals
from geo.i18n import t
from geo.model.facts import Fact, report_text
from geo.model.project_specs import INVESTMENT_KIND
from geo.model.units import format_money_sum, format_mu
from geo.views.citations import money_text, subject_label

INVESTMENT_KINDS = ("plan", "company", "multi_year")
_ITEM = re.compile(r"[一二三四五六七八九]是")
_PART2 = "二、2024年度工作计划"


@dataclass(frozen=True)
class KPI:
    """One headline number: label, formatted value, note and its sources."""

    key: str
    label: str
    value: str
    note: str
    sources: tuple[Fact, ...]


def investment_facts_2024(projects: pd.DataFrame, facts: list[Fact]) -> dict[str, list[Fact]]:
    """The 2024 investment facts the projects cite, by kind: ``plan`` (the subdistrict's
    planned projects), ``company`` (companies' project totals) and ``multi_year`` (刘家终)."""
    rows = projects[(projects["year"] == 2024) & projects["investment_wan"].notna()]
    by_id = {f.fact_id: f for f in facts}
    out: dict[str, list[Fact]] = {k: [] for k in INVESTMENT_KINDS}
    for ids in rows["fact_ids"]:
        for i in str(ids).split(","):
            f = by_id.get(i)
            if f is not None and f.metric == "investment":
                out[INVESTMENT_KIND.get(f.subject_id, "plan")].append(f)
    return out


def planned_investment_2024(
    projects: pd.DataFrame, facts: list[Fact], kinds: tuple[str, ...] = ("plan",)
) -> tuple[float, tuple[Fact, ...]]:
    """Sum (万元) of the 2024 investment figures of the given kinds, with the facts summed."""
    found = investment_facts_2024(projects, facts)
    used = tuple(f for k in kinds for f in found[k])
    return float(sum(f.value for f in used)), used


def report_items(text: str) -> dict[int, int]:
    """Items the report lists (“一是…五是”): {2023: part 一, 2024: part 二}."""
    cut = text.find(_PART2)
    return {2023: len(_ITEM.findall(text[:cut])), 2024: len(_ITEM.findall(text[cut:]))}


def _invest_cards(frames: dict, facts: list[Fact], lang: str) -> list[KPI]:
    plan, plan_src = planned_investment_2024(frames["projects"], facts, ("plan",))
    comp, comp_src = planned_investment_2024(frames["projects"], facts, ("company",))
    multi = investment_facts_2024(frames["projects"], facts)["multi_year"]
    estimated = [f for f in comp_src if f.qualifier == "预计"]
    est = "；".join(
        t("kpi_estimated", lang, subject=subject_label(f, lang), value=money_text(f, lang))
        for f in estimated
    )
    cards = [
        KPI("invest_2024", t("kpi_invest_2024", lang), format_money_sum(plan, lang),
            t("kpi_invest_2024_note", lang, n=len(plan_src)), plan_src),
        KPI("invest_company", t("kpi_invest_company", lang), format_money_sum(comp, lang),
            t("kpi_invest_company_note", lang, n=len(comp_src), estimated=est), comp_src),
    ]  # fmt: skip
    for f in multi:
        cards.append(KPI("invest_multi_year", t("kpi_invest_multi_year", lang),
                         money_text(f, lang), t("kpi_invest_multi_year_note", lang), (f,)))  # fmt: skip
    return cards


def project_count_card(frames: dict, lang: str, text: str | None = None) -> KPI:
    """The report's own count of 2024 items, with how the map's entries relate to it."""
    items = report_items(report_text() if text is None else text)
    p = frames["projects"]
    both = len(set(p.loc[p["year"] == 2023, "subject_id"]) & set(p.loc[p["year"] == 2024, "subject_id"]))  # fmt: skip
    note = t("kpi_projects_note", lang, n2023=items[2023], rows=len(p), both=both)
    return KPI("projects", t("kpi_projects", lang), str(items[2024]), note, ())


def overview_kpis(frames: dict, facts: list[Fact], lang: str, text: str | None = None) -> list[KPI]:
    """KPI cards of the overview page (each names what it counts; computed sums say so)."""
    totals = {c.key: c for c in report_totals(frames, facts)}
    tr_area, tr_n = totals["total_trusteeship_area"].fact, totals["total_trusteeship_villages"].fact
    fu_area, fu_n = totals["total_farmland_area"].fact, totals["total_farmland_villages"].fact
    return _invest_cards(frames, facts, lang) + [
        KPI("trusteeship", t("kpi_trusteeship", lang), format_mu(tr_area.value, 0, lang=lang),
            t("kpi_villages_reported", lang, n=f"{tr_n.value:g}"), (tr_area, tr_n)),
        KPI("farmland", t("kpi_farmland", lang), format_mu(fu_area.value, 0, lang=lang),
            t("kpi_villages_reported", lang, n=f"{fu_n.value:g}"), (fu_area, fu_n)),
        project_count_card(frames, lang, text),
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
