"""How a figure and a layer say where they come from, as text in the reader's language.

One place for: a reported figure with its qualifier in natural order (约1万亩, 530余亩, 80岁以上),
the sentence of the report it comes from and its section, a dataset's provenance line, and the
source line under a map (which of its layers are schematic, 示意). ``ui/provenance.py`` renders
these on every page; the tour and exports use the same texts.
"""

from __future__ import annotations

from geo.checks.consistency import conflicts
from geo.i18n import t
from geo.model.catalog import Entry
from geo.model.facts import Fact
from geo.model.units import format_money_wan, unit_text

#: Where the report's qualifiers stand in Chinese: before the number (约1万), between number
#: and unit (530余亩) or after the unit (80岁以上, 200人左右).
PREFIX_QUALIFIERS = ("约", "超", "超过", "近", "逾", "预计")
AFTER_UNIT_QUALIFIERS = ("以上", "左右", "多", "前")
#: The same qualifiers in English, and where they stand ("{n}" is the number with its unit).
EN_QUALIFIERS = {
    "约": "about {n}", "左右": "about {n}", "超": "over {n}", "超过": "over {n}", "逾": "over {n}",
    "余": "over {n}", "多": "over {n}", "近": "nearly {n}", "以上": "{n} or more", "前": "by day {n}",
    "预计": "estimated {n}",
}  # fmt: skip
#: Map overlay → the catalogue layer it draws.
OVERLAY_LAYERS = {
    "district": "district_outline", "boundary": "boundary", "villages": "villages", "routes": "scenic_routes",
    "tourist_road": "tourist_road", "lamps": "solar_lamps", "meal_points": "meal_points",
    "projects": "projects", "pois": "pois", "zones": "planning_zones",
    "farmland": "farmland_upgrade_areas", "demo_zones": "demo_zones",
}  # fmt: skip


def qualifier_text(qualifier: str | None, lang: str = "zh") -> str:
    """The report's qualifier (约, 余, 以上 …) in the reader's language (``about``, ``over`` …)."""
    q = qualifier or ""
    if lang != "en" or not q:
        return q
    return EN_QUALIFIERS.get(q, "{n}").format(n="").strip()


def figure_text(f: Fact, lang: str = "zh", unit: str | None = None) -> str:
    """``约1万 亩`` / ``530余 亩`` / ``80 岁以上``: the value, its unit and the report's qualifier."""
    number = f"{f.value:,.10g}"
    unit = unit_text(f.rate_unit if unit is None else unit, lang)
    q = f.qualifier or ""
    if lang == "en":
        core = f"{number} {unit}".strip()
        return EN_QUALIFIERS.get(q, "{n}").format(n=core) if q else core
    if q in PREFIX_QUALIFIERS:
        return f"{q}{number} {unit}".strip()
    if q in AFTER_UNIT_QUALIFIERS:
        return f"{number} {unit}{q}".strip()
    return f"{number}{q} {unit}".strip()


def money_text(f: Fact, lang: str = "zh") -> str:
    """A reported amount in 万元 as 万元/亿元 (zh) or ¥ m/bn (en), with the report's qualifier."""
    core = format_money_wan(f.value, lang)
    q = f.qualifier or ""
    if not q:
        return core
    if lang == "en":
        return EN_QUALIFIERS.get(q, "{n}").format(n=core)
    return f"{q}{core}" if q in PREFIX_QUALIFIERS else f"{core}{q}"


def fact_figure(f: Fact, lang: str = "zh", facts: list[Fact] | None = None) -> str:
    """A reported figure as shown anywhere (money in 万元/亿元, others with their unit and rate),
    with the report's conflict mark when the report gives the same figure differently
    (``4,965万元（报告前后不一：3,690万元 / 4,965万元）``)."""
    text = money_text(f, lang) if f.unit == "万元" else figure_text(f, lang)
    versions = conflicts(facts).get(f.fact_id) if facts else None
    if not versions:
        return text
    sep = " / "
    values = sep.join(
        money_text(v, lang) if v.unit == "万元" else figure_text(v, lang) for v in versions
    )
    return f"{text}{t('conflict_mark', lang, values=values)}"


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
