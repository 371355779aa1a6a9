"""Excel export: one sheet per table, fit to hand over.

Headers in the UI's language (with units), bold and frozen; column widths from the content;
numbers stored as numbers; an empty sheet says so in a row; text cells that a spreadsheet would
run as formulas neutralised.
"""

from __future__ import annotations

import io
import unicodedata

import pandas as pd
from openpyxl.styles import Alignment, Font

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MAX_WIDTH = 60  # characters; longer texts wrap


def neutralise(value):
    """A cell value that a spreadsheet will not run as a formula (``=1+1`` → ``'=1+1``)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def text_width(value) -> int:
    """Display width of a value in characters (a CJK character counts two)."""
    s = "" if value is None or value != value else str(value)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _cell(value):
    """Lists and tuples as readable text; everything else as is (numbers stay numbers)."""
    if isinstance(value, (list, tuple)):
        return "、".join(str(v) for v in value)
    return neutralise(value)


def to_xlsx(
    sheets: dict[str, pd.DataFrame],
    headers: dict[str, dict[str, str]] | None = None,
    empty_note: str | None = None,
) -> bytes:
    """An .xlsx file with one sheet per frame.

    ``headers`` maps a sheet name to {column id: header}; ``empty_note`` is written in the first
    row of a sheet that has no rows (e.g. "无发现 / no findings").
    """
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            safe = frame.copy()
            for col in safe.columns:
                if not pd.api.types.is_numeric_dtype(safe[col]):
                    safe[col] = safe[col].map(_cell)
            safe = safe.rename(columns=(headers or {}).get(name, {}))
            if safe.empty and empty_note:
                safe = pd.DataFrame(
                    [[empty_note] + [None] * (len(safe.columns) - 1)], columns=safe.columns
                )
            sheet = neutralise(name)[:31]
            safe.to_excel(writer, sheet_name=sheet, index=False)
            _format(writer.sheets[sheet], safe)
    return buf.getvalue()


def _format(ws, frame: pd.DataFrame) -> None:
    """Bold, frozen header row; widths from the content (capped, long texts wrap)."""
    ws.freeze_panes = "A2"
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    for i, col in enumerate(frame.columns, start=1):
        widths = [text_width(col)] + [text_width(v) for v in frame[col].head(500)]
        width = min(max(widths) + 2, MAX_WIDTH)
        letter = ws.cell(row=1, column=i).column_letter
        ws.column_dimensions[letter].width = max(width, 8)
        if max(widths) + 2 > MAX_WIDTH:
            for cell in ws[letter][1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
