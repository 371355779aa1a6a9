"""``python -m geo check``: validate the whole dataset and name every problem."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely

from geo.checks.consistency import consistency_problems
from geo.checks.placement import check_placement
from geo.files.readers import Dataset, load_all
from geo.model import units
from geo.model.catalog import NATURES, load_catalog
from geo.model.facts import load_facts, quote_supports, report_text, uncovered_numbers
from geo.model.paths import DATA_DIR
from geo.model.schema import SCHEMAS, is_unlocated, validate_frame

#: Loose box around the subdistrict: anything outside is in the wrong CRS or place.
LON_RANGE = (118.2, 118.6)
LAT_RANGE = (36.6, 36.95)
#: Reference layers cover more than the subdistrict: their own loose box.
REFERENCE_RANGES = {"district_outline": ((118.0, 118.7), (36.5, 37.1))}
TILING_TOLERANCE_M2 = 1.0
VILLAGE_COUNT = 37


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the dataset."""

    check: str
    message: str

    def __str__(self) -> str:
        return f"[{self.check}] {self.message}"


def check_dataset(data_dir: Path = DATA_DIR) -> list[Problem]:
    """Every problem found in the dataset at ``data_dir`` (empty when all is well)."""
    data_dir = Path(data_dir)
    problems = _check_catalog(data_dir)
    if problems:
        return problems
    try:
        data = load_all(data_dir)
    except (ValueError, OSError, KeyError) as exc:
        return [Problem("read", str(exc))]
    for name, ds in data.items():
        problems += [Problem("schema", m) for m in validate_frame(SCHEMAS[name], ds.frame)]
        if ds.entry.kind == "layer":
            problems += _check_geometry(name, ds)
    problems += _check_tiling(data)
    problems += _check_placement(data)
    problems += _check_facts(data_dir)
    problems += _check_totals(data, data_dir)
    return problems


def _check_catalog(data_dir: Path) -> list[Problem]:
    try:
        catalog = load_catalog(data_dir)
    except (OSError, ValueError, TypeError) as exc:
        return [Problem("catalogue", f"catalog.json cannot be read: {exc}")]
    out = []
    for e in catalog.values():
        if not (data_dir / e.file).is_file():
            out.append(Problem("catalogue", f"{e.id}: file {e.file} is missing"))
        if e.nature not in NATURES:
            out.append(Problem("catalogue", f"{e.id}: nature {e.nature!r} is not one of {NATURES}"))
        if e.kind in ("layer", "table") and e.id not in SCHEMAS:
            out.append(Problem("catalogue", f"{e.id}: no schema declared"))
    listed = {e.file for e in catalog.values()} | {"catalog.json"}
    for path in sorted(data_dir.iterdir()):
        if path.suffix in (".geojson", ".csv", ".json", ".txt") and path.name not in listed:
            out.append(Problem("catalogue", f"{path.name} is not in catalog.json"))
    return out


def _check_geometry(name: str, ds: Dataset) -> list[Problem]:
    schema, gdf, out = SCHEMAS[name], ds.frame, []
    for i, geom in enumerate(gdf.geometry):
        label = f"{name}: feature {i}" + (
            f" ({gdf[schema.id_column].iloc[i]})" if schema.id_column in gdf else ""
        )
        if geom is None or geom.is_empty:
            if not is_unlocated(schema, gdf.iloc[i]):
                out.append(Problem("geometry", f"{label} has no geometry"))
            continue
        if schema.geometry and geom.geom_type not in schema.geometry:
            out.append(
                Problem(
                    "geometry",
                    f"{label} is a {geom.geom_type}; expected {'/'.join(schema.geometry)}",
                )
            )
        if not geom.is_valid:
            out.append(Problem("geometry", f"{label} is invalid: {shapely.is_valid_reason(geom)}"))
        xy = shapely.get_coordinates(geom)
        lons, lats = REFERENCE_RANGES.get(name, (LON_RANGE, LAT_RANGE))
        if not (_within(xy[:, 0], lons) and _within(xy[:, 1], lats)):
            out.append(
                Problem(
                    "crs",
                    f"{label} has coordinates outside the subdistrict (lon {lons}, lat {lats}): wrong CRS or axis order?",
                )
            )
        elif not np.array_equal(np.round(xy, 6), xy):
            out.append(Problem("crs", f"{label} has coordinates with more than 6 decimals"))
    return out


def _within(values, bounds) -> bool:
    return bool(np.all((values >= bounds[0]) & (values <= bounds[1])))


def _check_tiling(data: dict[str, Dataset]) -> list[Problem]:
    villages, outline = data["villages"].frame, data["boundary"].frame
    if not (villages.geometry.is_valid.all() and outline.geometry.is_valid.all()):
        return []  # reported by the geometry check; overlay would be meaningless
    out = []
    if len(villages) != VILLAGE_COUNT:
        out.append(
            Problem("tiling", f"villages: {len(villages)} villages; expected {VILLAGE_COUNT}")
        )
    proj = villages.to_crs(units.PROJECTED_CRS)
    names = proj["name"].tolist()
    tree = shapely.STRtree(proj.geometry.values)
    for i, j in zip(*tree.query(proj.geometry.values, predicate="intersects")):
        if i < j:
            area = proj.geometry.iloc[i].intersection(proj.geometry.iloc[j]).area
            if area > TILING_TOLERANCE_M2:
                out.append(
                    Problem(
                        "tiling", f"villages {names[i]} and {names[j]} overlap by {area:,.0f} m²"
                    )
                )
    union = shapely.union_all(proj.geometry.values)
    bound = outline.to_crs(units.PROJECTED_CRS).geometry.iloc[0]
    gap = bound.difference(union).area
    spill = union.difference(bound).area
    if gap > TILING_TOLERANCE_M2:
        out.append(
            Problem(
                "tiling",
                f"villages leave {gap:,.0f} m² of the boundary uncovered (a gap or a missing village)",
            )
        )
    if spill > TILING_TOLERANCE_M2:
        out.append(Problem("tiling", f"villages extend {spill:,.0f} m² beyond the boundary"))
    return out


def _check_placement(data: dict[str, Dataset]) -> list[Problem]:
    try:
        return [Problem(c, m) for c, m in check_placement({k: v.frame for k, v in data.items()})]
    except KeyError as exc:
        return [Problem("placement", f"cannot check placement: {exc}")]


def _check_facts(data_dir: Path) -> list[Problem]:
    text, facts, out = report_text(data_dir), load_facts(data_dir), []
    for f in facts:
        if f.quote not in text:
            out.append(Problem("facts", f"{f.fact_id}: quote is not in the report: {f.quote!r}"))
        elif not quote_supports(f):
            out.append(
                Problem(
                    "facts",
                    f"{f.fact_id}: {f.value:g} {f.unit} is not the number in its quote {f.quote!r}",
                )
            )
    for pos, token in uncovered_numbers(text, facts):
        out.append(Problem("facts", f"the report's number {token} (character {pos}) has no fact"))
    return out


def _check_totals(data: dict[str, Dataset], data_dir: Path) -> list[Problem]:
    frames = {name: ds.frame for name, ds in data.items()}
    try:
        return [Problem(c, m) for c, m in consistency_problems(frames, load_facts(data_dir))]
    except KeyError as exc:
        return [Problem("totals", f"cannot check totals: {exc}")]
