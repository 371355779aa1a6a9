"""用地核查: do the allocations add up, and does any project sit where it must not?

One engine for the 用地核查 page and ``python -m geo check --report``. Every function takes
the dataset's frames (lon/lat) and returns Findings; areas are computed in EPSG:4548. The
spatial work (overlaps, zone intersections, areas) runs in a spatial engine: in memory by
default, in the database when the frames come from a PostGIS store (``spatial`` argument).
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import shapely

from geo.checks.consistency import conflicts
from geo.checks.findings import Finding, sort_findings
from geo.checks.spatial import MEMORY, MemorySpatial
from geo.checks.status import check_status
from geo.checks.totals import TotalCheck, report_totals
from geo.i18n import metric_label, pair, subject_name, t
from geo.model import units
from geo.model.facts import Fact
from geo.model.project_specs import INVESTMENT_KIND, NON_CONSTRUCTION, PARENT

DEFAULT_TOLERANCE = 0.05
#: Farmland-upgrade land in or out of a zone below this (亩) is drawing noise, not a finding.
FARMLAND_MIN_MU = 1.0
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
    found += check_farmland(frames)
    found += check_report(facts)
    found += check_status(frames)
    return sort_findings(found)


def _q(f: Fact) -> tuple[str, str]:
    return (f.section, f.quote)


def _num(value: float, spec: str = ",.1f") -> str:
    return format(value, spec)


def _remark_findings(c: TotalCheck) -> list[Finding]:
    """A total that holds only to the bare number of an “N余” figure: the “余” is unaccounted."""
    if c.remark != "yu_unaccounted":
        return []
    subject = pair(c.key)
    return [Finding("totals", "low", "yu_unaccounted",
                    {"subject": subject, "total": f"{c.ours:,.10g}", "site": f"{c.fact.value:,.10g}",
                     "qualifier": c.fact.qualifier, "unit": _unit(c.unit), "unit_zh": c.unit},
                    {"parts": c.ours, "report": f"{c.fact.value:g}{c.fact.qualifier}"},
                    [_q(c.fact)] + [_q(p) for p in c.parts],
                    ["project:liujiazhong_renewal-2024"] if c.group == "liujiazhong" else [])]  # fmt: skip


def _money(wan: float) -> tuple[str, str]:
    """An amount in 万元 as (Chinese, English) text."""
    return units.format_money_wan(wan, "zh"), units.format_money_wan(wan, "en")


def _unit(unit: str) -> tuple[str, str]:
    """A unit as (Chinese, English) text (``亩`` → ``mu``)."""
    return units.unit_text(unit, "zh"), units.unit_text(unit, "en")


def _subject(f: Fact) -> tuple[str, str]:
    """What a figure is about as (Chinese, English): the report's words, an English name."""
    return f.subject, subject_name(f.subject_id, f.subject, "en")


def _figure(f: Fact, lang: str) -> str:
    """A reported value with its unit (money as 万元/亿元 or ¥)."""
    if f.unit == "万元":
        return units.format_money_wan(f.value, lang)
    return f"{f.value:,.10g} {units.unit_text(f.unit, lang)}".strip()


def _total_findings(c: TotalCheck) -> list[Finding]:
    """The findings of one total of the engine: a failure, or a remark when it barely holds."""
    if c.ok:
        return _remark_findings(c)
    if c.rule == "each_above":
        return [Finding("totals", "medium", "income",
                        {"village": v, "income": _money(x), "floor": _money(c.fact.value)},
                        {"income_wan": x}, [_q(c.fact)]) for v, x in c.failures]  # fmt: skip
    if c.rule == "parts_of_yu":
        return [Finding("totals", "high", "parts_of_yu",
                        {"total": f"{c.ours:g}", "site": f"{c.fact.value:g}", "qualifier": c.fact.qualifier},
                        {"parts_mu": c.ours, "site_mu": c.fact.value},
                        [_q(c.fact)] + [_q(p) for p in c.parts], ["project:liujiazhong_renewal-2024"])]  # fmt: skip
    return [Finding("totals", "high", "total",
                    {"check": pair(c.key), "ours": _num(c.ours), "value": f"{c.fact.value:,.10g}", "unit": _unit(c.unit)},
                    {"data": round(c.ours, 2), "report": c.fact.value}, [_q(c.fact)])]  # fmt: skip


def check_totals(frames: dict, facts: list[Fact]) -> list[Finding]:
    """Every total of the engine (``geo.checks.totals``) that does not hold, as findings."""
    return [f for c in report_totals(frames, facts) for f in _total_findings(c)]


def investment_summary(projects: pd.DataFrame) -> pd.DataFrame:
    """Reported investment (万元) summed by category, year and kind (计算值: the report gives no
    such sums): ``plan``, ``company`` project totals and ``multi_year`` (刘家终) kept apart."""
    df = projects[projects["investment_wan"].notna()].copy()
    df["kind"] = [INVESTMENT_KIND.get(s, "plan") for s in df["subject_id"]]
    return df.groupby(["category", "year", "kind"], as_index=False).agg(
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
            pair("finding_farmland_patch", village=r["village"]),
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
            out.append(Finding("area", sev, "area",
                {"name": name, "drawn": _num(units.m2_to_mu(drawn)), "reported": _num(units.m2_to_mu(rep_m2)),
                 "diff": f"{diff:+.1%}", "tolerance": f"{tolerance:.0%}"},
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
        out.append(Finding("overlap", "high", "overlap_parts" if same_parent else "overlap_sites",
            {"a": (a["name"], a["name_en"]), "b": (b["name"], b["name_en"]), "mu": _num(units.m2_to_mu(area), ",.2f")},
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
        out.append(Finding("overlap", "high", "double_counted", {"a": a, "b": b, "mu": _num(units.m2_to_mu(area), ",.2f")},
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
        params = {
            "site": (site["name"], site["name_en"]),
            "zone": (zone["zone"], zone["zone_en"]),
            "mu": _num(units.m2_to_mu(area), ",.2f"),
            "share": None if share is None else f"{share:.0%}",
        }
        out.append(Finding("zones", ZONE_SEVERITY.get(zone["zone_id"], "medium"),
            "zone_point" if share is None else "zone_area", params,
            {"overlap_mu": round(units.m2_to_mu(area), 2), "share": None if share is None else round(share, 3)},
            [], [f"project:{site['project_id']}", f"zone:{zone['zone_id']}"]))  # fmt: skip
    return out


def _zone(frames: dict, zone_id: str):
    z = frames["planning_zones"]
    hit = z[z["zone_id"] == zone_id]
    return (hit.iloc[0], units.to_projected(hit.geometry.union_all())) if len(hit) else (None, None)


def check_farmland(frames: dict) -> list[Finding]:
    """高标准农田 works (roads, irrigation, power lines) in the heritage zone, and drawn 高标准农田
    outside 永久基本农田: warnings with 亩 and share, per village patch."""
    patches = frames["farmland_upgrade_areas"]
    proj = patches.geometry.to_crs(units.PROJECTED_CRS).values
    out = []
    zone, heritage = _zone(frames, "heritage")
    for (_, r), geom in zip(patches.iterrows(), proj):
        inside = geom.intersection(heritage).area if heritage is not None else 0.0
        if units.m2_to_mu(inside) >= FARMLAND_MIN_MU:
            mu, share = units.m2_to_mu(inside), inside / geom.area
            out.append(Finding("farmland", "medium", "farmland_heritage",
                {"village": r["village"], "mu": _num(mu), "share": f"{share:.1%}", "zone": (zone["zone"], zone["zone_en"])},
                {"inside_mu": round(mu, 1), "share": round(share, 3)}, [], [f"farmland:{r['village']}", f"zone:{zone['zone_id']}"]))  # fmt: skip
    zone, basic = _zone(frames, "basic_farmland")
    if basic is None:
        return out
    outside = [
        (r["village"], g.difference(basic).area, g.area)
        for (_, r), g in zip(patches.iterrows(), proj)
    ]
    outside = [o for o in outside if units.m2_to_mu(o[1]) >= FARMLAND_MIN_MU]
    if outside:
        total, drawn = sum(o[1] for o in outside), sum(g.area for g in proj)
        mu, share = units.m2_to_mu(total), total / drawn
        each = tuple(sep.join(t("finding_village_mu", lang, village=v, mu=_num(units.m2_to_mu(a))) for v, a, _ in outside)
                     for sep, lang in (("、", "zh"), (", ", "en")))  # fmt: skip
        out.append(Finding("farmland", "medium", "farmland_outside_basic",
            {"mu": _num(mu), "share": f"{share:.1%}", "zone": (zone["zone"], zone["zone_en"]), "each": each},
            {"outside_mu": round(mu, 1), "share": round(share, 3), "villages": len(outside)}, [],
            [f"farmland:{v}" for v, _, _ in outside] + [f"zone:{zone['zone_id']}"]))  # fmt: skip
    return out


def check_report(facts: list[Fact]) -> list[Finding]:
    """The same thing given different figures in different places of the report."""
    out, seen = [], set()
    for fs in conflicts(facts).values():
        if fs in seen:
            continue
        seen.add(fs)
        values = tuple(
            ("、" if lang == "zh" else ", ").join(
                t("finding_report_value", lang, value=_figure(f, lang), section=f.section)
                for f in fs
            )
            for lang in ("zh", "en")
        )  # fmt: skip
        metric = fs[0].metric
        out.append(Finding("report", "medium", "report",
                           {"subject": _subject(fs[0]), "metric": (metric_label(metric, "zh"), metric_label(metric, "en")), "values": values},
                           {f"{f.section}": f.value for f in fs}, [_q(f) for f in fs],
                           [f"project:{fs[0].subject_id}-{f.year}" for f in fs]))  # fmt: skip
    return out
