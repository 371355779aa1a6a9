"""The overlay layers of a printed map, one function each, in the web map's colours.

Each ``draw_*(ax, pf, spec, legend)`` draws a layer of the metre frames ``pf`` and appends
its legend group ``(title, [(kind, colour, text)])``; kinds are line, dash, fill, point.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from geo.i18n import t
from geo.maps import style
from geo.maps.mapping import filter_year, located
from geo.maps.options import DEFAULT_OVERLAYS
from geo.model.project_specs import CATEGORIES

#: CGCS2000 / 3-degree Gauss-Kruger CM 117E (the catalogue's CRS for measures): metres.
METRIC_CRS = "EPSG:4548"
_BASE = ("boundary", "villages", "hills", "river", "roads", "railway", "planning_zones",
         "farmland_upgrade_areas", "demo_zones", "scenic_routes", "tourist_road", "solar_lamps",
         "meal_points", "projects", "pois")  # fmt: skip
DASH = (0, (5, 3))
DOT = (0, (1.5, 2.5))


@dataclass
class MapSpec:
    """What a printed map shows (the sidebar's layers and year, an optional village metric)."""

    lang: str = "zh"
    overlays: tuple[str, ...] = DEFAULT_OVERLAYS
    year: str = "both"
    metric: str | None = None
    metric_values: dict[str, float] = field(default_factory=dict)
    focus: str | None = None  # a village code drawn strongly
    highlight: tuple = ()  # geometries (metric CRS) outlined in the selection colour
    label_size: float = 7.0
    marker: float = 1.0  # scale of point symbols
    base_labels: bool = True


def project_frames(frames: dict) -> dict:
    """The layers a printed map uses, in metres (features without a site are left out)."""
    return {k: located(frames[k]).to_crs(METRIC_CRS) for k in _BASE if k in frames}


def draw_zones(ax, pf, spec, legend) -> None:
    g, names = (
        pf["planning_zones"],
        pf["planning_zones"]["zone" if spec.lang == "zh" else "zone_en"],
    )
    for z, geom in zip(g["zone_id"], g.geometry):
        _poly(ax, geom, style.ZONE_COLORS[z], 0.25, 0.6, 3)
    legend.append(
        (
            t("lyr_zones", spec.lang),
            [("fill", style.ZONE_COLORS[z], n) for z, n in zip(g["zone_id"], names)],
        )
    )


def draw_farmland(ax, pf, spec, legend) -> None:
    pf["farmland_upgrade_areas"].plot(
        ax=ax, facecolor="#f0d878", edgecolor="#b8860b", linewidth=0.5, alpha=0.55, zorder=4
    )
    legend.append(
        (
            t("lyr_farmland", spec.lang),
            [("fill", "#f0d878", t("lyr_farmland", spec.lang) + _sx(spec))],
        )
    )


def _sx(spec) -> str:
    return f"（{t('schematic', spec.lang)}）"


def draw_demo_zones(ax, pf, spec, legend) -> None:
    g = pf["demo_zones"]
    names = g["name" if spec.lang == "zh" else "name_en"]
    for z, geom in zip(g["zone_id"], g.geometry):
        c = style.DEMO_ZONE_COLORS[z]
        _poly(ax, geom, c, 0.06, 0.0, 5)
        _outline(ax, geom, c, 1.6, DASH, 5)
    legend.append(
        (
            t("lyr_demo_zones", spec.lang),
            [("dash", style.DEMO_ZONE_COLORS[z], n) for z, n in zip(g["zone_id"], names)],
        )
    )


def draw_villages(ax, pf, spec, legend) -> None:
    v = pf["villages"]
    values = spec.metric_values if spec.metric else {}
    breaks = style.class_breaks(list(values.values())) if values else []
    for code, geom in zip(v["code"], v.geometry):
        fill = style.ramp_color(values.get(code), breaks) if values else "#ffffff"
        alpha = 0.8 if values else (0.0 if spec.focus and code != spec.focus else 0.25)
        if spec.focus == code and not values:
            fill, alpha = "#fff3c4", 0.9
        _poly(ax, geom, fill, alpha, 0.0, 6)
        _outline(
            ax,
            geom,
            "#333" if code == spec.focus else "#8a8a8a",
            1.8 if code == spec.focus else 0.5,
            "-",
            7,
        )
    rows = [("fill", "#ffffff", t("lyr_villages", spec.lang) + _sx(spec))]
    if values and breaks:
        lower = min(values.values())
        rows = []
        for colour, upper in zip(style.RAMP, breaks + [max(values.values())]):
            rows.append(("fill", colour, f"{_num(lower)} – {_num(upper)}"))
            lower = upper
        rows.append(("fill", style.NO_DATA, t("print_no_data", spec.lang)))
        legend.append((t(f"metric_{spec.metric}", spec.lang), rows))
        return
    legend.append((t("lyr_villages", spec.lang), rows))


def _num(v) -> str:
    return f"{v:,.1f}".rstrip("0").rstrip(".")


def draw_boundary(ax, pf, spec, legend) -> None:
    for geom in pf["boundary"].geometry:
        _outline(ax, geom, style.BOUNDARY, 2.0, (0, (8, 3, 2, 3)), 8)
    legend.append(
        (
            t("lyr_boundary", spec.lang),
            [("dash", style.BOUNDARY, t("lyr_boundary", spec.lang) + _sx(spec))],
        )
    )


def draw_routes(ax, pf, spec, legend) -> None:
    g = pf["scenic_routes"]
    names = g["name" if spec.lang == "zh" else "name_en"]
    rows = []
    for r, src, n, geom in zip(g["route_id"], g["name_source"], names, g.geometry):
        c = style.ROUTE_COLORS.get(r, "#555")
        ax.plot(
            *_xy(geom),
            color=c,
            linewidth=2.6,
            alpha=0.9,
            zorder=9,
            linestyle=DASH if src == "placeholder" else "-",
            solid_capstyle="round",
        )
        rows.append(("dash" if src == "placeholder" else "line", c, n))
    legend.append((t("lyr_routes", spec.lang), rows))


def draw_tourist_road(ax, pf, spec, legend) -> None:
    g = pf["tourist_road"]
    for c, geom in zip(["#455a64", "#fbc02d"], g.geometry):
        ax.plot(*_xy(geom), color=c, linewidth=3.2, alpha=0.7, zorder=9)
    legend.append(
        (
            t("lyr_tourist_road", spec.lang),
            [("line", "#455a64", "15 km"), ("line", "#fbc02d", t("print_lit_section", spec.lang))],
        )
    )


def draw_lamps(ax, pf, spec, legend) -> None:
    g = pf["solar_lamps"]
    ax.scatter(
        g.geometry.x,
        g.geometry.y,
        s=4 * spec.marker,
        color="#ffd600",
        edgecolors="#8a6d00",
        linewidths=0.3,
        zorder=10,
    )
    legend.append(
        (
            t("lyr_lamps", spec.lang),
            [("point", "#ffd600", f"{t('lyr_lamps', spec.lang)}（{len(g)}）")],
        )
    )


def draw_meals(ax, pf, spec, legend) -> None:
    g = pf["meal_points"]
    ax.scatter(
        g.geometry.x,
        g.geometry.y,
        s=14 * spec.marker,
        color="#f8bbd0",
        edgecolors="#7b1fa2",
        linewidths=0.6,
        zorder=11,
    )
    legend.append(
        (
            t("lyr_meal_points", spec.lang),
            [("point", "#f8bbd0", t("print_meal_legend", spec.lang, n=len(g)))],
        )
    )


def draw_projects(ax, pf, spec, legend) -> None:
    g = filter_year(pf["projects"], spec.year)
    for _, r in g.iterrows():
        c, geom = style.CATEGORY_COLORS[r["category"]], r.geometry
        if geom.geom_type.endswith("Point"):
            ax.scatter(
                [geom.centroid.x],
                [geom.centroid.y],
                s=40 * spec.marker,
                color=c,
                edgecolors="#222",
                linewidths=0.8,
                zorder=13,
            )
        elif "Line" in geom.geom_type:
            ax.plot(
                *_xy(geom),
                color=c,
                linewidth=2.4,
                zorder=12,
                linestyle=DOT if r["year"] == 2024 else "-",
            )
        else:
            _poly(ax, geom, c, 0.2, 0.0, 12)
            _outline(ax, geom, c, 1.6, "-", 12)
    rows = [
        ("point", style.CATEGORY_COLORS[c], t("category_" + c, spec.lang))
        for c in CATEGORIES
        if c in set(g["category"])
    ]
    if (g["year"] == 2024).any():
        rows.append(("dot", "#555", t("print_planned_line", spec.lang)))
    legend.append((t("lyr_projects", spec.lang) + f"（{t('year_' + spec.year, spec.lang)}）", rows))


def draw_pois(ax, pf, spec, legend) -> None:
    g = pf["pois"]
    ax.scatter(
        g.geometry.x,
        g.geometry.y,
        s=50 * spec.marker,
        color="#4db6ac",
        edgecolors="#004d40",
        linewidths=1,
        zorder=14,
    )
    legend.append((t("pois", spec.lang), [("point", "#4db6ac", t("pois", spec.lang))]))


def _xy(geom):
    """x and y arrays of a (multi)line, parts separated by NaN."""
    parts = list(geom.geoms) if hasattr(geom, "geoms") else [geom]
    xs, ys = [], []
    for p in parts:
        x, y = p.xy
        xs += [*x, float("nan")]
        ys += [*y, float("nan")]
    return xs, ys


def _rings(geom):
    polys = list(geom.geoms) if hasattr(geom, "geoms") else [geom]
    for p in polys:
        yield p.exterior
        yield from p.interiors


def _poly(ax, geom, colour, alpha, lw, z) -> None:
    for p in list(geom.geoms) if hasattr(geom, "geoms") else [geom]:
        x, y = p.exterior.xy
        ax.fill(x, y, facecolor=colour, alpha=alpha, edgecolor="none", linewidth=lw, zorder=z)


def _outline(ax, geom, colour, lw, ls, z) -> None:
    if "Polygon" not in geom.geom_type:
        ax.plot(*_xy(geom), color=colour, linewidth=lw, linestyle=ls, zorder=z)
        return
    for ring in _rings(geom):
        x, y = ring.xy
        ax.plot(x, y, color=colour, linewidth=lw, linestyle=ls, zorder=z)


#: Drawing order (bottom to top), as in the web map.
DRAW = {
    "zones": draw_zones, "farmland": draw_farmland, "demo_zones": draw_demo_zones, "villages": draw_villages,
    "boundary": draw_boundary, "routes": draw_routes, "tourist_road": draw_tourist_road, "lamps": draw_lamps,
    "meal_points": draw_meals, "projects": draw_projects, "pois": draw_pois,
}  # fmt: skip
ORDER = tuple(DRAW)
