"""The 用地核查 Excel report: one sheet per check, plus investment by category and year."""

from __future__ import annotations

import pandas as pd

from geo.checks.allocation import investment_summary
from geo.checks.findings import CHECKS, Finding
from geo.files.xlsx import to_xlsx
from geo.i18n import t


def findings_frame(findings: list[Finding], lang: str = "zh") -> pd.DataFrame:
    cols = ["id", "check", "severity", "finding", "figures", "quotes", "features"]
    return pd.DataFrame([f.row(lang) for f in findings], columns=cols)


def report_xlsx(frames: dict, findings: list[Finding], lang: str = "zh") -> bytes:
    """The report as .xlsx bytes (formula-like cells neutralised)."""
    table = findings_frame(findings, lang)
    sheets = {key: table[table["check"] == key] for key in CHECKS}
    summary = investment_summary(frames["projects"])
    summary["kind"] = [t(f"invest_kind_{k}", lang) for k in summary["kind"]]
    summary["note"] = t("invest_summary_note", lang)
    sheets["investment"] = summary
    return to_xlsx(sheets)
