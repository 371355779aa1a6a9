"""Project filtering and summaries."""

from __future__ import annotations

import pandas as pd

from geo.files.xlsx import to_xlsx
from geo.i18n import t
from geo.model.units import format_money_wan


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


def source_label(value, lang: str) -> str:
    """报告 / 推断 / 示意 for a ``*_source`` value (blank when there is none)."""
    return t(f"source_{value}", lang) if isinstance(value, str) and value else ""


def _column(projects: pd.DataFrame, col: str) -> list:
    return list(projects[col]) if col in projects else [None] * len(projects)


def _investment_notes(projects: pd.DataFrame, lang: str) -> list[str]:
    """The report's conflict mark for an investment it gives differently in two places."""
    return [
        t("conflict_mark", lang, values=" / ".join(format_money_wan(float(v), lang) for v in c.split("|")))
        if isinstance(c, str) and c else ""
        for c in _column(projects, "investment_conflict")
    ]  # fmt: skip


def display_table(projects: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """The project table as shown and exported: labels in the UI language, no geometry; where
    each status, name, village and location comes from (报告 / 推断 / 示意), and the report's
    conflict mark on an investment it gives differently in two places."""
    table = pd.DataFrame(
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
    n = len(projects)
    extra = {
        t("col_investment_note", lang): _investment_notes(projects, lang),
        t("col_status_source", lang): [source_label(v, lang) for v in _column(projects, "status_source")],
        t("col_status_quote", lang): [v if isinstance(v, str) else "" for v in _column(projects, "status_quote")],
        t("col_name_source", lang): [source_label(v, lang) for v in _column(projects, "name_source")],
        t("col_village_source", lang): [source_label(v, lang) for v in _column(projects, "village_source")],
        t("col_geometry", lang): [t("source_schematic", lang)] * n,
    }  # fmt: skip
    for col, values in extra.items():
        table[col] = values
    return table


#: The table's columns and their header keys (geo.i18n); the Excel export uses the same.
PROJECT_COLUMNS = {
    "project_id": "col_project_id", "name": "name", "year": "year", "category": "category",
    "status": "status", "village": "village", "investment_wan": "investment_wan_col",
    "reported_area_mu": "col_area_mu", "section": "col_section", "fact_ids": "col_fact_ids",
}  # fmt: skip


def column_labels(lang: str = "zh") -> dict[str, str]:
    """Column id → header in the UI's language, with units."""
    return {c: t(k, lang) for c, k in PROJECT_COLUMNS.items()}


def projects_xlsx(table: pd.DataFrame, lang: str = "zh") -> bytes:
    """The project table as an Excel file: headers in the UI's language with units."""
    name = t("sheet_projects", lang)
    table = table[[c for c in table.columns if c != "project_id"] + ["project_id"]]  # the key last
    return to_xlsx(
        {name: table}, headers={name: column_labels(lang)}, empty_note=t("xlsx_no_rows", lang)
    )


def set_bounds(projects, pad: float = 0.003) -> tuple[float, float, float, float] | None:
    """The box around the located projects of a set (None when none has a place)."""
    placed = projects[projects.geometry.notna() & ~projects.geometry.is_empty]
    if placed.empty:
        return None
    minx, miny, maxx, maxy = placed.total_bounds
    return (minx - pad, miny - pad, maxx + pad, maxy + pad)
