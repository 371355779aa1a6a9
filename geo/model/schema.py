"""One schema per layer and table: geometry types, id column, required columns and types.

Units are in column names (``area_mu``, ``investment_wan``, ``floor_area_m2``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

POLY = ("Polygon", "MultiPolygon")
LINE = ("LineString", "MultiLineString")
POINT = ("Point", "MultiPoint")
GEOM_SOURCES = ("schematic", "surveyed", "imported", "reference")


@dataclass(frozen=True)
class Schema:
    """What a layer or table must hold."""

    name: str
    geometry: tuple[str, ...] | None
    id_column: str | None
    columns: dict[str, str] = field(default_factory=dict)
    #: Columns that may be empty (null) although required to exist.
    nullable: tuple[str, ...] = ()
    #: A boolean column that, when true, lets a record have no geometry (a site not yet chosen).
    unlocated_flag: str | None = None


_GEO = {"geom_source": "str"}

SCHEMAS: dict[str, Schema] = {
    s.name: s
    for s in [
        Schema("boundary", POLY, "name", {"name": "str", **_GEO}),
        Schema("district_outline", POLY, "name", {"name": "str", "source": "str", "accuracy": "str", **_GEO}),
        Schema(
            "villages", POLY, "code",
            {"code": "str", "name": "str", "name_source": "str", "name_confirmed": "bool",
             "households": "int", "population": "int", **_GEO},
            nullable=("households", "population"),
        ),
        Schema("river", LINE, "name", {"name": "str", **_GEO}),
        Schema("railway", LINE, "name", {"name": "str", **_GEO}),
        Schema("roads", LINE, "name", {"name": "str", "kind": "str", **_GEO}),
        Schema("hills", POLY, "name", {"name": "str", "elevation_m": "float", **_GEO}, ("elevation_m",)),
        Schema("heritage_sites", POINT + LINE + POLY, "name", {"name": "str", **_GEO}),
        Schema("scenic_area", POLY, "name", {"name": "str", **_GEO}),
        Schema("scenic_routes", LINE, "route_id", {"route_id": "str", "name": "str", "name_source": "str", **_GEO}),
        Schema("tourist_road", LINE, "subject_id", {"name": "str", "subject_id": "str", "reported_length_km": "float", **_GEO}),
        Schema("solar_lamps", POINT, "lamp_no", {"lamp_no": "int", **_GEO}),
        Schema("pois", POINT, "name", {"name": "str", **_GEO}),
        Schema(
            "projects", POINT + LINE + POLY, "project_id",
            {"project_id": "str", "subject_id": "str", "name": "str", "name_en": "str",
             "category": "str", "year": "int", "status": "str", "section": "str",
             "village": "str", "village_source": "str", "investment_wan": "float",
             "reported_area_mu": "float", "fact_ids": "str", **_GEO},
            nullable=("village", "village_source", "investment_wan", "reported_area_mu", "fact_ids"),
            unlocated_flag="site_undecided",
        ),
        Schema("liujiazhong_blocks", POLY, "block", {"block": "str", "land_use": "str", **_GEO}),
        Schema("farmland_upgrade_areas", POLY, "village", {"village": "str", "area_mu": "float", **_GEO}),
        Schema("demo_zones", POLY, "zone_id", {"zone_id": "str", "name": "str", **_GEO}),
        Schema("meal_points", POINT, "village_code", {"village_code": "str", "village": "str", "name": "str", **_GEO}),
        Schema("planning_zones", POLY, "zone_id", {"zone_id": "str", "zone": "str", **_GEO}),
        Schema(
            "trusteeship", None, None,
            {"village": "str", "year": "int", "trusteeship_mu": "float",
             "collective_income_wan": "float", "value_source": "str"},
        ),
        Schema("farmland_upgrade", None, "village", {"village": "str", "year": "int", "area_mu": "float"}),
        Schema("assessment", None, None, {"village_code": "str", "month": "str", "score": "float"}),
        Schema(
            "plots", POLY, "plot_id",
            {"plot_id": "str", "village": "str", "village_code": "str", "area_mu": "float",
             "holder_code": "str", "trusteeship_status": "str", "trusteeship_year": "int", **_GEO},
            nullable=("trusteeship_year",),
        ),  # 确权 contract plots; holder_code is an opaque code, never a person's name
    ]
}  # fmt: skip


def _type_ok(value, kind: str) -> bool:
    if kind == "str":
        return isinstance(value, str) and value.strip() != ""
    if kind == "bool":
        return isinstance(value, bool) or str(value).lower() in ("true", "false")
    if kind in ("int", "float"):
        if isinstance(value, bool):
            return False
        try:
            number = float(value)
        except (TypeError, ValueError):
            return False
        return number == number and (kind == "float" or number.is_integer())
    return False


def validate_frame(schema: Schema, frame: pd.DataFrame) -> list[str]:
    """Problems with a layer or table against its schema, as readable sentences."""
    problems = []
    missing = [c for c in schema.columns if c not in frame.columns]
    if missing:
        problems.append(f"{schema.name}: missing column(s) {', '.join(missing)}")
    for col, kind in schema.columns.items():
        if col in missing:
            continue
        for i, value in frame[col].items():
            empty = value is None or value == "" or (isinstance(value, float) and value != value)
            if empty and col in schema.nullable:
                continue
            if empty or not _type_ok(value, kind):
                problems.append(
                    f"{schema.name}: row {_label(schema, frame, i)} has a bad {col} ({value!r}; expected {kind})"
                )
    if schema.id_column and schema.id_column in frame.columns:
        dup = frame[schema.id_column][frame[schema.id_column].duplicated()].tolist()
        if dup:
            problems.append(
                f"{schema.name}: duplicate {schema.id_column}: {', '.join(map(str, dup))}"
            )
    if "geom_source" in frame.columns:
        bad = sorted(set(frame["geom_source"].dropna()) - set(GEOM_SOURCES))
        if bad:
            problems.append(f"{schema.name}: unknown geom_source value(s) {bad}")
    return problems


def _label(schema: Schema, frame: pd.DataFrame, i) -> str:
    if schema.id_column and schema.id_column in frame.columns:
        return f"{i} ({frame.at[i, schema.id_column]})"
    return str(i)


def is_unlocated(schema: Schema, row) -> bool:
    """Whether a record is flagged as having no location yet (its geometry may be empty)."""
    if not schema.unlocated_flag:
        return False
    value = row.get(schema.unlocated_flag) if hasattr(row, "get") else None
    return value is True or str(value).lower() == "true"
