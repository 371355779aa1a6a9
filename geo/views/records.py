"""Records behind a selection: a village or project with its figures, quotes and relations."""

from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd

from geo.i18n import t
from geo.model.facts import Fact
from geo.model.units import area_mu, format_money_wan, format_mu


@dataclass
class Record:
    """What the side panel shows for one selected feature. All values are plain text."""

    kind: str
    key: str
    title: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    related: list[tuple[str, str]] = field(default_factory=list)  # (selection id, text)
    village_code: str | None = None
    #: Reported figures of the whole subdistrict shown for context (never the village's own).
    context: list[Fact] = field(default_factory=list)

    @property
    def no_figures_key(self) -> str:
        return "no_figures_village" if self.kind == "village" else "no_figures"


def parse_selection(sel: str | None) -> tuple[str, str] | None:
    """``"project:x-2024"`` → ``("project", "x-2024")``; None for anything else."""
    if not sel or ":" not in sel:
        return None
    kind, key = sel.split(":", 1)
    return (kind, key) if kind and key else None


def village_record(code: str, frames: dict, facts: list[Fact], lang: str) -> Record | None:
    v = frames["villages"]
    row = v[v["code"] == code]
    if row.empty:
        return None
    r = row.iloc[0]
    name = r["name"]
    rec = Record("village", code, name, village_code=code)
    rec.fields += [
        (t("code", lang), code),
        (t("drawn_area", lang), format_mu(area_mu(r.geometry), 0, lang=lang)),
    ]
    rec.flags.append(t("schematic_geom", lang))
    if not r["name_confirmed"]:
        rec.flags.append(t("placeholder_name", lang))
    _village_programmes(rec, name, frames, facts, lang)
    meal = frames["meal_points"]
    if (meal["village_code"] == code).any():
        rec.fields.append(
            (t("meal_point", lang), meal[meal["village_code"] == code].iloc[0]["name"])
        )
    zone = demo_zone_of(r.geometry, frames["demo_zones"], lang)
    if zone:
        rec.fields.append((t("demo_zone", lang), zone))
    for _, p in projects_in_village(frames["projects"], name).iterrows():
        rec.related.append(
            (
                f"project:{p['project_id']}",
                f"{p['year']} · {p['name'] if lang == 'zh' else p['name_en']}",
            )
        )
    return rec


def _village_programmes(rec: Record, name: str, frames: dict, facts: list[Fact], lang: str) -> None:
    """The village's trusteeship and farmland rows (schematic), with the subdistrict's reported
    totals as context (never as the village's own figures)."""
    tr = frames["trusteeship"]
    trow = tr[tr["village"] == name]
    if not trow.empty:
        x = trow.iloc[0]
        rec.fields.append(
            (
                t("in_trusteeship", lang),
                f"{format_mu(x['trusteeship_mu'], 0, lang=lang)} · {format_money_wan(x['collective_income_wan'], lang)}（{t('schematic', lang)}）",
            )
        )
        rec.context += [f for f in facts if f.subject_id == "land_trusteeship"]
    fu = frames["farmland_upgrade"]
    frow = fu[fu["village"] == name]
    if not frow.empty:
        rec.fields.append((t("in_farmland", lang), _farmland_text(frow.iloc[0], lang)))
        rec.context += [
            f
            for f in facts
            if f.subject_id == "farmland_upgrade" and f.metric in ("area", "villages")
        ]


def _farmland_text(row, lang: str) -> str:
    """The village's farmland-upgrade 亩 (a schematic split) and how it was chosen."""
    text = f"{format_mu(row['area_mu'], 0, lang=lang)}（{t('schematic', lang)}）"
    written = row.get("village_as_reported")
    if row.get("village_source") == "inferred" and isinstance(written, str) and written:
        text += t("village_read_as", lang, written=written)
    return text


def demo_zone_of(geom, zones: gpd.GeoDataFrame, lang: str) -> str | None:
    """The demonstration zone holding a village (by its representative point)."""
    p = geom.representative_point()
    for _, z in zones.iterrows():
        if z.geometry.covers(p):
            return z["name"] if lang == "zh" else z["name_en"]
    return None


def projects_in_village(projects: gpd.GeoDataFrame, village: str) -> pd.DataFrame:
    return projects[projects["village"] == village].sort_values(["year", "project_id"])


def project_record(pid: str, frames: dict, facts: list[Fact], lang: str) -> Record | None:
    p = frames["projects"]
    row = p[p["project_id"] == pid]
    if row.empty:
        return None
    r = row.iloc[0]
    rec = Record("project", pid, r["name"] if lang == "zh" else r["name_en"])
    rec.fields += [
        (
            t("year", lang),
            f"{r['year']}（{t('year_2023' if r['year'] == 2023 else 'year_2024', lang)}）",
        ),
        (t("category", lang), t("category_" + r["category"], lang)),
        (t("status", lang), status_text(r, lang)),
        (t("section", lang), r["section"]),
    ]
    for col, label in (
        ("status_source", "status_source_label"),
        ("name_source", "name_source_label"),
    ):
        if r.get(col) == "inferred":
            rec.flags.append(f"{t(label, lang)}·{t('badge_inferred', lang)}")
    if isinstance(r["village"], str):
        src = t("reported", lang) if r["village_source"] == "report" else t("schematic", lang)
        if r["village_source"] == "schematic":
            rec.flags.append(f"{t('village', lang)}·{t('badge_schematic', lang)}")
        rec.fields.append((t("village", lang), f"{r['village']}（{src}）"))
        codes = frames["villages"].loc[frames["villages"]["name"] == r["village"], "code"]
        rec.village_code = codes.iloc[0] if len(codes) else None
        if rec.village_code:
            rec.related.append(
                (f"village:{rec.village_code}", f"{t('open_profile', lang)}：{r['village']}")
            )
    if r.geometry.area > 0:
        rec.fields.append((t("drawn_area", lang), format_mu(area_mu(r.geometry), 1, lang=lang)))
    ids = set(str(r["fact_ids"] or "").split(","))
    rec.facts = [f for f in facts if f.fact_id in ids]
    rec.flags.append(t("schematic_geom", lang))
    for _, other in p[(p["subject_id"] == r["subject_id"]) & (p["project_id"] != pid)].iterrows():
        rec.related.append(
            (
                f"project:{other['project_id']}",
                f"{other['year']} · {other['name'] if lang == 'zh' else other['name_en']}",
            )
        )
    return rec


def status_text(r, lang: str) -> str:
    """``实施中（报告：“目前校区正在装修施工”）`` or ``已完成（推断：列入2023年工作总结…）``."""
    status = t("status_" + r["status"], lang)
    source, quote = r.get("status_source"), r.get("status_quote")
    if source == "report" and isinstance(quote, str):
        return f"{status}{t('status_from_report', lang, quote=quote)}"
    if source == "inferred" and isinstance(r.get("status_reason"), str):
        return f"{status}{t('status_from_inference', lang, reason=t('status_reason_' + r['status_reason'], lang))}"
    if source == "edited":
        return f"{status}{t('status_from_edit', lang)}"
    return status


def record_for(sel: str | None, frames: dict, facts: list[Fact], lang: str) -> Record | None:
    """The record of a selection id (village or project), or None."""
    parsed = parse_selection(sel)
    if parsed is None:
        return None
    kind, key = parsed
    if kind == "village":
        return village_record(key, frames, facts, lang)
    if kind == "project":
        return project_record(key, frames, facts, lang)
    if kind == "meal":
        return village_record(key, frames, facts, lang)
    return None
