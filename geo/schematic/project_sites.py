"""The schematic project records (示意): one row per subject and year of the report, with the
reported figures, status and its source, and a drawn site (or none where the report says the
site is undecided)."""

from __future__ import annotations

import geopandas as gpd
from shapely.geometry import MultiLineString
from shapely.ops import unary_union

from geo.model.facts import conflicting_figures, facts_by_subject
from geo.model.project_specs import NAME_INFERRED, PROJECTS, STATUS_SOURCES
from geo.schematic import shapes as S

_FIGURE_COLUMNS = {
    "investment": "investment_wan", "floor_area": "floor_area_m2", "length": "reported_length_km",
    "jobs": "jobs", "tax": "tax_wan", "annual_output_value": "annual_output_wan",
    "annual_sales": "annual_output_wan",
}  # fmt: skip


def project_figures(facts) -> dict:
    """The flat figure columns of a project from its facts (site area in m² and 亩)."""
    out = dict.fromkeys(_FIGURE_COLUMNS.values())
    out.update(reported_area_m2=None, reported_area_mu=None)
    for f in facts:
        if f.metric in ("site_area", "area") and f.unit in ("m2", "亩"):
            m2 = f.value if f.unit == "m2" else S.mu_to_m2(f.value)
            out["reported_area_m2"] = round(m2, 1)
            out["reported_area_mu"] = round(m2 / S.M2_PER_MU, 2)
        elif f.metric in _FIGURE_COLUMNS:
            out[_FIGURE_COLUMNS[f.metric]] = f.value
    out["fact_ids"] = ",".join(f.fact_id for f in facts)
    out["investment_conflict"] = None
    return out


def project_geometry(spec, parts: dict, facts_by_id: dict):
    kind, arg = spec[0], spec[1]
    if kind == "point":
        return S.pt(arg)
    if kind == "square":
        f = facts_by_id[spec[2]]
        return S.square(S.pt(arg), f.value if f.unit == "m2" else S.mu_to_m2(f.value))
    if kind == "roads":
        lines = [S.road_line(n) for n in arg]
        return lines[0] if len(lines) == 1 else MultiLineString(lines)
    if kind == "layer":
        return parts[arg]
    if kind == "farmland":
        return unary_union(parts["farmland_patches"])
    if kind == "undecided":
        return None
    raise ValueError(f"unknown geometry spec {kind!r}")


def status_columns(sid: str, year: int) -> dict:
    """Where a project's status comes from: ``report`` with its quote, or ``inferred`` with the
    sentence it is read from and a reason (``status_reason_<id>``)."""
    spec = STATUS_SOURCES[(sid, year)]
    return {"status_source": spec[0], "status_quote": spec[1],
            "status_reason": spec[2] if len(spec) > 2 else None}  # fmt: skip


def investment_conflict(own: list, conflicts: dict) -> str | None:
    """``3690|4965``: every investment the report gives for this subject, when they differ."""
    for f in own:
        if f.metric == "investment" and f.fact_id in conflicts:
            return "|".join(f"{v.value:g}" for v in conflicts[f.fact_id])
    return None


def build_projects(facts, parts, names, cells) -> gpd.GeoDataFrame:
    by_subject = facts_by_subject(facts)
    conflicts = conflicting_figures(facts)
    by_id = {f.fact_id: f for f in facts}
    rows, geoms = [], []
    for sid, zh, en, cat, year, status, section, village, spec in PROJECTS:
        geom = project_geometry(spec, parts, by_id)
        found = (
            S.village_of(geom, names, cells) if spec[0] not in ("farmland", "undecided") else None
        )
        if village and found != village:
            raise ValueError(f"{sid}: schematic geometry falls in {found}, report says {village}")
        row = {
            "project_id": f"{sid}-{year}", "subject_id": sid, "name": zh, "name_en": en,
            "category": cat, "year": year, "status": status, "section": section,
            "village": village or found, "geom_source": S.SCHEMATIC,
            "village_source": "report" if village else (S.SCHEMATIC if found else None),
            "site_undecided": geom is None,
            "name_source": "inferred" if sid in NAME_INFERRED else "report",
            "name_reason": NAME_INFERRED.get(sid),
        }  # fmt: skip
        row.update(status_columns(sid, year))
        row.update(project_figures(by_subject.get((sid, year), [])))
        row["investment_conflict"] = investment_conflict(by_subject.get((sid, year), []), conflicts)
        rows.append(row)
        geoms.append(geom)
    return S.frame_of(rows, geoms)
