"""Import of survey files into the store: detect, map columns, preview and validate, commit.

    source = read_upload(name, data)              # geo.import_read: safe reading, any format
    plan = propose(source, "projects", frames)    # detected CRS, datum suggestion, mapping
    preview = prepare(source, plan, frames)       # EPSG:4326 frame + validation report
    commit(preview, store, user, reason, progress=cb)   # one transaction: every row or none

Nothing is written before ``commit``; a preview with errors cannot be committed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import pandas as pd
from pyproj import CRS
from pyproj.exceptions import CRSError
from shapely.geometry import Point

from geo.ingest import columns as im
from geo.ingest.apply import commit
from geo.ingest.columns import suggest_xy
from geo.ingest.crs import (
    SOURCES,
    CrsGuess,
    DatumSuggestion,
    apply_datum,
    detect_crs,
    suggest_datum,
    to_wgs84,
)
from geo.ingest.read import Source, read_upload
from geo.ingest.validation import Issue, check_geometries, check_records
from geo.model.coords import DATUMS
from geo.model.errors import DataError
from geo.model.schema import SCHEMAS, is_unlocated
from geo.store.interface import frame_rows, key_columns, key_text

__all__ = [
    "Plan",
    "Preview",
    "Proposal",
    "commit",
    "needs_xy",
    "prepare",
    "propose",
    "read_upload",
    "suggest_xy",
    "targets",
]


@dataclass
class Plan:
    """The user's choices for one import (all editable in the import page)."""

    target: str
    mapping: dict[str, str] = field(default_factory=dict)  # target column -> source column
    defaults: dict[str, object] = field(default_factory=dict)  # target column -> one value for all
    xy: tuple[str, str] | None = None  # source columns of x/longitude and y/latitude (tables)
    crs: str | None = None  # "EPSG:4548" or WKT; None: the detected one
    swapped: bool = False
    datum: str | None = None  # wgs84, gcj02 or bd09; None: not decided (nothing can be written)
    source: str | None = None  # what the editor says the file is from (crs.SOURCES)
    detected: str | None = None  # what the data says (crs.suggest_datum), for a cross-check
    mode: str = "upsert"  # upsert: add new, update matching; replace: the layer becomes the file
    geom_source: str = "imported"  # or "surveyed"


@dataclass
class Proposal:
    """A first plan with what detection found."""

    plan: Plan
    crs: CrsGuess | None
    datum: DatumSuggestion | None


@dataclass
class Preview:
    """What a commit would write, and the validation report."""

    plan: Plan
    source_name: str
    frame: pd.DataFrame
    issues: list[Issue]
    record_ids: list[str]
    #: Where the features would land read as each datum, while the datum is undecided.
    placements: dict[str, gpd.GeoSeries] = field(default_factory=dict)
    #: The existing records as the preview saw them (record id → row), for the commit's merge.
    bases: dict[str, dict] = field(default_factory=dict)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def ok(self) -> bool:
        """No error: can be committed."""
        return not self.errors


def targets(frames: dict) -> list[str]:
    """Layers and tables an import can fill: those with a schema that the store holds."""
    return [name for name in SCHEMAS if name in frames]


def _reference(frames: dict) -> tuple[float, float]:
    c = frames["boundary"].union_all().centroid
    return c.x, c.y


def raw_geometry(source: Source, plan: Plan) -> gpd.GeoDataFrame:
    """The source's geometry in its own coordinates (points built from x/y for tables)."""
    if source.has_geometry:
        return gpd.GeoDataFrame(geometry=source.frame.geometry.values, crs=None)
    if not plan.xy or any(c not in source.frame for c in plan.xy):
        raise DataError("no_coordinates")
    x, y = (np.array([im.parse_number(v) for v in source.frame[c]], dtype=float) for c in plan.xy)
    geoms = [None if np.isnan(a) or np.isnan(b) else Point(a, b) for a, b in zip(x, y)]
    return gpd.GeoDataFrame(geometry=geoms, crs=None)


def detect(source: Source, plan: Plan, frames: dict) -> tuple[CrsGuess, DatumSuggestion]:
    """The CRS of the coordinates and whether they look GCJ-02/BD-09 shifted."""
    raw = raw_geometry(source, plan)
    valid = raw[raw.geometry.notna() & ~raw.geometry.is_empty]
    if valid.empty:
        raise DataError("no_coordinates")
    guess = detect_crs(source.crs, valid.total_bounds, _reference(frames))
    if not guess.crs.is_geographic:
        return guess, DatumSuggestion("wgs84", "projected", {})
    wgs = to_wgs84(valid, guess.crs, guess.swapped)
    name_col = plan.mapping.get("name")
    names = source.frame.loc[valid.index, name_col] if name_col else None
    return guess, suggest_datum(wgs, frames, names)


def needs_xy(source: Source, target: str) -> bool:
    """True when points must be built from x/y columns of a table."""
    return SCHEMAS[target].geometry is not None and not source.has_geometry


def propose(
    source: Source, target: str, frames: dict, xy: tuple[str, str] | None = None
) -> Proposal:
    """A plan from the column names and the detected CRS and datum (``xy``: chosen columns)."""
    if target not in SCHEMAS:
        raise DataError("unknown_target", target=target)
    plan = Plan(target, mapping=im.suggest_mapping(list(source.frame.columns), target))
    if SCHEMAS[target].geometry is None:
        return Proposal(plan, None, None)
    if not source.has_geometry:
        plan.xy = xy or im.suggest_xy(source.frame)
        for col in plan.xy or ():
            plan.mapping = {k: v for k, v in plan.mapping.items() if v != col}
    guess, datum = detect(source, plan, frames)
    plan.crs, plan.swapped = guess.crs.to_string(), guess.swapped
    plan.datum = plan.detected = datum.datum
    return Proposal(plan, guess, datum)


def _convert(values: pd.Series, kind: str, factor: float, choices) -> tuple[list, list[int]]:
    out, bad = [], []
    for i, v in enumerate(values):
        try:
            if choices:
                out.append(im.parse_choice(v, *choices))
            elif kind == "str":
                out.append(im.parse_text(v))
            elif kind == "bool":
                out.append(im.parse_bool(v))
            else:
                n = im.parse_number(v)
                if n is not None and (
                    np.isnan(n) or (kind == "int" and not float(n * factor).is_integer())
                ):
                    raise ValueError(v)
                out.append(
                    None if n is None else (int(n * factor) if kind == "int" else n * factor)
                )
        except ValueError:
            out.append(None)
            bad.append(i)
    return out, bad


def _column_kind(target: str, col: str) -> str:
    if col == SCHEMAS[target].unlocated_flag:
        return "bool"
    return SCHEMAS[target].columns.get(
        col, "float" if col.endswith(("_pct", "_mu", "_wan", "_m2", "_km")) else "str"
    )


def _mapped(source: Source, plan: Plan, issues: list[Issue]) -> pd.DataFrame:
    """The source rows in target columns, with types, units and choices converted."""
    n, data = len(source.frame), {}
    for col in im.mappable_columns(plan.target):
        src = plan.mapping.get(col)
        if src in source.frame:
            values, factor = source.frame[src], im.unit_factor(src, col)
        elif plan.defaults.get(col) not in (None, ""):
            values, factor = pd.Series([plan.defaults[col]] * n), 1.0
        else:
            continue
        choices = im.CHOICES.get((plan.target, col))
        data[col], bad = _convert(values, _column_kind(plan.target, col), factor, choices)
        fill = plan.defaults.get(col)
        if src in source.frame and fill not in (None, ""):  # the one value fills the blanks
            filled, _ = _convert(pd.Series([fill]), _column_kind(plan.target, col), 1.0, choices)
            data[col] = [filled[0] if v is None else v for v in data[col]]
        if bad:
            vals = [str(values.iloc[i]) for i in bad]
            issues.append(Issue.make("error", "bad_choice" if choices else "bad_value", bad, col=col,
                                     values=", ".join(vals[:5]), allowed=", ".join(choices[0] if choices else ())))  # fmt: skip
        if factor != 1.0:
            issues.append(
                Issue.make("info", "unit_converted", [], col=col, src=src, factor=f"{factor:g}")
            )
    personal = im.personal_columns(list(source.frame.columns))
    if personal:
        issues.append(Issue.make("info", "personal_skipped", [], cols=", ".join(personal)))
    return pd.DataFrame(data, index=range(n))


def _provenance(frame: pd.DataFrame, plan: Plan, frames: dict) -> None:
    """Where the file's values and positions come from (before merging with existing rows)."""
    cols = SCHEMAS[plan.target].columns
    if "geom_source" in cols:
        frame["geom_source"] = plan.geom_source
    if "value_source" in cols or "value_source" in getattr(frames.get(plan.target), "columns", ()):
        frame["value_source"] = "imported"
    if "village_source" in cols and "village" in frame:
        frame["village_source"] = "imported"


def _fill(frame: pd.DataFrame, col: str, values) -> None:
    """Set ``col`` where it is blank (a new column is all blank)."""
    old = list(frame[col]) if col in frame else [None] * len(frame)
    frame[col] = [new if _missing(v) or v == "" else v for v, new in zip(old, values)]


def _complete(frame: pd.DataFrame, plan: Plan, frames: dict, new: list[bool]) -> None:
    """Fill what is still blank in new rows: English name, section, the village a point is in
    (rows of existing records keep what they hold, so the same file again changes nothing)."""
    cols, n = SCHEMAS[plan.target].columns, len(frame)
    only_new = lambda values: [v if k else None for v, k in zip(values, new)]  # noqa: E731
    if "name_en" in cols and "name" in frame:
        _fill(frame, "name_en", only_new(frame["name"]))
    for col, value in (
        ("section", "imported"),
        ("name_source", "imported"),
        ("name_confirmed", True),
    ):
        if col in cols:
            _fill(frame, col, only_new([value] * n))
    if "village" in cols and isinstance(frame, gpd.GeoDataFrame) and "villages" in frames:
        located = frame[frame.geometry.notna()][["geometry"]]
        hits = gpd.sjoin(located, frames["villages"][["name", "geometry"]], predicate="intersects")
        first = hits[~hits.index.duplicated()]["name"]
        blank = [_missing(v) for v in (frame["village"] if "village" in frame else [None] * n)]
        _fill(frame, "village", only_new([first.get(i) for i in frame.index]))
        if "village_source" in cols:
            _fill(frame, "village_source", only_new(["location" if b else None for b in blank]))


def _by_name(existing: pd.DataFrame | None, id_col: str) -> dict[tuple[str, str], object]:
    if existing is None or "name" not in existing or id_col not in existing:
        return {}
    years = existing["year"] if "year" in existing else [None] * len(existing)
    return {(n, key_text(y)): i for n, y, i in zip(existing["name"], years, existing[id_col])}


def _ids(frame: pd.DataFrame, plan: Plan, frames: dict, issues: list[Issue]) -> None:
    """Fill a missing id from an existing record of the same name (and year), else make one."""
    cols = SCHEMAS[plan.target].columns
    id_col = SCHEMAS[plan.target].id_column
    if not id_col or "name" not in frame or (id_col in frame and frame[id_col].notna().all()):
        return
    known = _by_name(frames.get(plan.target), id_col)
    given = list(frame[id_col]) if id_col in frame else [None] * len(frame)
    years = [key_text(y) for y in frame["year"]] if "year" in frame else [""] * len(frame)
    ids, matched, made = [], [], []
    for i, (gid, name, year) in enumerate(zip(given, frame["name"], years)):
        if gid:
            ids.append(gid)
        elif (name, year) in known:
            ids.append(known[(name, year)])
            matched.append(i)
        else:
            stem = "imp_" + hashlib.sha1(f"{plan.target}|{name}".encode()).hexdigest()[:8]
            ids.append(f"{stem}-{year}" if "subject_id" in cols and year else stem)
            made.append(i)
    frame[id_col] = ids
    if "subject_id" in cols:
        given_subject = list(frame["subject_id"]) if "subject_id" in frame else [None] * len(frame)
        frame["subject_id"] = [
            s or str(pid).rsplit("-", 1)[0] for s, pid in zip(given_subject, ids)
        ]
    if matched:
        issues.append(Issue.make("info", "id_matched", matched, col=id_col))
    if made:
        issues.append(Issue.make("info", "id_generated", made, col=id_col))


def _merge_existing(frame: pd.DataFrame, rids: list[str], existing: pd.DataFrame | None,
                    keys: tuple[str, ...]) -> pd.DataFrame:  # fmt: skip
    """Rows that update an existing record keep the values the file does not give."""
    if existing is None or existing.empty or not rids or not all(c in existing for c in keys):
        return frame
    old = {"|".join(key_text(r[c]) for c in keys): r for r in existing.to_dict("records")}
    if not any(rid in old for rid in rids):
        return frame
    merged = []
    for rid, row in zip(rids, frame.to_dict("records")):
        base = dict(old.get(rid, {}))
        base.update({k: v for k, v in row.items() if not _missing(v)})
        merged.append(base)
    columns = [c for c in existing.columns if c != "geometry"]
    columns += [c for c in frame.columns if c not in columns and c != "geometry"]
    out = pd.DataFrame(merged, columns=columns)
    if isinstance(frame, gpd.GeoDataFrame):
        return gpd.GeoDataFrame(out, geometry=[r.get("geometry") for r in merged], crs="EPSG:4326")
    return out


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value))


def prepare(source: Source, plan: Plan, frames: dict) -> Preview:
    """The rows a commit would write, in EPSG:4326, with the validation report."""
    schema, issues = SCHEMAS[plan.target], []
    frame = _mapped(source, plan, issues)
    if schema.geometry:
        raw = raw_geometry(source, plan)
        try:
            crs = CRS.from_user_input(plan.crs) if plan.crs else detect(source, plan, frames)[0].crs
        except CRSError as exc:
            raise DataError("unknown_crs", msg=str(plan.crs)) from exc
        wgs = to_wgs84(raw, crs, plan.swapped)
        placements = _datum_issues(wgs, crs, plan, issues)
        unlocated = {
            i for i, row in enumerate(frame.to_dict("records")) if is_unlocated(schema, row)
        }
        geoms = check_geometries(
            apply_datum(wgs, plan.datum or "wgs84").geometry, plan.target, frames, issues, unlocated
        )
        frame = gpd.GeoDataFrame(frame, geometry=geoms, crs="EPSG:4326")
    _provenance(frame, plan, frames)
    _ids(frame, plan, frames, issues)
    keys = key_columns(plan.target)
    rids = (
        [
            "|".join(key_text(frame.at[i, c]) if c in frame else "" for c in keys)
            for i in frame.index
        ]
        if keys
        else []
    )
    existing = frames.get(plan.target)
    bases = _bases(existing, keys)
    frame = _merge_existing(frame, rids, existing, keys)
    _complete(
        frame, plan, frames, [rid not in bases for rid in rids] if rids else [True] * len(frame)
    )
    issues += check_records(frame, plan.target, rids, existing, plan.mode)
    preview = Preview(plan, source.name, frame, issues, rids, bases=bases)
    if schema.geometry:
        preview.placements = placements
    return preview


def _bases(existing: pd.DataFrame | None, keys: tuple[str, ...]) -> dict[str, dict]:
    if existing is None or existing.empty or not keys or not all(c in existing for c in keys):
        return {}
    rows = frame_rows(existing)
    return {"|".join(key_text(r.get(c)) for c in keys): r for r in rows}


def _datum_issues(wgs: gpd.GeoDataFrame, crs: CRS, plan: Plan, issues: list[Issue]) -> dict:
    """An undecided datum blocks the commit (the placements are shown to choose from); a stated
    source that the data contradicts is a warning."""
    if not crs.is_geographic:
        plan.datum = plan.datum or "wgs84"  # projected coordinates are never web-map shifted
        return {}
    stated = SOURCES.get(plan.source or "")
    plan.datum = stated or plan.datum  # what the editor states wins over the detection
    if stated and plan.detected and plan.detected != stated:
        issues.append(
            Issue.make("warning", "datum_disagrees", [], stated=stated, detected=plan.detected)
        )
    if plan.datum is not None:
        return {}
    issues.append(Issue.make("error", "datum_undecided", []))
    return {d: apply_datum(wgs, d).geometry for d in DATUMS}
