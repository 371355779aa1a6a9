"""Project filtering, summaries and the Excel export."""

from __future__ import annotations

import io

import pandas as pd

from geo.i18n import label
from geo.project_specs import CATEGORIES, STATUSES

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


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
    out["category_label"] = [label(CATEGORIES[c], lang) for c in out["category"]]
    return out


def display_table(projects: pd.DataFrame, lang: str = "zh") -> pd.DataFrame:
    """The project table as shown and exported: labels in the UI language, no geometry."""
    return pd.DataFrame(
        {
            "project_id": projects["project_id"],
            "name": projects["name"] if lang == "zh" else projects["name_en"],
            "year": projects["year"],
            "category": [label(CATEGORIES[c], lang) for c in projects["category"]],
            "status": [label(STATUSES[s], lang) for s in projects["status"]],
            "village": projects["village"],
            "investment_wan": projects["investment_wan"],
            "reported_area_mu": projects["reported_area_mu"],
            "section": projects["section"],
            "fact_ids": projects["fact_ids"],
        }
    ).reset_index(drop=True)


def neutralise(value):
    """A cell value that a spreadsheet will not run as a formula (``=1+1`` → ``'=1+1``)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def to_xlsx(sheets: dict[str, pd.DataFrame]) -> bytes:
    """An .xlsx file with one sheet per frame; text cells that look like formulas are neutralised."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            safe = frame.copy()
            for col in safe.columns:
                if safe[col].dtype == object or pd.api.types.is_string_dtype(safe[col]):
                    safe[col] = safe[col].map(neutralise)
            safe.to_excel(writer, sheet_name=name[:31], index=False)
    return buf.getvalue()
