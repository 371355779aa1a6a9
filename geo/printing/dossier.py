"""一村一档 as PDF: one village's map in context, record, projects, figures and scores.

Every figure comes from the app's own views (``geo.views.records``), so print and screen agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pandas as pd

from geo.i18n import t
from geo.model.catalog import Entry
from geo.model.facts import Fact
from geo.model.units import format_money_wan
from geo.printing import page_parts
from geo.printing.flow import Flow
from geo.printing.fonts import cjk_font
from geo.printing.furniture import north_arrow, scale_bar, stamp
from geo.printing.mapdraw import draw_map
from geo.printing.maplayers import MapSpec, project_frames
from geo.printing.sheet import MUTED, PT_MM, Sheet, save_pdf
from geo.views.records import project_record, projects_in_village, village_record

OVERLAYS = ("boundary", "villages", "projects", "meal_points", "farmland", "routes")
CONTEXT_M = 1200  # metres of surroundings shown around the village


def village_pdf(code: str, frames: dict, facts: list[Fact], catalog: dict[str, Entry],
                lang: str = "zh", pf: dict | None = None, day: dt.date | None = None) -> bytes:  # fmt: skip
    """The 一村一档 of one village (raises KeyError for an unknown code, FontMissing without font)."""
    rec = village_record(code, frames, facts, lang)
    if rec is None:
        raise KeyError(code)
    pf = pf if pf is not None else project_frames(frames)
    font = cjk_font(lang)
    dates = [
        page_parts.data_dates(catalog, lang),
        t("print_made", lang, date=page_parts.today(day)),
    ]
    title, sub = (
        t("print_dossier_title", lang, name=rec.title),
        t("print_dossier_sub", lang, code=code),
    )
    flow = Flow(
        font,
        "A4",
        lambda s: page_parts.header(s, title, sub, dates, 0.62, 12),
        page_parts.page_footer(catalog, lang),
    )
    _map_and_fields(flow, pf, rec, lang)
    _projects(flow, projects_in_village(frames["projects"], rec.title), lang)
    _facts(flow, _all_facts(rec, frames, facts, lang), lang, facts)
    _scores(flow, frames["assessment"], code, lang)
    return save_pdf(flow.finish(), f"{title}", page_parts.source_document(catalog, lang))


def _all_facts(rec, frames: dict, facts: list[Fact], lang: str) -> list[Fact]:
    """The village's figures, then those of its projects (each once)."""
    found = list(rec.facts)
    for sel, _ in rec.related:
        if sel.startswith("project:"):
            prec = project_record(sel.split(":", 1)[1], frames, facts, lang)
            found += prec.facts if prec else []
    return list({f.fact_id: f for f in found}.values())


def all_village_pdfs(frames: dict, facts: list[Fact], catalog: dict[str, Entry], lang: str = "zh",
                     progress: Callable[[int, int, str], None] | None = None) -> dict[str, bytes]:  # fmt: skip
    """Every village's 一村一档, by ``code_name.pdf``; ``progress(i, n, name)`` before each."""
    pf = project_frames(frames)
    v = frames["villages"]
    out = {}
    for i, (code, name) in enumerate(zip(v["code"], v["name"])):
        if progress:
            progress(i, len(v), name)
        out[f"{code}_{name}.pdf"] = village_pdf(code, frames, facts, catalog, lang, pf)
    return out


def _map_and_fields(flow: Flow, pf: dict, rec, lang: str) -> None:
    sheet, x, y = flow.sheet, flow.margin, flow.y
    w, h = flow.width * 0.56, flow.width * 0.56
    ax = sheet.axes(x, y, w, h)
    geom = pf["villages"].loc[pf["villages"]["code"] == rec.key].geometry.iloc[0]
    minx, miny, maxx, maxy = geom.bounds
    spec = MapSpec(lang=lang, overlays=OVERLAYS, focus=rec.key, label_size=6.5, marker=0.8)
    draw_map(
        ax,
        pf,
        spec,
        sheet.font,
        (minx - CONTEXT_M, miny - CONTEXT_M, maxx + CONTEXT_M, maxy + CONTEXT_M),
    )
    scale_bar(ax, sheet.font.family, lang, 6.5)
    north_arrow(ax, sheet.font.family, lang, 8)
    stamp(ax, sheet.font.family, lang, 7.5)
    fx, fw = x + w + 6, flow.width - w - 6
    fy = _heading(sheet, fx, y, t("print_dossier_fields", lang))
    for flag in rec.flags:
        fy = sheet.para(fx, fy, f"【{flag}】", fw, 8, color="#c62828") + 0.5
    for k, v in rec.fields:
        sheet.text(fx, fy, k, 7.5, color=MUTED)
        fy = sheet.para(fx, fy + 3.6, str(v), fw, 9) + 1.5
    flow.y = max(y + h, fy) + 6


def _heading(sheet: Sheet, x: float, y: float, text: str) -> float:
    sheet.text(x, y, text, 11, fontweight="bold")
    sheet.hline(x, y + 5.5, sheet.w - 12 - x, colour="#999", lw=0.5)
    return y + 7.5


COLS = (("print_col_no", 0.06), ("year", 0.08), ("name", 0.36), ("category", 0.16), ("status", 0.1),
        ("print_col_money", 0.14), ("section", 0.10))  # fmt: skip


def _projects(flow: Flow, rows: pd.DataFrame, lang: str) -> None:
    flow.need(22)
    flow.y = _heading(flow.sheet, flow.margin, flow.y, t("print_dossier_projects", lang))
    if rows.empty:
        flow.y = (
            flow.sheet.para(
                flow.margin,
                flow.y,
                t("print_dossier_no_projects", lang),
                flow.width,
                9,
                color=MUTED,
            )
            + 4
        )
        return
    _row(flow, [t(k, lang) for k, _ in COLS], 8, MUTED)
    for i, (_, p) in enumerate(rows.iterrows(), 1):
        money = (
            format_money_wan(p["investment_wan"], lang) if pd.notna(p["investment_wan"]) else "—"
        )
        cells = [str(i), str(p["year"]), p["name"] if lang == "zh" else p["name_en"], t("category_" + p["category"], lang),
                 t("status_" + p["status"], lang), money, str(p["section"])]  # fmt: skip
        _row(flow, cells, 8.5, "#222")
    flow.y += 4


def _row(flow: Flow, cells: list[str], size: float, colour: str) -> None:
    widths = [flow.width * f for _, f in COLS]
    wrapped = [flow.sheet.wrap(c, w - 2, size) for c, w in zip(cells, widths)]
    h = max(len(x) for x in wrapped) * size * PT_MM * 1.35 + 1.5
    flow.need(h)
    x = flow.margin
    for lines, w in zip(wrapped, widths):
        for j, line in enumerate(lines):
            flow.sheet.text(x, flow.y + j * size * PT_MM * 1.35, line, size, color=colour)
        x += w
    flow.sheet.hline(flow.margin, flow.y + h - 0.8, flow.width, colour="#dddddd", lw=0.4)
    flow.y += h


def _facts(flow: Flow, facts: list[Fact], lang: str, every: list[Fact] | None = None) -> None:
    flow.need(20)
    flow.y = _heading(flow.sheet, flow.margin, flow.y, t("print_dossier_figures", lang))
    if not facts:
        flow.y = (
            flow.sheet.para(
                flow.margin, flow.y, t("no_figures_village", lang), flow.width, 9, color=MUTED
            )
            + 4
        )
    for f in facts:
        head, source = page_parts.fact_text(f, lang, every)
        h = flow.sheet.lines_height(source, flow.width - 4, 7.5) + 6
        flow.need(h)
        flow.sheet.text(flow.margin, flow.y, head, 9.5, fontweight="bold")
        flow.y = (
            flow.sheet.para(flow.margin + 4, flow.y + 4.8, source, flow.width - 4, 7.5, color=MUTED)
            + 2
        )
    flow.y += 3


def _scores(flow: Flow, assessment: pd.DataFrame, code: str, lang: str) -> None:
    rows = assessment[assessment["village_code"] == code].sort_values("month")
    flow.need(58)
    flow.y = _heading(flow.sheet, flow.margin, flow.y, t("assessment_scores", lang))
    if rows.empty:
        flow.y = flow.sheet.para(
            flow.margin, flow.y, t("print_dossier_no_scores", lang), flow.width, 9, color=MUTED
        )
        return
    ax = flow.sheet.axes(flow.margin + 8, flow.y + 2, flow.width - 10, 38)
    xs = range(len(rows))
    ax.plot(xs, rows["score"], color="#0b3d91", marker="o", markersize=3, linewidth=1.2)
    for s in ("top", "right"):
        ax.spines[s].set_visible(False)
    ax.set_xticks(list(xs), [m[2:] for m in rows["month"]], fontsize=6.5, family=flow.font.family)
    ax.tick_params(axis="y", labelsize=6.5)
    ax.grid(axis="y", color="#e0e0e0", linewidth=0.4)
    mean = t("print_dossier_mean", lang, mean=f"{rows['score'].mean():.1f}")
    ax.text(1.0, 1.03, f"{mean}（{t('schematic', lang)}）", transform=ax.transAxes, ha="right", va="bottom",
            fontsize=7, color=MUTED, family=flow.font.family)  # fmt: skip
    flow.y += 46
