"""Figures in the data against the report's totals (part of ``python -m geo check``)."""

from __future__ import annotations

from pathlib import Path

from geo.model import units
from geo.model.facts import Fact, load_facts
from geo.model.project_specs import CATEGORIES, FARMLAND_NAMED, STATUSES

LENGTH_TOLERANCE = 0.02
AREA_TOLERANCE = 0.01


def reported(facts: list[Fact], subject: str, metric: str) -> Fact:
    """The fact for a subject and metric (KeyError naming both if absent)."""
    for f in facts:
        if f.subject_id == subject and f.metric == metric:
            return f
    raise KeyError(f"no reported figure for {subject}.{metric}")


def check_totals(data: dict, data_dir: Path) -> list[tuple[str, str]]:
    """(check, message) pairs for every total that disagrees with the report."""
    facts = load_facts(data_dir)
    villages = set(data["villages"].frame["name"])
    out = _trusteeship(data["trusteeship"].frame, facts, villages)
    out += _farmland(data, facts, villages)
    out += _counts(data, facts, villages)
    out += _lengths(data, facts)
    out += _projects(data["projects"].frame, facts, villages)
    return out


def _cite(f: Fact) -> str:
    return f"report {f.section}: “{f.quote}”"


def _trusteeship(t, facts, villages) -> list[tuple[str, str]]:
    out = []
    n, area, floor = (
        reported(facts, "land_trusteeship", m)
        for m in ("villages", "area", "min_collective_income")
    )
    if t["village"].nunique() != n.value:
        out.append(
            (
                "totals",
                f"trusteeship: {t['village'].nunique()} villages; {_cite(n)} gives {n.value:g}",
            )
        )
    if abs(t["trusteeship_mu"].sum() - area.value) > 1e-6:
        out.append(
            (
                "totals",
                f"trusteeship: {t['trusteeship_mu'].sum():,.1f} 亩 in all; {_cite(area)} gives {area.value:,.0f} 亩",
            )
        )
    low = t[t["collective_income_wan"] <= floor.value]
    for _, row in low.iterrows():
        out.append(
            (
                "totals",
                f"trusteeship: {row['village']} collective income {row['collective_income_wan']:g} 万元 does not exceed {floor.value:g} 万元 ({_cite(floor)})",
            )
        )
    for v in sorted(set(t["village"]) - villages):
        out.append(("totals", f"trusteeship: village {v} is not in the villages layer"))
    return out


def _farmland(data, facts, villages) -> list[tuple[str, str]]:
    t, out = data["farmland_upgrade"].frame, []
    n, area = (
        reported(facts, "farmland_upgrade", "villages"),
        reported(facts, "farmland_upgrade", "area"),
    )
    if t["village"].nunique() != n.value:
        out.append(
            (
                "totals",
                f"farmland upgrade: {t['village'].nunique()} villages; {_cite(n)} gives {n.value:g}",
            )
        )
    if abs(t["area_mu"].sum() - area.value) > 1e-6:
        out.append(
            (
                "totals",
                f"farmland upgrade: {t['area_mu'].sum():,.1f} 亩 in all; {_cite(area)} gives {area.value:,.0f} 亩",
            )
        )
    for v in FARMLAND_NAMED:
        if v not in set(t["village"]):
            out.append(
                (
                    "totals",
                    f"farmland upgrade: {v} is named by the report but missing from the table",
                )
            )
    for v in sorted(set(t["village"]) - villages):
        out.append(("totals", f"farmland upgrade: village {v} is not in the villages layer"))
    patches = data["farmland_upgrade_areas"].frame
    drawn = dict(zip(patches["village"], units.gdf_area_m2(patches) / units.M2_PER_MU))
    for v, mu in zip(t["village"], t["area_mu"]):
        got = drawn.get(v, 0.0)
        if abs(got - mu) > AREA_TOLERANCE * mu:
            out.append(
                (
                    "totals",
                    f"farmland upgrade: {v} is drawn as {got:,.1f} 亩 but the table says {mu:,.1f} 亩",
                )
            )
    return out


def _counts(data, facts, villages) -> list[tuple[str, str]]:
    out = []
    meals = reported(facts, "elder_meal_points", "count")
    mp = data["meal_points"].frame
    if len(mp) != meals.value:
        out.append(
            ("totals", f"meal points: {len(mp)} points; {_cite(meals)} gives {meals.value:g}")
        )
    for v in sorted(villages - set(mp["village"])):
        out.append(("totals", f"meal points: village {v} has no meal point"))
    lamps = reported(facts, "malian_solar_lamps", "count")
    if len(data["solar_lamps"].frame) != lamps.value:
        out.append(
            (
                "totals",
                f"solar lamps: {len(data['solar_lamps'].frame)} lamps; {_cite(lamps)} gives {lamps.value:g}",
            )
        )
    return out


def _lengths(data, facts) -> list[tuple[str, str]]:
    out = []
    roads = data["tourist_road"].frame
    for (_, row), km in zip(roads.iterrows(), units.gdf_length_km(roads)):
        if abs(km - row["reported_length_km"]) > LENGTH_TOLERANCE * row["reported_length_km"]:
            out.append(
                (
                    "totals",
                    f"{row['name']}: drawn {km:.2f} km, reported {row['reported_length_km']:g} km",
                )
            )
    return out


def _projects(p, facts, villages) -> list[tuple[str, str]]:
    out, by_id = [], {f.fact_id: f for f in facts}
    for _, row in p.iterrows():
        pid = row["project_id"]
        if row["category"] not in CATEGORIES:
            out.append(("projects", f"{pid}: unknown category {row['category']!r}"))
        if row["status"] not in STATUSES:
            out.append(("projects", f"{pid}: unknown status {row['status']!r}"))
        if isinstance(row["village"], str) and row["village"] not in villages:
            out.append(
                ("projects", f"{pid}: village {row['village']} is not in the villages layer")
            )
        ids = [i for i in str(row["fact_ids"] or "").split(",") if i and i != "None"]
        for fid in ids:
            f = by_id.get(fid)
            if f is None:
                out.append(("projects", f"{pid}: cites unknown fact {fid}"))
            elif f.metric == "investment" and row["investment_wan"] != f.value:
                out.append(
                    (
                        "projects",
                        f"{pid}: investment {row['investment_wan']} 万元 differs from {_cite(f)}",
                    )
                )
    return out
