"""The wall map (一张图) as a landscape A3/A4 vector PDF: map, legend, figures with sources.

Layout: title block; the map (left) with scale bar, north arrow and the 示意 stamp; a panel
(right) with the headline figures of ``geo.views.kpi`` (each with its report section) and
the legend; a footer naming the source document. Sizes scale with the paper (A3 = 1).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from geo.i18n import t
from geo.maps.options import DEFAULT_OVERLAYS
from geo.model.catalog import Entry
from geo.model.facts import Fact
from geo.printing import page_parts
from geo.printing.fonts import cjk_font
from geo.printing.furniture import draw_legend, legend_height, north_arrow, scale_bar, stamp
from geo.printing.mapdraw import draw_map
from geo.printing.maplayers import MapSpec, project_frames
from geo.printing.sheet import MUTED, PT_MM, Sheet, paper_mm, save_pdf
from geo.views.kpi import KPI, overview_kpis, village_metric

LAYER_KEYS = {k: f"lyr_{k}" for k in DEFAULT_OVERLAYS} | {
    "lamps": "lyr_lamps", "zones": "lyr_zones", "farmland": "lyr_farmland",
    "tourist_road": "lyr_tourist_road", "pois": "pois",
}  # fmt: skip


@dataclass
class PrintOptions:
    """What to print: paper, language and the sidebar's layers, year and village theme."""

    paper: str = "A3"
    lang: str = "zh"
    overlays: tuple[str, ...] = DEFAULT_OVERLAYS
    year: str = "both"
    metric: str | None = None
    day: dt.date | None = None


def onemap_pdf(
    frames: dict, facts: list[Fact], catalog: dict[str, Entry], opts: PrintOptions
) -> bytes:
    """The one-map sheet as PDF bytes (raises FontMissing without a CJK font)."""
    sheet = onemap_sheet(frames, facts, catalog, opts)
    return save_pdf(
        [sheet], t("print_title", opts.lang), page_parts.source_document(catalog, opts.lang)
    )


def onemap_sheet(
    frames: dict, facts: list[Fact], catalog: dict[str, Entry], opts: PrintOptions
) -> Sheet:
    font = cjk_font(opts.lang)
    w, h = paper_mm(opts.paper, landscape=True)
    sheet, k = Sheet(font, w, h), w / 420
    margin, L = 12 * k, opts.lang
    right = [page_parts.data_dates(catalog, L), t("print_made", L, date=page_parts.today(opts.day))]
    top = page_parts.header(sheet, t("print_title", L), t("app_subtitle", L), right, k, margin)
    src = t("print_footer_source", L, source=page_parts.source_document(catalog, L))
    footer_left = f"{src} · {t('schematic_banner', L)}"
    bottom = page_parts.footer(sheet, footer_left, t("print_app", L), k, margin) - 3 * k
    panel_w = 112 * k
    map_w = w - 2 * margin - panel_w - 8 * k
    map_h = bottom - top - 10 * k
    _map(sheet, frames, opts, (margin, top, map_w, map_h), k)
    for i, note in enumerate((_filters_line(opts), t("print_scale_note", L))):
        sheet.para(
            margin, top + map_h + (1.5 + 4 * i) * k, note, map_w, 7 * k, max_lines=1, color=MUTED
        )
    px = margin + map_w + 8 * k
    y = _kpis(sheet, overview_kpis(frames, facts, L), px, top, panel_w, k, L)
    _legend(sheet, opts, frames, px, y + 3 * k, panel_w, bottom - y - 3 * k, k)
    return sheet


def _spec(frames: dict, opts: PrintOptions, k: float) -> MapSpec:
    values = village_metric(frames, opts.metric) if opts.metric else {}
    return MapSpec(lang=opts.lang, overlays=tuple(opts.overlays), year=opts.year, metric=opts.metric,
                   metric_values=values, label_size=7.5 * k, marker=k)  # fmt: skip


def _map(sheet: Sheet, frames: dict, opts: PrintOptions, box, k: float) -> None:
    x, y, w, h = box
    ax = sheet.axes(x, y, w, h)
    pf = project_frames(frames)
    spec = _spec(frames, opts, k)
    minx, miny, maxx, maxy = pf["boundary"].total_bounds
    pad = 0.04 * max(maxx - minx, maxy - miny)
    sheet.legend_groups = draw_map(
        ax, pf, spec, sheet.font, (minx - pad, miny - pad, maxx + pad, maxy + pad)
    )
    scale_bar(ax, sheet.font.family, opts.lang, 8 * k)
    north_arrow(ax, sheet.font.family, opts.lang, 11 * k)
    stamp(ax, sheet.font.family, opts.lang, 11 * k)


def _filters_line(opts: PrintOptions) -> str:
    L = opts.lang
    parts = [t("print_layers", L, layers="、".join(t(LAYER_KEYS[o], L) for o in opts.overlays if o in LAYER_KEYS)),
             t("print_year", L, year=t(f"year_{opts.year}", L))]  # fmt: skip
    if opts.metric:
        parts.append(t("print_metric", L, metric=t(f"metric_{opts.metric}", L)))
    return " · ".join(parts)


def _kpis(
    sheet: Sheet, kpis: list[KPI], x: float, y: float, w: float, k: float, lang: str
) -> float:
    """Headline figures, two per row, each with its source; returns the y below them."""
    sheet.text(x, y, t("print_headline", lang), 12 * k, fontweight="bold")
    y += 8 * k
    col_w, gap = (w - 4 * k) / 2, 4 * k
    for i in range(0, len(kpis), 2):
        row = kpis[i : i + 2]
        heights = [_kpi_height(sheet, kp, col_w, k, lang) for kp in row]
        for j, kp in enumerate(row):
            _kpi_box(sheet, kp, x + j * (col_w + gap), y, col_w, max(heights), k, lang)
        y += max(heights) + gap
    return y


def _kpi_lines(
    sheet: Sheet, kp: KPI, w: float, k: float, lang: str
) -> list[tuple[str, float, str]]:
    inner = w - 6 * k
    out = [(line, 10 * k, MUTED) for line in sheet.wrap(kp.label, inner, 10 * k)]
    out += [(kp.value, 20 * k, "#0b3d91")]
    out += [(line, 8 * k, "#333") for line in sheet.wrap(kp.note, inner, 8 * k)[:5]]
    out += [
        (line, 7 * k, MUTED)
        for line in sheet.wrap(page_parts.kpi_source(kp, lang), inner, 7 * k)[:4]
    ]
    return out


def _kpi_height(sheet: Sheet, kp: KPI, w: float, k: float, lang: str) -> float:
    return sum(size * PT_MM * 1.4 for _, size, _ in _kpi_lines(sheet, kp, w, k, lang)) + 6 * k


def _kpi_box(
    sheet: Sheet, kp: KPI, x: float, y: float, w: float, h: float, k: float, lang: str
) -> None:
    sheet.rect(x, y, w, h, edgecolor="#c8c8c8", linewidth=0.6, fill=True, facecolor="#fafafa")
    yy = y + 3 * k
    for text, size, colour in _kpi_lines(sheet, kp, w, k, lang):
        bold = "bold" if size >= 20 * k else "normal"
        sheet.text(x + 3 * k, yy, text, size, color=colour, fontweight=bold)
        yy += size * PT_MM * 1.4


def _legend(
    sheet: Sheet, opts, frames, x: float, y: float, w: float, room: float, k: float
) -> None:
    groups = sheet.legend_groups
    sheet.text(x, y, t("print_legend", opts.lang), 12 * k, fontweight="bold")
    y, room = y + 8 * k, room - 8 * k
    size = 9.5 * k
    while size > 5 * k:
        if legend_height(sheet, groups, w, size) <= room:
            draw_legend(sheet, groups, x, y, w, size)
            return
        left, right = _split(sheet, groups, (w - 4 * k) / 2, size)
        if max(legend_height(sheet, g, (w - 4 * k) / 2, size) for g in (left, right)) <= room:
            draw_legend(sheet, left, x, y, (w - 4 * k) / 2, size)
            draw_legend(sheet, right, x + (w + 4 * k) / 2, y, (w - 4 * k) / 2, size)
            return
        size *= 0.9
    draw_legend(sheet, groups, x, y, w, size)


def _split(sheet: Sheet, groups: list, width: float, size: float) -> tuple[list, list]:
    """Two columns of about equal height, groups kept whole and in order."""
    total = legend_height(sheet, groups, width, size)
    for i in range(1, len(groups) + 1):
        if legend_height(sheet, groups[:i], width, size) >= total / 2:
            return groups[:i], groups[i:]
    return groups, []
