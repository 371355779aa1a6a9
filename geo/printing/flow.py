"""Pages that fill from the top: a y cursor that starts a new page when a block does not fit."""

from __future__ import annotations

from collections.abc import Callable

from geo.printing.fonts import CJKFont
from geo.printing.sheet import Sheet, paper_mm


class Flow:
    """Portrait pages with a header on the first page and a footer on every page."""

    def __init__(self, font: CJKFont, paper: str, first: Callable[[Sheet], float],
                 footer: Callable[[Sheet, int, int], None], margin: float = 12.0) -> None:  # fmt: skip
        self.font, self.paper, self.margin = font, paper, margin
        self.first, self.footer = first, footer
        self.pages: list[Sheet] = []
        self.sheet = self._new_page()
        self.y = first(self.sheet)

    def _new_page(self) -> Sheet:
        w, h = paper_mm(self.paper, landscape=False)
        sheet = Sheet(self.font, w, h)
        self.pages.append(sheet)
        self.bottom = sheet.h - self.margin - 12
        self.y = self.margin
        return sheet

    @property
    def width(self) -> float:
        return self.sheet.w - 2 * self.margin

    def need(self, height: float) -> None:
        """Start a new page unless ``height`` mm fit below the cursor."""
        if self.y + height > self.bottom:
            self.sheet = self._new_page()

    def finish(self) -> list[Sheet]:
        """Footers with page numbers; returns the pages."""
        for i, sheet in enumerate(self.pages):
            self.footer(sheet, i, len(self.pages))
        return self.pages
