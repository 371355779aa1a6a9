"""Project filtering and summaries."""

from __future__ import annotations

import pandas as pd

from geo.i18n import t


def filter_projects(
    projects: pd.DataFrame,
    categories=None,
    years=None,
    statuses=None,
    villages=None,
    investment: tuple[float, float] | None = None,
    include_unreported: bool = True,
) -> pd.DataFrame:
    """Projects matching every given filter (None or empty means no filter on that field)."""
    keep = pd.Series(True, index=projects.index)
    for col, allowed in (
        ("category", categories),
        ("year", years),
        ("status", statuses),
        ("village", villages),
    ):
        if allowed:
            keep &= projects[col].isin(list(allowed))
    inv = projects["investment_wan"]
    if investment is not None:
        lo, hi = investment
        keep &= (inv.between(lo, hi)) | (inv.isna() & include_unreported)
    elif not include_unreported:
        keep &= inv.notna()
    return projects[keep]


def investment_by_category(projects: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """Reported investment (万元) summed by category and year."""
    df = projects[projects["investment_wan"].notna()]
    out = df.groupby(["category", "year"], as_index=False)["investment_wan"].sum()
    out["category_label"] = [t("category_" + c, lang) for c in out["category"]]
    return out


def display_table(projects: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """The project table as shown and exported: labels in the UI language, no geometry."""
    return pd.DataFrame(
        {
            "project_id": projects["project_id"],
            "name": projects["name"] if lang == "zh" else projects["name_en"],
            "year": projects["year"],
            "category": [t("category_" + c, lang) for c in projects["category"]],
            "status": [t("status_" + s, lang) for s in projects["status"]],
            "village": projects["village"],
            "investment_wan": projects["investment_wan"],
            "reported_area_mu": projects["reported_area_mu"],
            "section": projects["section"],
            "fact_ids": projects["fact_ids"],
        }
    ).reset_index(drop=True)
