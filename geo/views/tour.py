"""The presentation tour (汇报演示): stops defined in ``data/tour.json``, figures from the data.

A stop names what to show (features, a category, a demonstration zone, a layer) and which
figures to put on its cards: a reported fact by id, or a value computed from the data. No
figure is typed into the tour file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd

from geo.i18n import metric_label, t
from geo.model.facts import Fact, reported
from geo.model.paths import DATA_DIR
from geo.model.units import format_money_sum
from geo.views.citations import fact_figure, quote_text, subject_label
from geo.views.kpi import planned_investment_2024, project_count_card

TOUR_FILE = "tour.json"


@dataclass(frozen=True)
class BigFigure:
    """One big number on a card, with a one-line source."""

    value: str
    label: str
    source: str


@dataclass
class Stop:
    """One stop of the tour."""

    id: str
    title_zh: str
    title_en: str
    focus: dict
    overlays: tuple[str, ...]
    figures: list[dict]
    subtitle_zh: str = ""
    subtitle_en: str = ""
    metric: str | None = None
    year: str = "both"
    extra: dict = field(default_factory=dict)

    def title(self, lang: str) -> str:
        return self.title_zh if lang == "zh" else self.title_en

    def subtitle(self, lang: str) -> str:
        return self.subtitle_zh if lang == "zh" else self.subtitle_en


class TourError(ValueError):
    """The tour file names something that does not exist (a readable sentence)."""


def load_tour(data_dir: Path = DATA_DIR) -> tuple[dict, list[Stop]]:
    """The tour's titles and its stops, in order."""
    raw = json.loads((Path(data_dir) / TOUR_FILE).read_text(encoding="utf-8"))
    known = {
        "id",
        "title_zh",
        "title_en",
        "focus",
        "overlays",
        "figures",
        "subtitle_zh",
        "subtitle_en",
        "metric",
        "year",
    }
    stops = []
    for i, s in enumerate(raw.get("stops", [])):
        missing = {"id", "title_zh", "title_en", "focus", "figures"} - set(s)
        if missing:
            raise TourError(f"tour stop {i + 1}: missing {', '.join(sorted(missing))}")
        stops.append(Stop(**{k: v for k, v in s.items() if k in known and k != "overlays"},
                          overlays=tuple(s.get("overlays", ("boundary", "villages", "projects"))),
                          extra={k: v for k, v in s.items() if k not in known}))  # fmt: skip
    if not stops:
        raise TourError("the tour has no stops")
    return {k: v for k, v in raw.items() if k != "stops"}, stops


def focus_fids(stop: Stop, frames: dict) -> list[str]:
    """The feature ids a stop highlights and frames."""
    f, p = stop.focus, frames["projects"]
    if "fids" in f:
        return list(f["fids"])
    if "category" in f or "year" in f:
        sel = p
        if "category" in f:
            sel = sel[sel["category"] == f["category"]]
        if "year" in f:
            sel = sel[sel["year"] == int(f["year"])]
        return [f"project:{pid}" for pid in sel["project_id"]]
    if "demo_zone" in f:
        return [f"demo:{f['demo_zone']}"]
    return []


def focus_bounds(stop: Stop, frames: dict, features_for) -> tuple[float, float, float, float]:
    """(minx, miny, maxx, maxy) the stop's map shows."""
    if "layer" in stop.focus:
        gdf: gpd.GeoDataFrame = frames[stop.focus["layer"]]
        return tuple(gdf.total_bounds)
    sel = features_for(frames, focus_fids(stop, frames))
    if sel is None:
        return tuple(frames["boundary"].total_bounds)
    minx, miny, maxx, maxy = sel.total_bounds
    pad = 0.003
    return (minx - pad, miny - pad, maxx + pad, maxy + pad)


def _fact_figure(f: Fact, lang: str, facts: list[Fact]) -> BigFigure:
    """A reported figure; the report's conflict mark goes to the smaller label line, so the big
    figure stays one short line on a projector."""
    value = fact_figure(f, lang)
    conflict = fact_figure(f, lang, facts)[len(value) :]
    label = f"{subject_label(f, lang)} · {metric_label(f.metric, lang)}{conflict}"
    return BigFigure(value, label, quote_text(f, lang))


def _invest(kind: str, frames: dict, facts: list[Fact], lang: str) -> BigFigure:
    total, used = planned_investment_2024(frames["projects"], facts, (kind,))
    return BigFigure(format_money_sum(total, lang), t(f"tour_invest_{kind}", lang),
                     t(f"tour_invest_{kind}_src", lang, n=len(used),
                       items="、".join(f.subject for f in used) if lang == "zh" else len(used)))  # fmt: skip


def _computed(key: str, frames: dict, facts: list[Fact], lang: str) -> BigFigure:
    if key in ("invest_2024_plan", "invest_2024_company"):
        return _invest(key.rsplit("_", 1)[1], frames, facts, lang)
    if key == "projects_2024":
        card = project_count_card(frames, lang)
        return BigFigure(
            card.value, t("tour_projects_2024", lang), t("tour_projects_2024_src", lang)
        )
    if key == "villages":
        n = len(frames["villages"])
        meals = reported(facts, "elder_meal_points", "count")
        return BigFigure(f"{n}", t("tour_villages", lang), quote_text(meals, lang))
    raise TourError(f"unknown computed figure {key!r}")


def stop_figures(stop: Stop, frames: dict, facts: list[Fact], lang: str = "zh") -> list[BigFigure]:
    """The big figures of a stop, each with its source line."""
    by_id = {f.fact_id: f for f in facts}
    out = []
    for spec in stop.figures:
        if "fact" in spec:
            if spec["fact"] not in by_id:
                raise TourError(f"stop {stop.id}: no reported figure {spec['fact']}")
            out.append(_fact_figure(by_id[spec["fact"]], lang, facts))
        elif "computed" in spec:
            out.append(_computed(spec["computed"], frames, facts, lang))
        else:
            raise TourError(f"stop {stop.id}: a figure needs 'fact' or 'computed'")
    return out


def check_tour(stops: list[Stop], frames: dict, facts: list[Fact], features_for) -> list[str]:
    """Problems with the tour file (unknown facts, features, layers), as sentences."""
    problems = []
    for s in stops:
        try:
            stop_figures(s, frames, facts)
        except TourError as exc:
            problems.append(str(exc))
        if "layer" in s.focus and s.focus["layer"] not in frames:
            problems.append(f"stop {s.id}: unknown layer {s.focus['layer']}")
        elif "layer" not in s.focus and features_for(frames, focus_fids(s, frames)) is None:
            problems.append(f"stop {s.id}: its focus matches no feature")
        if not 1 <= len(s.figures) <= 5:
            problems.append(f"stop {s.id}: {len(s.figures)} figures (show 1 to 5)")
    return problems
