"""用地核查: do the allocations add up, and does any project sit where it must not?

One engine for the 用地核查 page and ``python -m geo check --report``. Every function takes
the dataset's frames (lon/lat) and returns Findings; areas are computed in EPSG:4548. The
spatial work (overlaps, zone intersections, areas) runs in a spatial engine: in memory by
default, in the database when the frames come from a PostGIS store (``spatial`` argument).
"""

from __future__ import annotations

from collections import defaultdict

import geopandas as gpd
import pandas as pd
import shapely

from geo.checks.findings import Finding, sort_findings
from geo.checks.spatial import MEMORY, MemorySpatial
from geo.checks.totals import reported
from geo.model import units
from geo.model.facts import Fact
from geo.model.project_specs import NON_CONSTRUCTION, PARENT

DEFAULT_TOLERANCE = 0.05
ZONE_SEVERITY = {"basic_farmland": "high", "heritage": "high", "scenic_core": "medium"}


def run_checks(
    frames: dict,
    facts: list[Fact],
    tolerance: float = DEFAULT_TOLERANCE,
    spatial: MemorySpatial = MEMORY,
) -> list[Finding]:
    """Every finding of every check, most severe first."""
    found = check_totals(frames, facts)
    found += check_areas(frames, facts, tolerance, spatial)
    found += check_overlaps(frames, spatial)
    found += check_zones(frames, spatial)
    found += check_report(facts)
    return sort_findings(found)


def _q(f: Fact) -> tuple[str, str]:
    return (f.section, f.quote)


def _total(check_zh, check_en, ours, fact: Fact, fids=()) -> list[Finding]:
    if abs(ours - fact.value) < 1e-6:
        return []
    return [Finding("totals", "high", f"{check_zh}：数据合计 {ours:,.1f}，报告为 {fact.value:,.10g}{fact.unit}",
                    f"{check_en}: the data add up to {ours:,.1f}; the report says {fact.value:,.10g} {fact.unit}",
                    {"data": round(ours, 2), "report": fact.value}, [_q(fact)], list(fids))]  # fmt: skip


def check_totals(frames: dict, facts: list[Fact]) -> list[Finding]:
    """Trusteeship, farmland upgrade, 刘家终 land, meal points against the report's totals."""
    tr, fu = frames["trusteeship"], frames["farmland_upgrade"]
    out = _total(
        "土地托管村数",
        "Trusteeship villages",
        tr["village"].nunique(),
        reported(facts, "land_trusteeship", "villages"),
    )
    out += _total(
        "土地托管面积（亩）",
        "Trusteeship area (亩)",
        tr["trusteeship_mu"].sum(),
        reported(facts, "land_trusteeship", "area"),
    )
    out += _total(
        "高标准农田村数",
        "Farmland upgrade villages",
        fu["village"].nunique(),
        reported(facts, "farmland_upgrade", "villages"),
    )
    out += _total(
        "高标准农田面积（亩）",
        "Farmland upgrade area (亩)",
        fu["area_mu"].sum(),
        reported(facts, "farmland_upgrade", "area"),
    )
    out += _total(
        "长者助餐点",
        "Elder meal points",
        len(frames["meal_points"]),
        reported(facts, "elder_meal_points", "count"),
    )
    floor = reported(facts, "land_trusteeship", "min_collective_income")
    for _, r in tr[tr["collective_income_wan"] <= floor.value].iterrows():
        out.append(Finding("totals", "medium", f"{r['village']}村集体收入 {r['collective_income_wan']:g} 万元，未超过报告所说的 20 万元",
                           f"{r['village']}: collective income {r['collective_income_wan']:g} 万元 does not exceed the reported 20 万元",
                           {"income_wan": r["collective_income_wan"]}, [_q(floor)]))  # fmt: skip
    out += _liujiazhong(facts)
    return out


def _liujiazhong(facts: list[Fact]) -> list[Finding]:
    """130 亩 resettlement + 400 亩 sale land against “占地530余亩”."""
    site = reported(facts, "liujiazhong_renewal", "site_area")
    parts = [
        reported(facts, "liujiazhong_resettlement", "site_area"),
        reported(facts, "liujiazhong_sale_land", "site_area"),
    ]
    total = sum(p.value for p in parts)
    # “530余亩” means a little over 530: the parts may not exceed it by more than the “余”.
    if total < site.value or total > site.value * 1.1:
        return [Finding("totals", "high", f"刘家终村改造：安置用地与出让土地合计 {total:g} 亩，与“占地{site.value:g}{site.qualifier}亩”不符",
                        f"Liujiazhong renewal: resettlement + sale land = {total:g} 亩, but the site is “{site.value:g}{site.qualifier} 亩”",
                        {"parts_mu": total, "site_mu": site.value}, [_q(site)] + [_q(p) for p in parts],
                        ["project:liujiazhong_renewal-2024"])]  # fmt: skip
    return []


def investment_summary(projects: pd.DataFrame) -> pd.DataFrame:
    """Reported investment (万元) by category and year, with the number of projects."""
    df = projects[projects["investment_wan"].notna()]
    return df.groupby(["category", "year"], as_index=False).agg(
        investment_wan=("investment_wan", "sum"), projects=("project_id", "count")
    )


def _area_items(frames: dict, facts: list[Fact], spatial: MemorySpatial):
    """(fid, name, area m², reported m², quote) for every polygon that has a reported area."""
    by_id = {f.fact_id: f for f in facts}
    p = frames["projects"]
    p = p[p["reported_area_m2"].notna() & (shapely.area(p.geometry.to_numpy()) > 0)]
    areas = spatial.areas_m2("projects", p)
    for idx, r in p.iterrows():
        fact = next(
            (
                by_id[i]
                for i in str(r["fact_ids"]).split(",")
                if i in by_id and by_id[i].metric in ("site_area", "area")
            ),
            None,
        )
        yield (
            f"project:{r['project_id']}",
            r["name"],
            float(areas[idx]),
            float(r["reported_area_m2"]),
            fact,
        )
    fu = frames["farmland_upgrade"].set_index("village")["area_mu"]
    fa = frames["farmland_upgrade_areas"]
    fa_areas = spatial.areas_m2("farmland_upgrade_areas", fa)
    for idx, r in fa.iterrows():
        yield (
            f"farmland:{r['village']}",
            f"{r['village']} 高标准农田（示意分配）",
            float(fa_areas[idx]),
            units.mu_to_m2(float(fu.get(r["village"], 0))),
            None,
        )


def check_areas(
    frames: dict,
    facts: list[Fact],
    tolerance: float = DEFAULT_TOLERANCE,
    spatial: MemorySpatial = MEMORY,
) -> list[Finding]:
    """Every polygon with a reported area against its area computed in EPSG:4548."""
    out = []
    for fid, name, drawn, rep_m2, fact in _area_items(frames, facts, spatial):
        diff = (drawn - rep_m2) / rep_m2 if rep_m2 else float("inf")
        if abs(diff) > tolerance:
            sev = "high" if abs(diff) > 4 * tolerance else "medium"
            out.append(Finding("area", sev,
                f"{name}：图上面积 {units.m2_to_mu(drawn):,.1f} 亩，报告 {units.m2_to_mu(rep_m2):,.1f} 亩，相差 {diff:+.1%}（容差 ±{tolerance:.0%}）",
                f"{name}: drawn {units.m2_to_mu(drawn):,.1f} 亩, reported {units.m2_to_mu(rep_m2):,.1f} 亩, {diff:+.1%} (tolerance ±{tolerance:.0%})",
                {"drawn_mu": round(units.m2_to_mu(drawn), 1), "reported_mu": round(units.m2_to_mu(rep_m2), 1), "difference": f"{diff:+.1%}"},
                [_q(fact)] if fact else [], [fid]))  # fmt: skip
    return out


def _site_group(subject_id: str) -> str:
    return PARENT.get(subject_id, subject_id)


def check_overlaps(frames: dict, spatial: MemorySpatial = MEMORY) -> list[Finding]:
    """Project sites overlapping each other; allocations of one project; land counted twice."""
    out = []
    p = frames["projects"]
    poly = p[p.geometry.geom_type.isin(["Polygon", "MultiPolygon"])]
    # Parent and part are one site, except the parts of one parent against each other.
    groups = [sid if sid in PARENT else _site_group(sid) for sid in poly["subject_id"]]
    for i, j, area in spatial.overlaps("projects", poly, groups=groups):
        a, b = poly.iloc[i], poly.iloc[j]
        if (
            _site_group(a["subject_id"]) == b["subject_id"]
            or _site_group(b["subject_id"]) == a["subject_id"]
        ):
            continue  # a part inside its own parent site
        same_parent = a["subject_id"] in PARENT and PARENT.get(a["subject_id"]) == PARENT.get(
            b["subject_id"]
        )
        kind_zh, kind_en = (
            ("同一项目的两类用地重叠", "two allocations of one project overlap")
            if same_parent
            else ("项目用地重叠", "project sites overlap")
        )
        out.append(Finding("overlap", "high",
            f"{kind_zh}：{a['name']} 与 {b['name']} 重叠 {units.m2_to_mu(area):,.2f} 亩",
            f"{kind_en}: {a['name_en']} and {b['name_en']} overlap by {units.m2_to_mu(area):,.2f} 亩",
            {"overlap_mu": round(units.m2_to_mu(area), 2)}, [], [f"project:{a['project_id']}", f"project:{b['project_id']}"]))  # fmt: skip
    out += _double_counted(
        frames["farmland_upgrade_areas"], "farmland_upgrade_areas", "village", "farmland", spatial
    )
    return out


def _double_counted(gdf: gpd.GeoDataFrame, layer: str, key: str, kind: str,
                    spatial: MemorySpatial) -> list[Finding]:  # fmt: skip
    """Land drawn for two villages (or two owners) at once."""
    out = []
    for i, j, area in spatial.overlaps(layer, gdf, groups=list(gdf[key])):
        a, b = gdf.iloc[i][key], gdf.iloc[j][key]
        out.append(Finding("overlap", "high", f"同一块地被计入两个村：{a} 与 {b}（{units.m2_to_mu(area):,.2f} 亩）",
                           f"Land counted for two villages: {a} and {b} ({units.m2_to_mu(area):,.2f} 亩)",
                           {"overlap_mu": round(units.m2_to_mu(area), 2)}, [], [f"{kind}:{a}", f"{kind}:{b}"]))  # fmt: skip
    return out


def check_zones(frames: dict, spatial: MemorySpatial = MEMORY) -> list[Finding]:
    """Construction projects overlapping permanent basic farmland, heritage or the scenic core."""
    p = frames["projects"]
    build = p[~p["subject_id"].isin(NON_CONSTRUCTION)]
    zones = frames["planning_zones"]
    site_areas = spatial.areas_m2("projects", build)
    out = []
    for s, z, area in spatial.zone_overlaps("projects", build, "planning_zones", zones):
        site, zone = build.iloc[s], zones.iloc[z]
        site_area = float(site_areas.iloc[s])
        share = area / site_area if site_area else None
        where = (
            f"{units.m2_to_mu(area):,.2f} 亩，占项目用地 {share:.0%}"
            if share is not None
            else "点位落在区内"
        )
        where_en = (
            f"{units.m2_to_mu(area):,.2f} 亩, {share:.0%} of the site"
            if share is not None
            else "the site point lies inside"
        )
        out.append(Finding("zones", ZONE_SEVERITY.get(zone["zone_id"], "medium"),
            f"{site['name']} 与{zone['zone']}冲突：{where}", f"{site['name_en']} conflicts with {zone['zone_en']}: {where_en}",
            {"overlap_mu": round(units.m2_to_mu(area), 2), "share": None if share is None else round(share, 3)},
            [], [f"project:{site['project_id']}", f"zone:{zone['zone_id']}"]))  # fmt: skip
    return out


def check_report(facts: list[Fact]) -> list[Finding]:
    """The same thing given different figures in different places of the report."""
    groups: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    for f in facts:
        groups[(f.subject_id, f.metric)].append(f)
    out = []
    for (subject, metric), fs in groups.items():
        if len({(f.value, f.unit) for f in fs}) > 1:
            vals = "、".join(f"{f.value:,.10g}{f.unit}（{f.section}）" for f in fs)
            vals_en = ", ".join(f"{f.value:,.10g} {f.unit} ({f.section})" for f in fs)
            out.append(Finding("report", "medium", f"{fs[0].subject}的{metric_zh(metric)}在报告中前后不一：{vals}",
                               f"{fs[0].subject}: {metric} differs within the report: {vals_en}",
                               {f"{f.section}": f.value for f in fs}, [_q(f) for f in fs],
                               [f"project:{subject}-{f.year}" for f in fs]))  # fmt: skip
    return out


def metric_zh(metric: str) -> str:
    from geo.i18n import metric_label

    return metric_label(metric, "zh")
