"""Pieces shared by every printed document: dates, source line, headline figures, header, footer."""

from __future__ import annotations

import datetime as dt
import re

from geo.i18n import metric_label, t
from geo.model.catalog import Entry
from geo.model.facts import Fact
from geo.printing.sheet import MUTED, Sheet
from geo.views.citations import fact_figure, quote_text
from geo.views.kpi import KPI


def source_document(catalog: dict[str, Entry], lang: str) -> str:
    """The client's report by name (its file path left out)."""
    entry = catalog["report"]
    name = re.sub(r"\s*\([^)]*\)\s*$", "", entry.source).strip()
    return name if lang == "zh" else f"{name} ({entry.title('en').split(': ', 1)[-1]})"


def data_dates(catalog: dict[str, Entry], lang: str) -> str:
    """When the report and the newest layer date from."""
    layers = max((e.date for e in catalog.values() if e.kind == "layer"), default="—")
    return t("print_dates", lang, report=catalog["report"].date, layers=layers)


def today(day: dt.date | None = None) -> str:
    return (day or dt.date.today()).isoformat()


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def fact_text(f: Fact, lang: str, facts: list[Fact] | None = None) -> tuple[str, str]:
    """(figure line, source line) of a reported figure: the one formatter of
    ``geo.views.citations`` (qualifier in natural order, the report's conflict mark)."""
    head = f"{fact_figure(f, lang, facts)} · {metric_label(f.metric, lang)}"
    return head, quote_text(f, lang)


def kpi_source(k: KPI, lang: str) -> str:
    """Where a headline figure comes from: one quote, or the sections summed."""
    if not k.sources:
        return t("print_computed", lang)
    if len(k.sources) <= 2:
        return " ".join(
            t("print_source_quote", lang, section=f.section, quote=shorten(f.quote, 60))
            for f in k.sources
        )
    sections = list(dict.fromkeys(f.section for f in k.sources))
    return t("print_source_sections", lang, sections="、".join(sections), n=len(k.sources))


def header(
    sheet: Sheet, title: str, subtitle: str, right: list[str], k: float, margin: float
) -> float:
    """Title block across the top; returns the y (mm) below its rule."""
    sheet.text(margin, margin, title, 26 * k, fontweight="bold")
    sheet.text(margin, margin + 12 * k, subtitle, 11 * k, color=MUTED)
    for i, line in enumerate(right):
        sheet.text(
            sheet.w - margin, margin + 2 * k + i * 6 * k, line, 9 * k, ha="right", color=MUTED
        )
    y = margin + 20 * k
    sheet.hline(margin, y, sheet.w - 2 * margin, lw=1.2)
    return y + 4 * k


def footer(sheet: Sheet, left: str, right: str, k: float, margin: float) -> float:
    """Rule and one line of small print at the bottom; returns the y (mm) of the rule."""
    y = sheet.h - margin - 7 * k
    sheet.hline(margin, y, sheet.w - 2 * margin, lw=0.6)
    width = sheet.w - 2 * margin - sheet.width_mm(right, 8 * k) - 8
    sheet.para(margin, y + 2 * k, left, width, 8 * k, max_lines=2, color=MUTED)
    sheet.text(sheet.w - margin, y + 2 * k, right, 8 * k, ha="right", color=MUTED)
    return y


def page_footer(catalog, lang):
    """The footer of a multi-page document: source document, 示意 note, page i / n."""

    def draw(sheet: Sheet, i: int, n: int) -> None:
        src = t("print_footer_source", lang, source=source_document(catalog, lang))
        footer(
            sheet,
            f"{src} · {t('schematic_banner', lang)}",
            t("print_page", lang, i=i + 1, n=n),
            0.8,
            12,
        )

    return draw
