"""Build the schematic (示意) layers and tables of ``data/`` (``python -m geo build``).

Deterministic: two runs write identical files. Geometry is schematic; reported figures are
copied from ``data/facts.csv`` (each quoting the report), never typed in here.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.ops import unary_union

from geo.files.geojson import atomic_write_text, write_geojson
from geo.model.facts import load_facts
from geo.model.paths import DATA_DIR
from geo.model.project_specs import (
    FARMLAND_AS_WRITTEN,
    FARMLAND_NAMED,
    LIUJIAZHONG_BLOCKS,
    PROJECTS,
)
from geo.schematic import layout as L
from geo.schematic import shapes as S
from geo.schematic.project_sites import build_projects, project_geometry


def build_villages(outline):
    """The 37 villages: Voronoi cells of named and placeholder seeds, clipped to the outline."""
    seeds = S.village_seeds(outline)
    cells = S.village_cells(outline, seeds)
    order = sorted(range(len(seeds)), key=lambda i: (-round(seeds[i][1].y, -2), seeds[i][1].x))
    rows, geoms = [], []
    for n, i in enumerate(order, start=1):
        name, _, source = seeds[i]
        code = f"QL{n:02d}"
        rows.append(
            {
                "code": code,
                "name": name or f"村庄{n:02d}（待核实）",
                "name_source": source,
                "name_confirmed": name is not None,
                "households": None,
                "population": None,
                "geom_source": S.SCHEMATIC,
            }
        )
        geoms.append(cells[i])
    return rows, geoms


def build_base(outline) -> dict[str, gpd.GeoDataFrame]:
    """Base layers for the offline basemap: river, railway, roads, hills, heritage."""
    roads = list(L.ROADS)
    hills = list(L.HILLS)
    tombs = [S.line(L.SIWANG_TOMBS), S.pt(L.ERWANG_TOMBS)]
    return {
        "river": S.frame_of([{"name": "淄河", "name_en": "Zi River", "geom_source": S.SCHEMATIC}], [S.line(L.RIVER)]),
        "railway": S.frame_of([{"name": "胶济铁路", "name_en": "Jiaozhou–Jinan Railway", "geom_source": S.SCHEMATIC}], [S.line(L.RAILWAY)]),
        "roads": S.frame_of(
            [{"name": n, "kind": L.ROAD_KIND.get(n, "town"), "in_report": n in _REPORT_ROADS, "geom_source": S.SCHEMATIC} for n in roads],
            [S.road_line(n) for n in roads],
        ),
        "hills": S.frame_of(
            [{"name": n, "elevation_m": L.HILLS[n][3], "elevation_source": "context.md" if L.HILLS[n][3] else None, "geom_source": S.SCHEMATIC} for n in hills],
            [S.ellipse(*L.HILLS[n][:3]) for n in hills],
        ),
        "heritage_sites": S.frame_of(
            [
                {"name": "田齐王陵·四王冢", "name_en": "Tian Qi tombs: Four Kings' Mounds", "geom_source": S.SCHEMATIC},
                {"name": "田齐王陵·二王冢", "name_en": "Tian Qi tombs: Two Kings' Mounds", "geom_source": S.SCHEMATIC},
            ],
            tombs,
        ),
    }  # fmt: skip


_REPORT_ROADS = {"牛山路", "门前路", "一中路", "淄水路", "东郡路", "牛山西路"}


def build_scenic(outline) -> tuple[dict[str, gpd.GeoDataFrame], dict]:
    """马莲台: area, routes, the 15 km road, the 3.5 km lit section and its 85 lamps, POIs."""
    road = S.tourist_road()
    lit = S.lit_section(road)
    lamps = S.solar_lamps(lit)
    park = S.ellipse(*L.COUNTRY_PARK)
    routes = {
        "route1": ("经典线路一（线路待核实）", "Classic route 1 (to be confirmed)", "placeholder"),
        "route2": ("经典线路二（线路待核实）", "Classic route 2 (to be confirmed)", "placeholder"),
        "route3": ("第三条经典线路：牛山西路—牛山圣境—牛山郊野公园", "Third classic route: Niushan West Rd – Niushan Shengjing – Niushan Country Park", "report"),
    }  # fmt: skip
    layers = {
        "scenic_area": S.frame_of([{"name": "马莲台景区", "name_en": "Malian scenic area", "geom_source": S.SCHEMATIC}], [S.scenic_area(outline)]),
        "scenic_routes": S.frame_of(
            [{"route_id": k, "name": v[0], "name_en": v[1], "name_source": v[2], "geom_source": S.SCHEMATIC} for k, v in routes.items()],
            [S.line(L.ROUTES[k]) for k in routes],
        ),
        "tourist_road": S.frame_of(
            [{"name": "马莲台旅游路", "subject_id": "malian_tourist_road", "reported_length_km": 15.0, "geom_source": S.SCHEMATIC},
             {"name": "太阳能路灯覆盖路段", "subject_id": "malian_solar_lamps", "reported_length_km": 3.5, "geom_source": S.SCHEMATIC}],
            [road, lit],
        ),
        "solar_lamps": S.frame_of(
            [{"lamp_no": i + 1, "subject_id": "malian_solar_lamps", "geom_source": S.SCHEMATIC} for i in range(len(lamps))], lamps
        ),
        "pois": S.frame_of(
            [{"name": n, "name_source": src, "geom_source": S.SCHEMATIC} for n, (_, src) in L.POIS.items()]
            + [{"name": "牛山郊野公园", "name_source": "report", "geom_source": S.SCHEMATIC}],
            [S.pt(p) for p, _ in L.POIS.values()] + [park.centroid],
        ),
    }  # fmt: skip
    extra = {
        "tourist_road": road,
        "lit_section": lit,
        "route3": S.line(L.ROUTES["route3"]),
        "country_park": park,
    }
    return layers, extra


def build_liujiazhong(cell) -> tuple[dict, gpd.GeoDataFrame]:
    """The 530 亩 renewal site inside 刘家终村: 130 亩 resettlement + 400 亩 sale land."""
    site = S.shrink_to_area(cell, S.mu_to_m2(530))
    minx, miny, maxx, maxy = site.bounds
    lo, hi = minx, maxx
    for _ in range(80):  # a west strip of exactly 130 亩 is the resettlement land
        mid = (lo + hi) / 2
        if site.intersection(S.box(minx, miny, mid, maxy)).area < S.mu_to_m2(130):
            lo = mid
        else:
            hi = mid
    resettle = site.intersection(S.box(minx, miny, hi, maxy))
    sale = _drop_slivers(site.difference(resettle))
    bands = np.linspace(miny, maxy, len(LIUJIAZHONG_BLOCKS))
    blocks = [resettle] + [
        sale.intersection(S.box(hi, bands[i], maxx, bands[i + 1])) for i in range(len(bands) - 1)
    ]
    rows = [
        {"block": zh, "block_en": en, "land_use": "resettlement" if i == 0 else "sale",
         "land_use_source": "inferred", "name_source": "report",
         "size_source": "report" if i == 0 else S.SCHEMATIC, "geom_source": S.SCHEMATIC}
        for i, (zh, en) in enumerate(LIUJIAZHONG_BLOCKS)
    ]  # fmt: skip
    parts = {
        "liujiazhong_site": site,
        "liujiazhong_resettlement": resettle,
        "liujiazhong_sale": sale,
    }
    return parts, S.frame_of(rows, blocks)


def _drop_slivers(geom, min_m2: float = 500.0):
    """The polygon without the hair-thin pieces a cut can leave (they break on rounding)."""
    parts = [p for p in getattr(geom, "geoms", [geom]) if p.area > min_m2]
    return unary_union(parts)


def choose_farmland_villages(names, cells, town) -> list[str]:
    """16 villages: the two the report names, then the plains villages farthest from the town."""
    scenic = S.scenic_area(S.boundary())
    plains = [
        (n, c) for n, c in zip(names, cells)
        if n not in FARMLAND_NAMED and not scenic.contains(c.centroid)
    ]  # fmt: skip
    plains.sort(key=lambda nc: -nc[1].centroid.distance(town))
    return FARMLAND_NAMED + [n for n, _ in plains[: 16 - len(FARMLAND_NAMED)]]


def build_farmland(names, cells, avoid) -> tuple[pd.DataFrame, list]:
    """11,400 亩 split over 16 villages by available area (schematic), with patches drawn."""
    chosen = choose_farmland_villages(names, cells, S.pt(L.TOWN))
    avail = {n: cells[names.index(n)].difference(avoid) for n in chosen}
    split = S.split_largest_remainder(11400, [avail[n].area for n in chosen])
    patches = [S.shrink_to_area(avail[n], S.mu_to_m2(mu)) for n, mu in zip(chosen, split)]
    table = pd.DataFrame(
        {"village": chosen, "year": 2024, "area_mu": split,
         "village_source": [_farmland_source(n) for n in chosen],
         "village_as_reported": [FARMLAND_AS_WRITTEN.get(n, "") for n in chosen],
         "split_source": S.SCHEMATIC}
    )  # fmt: skip
    return table, patches


def _farmland_source(name: str) -> str:
    """``report`` where the report writes the village's name, ``inferred`` where it is read
    (南齐 → 南齐陵), ``schematic`` for the villages chosen to make up the 16."""
    if name not in FARMLAND_NAMED:
        return S.SCHEMATIC
    return "report" if FARMLAND_AS_WRITTEN.get(name) == name else "inferred"


def build_trusteeship(names, cells, town) -> pd.DataFrame:
    """28 villages, 10,000 亩 in all (reported); who and how much per village is schematic."""
    ranked = sorted(zip(names, cells), key=lambda nc: -nc[1].centroid.distance(town))[:28]
    ranked.sort(key=lambda nc: names.index(nc[0]))
    split = S.split_largest_remainder(10000, [c.area for _, c in ranked])
    return pd.DataFrame(
        {
            "village": [n for n, _ in ranked],
            "year": 2023,
            "trusteeship_mu": split,
            # The report gives only a floor ("均超20万元"); these estimates are schematic.
            "collective_income_wan": [round(20 + mu / 100, 1) for mu in split],
            "value_source": S.SCHEMATIC,
        }
    )


def build_zones(outline, sites) -> gpd.GeoDataFrame:
    """Planning zones for checks: basic farmland, heritage protection, scenic core (schematic)."""
    heritage = unary_union([S.line(L.SIWANG_TOMBS).buffer(300), S.pt(L.ERWANG_TOMBS).buffer(250)])
    town = S.pt(L.TOWN).buffer(1700)
    industry = S.pt(L.INDUSTRY).buffer(L.INDUSTRY_RADIUS_KM * 1000)
    scenic = S.scenic_area(outline)
    farmland = (
        outline.difference(unary_union([town, industry, scenic, heritage]))
        .difference(S.line(L.RIVER).buffer(200))
        .difference(unary_union([s.buffer(100) for s in sites]))
    )
    rows = [
        {"zone_id": "basic_farmland", "zone": "永久基本农田（示意）", "zone_en": "Permanent basic farmland (schematic)", "geom_source": S.SCHEMATIC},
        {"zone_id": "heritage", "zone": "田齐王陵保护范围（示意）", "zone_en": "Tian Qi tombs protection zone (schematic)", "geom_source": S.SCHEMATIC},
        {"zone_id": "scenic_core", "zone": "马莲台景区核心区（示意）", "zone_en": "Malian scenic core (schematic)", "geom_source": S.SCHEMATIC},
    ]  # fmt: skip
    return S.frame_of(rows, [farmland, heritage, S.poly(L.SCENIC_CORE).intersection(outline)])


def build_demo_zones(outline, cells) -> gpd.GeoDataFrame:
    """The three demonstration zones of 一(五), as unions of village cells (schematic)."""
    scenic = S.scenic_area(outline)
    north, south, east = [], [], []
    for c in cells:
        if scenic.contains(c.centroid):
            south.append(c)
        elif S.north_of_railway(c.centroid):
            north.append(c)
        elif c.centroid.x - S.xy(0, 0)[0] > L.DEMO_EAST_X_KM * 1000:
            east.append(c)
    rows = [
        {"zone_id": "north", "name": "北部文产融合示范片区（龙池文化、后李文化）", "name_en": "Northern culture–industry zone (Longchi and Houli cultures)", "geom_source": S.SCHEMATIC},
        {"zone_id": "south", "name": "南部马莲台景区文旅融合示范片区", "name_en": "Southern Malian culture–tourism zone", "geom_source": S.SCHEMATIC},
        {"zone_id": "east", "name": "东部土地托管示范片区", "name_en": "Eastern land-trusteeship zone", "geom_source": S.SCHEMATIC},
    ]  # fmt: skip
    return S.frame_of(rows, [unary_union(north), unary_union(south), unary_union(east)])


def build_meal_points(names, codes, cells) -> gpd.GeoDataFrame:
    rows = [
        {"village_code": code, "village": n, "name": f"{n}助餐点", "geom_source": S.SCHEMATIC}
        for n, code in zip(names, codes)
    ]
    return S.frame_of(rows, [c.representative_point() for c in cells])


def build_assessment(codes, names) -> pd.DataFrame:
    """Monthly village scores for 2023: entirely schematic (the report gives none)."""
    rng = np.random.default_rng(2023)
    rows = []
    for code, name in zip(codes, names):
        base = rng.uniform(84, 95)
        for month in range(1, 13):
            score = float(np.clip(base + rng.normal(0, 2.5), 70, 100))
            rows.append({"village_code": code, "village": name, "month": f"2023-{month:02d}",
                         "score": round(score, 1), "value_source": S.SCHEMATIC})  # fmt: skip
    return pd.DataFrame(rows)


def build_all(data_dir: Path = DATA_DIR) -> dict[str, object]:
    """Build every schematic layer and table into ``data_dir``; returns them by name."""
    facts = load_facts(data_dir)
    outline = S.boundary()
    vrows, cells = build_villages(outline)
    names = [r["name"] for r in vrows]
    codes = [r["code"] for r in vrows]
    town = S.pt(L.TOWN)
    scenic, parts = build_scenic(outline)
    lj_parts, blocks = build_liujiazhong(cells[names.index("刘家终")])
    parts.update(lj_parts)
    sites = [
        project_geometry(p[8], parts, {f.fact_id: f for f in facts})
        for p in PROJECTS
        if p[8][0] == "square"
    ]
    avoid = unary_union(sites + [lj_parts["liujiazhong_site"]]).buffer(60)
    farmland_table, patches = build_farmland(names, cells, avoid)
    parts["farmland_patches"] = patches
    villages = S.frame_of(vrows, cells)
    out: dict[str, object] = {
        "boundary": _outline_of(villages, [{"name": "齐陵街道", "name_en": "Qiling Subdistrict", "area_km2_context": L.BOUNDARY_KM2,
                           "households_context": 9256, "population_context": 30751, "geom_source": S.SCHEMATIC}]),
        "villages": villages,
        **build_base(outline),
        **scenic,
        "projects": build_projects(facts, parts, names, cells),
        "liujiazhong_blocks": blocks,
        "farmland_upgrade_areas": S.frame_of(
            [{"village": v, "area_mu": mu, "geom_source": S.SCHEMATIC} for v, mu in zip(farmland_table.village, farmland_table.area_mu)], patches),
        "demo_zones": build_demo_zones(outline, cells),
        "meal_points": build_meal_points(names, codes, cells),
        "planning_zones": build_zones(outline, sites + [lj_parts["liujiazhong_site"]]),
        "trusteeship": build_trusteeship(names, cells, town),
        "farmland_upgrade": farmland_table,
        "assessment": build_assessment(codes, names),
    }  # fmt: skip
    write_all(out, Path(data_dir))
    return out


def _outline_of(villages: gpd.GeoDataFrame, rows: list[dict]) -> gpd.GeoDataFrame:
    """The boundary as the union of the rounded village cells, so they tile it exactly."""
    geom = shapely.set_precision(shapely.union_all(villages.geometry.values), 1e-6)
    return gpd.GeoDataFrame(rows, geometry=[geom], crs="EPSG:4326")


def write_all(layers: dict, data_dir: Path) -> None:
    for name, obj in layers.items():
        if isinstance(obj, gpd.GeoDataFrame):
            write_geojson(obj, data_dir / f"{name}.geojson")
        else:
            atomic_write_text(
                data_dir / f"{name}.csv", obj.to_csv(index=False, lineterminator="\n")
            )
