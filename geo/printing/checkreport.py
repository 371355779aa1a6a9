"""The allocation checks (用地核查) as PDF: findings by severity with quotes and a small map each."""

from __future__ import annotations

import datetime as dt

from geo.checks.findings import SEVERITIES, Finding, check_label, severity_label
from geo.i18n import t
from geo.maps.mapping import features_for
from geo.model.catalog import Entry
from geo.printing import page_parts
from geo.printing.flow import Flow
from geo.printing.fonts import cjk_font
from geo.printing.furniture import scale_bar
from geo.printing.mapdraw import draw_map
from geo.printing.maplayers import METRIC_CRS, MapSpec, project_frames
from geo.printing.sheet import MUTED, save_pdf

OVERLAYS = ("boundary", "villages", "projects", "zones", "farmland")
COLOURS = {"high": "#c62828", "medium": "#ef6c00", "low": "#1565c0", "info": "#616161"}
MAP_W, MAP_H = 62.0, 48.0


def checks_pdf(frames: dict, findings: list[Finding], catalog: dict[str, Entry], lang: str = "zh",
               tolerance: float = 0.05, day: dt.date | None = None) -> bytes:  # fmt: skip
    """Every finding, most severe first, as PDF bytes (FontMissing without a CJK font)."""
    font = cjk_font(lang)
    title = t("print_checks_title", lang)
    dates = [
        page_parts.data_dates(catalog, lang),
        t("print_made", lang, date=page_parts.today(day)),
    ]
    sub = t("print_checks_summary", lang, n=len(findings), tol=f"{tolerance:.0%}")
    flow = Flow(
        font,
        "A4",
        lambda s: page_parts.header(s, title, sub, dates, 0.62, 12),
        page_parts.page_footer(catalog, lang),
    )
    _summary(flow, findings, lang)
    pf = project_frames(frames)
    if not findings:
        flow.sheet.para(flow.margin, flow.y, t("no_findings", lang), flow.width, 10)
    for sev in SEVERITIES:
        for f in (f for f in findings if f.severity == sev):
            _finding(flow, f, frames, pf, lang)
    return save_pdf(flow.finish(), title, page_parts.source_document(catalog, lang))


def _summary(flow: Flow, findings: list[Finding], lang: str) -> None:
    x = flow.margin
    for sev in SEVERITIES:
        n = sum(f.severity == sev for f in findings)
        flow.sheet.rect(x, flow.y, 40, 14, edgecolor=COLOURS[sev], linewidth=1.0)
        flow.sheet.text(x + 3, flow.y + 2, severity_label(sev, lang), 8, color=COLOURS[sev])
        flow.sheet.text(x + 3, flow.y + 6.5, str(n), 13, fontweight="bold", color=COLOURS[sev])
        x += 46
    flow.y += 20


def _text_lines(flow: Flow, f: Finding, lang: str, width: float) -> list[tuple[str, float, str]]:
    out = [
        (
            f"{severity_label(f.severity, lang)} · {check_label(f.check, lang)}",
            8.5,
            COLOURS[f.severity],
        )
    ]
    out += [(line, 9.5, "#222") for line in flow.sheet.wrap(f.text(lang), width, 9.5)]
    if f.figures:
        figs = f.figures_text(lang)
        out += [
            (line, 7.5, MUTED)
            for line in flow.sheet.wrap(t("print_checks_figures", lang, figures=figs), width, 7.5)
        ]
    for section, quote in f.quotes:
        q = t("print_source_quote", lang, section=section, quote=quote)
        out += [(line, 7.5, MUTED) for line in flow.sheet.wrap(q, width, 7.5)]
    return out


def _finding(flow: Flow, f: Finding, frames: dict, pf: dict, lang: str) -> None:
    width = flow.width - MAP_W - 6
    lines = _text_lines(flow, f, lang, width)
    text_h = sum(size * 0.3528 * 1.45 for _, size, _ in lines)
    flow.need(max(text_h, MAP_H) + 8)
    y0 = flow.y
    flow.sheet.rect(flow.margin - 2, y0 - 2, 1.2, max(text_h, MAP_H) + 2, fill=True,
                    facecolor=COLOURS[f.severity], edgecolor="none")  # fmt: skip
    y = y0
    for i, (text, size, colour) in enumerate(lines):
        flow.sheet.text(
            flow.margin + 1.5, y, text, size, color=colour, fontweight="bold" if i == 0 else None
        )
        y += size * 0.3528 * 1.45
    _small_map(flow, f, frames, pf, lang, flow.margin + flow.width - MAP_W, y0)
    flow.y = y0 + max(text_h, MAP_H) + 8


def _small_map(
    flow: Flow, f: Finding, frames: dict, pf: dict, lang: str, x: float, y: float
) -> None:
    sel = features_for(frames, f.fids)
    if sel is None:
        flow.sheet.para(x, y + MAP_H / 2, t("print_checks_no_map", lang), MAP_W, 8, color=MUTED)
        return
    geoms = sel.to_crs(METRIC_CRS)
    minx, miny, maxx, maxy = geoms.total_bounds
    pad = max(500.0, 0.3 * max(maxx - minx, maxy - miny))
    ax = flow.sheet.axes(x, y, MAP_W, MAP_H)
    spec = MapSpec(lang=lang, overlays=OVERLAYS, highlight=tuple(geoms.geometry), label_size=5.5,
                   marker=0.6, base_labels=False)  # fmt: skip
    draw_map(ax, pf, spec, flow.font, (minx - pad, miny - pad, maxx + pad, maxy + pad))
    scale_bar(ax, flow.font.family, lang, 5.5)
