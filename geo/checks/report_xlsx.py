"""The 用地核查 Excel report: one sheet per check, plus investment by category and year.

Sheet names, headers and values are in the report's language (no ``medium``/``back_garden``);
a check without findings says so in a row ("无发现 / no findings").
"""

from __future__ import annotations

import pandas as pd

from geo.checks.allocation import investment_summary
from geo.checks.findings import CHECKS, Finding, check_label, severity_label
from geo.files.xlsx import to_xlsx
from geo.i18n import t

FINDING_COLUMNS = {"id": "col_finding_id", "check": "check", "severity": "severity", "finding": "col_finding",
                   "figures": "col_figures", "quotes": "col_quote", "features": "col_features"}  # fmt: skip
INVEST_COLUMNS = {"category": "category", "year": "year", "kind": "invest_kind",
                  "investment_wan": "investment_wan_col", "projects": "col_project_count"}  # fmt: skip


def feature_names(fids: list[str], frames: dict, lang: str = "zh") -> str:
    """The map features of a finding by name (``project:kindergarten_2-2024`` → 齐陵第二幼儿园)."""
    names = {}
    for layer, key, zh, en in (("projects", "project_id", "name", "name_en"),
                               ("planning_zones", "zone_id", "zone", "zone_en")):  # fmt: skip
        frame = frames.get(layer)
        if frame is not None and key in frame:
            col = en if lang == "en" and en in frame else zh
            prefix = "project" if layer == "projects" else "zone"
            names.update({f"{prefix}:{k}": str(v) for k, v in zip(frame[key], frame[col])})
    out = []
    for fid in fids:
        kind, _, ident = fid.partition(":")
        if fid in names:
            out.append(names[fid])
        elif kind == "farmland":
            out.append(t("feature_farmland", lang, village=ident))
        else:
            out.append(ident or fid)
    return ("、" if lang == "zh" else ", ").join(dict.fromkeys(out))


def findings_frame(
    findings: list[Finding], lang: str = "zh", frames: dict | None = None
) -> pd.DataFrame:
    """One row per finding; with ``frames``, its map features by name."""
    rows = [f.row(lang) for f in findings]
    if frames is not None:
        for row, f in zip(rows, findings):
            row["features"] = feature_names(f.fids, frames, lang)
    return pd.DataFrame(rows, columns=list(FINDING_COLUMNS))


def _sheet_name(text: str, taken: set[str]) -> str:
    """An Excel sheet name: at most 31 characters, none of []:*?/\\, unique."""
    name = "".join(" " if c in "[]:*?/\\" else c for c in text)[:31].strip() or "sheet"
    base, n = name, 2
    while name in taken:
        name = f"{base[:28]} {n}"
        n += 1
    taken.add(name)
    return name


def report_xlsx(frames: dict, findings: list[Finding], lang: str = "zh") -> bytes:
    """The report as .xlsx bytes (formula-like cells neutralised)."""
    table = findings_frame(findings, lang, frames)
    shown = table.copy()
    shown["check"] = [check_label(c, lang) for c in table["check"]]
    shown["severity"] = [severity_label(s, lang) for s in table["severity"]]
    labels = {c: t(k, lang) for c, k in FINDING_COLUMNS.items()}
    sheets, headers, taken = {}, {}, set()
    for key in CHECKS:
        name = _sheet_name(check_label(key, lang), taken)
        sheets[name] = shown[table["check"] == key]
        headers[name] = labels
    invest = investment_summary(frames["projects"])
    invest["category"] = [t("category_" + c, lang) for c in invest["category"]]
    invest["kind"] = [t("invest_kind_" + k, lang) for k in invest["kind"]]
    name = _sheet_name(t("sheet_investment", lang), taken)
    sheets[name] = invest
    headers[name] = {c: t(k, lang) for c, k in INVEST_COLUMNS.items()}
    return to_xlsx(sheets, headers=headers, empty_note=t("xlsx_no_findings", lang))
