"""A printed page measured in millimetres from its top-left corner, drawn with matplotlib.

Text is set in the CJK font (``geo.printing.fonts``) and wrapped to a width with the font's
own advance widths, so nothing runs past a margin. Pages are ``matplotlib.figure.Figure``
objects (no pyplot state); ``save_pdf`` writes one or many into one vector PDF.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

import matplotlib
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from geo.printing.fonts import CJKFont, advance_pt, rc, stroked_text

MM = 1 / 25.4  # inches per millimetre
PT_MM = 25.4 / 72  # millimetres per point
#: Paper sizes in millimetres (portrait width, height).
PAPERS = {"A3": (297.0, 420.0), "A4": (210.0, 297.0)}
#: Characters that must not start a line (they stay with the previous one).
NO_BREAK_BEFORE = set("，。、：；！？）》」』”’,.;:!?)%")
INK = "#222222"
MUTED = "#5f6368"


def paper_mm(paper: str, landscape: bool) -> tuple[float, float]:
    """(width, height) in millimetres."""
    w, h = PAPERS[paper]
    return (h, w) if landscape else (w, h)


class Sheet:
    """One page: text, wrapped paragraphs, boxes and map axes placed in millimetres."""

    def __init__(self, font: CJKFont, width_mm: float, height_mm: float) -> None:
        self.font, self.w, self.h = font, width_mm, height_mm
        with matplotlib.rc_context(rc(font)):
            self.fig = Figure(figsize=(width_mm * MM, height_mm * MM))

    def _xy(self, x: float, y: float) -> tuple[float, float]:
        return x / self.w, 1 - y / self.h

    def text(self, x: float, y: float, s: str, size: float = 10, **kw):
        """One line of text at (x, y) mm (top-left by default); returns the Text."""
        kw.setdefault("va", "top")
        colour = kw.pop("color", INK)
        bold = kw.pop("fontweight", None) == "bold"
        return stroked_text(self.fig, *self._xy(x, y), self.font.clean(s), size, colour, bold,
                            family=self.font.family, **kw)  # fmt: skip

    def width_mm(self, s: str, size: float) -> float:
        """Printed width of a line in millimetres."""
        return sum(advance_pt(self.font, c) for c in s) * size * PT_MM

    def wrap(self, s: str, width: float, size: float) -> list[str]:
        """Lines of ``s`` no wider than ``width`` mm (CJK breaks anywhere, Latin at spaces)."""
        return wrap_text(self.font, s, width, size)

    def para(self, x: float, y: float, s: str, width: float, size: float = 10,
             leading: float = 1.4, max_lines: int | None = None, **kw) -> float:  # fmt: skip
        """A wrapped paragraph; returns the y (mm) below it."""
        lines = self.wrap(s, width, size)
        if max_lines and len(lines) > max_lines:
            lines = lines[:max_lines]
            lines[-1] = lines[-1][: max(0, len(lines[-1]) - 1)] + "…"
        step = size * PT_MM * leading
        for i, line in enumerate(lines):
            self.text(x, y + i * step, line, size, **kw)
        return y + len(lines) * step

    def lines_height(self, s: str, width: float, size: float, leading: float = 1.4) -> float:
        return len(self.wrap(s, width, size)) * size * PT_MM * leading

    def rect(self, x: float, y: float, w: float, h: float, **kw) -> None:
        kw.setdefault("fill", False)
        kw.setdefault("linewidth", 0.6)
        kw.setdefault("edgecolor", INK)
        self.fig.add_artist(Rectangle(self._xy(x, y + h), w / self.w, h / self.h,
                                      transform=self.fig.transFigure, **kw))  # fmt: skip

    def hline(self, x: float, y: float, w: float, colour: str = INK, lw: float = 0.6) -> None:
        x0, y0 = self._xy(x, y)
        self.fig.add_artist(Line2D([x0, x0 + w / self.w], [y0, y0],
                            transform=self.fig.transFigure, color=colour, linewidth=lw))  # fmt: skip

    def axes(self, x: float, y: float, w: float, h: float):
        """Axes filling the box (x, y, w, h) mm, without ticks."""
        ax = self.fig.add_axes((x / self.w, 1 - (y + h) / self.h, w / self.w, h / self.h))
        ax.set_xticks([])
        ax.set_yticks([])
        return ax


def wrap_text(font: CJKFont, s: str, width: float, size: float) -> list[str]:
    """Greedy line breaking by printed width (see ``Sheet.wrap``)."""
    limit = width / PT_MM / size
    out: list[str] = []
    for raw in font.clean(s).split("\n"):
        line, w = "", 0.0
        for token in _tokens(raw):
            tw = sum(advance_pt(font, c) for c in token)
            if line and w + tw > limit and token[0] not in NO_BREAK_BEFORE:
                out.append(line.rstrip())
                line, w = token.lstrip(), sum(advance_pt(font, c) for c in token.lstrip())
            else:
                line, w = line + token, w + tw
        out.append(line.rstrip())
    return out


def _tokens(s: str) -> Iterable[str]:
    """Words of Latin text (with their space) and single CJK characters."""
    word = ""
    for c in s:
        if ord(c) < 0x2E80 and not c.isspace():
            word += c
            continue
        if word:
            yield word
            word = ""
        yield c
    if word:
        yield word


def save_pdf(pages: list[Sheet], title: str, subject: str = "") -> bytes:
    """Every page into one PDF (vector; the CJK font embedded as a subset)."""
    buf = io.BytesIO()
    font = pages[0].font
    with matplotlib.rc_context(rc(font)):
        with PdfPages(buf, metadata={"Title": title, "Subject": subject,
                                     "Creator": "Qiling One Map"}) as pdf:  # fmt: skip
            for page in pages:
                pdf.savefig(page.fig)
    return buf.getvalue()
