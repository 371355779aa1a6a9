"""Excel export: one sheet per table, cells that a spreadsheet would run as formulas neutralised."""

from __future__ import annotations

import io

import pandas as pd

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


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
