"""How a figure and a layer say where they come from, as text in the reader's language.

One place for: a reported figure with its qualifier in natural order (约1万亩, 530余亩, 80岁以上),
the sentence of the report it comes from and its section, a dataset's provenance line, and the
source line under a map (which of its layers are schematic, 示意). ``ui/provenance.py`` renders
these on every page; the tour and exports use the same texts.
"""

from __future__ import annotations

from geo.i18n import t
from geo.model.catalog import Entry
from geo.model.facts import Fact

#: Qualifiers the report puts before the number (约1万亩); all others follow it (530余亩).
PREFIX_QUALIFIERS = ("约", "超", "超过", "近", "逾")

#: Map overlay → the catalogue layer it draws.
OVERLAY_LAYERS = {
    "boundary": "boundary", "villages": "villages", "routes": "scenic_routes",
    "tourist_road": "tourist_road", "lamps": "solar_lamps", "meal_points": "meal_points",
    "projects": "projects", "pois": "pois", "zones": "planning_zones",
    "farmland": "farmland_upgrade_areas", "demo_zones": "demo_zones",
}  # fmt: skip


def figure_text(f: Fact, lang: str = "zh", unit: str | None = None) -> str:
    """``约1万 亩`` / ``530余 亩``: the value with its unit and the report's own qualifier."""
    unit = (f.unit if unit is None else unit).replace("m2", "m²")
    number = f"{f.value:,.10g}"
    if f.qualifier in PREFIX_QUALIFIERS:
        return f"{f.qualifier}{number} {unit}".strip()
    return f"{number}{f.qualifier} {unit}".strip()


def quote_text(f: Fact, lang: str = "zh") -> str:
    """``报告一(六)：“…”`` — the sentence of the report a figure comes from, with its section."""
    return t("cite_report", lang, section=f.section, quote=f.quote)


def dataset_text(entry: Entry, lang: str = "zh") -> str:
    """Source, licence, date and nature of a layer or table, in one line."""
    text = t("cite_dataset", lang, source=entry.source, licence=entry.licence, date=entry.date,
             nature=t(f"nature_{entry.nature}", lang))  # fmt: skip
    note = entry.note(lang)
    return f"{text} · {note}" if note else text


def map_source_text(overlays, catalog: dict[str, Entry], lang: str = "zh") -> str:
    """The line under a map: the figures cite the report; these drawn layers are schematic."""
    ids = [OVERLAY_LAYERS[o] for o in overlays if o in OVERLAY_LAYERS]
    schematic = [catalog[i].title(lang) for i in ids if i in catalog and catalog[i].schematic]
    if not schematic:
        return t("cite_map_reported", lang)
    sep = "、" if lang == "zh" else ", "
    return t("cite_map", lang, layers=sep.join(schematic))
