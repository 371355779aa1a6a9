"""Map furniture: metric scale bar, north arrow, 示意 stamp and the legend panel."""

from __future__ import annotations

from matplotlib.lines import Line2D
from matplotlib.patches import FancyBboxPatch, Polygon, Rectangle

from geo.i18n import t
from geo.printing.fonts import stroked_text
from geo.printing.sheet import PT_MM, Sheet

NICE = (100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000)


def nice_length(span_m: float, fraction: float = 0.22) -> float:
    """A round length (m) close to ``fraction`` of the map width."""
    target = span_m * fraction
    return max([n for n in NICE if n <= target] or [NICE[0]])


def scale_bar(ax, font_family: str, lang: str, size: float = 7.0) -> None:
    """Alternating black/white bar in the lower-left corner, labelled in m or km."""
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    length = nice_length(x1 - x0)
    left, base = x0 + (x1 - x0) * 0.035, y0 + (y1 - y0) * 0.035
    h = (y1 - y0) * 0.008
    ax.add_patch(Rectangle((left - length * 0.06, base - h * 1.4), length * 1.25, h * 5.2,
                           facecolor="white", alpha=0.85, edgecolor="none", zorder=40))  # fmt: skip
    for i in range(4):
        ax.add_patch(Rectangle((left + i * length / 4, base), length / 4, h, zorder=41, linewidth=0.6,
                               facecolor="#222" if i % 2 == 0 else "white", edgecolor="#222"))  # fmt: skip
    km = length >= 1000
    for frac in (0, 1):
        v = length * frac / (1000 if km else 1)
        text = f"{v:g}" + ((" km" if km else " m") if frac == 1 else "")
        ax.text(left + length * frac, base + h * 1.6, text, fontsize=size, ha="center", va="bottom",
                family=font_family, zorder=42)  # fmt: skip


def north_arrow(ax, font_family: str, lang: str, size: float = 9.0) -> None:
    """An arrow with 北/N in the upper-right corner (the map is drawn north up)."""
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    w, cx, top = (x1 - x0) * 0.018, x1 - (x1 - x0) * 0.04, y1 - (y1 - y0) * 0.08
    h = w * 2.6
    ax.add_patch(Polygon([(cx, top), (cx - w, top - h), (cx, top - h * 0.72)], closed=True,
                         facecolor="#222", edgecolor="#222", linewidth=0.6, zorder=41))  # fmt: skip
    ax.add_patch(Polygon([(cx, top), (cx + w, top - h), (cx, top - h * 0.72)], closed=True,
                         facecolor="white", edgecolor="#222", linewidth=0.6, zorder=41))  # fmt: skip
    stroked_text(ax, cx, top + (y1 - y0) * 0.008, t("print_north", lang), size, "#222", bold=True,
                 ha="center", va="bottom", family=font_family, zorder=42)  # fmt: skip


def stamp(ax, font_family: str, lang: str, size: float = 11.0) -> None:
    """The red 示意 stamp in the upper-left corner of a map with schematic geometry."""
    ax.text(0.018, 0.975, t("print_stamp", lang), transform=ax.transAxes, fontsize=size,
            family=font_family, color="#c62828", ha="left", va="top", zorder=45,
            bbox={"boxstyle": "round,pad=0.35", "facecolor": "white", "edgecolor": "#c62828",
                  "linewidth": 1.4, "alpha": 0.92})  # fmt: skip


def _symbol(sheet: Sheet, kind: str, colour: str, x: float, y: float, s: float) -> None:
    """A legend symbol of width ``s`` mm centred vertically on y."""
    fig = sheet.fig
    fx, fy = sheet._xy(x, y)
    fw, fh = s / sheet.w, s * 0.6 / sheet.h
    tr = fig.transFigure
    if kind == "fill":
        fig.add_artist(Rectangle((fx, fy - fh / 2), fw, fh, transform=tr, facecolor=colour,
                                 edgecolor="#666", linewidth=0.5))  # fmt: skip
    elif kind == "point":
        r = s * 0.22
        fig.add_artist(FancyBboxPatch((fx + fw / 2 - r / sheet.w, fy - r / sheet.h), 2 * r / sheet.w,
                                      2 * r / sheet.h, boxstyle="circle,pad=0", transform=tr,
                                      facecolor=colour, edgecolor="#333", linewidth=0.6))  # fmt: skip
    else:
        ls = {"dash": (0, (4, 2)), "dot": (0, (1, 2))}.get(kind, "-")
        fig.add_artist(Line2D([fx, fx + fw], [fy, fy], transform=tr, color=colour, linewidth=2.2,
                              linestyle=ls))  # fmt: skip


def legend_height(sheet: Sheet, groups: list, width: float, size: float) -> float:
    row = size * PT_MM * 1.55
    n = sum(
        1 + sum(len(sheet.wrap(r[2], width - size * 0.9, size)) for r in rows) for _, rows in groups
    )
    return n * row + len(groups) * row * 0.35


def draw_legend(
    sheet: Sheet, groups: list, x: float, y: float, width: float, size: float = 8.0
) -> float:
    """The legend groups stacked from (x, y) mm; returns the y below them."""
    row = size * PT_MM * 1.55
    sym = size * 0.75
    for title, rows in groups:
        sheet.text(x, y, title, size, fontweight="bold")
        y += row
        for kind, colour, text in rows:
            lines = sheet.wrap(text, width - sym - 2, size)
            _symbol(sheet, kind, colour, x, y + row * 0.38, sym)
            for i, line in enumerate(lines):
                sheet.text(x + sym + 2, y + i * row, line, size)
            y += row * len(lines)
        y += row * 0.35
    return y
