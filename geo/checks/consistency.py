"""``python -m geo check``: the data's own consistency and its totals against the report.

Totals come from the one engine (``geo.checks.totals.report_totals``); the rest are the
cross-checks a planner relies on: every village named by a table exists, the farmland patches
are drawn as large as the table says, every village has a meal point, road lengths match the
report, every project's category, status, village and cited facts are known.
"""

from __future__ import annotations

from geo.checks.totals import TotalCheck, report_totals
from geo.i18n import t
from geo.model import units
from geo.model.facts import Fact, conflicting_figures
from geo.model.project_specs import CATEGORIES, FARMLAND_NAMED, STATUSES

LENGTH_TOLERANCE = 0.02
AREA_TOLERANCE = 0.01


def consistency_problems(frames: dict, facts: list[Fact]) -> list[tuple[str, str]]:
    """(check, message) pairs for every total or cross-reference that does not hold."""
    villages = set(frames["villages"]["name"])
    out = [("totals", total_message(c)) for c in report_totals(frames, facts) if not c.ok]
    out += _villages_known(frames, villages)
    out += _farmland(frames)
    out += _lengths(frames)
    out += _projects(frames["projects"], facts, villages)
    return out


def conflicts(facts: list[Fact]) -> dict[str, tuple[Fact, ...]]:
    """Figures the report gives differently in different places (same subject and metric, e.g.
    the kindergarten's 3,690 万元 in 一(六) and 4,965 万元 in 二(五)): fact id → every version."""
    return conflicting_figures(facts)


def _cite(f: Fact) -> str:
    return f"report {f.section}: “{f.quote}”"


def total_message(c: TotalCheck) -> str:
    """One failed total in plain English, citing the report (for ``geo check``)."""
    unit = units.unit_text(c.unit, "en")
    if c.rule == "each_above":
        return "; ".join(f"{c.group}: {v} collective income {x:g} {unit} does not exceed "
                         f"{c.fact.value:g} {unit} ({_cite(c.fact)})" for v, x in c.failures)  # fmt: skip
    if c.rule == "parts_of_yu":
        return (f"{t(c.key, 'en')}: the parts add up to {c.ours:g} {unit}; {_cite(c.fact)} gives "
                f"{c.fact.value:g}{c.fact.qualifier} {unit}")  # fmt: skip
    return f"{t(c.key, 'en')}: the data give {c.ours:,.1f}; {_cite(c.fact)} gives {c.fact.value:,.10g} {unit}"


def _villages_known(frames: dict, villages: set[str]) -> list[tuple[str, str]]:
    out = []
    for layer, title in (("trusteeship", "trusteeship"), ("farmland_upgrade", "farmland upgrade")):
        for v in sorted(set(frames[layer]["village"]) - villages):
            out.append(("totals", f"{title}: village {v} is not in the villages layer"))
    for v in FARMLAND_NAMED:
        if v not in set(frames["farmland_upgrade"]["village"]):
            out.append(("totals", f"farmland upgrade: {v} is named by the report but missing from the table"))  # fmt: skip
    for v in sorted(villages - set(frames["meal_points"]["village"])):
        out.append(("totals", f"meal points: village {v} has no meal point"))
    return out


def _farmland(frames: dict) -> list[tuple[str, str]]:
    patches, out = frames["farmland_upgrade_areas"], []
    drawn = dict(zip(patches["village"], units.gdf_area_m2(patches) / units.M2_PER_MU))
    table = frames["farmland_upgrade"]
    for v, mu in zip(table["village"], table["area_mu"]):
        got = drawn.get(v, 0.0)
        if abs(got - mu) > AREA_TOLERANCE * mu:
            out.append(("totals", f"farmland upgrade: {v} is drawn as {got:,.1f} 亩 but the table says {mu:,.1f} 亩"))  # fmt: skip
    return out


def _lengths(frames: dict) -> list[tuple[str, str]]:
    out, roads = [], frames["tourist_road"]
    for (_, row), km in zip(roads.iterrows(), units.gdf_length_km(roads)):
        if abs(km - row["reported_length_km"]) > LENGTH_TOLERANCE * row["reported_length_km"]:
            out.append(("totals", f"{row['name']}: drawn {km:.2f} km, reported {row['reported_length_km']:g} km"))  # fmt: skip
    return out


def _projects(p, facts: list[Fact], villages: set[str]) -> list[tuple[str, str]]:
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
        out += _cited_facts(pid, row, by_id)
        out += _status_source(pid, row)
    return out


STATUS_SOURCES = ("report", "inferred", "imported", "edited")


def _status_source(pid: str, row) -> list[tuple[str, str]]:
    """A status says where it comes from: the report (with its quote) or an inference (why)."""
    source = row.get("status_source")
    if source is None or source != source:  # data without the column (older imports)
        return []
    if source not in STATUS_SOURCES:
        return [("projects", f"{pid}: unknown status source {source!r}")]
    if source == "report" and not (
        isinstance(row.get("status_quote"), str) and row["status_quote"]
    ):
        return [("projects", f"{pid}: status marked as reported but without its quote")]
    if source == "inferred" and not isinstance(row.get("status_reason"), str):
        return [("projects", f"{pid}: inferred status without a reason")]
    return []


def _cited_facts(pid: str, row, by_id: dict[str, Fact]) -> list[tuple[str, str]]:
    out = []
    for fid in [i for i in str(row["fact_ids"] or "").split(",") if i and i != "None"]:
        f = by_id.get(fid)
        if f is None:
            out.append(("projects", f"{pid}: cites unknown fact {fid}"))
        elif f.metric == "investment" and row["investment_wan"] != f.value:
            out.append(("projects", f"{pid}: investment {row['investment_wan']} 万元 differs from {_cite(f)}"))  # fmt: skip
    return out
